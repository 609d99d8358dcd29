"""Docs stay honest: the model page names every kind and lint code, the picture is current,
and the README documents every command the CLI has."""

from __future__ import annotations

import re
import subprocess

import pytest
from conftest import REPO, require_program
from fingerpost.kb.graph import EDGE_KINDS, NODE_KINDS

MODEL = (REPO / "docs" / "model.md").read_text(encoding="utf-8")
MODEL_DOT = (REPO / "docs" / "model.dot").read_text(encoding="utf-8")
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_model_page_describes_every_node_and_edge_kind() -> None:
    for kind in (*NODE_KINDS, *EDGE_KINDS):
        assert f"| `{kind}` |" in MODEL, kind


def test_model_picture_draws_every_node_and_edge_kind() -> None:
    drawn_nodes = set(re.findall(r"^\s*([a-z]+)\s+\[shape=", MODEL_DOT, re.M))
    assert drawn_nodes == set(NODE_KINDS)
    labels = " ".join(re.findall(r'label="([^"]*)"', MODEL_DOT)).replace("\\n", " ")
    for kind in EDGE_KINDS:
        assert re.search(rf"(^|[\s/]){re.escape(kind)}($|[\s/])", labels), kind


def test_model_page_lists_every_lint_code() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "kb").rglob("*.py"))
    codes = set(re.findall(r'"(?:error|warning|info)", "([a-z-]+)"', source))
    codes |= set(re.findall(r'code="([a-z-]+)"', source))
    assert len(codes) > 20
    documented = set(re.findall(r"`([a-z-]+)`", MODEL))
    missing = sorted(codes - documented)
    assert not missing, f"add these lint codes to the table in docs/model.md (What lint checks): {missing}"


def test_model_page_embeds_the_svg() -> None:
    assert "![" in MODEL and "(model.svg)" in MODEL
    assert (REPO / "docs" / "model.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")


@pytest.mark.graphviz
def test_model_svg_is_rendered_from_the_dot_file() -> None:
    dot = require_program("dot")
    fresh = subprocess.run([dot, "-Tsvg", str(REPO / "docs" / "model.dot")], capture_output=True, text=True,
                           check=True, timeout=60).stdout
    saved = (REPO / "docs" / "model.svg").read_text(encoding="utf-8")

    def shapes(svg: str) -> list[str]:
        return re.findall(r"<title>([^<]*)</title>", svg)

    assert shapes(fresh) == shapes(saved), "re-render: dot -Tsvg docs/model.dot -o docs/model.svg"


def _cli_commands() -> list[str]:
    from fingerpost.cli import _parser

    parser, modules = _parser()
    return sorted(modules)


def test_readme_documents_every_command() -> None:
    commands = _cli_commands()
    assert {"build", "lint", "graph"} <= set(commands)
    for name in commands:
        assert re.search(rf"`fingerpost {name}\b", README), f"README.md does not document `fingerpost {name}`"


def test_readme_has_no_placeholders_and_links_the_docs() -> None:
    assert "(coming)" not in README.lower()
    for target in ("docs/authoring.md", "docs/model.md", "tests/README.md"):
        assert f"]({target})" in README, target
        assert (REPO / target).exists(), target
