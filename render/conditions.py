"""Conditions and answers in words for pictures: `internet is Air-gapped (you said Direct)`.

Uses the one expression printer (`kb.expr.to_text`) with a leaf callback that shows answer
labels instead of ids, so edge labels and tooltips read like the content.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fingerpost.engine.facts import display_value
from fingerpost.kb import expr as ex
from fingerpost.kb.graph import KnowledgeBase

__all__ = ["condition_text", "facts_text"]

_OPS = {"==": "is", "!=": "is not", "<": "<", "<=": "≤", ">": ">", ">=": "≥"}


def _value_label(kb: KnowledgeBase, qid: str, raw: str) -> str:
    q = kb.questions.get(qid)
    if q is not None and q.kind in ("choice", "yesno"):
        for ch in q.choices:
            if ch.value == raw:
                return ch.label
    return raw


def condition_text(kb: KnowledgeBase, e: ex.Expr, facts: Mapping[str, Any] | None = None) -> str:
    """The condition with answer labels; with `facts`, each answer's current value in brackets."""

    def leaf(node: ex.Name | ex.Compare) -> str:
        if isinstance(node, ex.Name):
            text = node.name
        elif node.op == "in":
            text = f"{node.name} is " + " or ".join(_value_label(kb, node.name, v) for v in node.values)
        else:
            text = f"{node.name} {_OPS.get(node.op, node.op)} {_value_label(kb, node.name, node.values[0])}"
        if facts is None:
            return text
        value = facts.get(node.name)
        said = "not known yet" if value is None else f"you said {display_value(kb.questions.get(node.name), value)}"
        return f"{text} ({said})"

    return ex.to_text(e, leaf)


def facts_text(kb: KnowledgeBase, facts: Mapping[str, Any]) -> str:
    """`nodes: 4; internet: Air-gapped` in the order the content asks."""
    parts = []
    for q in sorted(kb.questions.values(), key=lambda q: q.order):
        if q.id in facts:
            parts.append(f"{q.id}: {display_value(q, facts[q.id])}")
    return "; ".join(parts)
