"""Fit: which options fit the facts, how they rank, and the reasons, each with its `path:line`.

    >>> from fingerpost.kb import compile_path
    >>> kb = compile_path()                                             # doctest: +SKIP
    >>> best_leaf(kb, {"purpose": "production", "nodes": 3}).id         # doctest: +SKIP
    'k8s-ha-rke'

Every option fits (True), is ruled out (False) or is open (None: it depends on answers not
given yet); reasons name the condition, the user's value and where the content states it.
`engine.reason.assess` puts this together with the plan (what to ask next) into an Assessment.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fingerpost.engine.excluded import Excluded, agree, alternatives, settled
from fingerpost.engine.facts import display_value, question_name
from fingerpost.engine.reason.compiled import compiled
from fingerpost.kb import expr as ex
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.records import STRENGTHS, Citation, Constraint, Option

__all__ = [
    "Reason",
    "Candidate",
    "option_state",
    "constraint_reasons",
    "constraint_holds",
    "recommendation_score",
    "score_range",
    "rank",
    "fits_all",
    "best_leaf",
    "describe",
    "condition_words",
    "outcome_title",
    "STATUSES",
]

STATUSES = ("recommended", "feasible", "ruled_out", "open")


@dataclass(slots=True, frozen=True)
class Reason:
    """One statement about an option, with the condition, its current value and its source."""

    text: str
    """A full sentence, e.g. "An RKE cluster needs three nodes … (needs nodes >= 3; you said 2)"."""
    source: Citation
    """Where the content states it."""
    kind: str
    """`requires`, `excludes`, `recommends` or `priority`."""
    holds: bool | None
    """For constraints: True when satisfied, False when violated, None when not known yet."""
    condition: str
    """The condition with the user's values, e.g. `nodes >= 3 (you said 2)`."""
    option: str
    """The option the statement is about (an ancestor's constraints apply to its variants)."""


@dataclass(slots=True, frozen=True)
class Candidate:
    """An option and what the facts say about it."""

    option: Option
    """The option."""
    status: str
    """One of STATUSES."""
    fits: bool | None
    """True: every constraint holds; False: ruled out; None: depends on answers not given yet."""
    score: float
    """Sum of the strengths of recommendations that apply, plus stated priorities."""
    reasons: tuple[Reason, ...]
    """Constraint reasons (violated first), then recommendations that apply."""


def _leaf_with_values(kb: KnowledgeBase, facts: Mapping[str, Any]):  # noqa: ANN202
    texts = compiled(kb).texts

    def leaf(node: ex.Name | ex.Compare) -> str:
        value = facts.get(node.name)
        key = ("leaf", id(node), None if value is None else (type(value).__name__, str(value)))
        found = texts.get(key)
        if found is None:
            q = kb.questions.get(node.name)
            said = "not known yet" if value is None else f"you said {display_value(q, value)}"
            found = texts[key] = f"{ex.to_text(node)} ({said})"
        return found

    return leaf


def _values_key(c: Any, e: ex.Expr, facts: Mapping[str, Any]) -> tuple[Any, ...]:
    # the values as shown: 2.2 and 2.2.0 are equal versions but are said differently
    return tuple(None if (v := facts.get(n)) is None else (type(v).__name__, str(v)) for n in c.names_of(e))


def describe(kb: KnowledgeBase, e: ex.Expr, facts: Mapping[str, Any]) -> str:
    """The condition with each answer's current value, for why and why-not."""
    c = compiled(kb)
    key = (id(e), _values_key(c, e, facts))
    text = c.texts.get(key)
    if text is None:
        if len(c.texts) > 100_000:
            c.texts.clear()
        text = ex.to_text(e, _leaf_with_values(kb, facts))
        c.texts[key] = text
    return text


def constraint_holds(kb: KnowledgeBase, facts: Mapping[str, Any]) -> dict[int, bool | None]:
    """id(constraint) → whether it holds for the facts (each constraint evaluated once)."""
    checks = compiled(kb).checks
    return {id(con): checks[id(con)](facts) for con in kb.constraints}


def fits_all(kb: KnowledgeBase, facts: Mapping[str, Any],
             holds: Mapping[int, bool | None] | None = None) -> dict[str, bool | None]:
    """Whether each option fits: its constraints hold (True), one fails (False), or not known yet (None).

    A parent whose variants are all ruled out is ruled out; a parent fits only if a variant does.
    With an answer known only by what it is not, an option fits (or not) when it does for every answer left."""
    out = _fits_tree(kb, facts, holds if holds is not None else constraint_holds(kb, facts))
    return agree(out, [_fits_tree(kb, f, constraint_holds(kb, f)) for f in alternatives(facts)])


def _fits_tree(kb: KnowledgeBase, facts: Mapping[str, Any], holds: Mapping[int, bool | None]) -> dict[str, bool | None]:
    c = compiled(kb)
    out: dict[str, bool | None] = {}
    for oid in c.postorder:
        fits: bool | None = True
        for con in c.constraints[oid]:
            h = holds[id(con)]
            if h is False:
                fits = False
                break
            if h is None:
                fits = None
        kids = c.variants[oid]
        if fits is not False and kids:
            kid_fits = [out[k.id] for k in kids]
            if all(f is False for f in kid_fits):
                fits = False
            elif fits is True and True not in kid_fits:
                fits = None
        out[oid] = fits
    return out


def _reason(kb: KnowledgeBase, index: Any, c: Constraint, facts: Mapping[str, Any]) -> Reason:
    key = (id(c), _values_key(index, c.expr, facts))
    found = index.reasons.get(key)
    if found is not None:
        return found
    holds = index.checks[id(c)](facts)
    cond = describe(kb, c.expr, facts)
    said = condition_words(kb, c.expr)
    because = c.because or (f"It fits only when {said}." if c.kind == "requires" else f"It does not fit when {said}.")
    found = Reason(_in_words(kb, because, index.names_of(c.expr), facts, holds), c.source, c.kind, holds, cond,
                   c.option)
    if len(index.reasons) > 100_000:
        index.reasons.clear()
    index.reasons[key] = found
    return found


_OPS = {"==": "is", "!=": "is not", ">=": "is at least", "<=": "is at most", ">": "is more than",
        "<": "is less than", "in": "is"}


def condition_words(kb: KnowledgeBase, e: ex.Expr) -> str:
    """A condition in words, with question names and answer labels: `the number of data centres is 1`,
    `the use case is Production`, `the kubernetes distribution is RKE or No preference`."""

    def leaf(node: ex.Name | ex.Compare) -> str:
        q = kb.questions.get(node.name)
        called = question_name(q, node.name)
        counted = q is not None and q.kind == "number" and called.endswith("s") and not called.startswith("number")
        name = f"the number of {called}" if counted else f"the {called}"  # "the number of data centres is 1"
        if isinstance(node, ex.Name):
            return f"{name} is yes"
        labels = {ch.value: ch.label for ch in q.choices} if q is not None else {}
        values = " or ".join(labels.get(v, v) for v in node.values)
        return f"{name} {_OPS.get(node.op, node.op)} {values}"

    return ex.to_text(e, leaf)


def _in_words(kb: KnowledgeBase, because: str, names: Sequence[str], facts: Mapping[str, Any],
              holds: bool | None) -> str:
    """The rule's sentence and, in words, the answers it turns on: `… (you said 2.3)` or, while
    they are not known, `… (depends on the node count)`; never the expression itself."""
    said = [display_value(kb.questions.get(n), facts[n]) for n in dict.fromkeys(names) if facts.get(n) is not None]
    unknown = [question_name(kb.questions.get(n), n) for n in dict.fromkeys(names) if facts.get(n) is None]
    if holds is None and unknown:
        return f"{because} (depends on the {' and the '.join(unknown)})"
    return f"{because} (you said {' and '.join(said)})" if said else because


_ORDER = {False: 0, None: 1, True: 2}


def constraint_reasons(kb: KnowledgeBase, facts: Mapping[str, Any], oid: str, fits: bool | None) -> list[Reason]:
    index = compiled(kb)
    reasons = [_reason(kb, index, c, facts) for c in index.constraints[oid]]
    if fits is False and not any(r.holds is False for r in reasons):
        text = "None of its variants fits your answers." if index.variants[oid] else \
            "It fits none of the answers still possible: " + _left_text(kb, facts) + "."
        reasons.append(Reason(text, kb.options[oid].source, "requires", False, "", oid))
    reasons.sort(key=lambda r: _ORDER[r.holds])
    return reasons


def _left_text(kb: KnowledgeBase, facts: Mapping[str, Any]) -> str:
    """`internet is Direct internet access or Behind an HTTP proxy` for the answers only excluded."""
    parts = []
    for qid, v in facts.items():
        if isinstance(v, Excluded):
            labels = [display_value(kb.questions.get(qid), x) for x in v.left]
            parts.append(f"{question_name(kb.questions.get(qid), qid)} is {' or '.join(labels)}")
    return "; ".join(parts)


def option_state(kb: KnowledgeBase, facts: Mapping[str, Any], oid: str) -> tuple[bool | None, list[Reason]]:
    """Whether the option's own and inherited constraints hold, with a reason for each."""
    fits = agree({oid: _subtree_fits(kb, facts, oid)}, [{oid: _subtree_fits(kb, f, oid)} for f in alternatives(facts)])[oid]
    return fits, constraint_reasons(kb, facts, oid, fits)


def _subtree_fits(kb: KnowledgeBase, facts: Mapping[str, Any], oid: str) -> bool | None:
    c = compiled(kb)
    fits: bool | None = True
    for con in c.constraints[oid]:
        holds = c.checks[id(con)](facts)
        if holds is False:
            return False
        if holds is None:
            fits = None
    kids = c.variants[oid]
    if kids:
        kid_fits = [_subtree_fits(kb, facts, k.id) for k in kids]
        if all(f is False for f in kid_fits):
            return False
        if fits is True and True not in kid_fits:
            return None
    return fits


def score_range(kb: KnowledgeBase, facts: Mapping[str, Any], oid: str,
                priorities: Sequence[str]) -> tuple[float, float]:
    """An option's ranking score: what it has for sure, and the most it can still reach.

    The strengths (weak 1, normal 2, strong 3) of the recommendations whose `when` holds — or, for
    the most, may still hold — plus 0.6/rank × the option's quality for each stated priority. The
    ranking uses the first; the sampled planner bounds the outcome with both."""
    low = high = 0.0
    c = compiled(kb)
    for r in c.recommendations.get(oid, ()):
        holds = True if r.when is None else c.evaluate(r.when, facts)
        weight = STRENGTHS.get(r.strength, 2)
        low += weight if holds is True else 0
        high += weight if holds is not False else 0
    if priorities:
        qualities = dict(kb.options[oid].qualities)
        for i, p in enumerate(priorities):
            if p in qualities:
                low += 0.6 / (i + 1) * qualities[p]
                high += 0.6 / (i + 1) * qualities[p]
    return low, high


def recommendation_score(kb: KnowledgeBase, facts: Mapping[str, Any], oid: str, priorities: Sequence[str]) -> tuple[float, list[Reason]]:
    reasons = []
    c = compiled(kb)
    for r in c.recommendations.get(oid, ()):
        applies = True if r.when is None else c.evaluate(r.when, facts)
        if applies:
            cond = describe(kb, r.when, facts) if r.when is not None else ""
            text = r.because or f"Recommended when {r.text}."
            names = c.names_of(r.when) if r.when is not None else ()
            reasons.append(Reason(_in_words(kb, text, names, facts, True), r.source, "recommends", True, cond, oid))
    return score_range(kb, facts, oid, priorities)[0], reasons


def evidence(kb: KnowledgeBase, facts: Mapping[str, Any], oid: str, priorities: Sequence[str]) -> float:
    """What the user said for an option: the strengths of its recommendations whose condition the
    answers given make hold (a recommendation without a condition says nothing about the user),
    and the stated priorities it scores on."""
    c = compiled(kb)
    total = sum(STRENGTHS.get(r.strength, 2) for r in c.recommendations.get(oid, ())
                if r.when is not None and c.evaluate(r.when, facts) is True)
    qualities = dict(kb.options[oid].qualities)
    return total + sum(0.6 / (i + 1) * qualities[p] for i, p in enumerate(priorities) if p in qualities)


def rank(kb: KnowledgeBase, facts: Mapping[str, Any], options: Sequence[Option],
         priorities: Sequence[str] = (), fits: Mapping[str, bool | None] | None = None,
         ) -> list[tuple[Option, bool | None, float]]:
    """Options not ruled out, best first: score, then fitting before open, then document order."""
    fits = fits if fits is not None else fits_all(kb, facts)
    rows = []
    for o in options:
        f = fits[o.id]
        if f is False:
            continue
        rows.append((o, f, score_range(kb, facts, o.id, priorities)[0]))
    rows.sort(key=lambda r: (-r[2], 0 if r[1] else 1, r[0].order))
    return rows


def best_leaf(kb: KnowledgeBase, facts: Mapping[str, Any], priorities: Sequence[str] = (),
              fits: Mapping[str, bool | None] | None = None, leaning: frozenset[str] = frozenset(),
              avoid: frozenset[str] = frozenset()) -> Option | None:
    """The recommended option: the best top-level option, then its best variant, down to a leaf.
    Among options the facts score alike, one in `leaning` (what the user's words lean towards) first; one in
    `avoid` (what they refuse) only when nothing else is left."""
    c = compiled(kb)
    fits = fits if fits is not None else fits_all(kb, facts)
    level: Sequence[Option] = c.top
    chosen: Option | None = None
    while level:
        ranked = rank(kb, facts, level, priorities, fits)
        ranked = [r for r in ranked if r[0].id not in avoid] or ranked
        if not ranked:
            break
        top = [r for r in ranked if r[2] == ranked[0][2]]
        chosen = next((o for o, _, _ in top if o.id in leaning), None) or _leaned(kb, facts, priorities, ranked, leaning) \
            or ranked[0][0]
        level = c.variants[chosen.id]
    return chosen


def _leaned(kb: KnowledgeBase, facts: Mapping[str, Any], priorities: Sequence[str],
            ranked: list[tuple[Option, bool | None, float]], leaning: frozenset[str]) -> Option | None:
    """The option leaned towards that only a recommendation without a condition outranks ("we generally recommend
    PostgreSQL" against "no database server here"): what the docs say of everyone yields to the user's words, what
    they say of the user's answers does not (`evidence`)."""
    leaned = [o for o, _, _ in ranked if o.id in leaning]
    if not leaned:
        return None
    said = {o.id: evidence(kb, facts, o.id, priorities) for o, _, _ in ranked}
    return next((o for o in leaned if said[o.id] >= max(said.values())), None)


def outcome_title(kb: KnowledgeBase, option: Option, facts: Mapping[str, Any]) -> str:
    """The option's title naming its variant: `… — Air-gapped (no internet access)`."""
    parts = []
    for qid in option.variant_by:
        if settled(facts, qid):
            q = kb.questions.get(qid)
            shown = display_value(q, facts[qid])
            parts.append(f"{shown} {q.unit}" if q is not None and q.kind == "number" and q.unit else shown)
    return option.title + (" — " + ", ".join(parts) if parts else "")
