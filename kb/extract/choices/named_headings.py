"""Signal `named_headings`: sibling sub-headings named as the alternatives another signal found on the
page (`## Kernel module`, `## Modern eBPF probe` beside a table whose columns are `Kernel module` and
`Modern eBPF probe`): 0.4. Two presentations naming the same set agree — the table or list says what
the alternatives are, the headings describe each. Only a proposal that nearly qualified alone
(`SURE_ENOUGH`) is corroborated, so that a list of parts that each have a section (`Components: A, B`)
is not made a choice by its own headings.

Runs after the signals it corroborates.
"""

from __future__ import annotations

from fingerpost.kb.extract.choices.cues import ASIDE
from fingerpost.kb.extract.choices.scan import Item, Proposal, Scan
from fingerpost.kb.extract.words import content_stems
from fingerpost.kb.records import Document, Section

SIGNAL = "named_headings"
CONFIDENCE = 0.4
SURE_ENOUGH = 0.45
"""The confidence a proposal must have alone for headings named like it to corroborate it."""
WHY = "sub-headings named as the alternatives a table or list on the page gives"


def _same_name(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a) and bool(b) and (a <= b or b <= a)


def named_sections(scan: Scan, names: list[str]) -> list[Section]:
    """Sibling sections whose titles are `names`, one each, in the order of the names ([] when some
    name has none, or the matches are not siblings)."""
    wanted = [frozenset(content_stems(n)) for n in names]
    for kids in scan.children.values():
        kids = [k for k in kids if not ASIDE.match(k.title)]
        if len(kids) < len(names):
            continue
        titles = [frozenset(content_stems(k.title)) for k in kids]
        picked: list[Section] = []
        for w in wanted:
            exact = [k for k, t in zip(kids, titles, strict=True) if t == w and k not in picked]
            loose = [k for k, t in zip(kids, titles, strict=True) if _same_name(w, t) and k not in picked]
            hit = (exact or loose or [None])[0] if len(exact) == 1 or len(loose) == 1 else None
            if hit is None:
                break
            picked.append(hit)
        else:
            if len({k.level for k in picked}) == 1:
                return picked
    return []


def signal(doc: Document, scan: Scan) -> None:
    for p in list(scan.proposals):
        if p.confidence < SURE_ENOUGH or any(i.section is not None for i in p.items):
            continue
        sections = named_sections(scan, [i.title for i in p.items])
        if len(sections) < 2 or any({i.section.anchor for i in q.items if i.section is not None}
                                    >= {s.anchor for s in sections} for q in scan.proposals):
            continue  # no headings, or another signal already proposes these headings
        sec = scan.section(sections[0].parent)
        scan.propose(Proposal(SIGNAL, sec if sec.level and sec not in sections else None,
                              [Item(s.title, s.line, s) for s in sections], CONFIDENCE, WHY))
