"""Signal `tagged_headings`: sibling headings one of which is tagged as the one to take.

`Using packages for Debian/Ubuntu (recommended)` beside `Using standalone binaries (advanced)`: a tag in
brackets or after a dash that recommends one sibling (`recommended`, `preferred`, `default`) while another is
tagged otherwise (`advanced`, `alternative`, `experimental`, …) or opens with the same word, presents the
siblings as alternatives — 0.6.
"""

from __future__ import annotations

import re

from fingerpost.kb.extract.choices.cues import ASIDE, PROCEDURE
from fingerpost.kb.extract.choices.scan import Item, Proposal, Scan
from fingerpost.kb.records import Document

CONFIDENCE = 0.6
WHY = "sibling headings, one tagged as the one to take"
_TAG = re.compile(r"(?:\(\s*(?P<a>[^()]{3,30}?)\s*\)|\s[-–—]\s+(?P<b>[\w ]{3,30}?))\s*$")
_TAKE = frozenset("recommended preferred default suggested".split())
_MEANS = frozenset("using with via from".split())
"""First words that say by what means (`Using packages …`), which PROCEDURE would take for a step."""
_OTHER = frozenset("advanced alternative optional experimental legacy deprecated manual beta expert simple easy "
                   "unsupported unofficial community quick discouraged obsolete outdated unmaintained".split())


def _tag(title: str) -> str:
    m = _TAG.search(title.strip())
    return (m.group("a") or m.group("b") or "").strip().lower() if m else ""


def _first(title: str) -> str:
    words = title.strip().split()
    return words[0].lower() if words else ""


def signal(doc: Document, scan: Scan) -> None:
    for sec in doc.sections:
        kids = [k for k in scan.kids(sec) if not ASIDE.match(k.title)]
        if len(kids) < 2:
            continue
        tags = [_tag(k.title) for k in kids]
        taken = [k for k, t in zip(kids, tags, strict=True) if t in _TAKE]
        if len(taken) != 1:
            continue
        lead = _first(taken[0].title)
        alike = [k for k, t in zip(kids, tags, strict=True) if k is taken[0] or t in _OTHER
                 or _first(k.title) == lead and (lead in _MEANS or not PROCEDURE.match(k.title))]
        if len(alike) < 2 or len(alike) > 8:
            continue
        scan.propose(Proposal("tagged_headings", sec if sec.level else None, [Item(k.title, k.line, k) for k in alike],
                              CONFIDENCE, WHY))
