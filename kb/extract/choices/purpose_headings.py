"""Signal `purpose_headings`: sibling headings that each say what their way is for.

`1. Deploy the development flavor for first experiments:` beside `2. Deploy as part of the distribution for
production ready environments:` — headings that end in `for …` naming a use (production, experiments,
testing, development, evaluation …), no two the same, present their ways as alternatives, even when
numbered like steps: steps do not say, one by one, what each is for. 0.6.
"""

from __future__ import annotations

import re

from fingerpost.kb.extract.choices.cues import ASIDE
from fingerpost.kb.extract.choices.scan import Item, Proposal, Scan
from fingerpost.kb.records import Document

CONFIDENCE = 0.6
WHY = "sibling headings, each saying what its way is for"
_USE = (r"(?:production|non-?production|experiment\w*|test\w*|development|dev|evaluation|evaluating|trials?|"
        r"demo\w*|learning|proofs? of concept|sandbox\w*|local|large|small|enterprise|multi-\w+|single-\w+|"
        r"high availability|scale|getting started|beginners?|advanced)")
_FOR = re.compile(rf"\s+for\s+(?P<use>(?:(?:an?|the|your|first|most|simple|quick|real)\s+)?(?:[\w-]+\s+){{0,2}}?{_USE}"
                  r"(?:[\s\w-]{0,40}?))\s*[:.]?\s*$", re.I)
_NUMBER = re.compile(r"^\s*(?:step\s+)?\d+[.)]\s*", re.I)


def purpose_of(title: str) -> str:
    """What a heading says its way is for (`… for first experiments:` → `first experiments`; '' if it does not)."""
    m = _FOR.search(title.strip())
    return m.group("use").strip().lower() if m else ""


def name(title: str) -> str:
    """The way a purpose heading names: without its number, its `for …` and its colon."""
    out = _NUMBER.sub("", title.strip())
    m = _FOR.search(out)
    return (out[:m.start()] if m else out).strip().rstrip(":.").strip() or out


def signal(doc: Document, scan: Scan) -> None:
    for sec in doc.sections:
        kids = [k for k in scan.kids(sec) if not ASIDE.match(name(k.title))]
        if not 2 <= len(kids) <= 8:
            continue
        uses = [purpose_of(k.title) for k in kids]
        told = [(k, u) for k, u in zip(kids, uses, strict=True) if u]
        if len(told) < 2 or len(told) * 3 < 2 * len(kids) or len({u for _, u in told}) < len(told):
            continue
        scan.propose(Proposal("purpose_headings", sec if sec.level else None,
                              [Item(name(k.title), k.line, k) for k, _ in told], CONFIDENCE, WHY))
