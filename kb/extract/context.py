"""What every extraction rule is handed: the Context of one knowledge base, and `cite` for its Citations.

    >>> ctx = Context()
    >>> ctx.next_order(), ctx.next_order()
    (1, 2)

A small module of its own so that the rules (kb.extract.authored, structure, …) and the Ruler
that runs them (kb.extract) both import it, and neither imports the other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from fingerpost.kb.errors import Diagnostic
from fingerpost.kb.records import Citation, Document, Records, Section

__all__ = ["Context", "cite"]


@dataclass
class Context:
    """Shared state while extracting one knowledge base."""

    records: Records = field(default_factory=Records)
    titles: Mapping[str, str] = field(default_factory=dict)
    """Path → title of every page of the knowledge base (rules name a link by its target's title)."""
    inbound: Mapping[str, int] = field(default_factory=dict)
    """Path → how many links from other pages lead to it; filled for the finishers only."""
    order: int = 0
    """Counter giving records their document order."""
    notes: dict[str, Any] = field(default_factory=dict)
    """State a rule keeps for the finishers (e.g. what inference found on each page), by rule name.
    Each value has `absorb(other, order_offset)`, which `merge` uses to join the pages' notes."""
    numbers: dict[int, tuple[list[Any], int, Any, dict[str, int]]] = field(default_factory=dict, repr=False)
    """For `next_number`: per records list, the list, how much was counted, the last counted item, the counts."""

    def next_order(self) -> int:
        self.order += 1
        return self.order

    def problem(self, path: str, line: int, severity: str, code: str, message: str) -> None:
        self.records.problems.append(Diagnostic(path, line, 1, severity, code, message))

    def next_number(self, items: list[Any], option: str) -> int:
        """1 + how many of `items` (a growing records list) are about `option`: numbers record ids per option.

        Counts only what was appended since the last call, so numbering stays linear in a large pack;
        a list that was cut or rearranged since is counted again.
        """
        held, seen, last, counter = self.numbers.get(id(items), (None, 0, None, {}))
        if held is not items or seen > len(items) or (seen and items[seen - 1] is not last):
            seen, counter = 0, {}
        for r in items[seen:]:
            counter[r.option] = counter.get(r.option, 0) + 1
        self.numbers[id(items)] = (items, len(items), items[-1] if items else None, counter)
        return counter.get(option, 0) + 1


def cite(doc: Document, line: int, section: Section | None = None, *, confidence: float = 1.0,
         quote: str = "") -> Citation:
    """A Citation for `line` of `doc`, naming the section it lies in."""
    sec = section if section is not None and section.line <= line else doc.section_at(line)
    return Citation(doc.path, line, sec.title or doc.title, sec.anchor, confidence, quote)
