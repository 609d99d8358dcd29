"""Signal `choice_title`: a title that can only announce a choice (`Selecting …`, `Choosing …`,
`Which … should I use?`, `… compared`) agrees with the alternatives found in its section: 0.45.
A title that only names a kind of thing (`… options`, `… modes`) agrees more weakly: 0.25.
Such a section with no alternatives in it is a near miss."""

from __future__ import annotations

from fingerpost.kb.extract.choices.cues import CUE, STRONG_CUE
from fingerpost.kb.extract.choices.scan import Proposal, Scan
from fingerpost.kb.records import Document


def signal(doc: Document, scan: Scan) -> None:
    supported: set[str] = set()
    for p in list(scan.proposals):
        sec = p.section
        title = sec.title if sec is not None else doc.title
        parent = next((s for s in doc.sections if sec is not None and s.anchor == sec.parent), None)
        titles = [title, parent.title if parent is not None and parent.level else doc.title]
        if STRONG_CUE.search(titles[0] or "") or (sec is not None and STRONG_CUE.search(titles[1] or "")):
            conf = 0.45
        elif STRONG_CUE.search(titles[1] or "") or CUE.search(titles[0] or ""):
            conf = 0.25
        else:
            continue
        supported.add(sec.anchor if sec is not None else "")
        scan.propose(Proposal("choice_title", sec, p.items, conf, f"titled “{title}”", "support"))
    for sec in doc.sections:
        if STRONG_CUE.search(sec.title or "") and sec.anchor not in supported and (sec.level or not supported):
            if not any(p.section is not None and p.section.anchor in scan.scope(sec) for p in scan.proposals):
                scan.miss(sec.line, f"“{sec.title}”", "the title announces a choice, but no alternatives were "
                                                       "found under it (no parallel headings, named list or table)")
