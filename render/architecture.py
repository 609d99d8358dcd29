"""The architecture of an option, drawn for the user's facts.

    >>> from fingerpost.kb import compile_path                                            # doctest: +SKIP
    >>> kb = compile_path()                                                    # doctest: +SKIP
    >>> s = architecture_scene(kb, {"purpose": "production", "nodes": 4, "distro": "rke"})  # doctest: +SKIP
    >>> sum(n.kind == "node" for n in s.nodes)                                 # doctest: +SKIP
    4

Counts follow the facts: a component whose `count` names a number question is drawn that many
times; when the question is not answered yet, the fewest that the option accepts (three RKE
nodes, two K3s nodes). Items whose `when` is false are left out; items whose `when` depends
on an answer not given yet are drawn dashed, with the condition in the tooltip.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fingerpost.engine.reason.assess import assess
from fingerpost.engine.reason.fit import option_state, outcome_title
from fingerpost.kb import expr as ex
from fingerpost.kb.errors import ContentError, NoArchitecture, Unsatisfiable
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.records import Architecture, Component
from fingerpost.render.conditions import condition_text, facts_text
from fingerpost.render.scene import Edge, Group, Node, Scene

__all__ = ["architecture_scene", "component_count", "MAX_DRAWN", "NoArchitecture"]

MAX_DRAWN = 8
"""More instances than this are drawn as the first two, a `… more` box and the last."""
MAX_COUNT = 64
"""The largest count tried when looking for the fewest nodes an option accepts."""


@dataclass(slots=True, frozen=True)
class _Drawn:
    """A component as drawn: its instances' node ids and how it is shown."""

    component: Component
    ids: tuple[str, ...]
    state: str


def component_count(kb: KnowledgeBase, arch: Architecture, c: Component, facts: Mapping[str, Any]) -> tuple[int, bool]:
    """How many of `c` to draw, and whether the number was assumed (the question is not answered)."""
    raw = c.count.strip()
    if not raw:
        return 1, False
    if raw.isdigit():
        return max(1, int(raw)), False
    q = kb.questions.get(raw)
    if q is None or q.kind != "number":
        raise ContentError(f"component `{c.id}` of the `{arch.option}` architecture counts by `{raw}`, "
                           "which is neither a whole number nor a number question",
                           path=arch.source.path, line=arch.source.line,
                           hint="write `count: 3` or name a question of kind number")
    if raw in facts:
        return max(1, int(round(float(facts[raw])))), False
    for n in range(1, MAX_COUNT + 1):
        if option_state(kb, {**facts, raw: n}, arch.option)[0] is not False:
            return n, True
    return 1, True


def _visibility(e: ex.Expr | None, facts: Mapping[str, Any]) -> str | None:
    """`normal`, `conditional` (not known yet) or None (not drawn)."""
    value = True if e is None else ex.evaluate(e, facts)
    return None if value is False else ("normal" if value else "conditional")


def _tooltip(kb: KnowledgeBase, arch: Architecture, what: str, when: ex.Expr | None, facts: Mapping[str, Any]) -> str:
    cond = f"; drawn only when {condition_text(kb, when, facts)}" if when is not None else ""
    return f"{what} ({arch.source}){cond}"


def _instances(kb: KnowledgeBase, arch: Architecture, c: Component, facts: Mapping[str, Any],
               state: str) -> tuple[list[Node], tuple[str, ...]]:
    n, _ = component_count(kb, arch, c, facts)
    tip = _tooltip(kb, arch, f"{c.kind}: {c.label}", c.when, facts)
    if n == 1:
        return [Node(c.id, c.label, c.kind, group=c.group, state=state, tooltip=tip)], (c.id,)
    shown = list(range(1, n + 1)) if n <= MAX_DRAWN else [1, 2, 0, n]
    nodes: list[Node] = []
    ids: list[str] = []
    for i in shown:
        if i == 0:
            nodes.append(Node(f"{c.id}#more", f"… {n - 3} more", "more", group=c.group, state=state, tooltip=tip))
            ids.append(f"{c.id}#more")
            continue
        nid = f"{c.id}#{i}"
        nodes.append(Node(nid, c.label, c.kind, subtitle=f"{i} of {n}", group=c.group, state=state, tooltip=tip))
        ids.append(nid)
    return nodes, tuple(ids)


def _groups(arch: Architecture, facts: Mapping[str, Any], used: set[str]) -> tuple[list[Group], set[str]]:
    """Groups that hold something drawn (parents first), and ids of groups hidden by `when`."""
    by_id = {g.id: g for g in arch.groups}
    hidden = {g.id for g in arch.groups if _visibility(g.when, facts) is None}
    keep: set[str] = set()
    for gid in used:
        while gid and gid in by_id and gid not in keep:
            keep.add(gid)
            gid = by_id[gid].parent
    out = [Group(g.id, g.label, g.parent if g.parent in by_id else "", _visibility(g.when, facts) or "normal")
           for g in arch.groups if g.id in keep and not (_ancestors(by_id, g.id) & hidden)]
    return out, hidden


def _ancestors(by_id: Mapping[str, Any], gid: str) -> set[str]:
    out: set[str] = set()
    while gid and gid in by_id and gid not in out:
        out.add(gid)
        gid = by_id[gid].parent
    return out


def _fills_group(drawn: _Drawn, everything: Mapping[str, _Drawn]) -> bool:
    group = drawn.component.group
    return bool(group) and all(d is drawn or d.component.group != group for d in everything.values())


def _end(drawn: Mapping[str, _Drawn], group_members: Mapping[str, tuple[str, ...]], name: str) -> tuple[tuple[str, ...], str, str]:
    """(instance ids, the group whose frame stands for them all, state) for a connection end."""
    if name in drawn:
        d = drawn[name]
        frame = d.component.group if len(d.ids) > 1 and _fills_group(d, drawn) else ""
        return d.ids, frame, d.state
    if name in group_members and group_members[name]:
        return group_members[name], name, "normal"
    return (), "", "normal"


def _pairs(src: tuple[str, ...], src_frame: str, dst: tuple[str, ...], dst_frame: str) -> list[tuple[str, str, str, str]]:
    """Arrows for one connection: one source fans out to every instance; many ends meet at their frame."""
    if len(src) == 1:
        return [(src[0], d, "", "") for d in dst]
    if src_frame:
        src = (src[len(src) // 2],)
    if len(dst) > 1 and dst_frame:
        dst = (dst[len(dst) // 2],)
    else:
        dst_frame = ""
    return [(s, d, src_frame, dst_frame) for s in src for d in dst]


def _connections(kb: KnowledgeBase, arch: Architecture, facts: Mapping[str, Any],
                 drawn: Mapping[str, _Drawn], group_members: Mapping[str, tuple[str, ...]]) -> list[Edge]:
    edges: list[Edge] = []
    for conn in arch.connections:
        vis = _visibility(conn.when, facts)
        src, src_frame, src_state = _end(drawn, group_members, conn.source_id)
        dst, dst_frame, dst_state = _end(drawn, group_members, conn.target_id)
        if vis is None or not src or not dst:
            continue
        state = "conditional" if "conditional" in (vis, src_state, dst_state) else "normal"
        tip = _tooltip(kb, arch, f"{conn.source_id} → {conn.target_id}: {conn.label}", conn.when, facts)
        pairs = _pairs(src, src_frame, dst, dst_frame)
        middle = len(pairs) // 2
        for i, (s, d, sg, dg) in enumerate(pairs):
            edges.append(Edge(s, d, conn.label if i == middle else "", state, tip, source_group=sg, target_group=dg))
    return edges


def _subtitle(kb: KnowledgeBase, arch: Architecture, facts: Mapping[str, Any], title: str) -> str:
    parts = [title]
    given = facts_text(kb, facts)
    parts.append(f"Your answers: {given}" if given else "No answers given yet")
    for c in arch.components:
        n, assumed = component_count(kb, arch, c, facts)
        if assumed and _visibility(c.when, facts):
            parts.append(f"{c.count} not given: {n} drawn, the fewest this setup needs")
    return "\n".join(parts)


def _option_for(kb: KnowledgeBase, facts: Mapping[str, Any], option: str | None, priorities: tuple[str, ...]) -> str:
    if option:
        kb.option(option)
        return option
    a = assess(kb, facts, priorities)
    if a.recommendation is None:
        raise Unsatisfiable("your answers rule out every option, so there is no setup to draw",
                            hint="change an answer, or draw the decision graph with `--kind decision` to see why")
    return a.recommendation.option.id


def architecture_scene(kb: KnowledgeBase, facts: Mapping[str, Any], option: str | None = None,
                       priorities: tuple[str, ...] = ()) -> Scene:
    """The recommended option's architecture (or `option`'s), with counts and parts following `facts`."""
    oid = _option_for(kb, facts, option, priorities)
    arch = kb.architecture_for(oid)
    if arch is None:
        raise NoArchitecture(f"option `{oid}` has no architecture description to draw",
                             path=kb.options[oid].source.path, line=kb.options[oid].source.line,
                             hint="add an `architecture:` block for it (see docs/authoring.md), or use `--kind decision`")
    nodes: list[Node] = []
    drawn: dict[str, _Drawn] = {}
    for c in arch.components:
        state = _visibility(c.when, facts)
        if state is None:
            continue
        made, ids = _instances(kb, arch, c, facts, state)
        nodes += made
        drawn[c.id] = _Drawn(c, ids, state)
    groups, _ = _groups(arch, facts, {n.group for n in nodes if n.group})
    kept = {g.id for g in groups}
    nodes = [n for n in nodes if not n.group or n.group in kept]
    drawn = {k: d for k, d in drawn.items() if not d.component.group or d.component.group in kept}
    members = {g.id: tuple(n.id for n in nodes if n.group == g.id) for g in groups}
    edges = _connections(kb, arch, facts, drawn, members)
    title = outcome_title(kb, kb.options[oid], facts)
    legend = (("dashed", "drawn only for answers you have not given yet (hover for the condition)"),) if any(
        n.state == "conditional" for n in nodes) else ()
    ranks = tuple(tuple(n.id for n in nodes if n.id.startswith(f"{c}#")) for c, d in drawn.items() if len(d.ids) > 1)
    return Scene(arch.title or title, tuple(nodes), tuple(groups), tuple(edges),
                 subtitle=_subtitle(kb, arch, facts, title), direction="LR", legend=legend, ranks=ranks)
