"""Golden DOT and Mermaid files: what each diagram draws, byte for byte.

After an intended change to the renderers or to the content, rewrite them with
`FINGERPOST_REGEN=1 .venv/bin/python -m pytest tests/test_render_golden.py` and review the diff.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES, REGEN
from fingerpost.engine.facts import parse_answer
from fingerpost.kb import compile_path
from fingerpost.render.diagram import diagram_scene
from fingerpost.render.dot import to_dot
from fingerpost.render.graph import graph_dot, graph_mermaid
from fingerpost.render.mermaid import to_mermaid

GOLDEN = FIXTURES / "render" / "golden"
HOSTILE = FIXTURES / "render" / "hostile"

CASES = {
    "rke-3": (None, "architecture", None, {"purpose": "production", "nodes": "3", "distro": "rke", "internet": "direct"}),
    "rke-4-proxy": (None, "architecture", None, {"purpose": "production", "nodes": "4", "distro": "rke",
                                                 "internet": "proxy"}),
    "k3s-airgap": (None, "architecture", None, {"purpose": "production", "distro": "k3s", "rancher_version": "2.4.8",
                                                "internet": "airgap"}),
    "docker-proxy": (None, "architecture", None, {"purpose": "testing", "grow_to_ha": "no", "internet": "proxy"}),
    "decision-path": (None, "decision", None, {"purpose": "production", "distro": "k3s", "rancher_version": "2.4.8"}),
    "hostile-architecture": (HOSTILE, "architecture", "graph", {"size": "3", "mode": "subgraph"}),
    "hostile-decision": (HOSTILE, "decision", None, {"size": "3", "mode": "subgraph"}),
}


def _check(name: str, text: str) -> None:
    path = GOLDEN / name
    if REGEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden file {path} — run with FINGERPOST_REGEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} changed — review, then FINGERPOST_REGEN=1"


@pytest.mark.parametrize("case", sorted(CASES))
def test_golden_dot_and_mermaid(case: str) -> None:
    root, kind, option, raw = CASES[case]
    kb = compile_path(root)
    facts = {q: parse_answer(kb.question(q), v) for q, v in raw.items()}
    scene = diagram_scene(kb, facts, kind, option=option)
    _check(f"{case}.dot", to_dot(scene) + "\n")
    _check(f"{case}.mmd", to_mermaid(scene) + "\n")


def test_golden_graph_command_output() -> None:
    kb = compile_path(HOSTILE)
    _check("hostile-graph.dot", graph_dot(kb) + "\n")
    _check("hostile-graph.mmd", graph_mermaid(kb) + "\n")


def test_same_input_same_output() -> None:
    kb = compile_path()
    facts = {"purpose": "production", "nodes": 4}
    assert to_dot(diagram_scene(kb, facts)) == to_dot(diagram_scene(compile_path(), dict(facts)))
