"""Nearest fits: when no option fits, the fewest answers to change for each option that could fit.

    >>> [(n.option, n.change) for n in nearest_fits(kb, {"purpose": "production", "distro": "k3s",
    ...                                                   "rancher_version": "2.3"})]   # doctest: +SKIP
    [('k8s-ha-rke', ('distro',)), ('k8s-ha-k3s', ('rancher_version',)), …]

Like a configurator's conflict resolution, these are minimal correction sets: for each leaf
option, the smallest sets of the user's answers that, once changed (or left open), no longer rule
it out, together with the rules that block it now. Answers are taken as the user gave them, so an
answer implied by one that changes is dropped with it (production implies growth; changing the
purpose changes that too).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fingerpost.engine.facts import Fact, known
from fingerpost.engine.reason.compiled import compiled
from fingerpost.engine.reason.exact import space_for
from fingerpost.engine.reason.fit import Reason, constraint_reasons, fits_all
from fingerpost.kb.graph import KnowledgeBase

__all__ = ["NearestFit", "nearest_fits", "MAX_CHANGES"]

MAX_CHANGES = 3
"""Most answers a nearest fit may change; beyond, the option is too far to suggest."""


@dataclass(slots=True, frozen=True)
class NearestFit:
    """An option that does not fit, and the fewest answers to change for it to fit."""

    option: str
    """The leaf option's id."""
    change: tuple[str, ...]
    """The question ids whose answers would have to change, in document order."""
    to: tuple[tuple[str, Any], ...]
    """An answer for each of them with which the option fits (a representative of its class)."""
    blocked_by: tuple[Reason, ...]
    """The rules that rule the option out now (violated constraints, with their sources)."""


def _without(kb: KnowledgeBase, given: Mapping[str, Any], drop: tuple[str, ...]) -> dict[str, Any]:
    """The facts closed under implication, with the answers in `drop` left open."""
    return known(kb.questions, [Fact(q, v, "set") for q, v in given.items() if q not in drop])


def nearest_fits(kb: KnowledgeBase, given: Mapping[str, Any]) -> tuple[NearestFit, ...]:
    """For each leaf option that some change of the answers makes fit, the smallest such change
    (and answers that do it), nearest first (fewest changes, then document order).

    Only answers a blocking rule reads (or answers implying them) are candidates, and a change
    must touch every blocking rule of the option (a hitting set), so the search stays small."""
    index = compiled(kb)
    facts = _without(kb, given, ())
    order = {q.id: q.order for q in kb.questions.values()}
    found: dict[str, tuple[tuple[str, Any], ...]] = {}
    blocked_by: dict[str, tuple[Reason, ...]] = {}
    for o in kb.options.values():
        if index.variants[o.id]:
            continue
        rules = [c for c in index.constraints[o.id] if index.checks[id(c)](facts) is False]
        if not rules:
            continue
        needs = [_answers_behind(kb, given, index.names_of(c.expr)) for c in rules]
        pool = sorted(set().union(*needs), key=lambda q: order.get(q, 0))
        to = _smallest_change(kb, given, o.id, needs, pool)
        if to is not None:
            found[o.id] = to
            blocked_by[o.id] = tuple(r for r in constraint_reasons(kb, facts, o.id, False) if r.holds is False)
    leaves = sorted((kb.options[oid] for oid in found), key=lambda o: (len(found[o.id]), o.order))
    return tuple(NearestFit(o.id, tuple(q for q, _ in found[o.id]), found[o.id], blocked_by[o.id]) for o in leaves)


def _answers_behind(kb: KnowledgeBase, given: Mapping[str, Any], names: Sequence[str]) -> set[str]:
    """The user's answers a rule turns on: those it reads, and those that imply what it reads."""
    out = {n for n in names if n in given}
    for qid, value in given.items():
        q = kb.questions.get(qid)
        if q is None or q.kind not in ("choice", "yesno"):
            continue
        key = value if q.kind == "choice" else ("yes" if value else "no")
        for ch in q.choices:
            if ch.value == key and any(other in names for other, _ in ch.implies):
                out.add(qid)
    return out


def _smallest_change(kb: KnowledgeBase, given: Mapping[str, Any], oid: str, needs: list[set[str]],
                     pool: list[str]) -> tuple[tuple[str, Any], ...] | None:
    """The fewest answers from `pool`, touching every rule in `needs`, whose change makes `oid` fit."""
    for size in range(1, min(MAX_CHANGES, len(pool)) + 1):
        for drop in itertools.combinations(pool, size):
            if all(need & set(drop) for need in needs):
                to = _answers_that_fit(kb, given, drop, oid)
                if to is not None:
                    return to
    return None


def _answers_that_fit(kb: KnowledgeBase, given: Mapping[str, Any], drop: tuple[str, ...],
                      oid: str) -> tuple[tuple[str, Any], ...] | None:
    """New answers to the questions in `drop` (one per answer class) with which `oid` is not ruled out."""
    space = space_for(kb)
    choices = [[v for v in space.classes.get(q, [None]) if not _same(given[q], v)] for q in drop]
    for values in itertools.product(*choices):
        trial = {**{q: v for q, v in given.items() if q not in drop},
                 **{q: v for q, v in zip(drop, values, strict=True) if v is not None}}
        if fits_all(kb, known(kb.questions, [Fact(q, v, "set") for q, v in trial.items()]))[oid] is not False:
            return tuple(zip(drop, values, strict=True))
    return None


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except TypeError:
        return False
