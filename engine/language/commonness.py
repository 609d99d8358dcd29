"""How common an English word is, from wordfreq's frequency lists: a question's word the docs never
use weighs less when it is everyday English (`smallest`, `point`, `prepare`) than when it is a
name or a technical term (`Kafka`, `F5`, `France`) — the latter means the docs do not cover it.

    >>> everyday("smallest") > everyday("kafka")
    True
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["everyday", "unseen_weight", "is_english"]

_COMMON_ZIPF = 4.0
"""Zipf frequency (log10 per billion words) from which a word is everyday English."""
_FAIRLY_COMMON_ZIPF = 3.3


@lru_cache(maxsize=4096)
def everyday(word: str) -> float:
    """The word's Zipf frequency in English (0 for a word never seen)."""
    from wordfreq import zipf_frequency  # loaded on the first question only: it reads its word list then

    return float(zipf_frequency(word, "en"))


def unseen_weight(word: str, named: bool) -> float:
    """How much a question's word that no page uses counts towards "the docs do not say": all of
    it for a name (capitalised mid-sentence) or a rare word, a little for everyday English."""
    if named:
        return 1.0
    z = everyday(word)
    return 0.25 if z >= _COMMON_ZIPF else 0.6 if z >= _FAIRLY_COMMON_ZIPF else 1.0


_WORD_ZIPF = 3.0
"""Zipf frequency from which a word is taken as a real English word, not a typo."""


def is_english(word: str) -> bool:
    """Whether `word` is a real English word (frequent enough to be meant as written)."""
    return everyday(word) >= _WORD_ZIPF
