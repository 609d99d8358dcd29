"""Fuzzing the build: generated hostile Markdown trees compile to a graph or to problems with path:line.

The long run (10,000+ examples) is bench/fuzz_build.py; this is the quick one for every test run.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from fingerpost.engine.reason.assess import assess
from fingerpost.kb import compile_path
from fingerpost.kb.read import read_bytes
from fingerpost.render.graph import graph_json
from hypothesis import HealthCheck, given, settings
from markdown_strategies import check_diagnostics, doc_tree, page, write_tree

FUZZ = settings(max_examples=100, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# Inputs the long fuzz run once broke on, kept as fixed examples.
FOUND = [
    {"index.md": b'\xef\xbb\xbf---\r\ntitle: "\x1f"\r\naliases: []\r\n---'},  # PyYAML ReaderError
    {"index.md": b"# C\n\n```fingerpost\noption: o1\ntitle: O\nvariant_of: o1\n```\n"},  # endless recursion
    {"index.md": b"```fingerpost\noption: a\ntitle: A\nvariant_of: b\n```\n```fingerpost\noption: b\ntitle: B\n"
                 b"variant_of: a\n```\n"},
    {"index.md": b"---\n---\n\n```fingerpost extra "},  # a block cited below the last line
    {"index.md": b"```fingerpost\noption: o\ntitle: O\nrequires: '" + b"(" * 3000 + b"a'\n```\n"},  # RecursionError
]


@FUZZ
@given(doc_tree())
def test_generated_trees_build_to_a_graph_with_located_problems(tree: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        write_tree(Path(tmp), tree)
        kb = compile_path(tmp)
    assert set(kb.documents) == set(tree)
    assert check_diagnostics(kb, tree) == []
    json.dumps(graph_json(kb), default=str)  # the graph serialises whatever the content
    assess(kb, {})  # and the engine reasons over it


@pytest.mark.parametrize("tree", FOUND, ids=range(len(FOUND)))
def test_inputs_the_long_run_broke_on(tree: dict[str, bytes]) -> None:
    test_generated_trees_build_to_a_graph_with_located_problems.hypothesis.inner_test(tree)


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


@settings(max_examples=40, deadline=None, database=None)
@given(page())
def test_the_same_input_gives_the_same_problems(data: bytes) -> None:
    first = read_bytes("p.md", data)
    second = read_bytes("p.md", data)
    assert first.problems == second.problems and first.links == second.links
