"""The space of possible answers, and planning which question to ask next.

Every relevant question's answers fall into a few *classes* that no condition can tell apart
(for `nodes` with conditions `nodes >= 2` and `nodes >= 3`: 0–1, 2, 3 and more). A *world*
is one class per question; its *outcome* is the recommended leaf option plus the answers
that name its variant. When the worlds are few, `plan` finds the question that minimises the
expected number of further questions exactly (memoised search over bitsets of worlds);
otherwise engine.reason.sampled plans: it proves "decided" from score bounds and asks the question
with the most information about the outcome over a fixed sample of worlds.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from fingerpost.engine.facts import parse_answer
from fingerpost.engine.reason.compiled import compiled
from fingerpost.engine.reason.fit import best_leaf, fits_all
from fingerpost.engine.reason.plan import Plan
from fingerpost.engine.reason.sampled import plan_large
from fingerpost.kb import expr as ex
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.values import Excluded

__all__ = ["Plan", "Space", "space_for", "EXACT_LIMIT", "EXACT_WORK"]

EXACT_LIMIT = 20_000
EXACT_WORK = 100_000
"""Largest worlds × leaf options searched exactly: each world's outcome ranks every leaf once."""
"""Largest number of worlds searched exactly."""


@dataclass
class Space:
    """Answer classes, worlds and their outcomes for one knowledge base and priority order."""

    kb: KnowledgeBase
    priorities: tuple[str, ...]
    questions: list[str] = field(default_factory=list)
    classes: dict[str, list[Any]] = field(default_factory=dict)
    leaves_of: dict[str, list[ex.Name | ex.Compare]] = field(default_factory=dict)
    exact: bool = False
    worlds: list[tuple[int, ...]] = field(default_factory=list)
    outcomes: list[Any] = field(default_factory=list)
    masks: dict[tuple[str, int], int] = field(default_factory=dict)
    outcome_masks: list[int] = field(default_factory=list)
    memo: dict[frozenset[tuple[str, int]], tuple[float, str | None]] = field(default_factory=dict)
    reads: dict[str, set[str]] = field(default_factory=dict)
    """Question → leaf options whose (own or inherited) constraints read it."""
    world_fits: list[dict[str, bool | None]] = field(default_factory=list)
    """For each world, whether each option fits (shared by the spaces of other priority orders)."""
    mask_outcomes: list[Any] = field(default_factory=list)
    """The outcome each entry of outcome_masks stands for, in the same order."""
    weight_masks: dict[int, int] = field(default_factory=dict)
    """A world's weight (engine.reason.exact.Space.weight) → the worlds that have it."""

    # ---- construction ----------------------------------------------------------------------
    def build(self) -> Space:
        kb = self.kb
        exprs: list[ex.Expr] = [c.expr for c in kb.constraints]
        exprs += [r.when for r in kb.recommendations if r.when is not None]
        exprs += [q.ask_when for q in kb.questions.values() if q.ask_when is not None]
        relevant: set[str] = set()
        for e in exprs:
            for leaf in ex.leaves(e):
                self.leaves_of.setdefault(leaf.name, []).append(leaf)
                relevant.add(leaf.name)
        for o in kb.options.values():
            relevant |= set(o.variant_by)
        self.questions = [q.id for q in sorted(kb.questions.values(), key=lambda q: q.order) if q.id in relevant]
        for qid in self.questions:
            self.classes[qid] = self._classes(qid)
        leaves = [o for o in kb.options.values() if not kb.variants(o.id)]
        for o in leaves:
            for c in kb.constraints_for(o.id):
                for name in ex.names(c.expr):
                    self.reads.setdefault(name, set()).add(o.id)
        total = 1
        for qid in self.questions:
            total *= len(self.classes[qid])
        self.exact = total <= EXACT_LIMIT and total * max(1, len(leaves)) <= EXACT_WORK
        if self.exact:
            self._enumerate()
        return self

    def _signature(self, qid: str, value: Any) -> tuple[Any, ...]:
        return tuple(compiled(self.kb).evaluate(leaf, {qid: value}) for leaf in self.leaves_of.get(qid, []))

    def _classes(self, qid: str) -> list[Any]:
        q = self.kb.questions[qid]
        if q.kind == "choice":
            return [c.value for c in q.choices]
        if q.kind == "yesno":
            return [True, False]
        raws = {v for leaf in self.leaves_of.get(qid, []) if isinstance(leaf, ex.Compare) for v in leaf.values}
        probes = ex.probe_values(raws, q.kind)
        out, seen = [], set()
        for p in probes:
            sig = self._signature(qid, p)
            if sig not in seen:
                seen.add(sig)
                out.append(p)
        return out

    def classify(self, qid: str, value: Any) -> int | None:
        """The class of an answer value (None if the question is not in the space)."""
        reps = self.classes.get(qid)
        if reps is None or value is None:
            return None
        if self.kb.questions[qid].kind in ("choice", "yesno"):
            return reps.index(value) if value in reps else None
        sig = self._signature(qid, value)
        for i, rep in enumerate(reps):
            if self._signature(qid, rep) == sig:
                return i
        return None

    def facts_of(self, world: Mapping[str, int], keep: frozenset[str] = frozenset()) -> dict[str, Any]:
        """The facts a world stands for: a question never asked in it is not known, unless another
        answer implies it or the user answered it anyway (`keep`)."""
        facts = {q: self.classes[q][c] for q, c in world.items()}
        implied = self.forced(world) | keep  # known even where it is never asked
        for qid in list(facts):
            cond = self.kb.questions[qid].ask_when
            if qid not in implied and cond is not None and compiled(self.kb).evaluate(cond, facts) is False:
                facts.pop(qid)  # never asked in this world, so never known
        return facts

    def consistent(self, world: Mapping[str, int]) -> bool:
        for qid, ci in world.items():
            q = self.kb.questions[qid]
            if q.kind not in ("choice", "yesno"):
                continue
            value = self.classes[qid][ci]
            key = value if q.kind == "choice" else ("yes" if value else "no")
            for ch in q.choices:
                if ch.value == key:
                    for other, raw in ch.implies:
                        if other in world:
                            want = self.classify(other, parse_answer(self.kb.questions[other], raw))
                            if want is not None and world[other] != want:
                                return False
        return True

    def forced(self, world: Mapping[str, int]) -> set[str]:
        """The questions whose answer in `world` follows from another answer in it (an implication)."""
        out = set()
        for qid, ci in world.items():
            q = self.kb.questions[qid]
            if q.kind not in ("choice", "yesno"):
                continue
            value = self.classes[qid][ci]
            key = value if q.kind == "choice" else ("yes" if value else "no")
            for ch in q.choices:
                if ch.value == key:
                    out.update(other for other, _ in ch.implies if other in world and other != qid)
        return out

    def weight(self, world: Mapping[str, int]) -> int:
        """How much a consistent world weighs when every answer is equally likely and implied answers
        follow: an implied question's other answers were never possible, so its world stands for them."""
        w = 1
        for qid in self.forced(world):
            w *= len(self.classes[qid])
        return w

    def outcome(self, facts: Mapping[str, Any], fits: Mapping[str, bool | None] | None = None) -> Any:
        leaf = best_leaf(self.kb, facts, self.priorities, fits)
        if leaf is None:
            return None
        return (leaf.id, tuple(self.classify(q, facts.get(q)) for q in leaf.variant_by))

    def _enumerate(self) -> None:
        for combo in itertools.product(*(range(len(self.classes[q])) for q in self.questions)):
            world = dict(zip(self.questions, combo, strict=True))
            if not self.consistent(world):
                continue
            n = len(self.worlds)
            self.worlds.append(combo)
            for qid, ci in world.items():
                self.masks[(qid, ci)] = self.masks.get((qid, ci), 0) | (1 << n)
            w = self.weight(world)
            self.weight_masks[w] = self.weight_masks.get(w, 0) | (1 << n)
        self._play_out()

    def _play_out(self) -> None:
        """Each world's outcome (the only part that depends on the priorities; fits are kept for reuse)."""
        index: dict[Any, int] = {}
        keep = not self.world_fits
        for n, combo in enumerate(self.worlds):
            facts = self.facts_of(dict(zip(self.questions, combo, strict=True)))
            if keep:
                self.world_fits.append(fits_all(self.kb, facts))
            out = self.outcome(facts, self.world_fits[n])
            self.outcomes.append(out)
            if out not in index:
                index[out] = len(self.outcome_masks)
                self.outcome_masks.append(0)
                self.mask_outcomes.append(out)
            self.outcome_masks[index[out]] |= 1 << n

    def reprioritised(self, priorities: tuple[str, ...]) -> Space:
        """The same answer space ranked by other priorities: worlds are shared, outcomes replayed."""
        other = Space(self.kb, priorities, list(self.questions), self.classes, self.leaves_of, self.exact,
                      self.worlds, [], self.masks, [], {}, self.reads, self.world_fits,
                      weight_masks=self.weight_masks)
        if other.exact:
            other._play_out()
        return other

    # ---- planning --------------------------------------------------------------------------
    def _state(self, facts: Mapping[str, Any]) -> dict[str, int]:
        state = {}
        for qid in self.questions:
            ci = self.classify(qid, facts.get(qid))
            if ci is not None:
                state[qid] = ci
        return state

    def narrowed(self, facts: Mapping[str, Any]) -> dict[str, tuple[int, ...]]:
        """Questions known only by what they are not (engine.excluded): the classes still possible."""
        out = {}
        for qid in self.questions:
            value = facts.get(qid)
            if isinstance(value, Excluded):
                out[qid] = tuple(ci for ci, v in enumerate(self.classes[qid]) if v in value.left)
        return out

    def _set(self, state: Mapping[str, int]) -> int:
        s = (1 << len(self.worlds)) - 1
        for qid, ci in state.items():
            s &= self.masks.get((qid, ci), 0)
        return s

    def _decided(self, s: int) -> bool:
        return s == 0 or any(s & m == s for m in self.outcome_masks)

    def _askable(self, state: Mapping[str, int], s: int) -> list[str]:
        facts = {q: self.classes[q][c] for q, c in state.items()}
        sure, maybe = [], []
        for qid in self.questions:
            if qid in state:
                continue
            parts = sum(1 for ci in range(len(self.classes[qid])) if s & self.masks.get((qid, ci), 0))
            if parts < 2:
                continue  # every world still possible gives the same answer class: nothing to learn
            cond = self.kb.questions[qid].ask_when
            value = True if cond is None else compiled(self.kb).evaluate(cond, facts)
            if value is True:
                sure.append(qid)
            elif value is None:
                maybe.append(qid)
        return sure or maybe

    def _cost(self, state: dict[str, int], s: int | None = None,
              narrowed: frozenset[tuple[str, int]] = frozenset()) -> tuple[float, str | None]:
        key = frozenset(state.items()) | narrowed
        if key in self.memo:
            return self.memo[key]
        s = self._set(state) if s is None else s
        best: tuple[float, str | None] = (0.0, None)
        if not self._decided(s):
            n = s.bit_count()
            best = (float("inf"), None)
            for qid in self._askable(state, s):
                total = 0.0
                for ci in range(len(self.classes[qid])):
                    part = s & self.masks.get((qid, ci), 0)
                    if part:
                        state[qid] = ci
                        total += part.bit_count() / n * self._cost(state, part, narrowed)[0]
                        del state[qid]
                if 1 + total < best[0]:
                    best = (1 + total, qid)
            if best[1] is None:
                best = (0.0, None)  # outcomes differ only in ways no askable question can settle
        self.memo[key] = best
        return best

    def _could_change(self, state: Mapping[str, int], s: int) -> tuple[str, ...]:
        out = []
        for qid in self.questions:
            if qid in state:
                continue
            seen = set()
            for ci in range(len(self.classes[qid])):
                part = s & self.masks.get((qid, ci), 0)
                if part:
                    seen.add(frozenset(i for i, m in enumerate(self.outcome_masks) if part & m))
            if len(seen) > 1:
                out.append(qid)
        return tuple(out)

    def plan(self, facts: Mapping[str, Any]) -> Plan:
        """Decided or not, the best next question, and what could still change the outcome."""
        if not self.exact:
            return self._greedy(facts)
        state = self._state(facts)
        if self.answered_unasked(facts):
            return self._greedy(facts)  # the worlds forget such answers; play them out with them kept
        s = self._set(state)
        allowed = self.narrowed(facts)
        for qid, cis in allowed.items():  # "not air-gapped": only the worlds of the answers left
            s &= sum(self.masks.get((qid, ci), 0) for ci in cis)
        if s == 0:  # facts outside every world (contradictory implications): fall back
            return self._greedy(facts)
        # memo keys of narrowed sets: ("~question", bits of the classes left), apart from any question id
        narrowed = frozenset((f"~{q}", sum(1 << ci for ci in cis)) for q, cis in allowed.items())
        cost, qid = self._cost(dict(state), s if allowed else None, narrowed)
        decided = self._decided(s) or qid is None
        return Plan(decided, qid, () if decided else self._could_change(state, s), cost, self.shares(s))

    def answered_unasked(self, facts: Mapping[str, Any]) -> frozenset[str]:
        """Questions the user answered although their `ask_when` is false for these facts."""
        index = compiled(self.kb)
        out = set()
        for qid in self.questions:
            cond = self.kb.questions[qid].ask_when
            if qid in facts and cond is not None and index.evaluate(cond, facts) is False:
                out.add(qid)
        return frozenset(out)

    def shares(self, s: int) -> tuple[tuple[str, float], ...]:
        """Each leaf's share of the worlds in `s` where it is the recommendation, by weight (Space.weight)."""
        total = sum(w * (s & m).bit_count() for w, m in self.weight_masks.items())
        if not total:
            return ()
        counts: dict[str, int] = {}
        for out, mask in zip(self.mask_outcomes, self.outcome_masks, strict=True):
            part = s & mask
            if part and out is not None:
                n = sum(w * (part & m).bit_count() for w, m in self.weight_masks.items())
                counts[out[0]] = counts.get(out[0], 0) + n
        return tuple((oid, n / total) for oid, n in counts.items())

    # ---- large spaces ----------------------------------------------------------------------
    def _greedy(self, facts: Mapping[str, Any]) -> Plan:
        return plan_large(self, facts)


def space_for(kb: KnowledgeBase, priorities: Sequence[str] = ()) -> Space:
    """The space for a knowledge base and priority order, built once and kept on the knowledge
    base (KnowledgeBase.derived); spaces for other orders share the first one's worlds."""
    spaces: dict[tuple[str, ...], Space] = kb.derived("engine.spaces", _no_spaces)
    key = tuple(priorities)
    space = spaces.get(key)
    if space is None:
        space = space_for(kb).reprioritised(key) if key else Space(kb, ()).build()
        space = spaces.setdefault(key, space)
    return space


def _no_spaces(kb: KnowledgeBase) -> dict[tuple[str, ...], Space]:
    return {}
