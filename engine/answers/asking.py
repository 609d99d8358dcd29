"""What kind of question a person asks the docs, and what that asks of a passage: a how-to wants
the sentence that says what to do, a requirement the prerequisite, "how many X" a passage that
counts X, "which X Y" one that speaks of both — for engine.answers.from_docs.

    >>> count_focus("how many server nodes do I need?")             # doctest: +SKIP
    {'server', 'node'}
"""

from __future__ import annotations

import re

from fingerpost.engine.language.lexicon import PUNCTUATION, STOPWORDS, keys_of, root, tokenize

__all__ = ["COUNT_WORDS", "bound_said", "FILLER", "DEFINITION", "ACTIONS", "FIT", "HOW_TO", "NEED", "HOW_RANK", "NEED_RANK", "KIND_RANK", "DEF_RANK",
           "STEP", "HEADING", "count_focus", "which_focus", "counts"]

FILLER = frozenset("fine good ok okay enough per support supported supports work works working possible recommended "
                    "recommend better best right choose pick use need needed require required mean means meaning "
                    "define definition explain tell difference differences different compare compared comparison versus vs happen happens exactly actually really "
                    "also mine ours kind sort type thing way option options documentation docs say says "
                    "deal usually people typically normally generally else nothing something anything even just "
                    "try tries trying taking whole actual somebody someone anyone folks guys "
                    "enable enabled enabling activate activated switch sorry hi hello hey thanks thank please quick question".split())
DEFINITION = re.compile(r"^\s*(?:what(?: exactly| actually| really)?(?:'s| is| are| does)(?: exactly| actually| really)?|whats|define|"
                         r"definition of|"
                         r"meaning of|explain|tell me about|who is|describe)\b", re.IGNORECASE)
ACTIONS = frozenset(root(w) for w in "configure setup set install deploy use run make get do handle change switch "
                     "put add create start".split())
"""Verbs of doing that a question may use and the docs not: "how to configure X" asks about X."""
FIT = re.compile(r"\b(?:fine|ok|okay|enough|suitable|suit|good|work|works|fit|fits|right|recommended|viable|"
                  r"sensible|make sense|an option|a good idea|appropriate|use|run|go with|choose|pick|handle)\b",
                  re.IGNORECASE)
HOW_TO = re.compile(r"^\s*(?:how (?:do|can|should|would|to)|what(?:'s| is) the way to|where do i (?:set|put|configure))\b",
                     re.IGNORECASE)
NEED = re.compile(r"\b(?:do (?:i|we) (?:need|have to)|is (?:a |an )?\w+ (?:required|needed|necessary)|"
                   r"requirements?|prerequisites?|must (?:i|we) have)\b", re.IGNORECASE)
HOW_RANK = {"section": 0, "prerequisite": 1, "constraint": 2, "recommendation": 2, "option": 3, "term": 3,
             "pro": 4, "con": 4, "question": 5}
NEED_RANK = {"prerequisite": 0, "constraint": 1, "recommendation": 1, "section": 2, "option": 3, "term": 3,
              "pro": 4, "con": 4, "question": 5}
KIND_RANK = {"constraint": 0, "recommendation": 0, "pro": 1, "con": 1, "term": 2, "option": 2, "prerequisite": 3,
              "question": 4, "section": 5}
DEF_RANK = {"term": 0, "option": 1, "prerequisite": 1, "question": 2, "section": 3}



STEP = re.compile(r"^(?:To \w+|Set|Use|Run|Add|Pass|Specify|Enable|Configure|Install|Create|Declare)\b|"
                   r"\b(?:set|use|pass|specify|add) the\b")
"""A sentence that says what to do (preferred for "how do I …")."""
HEADING = re.compile(r"^(?:How to|About|Overview|Introduction)\b[^.]*$")



_HOW_MANY = re.compile(r"\b(?:how (?:many|much)|(?:minimum|maximum|smallest|largest|min|max)? ?(?:number|count) of|"
                       r"(?:minimum|maximum|smallest|largest|fewest|min|max)(?=\s+(?!of\b|is\b|are\b)[a-z]))"
                       r"\s+(?P<what>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)", re.IGNORECASE)
COUNT_WORDS = frozenset(root(w) for w in "number count minimum maximum min max smallest largest fewest".split())
"""Words of a count question that a passage says with a number instead ("the number of nodes")."""
_UPPER = re.compile(r"\b(?:maximum|max|most|largest|limit)\b", re.IGNORECASE)
_LOWER = re.compile(r"\b(?:minimum|min|least|smallest)\b", re.IGNORECASE)
_SAYS_UPPER = re.compile(r"\b(?:at most|up to|no more than|maximum|max|limit(?:ed)?|cap(?:ped)?|or fewer|or less)\b",
                         re.IGNORECASE)
_SAYS_LOWER = re.compile(r"\b(?:at least|minimum|min|needs?|requires?|required|or more|\w+ or more)\b", re.IGNORECASE)


def bound_said(question: str, passage: str) -> bool:
    """A count question about a limit ("the maximum number of replicas") needs a passage that states
    that kind of limit ("at most", "up to"); "the minimum number" one that states a need or a floor."""
    if _UPPER.search(question):
        return bool(_SAYS_UPPER.search(passage))
    if _LOWER.search(question):
        return bool(_SAYS_LOWER.search(passage))
    return True
_NUMBER = re.compile(r"^(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred|"
                     r"thousand|million|half|single|a few|several|odd|even|majority|minimum|maximum|least|most)$")


def count_focus(text: str) -> set[str]:
    """The thing a "how many/how much" question counts: "how many server nodes" → {server, node}."""
    m = _HOW_MANY.search(text)
    if not m:
        return set()
    return {root(k) for k in keys_of(m.group("what")) if k not in STOPWORDS and k not in FILLER} - {"time"}


_WHICH = re.compile(r"^\s*(?:which|what)\s+(?P<what>[a-z][\w-]*\s+[a-z][\w-]*)\s+(?:do|does|did|should|is|are|"
                    r"will|can|would|must)\b", re.IGNORECASE)


def which_focus(text: str) -> tuple[str, ...]:
    """The two-word thing a "which X Y do I …" question asks for, in order: (docker, version)."""
    m = _WHICH.search(text)
    if not m:
        return ()
    words = tuple(dict.fromkeys(root(k) for k in keys_of(m.group("what")) if k not in STOPWORDS and k not in FILLER))
    return words if len(words) == 2 else ()


_MEASURE = re.compile(r"\b\d+(?:\.\d+)?\s?(?:[kmgt]i?b|bytes?|kb|mb|gb|tb|%|percent|ms|milliseconds?|seconds?|"
                      r"minutes?|hours?|days?|cpus?|cores?|vcpus?|millicores?|m)\b", re.I)
"""An amount with its unit ("5MB", "2 CPUs", "30 seconds"): what a "how much" question asks for."""


def counts(text: str, focus: set[str], much: bool = False) -> bool:
    """A number within four words of the counted thing ("three server nodes", "nodes: at least 3");
    for "how much", an amount with its unit anywhere in the sentence ("… memory …, the usual guidance
    is 5MB per meshed pod")."""
    if much and _MEASURE.search(text) and any(w in focus for w in (root(k) for k in keys_of(text))):
        return True
    words = [t.word for t in tokenize(text) if t.word not in PUNCTUATION]
    stems = [root(keys_of(w)[0]) if keys_of(w) else w for w in words]
    for n, s in enumerate(stems):
        if s in focus:
            for k in range(max(0, n - 4), min(len(words), n + 5)):
                w = words[k]
                if (_NUMBER.match(w) or w[0].isdigit()) and not (w == "one" and words[k + 1:k + 2] == ["of"]):
                    return True  # "one of that queue's followers" is not a count
    return False
