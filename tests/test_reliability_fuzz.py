"""Fuzzing the build: generated hostile Markdown trees compile to a graph or to problems with path:line.

The long run (10,000+ examples) is bench/fuzz_build.py; this is the quick one for every test run.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from markdown_strategies import check_diagnostics, doc_tree, page, write_tree

from kb import compile_path
from kb.read import read_bytes
from render.graph import graph_json

FUZZ = settings(max_examples=150, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(doc_tree())
def test_generated_trees_build_to_a_graph_with_located_problems(tree: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        write_tree(Path(tmp), tree)
        kb = compile_path(tmp)
    assert set(kb.documents) == set(tree)
    assert check_diagnostics(kb, tree) == []
    json.dumps(graph_json(kb), default=str)  # the graph serialises whatever the content


@FUZZ
@given(page())
def test_reading_a_page_never_raises_and_locates_every_problem(data: bytes) -> None:
    doc = read_bytes("p.md", data)
    assert check_diagnostics(type("KB", (), {"problems": doc.problems})(), {"p.md": data}) == []
    for link in doc.links:
        assert 0 < link.line <= doc.line_count, link
    for block in doc.blocks:
        assert 0 < block.line <= doc.line_count, block
    assert [s.line for s in doc.sections] == sorted(s.line for s in doc.sections)


@settings(max_examples=60, deadline=None, database=None)
@given(page())
def test_the_same_input_gives_the_same_problems(data: bytes) -> None:
    first = read_bytes("p.md", data)
    second = read_bytes("p.md", data)
    assert first.problems == second.problems and first.links == second.links
