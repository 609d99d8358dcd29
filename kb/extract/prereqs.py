"""Rule `prerequisites`: what to have in place first, from `Prerequisites` / `Before you begin` sections.

Each list item of such a section is one prerequisite; a section of plain paragraphs gives one
per sentence that links somewhere or says `make sure` / `you need` / `must`. The first link is
where to read more. On a page that presents a choice, a prerequisite inside an option's own
section belongs to that option, elsewhere to every option on the page. On other pages the
prerequisites are kept aside: `assemble` gives them to the options whose guides link there.

    >>> bool(HEADING.match("Before you begin")), bool(HEADING.match("Prerequisite")), bool(HEADING.match("Setup"))
    (True, True, False)
"""

from __future__ import annotations

import re

from fingerpost.kb.extract.context import Context, cite
from fingerpost.kb.extract.inferred import state
from fingerpost.kb.extract.structure import link_href
from fingerpost.kb.extract.words import ident, line_of, sentences
from fingerpost.kb.records import Document, Prerequisite

__all__ = ["extract", "HEADING"]

HEADING = re.compile(r"^\s*(prerequisites?|pre-requisites?|before (you|installing|starting|you begin)\b.*|"
                     r"requirements|what you(?:'ll| will)? need|you will need)\s*:?\s*$", re.I)
"""Titles of sections that list prerequisites."""
_DUTY = re.compile(r"\b(make sure|ensure|you need|you must|must (?:be|have)|required|requires|have (?:a|an|the))\b",
                   re.I)


def _items(doc: Document, anchors: set[str]) -> list[tuple[int, int, str, str]]:
    """(first line, last line, text, section anchor) for each prerequisite stated in the given sections."""
    paras = [p for p in doc.paragraphs if p.section in anchors and p.kind in ("item", "paragraph", "admonition")]
    items = [p for p in paras if p.kind == "item"]
    if items:
        return [(p.line, p.line + len(p.breaks), p.text, p.section) for p in items]
    out = []
    for p in paras:
        for offset, text in sentences(p.text):
            line = line_of(p.line, p.breaks, offset)
            end = line_of(p.line, p.breaks, offset + len(text) - 1)
            if _DUTY.search(text) or any(line <= lk.line <= end for lk in doc.links):
                out.append((line, end, text, p.section))
    return out


def _link(doc: Document, first: int, last: int, section: str) -> tuple[str, str]:
    """(href, link text) of the first link on the given lines."""
    link = next((lk for lk in doc.links if first <= lk.line <= last and lk.section == section and lk.kind != "unsafe"),
                None)
    return (link_href(link), link.text) if link is not None else ("", "")


def extract(doc: Document, ctx: Context) -> None:
    """Prerequisites of the page's options, or of the page (kept aside for `assemble`)."""
    st = state(ctx)
    if doc.path in st.skipped:
        return
    choice = st.choices.get(doc.path)
    found: list[Prerequisite] = []
    for sec in doc.sections:
        if not sec.level or not HEADING.match(sec.title):
            continue
        anchors = {sec.anchor} | {s.anchor for s in doc.sections if s.parent == sec.anchor}
        owner = choice.by_section(sec.anchor) if choice is not None else None
        for line, last, text, anchor in _items(doc, anchors):
            href, label = _link(doc, line, last, anchor)
            pid = ident(label or text, "-", 4)
            while any(p.id == pid for p in found):
                pid += "-2"
            title = text if len(text) <= 160 else text[:157].rstrip() + "…"
            named = choice.mentioned(text.split(",")[0]) if choice is not None and owner is None else []
            options = (owner.id,) if owner else tuple(o.id for o in named)
            found.append(Prerequisite(pid, title, "", options, href, (),
                                      cite(doc, line, sec, confidence=0.8, quote=text)))
    if choice is not None:
        ctx.records.prerequisites.extend(found)
    elif found:
        st.page_prerequisites[doc.path] = found
