"""The answers a static page offers for each question: choices, yes/no, and ranges of numbers or versions.

    >>> from fingerpost.kb import compile_path                                     # doctest: +SKIP
    >>> kb = compile_path()                                             # doctest: +SKIP
    >>> [c.label for c in answer_classes(kb, "nodes")]                  # doctest: +SKIP
    ['0', '1', '2', '3 or more']
    >>> [c.label for c in answer_classes(kb, "rancher_version")]        # doctest: +SKIP
    ['before 2.4', '2.4.x', '2.5 or later']

A page cannot offer every number, so a number or version question is split at the values the
content compares it with (every condition that reads it: constraints, recommendations,
`ask_when`, doc links, prerequisites, architecture items), with the one value prober,
`kb.expr.probe_spans`. Values that no condition can tell apart form one *class*; the page shows each class as a range and answers with one
representative value from it (the lowest whole number, or a plain version such as `2.3`),
so every value inside a range gets the same engine answer as the representative.

Labels: when every compared value of a number question is whole, the answer is read as a
count and classes are shown as whole numbers — `2`, `4 to 6`, `0 or 1`, `3 or more`.
Otherwise ranges read `less than 2.5`, `at least 2.5 and less than 3`, `3 or more`.
Version classes read `before 2.4`, `2.4.x` (from 2.4 up to, not including, 2.5),
`from 2.0, before 2.4`, `exactly 2.4`, `2.5 or later`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from fingerpost.engine.reason.exact import space_for
from fingerpost.kb import expr as ex
from fingerpost.kb.expr import Span
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.records import Question

__all__ = ["Span", "AnswerClass", "answer_classes", "answer_key", "expressions"]


@dataclass(slots=True, frozen=True)
class AnswerClass:
    """One answer the page offers: a choice, yes or no, or a range of numbers or versions."""

    question: str
    """Question id."""
    key: str
    """The answer as written in the page's URL and in `fingerpost ask --set question=key`."""
    label: str
    """How the page shows it."""
    value: Any
    """The typed representative value the engine is asked with."""
    spans: tuple[Span, ...] = ()
    """For numbers and versions: the values this class stands for."""


def answer_key(q: Question, value: Any) -> str:
    """How a typed answer is written on a command line: `production`, `yes`, `3`, `2.4`."""
    if q.kind == "yesno":
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def expressions(kb: KnowledgeBase) -> Iterator[ex.Expr]:
    """Every condition in the knowledge base."""
    yield from (c.expr for c in kb.constraints)
    yield from (r.when for r in kb.recommendations if r.when is not None)
    yield from (q.ask_when for q in kb.questions.values() if q.ask_when is not None)
    yield from (d.when for d in kb.doclinks if d.when is not None)
    yield from (p.when for p in kb.prerequisites.values() if p.when is not None)
    for arch in kb.architectures.values():
        for item in (*arch.components, *arch.groups, *arch.connections):
            if item.when is not None:
                yield item.when


def _compares(kb: KnowledgeBase, qid: str) -> list[ex.Compare]:
    out: list[ex.Compare] = []
    for e in expressions(kb):
        stack = [e]
        while stack:
            node = stack.pop()
            if isinstance(node, ex.Compare) and node.name == qid:
                out.append(node)
            elif isinstance(node, ex.Not):
                stack.append(node.operand)
            elif isinstance(node, (ex.And, ex.Or)):
                stack.extend(node.operands)
    return out


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s in spans:
        if out and out[-1].high == s.low and out[-1].high is not None and (out[-1].high_closed or s.low_closed):
            last = out.pop()
            s = Span(last.low, last.low_closed, s.high, s.high_closed)
        out.append(s)
    return out


def _count_text(span: Span) -> str:
    low = 0 if span.low is None else (math.ceil(span.low) if span.low_closed else math.floor(span.low) + 1)
    if span.high is None:
        return f"{low} or more"
    high = math.floor(span.high) if span.high_closed else math.ceil(span.high) - 1
    if high == low:
        return str(low)
    return f"{low} or {high}" if high == low + 1 else f"{low} to {high}"


def _fmt(x: Any) -> str:
    return str(int(x)) if isinstance(x, float) and x.is_integer() else str(x)


def _number_text(span: Span) -> str:
    low, high = span.low, span.high
    if low is not None and low == high:
        return _fmt(low)
    if high is None:
        return f"{_fmt(low)} or more" if span.low_closed else f"more than {_fmt(low)}"
    upper = f"at most {_fmt(high)}" if span.high_closed else f"less than {_fmt(high)}"
    if low is None or (low == 0 and span.low_closed):
        return upper
    lower = f"at least {_fmt(low)}" if span.low_closed else f"more than {_fmt(low)}"
    return f"{lower} and {upper}"


def _version_text(span: Span) -> str:
    low, high = span.low, span.high
    if low is not None and low == high:
        return f"exactly {low}"
    if high is None:
        return f"{low} or later" if span.low_closed else f"later than {low}"
    if low is None:
        return f"{high} or earlier" if span.high_closed else f"before {high}"
    if (span.low_closed and not span.high_closed and len(low.parts) == len(high.parts)
            and low.parts[:-1] == high.parts[:-1] and high.parts[-1] == low.parts[-1] + 1):
        return f"{low}.x"
    start = f"from {low}" if span.low_closed else f"after {low}"
    end = f"up to {high}" if span.high_closed else f"before {high}"
    return f"{start}, {end}"


def _label(q: Question, spans: list[Span], whole: bool) -> str:
    if q.kind == "version":
        parts = [_version_text(s) for s in spans]
    elif whole:
        parts = [_count_text(s) for s in spans]
    else:
        parts = [_number_text(s) for s in spans]
    return " or ".join(parts)


def _ranges(kb: KnowledgeBase, q: Question, engine_class: Any) -> list[AnswerClass]:
    leaves = _compares(kb, q.id)
    raws = {raw for leaf in leaves for raw in leaf.values}
    whole = ex.counts(q.kind, ex.compared_points(raws, q.kind))
    groups: dict[Any, list[tuple[Span, Any]]] = {}
    for span, rep in ex.probe_spans(raws, q.kind):
        cls = engine_class(q.id, rep)
        if cls is None:
            continue  # a value no engine class stands for cannot be answered consistently
        sig = (cls, tuple(ex.evaluate(leaf, {q.id: rep}) for leaf in leaves))
        groups.setdefault(sig, []).append((span, rep))
    out = []
    for members in groups.values():
        spans = _merge([s for s, _ in members])
        rep = next((s.low for s in spans if s.low_closed and s.low is not None), members[0][1])
        out.append(AnswerClass(q.id, answer_key(q, rep), _label(q, spans, whole), rep, tuple(spans)))
    out.sort(key=lambda c: c.value)
    return out


def answer_classes(kb: KnowledgeBase, qid: str, priorities: tuple[str, ...] = ()) -> list[AnswerClass]:
    """The answers the page offers for a question, in the order they are shown."""
    q = kb.question(qid)
    if q.kind == "yesno":
        labels = {c.value: c.label for c in q.choices}
        return [AnswerClass(qid, key, labels.get(key, key.capitalize()), key == "yes") for key in ("yes", "no")]
    if q.kind == "choice":
        return [AnswerClass(qid, c.value, c.label, c.value) for c in q.choices]
    space = space_for(kb, priorities)
    return _ranges(kb, q, space.classify)
