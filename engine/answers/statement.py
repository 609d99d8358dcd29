"""A Statement: one sentence of an explanation and the Citation that states it.

Every explanation the engine gives (why, why not, compare, what if, the checklist, answers
to questions) is a sequence of Statements, so every front end prints them the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from fingerpost.engine.reason.fit import Reason
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.records import Citation

__all__ = ["Statement", "statement_of", "decision_source"]


@dataclass(slots=True, frozen=True)
class Statement:
    """One sentence of an explanation and where the content states it."""

    text: str
    """A full sentence."""
    source: Citation
    """Where it is stated (`path:line`)."""
    kind: str = "note"
    """`headline`, `requires`, `excludes`, `recommends`, `priority`, `pro`, `con`, `migration`, `doc`,
    `prerequisite`, `question`, `change`, `term`, `section`, `nearest` (what to change for an option
    to fit), `wish` (a wish set aside) or `note`."""
    holds: bool | None = None
    """For `requires`/`excludes`: True satisfied, False violated, None not known yet."""
    option: str = ""
    """The option the sentence is about, if any."""
    href: str = ""
    """A link to read more (docs, prerequisites)."""
    ref: str = ""
    """Id of the record stated (prerequisite id, question id, …)."""


def statement_of(r: Reason) -> Statement:
    """A Reason as a Statement."""
    return Statement(r.text, r.source, r.kind, r.holds, r.option)


def decision_source(kb: KnowledgeBase) -> Citation:
    """Where the decision is declared (for statements about the whole decision)."""
    if kb.decision is not None:
        return kb.decision.source
    first = min(kb.options.values(), key=lambda o: o.order, default=None)
    return first.source if first else Citation("", 0)
