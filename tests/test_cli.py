"""The installed `fingerpost` command: output and exit codes, run as a user would."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from conftest import KB_FIXTURES, REPO, fingerpost_command

CLEAN = KB_FIXTURES / "blocks"
BROKEN = KB_FIXTURES / "lint-missing-page"
WARNS = KB_FIXTURES / "lint-unused-question"


def fp(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([fingerpost_command(), *args], capture_output=True, text=True, cwd=cwd, timeout=60)


def test_lint_clean_content_exits_0() -> None:
    r = fp("lint", str(CLEAN))
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    assert r.stderr.strip() == "1 pages: 0 errors, 0 warnings"


def test_lint_with_errors_exits_1_and_prints_path_line() -> None:
    r = fp("lint", str(BROKEN))
    assert r.returncode == 1
    assert r.stdout.startswith("page.md:3:26: error: links to a page that does not exist: restore.md")
    assert r.stderr.strip() == "1 pages: 1 errors, 0 warnings"


def test_lint_warnings_alone_exit_0_and_errors_only_hides_them() -> None:
    r = fp("lint", str(WARNS))
    assert r.returncode == 0
    assert "[unused-question]" in r.stdout
    assert fp("lint", "--errors-only", str(WARNS)).stdout == ""


def test_lint_accepts_one_file_and_exclude() -> None:
    r = fp("lint", str(BROKEN / "page.md"))
    assert r.returncode == 1 and "page.md:3:26" in r.stdout
    r = fp("lint", str(KB_FIXTURES / "lint-missing-anchor"), "--exclude", "page.md")
    assert r.returncode == 0 and r.stderr.strip() == "1 pages: 0 errors, 0 warnings"


@pytest.mark.parametrize("command", ["lint", "build", "graph"])
def test_missing_path_exits_2_with_one_line_and_no_traceback(command: str, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-docs"
    r = fp(command, str(missing))
    assert r.returncode == 2
    assert r.stdout == ""
    assert r.stderr.splitlines() == [f"fingerpost: error: no such file or folder: {missing} — "
                                     "give the path of a Markdown file or a docs folder"]


def test_unknown_command_is_a_usage_error() -> None:
    r = fp("frobnicate")
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_build_summarises_and_strict_turns_errors_into_exit_1() -> None:
    r = fp("build", str(KB_FIXTURES / "edge-kinds"))
    assert r.returncode == 0, r.stderr
    assert "1 pages" in r.stdout and "How to back up the database" in r.stdout
    assert "2 questions, 4 answers, 2 options" in r.stdout
    assert fp("build", str(BROKEN)).returncode == 0
    assert fp("build", "--strict", str(BROKEN)).returncode == 1
    assert fp("build", "--strict", str(CLEAN)).returncode == 0


def test_graph_json_is_node_link_data_with_kind_and_source() -> None:
    r = fp("graph", str(KB_FIXTURES / "edge-kinds"))
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["option:dump"]["kind"] == "option" and nodes["option:dump"]["source"] == "page.md:29"
    kinds = {e["kind"] for e in data["links"]}
    assert {"answers", "implies", "requires", "excludes", "recommends", "refines", "reads"} <= kinds
    assert data["graph"]["title"] == "How to back up the database"


def test_graph_dot_and_mermaid_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "g.dot"
    r = fp("graph", str(KB_FIXTURES / "edge-kinds"), "--format", "dot", "-o", str(out))
    assert r.returncode == 0 and r.stdout == ""
    dot = out.read_text()
    assert dot.startswith("digraph ") and "Logical dump" in dot and "->" in dot
    r = fp("graph", str(KB_FIXTURES / "edge-kinds"), "--format", "mermaid")
    assert r.returncode == 0
    assert re.search(r"^flowchart ", r.stdout, re.M) and "Logical dump" in r.stdout and "-->" in r.stdout


def test_version() -> None:
    r = fp("--version")
    assert r.returncode == 0 and r.stdout.startswith("fingerpost ")


def test_help_lists_exit_codes() -> None:
    r = fp("--help")
    assert r.returncode == 0
    assert "exit codes: 0 success; 1 " in " ".join(r.stdout.split())
