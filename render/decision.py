"""The decision graph as a Scene: questions, answers, conditions and options, the user's path highlighted.

    >>> from fingerpost.kb import compile_path                                    # doctest: +SKIP
    >>> s = decision_scene(compile_path(), {"purpose": "testing"})     # doctest: +SKIP
    >>> s.node("option:docker").state                                  # doctest: +SKIP
    'chosen'

It reads left to right: a question, its answers, the conditions that read those answers, the
options those conditions admit, exclude or recommend, and each option's variants. With facts,
the user's answers and the recommended options are drawn bold blue; ruled-out options grey,
with the reasons in the tooltip; the condition that rules an option out red; conditions that
depend on answers not given yet dashed. `render.graph` uses the same scene for `fingerpost graph`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from fingerpost.engine.facts import display_value
from fingerpost.engine.reason.assess import Assessment, assess
from fingerpost.kb import expr as ex
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.values import Excluded
from fingerpost.render.conditions import condition_text, facts_text
from fingerpost.render.scene import Edge, Node, Scene

__all__ = ["decision_scene", "FOCUS_KINDS", "ALL_KINDS", "LEGEND"]

FOCUS_KINDS = ("question", "answer", "constraint", "recommendation", "option")
"""What `fingerpost diagram --kind decision` draws."""
ALL_KINDS = ("decision", *FOCUS_KINDS, "prerequisite", "tradeoff", "term")
"""What `fingerpost graph --format dot` draws (plus docs and sections with `--all`)."""
LEGEND = (("bold blue", "your answers and the recommended path"),
          ("grey", "ruled out or not chosen (hover an option for the reason)"),
          ("red", "the condition that rules an option out"),
          ("dashed", "depends on answers not given yet"))
_HANDLED = {"answers", "reads", "requires", "excludes", "recommends", "refines"}


def _answer_state(data: Mapping[str, Any], facts: Mapping[str, Any] | None) -> str:
    if facts is None or data["question"] not in facts:
        return "normal"
    value = facts[data["question"]]
    if data["value"] == "*":
        return "chosen"
    if isinstance(value, Excluded):  # "not air-gapped": the answers left stay open
        return "muted" if data["value"] in value.values else "normal"
    key = ("yes" if value else "no") if isinstance(value, bool) else value
    return "chosen" if data["value"] == key else "muted"


def _node(kb: KnowledgeBase, nid: str, data: Mapping[str, Any], facts: Mapping[str, Any] | None,
          a: Assessment | None) -> Node:
    kind, source = data["kind"], data.get("source", "")
    title, subtitle, state, tip = str(data.get("title", nid)), "", "normal", f"{kind} — {source}"
    if kind == "question":
        q = kb.questions[nid.split(":", 1)[1]]
        tip = f"{q.help} ({source})" if q.help else tip
        if facts is not None and q.id in facts:
            subtitle, state = f"you said {display_value(q, facts[q.id])}", "chosen"
    elif kind == "answer":
        state = _answer_state(data, facts)
        if data["value"] == "*" and state == "chosen":
            q = kb.questions[data["question"]]
            title, subtitle = display_value(q, facts[q.id]), "your answer"  # type: ignore[index]
    elif kind == "option" and a is not None:
        return _option_node(kb, nid, data, a)
    return Node(nid, title, kind, subtitle=subtitle, state=state, tooltip=tip)


def _option_node(kb: KnowledgeBase, nid: str, data: Mapping[str, Any], a: Assessment) -> Node:
    c = a.candidate(nid.split(":", 1)[1])
    if c.status == "ruled_out":
        why = "; ".join(f"{r.text} ({r.source})" for r in c.reasons if r.holds is False) or "ruled out"
        return Node(nid, c.option.title, "option", "ruled out — hover for why", state="ruled_out",
                    tooltip=f"Ruled out: {why}")
    words = {"recommended": "recommended", "feasible": "fits your answers", "open": "depends on answers not given yet"}
    state = {"recommended": "chosen", "feasible": "normal", "open": "open"}[c.status]
    tip = f"{c.option.summary} ({data.get('source', '')})"
    return Node(nid, c.option.title, "option", words[c.status], state=state, tooltip=tip)


def _condition_node(kb: KnowledgeBase, nid: str, data: Mapping[str, Any], facts: Mapping[str, Any] | None,
                    path: set[str]) -> tuple[Node, ex.Expr | None, str]:
    """A constraint or recommendation: its node, its expression, and the option it is about."""
    kind, source = data["kind"], data.get("source", "")
    if kind == "constraint":
        c = next(c for c in kb.constraints if f"constraint:{c.id}" == nid)
        e, oid, lead = c.expr, c.option, ("needs" if c.kind == "requires" else "ruled out when")
        because = c.because
    else:
        r = next(r for r in kb.recommendations if f"recommendation:{r.id}" == nid)
        e, oid, lead, because = r.when, r.option, f"recommends ({r.strength}) when", r.because
    title = f"{lead}: {condition_text(kb, e)}" if e is not None else "recommended always"
    state = "normal"
    if facts is not None and e is not None:
        value = ex.evaluate(e, facts)
        good = value if kind == "recommendation" or data.get("constraint_kind") == "requires" else (
            None if value is None else not value)
        if good is None:
            state = "open"
        elif good is False:
            state = "violated" if kind == "constraint" else "muted"
        elif oid in path:
            state = "chosen"
    tip = f"{because} ({source})" + (f" — {condition_text(kb, e, facts)}" if facts is not None and e is not None else "")
    return Node(nid, title, kind, state=state, tooltip=tip), e, oid


def _answers_read(kb: KnowledgeBase, e: ex.Expr) -> Iterator[tuple[str, str]]:
    """(answer node id, leaf text) for each answer a condition reads."""
    for leaf in _leaves(e):
        q = kb.questions.get(leaf.name)
        if q is None:
            continue
        values: tuple[str, ...] = ()
        if isinstance(leaf, ex.Compare) and q.kind == "choice" and leaf.op in ("==", "in"):
            values = leaf.values
        elif q.kind == "yesno":
            values = ("yes",)
        text = ex.to_text(leaf)
        found = [f"answer:{q.id}={v}" for v in values if f"answer:{q.id}={v}" in kb.graph]
        if not found:
            found = [f"answer:{q.id}=*" if f"answer:{q.id}=*" in kb.graph else f"question:{q.id}"]
        yield from ((aid, text) for aid in found)


def _leaves(e: ex.Expr) -> Iterator[ex.Name | ex.Compare]:
    if isinstance(e, (ex.Name, ex.Compare)):
        yield e
    elif isinstance(e, ex.Not):
        yield from _leaves(e.operand)
    else:
        for o in e.operands:
            yield from _leaves(o)


def _edge_state(a: Node, b: Node) -> str:
    """Blue along the path, grey from an answer not chosen, red into and out of a violated condition."""
    if a.state == "chosen" and b.state == "chosen":
        return "chosen"
    if a.state in ("muted", "ruled_out"):
        return "muted"
    if "violated" in (a.state, b.state):
        return "violated"
    return "muted" if b.state in ("muted", "ruled_out") else "normal"


def _graph_edges(kb: KnowledgeBase, nodes: Mapping[str, Node]) -> Iterator[tuple[str, str, str]]:
    """(from, to, label) for the knowledge-base edges drawn, oriented to read left to right."""
    for u, v, d in kb.graph.edges(data=True):
        kind = d.get("kind", "")
        if u not in nodes or v not in nodes:
            continue
        if kind == "answers":
            yield v, u, ""
        elif kind in ("requires", "excludes") and nodes[v].kind == "constraint":
            yield v, u, kind
        elif kind == "refines":
            yield v, u, "variant"
        elif kind == "recommends":
            yield u, v, "recommends"
        elif kind not in _HANDLED or nodes[v].kind != "question":
            yield u, v, kind


def decision_scene(kb: KnowledgeBase, facts: Mapping[str, Any] | None, priorities: tuple[str, ...] = (),
                   kinds: tuple[str, ...] = FOCUS_KINDS) -> Scene:
    """The decision graph; with `facts` (even empty) the engine's assessment colours it."""
    a = assess(kb, facts, priorities) if facts is not None else None
    path = {o.id for o in kb.lineage(a.recommendation.option.id)} if a and a.recommendation else set()
    nodes: dict[str, Node] = {}
    exprs: dict[str, ex.Expr] = {}
    for nid, data in kb.graph.nodes(data=True):
        if data.get("kind") not in kinds:
            continue
        if data["kind"] in ("constraint", "recommendation"):
            nodes[nid], e, _ = _condition_node(kb, nid, data, facts, path)
            if e is not None:
                exprs[nid] = e
        else:
            nodes[nid] = _node(kb, nid, data, facts, a)
    edges = [Edge(s, t, label, _edge_state(nodes[s], nodes[t])) for s, t, label in _graph_edges(kb, nodes)]
    for cid, e in exprs.items():
        for aid, text in dict(_answers_read(kb, e)).items():
            if aid in nodes:
                edges.append(Edge(aid, cid, "", _edge_state(nodes[aid], nodes[cid]), tooltip=text))
    title = kb.decision.title if kb.decision else "Decision graph"
    subtitle = ""
    if a is not None:
        given = facts_text(kb, a.facts)
        rec = f"Recommended: {a.title}" if a.recommendation else "Every option is ruled out"
        subtitle = f"{rec}\n" + (f"Your answers: {given}" if given else "No answers given yet")
    ranks = tuple(tuple(n for n in nodes if nodes[n].kind == kind) for kind in ("question", "answer"))
    return Scene(title, tuple(nodes.values()), (), tuple(edges), subtitle=subtitle, direction="LR",
                 legend=LEGEND if a is not None else (), ranks=ranks)
