"""Write a diagram file: the format follows the extension (.svg .png .pdf .dot .gv .mmd).

    >>> from fingerpost.kb import compile_path                                              # doctest: +SKIP
    >>> r = write_diagram(compile_path(), {"nodes": 4}, "setup.svg")             # doctest: +SKIP
    >>> r.format, r.dot_path                                                     # doctest: +SKIP
    ('svg', 'setup.dot')

For SVG, PNG and PDF the DOT source is written next to the picture first, so a machine without
Graphviz still gets a `.dot` file; the result then says how to install Graphviz and the
command line exits with code 3.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fingerpost.engine.facts import known
from fingerpost.kb.errors import BadDiagramPath, FingerpostError
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.render.architecture import architecture_scene
from fingerpost.render.decision import decision_scene
from fingerpost.render.dot import FORMATS, INSTALL_HINT, GraphvizMissing, render, to_dot
from fingerpost.render.mermaid import to_mermaid
from fingerpost.render.scene import Scene

__all__ = ["DiagramResult", "write_diagram", "diagram_scene", "diagram_format", "KINDS", "EXTENSIONS"]

KINDS = ("architecture", "decision")
EXTENSIONS = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot", ".mmd": "mermaid",
              ".mermaid": "mermaid"}
PNG_DPI = 144
"""Raster resolution: text stays legible on a slide or a high-density screen."""


@dataclass(slots=True, frozen=True)
class DiagramResult:
    """What `write_diagram` wrote."""

    path: str
    """The file asked for (not written when Graphviz is missing)."""
    format: str
    """`svg`, `png`, `pdf`, `dot` or `mermaid`."""
    dot_path: str
    """The DOT source written (the file itself for `.dot`; '' for Mermaid)."""
    message: str
    """One line for the user: what was written, or what to install."""
    ok: bool = True
    """False when the picture could not be rendered (the `.dot` file is still there)."""


def diagram_format(path: str | Path) -> str:
    """The format a file name asks for; raises BadDiagramPath for an unknown extension."""
    ext = Path(path).suffix.lower()
    if ext not in EXTENSIONS:
        raise BadDiagramPath(f"cannot tell the diagram format from `{path}`",
                             hint="end the file name in " + ", ".join(EXTENSIONS))
    return EXTENSIONS[ext]


def _typed_facts(kb: KnowledgeBase, facts: Mapping[str, Any] | Iterable[Any]) -> dict[str, Any]:
    if isinstance(facts, Mapping):
        return dict(facts)

    return known(kb.questions, list(facts))


def diagram_scene(kb: KnowledgeBase, facts: Mapping[str, Any] | Iterable[Any], kind: str = "architecture",
                  priorities: Iterable[str] = (), option: str | None = None) -> Scene:
    """The Scene for a kind of diagram; `facts` is a typed mapping or a list of engine.facts.Fact."""
    typed = _typed_facts(kb, facts)
    if kind == "architecture":
        return architecture_scene(kb, typed, option, tuple(priorities))
    if kind == "decision":
        return decision_scene(kb, typed, tuple(priorities))
    raise FingerpostError(f"unknown diagram kind `{kind}`", hint=f"use one of: {', '.join(KINDS)}")


def write_diagram(kb: KnowledgeBase, facts: Mapping[str, Any] | Iterable[Any], path: str | Path,
                  kind: str = "architecture", priorities: Iterable[str] = (), option: str | None = None) -> DiagramResult:
    """Draw the diagram into `path`; returns what was written. Domain errors are raised."""
    from fingerpost.kb.safeio import write_atomic

    out = Path(path)
    fmt = diagram_format(out)
    scene = diagram_scene(kb, facts, kind, priorities, option)
    if out.parent and not out.parent.exists():
        raise BadDiagramPath(f"the folder `{out.parent}` does not exist", hint="create it or choose another path")
    if fmt == "mermaid":
        write_atomic(out, to_mermaid(scene) + "\n")
        return DiagramResult(str(out), fmt, "", f"wrote {out} (Mermaid)")
    source = to_dot(scene)
    dot_path = out if fmt == "dot" else out.with_suffix(".dot")
    write_atomic(dot_path, source + "\n")
    if fmt == "dot":
        return DiagramResult(str(out), fmt, str(dot_path), f"wrote {out} (DOT source)")
    try:
        data = render(to_dot(scene, dpi=PNG_DPI) if fmt == "png" else source, fmt)
    except GraphvizMissing:
        return DiagramResult(str(out), fmt, str(dot_path),
                             f"wrote {dot_path}, but not {out}: the Graphviz `dot` program is not installed — "
                             f"{INSTALL_HINT}; then run the command again, or `dot -T{fmt} {dot_path} -o {out}`",
                             ok=False)
    write_atomic(out, data)
    return DiagramResult(str(out), fmt, str(dot_path), f"wrote {out} (and its DOT source {dot_path})")


__all__ += ["BadDiagramPath", "FORMATS"]
