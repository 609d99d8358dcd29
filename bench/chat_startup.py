"""Time from starting `fingerpost chat` to its first prompt, against importing its libraries; print JSON.

    python bench/chat_startup.py               # 7 runs of each, medians
    python bench/chat_startup.py --runs 11

Measured in the same run, on the same machine:

- `baseline`: `python -c "import prompt_toolkit, networkx"` — the floor for any chat built on them;
- `terminal_cold` / `terminal_warm`: the installed `fingerpost chat` on a pseudo-terminal (the full
  REPL: greeting, first question, bottom toolbar), timed until the prompt `›` is drawn, then killed.
  *Cold* starts with an empty build cache (`XDG_CACHE_HOME` in a fresh folder), so the Markdown is
  compiled; *warm* reuses the cache a previous run wrote;
- `piped_cold` / `piped_warm`: the same with stdin piped and `FINGERPOST_EXIT_AT_PROMPT=1`, which makes
  the chat exit as soon as the first prompt is printed (see fingerpost.chat.repl.FIRST_PROMPT_EXIT).

`ratio_*` = median / baseline median; the target is ratio_terminal_warm ≤ 1.5.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROMPT = "›".encode()


def _env(cache: Path, state: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FINGERPOST_EXIT_AT_PROMPT")}
    env.update(XDG_CACHE_HOME=str(cache), XDG_STATE_HOME=str(state), TERM="xterm-256color", COLUMNS="120",
               LINES="40", **extra)
    return env


def _baseline() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import prompt_toolkit, networkx"], check=True)
    return time.perf_counter() - start


def _terminal(cmd: list[str], env: dict[str, str], timeout: float = 60.0) -> float:
    """Seconds until the prompt shows on a pseudo-terminal."""
    master, slave = os.openpty()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    seen = b""
    try:
        while PROMPT not in seen:
            if time.perf_counter() - start > timeout:
                raise RuntimeError(f"no prompt after {timeout}s; output: {seen[-500:]!r}")
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    raise RuntimeError(f"the chat exited before its prompt; output: {seen[-500:]!r}") from None
        return time.perf_counter() - start
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)


def _piped(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    out = subprocess.run(cmd, input=b"", capture_output=True, env={**env, "FINGERPOST_EXIT_AT_PROMPT": "1"},
                         check=True, timeout=120).stdout
    took = time.perf_counter() - start
    if PROMPT not in out:
        raise RuntimeError(f"no prompt in the output: {out[-500:]!r}")
    return took


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--fingerpost", default=str(Path(sys.executable).parent / "fingerpost"))
    args = ap.parse_args()
    cmd = [args.fingerpost, "chat"]
    times: dict[str, list[float]] = {k: [] for k in
                                     ("baseline", "terminal_cold", "terminal_warm", "piped_cold", "piped_warm")}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        warm_cache = root / "warm-cache"
        _piped(cmd, _env(warm_cache, root / "state-prime"))  # fill the warm cache once
        for i in range(args.runs):  # interleaved, so drifts in machine load hit every series alike
            times["baseline"].append(_baseline())
            state = root / f"state-{i}"
            times["terminal_cold"].append(_terminal(cmd, _env(root / f"cold-t-{i}", state)))
            times["terminal_warm"].append(_terminal(cmd, _env(warm_cache, state)))
            times["piped_cold"].append(_piped(cmd, _env(root / f"cold-p-{i}", state)))
            times["piped_warm"].append(_piped(cmd, _env(warm_cache, state)))
    medians = {k: statistics.median(v) for k, v in times.items()}
    base = medians["baseline"]
    report = {
        "runs": args.runs,
        "median_seconds": {k: round(v, 4) for k, v in medians.items()},
        **{f"ratio_{k}": round(v / base, 3) for k, v in medians.items() if k != "baseline"},
        "target": "ratio_terminal_warm <= 1.5",
        "meets_target": medians["terminal_warm"] / base <= 1.5,
        "all_seconds": {k: [round(x, 4) for x in v] for k, v in times.items()},
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
