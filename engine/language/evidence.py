"""Words the vocabulary does not know, matched against the knowledge base's own text (BM25).

    >>> hints(kb, ["small", "log", "volume"])                                   # doctest: +SKIP
    (Hint(words='small log volume', option='classic', question='', value='', title='Classic queues', …),)

Every answer (its label, synonyms and question) and every option (its title, synonyms, summary,
trade-offs and the reasons of its constraints and recommendations) is one document, ranked with
BM25 (rank-bm25). A hint is textual evidence only: it is shown as such ("I took 'small log volume'
as a hint for Classic queues — say so if not") and never becomes a fact on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fingerpost.engine.language.lexicon import COMMON, NEGATIONS, NUMBER_WORDS, PUNCTUATION, STOPWORDS, keys_of
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.records import Citation

__all__ = ["Hint", "hints", "evidence_for", "MIN_SCORE", "LEAD"]

MIN_SCORE = 1.0
"""Smallest BM25 score a document needs to count as a hint."""
LEAD = 1.5
"""How far the best document must lead the second (ratio of scores) to be named."""


@dataclass(slots=True, frozen=True)
class Hint:
    """Words that point at an option or an answer only because the documentation uses them."""

    words: str
    """The user's words, as written."""
    title: str
    """What they point at, as shown."""
    source: Citation
    """Where the knowledge base says it."""
    option: str = ""
    """The option id, when the words point at an option."""
    question: str = ""
    """The question id, when the words point at an answer."""
    value: str = ""
    """The answer's value."""
    score: float = 0.0
    """BM25 score of the best document."""

    @property
    def note(self) -> str:
        return f"I took '{self.words}' as a hint for {self.title} — say so if not"


@dataclass(slots=True, frozen=True)
class _Doc:
    title: str
    source: Citation
    option: str = ""
    question: str = ""
    value: str = ""


@dataclass
class _Evidence:
    docs: list[_Doc]
    ranker: Any
    vocabulary: set[str]


def _words(text: str) -> list[str]:
    return [k for k in keys_of(text) if k not in STOPWORDS and k not in PUNCTUATION and not k[0].isdigit()]


def _section(kb: KnowledgeBase, c: Citation) -> list[str]:
    """The paragraphs of the section that declares a record (where the docs describe it)."""
    doc = kb.documents.get(c.path)
    if doc is None or not c.anchor:
        return []
    return [p.text for p in doc.paragraphs if p.section == c.anchor]


def _build(kb: KnowledgeBase) -> _Evidence:
    docs: list[_Doc] = []
    corpus: list[list[str]] = []
    for q in sorted(kb.questions.values(), key=lambda q: q.order):
        if q.kind not in ("choice", "yesno"):
            continue
        for c in q.choices:
            docs.append(_Doc(f"{q.id} = {c.label}", c.source, question=q.id, value=c.value))
            corpus.append(_words(" ".join([c.label, *c.synonyms, q.text if q.kind == "yesno" else ""])))
    said: dict[str, list[str]] = {}
    for t in kb.tradeoffs:
        said.setdefault(t.option, []).append(t.text)
    for c in kb.constraints:
        if c.because:
            said.setdefault(c.option, []).append(c.because)
    for r in kb.recommendations:
        if r.because:
            said.setdefault(r.option, []).append(r.because)
    for o in kb.options.values():
        docs.append(_Doc(o.title, o.source, option=o.id))
        corpus.append(_words(" ".join([o.title, *o.synonyms, o.summary, *said.get(o.id, ()), *_section(kb, o.source)])))
    from rank_bm25 import BM25Okapi  # start-up: numpy loads only when a turn has words the vocabulary lacks

    keep = [i for i, words in enumerate(corpus) if words]
    docs, corpus = [docs[i] for i in keep], [corpus[i] for i in keep]
    ranker = BM25Okapi(corpus) if corpus else None
    return _Evidence(docs, ranker, {w for words in corpus for w in words})


def evidence_for(kb: KnowledgeBase) -> _Evidence:
    """The ranked documents of a knowledge base, built once and kept on it (KnowledgeBase.derived)."""
    return kb.derived("engine.language.evidence", _build)


_GENERAL = frozenset("""
documentation recommended recommend installed install possibly simply missing manage create created place
forward offer offers stay meant added leave report serve touch catch received variant things something
""".split())
"""Words too general to point at anything on their own."""


def hints(kb: KnowledgeBase, words: list[str]) -> tuple[Hint, ...]:
    """The option or answer a run of the user's words points at, if one clearly does."""
    query = [k for w in words for k in _words(w)
             if k not in NEGATIONS and k not in NUMBER_WORDS and k not in _GENERAL and len(k) > 3]
    if not query or not any(k not in COMMON for k in query):
        return ()
    ev = evidence_for(kb)
    if ev.ranker is None or not any(k in ev.vocabulary and k not in COMMON for k in query):
        return ()
    content = [k for k in query if k not in COMMON]
    if 2 * sum(k in ev.vocabulary for k in content) <= len(content):
        return ()  # "port 443 open": one word the docs use among words they never do is no evidence
    scores = ev.ranker.get_scores(query)
    ranked = sorted(range(len(scores)), key=lambda i: -scores[i])
    best = ranked[0]
    second = scores[ranked[1]] if len(ranked) > 1 else 0.0
    if scores[best] < MIN_SCORE or (second > 0 and scores[best] < LEAD * second):
        return ()
    d = ev.docs[best]
    return (Hint(" ".join(words), d.title, d.source, d.option, d.question, d.value, round(float(scores[best]), 2)),)
