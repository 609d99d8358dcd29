"""Signal `advised_heading`: the opening of a section recommends one of its sub-headings by name.

`We generally recommend using PostgreSQL for a database.` above the sub-headings `PostgreSQL` and `MySQL` — in any
paragraph before the first of them: the sub-headings are what the reader chooses between, and the advice says
which — 0.55. The sub-headings must be
short names (not steps, not asides like `Prerequisites`), and the advice must name exactly one of them.
"""

from __future__ import annotations

from fingerpost.kb.extract import patterns as pt
from fingerpost.kb.extract.choices.cues import ASIDE, CODEISH, PROCEDURE
from fingerpost.kb.extract.choices.scan import Item, Proposal, Scan
from fingerpost.kb.extract.words import content_stems, sentences
from fingerpost.kb.records import Document

CONFIDENCE = 0.55
WHY = "the section's opening recommends one of its sub-headings by name"
_MOST_WORDS = 4


def _names(kids: list) -> bool:
    return all(len(k.title.split()) <= _MOST_WORDS and not PROCEDURE.match(k.title) and not CODEISH.search(k.title)
               for k in kids)


def signal(doc: Document, scan: Scan) -> None:
    prose: dict[str, list] = {}  # each section's own paragraphs, in order
    for p in doc.paragraphs:
        if p.kind in ("paragraph", "admonition", "quote"):
            prose.setdefault(p.section, []).append(p)
    for sec in doc.sections:
        kids = [k for k in scan.kids(sec) if not ASIDE.match(k.title)]
        if not 2 <= len(kids) <= 6 or not _names(kids):
            continue
        titles = [set(content_stems(k.title)) for k in kids]
        opening = [p for p in prose.get(sec.anchor, ()) if p.line < kids[0].line]
        if any(_advises_one(s, titles) for p in opening for _, s in sentences(p.text)):
            scan.propose(Proposal("advised_heading", sec if sec.level else None,
                                  [Item(k.title, k.line, k) for k in kids], CONFIDENCE, WHY))


def _advises_one(sentence: str, titles: list[set[str]]) -> bool:
    """Whether the sentence recommends exactly one of the sub-headings by name."""
    advice = pt.advice(sentence)
    if advice is None or not advice[1]:
        return False
    said = set(content_stems(sentence))
    return sum(1 for t in titles if t and t <= said) == 1
