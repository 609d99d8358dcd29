"""Planning when the answer space is too large to search exactly.

    >>> plan_large(space, facts)          # doctest: +SKIP
    Plan(decided=False, next_question='nodes', …)

*Decided* is proved, never guessed: either the best leaf and each of its ancestors fit (every
constraint holds), the answers that name its variant are known, and no option still possible
beside it, at any level, can outrank it whatever the open answers turn out to be (its highest
reachable recommendation score stays below the chosen one's guaranteed score, or equal and
later in the documentation); or every world (combination of answer classes) that agrees with
the facts has been played out and all give the same outcome.

The *next question* is one that can still matter — it can rule out an option still possible,
change a recommendation's condition, or name the variant (a question whose `ask_when` is not
known yet waits for what decides it). Each turn may play out a fixed amount of work's worth
of worlds (WORK_BUDGET, divided by the size of the content, at most MAX_WORLDS): all worlds
that agree with the facts when they are that few, else a sample drawn with a seed made from
the facts (so the same facts always give the same question). Over those worlds the question
with the least expected number of further questions is found by exhaustive search (or, with
many candidates, the one leaving the least outcome entropy). When the content is so large
that fewer than MIN_WORLDS worlds fit the budget, the question that leaves the fewest options
possible on average is asked.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from fingerpost.engine.excluded import Excluded, settled
from fingerpost.engine.reason.compiled import compiled
from fingerpost.engine.reason.fit import best_leaf, fits_all, score_range
from fingerpost.engine.reason.plan import Plan

if TYPE_CHECKING:
    from fingerpost.engine.reason.exact import Space

__all__ = ["plan_large", "WORK_BUDGET", "MAX_WORLDS"]

WORK_BUDGET = 60_000
"""Work a turn may spend playing out worlds, in units of (options + constraints + recommendations)."""
MAX_WORLDS = 250
"""Most worlds played out per turn."""
MIN_WORLDS = 24
"""Fewer sampled worlds than this say too little; the cheap heuristic is used instead."""
DP_CANDIDATES = 12
"""Up to this many candidate questions, the sampled worlds are searched exhaustively; beyond, by entropy."""


def _settled(space: Space, facts: Mapping[str, Any], fits: Mapping[str, bool | None], best: Any) -> bool:
    index = compiled(space.kb)
    if best is None:
        return not any(f is not False for oid, f in fits.items() if not index.variants[oid])
    if any(not settled(facts, q) for q in best.variant_by):
        return False
    for oid in index.lineage[best.id]:
        if fits[oid] is not True:
            return False
        option = space.kb.options[oid]
        siblings = index.variants[option.parent] if option.parent else index.top
        floor = score_range(space.kb, facts, oid, space.priorities)[0]
        for s in siblings:
            if s.id == oid or fits[s.id] is False:
                continue
            ceiling = score_range(space.kb, facts, s.id, space.priorities)[1]
            if ceiling > floor or (ceiling == floor and s.order < option.order):
                return False
    return True


def _matters(space: Space, facts: Mapping[str, Any], fits: Mapping[str, bool | None], best: Any) -> list[str]:
    """Questions not answered, that apply, and whose answer can change a fit, a score or the variant.

    A question whose `ask_when` is not known yet waits: what decides it is asked first."""
    kb = space.kb
    index = compiled(kb)
    alive = {oid for oid, f in fits.items() if f is not False}
    reads: set[str] = set()
    for q, by_leaf in index.reads.items():
        if any(oid in alive for oid in by_leaf):
            reads.add(q)
    for oid in alive:
        for r in index.recommendations.get(oid, ()):
            if r.when is not None and index.evaluate(r.when, facts) is None:
                reads.update(index.names_of(r.when))
    if best is not None:
        reads.update(q for q in best.variant_by if not settled(facts, q))
    sure, maybe = [], []
    for qid in space.questions:
        cond = kb.questions[qid].ask_when
        applies = True if cond is None else index.evaluate(cond, facts)
        if qid in reads and not settled(facts, qid) and applies is not False:
            (sure if applies else maybe).append(qid)
    if sure or not maybe:
        return sure
    # only questions that may not apply are left: first ask what decides whether they apply
    first = {n for q in maybe for n in index.names_of(kb.questions[q].ask_when) if n not in facts}
    return [q for q in space.questions if q in first] or maybe


def _budget(space: Space) -> int:
    """How many worlds a turn may play out: a fixed amount of work, divided by the size of the content."""
    kb = space.kb
    units = len(kb.options) + len(kb.constraints) + len(kb.recommendations) + 1
    return min(MAX_WORLDS, WORK_BUDGET // units)


def _outcome(space: Space, world: dict[str, int], keep: frozenset[str] = frozenset()) -> Any:
    memo = space.__dict__.setdefault("_outcome_memo", {})
    key = (tuple(world[q] for q in space.questions), keep)
    found = memo.get(key)
    if found is None:
        if len(memo) > 200_000:
            memo.clear()
        found = space.outcome(space.facts_of(world, keep))
        memo[key] = found
    return found


def _worlds(space: Space, facts: Mapping[str, Any], limit: int) -> tuple[list[dict[str, int]], bool]:
    """Worlds that agree with the facts: all of them when few enough (True), else a fixed-seed sample."""
    state = {q: space.classify(q, facts.get(q)) for q in space.questions if q in facts}
    state = {q: c for q, c in state.items() if c is not None}
    rest = [q for q in space.questions if q not in state]
    narrowed = space.narrowed(facts)  # "not air-gapped": only the answers left
    total = math.prod(len(narrowed.get(q, space.classes[q])) for q in rest)
    if total <= limit:
        out = []
        for combo in itertools.product(*(narrowed.get(q, range(len(space.classes[q]))) for q in rest)):
            world = {**state, **dict(zip(rest, combo, strict=True))}
            if space.consistent(world):
                out.append(world)
        return out, True
    rng = random.Random(repr(sorted(state.items())) + (repr(sorted(narrowed.items())) if narrowed else ""))
    out = []
    for _ in range(limit * 3):
        world = {**state, **{q: rng.randrange(len(space.classes[q])) if q not in narrowed
                             else narrowed[q][rng.randrange(len(narrowed[q]))] for q in rest}}
        if space.consistent(world):
            out.append(world)
        if len(out) == limit:
            break
    return out, False


def _expected(space: Space, worlds: list[dict[str, int]], outcomes: list[Any], candidates: list[str],
              exhaustive: bool) -> list[tuple[float, str]]:
    """(expected further questions, question) over the worlds, by exhaustive search when there are few
    candidates, else (outcome entropy left, question)."""
    n = len(worlds)
    masks: dict[tuple[str, int], int] = {}
    for i, w in enumerate(worlds):
        for q, c in w.items():
            masks[(q, c)] = masks.get((q, c), 0) | (1 << i)
    groups: dict[Any, int] = {}
    for i, o in enumerate(outcomes):
        groups[o] = groups.get(o, 0) | (1 << i)
    group_masks = list(groups.values())
    if len(candidates) > DP_CANDIDATES and not exhaustive:
        scored = []
        for q in candidates:
            parts = [masks.get((q, c), 0) for c in range(len(space.classes[q]))]
            left = sum(p.bit_count() / n * _entropy([(p & g).bit_count() for g in group_masks]) for p in parts if p)
            scored.append((left, q))
        return scored
    memo: dict[int, float] = {}

    def cost(s: int) -> float:
        if s in memo:
            return memo[s]
        if any(s & g == s for g in group_masks):
            memo[s] = 0.0
            return 0.0
        best, total = float("inf"), s.bit_count()
        for q in candidates:
            parts = [p for p in (s & masks.get((q, c), 0) for c in range(len(space.classes[q]))) if p]
            if len(parts) > 1:
                best = min(best, 1 + sum(p.bit_count() / total * cost(p) for p in parts))
        memo[s] = 0.0 if best == float("inf") else best
        return memo[s]

    full = (1 << n) - 1
    scored = []
    for q in candidates:
        parts = [p for p in (full & masks.get((q, c), 0) for c in range(len(space.classes[q]))) if p]
        scored.append((1 + sum(p.bit_count() / n * cost(p) for p in parts) if len(parts) > 1 else math.inf, q))
    return scored


def _entropy(counts: list[int]) -> float:
    total = sum(counts)
    return -sum(c / total * math.log2(c / total) for c in counts if c) if total else 0.0


def _by_alive(space: Space, facts: Mapping[str, Any], fits: Mapping[str, bool | None], candidates: list[str]) -> list[str]:
    index = compiled(space.kb)
    alive = {oid for oid, f in fits.items() if f is not False and not index.variants[oid]}
    scored = []
    for qid in candidates:
        affected = [cons for oid, cons in index.reads.get(qid, {}).items() if oid in alive]
        reps = _classes(space, facts, qid)
        expected = 0.0
        for rep in reps:
            trial = {**facts, qid: rep}
            ruled = sum(1 for cons in affected if any(index.checks[id(c)](trial) is False for c in cons))
            expected += (len(alive) - ruled) / len(reps)
        scored.append((expected, space.kb.questions[qid].order, qid))
    return [q for _, _, q in sorted(scored)]


def _classes(space: Space, facts: Mapping[str, Any], qid: str) -> list[Any]:
    """The question's answer classes still possible (all unless some answers are excluded)."""
    value = facts.get(qid)
    reps = space.classes[qid]
    return [r for r in reps if r in value.left] if isinstance(value, Excluded) else reps


def plan_large(space: Space, facts: Mapping[str, Any]) -> Plan:
    """Decided (proved), the next question and what could still change the outcome, for a large space."""
    fits = fits_all(space.kb, facts)
    best = best_leaf(space.kb, facts, space.priorities, fits)
    sure = ((best.id, 1.0),) if best is not None else ()
    if _settled(space, facts, fits, best):
        return Plan(True, None, (), 0.0, sure)
    candidates = _matters(space, facts, fits, best)
    if not candidates:
        return Plan(True, None, (), 0.0, sure)
    could = tuple(q for q in space.questions if q in candidates)
    limit = _budget(space)
    if limit >= MIN_WORLDS:
        worlds, exhaustive = _worlds(space, facts, limit)
        keep = space.answered_unasked(facts)  # answers given although never asked stay known
        outcomes = [_outcome(space, w, keep) for w in worlds]
        shares = _shares(outcomes, [space.weight(w) for w in worlds])
        if exhaustive and worlds and len(set(outcomes)) == 1:
            return Plan(True, None, (), 0.0, shares)  # every world still possible has the same outcome
        if len(worlds) >= MIN_WORLDS or (exhaustive and worlds):
            order = {q: space.kb.questions[q].order for q in candidates}
            scored = sorted((round(v, 9), order[q], q) for v, q in _expected(space, worlds, outcomes, candidates,
                                                                             exhaustive))
            return Plan(False, scored[0][2], could, scored[0][0], shares, not exhaustive)
    return Plan(False, _by_alive(space, facts, fits, candidates)[0], could, 0.0)


def _shares(outcomes: list[Any], weights: list[int]) -> tuple[tuple[str, float], ...]:
    """Each leaf's share of the played-out worlds (by their weight) in which it is the recommendation."""
    counts: dict[str, int] = {}
    for out, w in zip(outcomes, weights, strict=True):
        if out is not None:
            counts[out[0]] = counts.get(out[0], 0) + w
    total = sum(weights)
    return tuple((oid, n / total) for oid, n in counts.items()) if total else ()
