"""Assess: everything the engine concludes from a set of facts — every option's status with its
reasons, the recommendation, whether the decision is made, and the next question.

    >>> from fingerpost.kb import compile_path
    >>> kb = compile_path()                                             # doctest: +SKIP
    >>> a = assess(kb, {"purpose": "production", "nodes": 3})           # doctest: +SKIP
    >>> a.recommendation.option.id, a.next_question.id                  # doctest: +SKIP
    ('k8s-ha-rke', 'rancher_version')

Every option gets a status — recommended, feasible, ruled_out or open — from `engine.reason.fit`.
The next question is the one that reaches a single recommendation in the fewest further
questions on average over the answers still possible (`engine.reason.exact`: exact search over
answer classes when the space is small; `engine.reason.sampled` otherwise).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from fingerpost.engine.facts import Fact, known
from fingerpost.engine.reason.compiled import compiled
from fingerpost.engine.reason.exact import Space, space_for
from fingerpost.engine.reason.fit import (
    STATUSES,
    Candidate,
    best_leaf,
    constraint_holds,
    constraint_reasons,
    fits_all,
    outcome_title,
    recommendation_score,
)
from fingerpost.engine.reason.likely import leaning_ids, likeliest_leaf
from fingerpost.engine.reason.nearest import NearestFit, nearest_fits
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.records import Question

__all__ = ["Assessment", "assess", "STATUSES"]


@dataclass(slots=True, frozen=True)
class Assessment:
    """Everything the engine concludes from a set of facts."""

    facts: Mapping[str, Any]
    """The typed facts used."""
    candidates: tuple[Candidate, ...]
    """Every option, in document order."""
    recommendation: Candidate | None
    """The best option so far (a leaf variant), or None when every option is ruled out."""
    title: str
    """The recommendation's title naming its variant (e.g. the network setup)."""
    decided: bool
    """True when no answer still possible would change the recommendation."""
    next_question: Question | None
    """What to ask next, or None when decided (or nothing left can help)."""
    could_change: tuple[str, ...]
    """Questions whose answers could still change the recommendation."""
    priorities: tuple[str, ...] = ()
    """The priorities the ranking used, most important first."""
    nearest: tuple[NearestFit, ...] = ()
    """With no recommendation: for each option that could fit, the fewest answers to change."""
    wishes: tuple[str, ...] = ()
    """Questions answered by a wish (what the user would like) that the ranking kept."""
    set_aside: tuple[tuple[str, Any], ...] = ()
    """Wishes (question, value) set aside because no option fits them with the facts."""
    shares: tuple[tuple[str, float], ...] = ()
    """Leaf option → its share of the consistent answer combinations where it is recommended."""
    leanings: tuple[str, ...] = ()
    """Options the user's words lean towards (textual hints, options named as wanted): they weigh
    in the ranking less than any recommendation, never as facts."""

    def candidate(self, oid: str) -> Candidate:
        for c in self.candidates:
            if c.option.id == oid:
                return c
        raise KeyError(oid)


def assess(kb: KnowledgeBase, facts: Mapping[str, Any], priorities: Sequence[str] = (),
           wishes: Mapping[str, Any] | None = None, leanings: Sequence[str] = (), avoid: Sequence[str] = ()) -> Assessment:
    """Statuses and reasons for every option, the recommendation, and the next question.

    The facts are first closed under what answers imply (engine.facts.known), both ways. Wishes
    count like answers unless no option fits them together with the facts: then the fewest wishes
    that make the conflict are set aside (and reported). With no recommendation, the nearest fits
    say what to change. `leanings`: options the user's words lean towards (see Assessment.leanings);
    `avoid`: options the user's words refuse, recommended only when nothing else fits."""
    wishes = {q: v for q, v in (wishes or {}).items() if q not in facts}
    leanings = tuple(dict.fromkeys(o for o in leanings if o in kb.options))
    a = _assess(kb, {**facts, **wishes}, priorities, leanings, avoid)
    if a.recommendation is None and wishes:
        for drop in _wish_subsets(wishes):
            kept = {q: v for q, v in wishes.items() if q not in drop}
            b = _assess(kb, {**facts, **kept}, priorities, leanings, avoid)
            if b.recommendation is not None:
                return replace(b, wishes=tuple(kept), set_aside=tuple((q, wishes[q]) for q in drop))
    if a.recommendation is None:
        return replace(a, nearest=nearest_fits(kb, {**facts, **wishes}), wishes=tuple(wishes))
    return replace(a, wishes=tuple(wishes))


def _wish_subsets(wishes: Mapping[str, Any]) -> list[tuple[str, ...]]:
    """The sets of wishes to try setting aside, fewest first."""
    names = tuple(wishes)
    return [c for n in range(1, len(names) + 1) for c in itertools.combinations(names, n)]


def _assess(kb: KnowledgeBase, facts: Mapping[str, Any], priorities: Sequence[str] = (),
            leanings: tuple[str, ...] = (), avoid: Sequence[str] = ()) -> Assessment:
    facts = known(kb.questions, [Fact(k, v, "set") for k, v in facts.items()])
    fits_by_id = fits_all(kb, facts, constraint_holds(kb, facts))
    space: Space = space_for(kb, tuple(priorities))
    plan = space.plan(facts)
    avoided = frozenset(o for o in avoid if o in kb.options)
    leaf = likeliest_leaf(kb, facts, priorities, fits_by_id, plan.shares, leanings, avoided, plan.sampled) \
        if plan.shares else \
        best_leaf(kb, facts, priorities, fits_by_id, leaning_ids(kb, leanings), avoided)
    chosen = set(compiled(kb).lineage[leaf.id]) if leaf else set()
    candidates = []
    for o in kb.options.values():
        fits = fits_by_id[o.id]
        reasons = constraint_reasons(kb, facts, o.id, fits)
        score, rec_reasons = recommendation_score(kb, facts, o.id, priorities)
        if o.id in chosen:
            status = "recommended"
        else:
            status = {True: "feasible", False: "ruled_out", None: "open"}[fits]
        candidates.append(Candidate(o, status, fits, score, tuple(reasons + rec_reasons)))
    by_id = {c.option.id: c for c in candidates}
    title = outcome_title(kb, leaf, facts) if leaf else ""
    return Assessment(
        facts=dict(facts),
        candidates=tuple(candidates),
        recommendation=by_id[leaf.id] if leaf else None,
        title=title,
        decided=plan.decided,
        next_question=kb.questions[plan.next_question] if plan.next_question else None,
        could_change=plan.could_change,
        priorities=tuple(priorities),
        shares=plan.shares,
        leanings=leanings,
    )
