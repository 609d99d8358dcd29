"""Conditions from prose as people write them: when an alternative is the one to pick.

A sentence that says an alternative is *the one to use* under a condition — `Use the offline
package if the host has no connection to the Internet`, `If you need custom settings, use the
chart instead`, `It can be useful if you need a short-lived cluster` — gives the condition
(`useful for …` with no `if` is a judgement: a pro, read by kb.extract.tradeoffs). A condition
about what the installation is for (testing, CI, getting started; production) is a purpose;
anything else becomes a yes/no question named by the words of what is needed or had:

    >>> c = condition("Use the offline package if the host has no connection to the Internet.")
    >>> (c.purpose, c.negated, c.phrase, c.id)
    ('', True, 'connection to the internet', 'internet')
    >>> condition("This mode can be useful if you need a short-lived cluster for CI.").purpose
    'testing'
    >>> condition("It is fast.") is None, condition("It is handy for trying things out.") is None
    (True, True)

`clauses` splits a sentence at `, but` and `;` so that each side is read on its own
(`The CLI is easy, but for production we recommend the chart`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fingerpost.kb.extract.words import GENERIC, STOP, ident, tokens

__all__ = ["Condition", "condition", "within_chosen", "clauses", "fronted", "purpose_of", "TESTING_WORDS", "PRODUCTION_WORDS"]

_USED_WHEN = (r"\b(?:is|are)\s+(?:(?:often|sometimes|typically|usually|commonly|mostly|mainly|primarily|generally|"
              r"frequently)\s+)?used(?=\s+(?:when|if|whenever|in case)\b)")
"""`This is sometimes used when caching`: what people use it for is advice, not a judgement."""
_SPEND = r"(?!\s+(?:a lot|lots|more|less|much|too|up to|plenty|significant\w*|additional|extra|\d)\b)"
"""`can use a lot of memory` spends something; it does not advise."""
_PICK = (r"(?:(?:^\s*|[,:;]\s*|\b(?:to|can|could|should|may|might|must|you|we|please|then|instead)\s+"
         r"(?:simply\s+|just\s+|also\s+|still\s+|then\s+|instead\s+|probably\s+|safely\s+)?)"
         rf"(?:use{_SPEND}|choose|pick|select|prefer|opt for|go with|consider)\b)"
         r"|\b(?:is|are|can be|may be|could be|will be)\s+(?:\w+\s+)?(?:useful|ideal|handy|helpful|suited|suitable|"
         r"recommended|preferred|a (?:good|better|great) (?:choice|fit|option)|the (?:best|right) (?:choice|option)|"
         r"the way to go|appropriate|well suited|the only (?:\w+\s+)?(?:method|option|way|choice|alternative)s?)\b"
         r"|\bwe (?:recommend|suggest)\b|\b(?:is|are) (?:best|better)\b|\bmakes? (?:the most |more )?sense\b|" + _USED_WHEN)
_ADVISE = (r"(?:^\s*|[,:;]\s*|\b(?:to|can|could|should|may|might|must|you|we|please|then|instead)\s+)"
           r"(?:use|choose|pick|select|prefer|opt for|go with)\b|\bwe (?:recommend|suggest)\b|.*\brecommended\b|"
           r".*\bmakes? (?:the most |more )?sense\b|.*" + _USED_WHEN)
_IF_CUE = re.compile(r"\b(?:[Ii]f|[Ww]hen|[Uu]nless|[Ii]n case)\b")
_IF = r"(?:if|when|whenever|in case|unless)"
_TRAILING = re.compile(rf"(?:{_PICK})[^;]{{0,60}}?[,]?\s+\b(?P<how>{_IF})\s+(?P<cond>[^;]+)", re.I)
_FRONTED = [re.compile(rf"^(?P<how>if|unless|in case)\s+(?P<cond>(?:[^,;]+,){{{k}}}[^,;]+),\s*(?:then\s+)?(?P<rest>.+)",
                      re.I) for k in range(4)]
"""A fronted condition ending at its first comma, or its second, … (`If A, but B, use X`)."""
_TAIL = re.compile(r"(?:,?\s+(?:for example|for instance|e\.g\.|such as|because|since|so that|as this|in case of|"
                   r"in the event of|"
                   r"and then|then)|,\s+(?:which|while)|\s*\(|\s+(?:comparable|similar|equivalent|"
                   r"close|identical) to\b|\s+(?:like|as) (?:what|the one|those|that)\b|"
                   r"\s+(?:(?:matters?|counts?|is|are)\s+more(?:\s+important)?\s+than|rather\s+than|instead\s+of))\b.*$",
                   re.I)
"""What follows the condition proper: examples, reasons, asides in brackets, what it is likened to
(`data safety comparable to what PostgreSQL provides` is about data safety) and what it is weighed
against (`operational simplicity matters more than independent scaling` is about simplicity)."""
_NEGATED = re.compile(r"\b(?:not|no|without|n't|lacks?|lacking|never)\b", re.I)
TESTING_WORDS = re.compile(
    r"\b(?:test\w*|demo\w*|dev|development|evaluat\w*|trials?|try\w*|tried|experiment\w*|learn\w*|"
    r"getting started|get started|sandbox\w*|short[- ]lived|throwaway|temporary|ci(?:/cd)?|"
    r"proofs? of concept|poc|locally|local machine|laptop|playground|explor\w*|non-production)\b", re.I)
PRODUCTION_WORDS = re.compile(r"(?<![-\w])production(?:[- ]grade| use| environments?| deployments?| workloads?)?\b",
                              re.I)
_LIGHT = frozenset("""
need needs needed want wants wanted have has had having run runs running use uses using used deploy deploying
deployed install installing installed host hosts make makes get gets got keep keeps already able
require requires required like would prefer plan planning going go work works working able lot lots
something anything thing things way ways case cases kind sort one ones simple existing own
it them this that these those suitable possible important necessary available
""".split())
"""Verbs and fillers that carry no name of what is needed."""


@dataclass(slots=True, frozen=True)
class Condition:
    """When an alternative is the one to pick."""

    text: str
    """The condition as written (`the host has no connection to the Internet`)."""
    negated: bool
    """It says something is *not* had or needed (or `unless`)."""
    purpose: str
    """`testing` or `production` when the condition is about what the installation is for, else ''."""
    phrase: str
    """The words naming what is needed or had (`connection to the internet`)."""
    id: str
    """A question id for it (`internet`)."""
    judged: bool = False
    """Said by a judgement (`is useful if …`) rather than advice (`use … if`): outside a purpose it is a pro."""


def purpose_of(text: str) -> str:
    """`testing` or `production` when `text` speaks of what an installation is for, else ''."""
    if TESTING_WORDS.search(text):
        return "testing"
    if PRODUCTION_WORDS.search(text):
        return "production"
    return ""


def clauses(sentence: str) -> list[str]:
    """The sentence split at `, but` / `; ` into parts that each say something, or the sentence itself."""
    m = fronted(sentence)
    if m is not None and "," in m.group("cond"):
        return [sentence]  # `If A, but B, use X`: the `but` is inside the condition
    parts = [p.strip() for p in re.split(r",\s+but\s+|;\s+|\s+but\s+(?=(?:for|if|when|in|can|could|may|might|is|are|it|they|we|you|should|will|does|do)\b)", sentence) if p.strip()]
    if len(parts) < 2 or any(len(tokens(p)) < 3 for p in parts):
        return [sentence]
    return parts


def _phrase(cond: str) -> list[str]:
    """Content words of what the condition needs or has: after its last light verb or negation."""
    words = tokens(cond)
    cut = 0
    for i, w in enumerate(words):
        if w in _LIGHT or w in ("not", "no", "without", "t", "don", "doesn"):
            cut = i + 1
    tail = words[cut:] or words
    words = [w for w in tail if w not in STOP and w not in _LIGHT and len(w) > 1 and not any(c.isdigit() for c in w)]
    return [w for w in words if w not in GENERIC] or words


_ADJUNCT = re.compile(r"\s+(?:after|before|during|from|within|on|at|over)\s+(?:\w+\s+){0,3}\w+\W*$", re.I)
_OF_DOING = re.compile(r"\s+(?:for|of)\s+(?:deploying|running|installing|using|managing|provisioning|operating)\s+"
                       r"(?:\w+\s+){0,2}\w+\W*$", re.I)
"""What a case is for, closing it (`the traditional model of deploying Contour`): not what names it."""
"""When or where, closing a condition (`after a crash`, `from elsewhere`): not what names it."""
_BOUND = re.compile(r"\s+(?:is|are)?\s*(?:under|below|over|above|less than|more than|fewer than|at least|at most|"
                    r"up to|no more than|beyond)\s+\d", re.I)
"""A number the condition bounds: what comes before it names the thing measured."""


NEW_USER = "new_user"
"""The id a condition on the reader being new to the product gets (`if you are new to X`; its question:
kb.extract.inferred.newcomer_question)."""
_NEW_TO = re.compile(r"\bnew (?:to|with)\s+(?:running\s+|using\s+|working with\s+|operating\s+)?(?P<what>[\w .-]+)", re.I)


_HEDGE = re.compile(r"\b(?:been|are|were|get|got)\s+(?:\w+\s+)?(?:advised|told|instructed|directed|asked)\b|"
                    r"\botherwise\s+(?:noted|stated|specified|advised)\b", re.I)
_CONNECTIVE = re.compile(r"^\s*(?:however|but|so|also|and|still|otherwise|alternatively|then)\s*,?\s+(?=if\b|unless\b|in case\b)",
                         re.I)


_ITSELF = re.compile(r"\b(?:this|that|these|those|the same)\s+(?:\w+\s+)?(?:option|method|mode|approach|way|setting|"
                     r"feature|configuration|setup|alternative)s?(?:\s+\w+ly)?\s*$", re.I)
"""A condition whose thing is the alternative itself (`if you want to set this option explicitly`): no case of the reader's."""
_CHOSEN = re.compile(r"^(?:you|we|they|users?)\s+(?:(?:choose|chose|pick|select|opt)\s+(?:to\s+(?:go\s+with|use)\s+|for\s+)?|"
                     r"(?:go|went)\s+with\s+)", re.I)
"""`If you choose to go with MySQL, …`: what follows is advice within an alternative already chosen, no case of the reader's."""
_BARE_HOW = re.compile(r"^\s*(?:then\s+)?(?:you|we)\s+(?:can|could|may|should|might)\s+(?:\w+\s+)?(?:use|run|add|set)\s*"
                       r"(?:the following|this|these)?\s*:?\s*$", re.I)
"""Advice that names nothing to pick, only introduces what follows (`…, you can use:` before a snippet)."""


def fronted(clause: str) -> re.Match[str] | None:
    """`If A, but B, you can simply use X`: the condition runs to the comma after which the advice starts."""
    clause = _CONNECTIVE.sub("", clause)  # `However, if …, it may be the only method available`
    for fronted in _FRONTED:
        m = fronted.match(clause)
        if m is None:
            return None
        if re.search(_PICK, m.group("rest"), re.I) and not re.match(r"(?:but|and|or|yet)\b", m.group("rest"), re.I):
            return m
    return None


def within_chosen(clause: str) -> bool:
    """`If you choose to go with MySQL, we recommend …`: advice given once an alternative is taken, not for taking it."""
    m = fronted(clause) if _IF_CUE.search(clause) else None
    return m is not None and bool(_CHOSEN.match(_TAIL.sub("", m.group("cond")).strip()))


def condition(clause: str) -> Condition | None:
    """The condition under which the clause says to pick something, or None."""
    if not _IF_CUE.search(clause):
        return None  # most sentences: no condition word at all
    m = fronted(clause)
    if m is None:
        m = _TRAILING.search(clause)
    how = m.group("how").lower() if m else ""
    if m is None:
        return None  # `useful for X` without `if` judges (a pro, kb.extract.tradeoffs); audiences are read elsewhere
    cond = _TAIL.sub("", m.group("cond")).strip(" .,:")
    if _ITSELF.search(cond) or _CHOSEN.match(cond) or "rest" in m.re.groupindex and _BARE_HOW.match(m.group("rest")):
        return None  # `If you want to set this option explicitly, you can use:` shows how, not when
    if _HEDGE.search(cond):
        return None  # `unless you've been otherwise advised by the team`: a hedge, no case of the reader's
    new = _NEW_TO.search(cond)
    if new is not None:  # `if you're new to running OpenBao`: who the reader is, not OpenBao
        return Condition(cond, bool(_NEGATED.search(cond)) != (how == "unless"), "", f"new to {new.group('what')}",
                         NEW_USER, m.re is _TRAILING and not re.match(_ADVISE, m.group(0), re.I))
    purpose = purpose_of(m.group("cond"))
    negated = bool(_NEGATED.search(cond)) != (how == "unless")
    bound = _BOUND.search(cond)
    core = cond[:bound.start()] if bound and bound.start() else cond
    trimmed = _OF_DOING.sub("", core)  # `the traditional model of deploying Contour` is named by its model
    words = _phrase(trimmed) or _phrase(core)
    if not purpose and not words:
        return None
    said = tokens(cond) if bound or not _phrase(trimmed) or trimmed == core else tokens(trimmed)
    start = next((i for i, w in enumerate(said) if w in words), 0)
    phrase = " ".join(said[start:]) if words else ""
    if bound and words:  # `your trace volume is under 35 MB/s`: the bound stays in the question's words
        phrase = cond[next((m.start() for m in re.finditer(r"\w+", cond) if m.group(0).lower() in words), 0):]
    judged = m.re is _TRAILING and not re.match(_ADVISE, m.group(0), re.I)
    named = _phrase(_ADJUNCT.sub("", trimmed)) or words  # `… rebuilt from elsewhere` is named by `rebuilt`
    if len(named) == 1 and named[0].endswith(("ed", "ing")) and len(words) > 1:
        named = words  # `hosted on AWS`: where it is hosted is what names it
    return Condition(cond, negated, purpose, phrase, ident(" ".join(named[-1:])) if named else "", judged)
