"""The data a decision page carries: per state, the `ask` document and, for results, what to show.

    >>> from kb import compile_path                                    # doctest: +SKIP
    >>> data = page_data(answer_table(compile_path()))                 # doctest: +SKIP
    >>> data["nodes"][0]["doc"]["next_question"]["id"]                 # doctest: +SKIP
    'purpose'

Every state holds `q`, the engine's next question (None when it has nothing left to ask),
and `kids`, the state each offered answer leads to. A result state also holds `doc`:
exactly what `fingerpost ask --format json --set …` prints for its answers
(engine.report.to_json), with links that are not http(s) or relative removed; and `result`:
why not the other options, trade-offs, the prerequisites checklist and the diagram to show —
all read from the engine and the knowledge base, none worked out here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engine.reason import Assessment
from engine.report import prerequisites_for, source, to_json
from kb.graph import KnowledgeBase
from render.answer_table import AnswerTable, TreeNode
from render.safe import safe_href

__all__ = ["page_data", "vet_links", "result_data", "FORMAT"]

FORMAT = 1
"""Version of the page data layout (the page script checks it)."""


def vet_links(value: Any) -> Any:
    """A copy with every `href` that is not http(s) or relative replaced by None."""
    if isinstance(value, dict):
        return {k: (safe_href(v) if k == "href" else vet_links(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [vet_links(v) for v in value]
    return value


def _why_not(kb: KnowledgeBase, a: Assessment) -> list[dict[str, Any]]:
    """Options other than the recommendation, each with the reasons that rule it out (or its status)."""
    chosen = {o.id for o in kb.lineage(a.recommendation.option.id)} if a.recommendation else set()
    shown: set[str] = set()
    out = []
    for c in a.candidates:
        if c.option.id in chosen:
            continue
        inherited = {o.id for o in kb.lineage(c.option.id)[1:]} & shown
        wanted = (False,) if c.status == "ruled_out" else (False, None)
        reasons = [{"text": r.text, "source": source(r.source)} for r in c.reasons
                   if r.holds in wanted and r.kind in ("requires", "excludes") and r.option not in inherited]
        shown.add(c.option.id)
        if c.status == "ruled_out" and not reasons:
            continue  # ruled out only by what rules out its parent, which is listed already
        out.append({"id": c.option.id, "title": c.option.title, "status": c.status, "reasons": reasons})
    return out


def _tradeoffs(kb: KnowledgeBase, oid: str) -> list[dict[str, Any]]:
    return [{"side": t.side, "text": t.text, "source": source(t.source)} for t in kb.tradeoffs_for(oid)]


def _checklist(kb: KnowledgeBase, oid: str, facts: Mapping[str, Any]) -> list[dict[str, Any]]:
    items = prerequisites_for(kb, oid, facts)
    titles = {p.id: p.title for p in items}
    return [{"id": p.id, "title": p.title, "text": p.text, "href": kb.href(p.href) if p.href else None,
             "source": source(p.source), "after": [titles[d] for d in p.requires if d in titles]}
            for p in items]


def result_data(kb: KnowledgeBase, node: TreeNode, diagram: str | None = None) -> dict[str, Any]:
    """What a result shows beyond the ask document."""
    a = node.assessment
    rec = a.recommendation
    return vet_links({
        "why_not": _why_not(kb, a),
        "tradeoffs": _tradeoffs(kb, rec.option.id) if rec else [],
        "checklist": _checklist(kb, rec.option.id, node.facts) if rec else [],
        "diagram": diagram,
    })


def _questions(table: AnswerTable) -> dict[str, Any]:
    out = {}
    for qid, classes in table.classes.items():
        q = table.kb.questions[qid]
        out[qid] = {"text": q.text, "help": q.help, "kind": q.kind, "unit": q.unit,
                    "answers": [{"key": c.key, "label": c.label} for c in classes]}
    return out


def page_data(table: AnswerTable, title: str, intro: str, diagrams: Mapping[int, str] | None = None) -> dict[str, Any]:
    """The page's data: questions with the answers offered, and every state of the decision."""
    kb = table.kb
    nodes = []
    for n in table.nodes:
        entry: dict[str, Any] = {"q": n.question.id if n.question else None,
                                 "kids": [child for _, child in n.children]}
        if n.question is None:
            entry["doc"] = vet_links(to_json(kb, n.assessment))
            entry["result"] = result_data(kb, n, (diagrams or {}).get(n.index))
        nodes.append(entry)
    return {"format": FORMAT, "title": title, "intro": intro, "questions": _questions(table), "nodes": nodes}
