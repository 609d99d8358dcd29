"""What the choice signals share: the alternatives (`Item`), a signal's `Proposal`, a near miss
(`Near`) and the `Scan` of one page they add to (kb.extract.choices runs them).

A module of its own so that each signal and the package that runs them both import it, and
neither imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fingerpost.kb.extract.words import content_stems
from fingerpost.kb.records import Document, Section

__all__ = ["Item", "Proposal", "Near", "Scan", "MAX_ALTERNATIVES"]

MAX_ALTERNATIVES = 30
"""A proposal of more alternatives than this is not kept."""


@dataclass(slots=True)
class Item:
    """One alternative as presented: a heading, a list item, a table row or column."""

    title: str
    """Its name as written."""
    line: int
    """Where it is presented."""
    section: Section | None = None
    """Its own section, for alternatives presented as headings."""
    span: tuple[int, int] = (0, 0)
    """First and last line of the text that describes it, for list items and rows."""
    text: str = ""
    """That text."""


@dataclass(slots=True)
class Proposal:
    """A signal's claim that a page presents a choice between `items`."""

    signal: str
    """The rule that made it."""
    section: Section | None
    """The section presenting the choice (None: the page)."""
    items: list[Item]
    """The alternatives, in document order."""
    confidence: float
    """How sure this signal alone is."""
    why: str
    """In a few words, for `lint --explain`."""
    how: str = "headings"
    """How the alternatives are presented: `headings`, `labelled-headings`, `list`, `table`, `rows`, `flowchart`."""

    def key(self) -> frozenset[str]:
        """What identifies the alternatives, whichever signal found them."""
        return frozenset(" ".join(content_stems(i.title)) or i.title.lower() for i in self.items)


@dataclass(slots=True)
class Near:
    """Something that almost presented a choice, and why it did not."""

    line: int
    what: str
    why: str


@dataclass
class Scan:
    """Shared state of the signals on one page."""

    doc: Document
    proposals: list[Proposal] = field(default_factory=list)
    near: list[Near] = field(default_factory=list)
    children: dict[str, list[Section]] = field(default_factory=dict)
    """Sections by their parent's anchor."""
    _lists: list[list[tuple[Any, Item]]] | None = None
    _anchors: dict[str, Section] = field(default_factory=dict)
    _firsts: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        for s in self.doc.sections:
            self.children.setdefault(s.parent, []).append(s)

    def kids(self, sec: Section) -> list[Section]:
        return [s for s in self.children.get(sec.anchor, ()) if s.level > sec.level and s is not sec]

    def scope(self, sec: Section) -> set[str]:
        """Anchors of `sec` and all its sub-sections."""
        out, todo = {sec.anchor}, [sec.anchor]
        while todo:
            for s in self.children.get(todo.pop(), ()):
                if s.level > sec.level and s.anchor not in out:
                    out.add(s.anchor)
                    todo.append(s.anchor)
        return out

    def section(self, anchor: str) -> Section:
        if not self._anchors:
            self._anchors = {s.anchor: s for s in reversed(self.doc.sections)}
        return self._anchors.get(anchor, self.doc.sections[0])

    def first_paragraph(self, anchor: str) -> Any:
        """The first paragraph of a section (None if it has none)."""
        if self._firsts is None:
            self._firsts = {}
            for p in self.doc.paragraphs:
                self._firsts.setdefault(p.section, p)
        return self._firsts.get(anchor)

    def lists(self) -> list[list[tuple[Any, Item]]]:
        """The page's top-level lists (not nested in another list), each as (first paragraph, Item) per
        item, the Item's span running to the line before the next item (the last: to the list's end)."""
        if self._lists is None:
            self._lists = _lists(self.doc)
        return self._lists

    def propose(self, p: Proposal) -> None:
        if not 2 <= len(p.items) <= MAX_ALTERNATIVES:  # more is a reference, not a choice (and pairing them is quadratic)
            return
        if sum(1 for i in p.items if i.title.rstrip().endswith("?")) * 2 > len(p.items):
            self.miss(p.items[0].line, ", ".join(i.title for i in p.items)[:80],
                      "its items are questions a page answers (a FAQ), not alternatives to choose between")
            return
        self.proposals.append(p)

    def miss(self, line: int, what: str, why: str) -> None:
        self.near.append(Near(line, what, why))


def _lists(doc: Document) -> list[list[tuple[Any, Item]]]:
    out: list[list[tuple[Any, Item]]] = []
    current: list[tuple[Any, Item]] = []
    top = 0  # serial of the list being read; items of lists nested in it have other list serials
    last_line = 0

    def close() -> None:
        if current:
            first, item = current[-1]
            current[-1] = (first, Item(item.title, item.line, None, (item.line, max(last_line, item.line)), item.text))
            out.append(list(current))
            current.clear()

    for p in doc.paragraphs:
        end = p.line + len(p.breaks)
        if p.kind != "item" or not p.within[0]:
            if p.kind in ("paragraph", "quote", "admonition") or p.kind != "item":
                close()
                top = 0
            continue
        lst, item = p.within
        if top == 0 or (lst == top and current and p.section != current[0][0].section):
            close()
            top = lst
        if lst == top and (not current or current[-1][0].within[1] != item):
            if current:
                first, prev = current[-1]
                current[-1] = (first, Item(prev.title, prev.line, None, (prev.line, p.line - 1), prev.text))
            current.append((p, Item("", p.line, None, (p.line, end), p.text)))
        elif current:
            first, prev = current[-1]
            current[-1] = (first, Item(prev.title, prev.line, None, prev.span, prev.text + " " + p.text))
        last_line = end
    close()
    return out
