"""Sentence shapes that state a pro or a con: what speaks for or against the thing a sentence is about.

Like `patterns`, these know English words of judgement (`simpler`, `drawback`, `cannot`,
`requires more`), never a product. Each cue says which side it is on, how sure it makes us and
where it starts (the words before it are the sentence's subject):

    >>> [(c.side, c.confidence) for c in cues("The main drawback is the extra hop.")]
    [('con', 0.75)]
    >>> [(c.side, c.confidence) for c in cues("It is much simpler to operate.")]
    [('pro', 0.65)]
    >>> cues("It is not simpler to operate."), cues("Take advantage of the cache.")
    ([], [])
    >>> side_label("**Disadvantages:**"), side_label("Benefits of the cloud"), side_label("Pros and cons")
    ('con', 'pro', '')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Cue", "cues", "side_label", "labelled", "clauses"]

_PRO_NOUN = r"advantages?|benefits?|pros|upsides?|merits?"
_CON_NOUN = r"disadvantages?|drawbacks?|downsides?|limitations?|cons|weakness(?:es)?|caveats?|shortcomings?|pitfalls?"
_PRO_LABEL = rf"{_PRO_NOUN}|strengths?"
_CON_LABEL = _CON_NOUN
_LABEL = re.compile(rf"^[\W_]*(?:(?:the|main|key|major|some|known|possible|potential|its|their)\s+)*"
                    rf"(?:(?P<pro>{_PRO_LABEL})|(?P<con>{_CON_LABEL}))\b(?P<rest>[^:]*?)[\W_]*$", re.I)
_LABEL_REST = re.compile(r"^(?:\s+(?:of|for|to|when|with|in)\b.*|\s+(?:are|include)|)$", re.I)
_PREFIX = re.compile(rf"^[\W_]*(?:(?P<pro>pro|{_PRO_LABEL})|(?P<con>con|{_CON_LABEL}))[\W_]*:[\W_]*(?=\w)", re.I)

_ADV = r"(?:(?:much|far|a lot|significantly|considerably|generally|usually|often|also|even|slightly|typically)\s+)?"
_GOOD = (r"simpler|easier|faster|quicker|cheaper|lighter|smaller|safer|"
         r"more\s+(?:reliable|secure|flexible|scalable|resilient|robust|efficient|available|portable|predictable|"
         r"lightweight|performant|durable|stable|isolated)|"
         r"less\s+(?:expensive|complex|complicated|costly|error-prone|resource-intensive)")
_BAD = (r"slower|harder|heavier|costlier|riskier|more\s+(?:complex|complicated|expensive|costly|difficult|fragile|"
        r"resource-intensive|error-prone|involved)|"
        r"less\s+(?:reliable|secure|flexible|scalable|resilient|robust|efficient|available|portable|predictable|"
        r"performant|durable|stable|isolated)")
_TASKS = (r"set\s+up|setup|install|use|operate|run|manage|maintain|start|deploy|scale|configure|learn|debug|"
          r"upgrade|automate|reproduce|understand|troubleshoot|get\s+started|recover|replace")
_SHAPES: tuple[tuple[str, float, re.Pattern[str]], ...] = (
    ("pro", 0.75, re.compile(rf"\b(?:{_PRO_NOUN})\b", re.I)),
    ("con", 0.75, re.compile(rf"\b(?:{_CON_NOUN})\b|\bthe\s+(?:catch|trade-?off)\s+is\b|"
                             r"\bsingle points? of failure\b", re.I)),
    ("pro", 0.65, re.compile(rf"\b(?:is|are|it's|remains?|stays?|becomes?|gets?)\s+{_ADV}(?:{_GOOD})\b|"
                             r"\bthe\s+(?:simplest|easiest|fastest|quickest|cheapest|lightest|safest|most\s+(?:reliable|"
                             r"secure|flexible|scalable|resilient|robust|efficient|lightweight|portable))\b|"
                             rf"\b(?:easy|simple|quick|cheap|straightforward|painless|fast)\s+to\s+(?:{_TASKS})\b|"
                             r"\bnothing\s+to\s+(?:patch|maintain|manage|clean|install|upgrade|configure|operate)\b|"
                             r"\bno\s+need\s+to\b|\bwithout\s+(?:having\s+to|the\s+need\s+to|any\s+)?downtime\b", re.I)),
    ("con", 0.65, re.compile(rf"\b(?:is|are|it's|remains?|becomes?|gets?)\s+{_ADV}(?:{_BAD})\b|"
                             rf"\b(?:hard|harder|difficult|complex|complicated|expensive|costly|tedious|"
                             rf"time-consuming|cumbersome)\s+to\s+(?:{_TASKS})\b|"
                             r"\b(?:is|are)\s+not\s+(?:suitable|suited|designed|meant|intended|ready|built)\s+"
                             r"(?:for|to)\b|"
                             r"\b(?:cannot|can't|can\s+not|(?:is|are)\s+unable\s+to)\b|"
                             r"\b(?:does\s+not|doesn't|do\s+not|don't|will\s+not|won't)\s+(?:\w+\s+)?(?:have|support|"
                             r"provide|offer|include|scale|survive|tolerate|guarantee|protect)\b|"
                             r"\black(?:s|ing)?\b|\b(?:is|are)\s+(?:only\s+)?limited\s+to\b|"
                             r"\bonly\s+(?:supports?|works?|runs?)\b|\bsupports?\s+only\b", re.I)),
    ("pro", 0.6, re.compile(r"\b(?:is|are)\s+(?:especially\s+|particularly\s+|very\s+)?(?:useful|handy|ideal|"
                            r"well[- ]suited|a\s+good\s+(?:fit|choice|option))\s+(?:for|if|when|to|in)\b|"
                            r"\bsaves?\s+(?:\w+\s+)?(?:time|money|resources|costs?|effort|space)\b|"
                            r"\b(?:reduces?|lowers?|cuts?|minimi[sz]es?)\s+(?:\w+\s+)?(?:costs?|latency|downtime|"
                            r"complexity|overhead|risk|load|effort|maintenance|bills?)\b|"
                            r"\b(?:increases?|improves?|maximi[sz]es?|raises?)\s+(?:\w+\s+)?(?:availability|"
                            r"reliability|performance|throughput|resilience|security|redundancy|scalability|"
                            r"durability|isolation)\b|"
                            r"\bhelps?\s+(?:to\s+)?(?:maintain|keep|ensure|reduce|avoid|protect|improve|prevent)\b|"
                            r"\b(?:keeps?|continues?\s+to)\s+(?:working|running|serving|work|run|serve)\b|"
                            r"\b(?:pay|paid|billed|charged)\b[^.;]*\bonly\s+(?:for|while|when)\b|"
                            r"\bonly\s+pay\b", re.I)),
    ("con", 0.6, re.compile(r"\b(?:requires?|requiring|needs?|takes?|uses?|consumes?)\s+(?:\w+\s+)?(?:more|additional|"
                            r"extra|significant|considerable|dedicated|manual|separate)\s+\w+|"
                            r"\b(?:adds?|introduces?|increases?)\s+(?:\w+\s+)?(?:complexity|overhead|latency|costs?|"
                            r"load|maintenance|risk)\b|"
                            r"\b(?:more|extra|additional|higher)\s+(?:costs?|overhead|latency|maintenance|complexity|"
                            r"operational\s+\w+)\b|"
                            r"\b(?:lose|loses|losing|lost)\s+(?:\w+\s+)?data\b|\bdata\s+(?:is|are|will\s+be|gets?)\s+"
                            r"lost\b|\bdata\s+loss\b|"
                            r"\b(?:is|are)\s+(?:\w+\s+)?(?:billed|charged)\b|\bcosts?\s+extra\b|"
                            r"\byou\s+(?:are|will\s+be)\s+responsible\s+for\b|"
                            r"\byou\s+(?:have\s+to|must|need\s+to)\s+(?:\w+\s+)?(?:manage|maintain|operate|patch|"
                            r"monitor|secure|back\s+up)\b|"
                            r"\bonly\s+(?:\w+\s+){0,3}?(?:for|in)\s+(?:an?\s+)?(?:test\w*|demo\w*|development|dev|"
                            r"evaluation|trials?|experiments?|small)\b", re.I)),
)
"""(side, confidence, shape): explicit words of judgement first, then comparisons, then costs and gains."""
_NEGATED = re.compile(r"\b(?:not|no|never|without|n't|hardly)\s+(?:\w+\s+)?$", re.I)
_NOT_A_CUE = re.compile(rf"\b(?:take|takes|taking|took)\s+(?:full\s+)?advantage\b|\bpros\s+and\s+cons\b|"
                        rf"\bcons\s+and\s+pros\b|\b(?:{_PRO_NOUN}|{_CON_NOUN})\s+(?:of|for)\s+(?:each|every|both|all)\b|"
                        r"\bfor the benefit of\b", re.I)
_CLAUSE = re.compile(r",?\s+\b(?:but|while|whereas|although|though|yet)\b\s*|;\s*|,\s+however,?\s+", re.I)


@dataclass(slots=True, frozen=True)
class Cue:
    """Words of a sentence that state a pro or a con."""

    side: str
    """`pro` or `con`."""
    confidence: float
    """How surely the words judge (explicit `drawback` above `requires more`)."""
    start: int
    """Where the words start in the text (what comes before is the subject)."""


def cues(text: str) -> list[Cue]:
    """Pro and con cues of one clause, first the surest per side; a negated pro cue is no cue."""
    if text.rstrip().endswith("?"):
        return []
    masked = _NOT_A_CUE.sub(lambda m: " " * len(m.group()), text)
    out: dict[str, Cue] = {}
    for side, confidence, shape in _SHAPES:
        if side in out:
            continue
        for m in shape.finditer(masked):
            if _NEGATED.search(masked[:m.start()]):
                continue
            out[side] = Cue(side, confidence, m.start())
            break
    return sorted(out.values(), key=lambda c: c.start)


def clauses(sentence: str) -> list[tuple[int, str]]:
    """(offset, clause) pairs split at `but`, `while`, `whereas`, `;`, `however`."""
    out, start = [], 0
    for m in _CLAUSE.finditer(sentence):
        if sentence[start:m.start()].strip():
            out.append((start, sentence[start:m.start()].strip()))
        start = m.end()
    if sentence[start:].strip():
        out.append((start, sentence[start:].strip()))
    return out


def side_label(text: str) -> str:
    """`pro` or `con` when a heading or lead-in only names a side (`Pros`, `**Drawbacks:**`,
    `Advantages of X`), else ''."""
    m = _LABEL.match(text.strip())
    if m is None or not _LABEL_REST.match(m.group("rest")):
        return ""
    return "pro" if m.group("pro") else "con"


def labelled(text: str) -> tuple[str, str]:
    """(side, the rest) of a text opened by a side label: `Con: slower restores` → ('con', 'slower restores')."""
    m = _PREFIX.match(text)
    if m is None:
        return "", text
    return ("pro" if m.group("pro") else "con"), text[m.end():].strip()
