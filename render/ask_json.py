"""An Assessment as the `fingerpost ask --format json` document (one shape for every front end).

The top-level keys are exactly: facts, recommendation, candidates, next_question, answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fingerpost.engine.answers.guides import docs_for
from fingerpost.engine.excluded import Excluded, offered
from fingerpost.engine.facts import display_value
from fingerpost.engine.reason.assess import Assessment
from fingerpost.engine.reason.fit import Candidate
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.records import Citation, Question

__all__ = ["to_json", "fact_json", "question_json", "source", "KEYS"]

KEYS = ("facts", "recommendation", "candidates", "next_question", "answer")


def source(c: Citation) -> str:
    """`path:line` of a citation."""
    return f"{c.path}:{c.line}"


def fact_json(value: Any) -> Any:
    """A typed fact as JSON: versions as text, whole numbers as integers, and a choice known only by
    what it is not as `{"not": [excluded answers], "one_of": [answers left]}`."""
    if isinstance(value, Excluded):
        return {"not": list(value.values), "one_of": list(value.left)}
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (int, float, str)):
        return value
    return str(value)


def question_json(q: Question, value: Any = None) -> dict[str, Any]:
    """The question; its choices are those still possible when `value` excludes some."""
    if q.kind in ("choice", "yesno"):
        choices = [{"value": c.value, "label": c.label} for c in offered(q, value)]
    else:
        choices = []
    return {"id": q.id, "text": q.text, "choices": choices}


def _candidate_json(c: Candidate) -> dict[str, Any]:
    return {
        "id": c.option.id,
        "title": c.option.title,
        "status": c.status,
        "reasons": [{"text": r.text, "source": source(r.source)} for r in c.reasons],
    }


def _recommendation_json(kb: KnowledgeBase, a: Assessment) -> dict[str, Any] | None:
    rec = a.recommendation
    if rec is None:
        return None
    because, seen = [], set()
    for oid in [o.id for o in reversed(kb.lineage(rec.option.id))]:
        for r in a.candidate(oid).reasons:
            if (r.kind == "recommends" or r.holds is True) and (r.text, r.source) not in seen:
                seen.add((r.text, r.source))
                because.append({"text": r.text, "source": source(r.source)})
    docs = [{"title": d.title, "href": kb.href(d.href)} for d in docs_for(kb, rec.option.id, a.facts)]
    return {"id": rec.option.id, "title": a.title, "summary": rec.option.summary, "because": because, "docs": docs}


def to_json(kb: KnowledgeBase, a: Assessment, answer: dict[str, Any] | None = None) -> dict[str, Any]:
    """The ask document for an assessment (and an optional answer to a question)."""
    return {
        "facts": {k: fact_json(v) for k, v in a.facts.items()},
        "recommendation": _recommendation_json(kb, a),
        "candidates": [_candidate_json(c) for c in a.candidates],
        "next_question": question_json(a.next_question, a.facts.get(a.next_question.id)) if a.next_question else None,
        "answer": answer,
    }


def facts_text(kb: KnowledgeBase, facts: Mapping[str, Any]) -> list[str]:
    """`question: value` lines in document order."""
    out = []
    for q in sorted(kb.questions.values(), key=lambda q: q.order):
        if q.id in facts:
            out.append(f"{q.id}: {display_value(q, facts[q.id])}")
    return out
