"""How common an English word is, from wordfreq's frequency lists: whether a word is real English
(not a typo), and how much a question's word the docs never use counts against answering — little
for words that frame or grade the question (`point`, `smallest`), fully for a topic (`colour`).

    >>> everyday("smallest") > everyday("kafka")
    True
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["everyday", "unseen_weight", "is_english", "slip_of"]

_COMMON_ZIPF = 4.0
"""Zipf frequency (log10 per billion words) from which a word is everyday English."""
_CONTEXT_ZIPF = 3.8
"""In a long question (`context`), everyday words from here on are its story, not its topic."""


@lru_cache(maxsize=4096)
def everyday(word: str) -> float:
    """The word's Zipf frequency in English (0 for a word never seen)."""
    from wordfreq import zipf_frequency  # loaded on the first question only: it reads its word list then

    return float(zipf_frequency(word, "en"))


_FRAME = frozenset("""
point prepare prepared preparing count counts counted still possible possibly happen happens happened idea ideas
reason reasons tip tips advice practice practices stuff thing things way ways kind sort matter matters exactly
actually really okay fine enough supposed meant expected anyway even yet already anymore currently nowadays
acceptable suitable appropriate sensible advisable viable wise alright reasonable insist insists bother care
whats thats hows wheres whos heres theres whens whys
""".split())
"""Words that frame a question rather than name its topic ("what's the point of …", "what do I need to prepare")."""


_MISSPELT_OF = 3000
"""How many of the most frequent English words a word that is no English may be a slip of."""


@lru_cache(maxsize=4096)
def slip_of(word: str) -> str:
    """The very frequent English word that `word`, no English itself, is one slip away from (`wher` → `where`,
    `recomend` → `recommend`, `youd` → `you'd` as `youd`); '' when none."""
    if len(word) < 4 or not word.isalpha() or is_english(word):
        return ""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    found = process.extractOne(word, _frequent(), scorer=OSA.distance, score_cutoff=1)
    return found[0] if found is not None else ""


@lru_cache(maxsize=1)
def _frequent() -> tuple[str, ...]:
    from wordfreq import top_n_list

    return tuple(w.replace("'", "") for w in top_n_list("en", _MISSPELT_OF) if len(w) >= 3)


def unseen_weight(word: str, named: bool, context: bool = False) -> float:
    """How much a question's word that no page uses counts towards "the docs do not say": a
    little for a word that frames the question or grades what it asks about (`point`,
    `prepare`, `smallest`, `cheaper`), and in a long question (`context`) for any everyday word
    (`compliance`, `rebuilding`); half for one of the most frequent words (`proper`, `allowed`); all
    of it otherwise — a topic the docs do not cover (`colour`,
    `subscription`, `Kafka`), and always for a name."""
    if named:
        return 1.0
    meant = slip_of(word)
    if meant:  # `wher`, `recomend`, `youd`: a slip of a word everybody uses, which frames more than it names
        return 0.25 if meant == word or meant in _FRAME else 0.5
    if word in _FRAME:
        return 0.25
    graded = word.endswith(("est", "ier")) and len(word) > 5
    if graded and everyday(word) >= _COMMON_ZIPF - 0.5:
        return 0.25
    if context and everyday(word) >= _CONTEXT_ZIPF:
        return 0.25
    base = word[:-1] if word.endswith("s") and len(word) > 3 else word  # `ends`, `gets`: the word's own form
    if max(everyday(word), everyday(base)) >= _MOST_COMMON_ZIPF and base not in _TOPICS and word not in _TOPICS:
        return 0.25  # `up`, `end`, `get`, `big`: among the few hundred most frequent words, the question's grammar
    return 0.5 if everyday(word) >= _EVERYDAY_ZIPF and word not in _TOPICS else 1.0


_MOST_COMMON_ZIPF = 5.6
"""From here on an unseen word is among the few hundred most frequent English words (`up`, `end`, `get`, `new`):
it carries the question's grammar ("what ends up being …"), seldom its topic."""
_EVERYDAY_ZIPF = 4.5
"""From here on an unseen word is among the most frequent English words (`proper`, `allowed`, `new`):
in a short question it half counts — it rarely is the topic the docs would have to cover."""

_TOPICS = frozenset("cost costs price prices pricing priced license licence licensing fee fees paid pay salary "
                    "support warranty contract".split())
"""Frequent words that are a topic of their own, which docs on how to set things up seldom cover (what it costs)."""

_WORD_ZIPF = 3.0
"""Zipf frequency from which a word is taken as a real English word, not a typo."""


def is_english(word: str) -> bool:
    """Whether `word` is a real English word (frequent enough to be meant as written)."""
    return everyday(word) >= _WORD_ZIPF
