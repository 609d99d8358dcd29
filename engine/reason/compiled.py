"""Per-knowledge-base indexes the reasoning reads many times a turn (built once, cached).

The KnowledgeBase look-ups (`constraints_for`, `variants`, `lineage`) scan lists; with hundreds
of options a turn would call them tens of thousands of times. This module keeps the same
answers in dictionaries, and the option tree in post-order so fits can be computed bottom-up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from fingerpost.engine.excluded import exact
from fingerpost.kb import expr as ex
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.records import Constraint, Option, Recommendation
from fingerpost.kb.values import Excluded, Version, coerce_literal

__all__ = ["Compiled", "compiled", "evaluator", "evaluate"]

Evaluator = Callable[[Mapping[str, Any]], "bool | None"]


@dataclass
class Compiled:
    """Indexes over one knowledge base."""

    kb: KnowledgeBase
    constraints: dict[str, tuple[Constraint, ...]] = field(default_factory=dict)
    """Option id → its own and inherited constraints, in content order."""
    variants: dict[str, tuple[Option, ...]] = field(default_factory=dict)
    """Option id → its direct variants, in document order."""
    top: tuple[Option, ...] = ()
    """Options that are not variants, in document order."""
    lineage: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Option id → itself and its ancestors, itself first."""
    recommendations: dict[str, tuple[Recommendation, ...]] = field(default_factory=dict)
    """Option id → recommendations of it."""
    postorder: tuple[str, ...] = ()
    """Every option id, variants before their parents."""
    reads: dict[str, dict[str, tuple[Constraint, ...]]] = field(default_factory=dict)
    """Question id → leaf option id → that leaf's (inherited) constraints reading the question."""
    names: dict[int, tuple[ex.Expr, tuple[str, ...]]] = field(default_factory=dict)
    """id(expression) → (the expression, the answer names it reads, sorted). The expression is kept, so
    while its entry lives its id names no other object: the ids in `texts` keys are safe the same way."""
    texts: dict[Any, str] = field(default_factory=dict)
    """Cache of described conditions, keyed by id(expression or leaf) and the values it reads (the
    expression is one `names_of` was asked about, so `names` keeps it and its leaves alive)."""
    checks: dict[int, Callable[[Mapping[str, Any]], bool | None]] = field(default_factory=dict)
    """id(constraint) → whether it holds for some facts (requires: the condition; excludes: its negation);
    only this knowledge base's constraints, which it keeps alive."""
    reasons: dict[Any, Any] = field(default_factory=dict)
    """Cache of Reasons, keyed by id(constraint) (one of `checks`) and the values its condition reads."""
    evaluators: dict[int, tuple[ex.Expr, Evaluator]] = field(default_factory=dict)
    """id(expression) → (the expression, its evaluator), for this knowledge base's conditions."""

    def build(self) -> Compiled:
        kb = self.kb
        by_option: dict[str, list[Constraint]] = {}
        position = {id(c): i for i, c in enumerate(kb.constraints)}
        for c in kb.constraints:
            by_option.setdefault(c.option, []).append(c)
        kids: dict[str, list[Option]] = {}
        for o in kb.options.values():
            if o.parent:
                kids.setdefault(o.parent, []).append(o)
        self.top = tuple(o for o in kb.options.values() if not o.parent)
        for o in kb.options.values():
            self.variants[o.id] = tuple(kids.get(o.id, ()))
            self.lineage[o.id] = tuple(x.id for x in kb.lineage(o.id))
            found = [c for oid in self.lineage[o.id] for c in by_option.get(oid, ())]
            self.constraints[o.id] = tuple(sorted(found, key=lambda c: position[id(c)]))
        recs: dict[str, list[Recommendation]] = {}
        for r in kb.recommendations:
            recs.setdefault(r.option, []).append(r)
        self.recommendations = {k: tuple(v) for k, v in recs.items()}
        order: list[str] = []
        seen: set[str] = set()

        def visit(oid: str) -> None:
            if oid in seen:
                return
            seen.add(oid)
            for k in self.variants.get(oid, ()):
                visit(k.id)
            order.append(oid)

        for o in kb.options.values():
            visit(o.id)
        self.postorder = tuple(order)
        for c in kb.constraints:
            self.checks[id(c)] = self.evaluator(c.fit_condition)
        for o in kb.options.values():
            if self.variants[o.id]:
                continue
            for c in self.constraints[o.id]:
                for name in self.names_of(c.expr):
                    self.reads.setdefault(name, {}).setdefault(o.id, ())
                    self.reads[name][o.id] += (c,)
        return self

    def evaluator(self, e: ex.Expr) -> Evaluator:
        """`e` compiled once (see `evaluator`), kept here: the conditions belong to this knowledge base."""
        found = self.evaluators.get(id(e))
        if found is None or found[0] is not e:
            found = self.evaluators[id(e)] = (e, evaluator(e))
        return found[1]

    def evaluate(self, e: ex.Expr, facts: Mapping[str, Any]) -> bool | None:
        """kb.expr.evaluate, compiled and kept for this knowledge base."""
        return self.evaluator(e)(facts)

    def names_of(self, e: ex.Expr) -> tuple[str, ...]:
        """The answer names `e` reads, sorted; `e` is kept, so its id cannot be reused while cached."""
        found = self.names.get(id(e))
        if found is None or found[0] is not e:
            found = self.names[id(e)] = (e, tuple(sorted(ex.names(e))))
        return found[1]


def compiled(kb: KnowledgeBase) -> Compiled:
    """The indexes of a knowledge base, built once and kept on it (KnowledgeBase.derived)."""
    return kb.derived("engine.reason.compiled", _build_compiled)


def _build_compiled(kb: KnowledgeBase) -> Compiled:
    return Compiled(kb).build()


# ---- compiled expressions ------------------------------------------------------------------------


def _version_key(v: Version) -> tuple[int, ...]:
    parts = v.parts
    end = len(parts)
    while end and parts[end - 1] == 0:
        end -= 1
    return parts[:end]


def _compare_leaf(node: ex.Compare) -> Evaluator:
    name, op, raws = node.name, node.op, node.values
    cache: dict[type, tuple[Any, ...]] = {}

    def wants(actual: Any) -> tuple[Any, ...]:
        kind = type(actual)
        found = cache.get(kind)
        if found is None:
            found = tuple(coerce_literal(raw, actual) for raw in raws)
            if kind is Version:
                found = tuple(None if w is None else _version_key(w) for w in found)
            cache[kind] = found
        return found

    def one(actual: Any, want: Any) -> bool:
        return ex.compare_values(actual, op, want)

    def run(facts: Mapping[str, Any]) -> bool | None:
        actual = facts.get(name)
        if actual is None:
            return None
        if type(actual) is Version:
            actual = _version_key(actual)
        elif type(actual) is Excluded:
            return actual.decide(lambda v: run({name: v}))
        if op == "in":
            return any(w is not None and actual == w for w in wants(facts[name]))
        return one(actual, wants(facts[name])[0])

    return run


def _build(e: ex.Expr) -> Evaluator:
    if isinstance(e, ex.Name):
        name = e.name
        return lambda facts: None if facts.get(name) is None else bool(facts[name])
    if isinstance(e, ex.Compare):
        return _compare_leaf(e)
    if isinstance(e, ex.Not):
        inner = _build(e.operand)

        def negate(facts: Mapping[str, Any]) -> bool | None:
            v = inner(facts)
            return None if v is None else not v

        return negate
    parts = tuple(_build(o) for o in e.operands)
    if isinstance(e, ex.And):
        def conj(facts: Mapping[str, Any]) -> bool | None:
            unknown = False
            for p in parts:
                v = p(facts)
                if v is False:
                    return False
                if v is None:
                    unknown = True
            return None if unknown else True

        return conj

    def disj(facts: Mapping[str, Any]) -> bool | None:
        unknown = False
        for p in parts:
            v = p(facts)
            if v is True:
                return True
            if v is None:
                unknown = True
        return None if unknown else False

    return disj


def evaluator(e: ex.Expr) -> Evaluator:
    """A function that evaluates `e` as kb.expr.evaluate does, with literals parsed once — and, when `e`
    reads an answer known only by what it is not in several places, by each answer left (engine.excluded.exact).
    Not kept: `Compiled.evaluator` keeps those of a knowledge base's conditions."""
    return exact(e, _build(e))


def evaluate(e: ex.Expr, facts: Mapping[str, Any]) -> bool | None:
    """kb.expr.evaluate, compiled (for one evaluation; reasoning uses `compiled(kb).evaluate`)."""
    return evaluator(e)(facts)
