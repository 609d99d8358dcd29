"""Signal `linked_list`: a list whose items each point to a heading of the page and say what that one is for.

    - [CockroachDB](#cockroachdb) - Recommended for multi-region deployments
    - [PostgreSQL](#postgresql) - Recommended for single-region deployments
    - [memdb](#memdb) - For local development and testing

The headings are sibling sections, one per item, and most items weigh the one they point to (`recommended for`,
`only if`, `not for production`): the reader is told which to read for their case — 0.6, for the list; the
headings it points to corroborate it (kb.extract.choices.named_headings), as for any list naming alternatives. No announcing sentence
is needed (kb.extract.choices.lead_list covers a list after one). A list that only links to the page's sections
(a table of contents), or to sections documenting settings (`Rancher UI Options`), is a near miss.
"""

from __future__ import annotations

from fingerpost.kb.extract.choices.cues import SETTINGS, weighs
from fingerpost.kb.extract.choices.lead_list import linked_headings
from fingerpost.kb.extract.choices.scan import Item, Proposal, Scan
from fingerpost.kb.extract.words import content_stems
from fingerpost.kb.records import Document

SIGNAL = "linked_list"
CONFIDENCE = 0.6
WHY = "a list pointing to a heading for each alternative and saying what each is for"
_MOST = 8


def _gloss(item: Item, title: str) -> str:
    """What an item says beyond the name of the heading it points to."""
    text = item.text.replace("[", " ").replace("]", " ")
    return text.replace(title, " ", 1) if title in text else text


def signal(doc: Document, scan: Scan) -> None:
    for items in scan.lists():
        if not 2 <= len(items) <= _MOST:
            continue
        first = items[0][0]
        linked = linked_headings(doc, scan, first, [it for _, it in items])
        if not linked or len({(h.section.parent, h.section.level) for h in linked}) != 1:
            continue
        if any(SETTINGS & set(content_stems(h.title)) for h in linked):
            scan.miss(first.line, ", ".join(h.title for h in linked[:4]),
                      "the sections it points to document settings (`… options`), not alternatives")
            continue
        glosses = [_gloss(it, h.title) for (_, it), h in zip(items, linked, strict=True)]
        if sum(1 for g in glosses if weighs(g)) * 2 < len(glosses):
            if len(linked) >= 3:
                scan.miss(first.line, ", ".join(h.title for h in linked[:4]),
                          "a list linking to the page's sections that does not say what each is for: a table of "
                          "contents, not a choice")
            continue
        already = {frozenset(i.line for i in p.items) for p in scan.proposals if p.how == "headings"}
        if frozenset(h.line for h in linked) in already:  # a sentence before it announced them: one piece of evidence
            continue
        sec = scan.section(first.section)
        named = [Item(h.title, it.line, None, it.span, it.text) for (_, it), h in zip(items, linked, strict=True)]
        scan.propose(Proposal(SIGNAL, sec if sec.level else None, named, CONFIDENCE, WHY, "list"))
