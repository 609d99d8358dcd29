"""What a docs change does to the advice: two knowledge bases compared over every combination of answers.

    >>> from kb import compile_path                                              # doctest: +SKIP
    >>> d = decision_diff(compile_path("old/"), compile_path("new/"))            # doctest: +SKIP
    >>> [(c.old, c.new, len(c.answers)) for c in d.changes]                      # doctest: +SKIP
    [('cluster', 'sync-quorum', 2)]

Each side is walked once by `render.answer_table` — the engine's own answer for every
combination of answers, the table the HTML page carries, bounded the same way (`max_states`).
The two tables are then read together: from the first question on, each combination answers
every question either side asks, and where both offer ranges of a number or version the
ranges are cut where either side cuts them; each side follows its own tree to the result it
already computed. Nothing here reasons; it only looks results up.

Constraints and recommendation conditions are compared by meaning: an option's `requires`
(all of them), `excludes` (any) and `recommend when` (any) are evaluated on both sides over
every combination of the values their comparisons can tell apart, unknown answers included,
so a condition written another way with the same truth table is no change.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from fingerpost.kb import expr as ex
from fingerpost.kb.errors import Diagnostic
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.records import Citation
from fingerpost.kb.values import Version
from fingerpost.render.answer_classes import AnswerClass, Span, answer_key
from fingerpost.render.answer_table import MAX_STATES, AnswerTable, TooManyStates, answer_table

__all__ = ["DecisionDiff", "Change", "Combination", "Added", "MeaningChange", "decision_diff", "compare_tables",
           "meaning_changes", "TRUTH_ROWS"]

TRUTH_ROWS = 50_000
"""Most rows a condition's truth table is built with; beyond it the written text is compared."""


@dataclass(slots=True, frozen=True)
class Combination:
    """One combination of answers and the result each side gives for it."""

    settings: tuple[str, ...]
    """The answers as `fingerpost ask --set` arguments (a range by one value inside it)."""
    old: str | None
    """The option the old docs recommend (None: no option fits)."""
    new: str | None
    """The option the new docs recommend (None: no option fits)."""
    old_source: str = ""
    """`path:line` of the old recommendation (its option, or the reason it is recommended)."""
    new_source: str = ""
    """`path:line` of the new recommendation."""


@dataclass(slots=True, frozen=True)
class Change:
    """Combinations whose recommendation moved from one option to another."""

    old: str | None
    """Recommended before (None: no option fitted)."""
    new: str | None
    """Recommended now (None: no option fits)."""
    old_title: str
    new_title: str
    old_source: str
    """`path:line` in the old docs."""
    new_source: str
    """`path:line` in the new docs."""
    answers: tuple[tuple[str, ...], ...]
    """The combinations, each as `question=value` settings."""


@dataclass(slots=True, frozen=True)
class Added:
    """A name (option, question, answer) that one side has and the other has not."""

    kind: str
    """`option`, `question` or `answer` (an answer is `question=value`)."""
    id: str
    title: str
    source: str
    """`path:line` where the side that has it declares it."""


@dataclass(slots=True, frozen=True)
class MeaningChange:
    """An option's condition that now holds for different answers."""

    option: str
    kind: str
    """`requires`, `excludes` or `recommends`."""
    old_text: str
    new_text: str
    old_source: str
    new_source: str
    example: str
    """One combination where they differ: `nodes=3: true → false`."""


@dataclass(slots=True)
class DecisionDiff:
    """Everything that differs between two knowledge bases, grouped as a reviewer reads it."""

    old_root: str
    new_root: str
    combinations: int = 0
    """Combinations of answers both sides can be asked with."""
    changes: list[Change] = field(default_factory=list)
    only_old: int = 0
    """Combinations only the old docs offer an answer for (e.g. an answer removed)."""
    only_new: int = 0
    added: list[Added] = field(default_factory=list)
    removed: list[Added] = field(default_factory=list)
    meaning: list[MeaningChange] = field(default_factory=list)
    reworded: list[tuple[str, str]] = field(default_factory=list)
    """(option, kind) whose condition is written differently with the same meaning."""
    new_errors: list[Diagnostic] = field(default_factory=list)

    @property
    def changed(self) -> int:
        """How many combinations get another recommendation."""
        return sum(len(c.answers) for c in self.changes)


def _where(c: Citation) -> str:
    return f"{c.path}:{c.line}"


# ---- the two answer tables, read together ---------------------------------------------------------------------

def _class_for(classes: Iterable[AnswerClass], value: Any) -> AnswerClass | None:
    for c in classes:
        try:
            if c.spans:
                if any(s.contains(value) for s in c.spans):
                    return c
            elif c.value == value:
                return c
        except TypeError:  # the question changed kind between the sides
            return None
    return None


def _advance(table: AnswerTable, facts: Mapping[str, Any]) -> int | None:
    """The state the answers lead to, stopping at a question they do not answer; None when an answer is not offered."""
    index = 0
    while True:
        node = table.nodes[index]
        if node.question is None or node.question.id not in facts:
            return index
        cls = _class_for(table.classes[node.question.id], facts[node.question.id])
        if cls is None:
            return None
        index = next(i for c, i in node.children if c.key == cls.key)


def _intersect(a: Span, b: Span) -> Span | None:
    low, low_closed = a.low, a.low_closed
    if b.low is not None and (low is None or b.low > low or (b.low == low and not b.low_closed)):
        low, low_closed = b.low, b.low_closed
    high, high_closed = a.high, a.high_closed
    if b.high is not None and (high is None or b.high < high or (b.high == high and not b.high_closed)):
        high, high_closed = b.high, b.high_closed
    if low is not None and high is not None and (low > high or (low == high and not (low_closed and high_closed))):
        return None
    return Span(low, low_closed, high, high_closed)


def _inside(span: Span, hints: Iterable[Any]) -> Any:
    """A value in the span: one of `hints` if any is, else one made from its ends."""
    tries = list(hints)
    low, high = span.low, span.high
    if isinstance(low, Version) or isinstance(high, Version):
        if low is not None:
            step = low.bump(+1)
            while high is not None and step >= high and len(step.parts) < 12:
                step = Version(step.parts[:-1] + (0, 1))
            tries.append(step)
        if high is not None:
            tries.append(high.bump(-1))
    else:
        base = 0 if low is None else low
        tries += [math.floor(base) + 1, base + 1]
        if high is not None:
            tries += [math.ceil(high) - 1, (base + high) / 2]
    return next((t for t in tries if span.contains(t)), None)


def _pieces(old: tuple[AnswerClass, ...] | None, new: tuple[AnswerClass, ...] | None) -> list[Any]:
    """A value for every answer either side tells apart from the others (ranges cut where either side cuts)."""
    if not old or not new or not (old[0].spans and new[0].spans):
        seen: dict[str, Any] = {}
        for c in (*(old or ()), *(new or ())):
            seen.setdefault(c.key, c.value)
        return list(seen.values())
    out: dict[tuple[str, str], Any] = {}
    for a in old:
        for b in new:
            for sa in a.spans:
                for sb in b.spans:
                    cut = _intersect(sa, sb)
                    if cut is None or (a.key, b.key) in out:
                        continue
                    value = _inside(cut, (a.value, b.value, cut.low if cut.low_closed else None))
                    if value is not None:
                        out[(a.key, b.key)] = value
    return sorted(out.values())


def compare_tables(old: AnswerTable, new: AnswerTable, limit: int = 4 * MAX_STATES) -> list[Combination]:
    """Every combination of answers either side distinguishes, with each side's recommendation."""
    out: list[Combination] = []
    stack: list[dict[str, Any]] = [{}]
    while stack:
        facts = stack.pop()
        sides = [(t, _advance(t, facts)) for t in (old, new)]
        asking = next((t.nodes[i].question for t, i in sides if i is not None and t.nodes[i].question), None)
        if asking is None:
            out.append(_combination(facts, sides))
            if len(out) > limit:
                raise TooManyStates(f"the two versions have more than {limit:,} combinations of answers to compare",
                                    hint="raise the limit with --max-states N, or split the content into smaller "
                                         "decisions")
            continue
        for value in reversed(_pieces(old.classes.get(asking.id), new.classes.get(asking.id))):
            stack.append({**facts, asking.id: value})
    return out


def _setting(table: AnswerTable, qid: str, value: Any) -> str:
    q = table.kb.questions.get(qid)
    return f"{qid}={answer_key(q, value) if q else value}"


def _rec(table: AnswerTable, index: int | None) -> tuple[str | None, str]:
    if index is None:
        return None, ""
    a = table.nodes[index].assessment
    rec = a.recommendation
    if rec is None:
        return None, ""
    because = next((r.source for r in rec.reasons if r.kind == "recommends"), None)
    return rec.option.id, _where(because or rec.option.source)


def _combination(facts: Mapping[str, Any], sides: list[tuple[AnswerTable, int | None]]) -> Combination:
    (old, oi), (new, ni) = sides
    settings = tuple(_setting(new if qid in new.kb.questions else old, qid, v) for qid, v in facts.items())
    o, osrc = _rec(old, oi)
    n, nsrc = _rec(new, ni)
    if oi is None:
        o = "\x00absent"
    if ni is None:
        n = "\x00absent"
    return Combination(settings, o, n, osrc, nsrc)


# ---- names added or removed ---------------------------------------------------------------------------------------

def _names(kb: KnowledgeBase) -> dict[tuple[str, str], tuple[str, str]]:
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for o in kb.options.values():
        out[("option", o.id)] = (o.title, _where(o.source))
    for q in kb.questions.values():
        out[("question", q.id)] = (q.text, _where(q.source))
        if q.kind == "choice":
            for c in q.choices:
                out[("answer", f"{q.id}={c.value}")] = (c.label, _where(q.source))
    return out


# ---- conditions compared by meaning ---------------------------------------------------------------------------------

def _conditions(kb: KnowledgeBase) -> dict[tuple[str, str], tuple[ex.Expr, str, str]]:
    """(option, kind) → (the combined condition, its text, where the first part is stated)."""
    parts: dict[tuple[str, str], list[tuple[ex.Expr, str, Citation]]] = {}
    for c in kb.constraints:
        parts.setdefault((c.option, c.kind), []).append((c.expr, c.text, c.source))
    for r in kb.recommendations:
        parts.setdefault((r.option, "recommends"), []).append((r.when or ex.TRUE, r.text or "always", r.source))
    out = {}
    for (oid, kind), items in parts.items():
        exprs = tuple(e for e, _, _ in items)
        joined = exprs[0] if len(exprs) == 1 else (ex.And(exprs) if kind == "requires" else ex.Or(exprs))
        text = "; ".join(t for _, t, _ in items)
        out[(oid, kind)] = (joined, text, _where(items[0][2]))
    return out


def _domain(name: str, raws: set[str], olds: KnowledgeBase, news: KnowledgeBase) -> list[Any]:
    q = news.questions.get(name) or olds.questions.get(name)
    kind = q.kind if q else "choice"
    values = [c.value for kb in (olds, news) if name in kb.questions for c in kb.questions[name].choices]
    return [*ex.probe_values(raws, kind, values), None]  # unknown last: an example with answers given reads better


def _shown(value: Any) -> str:
    if value is None:
        return "unknown"
    if value is True or value is False:
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "another answer" if value == "\x00other" else str(value)


def _truth(value: bool | None) -> str:
    return {True: "true", False: "false", None: "unknown"}[value]


def _differs(a: ex.Expr, b: ex.Expr, olds: KnowledgeBase, news: KnowledgeBase) -> str | None:
    """One combination where the two conditions disagree, as text; None when they mean the same."""
    lits: dict[str, set[str]] = {}
    for e in (a, b):
        for k, v in ex.literals(e).items():
            lits.setdefault(k, set()).update(v)
    keys = sorted(lits)
    grids = [_domain(k, lits[k], olds, news) for k in keys]
    if math.prod(len(g) for g in grids) > TRUTH_ROWS:
        return None if ex.to_text(a) == ex.to_text(b) else "(too many answers to compare; the text differs)"
    for combo in itertools.product(*grids):
        facts = {k: v for k, v in zip(keys, combo, strict=True) if v is not None}
        x, y = ex.evaluate(a, facts), ex.evaluate(b, facts)
        if x != y:
            said = ", ".join(f"{k}={_shown(v)}" for k, v in zip(keys, combo, strict=True)) or "always"
            return f"{said}: {_truth(x)} → {_truth(y)}"
    return None


def meaning_changes(old: KnowledgeBase, new: KnowledgeBase) -> tuple[list[MeaningChange], list[tuple[str, str]]]:
    """Conditions of options on both sides that now hold for other answers, and those only reworded."""
    before, after = _conditions(old), _conditions(new)
    changed, reworded = [], []
    for key in sorted(set(before) | set(after)):
        oid, kind = key
        if oid not in old.options or oid not in new.options:
            continue  # the option itself is added or removed
        none = (ex.TRUE if kind == "requires" else ex.Or(()), "", "")  # no requires: always met; no excludes: never
        a, b = before.get(key, none), after.get(key, none)
        ea, eb = a[0], b[0]
        diff = _differs(ea, eb, old, new)
        if diff is not None:
            changed.append(MeaningChange(oid, kind, a[1] or "(none)", b[1] or "(none)", a[2], b[2], diff))
        elif a[1] != b[1] or ex.to_text(ea) != ex.to_text(eb):
            reworded.append(key)
    return changed, reworded


# ---- the whole comparison -------------------------------------------------------------------------------------------

def _group(kb_old: KnowledgeBase, kb_new: KnowledgeBase, combos: list[Combination]) -> list[Change]:
    groups: dict[tuple[str | None, str | None], list[Combination]] = {}
    for c in combos:
        if c.old != c.new and "\x00absent" not in (c.old, c.new):
            groups.setdefault((c.old, c.new), []).append(c)

    def title(kb: KnowledgeBase, oid: str | None) -> str:
        return kb.options[oid].title if oid in kb.options else "no option fits"

    out = [Change(o, n, title(kb_old, o), title(kb_new, n), cs[0].old_source, cs[0].new_source,
                  tuple(c.settings for c in cs)) for (o, n), cs in groups.items()]
    out.sort(key=lambda c: (-len(c.answers), c.old or "", c.new or ""))
    return out


def _error_key(d: Diagnostic) -> tuple[str, str, str]:
    return d.path, d.code, d.message


def decision_diff(old: KnowledgeBase, new: KnowledgeBase, priorities: Iterable[str] = (),
                  max_states: int = MAX_STATES) -> DecisionDiff:
    """Compare two knowledge bases: recommendations per combination of answers, names, meanings, lint errors."""
    prio = tuple(priorities)
    t_old = answer_table(old, [p for p in prio if old.decision and p in old.decision.priorities], max_states)
    t_new = answer_table(new, [p for p in prio if new.decision and p in new.decision.priorities], max_states)
    combos = compare_tables(t_old, t_new, 4 * max_states)
    out = DecisionDiff(old.root, new.root)
    out.combinations = sum(1 for c in combos if "\x00absent" not in (c.old, c.new))
    out.only_old = sum(1 for c in combos if c.new == "\x00absent" and c.old != "\x00absent")
    out.only_new = sum(1 for c in combos if c.old == "\x00absent" and c.new != "\x00absent")
    out.changes = _group(old, new, combos)
    a, b = _names(old), _names(new)
    out.added = [Added(k, i, *b[(k, i)]) for (k, i) in b if (k, i) not in a]
    out.removed = [Added(k, i, *a[(k, i)]) for (k, i) in a if (k, i) not in b]
    out.meaning, out.reworded = meaning_changes(old, new)
    before = {_error_key(d) for d in old.problems if d.severity == "error"}
    out.new_errors = [d for d in new.problems if d.severity == "error" and _error_key(d) not in before]
    return out
