"""Signal `means_headings`: sibling headings that do the same thing by different means.

`Installing with the CLI` / `Installing via Helm`, `Bootstrap with Terraform` / `Bootstrap with
the Operator`: two or more sub-headings of one section that open with the same verb and differ in
what follows `with` / `via` / `using` / `through` / `from` / `on` / `by` are ways of doing one
thing — the alternatives are the means: 0.5, 0.6 when the text of one of them weighs it (what it
is for, what it needs), 0.7 when most do. Alone and unweighed, procedures that merely differ in
their tool are a near miss.
"""

from __future__ import annotations

import re

from fingerpost.kb.extract.choices.cues import weighs
from fingerpost.kb.extract.choices.scan import Item, Proposal, Scan
from fingerpost.kb.extract.words import stem
from fingerpost.kb.records import Document

MEANS = re.compile(r"^(?P<verb>[A-Za-z]+)\b(?:\s+\w+){0,3}?\s+(?:with|via|using|through|from|on|by)\s+(?P<means>.+)$",
                   re.I)


def signal(doc: Document, scan: Scan) -> None:
    for sec in doc.sections:
        kids = scan.kids(sec)
        if len(kids) < 2 or len(kids) > 30:
            continue
        by_verb: dict[str, list] = {}
        for k in kids:
            m = MEANS.match(k.title.strip())
            if m:
                by_verb.setdefault(stem(m.group("verb").lower()), []).append(k)
        for same in by_verb.values():
            if len(same) < 2 or len({k.title.lower() for k in same}) < len(same):
                continue
            weighed = sum(1 for k in same if weighs(k.text))
            conf = 0.5 + (0.1 if weighed else 0.0) + (0.1 if weighed * 2 > len(same) else 0.0)
            scan.propose(Proposal("means_headings", sec if sec.level else None,
                                  [Item(k.title, k.line, k) for k in same], conf,
                                  "sibling headings doing one thing by different means"))
