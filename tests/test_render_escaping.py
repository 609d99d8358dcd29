"""Hostile labels — quotes, braces, <script>, backslashes, newlines, Unicode — reach the picture as written.

DOT is checked by the real `dot` (the SVG it writes must hold the exact text); Mermaid here by a checker
of the flowchart lines we emit and by decoding every label back to its text, and by the real mermaid.js
in Chromium in test_render_mermaid_js.py (which reuses these strategies and the hostile pack).
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET

import pytest
from conftest import FIXTURES, require_program
from fingerpost.engine.facts import parse_answer
from fingerpost.kb import compile_path
from fingerpost.render.diagram import diagram_scene
from fingerpost.render.dot import to_dot
from fingerpost.render.mermaid import label, to_mermaid
from fingerpost.render.scene import Edge, Group, Node, Scene, one_line
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HOSTILE = FIXTURES / "render" / "hostile"
XLINK = "{http://www.w3.org/1999/xlink}title"
NASTY = ['"', "'", "\\", "{", "}", "[", "]", "(", ")", "<", ">", "&", "|", ";", "#", "%", "`", ":", "\n", "\t",
         "é", "日", "✓", "→", "—", "end", "subgraph", "<script>", "\\N", "\\G", "\\\"", "#35;", "&amp;", "%%"]
TEXT = st.lists(st.one_of(st.sampled_from(NASTY), st.text(st.characters(blacklist_categories=("Cs",)), max_size=6)),
                max_size=12).map("".join)


def hostile_scenes():
    kb = compile_path(HOSTILE)
    facts = {"size": parse_answer(kb.question("size"), "3"), "mode": "subgraph"}
    return kb, [diagram_scene(kb, facts, "architecture", option="graph"), diagram_scene(kb, facts, "decision"),
                diagram_scene(kb, {}, "decision")]


def svg_of(source: str) -> ET.Element:
    dot = require_program("dot")
    done = subprocess.run([dot, "-Tsvg"], input=source.encode("utf-8"), capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    assert b"syntax error" not in done.stderr, done.stderr.decode()
    return ET.fromstring(done.stdout)  # well-formed XML, or this raises


def svg_texts(root: ET.Element) -> list[str]:
    return ["".join(el.itertext()) for el in root.iter() if el.tag.endswith("}text")]


def squash(text: str) -> str:
    return "".join(one_line(text).split())


# ---- Mermaid ----------------------------------------------------------------------------------
LABEL = r'"[^"]*"'
NODE = rf"[A-Za-z][A-Za-z0-9_]*(?:\(\[{LABEL}\]\)|\[\[{LABEL}\]\]|\[\({LABEL}\)\]|\{{\{{{LABEL}\}}\}}|\[/{LABEL}/\]|\[{LABEL}\]|\({LABEL}\)|>{LABEL}\])"
LINE = re.compile("|".join([
    rf"{NODE}",
    rf"subgraph [A-Za-z][A-Za-z0-9_]*\[{LABEL}\]",
    r"direction (LR|TB)",
    r"end",
    rf"[A-Za-z][A-Za-z0-9_]* (-->|-\.->)(\|{LABEL}\|)? [A-Za-z][A-Za-z0-9_]*",
    r"classDef [a-z0-9_]+ [a-z-]+:[^;,]+(,[a-z-]+:[^;,]+)*",
    r"class [A-Za-z0-9_,]+ [a-z0-9_]+",
    r"linkStyle \d+ [a-z-]+:[^;,]+(,[a-z-]+:[^;,]+)*",
    r"%% [^{].*",
]))


def decode(quoted: str) -> str:
    body = quoted[1:-1].replace("<br/>", " ").replace("<small>", "").replace("</small>", "").replace("<wbr>", "")
    assert not re.search(r"[<>\"]", body), f"raw markup left in {quoted!r}"
    body = body.replace("#quot;", '"')
    assert not re.search(r"#(?!\d+;)", body), f"a bare # in {quoted!r}"
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), body)


def check_mermaid(text: str) -> None:
    lines = text.splitlines()
    assert lines[0] == "---" and lines[1].startswith("title: ") and lines[2] == "---"
    assert lines[3] in ("flowchart LR", "flowchart TB")
    opened = 0
    for line in lines[4:]:
        assert line.startswith("  "), line
        body = line.strip()
        assert LINE.fullmatch(body), f"not a flowchart line we emit: {body!r}"
        if body.startswith("subgraph "):
            opened += 1
        elif body == "end":
            opened -= 1
        for q in re.findall(LABEL, body):
            decode(q)
    assert opened == 0


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_mermaid_label_decodes_to_the_text(text: str) -> None:
    out = label(text)
    assert out.startswith('"') and out.endswith('"') and '"' not in out[1:-1]
    assert squash(decode(out)) == squash(text)


def test_hostile_pack_mermaid_is_well_formed() -> None:
    _, scenes = hostile_scenes()
    for scene in scenes:
        text = to_mermaid(scene)
        check_mermaid(text)
        labels = " ".join(decode(q) for q in re.findall(LABEL, text.split("---", 2)[2]))
        for node in scene.nodes:
            assert squash(node.title) in "".join(labels.split()), node.title


def test_mermaid_ids_never_collide_with_keywords() -> None:
    scene = Scene("t", tuple(Node(k, k, "service") for k in ("end", "subgraph", "class", "click", "graph", "end!")),
                  (Group("end", "end"),), (Edge("end", "click", "end"),))
    text = to_mermaid(scene)
    check_mermaid(text)
    assert "n_end " not in text.split("flowchart")[0]
    assert len(set(re.findall(r"^  (n_[A-Za-z0-9_]+)\(", text, re.M))) == 6


# ---- DOT through the real `dot` ---------------------------------------------------------------
@pytest.mark.graphviz
def test_hostile_pack_dot_renders_every_label_exactly() -> None:
    kb, scenes = hostile_scenes()
    for scene in scenes:
        root = svg_of(to_dot(scene))
        drawn = "".join("".join(svg_texts(root)).split())
        for node in scene.nodes:
            assert squash(node.title) in drawn, node.title
        tips = {el.get(XLINK) for el in root.iter() if el.get(XLINK)}
        for node in scene.nodes:
            if node.tooltip:
                assert one_line(node.tooltip) in tips, node.tooltip
    docker_like = scenes[1].node("option:style")
    assert docker_like.state == "ruled_out" and "Ünïcödé rules it out" in docker_like.tooltip


@pytest.mark.graphviz
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=TEXT, tip=TEXT, group=TEXT, edge=TEXT)
def test_any_text_survives_dot(title: str, tip: str, group: str, edge: str) -> None:
    tip = f"tip {tip}"
    scene = Scene(title or "t", (Node("a", title, "node", subtitle=edge, group="g", tooltip=tip),
                                 Node("b", edge, "service")),
                  (Group("g", group),), (Edge("a", "b", edge, tooltip=tip),), subtitle=group)
    root = svg_of(to_dot(scene))
    drawn = "".join("".join(svg_texts(root)).split())
    for text in (title, edge, group):
        assert squash(text) in drawn
    assert one_line(tip) in {el.get(XLINK) for el in root.iter()}
