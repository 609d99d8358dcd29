"""A Scene as DOT source (built with the `graphviz` package) and as SVG/PNG/PDF (run by `dot`).

    >>> from fingerpost.render.scene import Scene, Node
    >>> text = to_dot(Scene("T", nodes=(Node("a", 'say "hi" <b>', "service"),), groups=(), edges=()))
    >>> "say &quot;hi&quot; &lt;b&gt;" in text
    True

Labels are HTML-like labels whose text is escaped with `html.escape`, so quotes, braces,
angle brackets, backslashes and Unicode reach the picture as written; tooltips are quoted
strings escaped with `graphviz.escape`. Layout needs the Graphviz `dot` program; `render`
raises GraphvizMissing when it is not installed, with the command that installs it.
"""

from __future__ import annotations

import html
import shutil

from fingerpost.kb.errors import GraphvizMissing, RenderFailed
from fingerpost.render.scene import Edge, Node, Scene, one_line, safe_ids, wrap

__all__ = ["to_dot", "render", "dot_available", "GraphvizMissing", "RenderFailed", "FORMATS", "INSTALL_HINT"]

FORMATS = ("svg", "png", "pdf")
"""Formats `dot` renders for us."""

INSTALL_HINT = ("install Graphviz: `sudo apt-get install graphviz` (Debian/Ubuntu), `brew install graphviz` "
                "(macOS), `choco install graphviz` (Windows); for SVG and PNG without system packages, "
                "`pip install graphviz-pure` also works")
PURE = "graphviz-pure"
"""A pip-installable port of `dot` (SVG and PNG, no PDF), used when `dot` itself is missing."""
PURE_FORMATS = ("svg", "png")

FONT = "Helvetica"
INK, GREY, ACCENT, ALERT = "#333333", "#9a9a9a", "#1f5fa8", "#b03a2e"

KIND_STYLE: dict[str, dict[str, str]] = {
    "user": {"shape": "box", "style": "rounded,filled", "fillcolor": "#fff4d6"},
    "load-balancer": {"shape": "box", "style": "rounded,filled", "fillcolor": "#dcebf7"},
    "node": {"shape": "box3d", "style": "filled", "fillcolor": "#e4f2dc"},
    "container": {"shape": "component", "style": "filled", "fillcolor": "#e4f2dc"},
    "service": {"shape": "box", "style": "rounded,filled", "fillcolor": "#eeeeee"},
    "database": {"shape": "cylinder", "style": "filled", "fillcolor": "#efe3f5"},
    "registry": {"shape": "cylinder", "style": "filled", "fillcolor": "#fde6d2"},
    "proxy": {"shape": "hexagon", "style": "filled", "fillcolor": "#fde6d2"},
    "cluster": {"shape": "box", "style": "rounded,filled", "fillcolor": "#f3f3f3", "peripheries": "2"},
    "internet": {"shape": "ellipse", "style": "filled", "fillcolor": "#eeeeee"},
    "more": {"shape": "plaintext", "style": "", "fillcolor": "white"},
    "decision": {"shape": "box", "style": "rounded,filled,bold", "fillcolor": "#fff4d6"},
    "question": {"shape": "box", "style": "rounded,filled", "fillcolor": "#fff4d6"},
    "answer": {"shape": "box", "style": "rounded", "fillcolor": "white"},
    "option": {"shape": "box", "style": "filled", "fillcolor": "#e4f2dc"},
    "constraint": {"shape": "note", "style": "filled", "fillcolor": "#f7f7f7"},
    "recommendation": {"shape": "note", "style": "filled", "fillcolor": "#eef5fb"},
    "prerequisite": {"shape": "folder", "style": "filled", "fillcolor": "#f7f7f7"},
    "tradeoff": {"shape": "plain", "style": "", "fillcolor": "white"},
    "term": {"shape": "plaintext", "style": "", "fillcolor": "white"},
    "doc": {"shape": "tab", "style": "filled", "fillcolor": "#f7f7f7"},
    "section": {"shape": "component", "style": "filled", "fillcolor": "#f7f7f7"},
}
DEFAULT_STYLE = {"shape": "box", "style": "rounded,filled", "fillcolor": "#eeeeee"}


def dot_available() -> bool:
    """True when a `dot` program is on PATH (graphviz-pure alone renders SVG and PNG only)."""
    return shutil.which("dot") is not None


def _html_text(text: str) -> str:
    # dot still expands \N, \G, \L… inside HTML-like labels (entities too), so a backslash is doubled;
    # Graphviz 2.43 rejects text that starts with `]`, so brackets go out as entities
    return html.escape(text, quote=True).replace("\\", "\\\\").replace("]", "&#93;")


def _html_lines(text: str, width: int) -> str:
    # an empty <FONT></FONT> is a syntax error for dot, so empty text is one space
    return '<BR ALIGN="CENTER"/>'.join(_html_text(line) for line in wrap(text, width)) or " "


def html_label(title: str, subtitle: str = "", width: int = 26, size: int = 11, bold: bool = False) -> str:
    """An HTML-like DOT label: the title wrapped (optionally bold), a smaller grey subtitle under it."""
    body = _html_lines(title, width)
    body = f"<B>{body}</B>" if bold and title else body
    out = f'<FONT POINT-SIZE="{size}">{body}</FONT>'
    if subtitle:
        out += f'<BR/><FONT POINT-SIZE="{size - 2}" COLOR="#555555">{_html_lines(subtitle, width + 6)}</FONT>'
    return f"<{out}>"


def quoted(text: str) -> str:
    """A DOT quoted-string value showing `text` literally (newlines become spaces)."""
    import graphviz  # start-up: Graphviz's Python binding loads only when a picture is drawn

    # dot decodes entities such as &amp; here too, and unescapes backslashes twice in tooltips
    return graphviz.escape(one_line(text).replace("&", "&amp;").replace("\\", "\\\\"))


def _node_attrs(n: Node) -> dict[str, str]:
    attrs = dict(KIND_STYLE.get(n.kind, DEFAULT_STYLE))
    styles = [s for s in attrs.get("style", "").split(",") if s]
    attrs.update(color=INK, fontcolor=INK)
    if n.state == "chosen":
        attrs.update(color=ACCENT, penwidth="2.5")
        styles.append("bold")
    elif n.state in ("ruled_out", "muted"):
        attrs.update(color=GREY, fontcolor=GREY, fillcolor="#f2f2f2")
    elif n.state == "violated":
        attrs.update(color=ALERT, fontcolor=ALERT, penwidth="2", fillcolor="#fbeeec")
    elif n.state in ("conditional", "open"):
        styles.append("dashed")
        attrs.update(color="#777777")
    if "filled" not in styles and attrs.get("shape") not in ("plain", "plaintext"):
        styles.append("filled")
        attrs.setdefault("fillcolor", "white")
    attrs["style"] = ",".join(dict.fromkeys(styles))
    chosen = n.state == "chosen"
    attrs["label"] = html_label(n.title, n.subtitle, bold=chosen or n.kind in ("question", "decision"))
    if n.tooltip:
        attrs["tooltip"] = quoted(n.tooltip)
    return attrs


def _edge_attrs(e: Edge, group_ids: dict[str, str]) -> dict[str, str]:
    attrs = {"color": INK, "fontcolor": INK}
    if e.label:
        attrs["label"] = html_label(e.label, width=22, size=9)
    if e.tooltip:
        attrs["tooltip"] = quoted(e.tooltip)
        attrs["labeltooltip"] = attrs["tooltip"]
    if e.state == "chosen":
        attrs.update(color=ACCENT, fontcolor=ACCENT, penwidth="2.2")
    elif e.state in ("ruled_out", "muted"):
        attrs.update(color="#c4c4c4", fontcolor=GREY)
    elif e.state == "violated":
        attrs.update(color=ALERT, fontcolor=ALERT)
    elif e.state in ("conditional", "open"):
        attrs.update(style="dashed", color="#777777")
    if e.source_group:
        attrs["ltail"] = group_ids[e.source_group]
    if e.target_group:
        attrs["lhead"] = group_ids[e.target_group]
    return attrs


def _caption(scene: Scene) -> str:
    parts = [f'<FONT POINT-SIZE="15"><B>{_html_lines(scene.title, 70)}</B></FONT>']
    for line in scene.subtitle.splitlines():
        parts.append(f'<FONT POINT-SIZE="11" COLOR="#444444">{_html_lines(line, 100)}</FONT>')
    if scene.legend:
        text = " · ".join(f"{state}: {why}" for state, why in scene.legend)
        parts.append(f'<FONT POINT-SIZE="9" COLOR="#666666">{_html_lines(text, 110)}</FONT>')
    return "<" + "<BR/>".join(parts) + ">"


def _declared(scene: Scene) -> list[Node]:
    """Nodes in declaration order; left to right, dot stacks a rank from the bottom, so sets are reversed."""
    nodes = list(scene.nodes)
    if scene.direction != "LR":
        return nodes
    position = {n.id: i for i, n in enumerate(nodes)}
    for ids in scene.ranks:
        slots = sorted(position[i] for i in ids)
        for slot, nid in zip(slots, reversed(ids), strict=True):
            nodes[slot] = scene.node(nid)
    return nodes


def _add_ranks(graph, scene: Scene, node_ids: dict[str, str], group: str) -> None:  # noqa: ANN001
    import graphviz  # start-up: Graphviz's Python binding loads only when a picture is drawn

    by_id = {n.id: n for n in scene.nodes}
    for ids in scene.ranks:
        if len(ids) > 1 and all(by_id[i].group == group for i in ids):
            same = graphviz.Digraph()
            same.attr(rank="same")
            for i in ids:
                same.node(node_ids[i])
            graph.subgraph(same)


def _add_groups(graph, scene: Scene, group_ids: dict[str, str], node_ids: dict[str, str], parent: str) -> None:  # noqa: ANN001
    import graphviz  # start-up: Graphviz's Python binding loads only when a picture is drawn

    for g in (g for g in scene.groups if g.parent == parent):
        sub = graphviz.Digraph(name=group_ids[g.id])
        grey = g.state in ("ruled_out", "muted", "conditional")
        sub.attr(label=html_label(g.title, width=40, size=10, bold=True), labeljust="l", style="rounded,dashed"
                 if parent == "" else "rounded,filled", fillcolor="#f6f8fb", color=GREY if grey else "#7a8aa0",
                 fontcolor=GREY if grey else INK, margin="14")
        for n in _declared(scene):
            if n.group == g.id:
                sub.node(node_ids[n.id], **_node_attrs(n))
        _add_ranks(sub, scene, node_ids, g.id)
        _add_groups(sub, scene, group_ids, node_ids, g.id)
        graph.subgraph(sub)


def to_dot(scene: Scene, dpi: int | None = None) -> str:
    """DOT source for the scene; `dpi` is set for raster output only."""
    import graphviz  # start-up: Graphviz's Python binding loads only when a picture is drawn

    node_ids = safe_ids((n.id for n in scene.nodes), "")
    group_ids = safe_ids((g.id for g in scene.groups), "cluster_")
    graph = graphviz.Digraph(name="fingerpost")
    graph.attr(rankdir=scene.direction, compound="true", fontname=FONT, label=_caption(scene), labelloc="t",
               labeljust="l", nodesep="0.3", ranksep="0.55", pad="0.3", bgcolor="white", newrank="true")
    if dpi:
        graph.attr(dpi=str(dpi))
    graph.attr("node", fontname=FONT, margin="0.15,0.07")
    graph.attr("edge", fontname=FONT, arrowsize="0.7")
    for n in _declared(scene):
        if not n.group:
            graph.node(node_ids[n.id], **_node_attrs(n))
    _add_ranks(graph, scene, node_ids, "")
    _add_groups(graph, scene, group_ids, node_ids, "")
    for e in scene.edges:
        graph.edge(node_ids[e.source], node_ids[e.target], **_edge_attrs(e, group_ids))
    return graph.source


def _render_pure(dot_source: str, fmt: str) -> bytes | None:
    """Render with graphviz-pure when it is installed and knows the format; None otherwise."""
    import subprocess  # start-up: only a drawing runs a program

    program = shutil.which(PURE)
    if program is None or fmt not in PURE_FORMATS:
        return None
    done = subprocess.run([program, f"-T{fmt}"], input=dot_source.encode("utf-8"), capture_output=True, timeout=300)
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderFailed(f"`{PURE}` failed: {detail[-1] if detail else done.returncode}",
                           hint="check the .dot file written beside the output")
    return done.stdout


def render(dot_source: str, fmt: str) -> bytes:
    """Lay out and render DOT source with `dot` (or graphviz-pure for SVG/PNG when `dot` is missing)."""
    import graphviz  # start-up: Graphviz's Python binding loads only when a picture is drawn

    if fmt not in FORMATS:
        raise RenderFailed(f"cannot render `{fmt}` with Graphviz", hint=f"use one of: {', '.join(FORMATS)}")
    try:
        return graphviz.pipe("dot", fmt, dot_source.encode("utf-8"), quiet=True)
    except graphviz.ExecutableNotFound:
        data = _render_pure(dot_source, fmt)
        if data is None:
            raise GraphvizMissing("the Graphviz `dot` program is not installed", hint=INSTALL_HINT) from None
        return data
    except graphviz.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        raise RenderFailed(f"`dot` failed: {detail[0] if detail else exc}",
                           hint="check the .dot file written beside the output") from None
