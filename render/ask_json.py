"""An Assessment as the `fingerpost ask --format json` document (one shape for every front end).

The top-level keys are exactly: facts, recommendation, candidates, next_question, answer, nearest,
set_aside. The recommendation's `status` is `final` when no answer still possible would change it,
else `provisional` (the best fit so far). With no recommendation, `nearest` lists for each option
that could fit the fewest answers to change (question ids, answers that make it fit, the rule that
blocks it now); `set_aside` lists the wishes set aside because they conflict with the facts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fingerpost.engine.answers.reply import Reply, decision_reply
from fingerpost.engine.excluded import Excluded, offered
from fingerpost.engine.facts import display_value
from fingerpost.engine.reason.assess import Assessment
from fingerpost.engine.reason.fit import Candidate
from fingerpost.engine.reason.nearest import NearestFit
from fingerpost.engine.reason.offer import answers_offered
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.records import Citation, Question

__all__ = ["to_json", "fact_json", "question_json", "source", "KEYS"]

KEYS = ("facts", "recommendation", "candidates", "next_question", "answer", "nearest", "set_aside")


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


def question_json(q: Question, value: Any = None, blocked: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The question; its choices are those still possible when `value` excludes some. A choice with
    which no option fits (engine.reason.offer) carries `blocked_by`: the rule's text and source."""
    choices: list[dict[str, Any]] = []
    if q.kind in ("choice", "yesno"):
        for c in offered(q, value):
            choice: dict[str, Any] = {"value": c.value, "label": c.label}
            rule = (blocked or {}).get(c.value)
            if rule is not None:
                choice["blocked_by"] = {"text": rule.text, "source": source(rule.source)}
            choices.append(choice)
    return {"id": q.id, "text": q.text, "choices": choices}


def _next_json(kb: KnowledgeBase, a: Assessment) -> dict[str, Any] | None:
    q = a.next_question
    if q is None:
        return None
    blocked = {c.value: r for c, r in answers_offered(kb, a.facts, q) if r is not None}
    return question_json(q, a.facts.get(q.id), blocked)


def _candidate_json(c: Candidate) -> dict[str, Any]:
    return {
        "id": c.option.id,
        "title": c.option.title,
        "status": c.status,
        "reasons": [{"text": r.text, "source": source(r.source)} for r in c.reasons],
    }


def _recommendation_json(kb: KnowledgeBase, reply: Reply) -> dict[str, Any] | None:
    a = reply.assessment
    rec = a.recommendation
    if rec is None:
        return None
    because = [{"text": s.text, "source": source(s.source)} for s in reply.support]
    docs = [{"title": s.text, "href": s.href} for s in reply.guides]
    status = "final" if a.decided else "provisional"
    return {"id": rec.option.id, "title": a.title, "status": status, "summary": rec.option.summary,
            "because": because, "docs": docs}


def to_json(kb: KnowledgeBase, a: Assessment | Reply, answer: dict[str, Any] | None = None) -> dict[str, Any]:
    """The ask document for a Reply (or an assessment's), and an optional answer to a question."""
    reply = a if isinstance(a, Reply) else decision_reply(kb, a)
    a = reply.assessment
    return {
        "facts": {k: fact_json(v) for k, v in a.facts.items()},
        "recommendation": _recommendation_json(kb, reply),
        "candidates": [_candidate_json(c) for c in a.candidates],
        "next_question": _next_json(kb, a),
        "answer": answer,
        "nearest": [_nearest_json(kb, n) for n in a.nearest],
        "set_aside": [{"question": q, "value": fact_json(v)} for q, v in a.set_aside],
    }


def _nearest_json(kb: KnowledgeBase, n: NearestFit) -> dict[str, Any]:
    rule = n.blocked_by[0] if n.blocked_by else None
    return {"option": n.option, "title": kb.options[n.option].title, "change": list(n.change),
            "to": {q: fact_json(v) for q, v in n.to},
            "because": {"text": rule.text, "source": source(rule.source)} if rule is not None else None}


def facts_text(kb: KnowledgeBase, facts: Mapping[str, Any]) -> list[str]:
    """`question: value` lines in document order."""
    out = []
    for q in sorted(kb.questions.values(), key=lambda q: q.order):
        if q.id in facts:
            out.append(f"{q.id}: {display_value(q, facts[q.id])}")
    return out
