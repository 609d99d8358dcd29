"""Options side by side: status, requirements, trade-offs, migration paths and docs, all cited.

    >>> c = compare(kb, assess(kb, facts), ["k8s-ha-rke", "docker"])     # doctest: +SKIP
    >>> [col.status for col in c.columns]                                 # doctest: +SKIP

*Migration paths* are what the content says about moving from or to an option later: its
pros, cons, constraints and recommendations whose wording is about migrating, upgrading,
growing or a path (matched on those words, whatever the pack).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from fingerpost.engine.answers.guides import docs_for
from fingerpost.engine.answers.statement import Statement, statement_of
from fingerpost.engine.reason.assess import Assessment
from fingerpost.engine.reason.fit import outcome_title
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.records import Option

__all__ = ["Column", "Comparison", "compare", "fold_variants", "ROWS"]

ROWS = ("status", "requirements", "pros", "cons", "migration", "docs")
"""Rows of a comparison, in the order they are shown."""

_MIGRATION = re.compile(r"\b(migrat\w*|upgrad\w*|grow\w*|later|path|move to|moving to|convert\w*|switch\w*)\b",
                        re.IGNORECASE)


@dataclass(slots=True, frozen=True)
class Column:
    """One option in a comparison."""

    option: Option
    """The option."""
    title: str
    """Its title (naming the variant when the answers name it)."""
    status: str
    """recommended, feasible, ruled_out or open."""
    requirements: tuple[Statement, ...]
    """Its own and inherited constraints, each with whether it holds for the answers."""
    pros: tuple[Statement, ...]
    """Advantages the content states."""
    cons: tuple[Statement, ...]
    """Drawbacks the content states."""
    migration: tuple[Statement, ...]
    """What the content says about moving from or to it later."""
    docs: tuple[Statement, ...]
    """Pages to read, for the answers given (href set)."""
    qualities: tuple[tuple[str, int], ...]
    """Scores for the decision's priorities."""


@dataclass(slots=True, frozen=True)
class Comparison:
    """Options side by side. Iterating yields every statement, row by row, so it prints like any explanation."""

    columns: tuple[Column, ...]
    """One per option, in the order asked."""

    def rows(self) -> Iterator[tuple[str, tuple[tuple[Statement, ...], ...]]]:
        """(row name, one tuple of statements per column) for the rows after `status`."""
        for name in ROWS[1:]:
            yield name, tuple(getattr(c, name) for c in self.columns)

    def __iter__(self) -> Iterator[Statement]:
        for c in self.columns:
            yield Statement(f"{c.title}: {c.status.replace('_', ' ')}.", c.option.source, "headline",
                            {"ruled_out": False, "open": None}.get(c.status, True), c.option.id)
        for _, cells in self.rows():
            for cell in cells:
                yield from cell


def _column(kb: KnowledgeBase, a: Assessment, oid: str) -> Column:
    c = a.candidate(oid)
    o = c.option
    requirements = tuple(replace(statement_of(r), option=oid) for r in c.reasons
                         if r.kind in ("requires", "excludes") and r.condition)
    trade = kb.tradeoffs_for(oid)
    pros = tuple(Statement(t.text, t.source, "pro", None, oid) for t in trade if t.side == "pro")
    cons = tuple(Statement(t.text, t.source, "con", None, oid) for t in trade if t.side == "con")
    said = [*pros, *cons, *(statement_of(r) for r in c.reasons)]
    said += [Statement(r.because, r.source, "recommends", None, oid) for r in kb.recommendations_for(oid) if r.because]
    said = [replace(x, option=oid) for x in said]
    seen: set[str] = set()
    migration = []
    for s in said:
        if _MIGRATION.search(s.text) and s.text not in seen:
            seen.add(s.text)
            migration.append(Statement(s.text, s.source, "migration", s.holds, oid))
    docs = tuple(Statement(d.title, d.source, "doc", None, oid, kb.href(d.href)) for d in docs_for(kb, oid, a.facts))
    return Column(o, outcome_title(kb, o, a.facts), c.status, requirements, pros, cons, tuple(migration), docs,
                  o.qualities)


def fold_variants(kb: KnowledgeBase, a: Assessment, ids: Sequence[str]) -> list[str]:
    """Names that fit variants under several options ("k3s or rke") compare the variants of one:
    the option on the recommended line if two or more of them are its variants, else the first such."""
    ids = list(dict.fromkeys(ids))
    if len(ids) <= 2:
        return ids
    by_parent: dict[str, list[str]] = {}
    for i in ids:
        by_parent.setdefault(kb.options[i].parent, []).append(i)
    groups = {p: kids for p, kids in by_parent.items() if p and len(kids) >= 2}
    line = [o.id for o in kb.lineage(a.recommendation.option.id)] if a.recommendation else []
    for p in [*line, *groups]:
        if p in groups:
            return groups[p]
    return ids


def compare(kb: KnowledgeBase, a: Assessment, ids: Sequence[str]) -> Comparison:
    """The options `ids` side by side (one id: against the recommendation)."""
    wanted = fold_variants(kb, a, [kb.option(i).id for i in ids])
    if len(wanted) == 1 and a.recommendation is not None and a.recommendation.option.id != wanted[0]:
        wanted.insert(0, a.recommendation.option.id)
    return Comparison(tuple(_column(kb, a, oid) for oid in dict.fromkeys(wanted)))
