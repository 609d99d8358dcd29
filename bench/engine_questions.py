"""How many questions until a single recommendation: the engine vs the exhaustive optimum vs document order.

    python bench/engine_questions.py            # JSON on stdout

For each pack, every combination of answer classes consistent with what answers imply (a
*world*) is played out from no answers: the engine asks its `next_question` until it says
`decided`, and the answer comes from the world. The average over worlds (all weighted alike) is
compared with

- the optimum: the least possible average, found by exhaustive search over every adaptive
  questioning strategy (memoised over the sets of worlds still possible), with the stopping rule
  "every world still possible has the same outcome" (outcome = recommended leaf and the answers
  that name its variant); and
- document order: always ask the first question, in document order, that is not answered and
  applies (its ask_when is not false), until the engine says decided.

Packs: the embedded Rancher pack and two generated packs (bench/packs.py), the second large
enough that the engine plans greedily rather than exactly. `settled_wrong` counts worlds where
the engine stopped with a recommendation other than the world's outcome (should be 0).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fingerpost.engine.reason.assess import assess
from fingerpost.engine.reason.exact import EXACT_LIMIT, Space, space_for  # noqa: E402
from fingerpost.engine.reason.fit import best_leaf  # noqa: E402
from fingerpost.kb import compile_path  # noqa: E402
from fingerpost.kb import expr as ex  # noqa: E402
from packs import write_pack  # noqa: E402


def worlds_of(space: Space) -> list[dict[str, int]]:
    """Every consistent combination of answer classes."""
    ranges = [range(len(space.classes[q])) for q in space.questions]
    out = []
    for combo in itertools.product(*ranges):
        world = dict(zip(space.questions, combo, strict=True))
        if space.consistent(world):
            out.append(world)
    return out


def outcome_of(space: Space, world: dict[str, int]) -> Any:
    facts = space.facts_of(world)
    leaf = best_leaf(space.kb, facts, space.priorities)
    if leaf is None:
        return None
    return leaf.id, tuple(space.classify(q, facts.get(q)) for q in leaf.variant_by)


def _turn(space: Space, facts: dict[str, Any], memo: dict[Any, Any]) -> Any:
    """The engine's conclusion for some facts (memoised: worlds share their first answers)."""
    key = tuple(sorted((k, repr(v)) for k, v in facts.items()))
    if key not in memo:
        a = assess(space.kb, facts, space.priorities)
        leaf = a.recommendation.option if a.recommendation else None
        got = None if leaf is None else (leaf.id, tuple(space.classify(q, a.facts.get(q)) for q in leaf.variant_by))
        memo[key] = (a.decided or a.next_question is None, a.next_question.id if a.next_question else None,
                     dict(a.facts), got)
    return memo[key]


def play(space: Space, world: dict[str, int], policy: str, memo: dict[Any, Any]) -> tuple[int, bool]:
    """Questions asked until the engine says decided; and whether it then recommends the world's outcome."""
    kb = space.kb
    facts: dict[str, Any] = {}
    order = sorted(kb.questions.values(), key=lambda q: q.order)
    asked = 0
    while True:
        decided, next_id, known, got = _turn(space, facts, memo)
        if decided:
            break
        if policy == "engine":
            qid = next_id
        else:
            qid = next((q.id for q in order if q.id not in known and q.id in world
                        and (q.ask_when is None or ex.evaluate(q.ask_when, known) is not False)), None)
            if qid is None:
                break
        facts = {**known, qid: space.classes[qid][world[qid]]}
        asked += 1
    return asked, got == outcome_of(space, world)


def optimum(space: Space, worlds: list[dict[str, int]]) -> float:
    """Least average number of questions over all adaptive strategies (exhaustive, memoised)."""
    kb = space.kb
    n = len(worlds)
    outcomes = [outcome_of(space, w) for w in worlds]
    masks: dict[tuple[str, int], int] = {}
    for i, w in enumerate(worlds):
        for q, c in w.items():
            masks[(q, c)] = masks.get((q, c), 0) | (1 << i)
    by_outcome: dict[Any, int] = {}
    for i, o in enumerate(outcomes):
        by_outcome[o] = by_outcome.get(o, 0) | (1 << i)
    groups = list(by_outcome.values())
    memo: dict[int, float] = {}

    def cost(s: int, answered: frozenset[str]) -> float:
        if s in memo:
            return memo[s]
        if any(s & g == s for g in groups):
            memo[s] = 0.0
            return 0.0
        facts = {}
        for q in answered:  # the class every remaining world shares for an answered question
            i = (s & -s).bit_length() - 1
            facts[q] = space.classes[q][worlds[i][q]]
        sure, maybe = [], []
        for q in space.questions:
            if q in answered:
                continue
            parts = [s & masks.get((q, c), 0) for c in range(len(space.classes[q]))]
            parts = [p for p in parts if p]
            if len(parts) < 2:
                continue
            cond = kb.questions[q].ask_when
            value = True if cond is None else ex.evaluate(cond, facts)
            if value is True:
                sure.append((q, parts))
            elif value is None:
                maybe.append((q, parts))
        best = float("inf")
        total = s.bit_count()
        for q, parts in sure or maybe:
            best = min(best, 1 + sum(p.bit_count() / total * cost(p, answered | {q}) for p in parts))
        memo[s] = 0.0 if best == float("inf") else best
        return memo[s]

    return cost((1 << n) - 1, frozenset())


def measure(name: str, kb: Any) -> dict[str, Any]:
    start = time.perf_counter()
    space = space_for(kb)
    worlds = worlds_of(space)
    memo: dict[Any, Any] = {}
    engine = [play(space, w, "engine", memo) for w in worlds]
    document = [play(space, w, "document", memo) for w in worlds]
    best = optimum(space, worlds)
    ours = sum(n for n, _ in engine) / len(worlds)
    return {
        "pack": name,
        "options": len(kb.options),
        "questions": len(kb.questions),
        "worlds": len(worlds),
        "planning": "exact" if space.exact else "greedy",
        "engine_avg_questions": round(ours, 4),
        "optimum_avg_questions": round(best, 4),
        "document_order_avg_questions": round(sum(n for n, _ in document) / len(worlds), 4),
        "engine_vs_optimum": round(ours / best, 4) if best else 1.0,
        "engine_max_questions": max(n for n, _ in engine),
        "settled_wrong": sum(1 for _, ok in engine if not ok),
        "seconds": round(time.perf_counter() - start, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the Rancher pack and the small generated pack")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="fingerpost-bench-"))
    packs = [("rancher (embedded)", compile_path()),
             ("generated 10 options x 6 questions", compile_path(write_pack(tmp / "a", 10, 6, seed=11)))]
    if not args.quick:
        packs.append(("generated 16 options x 9 questions", compile_path(write_pack(tmp / "b", 16, 9, seed=5))))
    results = [measure(name, kb) for name, kb in packs]
    target = 1.1
    print(json.dumps({"exact_limit_worlds": EXACT_LIMIT, "target_engine_vs_optimum": target, "packs": results,
                      "meets_target": all(r["engine_vs_optimum"] <= target for r in results),
                      "met": {r["pack"]: r["engine_vs_optimum"] <= target for r in results}}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
