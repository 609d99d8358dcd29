"""The `docs` command: which pages and sections matter now, and a section's text for the terminal.

    >>> secs = sections_for(kb, assess(kb, {}), None)           # doctest: +SKIP
    >>> print(section_text(kb, secs[0], color=False).plain())   # doctest: +SKIP

Sections are listed in the order the current answer cites them (recommendation, its reasons,
trade-offs and checklist, then the pending question), then the other sections of the pages.
A section is shown from its Markdown source with the annotation blocks left out, formatted
with rich, from the text read at build time (never read again from the file); without it, its plain text is shown.
"""

from __future__ import annotations

import io
import os
import re
from typing import Any

from fingerpost.engine.reason.assess import Assessment
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.records import Citation, Question, Section
from fingerpost.render.text import Styled

__all__ = ["sections_for", "find_sections", "section_text", "section_source"]

_ANNOTATION_FENCE = re.compile(r"^\s*(```+|~~~+)\s*(yaml\s+)?fingerpost\b")
_ANNOTATION_COMMENT = re.compile(r"^\s*<!--\s*fingerpost\b")


def _section(kb: KnowledgeBase, c: Citation) -> Section | None:
    doc = kb.documents.get(c.path)
    if doc is None:
        return None
    if c.anchor:
        for s in doc.sections:
            if s.anchor == c.anchor:
                return s
    return doc.section_at(c.line)


def sections_for(kb: KnowledgeBase, assessment: Assessment, pending: Question | None = None) -> list[Section]:
    """Sections cited by the current recommendation and question first, then the rest in page order."""
    cites: list[Citation] = []
    rec = assessment.recommendation
    if rec is not None:
        for o in kb.lineage(rec.option.id):
            cites.append(o.source)
        cites += [r.source for r in rec.reasons]
        cites += [t.source for t in kb.tradeoffs_for(rec.option.id)]
        cites += [p.source for p in kb.prerequisites_for(rec.option.id)]
    if pending is not None:
        cites.append(pending.source)
    out: list[Section] = []
    seen: set[tuple[str, int]] = set()
    for c in cites:
        s = _section(kb, c)
        if s is not None and (s.path, s.line) not in seen:
            seen.add((s.path, s.line))
            out.append(s)
    for doc in kb.documents.values():
        for s in doc.sections:
            if s.level > 0 and (s.path, s.line) not in seen:
                seen.add((s.path, s.line))
                out.append(s)
    return out


def find_sections(sections: list[Section], words: str) -> list[Section]:
    """Sections whose title (or, failing that, text) contains every word."""
    wanted = words.lower().split()
    by_title = [s for s in sections if all(w in s.title.lower() for w in wanted)]
    return by_title or [s for s in sections if all(w in s.text.lower() for w in wanted)]


def section_source(kb: KnowledgeBase, s: Section) -> str | None:
    """The section's Markdown without annotation blocks, or None when the file cannot be read."""
    doc = kb.documents.get(s.path)
    if doc is None or not doc.source:  # the text read at build time: the file may have been swapped since
        return None
    lines = doc.source.splitlines()
    out: list[str] = []
    skipping = ""
    start = s.line if s.level > 0 else s.line - 1  # the heading itself is the panel's title
    for line in lines[start: max(s.end_line, s.line)]:
        if skipping:
            if (skipping == "-->" and "-->" in line) or (skipping != "-->" and line.strip().startswith(skipping)):
                skipping = ""
            continue
        fence = _ANNOTATION_FENCE.match(line)
        if fence:
            skipping = fence.group(1)
            continue
        if _ANNOTATION_COMMENT.match(line):
            skipping = "" if "-->" in line else "-->"
            continue
        out.append(line)
    return re.sub(r"\s*\{#[^}]*\}\s*$", "", "\n".join(out), flags=re.M).strip()


def section_text(kb: KnowledgeBase, s: Section, color: bool, width: int = 100) -> Styled:
    """The section formatted for the terminal (ANSI colour only when `color`)."""
    from rich.console import Console  # start-up: rich loads only when a section is shown
    from rich.markdown import Markdown  # start-up: rich loads only when a section is shown
    from rich.panel import Panel  # start-up: rich loads only when a section is shown

    from fingerpost.kb.safeio import clean

    source = section_source(kb, s)
    body: Any = Markdown(clean(source)) if source is not None else clean(s.text)
    buf = io.StringIO()
    console = Console(file=buf, width=max(40, min(width, 110)), force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False, emoji=False)
    console.print(Panel(body, title=clean(s.title), subtitle=clean(f"{s.path}:{s.line}"), title_align="left",
                        subtitle_align="right", expand=True))
    text = buf.getvalue()
    return Styled([("class:ansi", text)]) if color and not os.environ.get("NO_COLOR") else Styled().add(text)
