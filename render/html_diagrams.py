"""Architecture diagrams for a decision page: one inline SVG per distinct picture, made inert.

    >>> clean_svg('<svg xmlns="http://www.w3.org/2000/svg" onload="x()"><script>x()</script>'
    ...           '<text x="1">a &lt;b&gt;</text></svg>', "Setup")
    '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Setup"><text x="1">a &lt;b&gt;</text></svg>'

Pictures come from the diagram renderer (`render.diagram` scenes, `render.dot` through
Graphviz). Only drawing elements and presentation attributes survive `clean_svg`: no
scripts, event handlers, links, styles or ids, so a label cannot run code and several
pictures can share a page.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from fingerpost.kb.graph import KnowledgeBase
from fingerpost.render.answer_table import TreeNode
from fingerpost.render.architecture import NoArchitecture
from fingerpost.render.diagram import diagram_scene
from fingerpost.render.dot import dot_available, render, to_dot

__all__ = ["Diagram", "clean_svg", "outcome_diagrams", "diagrams_available"]

_SVG = "http://www.w3.org/2000/svg"
_XLINK = "http://www.w3.org/1999/xlink"
_ELEMENTS = {"svg", "g", "path", "polygon", "polyline", "ellipse", "circle", "rect", "line", "text", "tspan"}
_ATTRIBUTES = {
    "viewBox", "class", "d", "points", "x", "y", "dx", "dy", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry",
    "width", "height", "transform", "fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray",
    "stroke-opacity", "opacity", "font-family", "font-size", "font-weight", "font-style", "text-anchor",
    "text-decoration", "baseline-shift",
}


@dataclass(slots=True, frozen=True)
class Diagram:
    """One picture on the page."""

    id: str
    """Identifier the page's states refer to (`d1`, `d2`…)."""
    svg: str
    """Cleaned inline SVG markup."""
    caption: str
    """What it shows."""


def diagrams_available() -> bool:
    """True when the diagram renderer and the Graphviz `dot` program are both there."""
    return dot_available()


def _clean(elem: ET.Element) -> ET.Element | None:
    tag = elem.tag.rsplit("}", 1)[-1]
    tooltip = elem.get(f"{{{_XLINK}}}title")
    if tag == "a":  # Graphviz wraps tooltips in links; keep the tooltip, drop the link
        tag = "g"
    if tag not in _ELEMENTS or tag == "title":  # Graphviz's own titles name internal node ids
        return None
    out = ET.Element(f"{{{_SVG}}}{tag}", {k: v for k, v in elem.attrib.items() if k in _ATTRIBUTES})
    out.text = elem.text if tag in ("text", "tspan") else None
    if tooltip:
        ET.SubElement(out, f"{{{_SVG}}}title").text = tooltip
    for child in elem:
        kept = _clean(child)
        if kept is not None:
            kept.tail = child.tail if tag in ("text", "tspan") else None
            out.append(kept)
    return out


def clean_svg(svg: str, label: str) -> str:
    """The SVG with only drawing elements and presentation attributes, sized by its viewBox."""
    ET.register_namespace("", _SVG)
    root = ET.fromstring(svg)
    cleaned = _clean(root)
    if cleaned is None or cleaned.tag != f"{{{_SVG}}}svg":
        raise ValueError("not an SVG picture")
    cleaned.attrib.pop("width", None)
    cleaned.attrib.pop("height", None)
    cleaned.set("role", "img")
    cleaned.set("aria-label", label)
    return ET.tostring(cleaned, encoding="unicode", short_empty_elements=True)


def outcome_diagrams(kb: KnowledgeBase, leaves: Iterable[TreeNode],
                     render_svg: Callable[[str], str] | None = None) -> tuple[list[Diagram], dict[int, str]]:
    """The distinct pictures of the recommended setups, and which state shows which."""
    draw = render_svg or (lambda dot: render(dot, "svg").decode("utf-8"))
    by_source: dict[str, Diagram] = {}
    shown: dict[int, str] = {}
    for node in leaves:
        rec = node.assessment.recommendation
        if rec is None:
            continue
        try:
            scene = diagram_scene(kb, node.facts, "architecture", option=rec.option.id)
        except NoArchitecture:
            continue
        outcome = scene.subtitle.splitlines()[0] if scene.subtitle else ""
        # the page lists the answers itself; without them the picture is shared by every state it fits
        source = to_dot(replace(scene, subtitle=outcome))
        if source not in by_source:
            caption = scene.title + (f" — {outcome}" if outcome and outcome != scene.title else "")
            ident = f"d{len(by_source) + 1}"
            by_source[source] = Diagram(ident, clean_svg(draw(source), scene.title), caption)
        shown[node.index] = by_source[source].id
    return list(by_source.values()), shown
