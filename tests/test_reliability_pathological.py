"""Pathological pages: `fingerpost lint` finishes under a memory and CPU limit and says clearly what it did.

The pages (tests/pathological.py) cover deep nesting, long emphasis, bracket and backtick runs, huge
and wide tables, a 10 MB single line, NUL bytes, invalid UTF-8, CRLF with a BOM, empty files, an
over-long page, deep and huge YAML and a deeply nested expression. bench/pathological.py runs the
same cases at full size and prints time and peak memory per case.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import fingerpost_command
from fingerpost.kb.read import read_bytes
from pathological import Case, Limited, cases, run_limited

CASES = cases(1)
MEMORY_MIB = 1024
"""Address-space limit of the child: a case that needs more is killed and the test fails."""
WATCHDOG_SECONDS = 120
"""CPU and wall-clock limit of the child, a guard against hangs (not a speed target)."""


@pytest.fixture(scope="module")
def linted(tmp_path_factory: pytest.TempPathFactory) -> Limited:
    root = tmp_path_factory.mktemp("pathological")
    (root / "index.md").write_text("# Index\n")
    for case in CASES:
        (root / f"{case.name}.md").write_bytes(case.data)
    return run_limited([fingerpost_command(), "lint", "--no-cache", str(root)], seconds=WATCHDOG_SECONDS,
                       memory_mib=MEMORY_MIB)


def test_lint_of_every_pathological_page_finishes_within_the_limits(linted: Limited) -> None:
    assert linted.returncode == 1, (linted.returncode, linted.stderr[-2000:])  # 1: the content has errors
    assert "Traceback" not in linted.stderr and "Traceback" not in linted.stdout
    assert linted.stderr.strip().splitlines()[-1] == f"{len(CASES) + 1} pages: 4 errors, 7 warnings"
    assert linted.peak_mib < MEMORY_MIB


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_page_gets_its_own_clear_message(linted: Limited, case: Case) -> None:
    mine = [line for line in linted.stdout.splitlines() if line.startswith(f"{case.name}.md:")]
    if case.expect:
        assert len(mine) == 1 and mine[0].startswith(case.expect), mine
        assert " — " in mine[0], "the message says what to do"
    else:
        assert all("[long-line]" in line for line in mine), mine  # nothing but the line cut


def test_crlf_and_bom_read_like_plain_text() -> None:
    crlf = read_bytes("p.md", b"\xef\xbb\xbf---\r\ntitle: T\r\n---\r\n# Head {#h}\r\nSee [x](y.md).\r\n")
    plain = read_bytes("p.md", b"---\ntitle: T\n---\n# Head {#h}\nSee [x](y.md).\n")
    assert crlf.title == plain.title == "T"
    assert crlf.links == plain.links and crlf.sections == plain.sections and crlf.problems == plain.problems == []


def test_an_empty_page_is_noted_not_an_error() -> None:
    doc = read_bytes("empty.md", b"")
    assert [(p.severity, p.code, p.line) for p in doc.problems] == [("info", "empty", 1)]
    assert doc.title == "empty.md" and doc.links == [] and doc.blocks == []


def test_a_folder_symlink_loop_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text("# I\n")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    r = run_limited([fingerpost_command(), "lint", "--no-cache", str(tmp_path)], seconds=60, memory_mib=MEMORY_MIB)
    assert r.returncode == 0, r.stderr
    assert "1 pages" in r.stderr


def test_a_named_pipe_is_reported_not_read(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text("# I\n")
    os.mkfifo(tmp_path / "pipe.md")  # opening it for reading would wait for a writer forever
    r = run_limited([fingerpost_command(), "lint", "--no-cache", str(tmp_path)], seconds=60, memory_mib=MEMORY_MIB)
    assert r.returncode == 1, r.stderr
    assert r.stdout.startswith("pipe.md:1:1: error: not a regular file (a pipe, socket or device); not read")
