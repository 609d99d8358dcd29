"""The data a decision page carries: per state, the `ask` document and, for results, what to show.

    >>> from fingerpost.kb import compile_path                                    # doctest: +SKIP
    >>> data = page_data(answer_table(compile_path()))                 # doctest: +SKIP
    >>> data["nodes"][0]["doc"]["next_question"]["id"]                 # doctest: +SKIP
    'purpose'

Every state holds `q`, the engine's next question (None when it has nothing left to ask),
and `kids`, the state each offered answer leads to. A result state also holds `doc`:
exactly what `fingerpost ask --format json --set …` prints for its answers
(render.ask_json.to_json), with links that are not http(s) or relative removed; and `result`:
why, why not the other options, pros and cons, the prerequisites checklist (engine.answers.explain,
engine.answers.compare) and the diagram to show — every sentence the engine's, with its citation.

`questions` holds each question's offered answers with what a hand-written link may say for
them: a choice's synonyms (`also`), and for a number or version range the values it stands
for (`in`, see `range_text`), so the page script reads `nodes=7` or `internet=air-gapped` as
`fingerpost ask --set` does and lands on the same state.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from fingerpost.engine.answers.reply import Reply, decision_reply
from fingerpost.engine.answers.statement import Statement
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.records import Question
from fingerpost.render.answer_classes import AnswerClass, Span
from fingerpost.render.answer_table import AnswerTable, TreeNode
from fingerpost.render.ask_json import source, to_json
from fingerpost.render.safe import safe_href

__all__ = ["page_data", "vet_links", "result_data", "range_text", "FORMAT"]

FORMAT = 2
"""Version of the page data layout (the page script checks it)."""


def vet_links(value: Any) -> Any:
    """A copy with every `href` that is not http(s) or relative replaced by None."""
    if isinstance(value, dict):
        return {k: (safe_href(v) if k == "href" else vet_links(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [vet_links(v) for v in value]
    return value


def _said(statements: Iterable[Statement]) -> list[dict[str, Any]]:
    out = []
    for st in statements:
        item = {"text": st.text, "source": source(st.source)}
        if st.href:
            item["href"] = st.href
        out.append(item)
    return out


def _why_not(reply: Reply) -> list[dict[str, Any]]:
    return [{"id": o.option.id, "title": o.option.title, "status": o.status, "headline": o.headline,
             "reasons": _said(o.reasons)} for o in reply.others]


def _checklist(kb: KnowledgeBase, items: tuple[Statement, ...]) -> list[dict[str, Any]]:
    titles = {st.ref: st.text for st in items}
    out = []
    for st, item in zip(items, _said(items), strict=True):
        p = kb.prerequisites.get(st.ref)
        item.setdefault("href", None)
        item["detail"] = p.text if p else ""
        item["after"] = [titles[d] for d in (p.requires if p else ()) if d in titles]
        out.append(item)
    return out


def result_data(kb: KnowledgeBase, node: TreeNode, diagram: str | None = None,
                reply: Reply | None = None) -> dict[str, Any]:
    """What a result shows beyond the ask document: the Reply's why, why not, pros and cons and checklist."""
    reply = reply or decision_reply(kb, node.assessment)
    return vet_links({
        "why": _said(reply.why),
        "why_not": _why_not(reply),
        "pros": _said(reply.gains),
        "cons": _said(reply.costs),
        "checklist": _checklist(kb, reply.checklist),
        "diagram": diagram,
    })


def _bound(x: Any) -> str:
    if x is None:
        return ""
    return str(int(x)) if isinstance(x, float) and x.is_integer() else str(x)


def range_text(spans: Iterable[Span]) -> str:
    """The values an answer stands for, as the page script reads them: `[2.4,2.5)`, `[3,)`, `(,2.4) [3.1,3.1]`.

    `[`/`]` include the bound, `(`/`)` leave it out, an empty bound is unbounded; numbers in
    shortest round-trip form, versions dotted (compared part by part, missing parts as 0)."""
    return " ".join(f"{'[' if s.low_closed else '('}{_bound(s.low)},{_bound(s.high)}{']' if s.high_closed else ')'}"
                    for s in spans)


def _answer(q: Question, c: AnswerClass) -> dict[str, Any]:
    """One offered answer: its key and label, and what a link may say for it besides the key."""
    out: dict[str, Any] = {"key": c.key, "label": c.label}
    if c.spans:
        out["in"] = range_text(c.spans)
    words = next((ch.synonyms for ch in q.choices if ch.value == c.key), ())
    if words:
        out["also"] = list(words)
    return out


def _questions(table: AnswerTable) -> dict[str, Any]:
    out = {}
    for qid, classes in table.classes.items():
        q = table.kb.questions[qid]
        out[qid] = {"text": q.text, "help": q.help, "kind": q.kind, "unit": q.unit,
                    "answers": [_answer(q, c) for c in classes]}
    return out


def page_data(table: AnswerTable, title: str, intro: str, diagrams: Mapping[int, str] | None = None) -> dict[str, Any]:
    """The page's data: questions with the answers offered, and every state of the decision."""
    kb = table.kb
    nodes = []
    for n in table.nodes:
        entry: dict[str, Any] = {"q": n.question.id if n.question else None,
                                 "kids": [child for _, child in n.children]}
        if n.question is None:
            reply = decision_reply(kb, n.assessment)
            entry["doc"] = vet_links(to_json(kb, reply))
            entry["result"] = result_data(kb, n, (diagrams or {}).get(n.index), reply)
        nodes.append(entry)
    return {"format": FORMAT, "title": title, "intro": intro, "priorities": list(table.priorities),
            "questions": _questions(table), "nodes": nodes}
