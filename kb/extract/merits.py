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

from fingerpost.kb.extract.words import tokens

__all__ = ["Cue", "cues", "side_label", "side_subject", "labelled", "clauses"]

_PRO_NOUN = r"advantages?|benefits?|pros|upsides?|merits?"
_CON_NOUN = r"disadvantages?|drawbacks?|downsides?|limitations?|cons|weakness(?:es)?|caveats?|shortcomings?|pitfalls?"
_PRO_LABEL = rf"{_PRO_NOUN}|strengths?"
_CON_LABEL = _CON_NOUN
_LABEL = re.compile(rf"^[\W_]*(?:(?:the|main|key|major|some|known|possible|potential|its|their)\s+)*"
                    rf"(?:(?P<pro>{_PRO_LABEL})|(?P<con>{_CON_LABEL}))\b(?P<rest>[^:]*?)[\W_]*$", re.I)
_LABEL_REST = re.compile(r"^(?:\s+(?:of|for|to|when|with|in)\b.*|\s+(?:are|include)|)$", re.I)
_NAMED_LABEL = re.compile(rf"^[\W_]*(?P<name>[\w+.#/-]+(?:\s+[\w+.#/-]+){{0,3}}?)(?:'s)?\s+"
                          rf"(?:(?P<pro>{_PRO_LABEL})|(?P<con>{_CON_LABEL}))[\W_]*$", re.I)
"""A side named after the alternative it is about: `RDB advantages`, `Raft limitations`."""
_PREFIX = re.compile(rf"^[\W_]*(?:(?P<pro>pro|{_PRO_LABEL})|(?P<con>con|{_CON_LABEL}))[\W_]*:[\W_]*(?=\w)", re.I)

_ADV = r"(?:(?:much|far|a lot|significantly|considerably|generally|usually|often|also|even|slightly|typically)\s+)?"
_GOOD = (r"simpler|easier|faster|quicker|cheaper|lighter|smaller|safer|"
         r"more\s+(?:reliable|secure|flexible|scalable|resilient|robust|efficient|available|portable|predictable|"
         r"lightweight|performant|durable|stable|isolated)|"
         r"less\s+(?:expensive|complex|complicated|costly|error-prone|resource-intensive|prone|susceptible|vulnerable)")
_BAD = (r"slower|harder|heavier|costlier|riskier|more\s+(?:complex|complicated|expensive|costly|difficult|fragile|"
        r"resource-intensive|error-prone|involved|prone|susceptible|vulnerable)|"
        r"less\s+(?:reliable|secure|flexible|scalable|resilient|robust|efficient|available|portable|predictable|"
        r"performant|durable|stable|isolated)")
_TASKS = (r"set\s+up|setup|install|use|operate|run|manage|maintain|start|deploy|scale|configure|learn|debug|"
          r"upgrade|automate|reproduce|understand|troubleshoot|get\s+started|recover|replace")


@dataclass(slots=True, frozen=True)
class _Shape:
    """One way of stating a pro or a con."""

    side: str
    confidence: float
    words: frozenset[str]
    """Words of which a clause must hold one for the shape to match (a quick test before the pattern)."""
    pattern: re.Pattern[str]


def _shape(side: str, confidence: float, words: str, pattern: str) -> _Shape:
    return _Shape(side, confidence, frozenset(words.split()), re.compile(pattern, re.I))


_BETTER = "simpler easier faster quicker cheaper lighter smaller safer more less"
_WORSE = "slower harder heavier costlier riskier more less"
_SHAPES: tuple[_Shape, ...] = (
    _shape("pro", 0.75, "advantage advantages benefit benefits pros upside upsides merit merits",
           rf"\b(?:{_PRO_NOUN})\b"),
    _shape("con", 0.75, "disadvantage disadvantages drawback drawbacks downside downsides limitation limitations cons "
           "weakness weaknesses caveat caveats shortcoming shortcomings pitfall pitfalls",
           rf"\b(?:{_CON_NOUN})\b"),
    _shape("con", 0.75, "catch trade tradeoff single",
           r"\bthe\s+(?:catch|trade-?off)\s+is\b|\bsingle points? of failure\b"),
    _shape("pro", 0.65, _BETTER, rf"\b(?:is|are|it's|remains?|stays?|becomes?|gets?)\s+{_ADV}(?:{_GOOD})\b"),
    _shape("pro", 0.65, "simplest easiest fastest quickest cheapest lightest safest most",
           r"\bthe\s+(?:simplest|easiest|fastest|quickest|cheapest|lightest|safest|most\s+(?:reliable|secure|flexible|"
           r"scalable|resilient|robust|efficient|lightweight|portable))\b"),
    _shape("pro", 0.65, "easy simple quick cheap straightforward painless fast",
           rf"\b(?:easy|simple|quick|cheap|straightforward|painless|fast)\s+to\s+(?:{_TASKS})\b"),
    _shape("pro", 0.65, "nothing need downtime",
           r"\bnothing\s+to\s+(?:patch|maintain|manage|clean|install|upgrade|configure|operate)\b|\bno\s+need\s+to\b|"
           r"\bwithout\s+(?:having\s+to|the\s+need\s+to|any\s+)?downtime\b"),
    _shape("con", 0.65, _WORSE, rf"\b(?:is|are|it's|remains?|becomes?|gets?)\s+{_ADV}(?:{_BAD})\b"),
    _shape("con", 0.65, "hard harder difficult complex complicated expensive costly tedious consuming cumbersome",
           rf"\b(?:hard|harder|difficult|complex|complicated|expensive|costly|tedious|time-consuming|cumbersome)\s+to\s+"
           rf"(?:{_TASKS})\b"),
    _shape("con", 0.65, "not", r"\b(?:is|are)\s+not\s+(?:suitable|suited|designed|meant|intended|ready|built)\s+(?:for|to)\b"),
    _shape("con", 0.65, "cannot can unable", r"\b(?:cannot|can't|can\s+not|(?:is|are)\s+unable\s+to)\b"),
    _shape("con", 0.65, "not doesn don won",
           r"\b(?:does\s+not|doesn't|do\s+not|don't|will\s+not|won't)\s+(?:\w+\s+)?(?:have|support|provide|offer|include|"
           r"give|allow|let|scale|survive|tolerate|guarantee|protect)\b"),
    _shape("con", 0.65, "unavailable unreachable inaccessible offline",
           r"\b(?:is|are|becomes?|goes|go|stays?|remains?)\s+(?:\w+\s+)?(?:unavailable|unreachable|inaccessible|offline)\b"),
    _shape("con", 0.65, "lack lacks lacking limited only",
           r"\black(?:s|ing)?\b|\b(?:is|are)\s+(?:only\s+)?limited\s+to\b|\bonly\s+(?:supports?|works?|runs?)\b|"
           r"\bsupports?\s+only\b"),
    _shape("pro", 0.6, "useful handy ideal suited good",
           r"\b(?:is|are)\s+(?:especially\s+|particularly\s+|very\s+)?(?:useful|handy|ideal|well[- ]suited|"
           r"a\s+good\s+(?:fit|choice|option))\s+(?:for|if|when|to|in)\b"),
    _shape("pro", 0.6, "save saves reduce reduces lower lowers cut cuts minimise minimize minimises minimizes",
           r"\bsaves?\s+(?:\w+\s+)?(?:time|money|resources|costs?|effort|space)\b|"
           r"\b(?:reduces?|lowers?|cuts?|minimi[sz]es?)\s+(?:\w+\s+)?(?:costs?|latency|downtime|complexity|overhead|risk|"
           r"load|effort|maintenance|bills?)\b"),
    _shape("pro", 0.6, "increase increases improve improves maximise maximize maximises maximizes raise raises",
           r"\b(?:increases?|improves?|maximi[sz]es?|raises?)\s+(?:\w+\s+)?(?:availability|reliability|performance|"
           r"throughput|resilience|security|redundancy|scalability|durability|isolation)\b"),
    _shape("pro", 0.6, "help helps keep keeps continue continues survive survives tolerate tolerates withstand withstands",
           r"\bhelps?\s+(?:to\s+)?(?:maintain|keep|ensure|reduce|avoid|protect|improve|prevent)\b|"
           r"\b(?:keeps?|continues?\s+to)\s+(?:working|running|serving|work|run|serve)\b|"
           r"\b(?:survives?|tolerates?|withstands?)\s+(?:the\s+)?(?:loss|failure|outage|losing)\b"),
    _shape("pro", 0.6, "pay paid billed charged",
           r"\b(?:pay|paid|billed|charged)\b[^.;]*\bonly\s+(?:for|while|when)\b|\bonly\s+pay\b"),
    _shape("con", 0.6, "more additional extra significant considerable dedicated manual separate",
           r"\b(?:requires?|requiring|needs?|takes?|uses?|consumes?)\s+(?:\w+\s+)?(?:more|additional|extra|significant|"
           r"considerable|dedicated|manual|separate)\s+\w+"),
    _shape("con", 0.6, "add adds introduce introduces increase increases more extra additional higher",
           r"\b(?:adds?|introduces?|increases?)\s+(?:\w+\s+)?(?:complexity|overhead|latency|costs?|load|maintenance|"
           r"risk)\b|\b(?:more|extra|additional|higher)\s+(?:costs?|overhead|latency|maintenance|complexity|"
           r"operational\s+\w+)\b"),
    _shape("con", 0.6, "lose loses losing lost loss",
           r"\b(?:lose|loses|losing|lost)\s+(?:\w+\s+){0,3}?(?:data|transactions?|writes?|commits?|messages?|events?|"
           r"changes|updates|records|state|work)\b|"
           r"\b(?:data|transactions?|writes?|messages?)\s+(?:is|are|will\s+be|gets?|can\s+be)\s+lost\b|\bdata\s+loss\b"),
    _shape("con", 0.6, "impact penalty slowdown suffer suffers subject",
           r"\b(?:performance\s+)?(?:impact|penalty|slowdown)\s+(?:due\s+to|from|caused\s+by)\b|\bsuffers?\s+from\b|"
           r"\bsubject\s+to\s+(?:\w+\s+)?(?:latenc\w*|delays?|outages?|throttling)\b"),
    _shape("con", 0.6, "billed charged extra responsible",
           r"\b(?:is|are)\s+(?:\w+\s+)?(?:billed|charged)\b|\bcosts?\s+extra\b|\byou\s+(?:are|will\s+be)\s+"
           r"responsible\s+for\b"),
    _shape("con", 0.6, "manage maintain operate patch monitor secure back",
           r"\byou\s+(?:have\s+to|must|need\s+to)\s+(?:\w+\s+)?(?:manage|maintain|operate|patch|monitor|secure|"
           r"back\s+up)\b"),
    _shape("con", 0.6, "only",
           r"\bonly\s+(?:\w+\s+){0,3}?(?:for|in)\s+(?:an?\s+)?(?:test\w*|demo\w*|development|dev|evaluation|trials?|"
           r"experiments?|small)\b"),
)
"""Ways of stating a pro or a con: explicit words of judgement first, then comparisons, then costs and gains."""
_NEGATED = re.compile(r"\b(?:not|no|never|without|n't|hardly)\s+(?:\w+\s+)?$", re.I)
_NOT_A_CUE = re.compile(rf"\b(?:take|takes|taking|took)\s+(?:full\s+)?advantage\b|\bpros\s+and\s+cons\b|"
                        rf"\bcons\s+and\s+pros\b|\b(?:{_PRO_NOUN}|{_CON_NOUN})\s+(?:of|for)\s+(?:each|every|both|all)\b|"
                        r"\bfor the benefit of\b", re.I)
_CONDITION = re.compile(r"\b(?:if|when|whenever|unless|in\s+case)\b(?P<body>[^,.;:]*)", re.I)
"""`if the server fails, …`: the situation a judgement is about, which is not itself judged."""
_ASIDE = re.compile(r",\s+(?:which|who|whom|whose|where)\b", re.I)
"""`…, which lists what will need manual work`: a judgement of the noun before it, not of the subject."""
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
    words = set(tokens(text))
    shapes = [s for s in _SHAPES if not s.words.isdisjoint(words)]
    if not shapes or text.rstrip().endswith("?"):
        return []
    text = _ASIDE.split(text, maxsplit=1)[0]
    masked = _NOT_A_CUE.sub(lambda m: " " * len(m.group()), text)
    masked = _CONDITION.sub(lambda m: m.group()[:m.start("body") - m.start()] + " " * len(m.group("body")), masked)
    out: dict[str, Cue] = {}
    for shape in shapes:
        if shape.side in out:
            continue
        for m in shape.pattern.finditer(masked):
            if _NEGATED.search(masked[:m.start()]):
                continue
            out[shape.side] = Cue(shape.side, shape.confidence, m.start())
            break
    pro, con = out.get("pro"), out.get("con")
    if pro is not None and con is not None and pro.start < con.start and _LESSENS.search(masked[pro.start:con.start]):
        del out["con"]  # `is less prone to data loss`: the loss is what it lessens
    return sorted(out.values(), key=lambda c: c.start)


_LESSENS = re.compile(r"\b(?:less|fewer|reduc\w*|prevent\w*|avoid\w*|protect\w*|minimi[sz]\w*|lower\w*|guards?)\b", re.I)


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


_NOT_NAMES = {"the", "main", "key", "major", "some", "known", "possible", "potential", "its", "their", "other",
              "more", "additional", "general", "common", "these", "those", "any", "no", "few", "and", "or", "why", "what",
              "how", "when", "it", "is", "are", "has", "have", "with", "without", "of", "about"}
"""Words before a side that name no alternative (`Known limitations`, `Other benefits`, `Pros and cons`)."""


def side_label(text: str) -> str:
    """`pro` or `con` when a heading or lead-in only names a side (`Pros`, `**Drawbacks:**`,
    `Advantages of X`, `RDB advantages`), else ''."""
    text = text.strip()
    if text.endswith((".", "!", "?")) or len(text.split()) > 8:  # a sentence, not a label
        return ""
    m = _LABEL.match(text)
    if m is None or not _LABEL_REST.match(m.group("rest")):
        m = _NAMED_LABEL.match(text)
        if m is None or _NOT_NAMES & set(m.group("name").lower().split()) or _LABEL.match(m.group("name")):
            return ""
    return "pro" if m.group("pro") else "con"


def side_subject(text: str) -> tuple[str, str]:
    """(side, what it is the side of) for a label naming both: `Downsides of agent mode` → ('con',
    'agent mode'), `RDB advantages` → ('pro', 'RDB'); ('', '') when the label names no subject."""
    side = side_label(text)
    if not side:
        return "", ""
    text = text.strip()
    m = _LABEL.match(text)
    if m is not None and _LABEL_REST.match(m.group("rest")):
        of = re.match(r"^\s+(?:of|for|with|in)\s+(?:the\s+|using\s+)?(?P<what>.+)$", m.group("rest"), re.I)
        return (side, of.group("what").strip()) if of else ("", "")
    m = _NAMED_LABEL.match(text)
    return (side, m.group("name").strip()) if m else ("", "")


def labelled(text: str) -> tuple[str, str]:
    """(side, the rest) of a text opened by a side label: `Con: slower restores` → ('con', 'slower restores')."""
    m = _PREFIX.match(text)
    if m is None:
        return "", text
    return ("pro" if m.group("pro") else "con"), text[m.end():].strip()
