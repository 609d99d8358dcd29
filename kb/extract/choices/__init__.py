"""Where a page presents a choice: independent signals, each a named rule with a confidence, combined.

Each signal is `signal(doc, scan) -> None` and adds `Proposal`s — a set of alternatives, where they
are, how sure it is and why — to `scan.proposals`, or a near miss (what almost qualified and why
not) to `scan.near`. The signals run in the order of the `SIGNALS` Ruler:

    >>> SIGNALS.names()  # doctest: +NORMALIZE_WHITESPACE
    ['labelled_headings', 'parallel_headings', 'means_headings', 'lead_list', 'bold_bullets', 'list_table',
     'comparison_table', 'choice_title']

Proposals naming the same alternatives are one candidate choice whose confidence combines them
as independent evidence (1 − Π(1 − cᵢ)); a candidate is taken when that reaches `THRESHOLD`.

    >>> combined([0.5, 0.5])
    0.75
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kb.extract.ruler import Ruler
from kb.extract.words import content_stems
from kb.records import Document, Section

__all__ = ["Item", "Proposal", "Scan", "Signal", "SIGNALS", "THRESHOLD", "combined", "scan_page", "Found"]

THRESHOLD = 0.55
"""Combined confidence from which a candidate choice is taken (a lone weak signal is a near miss)."""
MAX_ALTERNATIVES = 30
"""A proposal of more alternatives than this is not kept."""
REFERENCE_HEADINGS, REFERENCE_THRESHOLD = 30, 0.75
"""A page with more headings than this is a reference: a choice there needs more agreement."""


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
    """How the alternatives are presented: `headings`, `labelled-headings`, `list`, `table`, `rows`."""

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
        if 2 <= len(p.items) <= MAX_ALTERNATIVES:  # more is a reference, not a choice (and pairing them is quadratic)
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


Signal = Callable[[Document, Scan], None]
SIGNALS: Ruler[Signal] = Ruler("choice")
"""The signals that find choices on a page."""


def _words(title: str, memo: dict[str, frozenset[str]]) -> frozenset[str]:
    words = memo.get(title)
    if words is None:
        words = memo[title] = frozenset(content_stems(title))
    return words


def agree(p: Proposal, q: Proposal, memo: dict[str, frozenset[str]] | None = None) -> bool:
    """Whether two proposals name the same alternatives: most of the smaller set's names are, or are
    part of, names of the other (`Standalone` column, `Standalone server` heading)."""
    small, large = (p.items, q.items) if len(p.items) <= len(q.items) else (q.items, p.items)
    if len(large) > 2 * len(small) + 1:
        return False
    memo = {} if memo is None else memo
    others = [_words(j.title, memo) for j in large]
    hits = 0
    for i in small:
        x = _words(i.title, memo)
        hits += bool(x) and any(y and (x <= y or y <= x) for y in others)
    return hits * 3 >= 2 * len(small) and hits >= 2


def combined(confidences: list[float]) -> float:
    """Independent evidence: 1 − Π(1 − c)."""
    miss = 1.0
    for c in confidences:
        miss *= 1 - c
    return round(1 - miss, 3)


@dataclass(slots=True)
class Found:
    """A candidate choice: the proposals that agree on its alternatives."""

    lead: Proposal
    """The proposal whose presentation is used (the surest)."""
    support: list[Proposal]
    """Every proposal naming the same alternatives (the lead included)."""
    confidence: float
    """Their combined confidence."""


def scan_page(doc: Document, disable: tuple[str, ...] = ()) -> tuple[list[Found], list[Near]]:
    """Run the signals over a page; the candidate choices, surest first, and the near misses."""
    scan = Scan(doc)
    for _, signal in SIGNALS.active(disable):
        signal(doc, scan)
    groups: list[list[Proposal]] = []
    memo: dict[str, frozenset[str]] = {}
    for p in scan.proposals:
        home = next((g for g in groups if agree(g[0], p, memo)), None)
        if home is None:
            groups.append([p])
        else:
            home.append(p)
    found = []
    for props in groups:
        # one signal counts once per set of alternatives: its surest proposal
        best: dict[str, float] = {}
        for p in props:
            best[p.signal] = max(best.get(p.signal, 0.0), p.confidence)
        lead = max(props, key=lambda p: (p.how != "support", p.confidence, p.section is not None))
        found.append(Found(lead, props, combined(list(best.values()))))
    found.sort(key=lambda f: (-f.confidence, f.lead.section is None, f.lead.items[0].line))
    near = list(scan.near)
    need = REFERENCE_THRESHOLD if len(doc.sections) > REFERENCE_HEADINGS else THRESHOLD
    for f in found:
        if f.confidence < need:
            names = ", ".join(i.title for i in f.lead.items[:4])
            near.append(Near(f.lead.items[0].line, f"{names} ({f.lead.why})",
                             f"confidence {f.confidence:.2f} is below {need} with no other signal agreeing"))
    return [f for f in found if f.confidence >= need], near


from kb.extract.choices import bold_bullets as _bold_bullets  # noqa: E402
from kb.extract.choices import choice_title as _choice_title  # noqa: E402
from kb.extract.choices import comparison_table as _comparison_table  # noqa: E402
from kb.extract.choices import labelled_headings as _labelled_headings  # noqa: E402
from kb.extract.choices import lead_list as _lead_list  # noqa: E402
from kb.extract.choices import list_table as _list_table  # noqa: E402
from kb.extract.choices import means_headings as _means_headings  # noqa: E402
from kb.extract.choices import parallel_headings as _parallel_headings  # noqa: E402

SIGNALS.push("labelled_headings", _labelled_headings.signal)
SIGNALS.push("parallel_headings", _parallel_headings.signal)
SIGNALS.push("means_headings", _means_headings.signal)
SIGNALS.push("lead_list", _lead_list.signal)
SIGNALS.push("bold_bullets", _bold_bullets.signal)
SIGNALS.push("list_table", _list_table.signal)
SIGNALS.push("comparison_table", _comparison_table.signal)
SIGNALS.push("choice_title", _choice_title.signal)
