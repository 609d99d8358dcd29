"""Extraction: ordered, named rules that turn Documents into Records.

Each rule is `rule(doc, ctx) -> None` and adds records to `ctx.records`. Rules run in the
order of `RULES`; the list can be reordered or extended like markdown-it's Ruler:

    >>> names()
    ['annotations', 'structure', 'sentences', 'prerequisites', 'terms']

After every page has been read, the *finishers* run once over the whole knowledge base
(`assemble` merges what inference found and lets annotations override it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from kb.errors import Diagnostic
from kb.records import Citation, Document, Records, Section

__all__ = ["Context", "Rule", "RULES", "FINISHERS", "register", "register_finish", "names", "extract", "cite"]


@dataclass
class Context:
    """Shared state while extracting one knowledge base."""

    records: Records = field(default_factory=Records)
    documents: dict[str, Document] = field(default_factory=dict)
    order: int = 0
    """Counter giving records their document order."""
    notes: dict[str, Any] = field(default_factory=dict)
    """State a rule keeps between pages (e.g. what inference found so far), by rule name."""
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


Rule = Callable[[Document, Context], None]
RULES: list[tuple[str, Rule]] = []
Finisher = Callable[[Context], None]
FINISHERS: list[tuple[str, Finisher]] = []


def register(name: str, rule: Rule, *, before: str | None = None, after: str | None = None) -> None:
    """Add a rule, optionally before or after a named one."""
    existing = [n for n, _ in RULES]
    if name in existing:
        RULES.pop(existing.index(name))
        existing.remove(name)
    pos = len(RULES)
    if before is not None and before in existing:
        pos = existing.index(before)
    elif after is not None and after in existing:
        pos = existing.index(after) + 1
    RULES.insert(pos, (name, rule))


def register_finish(name: str, finisher: Finisher) -> None:
    """Add (or replace) a step that runs once after every page was extracted."""
    FINISHERS[:] = [(n, f) for n, f in FINISHERS if n != name] + [(name, finisher)]


def names() -> list[str]:
    return [n for n, _ in RULES]


def cite(doc: Document, line: int, section: Section | None = None, *, confidence: float = 1.0,
         quote: str = "") -> Citation:
    """A Citation for `line` of `doc`, naming the section it lies in."""
    sec = section if section is not None and section.line <= line else doc.section_at(line)
    return Citation(doc.path, line, sec.title or doc.title, sec.anchor, confidence, quote)


def extract(documents: Iterable[Document], disable: Iterable[str] = ()) -> Records:
    """Run every enabled rule over every document, in order."""
    off = set(disable)
    ctx = Context()
    docs = list(documents)
    ctx.documents = {d.path: d for d in docs}
    for doc in docs:
        for name, rule in RULES:
            if name not in off:
                rule(doc, ctx)
    for name, finisher in FINISHERS:
        if name not in off:
            finisher(ctx)
    return ctx.records


from kb.extract import authored as _authored  # noqa: E402

register("annotations", _authored.extract)

from kb.extract import assemble as _assemble  # noqa: E402
from kb.extract import prereqs as _prereqs  # noqa: E402
from kb.extract import sentences as _sentences  # noqa: E402
from kb.extract import structure as _structure  # noqa: E402
from kb.extract import terms as _terms  # noqa: E402

register("structure", _structure.extract, after="annotations")
register("sentences", _sentences.extract, after="structure")
register("prerequisites", _prereqs.extract, after="sentences")
register("terms", _terms.extract, after="prerequisites")
register_finish("assemble", _assemble.finish)
