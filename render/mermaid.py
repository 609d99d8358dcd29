"""A Scene as a Mermaid flowchart, for sites that render Mermaid natively (GitHub, GitLab, MkDocs).

    >>> from fingerpost.render.scene import Scene, Node
    >>> print(to_mermaid(Scene("T", nodes=(Node("a", 'say "hi"', "service"),), groups=(), edges=())))
    ... # doctest: +NORMALIZE_WHITESPACE
    ---
    title: "T"
    ---
    flowchart LR
      n_a("say #quot;hi#quot;")
      classDef service fill:#eeeeee,stroke:#333333,color:#333333
      class n_a service

Every label is a quoted string in which each character Mermaid could read as syntax is written
as an entity (`#quot;`, `#60;`, `#35;`…), so hostile titles cannot break the chart; ids are
made of letters, digits and `_` and never collide with keywords. The real mermaid.js parses and
draws what this writes in tests/test_render_mermaid_js.py.
"""

from __future__ import annotations

import json
import re

from fingerpost.render.scene import Edge, Node, Scene, one_line, safe_ids, wrap

__all__ = ["to_mermaid", "label", "caption", "SHAPES"]

SHAPES = {
    "user": ("([", "])"), "load-balancer": ("[", "]"), "node": ("[", "]"), "container": ("[[", "]]"),
    "database": ("[(", ")]"), "registry": ("[(", ")]"), "proxy": ("{{", "}}"), "cluster": ("[", "]"),
    "internet": ("(", ")"), "more": (">", "]"), "question": ("(", ")"), "answer": ("([", "])"),
    "option": ("[", "]"), "constraint": ("[/", "/]"), "recommendation": ("[/", "/]"),
    "prerequisite": ("[(", ")]"), "decision": ("[[", "]]"), "doc": ("[", "]"), "section": ("[", "]"),
}
DEFAULT_SHAPE = ("(", ")")

FILLS = {
    "user": "#fff4d6", "load-balancer": "#dcebf7", "node": "#e4f2dc", "container": "#e4f2dc", "database": "#efe3f5",
    "registry": "#fde6d2", "proxy": "#fde6d2", "cluster": "#f3f3f3", "internet": "#eeeeee", "question": "#fff4d6",
    "decision": "#fff4d6", "answer": "#ffffff", "option": "#e4f2dc", "constraint": "#f7f7f7",
    "recommendation": "#eef5fb",
}
STATE_CLASSES = {
    "chosen": "stroke:#1f5fa8,stroke-width:3px",
    "ruled_out": "fill:#f2f2f2,stroke:#9a9a9a,color:#8a8a8a",
    "muted": "fill:#f2f2f2,stroke:#9a9a9a,color:#8a8a8a",
    "violated": "fill:#fbeeec,stroke:#b03a2e,color:#b03a2e,stroke-width:2px",
    "open": "stroke-dasharray:4 3",
    "conditional": "stroke-dasharray:4 3,stroke:#777777",
}
EDGE_STYLES = {
    "chosen": "stroke:#1f5fa8,stroke-width:2.5px",
    "ruled_out": "stroke:#c4c4c4",
    "muted": "stroke:#c4c4c4",
    "violated": "stroke:#b03a2e",
    "conditional": "stroke-dasharray:4 3",
    "open": "stroke-dasharray:4 3",
}
_SPECIAL = set('"#<>&{}[]()|`\\;')


def _entity(ch: str) -> str:
    if ch == "\\":  # mermaid.js reads a decoded `\n` as a line break; `<wbr>` draws nothing between them
        return "#92;<wbr>"
    return "#quot;" if ch == '"' else f"#{ord(ch)};"


def _escape(text: str) -> str:
    return "".join(_entity(ch) if ch in _SPECIAL else ch for ch in text)


def label(title: str, subtitle: str = "", width: int = 30) -> str:
    """A quoted Mermaid label: wrapped lines joined with `<br/>`, syntax characters as entities.

    An empty label is one space: mermaid.js rejects `""`."""
    lines = [_escape(line) for line in wrap(title, width)]
    if subtitle:
        lines += [f"<small>{_escape(line)}</small>" for line in wrap(subtitle, width + 6)]
    return '"' + ("<br/>".join(lines) or " ") + '"'


def caption(text: str) -> str:
    """The front-matter title: one line, `<` and `>` shown as `‹` `›`.

    mermaid.js passes the title through an HTML sanitizer and then draws the result as plain text,
    so `<b>` would be drawn as `<b></b>` and `a < b` as `a &lt; b`; entities are not decoded there."""
    return one_line(text).replace("<", "‹").replace(">", "›")


def _node_line(n: Node, nid: str) -> str:
    left, right = SHAPES.get(n.kind, DEFAULT_SHAPE)
    return f"{nid}{left}{label(n.title, n.subtitle)}{right}"


def _comment(text: str) -> str:
    return "%% " + one_line(text).lstrip("{")


def _groups(scene: Scene, parent: str, ids: dict[str, str], gids: dict[str, str], indent: str) -> list[str]:
    lines: list[str] = []
    for g in (g for g in scene.groups if g.parent == parent):
        lines.append(f"{indent}subgraph {gids[g.id]}[{label(g.title, width=40)}]")
        lines.append(f"{indent}  direction {scene.direction}")
        lines += [f"{indent}  {_node_line(n, ids[n.id])}" for n in scene.nodes if n.group == g.id]
        lines += _groups(scene, g.id, ids, gids, indent + "  ")
        lines.append(f"{indent}end")
    return lines


def _edge_line(e: Edge, ids: dict[str, str], gids: dict[str, str]) -> str:
    src = gids[e.source_group] if e.source_group else ids[e.source]
    dst = gids[e.target_group] if e.target_group else ids[e.target]
    arrow = "-.->" if e.state in ("conditional", "open") else "-->"
    text = f'|{label(e.label, width=24)}|' if e.label else ""
    return f"{src} {arrow}{text} {dst}"


def _styles(scene: Scene, ids: dict[str, str], gids: dict[str, str]) -> list[str]:
    lines: list[str] = []
    kinds = list(dict.fromkeys(n.kind for n in scene.nodes))
    for kind in kinds:
        css = re.sub(r"[^a-z0-9]", "_", kind)
        lines.append(f"classDef {css} fill:{FILLS.get(kind, '#eeeeee')},stroke:#333333,color:#333333")
    for state in [s for s in STATE_CLASSES if any(n.state == s for n in scene.nodes)]:
        lines.append(f"classDef {state} {STATE_CLASSES[state]}")
    for kind in kinds:
        members = [ids[n.id] for n in scene.nodes if n.kind == kind]
        lines.append(f"class {','.join(members)} {re.sub(r'[^a-z0-9]', '_', kind)}")
    for state in STATE_CLASSES:
        members = [ids[n.id] for n in scene.nodes if n.state == state]
        if members:
            lines.append(f"class {','.join(members)} {state}")
    for i, e in enumerate(scene.edges):
        if e.state in EDGE_STYLES:
            lines.append(f"linkStyle {i} {EDGE_STYLES[e.state]}")
    return lines


def to_mermaid(scene: Scene) -> str:
    """Mermaid flowchart text for the scene (title in the front matter)."""
    ids = safe_ids((n.id for n in scene.nodes), "n_")
    gids = safe_ids((g.id for g in scene.groups), "g_")
    title = " — ".join([scene.title, *scene.subtitle.splitlines()])
    head = ["---", f"title: {json.dumps(caption(title), ensure_ascii=False)}", "---",
            f"flowchart {scene.direction}"]
    body = [_node_line(n, ids[n.id]) for n in scene.nodes if not n.group]
    body += _groups(scene, "", ids, gids, "")
    body += [_edge_line(e, ids, gids) for e in scene.edges]
    body += [_comment(f"{n.title}: {n.tooltip}") for n in scene.nodes if n.state == "ruled_out" and n.tooltip]
    body += _styles(scene, ids, gids)
    return "\n".join(head + ["  " + line for line in body])
