"""Every command's expected errors: one clear line on stderr, a documented exit code, never a traceback."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import KB_FIXTURES, REPO, fingerpost_command

from fingerpost.cli import COMMANDS, EXIT_CODES

MISSING = "no-such-docs"
"""A path that does not exist, relative to the test's temporary folder."""

_OUT = {cmd: (["-o", "{tmp}/out"] if cmd == "html" else []) for cmd in COMMANDS}
"""`html` requires an output folder; the other commands need nothing more."""

# (arguments, exit code, a fragment of the message); `{tmp}` is the test's temporary folder.
CASES: list[tuple[list[str], int, str]] = [
    (["frobnicate"], 2, "invalid choice: 'frobnicate'"),
    *[([cmd, "--no-such-flag", *_OUT[cmd]], 2, "unrecognized arguments: --no-such-flag") for cmd in COMMANDS],
    *[([cmd, "--kb", MISSING, *_OUT[cmd]], 2, "no such file or folder") for cmd in COMMANDS
      if cmd not in ("diff", "gaps")],  # diff reads two folders, gaps no docs
    (["diff", MISSING, MISSING], 2, "no such file or folder"),
    (["diff", MISSING], 2, "diff needs OLD and NEW"),
    (["gaps", "--since", "yesterday"], 2, "--since yesterday: not a date"),
    (["build", MISSING], 2, "no such file or folder"),
    (["lint", MISSING], 2, "no such file or folder"),
    (["graph", "--format", "xml"], 2, "argument --format: invalid choice: 'xml'"),
    (["graph", "-o", "{tmp}/missing-folder/g.json"], 2, "cannot use `{tmp}/missing-folder/g.json`: No such file"),
    (["graph", "-o", "{tmp}"], 2, "cannot use `{tmp}`: Is a directory"),
    (["ask", "--set", "nodes"], 2, "--set nodes: expected QUESTION=VALUE"),
    (["ask", "--set", "nodes=abc"], 2, "is not a number for `nodes`"),
    (["ask", "--set", "nosuch=1"], 2, "no question named `nosuch`"),
    (["ask", "--set", "internet=moon"], 2, "`moon` is not an answer to `internet`"),
    (["ask", "--priority", "nosuch"], 2, "--priority nosuch: not a priority"),
    (["ask", "--format", "yaml"], 2, "argument --format: invalid choice: 'yaml'"),
    (["ask", "--kb", "{tmp}"], 2, "found no options to choose between in {tmp}"),
    (["chat", "--kb", "{tmp}"], 2, "found no options to choose between in {tmp}"),
    (["diagram", "--option", "nosuch"], 2, "no option named `nosuch`"),
    (["diagram", "--set", "nodes=abc"], 2, "is not a number for `nodes`"),
    (["diagram", "--kind", "nosuch"], 2, "argument --kind: invalid choice"),
    (["diagram", "-o", "{tmp}/missing-folder/d.svg"], 2, "does not exist"),
    (["diagram", "-o", "{tmp}/d.weird"], 2, "cannot tell the diagram format"),
    (["html"], 2, "the following arguments are required: -o/--output"),
    (["html", "-o", "{tmp}/file.txt"], 2, "cannot write into `{tmp}/file.txt`"),
    (["html", "-o", "{tmp}/h", "--max-states", "-5"], 2, "--max-states must be at least 1"),
    (["html", "-o", "{tmp}/h", "--max-states", "abc"], 2, "invalid int value: 'abc'"),
    (["html", "-o", "{tmp}/h", "--priority", "nosuch"], 2, "--priority nosuch: not a priority"),
    (["html", "-o", "{tmp}/h", "--docs-base-url", "javascript:alert(1)"], 2, "is not an http(s) address"),
    (["lint", str(KB_FIXTURES / "lint-missing-page")], 1, ""),
    (["build", "--strict", str(KB_FIXTURES / "lint-missing-page")], 1, ""),
]


def _run(args: list[str], tmp: Path) -> subprocess.CompletedProcess[str]:
    argv = [a.replace("{tmp}", str(tmp)) for a in args]
    return subprocess.run([fingerpost_command(), *argv], capture_output=True, text=True, cwd=tmp, timeout=120,
                          stdin=subprocess.DEVNULL, env=_env(tmp))


def _env(tmp: Path) -> dict[str, str]:
    import os

    return {**os.environ, "XDG_CACHE_HOME": str(tmp / ".cache"), "XDG_STATE_HOME": str(tmp / ".state")}


def test_every_command_has_error_cases() -> None:
    covered = {args[0] for args, _, _ in CASES}
    assert set(COMMANDS) <= covered


@pytest.mark.parametrize("args, code, fragment", CASES, ids=[" ".join(a) for a, _, _ in CASES])
def test_expected_errors_are_one_clear_line(args: list[str], code: int, fragment: str, tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("not a folder")
    r = _run(args, tmp_path)
    assert code in EXIT_CODES
    assert r.returncode == code, (r.returncode, r.stderr)
    assert "Traceback" not in r.stderr + r.stdout
    if code == 2:
        lines = [line for line in r.stderr.splitlines() if line.strip()]
        assert len(lines) == 1, r.stderr
        assert lines[0].startswith("fingerpost") and ": error: " in lines[0]
        assert fragment.replace("{tmp}", str(tmp_path)) in lines[0]
        assert " — " in lines[0], "the message says what to do"
        assert r.stdout == ""


def test_exit_codes_are_documented_in_the_help_and_readme() -> None:
    r = subprocess.run([fingerpost_command(), "--help"], capture_output=True, text=True, timeout=60)
    helptext = " ".join(r.stdout.split())
    for code, meaning in EXIT_CODES.items():
        assert f"{code} {' '.join(meaning.split())}" in helptext
    readme = (REPO / "docs" / "reliability.md").read_text()
    for code in EXIT_CODES:
        assert f"| {code} |" in readme


def test_an_interrupt_is_one_line_and_exit_130(tmp_path: Path) -> None:
    import signal
    import time

    proc = subprocess.Popen([fingerpost_command(), "chat", "--session", str(tmp_path / "s.json")], env=_env(tmp_path),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    while "?" not in proc.stdout.readline() and time.monotonic() < deadline:  # wait for the first question
        pass
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and 130 in EXIT_CODES
    assert err.splitlines() == ["fingerpost: interrupted"]
