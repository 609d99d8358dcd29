"""`fingerpost lint --explain`: every inferred item with confidence, path:line and its sentence, then ambiguities."""

from __future__ import annotations

import re
import subprocess

from conftest import REPO, fingerpost_command
from fingerpost.kb import compile_path
from fingerpost.kb.extract.explain import explain_lines, inferred_items

PAGE = REPO / "tests" / "fixtures" / "unannotated" / "database-replication.md"
LINE = re.compile(r"^database-replication\.md:(\d+): inferred (\w+) (.+) \(confidence (0\.\d\d)\)( — “.+”)?$")


def test_explain_lists_each_inferred_item_with_line_confidence_and_sentence() -> None:
    run = subprocess.run([fingerpost_command(), "lint", "--explain", str(PAGE)], capture_output=True, text=True,
                         timeout=60)
    assert "Traceback" not in run.stderr
    lines = run.stdout.splitlines()
    inferred = [m for m in map(LINE.match, lines) if m]
    kinds = {m.group(2) for m in inferred}
    assert {"option", "question", "constraint", "recommendation", "doc", "prerequisite"} <= kinds
    assert all(m.group(5) for m in inferred), "every item quotes what it came from"
    assert any(m.group(2) == "constraint" and "servers >= 3" in m.group(3) and m.group(1) == "41" for m in inferred)
    summary = next(line for line in lines if line.endswith(("ambiguities", "see docs/extraction.md")))
    assert summary.startswith(f"{len(inferred)} inferred items")


def test_explain_lists_ambiguities_with_their_lines() -> None:
    kb = compile_path(REPO / "tests" / "fixtures" / "unannotated" / "ci-runners.md")
    lines = explain_lines(kb)
    assert any(line.startswith("ci-runners.md:45: ambiguous:") and "ARM64" in line for line in lines)


def test_annotated_content_has_nothing_inferred_to_explain() -> None:
    kb = compile_path()
    assert [e for e in inferred_items(kb) if e.kind != "term"] == []
