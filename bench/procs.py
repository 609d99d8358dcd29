"""Run a command and measure it: wall time, and the peak memory of it and its child processes.

Memory is sampled from /proc every few milliseconds as the sum of PSS (proportional set size)
over the process tree, so pages that forked workers share with the parent count once; the
kernel's own figure for the largest single process (`ru_maxrss`) is reported next to it.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Run", "measure", "machine"]


@dataclass(frozen=True)
class Run:
    """One measured run of a command."""

    seconds: float
    """Wall time from start to exit."""
    peak_pss_mb: float
    """Highest sampled sum of PSS over the process and its descendants (0 where /proc is missing)."""
    max_rss_mb: float
    """Largest resident set of any single process in the tree, from the kernel."""
    cpu_seconds: float
    """User and system CPU time of the process and the children it waited for."""
    returncode: int
    stdout: str
    stderr: str


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                out += [int(x) for x in fh.read().split()]
    except OSError:
        pass
    return out


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree_pss_kb(pid: int) -> int:
    total, todo, seen = 0, [pid], set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        total += _pss_kb(p)
        todo += _children(p)
    return total


def measure(argv: Sequence[str], *, env: dict[str, str] | None = None, cwd: Path | None = None,
            interval: float = 0.02) -> Run:
    """Run `argv` to completion and measure it."""
    peak = [0]
    start = time.perf_counter()
    proc = subprocess.Popen(list(argv), env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_pss_kb(proc.pid))
            done.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out_chunks: list[str] = []
    err_chunks: list[str] = []
    readers = [threading.Thread(target=lambda s=s, b=b: b.append(s.read()), daemon=True)
               for s, b in ((proc.stdout, out_chunks), (proc.stderr, err_chunks))]
    for r in readers:
        r.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    for r in readers:
        r.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(seconds, peak[0] / 1024, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, proc.returncode,
               "".join(out_chunks), "".join(err_chunks))


def machine() -> dict[str, object]:
    """What the figures were measured on."""
    import platform

    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = int(Path("/proc/meminfo").read_text().split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        mem = 0
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 0
    return {"cpu": model, "cores": cores, "memory_mb": mem, "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}", "load_average": list(os.getloadavg())}
