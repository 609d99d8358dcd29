"""Long posts — a tracker question with its story — answered by the section that speaks of them.

A post of many words ("I am trying to create a 2 node etcd cluster … the voting mechanism … the
service is stuck") has no sentence in the docs that says most of them, so sentence coverage finds
nothing. Its topic is in the words it repeats and in its title line; the section whose text uses
those words most is ranked with BM25 (rank-bm25), each section's sentences being one document.
That section answers when it also speaks of what the post asks (its title line and its questions):
its sentences that say most of the post's words, in the section's order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the passages of kb answers; typed loosely to keep this module below from_docs
    from rank_bm25 import BM25Okapi

__all__ = ["Sections", "build", "post_weights", "best_section", "sentences_of"]

REPEAT_CAP = 3
"""A word said more often than this in a post counts no more (a log line repeats)."""
ASKING_COVERAGE = 0.25
"""Share of what the post asks (its title line and questions, weighted by rarity) the section must use."""
MOST_SENTENCES = 3


@dataclass(slots=True)
class Sections:
    """The knowledge base's sections, each the passages it holds, ranked with BM25."""

    members: list[list[int]]
    """Passage indices per section, in the order of the passages."""
    words: list[frozenset[str]]
    """Every word a section's passages (and its title) use."""
    docs: list[list[str]]
    """Each section's words as a BM25 document."""
    _ranker: BM25Okapi | None = None

    def ranker(self) -> BM25Okapi | None:
        """The BM25 ranking of the sections, made when a post is first ranked: numpy loads only then (a short
        question answered by a section's words needs none)."""
        if self._ranker is None and self.docs:
            from rank_bm25 import BM25Okapi

            self._ranker = BM25Okapi(self.docs)
        return self._ranker


def build(passages: Sequence[Any]) -> Sections:
    """One BM25 document per section (path and anchor) of the passages."""
    groups: dict[tuple[str, str], list[int]] = {}
    for i, p in enumerate(passages):
        groups.setdefault((p.source.path, p.source.anchor or p.source.section), []).append(i)
    members = list(groups.values())
    docs = [[w for i in m for w in sorted(passages[i].words)] + sorted(passages[m[0]].extra) for m in members]
    return Sections(members, [frozenset(d) for d in docs], docs)


_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'-]*")


def post_weights(text: str, words: list[str], key: Callable[[str], str],
                 asked: str = "") -> tuple[list[str], list[list[str]]]:
    """The post as a BM25 query — each of its `words` (the docs' words it uses) repeated as often as the
    post says it (up to REPEAT_CAP), once more when its title line says it — and the words it asks about:
    its title line's, and its questions' (`asked` among them when they were read out of it)."""
    said = Counter(key(w) for w in _WORD.findall(text))
    parts = _SENTENCE_END.split(text.strip())
    title = {key(w) for w in _WORD.findall(parts[0])} if parts else set()
    asking = {key(w) for p in [*parts[1:], asked] if p.rstrip().endswith("?") for w in _WORD.findall(p)}
    query = [w for w in words for _ in range(min(REPEAT_CAP, said.get(w, 1)) + (w in title))]
    return query, [[w for w in words if w in title], [w for w in words if w in asking]]


FAVOURED = 1.5
"""How much more a section of the option the post's own words lean to weighs (see `best_section`)."""


def best_section(secs: Sections, query: list[str], asking: list[list[str]], idf: dict[str, float],
                 favoured: frozenset[int] = frozenset()) -> int | None:
    """The section that answers the post: BM25's first, when it speaks of what the post asks (of its
    title line's words, or of its questions'). The sections of the option the post describes a need for
    (`favoured`) weigh more: "we run only Kubernetes, please give us a runner for it" is answered from
    the Kubernetes backend's page, not from wherever runners are said most."""
    ranker = secs.ranker()
    if ranker is None or not query:
        return None
    scores = [s + abs(s) * (FAVOURED - 1.0) * (i in favoured) for i, s in enumerate(ranker.get_scores(query))]
    top = max(range(len(scores)), key=lambda i: scores[i])
    if scores[top] <= 0:
        return None
    for words in asking:
        total = sum(idf.get(w, 0.0) for w in words)
        if total and sum(idf.get(w, 0.0) for w in words if w in secs.words[top]) / total >= ASKING_COVERAGE:
            return top
    return None


def sentences_of(secs: Sections, section: int, passages: Sequence[Any], query: list[str],
                 idf: dict[str, float]) -> list[int]:
    """The section's passages that say most of the post's words (each weighted by rarity and by how often
    the post says it), in the section's order."""
    weight = Counter(query)
    scored = []
    for i in secs.members[section]:
        s = sum(idf.get(w, 0.0) * n for w, n in weight.items() if w in passages[i].words)
        if s > 0:
            scored.append((s, i))
    best = sorted(scored, key=lambda x: (-x[0], x[1]))[:MOST_SENTENCES]
    return sorted(i for _, i in best)
