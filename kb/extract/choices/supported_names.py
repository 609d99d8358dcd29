"""Signal `supported_names`: a page whose description or opening paragraph names three or more of its own
headings as what it supports (`… supports Redis, TiKV, PostgreSQL, MySQL and other databases as metadata
engines`), each set up in a section of its own: the headings at that level, under the same parents as the
named ones (`Redis-compatible database` → `Redis`, `Valkey`; `Key-value database` → `TiKV`, `etcd`), are the
alternatives — 0.6, 0.75 when the opening says they differ (`different performance and intended scenarios`).
The opening must say so (`supports`, `such as`, `and other …`); a summary of the page's sections is no choice.
A page of that kind sets up whichever the reader picked; the opening says they are interchangeable choices.
"""

from __future__ import annotations

import re
from collections import Counter

from fingerpost.kb.extract.choices.cues import ASIDE, PROCEDURE, weighs
from fingerpost.kb.extract.choices.scan import MAX_ALTERNATIVES, Item, Proposal, Scan
from fingerpost.kb.extract.words import content_stems
from fingerpost.kb.records import Document, Section

SIGNAL = "supported_names"
CONFIDENCE, DIFFERING = 0.6, 0.75
NAMED = 3
"""Headings the opening must name for them to be what the page supports."""
_SUPPORTS = re.compile(r"\b(?:supports?|supported|such as|including|like|e\.\s?g\.|for example|(?:and|or) other|any of|"
                       r"works? with|can use|can be|offers?|provides?|selectable|one of)\b", re.I)
"""Words that say the names after them are what one may use."""
_DIFFER = re.compile(r"\b(?:differ\w*|different|depending on|intended|scenarios?|trade-?offs?|choose|choice)\b", re.I)


def _openings(doc: Document) -> list[str]:
    """The page's description (front matter) and the paragraphs before its first sub-heading."""
    out = []
    desc = doc.front_matter.get("description") if isinstance(doc.front_matter, dict) else None
    if isinstance(desc, str):
        out.append(desc)
    top = {s.anchor for s in doc.sections if s.level <= 1}
    out += [p.text for p in doc.paragraphs if p.kind == "paragraph" and p.section in top][:3]
    return out


def _names(text: str, title: str) -> bool:
    """Whether `text` names the heading as written, capitals and all (`Redis`, `TiKV`): a name, not the words of a
    topic (`Object Storage` is not named by "the same object storage")."""
    name = _plain(title).strip()
    return len(name) >= 2 and bool(re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", _plain(text)))


def _plain(text: str) -> str:
    """Text without emphasis and code marks (`_Weak_`, `**Redis**`), on the heading and the opening alike."""
    return re.sub(r"[*_`]+", " ", text)


def _groups(doc: Document, parents: set[str]) -> set[str]:
    """The headings that group the named ones, and their siblings of the same kind (`Recommended backends` beside
    `Experimental backends`): every group of what the page sets up."""
    by_anchor = {s.anchor: s for s in doc.sections}
    kinds = {w for a in parents if a in by_anchor for w in content_stems(by_anchor[a].title)}
    above = {by_anchor[a].parent for a in parents if a in by_anchor}
    return parents | {s.anchor for s in doc.sections if s.parent in above and s.level >= 2
                      and any(p in by_anchor and s.level == by_anchor[p].level for p in parents)
                      and set(content_stems(s.title)) & kinds}


def signal(doc: Document, scan: Scan) -> None:
    heads = [s for s in doc.sections if s.level >= 2 and not ASIDE.match(s.title) and not PROCEDURE.match(s.title)
             and not s.title.rstrip().endswith("?")]  # `Which should I use?` weighs them; it is not one of them
    openings = _openings(doc)
    differ = any(_DIFFER.search(t) for t in openings)
    for text in openings:
        if not _SUPPORTS.search(text):
            continue
        named = [s for s in heads if _names(text, s.title)]
        if len({s.title.lower() for s in named}) < NAMED:
            continue
        level = Counter(s.level for s in named).most_common(1)[0][0]
        parents = _groups(doc, {s.parent for s in named if s.level == level})
        items: list[Section] = [s for s in heads if s.level == level and s.parent in parents]
        if not NAMED <= len(items) <= MAX_ALTERNATIVES or len({s.title.lower() for s in items}) < len(items):
            continue
        where = scan.section(next(iter(parents))) if len(parents) == 1 else None
        sure = DIFFERING if differ or weighs(text) else CONFIDENCE
        scan.propose(Proposal(SIGNAL, where if where is not None and where.level else None,
                              [Item(s.title, s.line, s) for s in items], sure,
                              "the page's opening names them as what it supports, and each has a section", "headings"))
        return
