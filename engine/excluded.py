"""Answers known only by what they are not: "we are not air-gapped" → internet is not `airgap`.

    >>> q = kb.question("internet")            # direct, proxy, airgap     # doctest: +SKIP
    >>> exclude(q, ["airgap"])                                              # doctest: +SKIP
    Excluded(values=('airgap',), left=('direct', 'proxy'))
    >>> describe(q, exclude(q, ["airgap"]))                                 # doctest: +SKIP
    'not air-gapped'
    >>> exclude(q, ["airgap", "proxy"])        # one answer left: it is the answer   # doctest: +SKIP
    'direct'

A question with two answers (or yes/no) never keeps an exclusion: "not testing" is the other
answer. With three or more, the fact is a `kb.values.Excluded` holding the answers ruled out
and those left; conditions on it are decided only when every answer left agrees
(`kb.expr.evaluate`, `engine.reason.compiled`), the planner asks the question offering only the
answers left, and a later answer replaces it (`combine`).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from fingerpost.kb import expr as ex
from fingerpost.kb.records import Choice, Question
from fingerpost.kb.values import Excluded

__all__ = ["Excluded", "exclude", "combine", "normalize", "offered", "describe", "settled", "conflicts", "exact",
           "alternatives", "agree", "MAX_ALTERNATIVES"]


def _typed(q: Question, value: str) -> Any:
    return value == "yes" if q.kind == "yesno" else value


def exclude(q: Question, values: Iterable[str]) -> Any:
    """The fact "`q` is none of `values`": an Excluded naming the answers left, the only answer
    left (typed), or None when `values` names no answer of `q` or every one of them."""
    out = set(values)
    choices = [c.value for c in q.choices]
    ruled = tuple(v for v in choices if v in out)
    left = tuple(v for v in choices if v not in out)
    if not ruled or not left:
        return None
    if len(left) == 1:
        return _typed(q, left[0])
    return Excluded(ruled, left)


def normalize(q: Question, value: Any) -> Any:
    """An Excluded re-read against the question as it is now (None when it excludes nothing left)."""
    return exclude(q, value.values) if isinstance(value, Excluded) else value


def combine(q: Question, old: Any, new: Any) -> Any:
    """What is known after `new` is said when `old` was known: a plain answer replaces anything;
    an exclusion adds to an earlier one, keeps an answer it agrees with, and replaces one it rules
    out. (An exclusion that would leave nothing replaces the earlier one.)"""
    if not isinstance(new, Excluded):
        return new
    if isinstance(old, Excluded):
        return exclude(q, (*old.values, *new.values)) or normalize(q, new)
    if old is not None and not conflicts(old, new):
        return old
    return normalize(q, new)


def conflicts(value: Any, other: Any) -> bool:
    """Whether two facts about one question cannot both be true (an exclusion conflicts only
    with an answer it rules out)."""
    if isinstance(value, Excluded) and isinstance(other, Excluded):
        return False
    if isinstance(value, Excluded):
        value, other = other, value
    if isinstance(other, Excluded):
        key = ("yes" if value else "no") if isinstance(value, bool) else value
        return key in other.values
    return bool(value != other)


def settled(facts: Mapping[str, Any], qid: str) -> bool:
    """Whether the question's answer is known (not missing, not only excluded)."""
    value = facts.get(qid)
    return value is not None and not isinstance(value, Excluded)


def offered(q: Question, value: Any = None) -> list[Choice]:
    """The question's answers still possible: all of them unless `value` excludes some."""
    if isinstance(value, Excluded):
        return [c for c in q.choices if c.value not in value.values]
    return list(q.choices)


def _phrase(label: str) -> str:
    """`Air-gapped (no internet access)` → `air-gapped`: the label without its aside, in a sentence."""
    text = re.sub(r"\s*\([^)]*\)\s*$", "", label).strip() or label
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def describe(q: Question | None, value: Excluded) -> str:
    """`not air-gapped`, `neither A nor B`, `none of A, B and C`."""
    labels = {c.value: c.label for c in q.choices} if q is not None else {}
    names = [_phrase(labels.get(v, v)) for v in value.values]
    if len(names) == 1:
        return f"not {names[0]}"
    if len(names) == 2:
        return f"neither {names[0]} nor {names[1]}"
    return f"none of {', '.join(names[:-1])} and {names[-1]}"


MAX_ALTERNATIVES = 256
"""Most combinations of answers left that `alternatives` tries (beyond it, results stay as they are: unknown)."""


def alternatives(facts: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The facts with every combination of answers left put for the answers only excluded (none when
    nothing is excluded, or when there are more than MAX_ALTERNATIVES combinations)."""
    open_ = [(q, v.left) for q, v in facts.items() if type(v) is Excluded and v.left]
    if not open_ or _count(open_) > MAX_ALTERNATIVES:
        return []
    names = [q for q, _ in open_]
    return [{**facts, **dict(zip(names, combo, strict=True))}
            for combo in itertools.product(*(left for _, left in open_))]


def _count(open_: list[tuple[str, tuple[str, ...]]]) -> int:
    n = 1
    for _, left in open_:
        n *= len(left)
    return n


def agree(base: dict[str, bool | None], each: list[Mapping[str, bool | None]]) -> dict[str, bool | None]:
    """`base`, where it is unknown, decided by `each` (a result per combination of answers left) when they all agree."""
    if not each:
        return base
    out = dict(base)
    for key, value in base.items():
        if value is None:
            seen = {e[key] for e in each}
            if len(seen) == 1:
                out[key] = seen.pop()
    return out


Evaluator = Callable[[Mapping[str, Any]], "bool | None"]


def exact(e: ex.Expr, fn: Evaluator) -> Evaluator:
    """`fn`, decided by trying each answer left when it reads an excluded answer in several places.

    Part by part, `internet == direct or internet == proxy` stays unknown for "not airgap" although
    both answers left make it true; an answer read in one place needs nothing more."""
    counts = Counter(leaf.name for leaf in ex.leaves(e))
    repeated = tuple(n for n, k in counts.items() if k > 1)
    if not repeated:
        return fn

    def run(facts: Mapping[str, Any]) -> bool | None:
        value = fn(facts)
        if value is not None:
            return value
        open_ = [(n, v.left) for n in repeated if type(v := facts.get(n)) is Excluded]
        if not open_:
            return None
        names = [n for n, _ in open_]
        seen: set[bool | None] = set()
        for combo in itertools.product(*(left for _, left in open_)):
            seen.add(fn({**facts, **dict(zip(names, combo, strict=True))}))
            if len(seen) > 1 or None in seen:
                return None
        return seen.pop() if seen else None

    return run


