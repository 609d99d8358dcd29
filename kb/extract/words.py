"""Word-level helpers for inference: tokens, light stemming, ids, numbers, sentences, versions.

Nothing here knows a product: only English function words, number words and the shapes of
release numbers.

    >>> stems("High-availability installations")
    ['high', 'avail', 'install']
    >>> number("three"), number("12"), number("lots")
    (3, 12, None)
    >>> [s for _, s in sentences("It works. As of v2.4, it is fast.")]
    ['It works.', 'As of v2.4, it is fast.']
"""

from __future__ import annotations

import re
from functools import lru_cache

from fingerpost.kb.prose import line_of, sentences

__all__ = [
    "STOP", "GENERIC", "NUMBER_WORDS", "VERSION", "tokens", "stem", "stems", "content_stems", "ident",
    "value_id", "number", "sentences", "line_of", "plural", "singular", "next_release", "contains_run",
    "word_forms", "NEGATIONS",
]

STOP = frozenset("""
a an the and or but nor if then so of to in on at by for with without from into onto about as than that this
these those it its is are was were be been being do does did have has had you your we our they their he she
can could should would will shall may might must not no also only just very more most less such any each every
all both either neither other another some same own there here when where which who what how why while
behind within via over under through across inside outside between per
""".split())
"""English function words, never part of a name."""

GENERIC = frozenset("""
install installation setup set up option options way ways method methods approach approaches mode modes type types
kind kinds level levels guide section using use run running deploy deployment choose choosing overview
environment environments scenario scenarios case cases situation situations context
""".split())
"""Words that name the act of choosing, not what is chosen (dropped when naming ids)."""

NUMBER_WORDS = {
    "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
"""Small counts written as words."""

VERSION = r"v?\d+(?:\.\d+)+(?:\.x)?|v\d+(?:\.x)?"
"""A release number as written: `v2.4`, `2.4.5`, `v2.4.x`, `v3`."""

_WORD = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> list[str]:
    """Lower-case words; hyphens, slashes and punctuation split words."""
    return _WORD.findall(text.lower())


@lru_cache(maxsize=1 << 16)  # a docs tree repeats a few thousand words hundreds of thousands of times
def stem(word: str) -> str:
    """A light suffix-stripper, enough for names to meet across inflections (clusters → cluster)."""
    w = word.lower()
    if len(w) <= 3 or w.isdigit():
        return w
    for suffix, repl in (("ications", "ic"), ("ication", "ic"), ("ations", ""), ("ation", ""), ("abilities", ""),
                         ("ability", ""), ("ibility", ""), ("ables", ""), ("able", ""), ("ingly", ""), ("ings", ""),
                         ("ing", ""), ("edly", ""), ("ies", "y"), ("ied", "y"), ("ed", ""), ("ly", ""),
                         ("ses", "s"), ("xes", "x"), ("ches", "ch"), ("shes", "sh"), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not (suffix == "s" and w.endswith(("ss", "us", "is"))):
            w = w[: len(w) - len(suffix)] + repl
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] in "bdgmnpt":
        w = w[:-1]  # gapped → gapp → gap
    return w


def stems(text: str) -> list[str]:
    """Stemmed tokens of `text`."""
    return [stem(t) for t in tokens(text)]


def content_stems(text: str) -> list[str]:
    """Stemmed tokens without function words."""
    return [stem(t) for t in tokens(text) if t not in STOP]


def ident(text: str, sep: str = "_", limit: int = 4) -> str:
    """An id from the content words of `text`: `Level of Internet Access` → `internet_access`."""
    words = [t for t in tokens(text) if t not in STOP]
    kept = [t for t in words if t not in GENERIC] or words
    return sep.join(kept[:limit]) or "item"


NEGATIONS = frozenset({"no", "not", "without", "none", "never", "non"})
"""Words that turn a label into its opposite (`No outbound internet` is not `outbound internet`)."""


def option_ident(title: str) -> str:
    """An option's id from its title; doing without the thing offered keeps its `no`
    (`No Collector` → `no-collector`, not `collector`)."""
    words = tokens(title)
    own = ident(title, "-", 5)
    if own in NEGATIONS:  # `Non-High Availability`: every other word generic, the negation kept with them
        own = "-".join(words[:5])
    return f"no-{own}" if words and words[0] in NEGATIONS and not own.startswith(words[0]) else own


def value_id(text: str, drop: set[str] = frozenset(), limit: int = 3) -> str:
    """An answer value from the words of a row or qualifier that the others do not share;
    a negated label keeps its negation: `No outbound internet at all` → `no-outbound-internet`."""
    words = [t for t in tokens(text) if t not in STOP and stem(t) not in drop]
    words = [t for t in words if t not in GENERIC] or words
    negated = any(t in NEGATIONS for t in tokens(text))
    value = "-".join(words[:limit]) or ident(text, "-")
    return f"no-{value}" if negated and words and words[0] not in NEGATIONS else value


def in_sentence(label: str) -> str:
    """A title-cased label as words inside a sentence: `Fast Volume Cloning` → `fast volume cloning`;
    names with more than one capital (`QoS`, `RWX`, `PostgreSQL`) keep their case."""
    return " ".join(w if sum(c.isupper() for c in w) > 1 else w.lower() for w in label.split())


def number(word: str) -> int | None:
    """`3` or `three` → 3; anything else → None."""
    w = word.lower().strip()
    if w.isdigit():
        return int(w)
    return NUMBER_WORDS.get(w)


def plural(noun: str) -> str:
    """`node` → `nodes`, `replica` → `replicas`, `proxy` → `proxies`."""
    n = noun.lower()
    if n.endswith("s"):
        return n
    if n.endswith("y") and len(n) > 2 and n[-2] not in "aeiou":
        return n[:-1] + "ies"
    if n.endswith(("x", "ch", "sh")):
        return n + "es"
    return n + "s"


def singular(noun: str) -> str:
    """`clusters` → `cluster`, `proxies` → `proxy`."""
    n = noun.lower()
    if n.endswith("ies") and len(n) > 4:
        return n[:-3] + "y"
    if n.endswith(("xes", "ches", "shes")):
        return n[:-2]
    if n.endswith("s") and not n.endswith(("ss", "us", "is")):
        return n[:-1]
    return n


def next_release(version: str) -> str:
    """The first release after a whole series: `2.4` → `2.5`, `2.0.8` → `2.0.9`, `3` → `4`."""
    parts = [int(p) for p in re.findall(r"\d+", version)]
    if not parts:
        return version
    parts[-1] += 1
    return ".".join(str(p) for p in parts)


def contains_run(haystack: list[str], run: list[str]) -> bool:
    """Whether `run` occurs as consecutive items of `haystack`."""
    n = len(run)
    return n > 0 and any(haystack[i:i + n] == run for i in range(len(haystack) - n + 1))


def word_forms(phrase: str) -> list[str]:
    """Ways a person may write a phrase: `air gap` → `air-gap`, `airgap`, `air gapped`, `air-gapped`."""
    words = tokens(phrase)
    if not words:
        return []
    out = [" ".join(words)]
    if len(words) > 1:
        out += ["-".join(words), "".join(words)]
    last = words[-1]
    short = len(last) == 3 and last[-1] in "bdgmnpt" and last[-2] in "aeiou" and last[0] not in "aeiou"
    if len(words) > 1 and short:  # air gap → air gapped
        past = last + last[-1] + "ed"
        forms = [*words[:-1], past]
        out += [" ".join(forms)] + (["-".join(forms)] if len(words) > 1 else [])
    return list(dict.fromkeys(out))
