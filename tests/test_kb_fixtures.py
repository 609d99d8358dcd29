"""Golden fixtures: each folder in tests/fixtures/kb/ is a tiny knowledge base whose compiled
graph summary must equal its `expected.json`.

Regenerate after an intended change with `FINGERPOST_REGEN=1 pytest tests/test_kb_fixtures.py`
and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import KB_FIXTURES, REGEN
from fingerpost.kb import compile_path

CASES = sorted(p.name for p in KB_FIXTURES.iterdir() if p.is_dir())


def summarize(kb: Any) -> dict[str, list[Any]]:
    """What a fixture pins down: pages, nodes, edges, links, text blocks, tables and diagnostics."""
    g = kb.graph
    nodes = sorted([n, d["kind"], d["source"], d.get("title", "")] for n, d in g.nodes(data=True))
    edges = sorted([u, d["kind"], v, d["source"]] for u, v, d in g.edges(data=True))
    links, paragraphs, tables = [], [], []
    for path in sorted(kb.documents):
        doc = kb.documents[path]
        for link in doc.links:
            where = link.resolved + (f"#{link.anchor}" if link.anchor else "")
            links.append([f"{link.path}:{link.line}:{link.col}", link.target, link.kind, where])
        for p in doc.paragraphs:
            paragraphs.append([f"{path}:{p.line}", p.kind, p.section, p.text])
        for t in doc.tables:
            tables.append([f"{path}:{t.line}", [c.text for c in t.header],
                           [[f"{path}:{line}", *(c.text for c in row)] for row, line in zip(t.rows, t.row_lines, strict=True)]])
    return {
        "pages": [[p, kb.documents[p].title] for p in sorted(kb.documents)],
        "nodes": nodes,
        "edges": edges,
        "links": links,
        "paragraphs": paragraphs,
        "tables": tables,
        "diagnostics": [str(d) for d in kb.problems],
    }


def dumps(summary: dict[str, list[Any]]) -> str:
    """JSON with one item per line, so that a golden diff shows exactly what changed."""
    parts = []
    for key, items in summary.items():
        body = ",\n".join("    " + json.dumps(item, ensure_ascii=False) for item in items)
        parts.append(f'  "{key}": [\n{body}\n  ]' if items else f'  "{key}": []')
    return "{\n" + ",\n".join(parts) + "\n}\n"


@pytest.mark.parametrize("case", CASES)
def test_fixture_matches_golden(case: str) -> None:
    folder = KB_FIXTURES / case
    actual = dumps(summarize(compile_path(folder)))
    golden: Path = folder / "expected.json"
    if REGEN:
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"{golden} is missing — run with FINGERPOST_REGEN=1 to write it, then review it"
    assert actual == golden.read_text(encoding="utf-8")


def test_every_fixture_has_a_golden_and_pages() -> None:
    assert CASES, "no fixtures found"
    for case in CASES:
        folder = KB_FIXTURES / case
        assert (folder / "expected.json").exists(), case
        assert any(folder.rglob("*.md")) or any(folder.rglob("*.mdx")), case
