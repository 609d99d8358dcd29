"""Pathological pages and a way to run a command under time and memory limits.

Shared by tests/test_reliability_pathological.py (small scale) and bench/pathological.py (full scale).

    >>> [c.name for c in cases(1)][:3]
    ['ten-mb-line', 'nul-bytes', 'invalid-utf8']
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Case", "cases", "Limited", "run_limited"]

MiB = 1024 * 1024


@dataclass(frozen=True)
class Case:
    """One pathological page and what lint must say about it."""

    name: str
    """File stem; the page is written as `<name>.md`."""
    data: bytes
    """The page's bytes."""
    expect: str
    """A fragment lint must print for this page (`<name>.md:LINE:` and a code), or '' for nothing."""


def cases(scale: float = 1.0) -> list[Case]:
    """Every case; `scale` grows the ones whose cost depends on size (1 = what the tests use)."""
    n = lambda base: max(1, int(base * scale))  # noqa: E731
    fence = b"```\n" + (b"x" * 99 + b"\n") * 20_000 + b"```\n"  # 2 MB that is cheap to parse
    return [
        Case("ten-mb-line", b"# Long\n" + b"a" * 10_000_000 + b"\n", "ten-mb-line.md:2:1: warning: line is 10,000,000 characters long; only the first 100,000 were read — break"),
        Case("nul-bytes", b"# Nul\n\nok\n" + b"\x00" * n(100_000), "nul-bytes.md:4:1: warning: the file contains NUL"),
        Case("invalid-utf8", b"# Bad\n\nok\n\xff\xfe\x80 " * n(1000), "invalid-utf8.md:4:1: warning: the file is not valid UTF-8"),
        Case("crlf-bom", b"\xef\xbb\xbf---\r\ntitle: Crlf\r\n---\r\n# H\r\n\r\n[x](nowhere.md)\r\n",
             "crlf-bom.md:6:5: error: links to a page that does not exist: nowhere.md"),
        Case("empty", b"", ""),
        Case("blank", b" \n\n\t\n" * 1000, ""),
        Case("over-budget", fence * 5, "over-budget.md:10001:1: warning: the page is longer than 1,000,000 characters"),
        Case("deep-quote", b"> " * n(50_000) + b"x\n", ""),
        Case("deep-list", b"- " * n(50_000) + b"x\n", ""),
        Case("deep-indent-list", b"".join(b"  " * i + b"- x\n" for i in range(n(300))), ""),
        Case("deep-html", b"<div>" * n(50_000) + b"\n", ""),
        Case("long-emphasis", (b"*a_" * n(10_000) + b"\n") * 2 + b"_" * 99_000 + b"\n", ""),
        Case("bracket-run", b"[" * 99_000 + b"\n\n" + b"[a\n" * n(5_000) + b"\n" + b"![x](" * n(5_000) + b"\n", ""),
        Case("backtick-run", b"`" * 99_000 + b"\n\n" + b"`a``b```c" * n(10_000) + b"\n", ""),
        Case("huge-table", b"| a | b | c |\n|---|---|---|\n" + b"| x | [y](index.md) | *z* |\n" * n(5_000), ""),
        Case("wide-table", b"|" + b"h|" * n(5_000) + b"\n|" + b"-|" * n(5_000) + b"\n" + (b"|" + b"c|" * n(5_000) + b"\n") * 5,
             ""),
        Case("many-headings", b"## Same\n\ntext\n\n" * n(10_000), ""),
        Case("deep-yaml", b"# Y\n\n```fingerpost\na: " + b"[" * 50_000 + b"\n```\n",
             "deep-yaml.md:4:1: error: YAML is nested too deeply — flatten its lists and mappings"),
        Case("huge-yaml", b"# Y\n\n```fingerpost\noption: big\nitems:\n" + (b"  - " + b"y" * 1000 + b"\n") * 300 + b"```\n",
             "huge-yaml.md:4:1: error: YAML block is larger than 256 KiB — split it into smaller blocks"),
        Case("deep-expression", b"# E\n\n```fingerpost\noption: o\ntitle: O\nrequires: \"" + b"(" * 5000 + b"a\"\n```\n",
             "deep-expression.md:6:1: error: the expression nests more than 100 levels"),
    ]


@dataclass(frozen=True)
class Limited:
    """What a command run under limits did."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    """Wall-clock time."""
    peak_mib: float
    """Peak resident memory of the child (from wait4's rusage)."""


def run_limited(args: list[str], *, seconds: float, memory_mib: int, cwd: Path | None = None) -> Limited:
    """Run `args` with an address-space limit and a CPU-time limit; killed after `seconds` of wall time."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_mib * MiB, memory_mib * MiB))
        cpu = int(seconds) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=cwd, preexec_fn=limit)
        timer = threading.Timer(seconds, lambda: os.kill(proc.pid, signal.SIGKILL))
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        took = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return Limited(proc.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                       took, usage.ru_maxrss / 1024)
