"""Signal `labelled_headings`: two or more sub-headings labelled `Option A: …`, `Method 2 – …`."""

from __future__ import annotations

from fingerpost.kb.extract.choices.cues import LABELLED
from fingerpost.kb.extract.choices.scan import Item, Proposal, Scan
from fingerpost.kb.records import Document

CONFIDENCE = 0.85


def signal(doc: Document, scan: Scan) -> None:
    for sec in doc.sections:
        labelled, labels = [], set()
        for k in scan.kids(sec):
            m = LABELLED.match(k.title)
            if m and m.group(2).lower() not in labels:
                labelled.append(k)
                labels.add(m.group(2).lower())
        if len(labelled) >= 2:
            scan.propose(Proposal("labelled_headings", sec if sec.level else None,
                                  [Item(k.title, k.line, k) for k in labelled], CONFIDENCE,
                                  "sub-headings labelled as options", "labelled-headings"))
