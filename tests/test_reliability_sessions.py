"""A piped chat killed with SIGKILL at random points always resumes with every answer it acknowledged.

Each trial starts `fingerpost chat --session FILE` with a script of answers on a pipe and kills it
either after a random delay or a random few milliseconds after the k-th answer was acknowledged
(so some kills land while the session is being written). Whatever the chat printed as
"Understood: …" before it died must be in the saved file; the file is never torn; resuming
with the real command lists every such answer. tests/test_chat_tmux.py does the same in a
terminal for three fixed points.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
from conftest import fingerpost_command

from fingerpost.sessions.session import load, open_session

TRIALS = 60
SCRIPT = [
    ("for production", "purpose", "use case: Production"),
    ("3 nodes", "nodes", "node count: 3"),
    ("rancher 2.4.8", "rancher_version", "rancher release: 2.4.8"),
    ("why", "", ""),
    ("k3s", "distro", "kubernetes distribution: K3s"),
    ("behind a proxy", "internet", "network access: Behind an HTTP proxy"),
]


def _env(tmp: Path) -> dict[str, str]:
    return {**os.environ, "XDG_CACHE_HOME": str(tmp / "cache"), "XDG_STATE_HOME": str(tmp / "state")}


def _kill_somewhere(path: Path, tmp: Path, rng: random.Random) -> str:
    """Run the scripted chat and SIGKILL it at a random point; returns what it printed."""
    proc = subprocess.Popen([fingerpost_command(), "chat", "--session", str(path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=_env(tmp), text=True)
    seen: list[str] = []
    acks = threading.Semaphore(0)

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            seen.append(line)
            if line.startswith("Understood:"):
                acks.release()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert proc.stdin is not None
    proc.stdin.write("".join(f"{said}\n" for said, _, _ in SCRIPT))
    proc.stdin.flush()
    if rng.random() < 0.5:
        time.sleep(rng.uniform(0.0, 1.5))  # anywhere: starting up, mid-turn, idle
    else:
        for _ in range(rng.randint(0, len([s for s in SCRIPT if s[1]]) - 1)):
            if not acks.acquire(timeout=30):
                break
        time.sleep(rng.uniform(0.0, 0.02))  # just after an answer: often while the next one is saved
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    reader.join(timeout=30)
    return "".join(seen)


@pytest.mark.slow
def test_sigkill_at_random_points_never_loses_an_acknowledged_answer(tmp_path: Path) -> None:
    rng = random.Random(20240917)
    acknowledged_total = 0
    for trial in range(TRIALS):
        path = tmp_path / f"trial-{trial}.json"
        printed = _kill_somewhere(path, tmp_path, rng)
        acked = {q for _, q, shown in SCRIPT if q and f"Understood: {shown}" in printed}
        acknowledged_total += len(acked)
        if not path.exists():
            assert not acked, (trial, printed)
            continue
        saved = load(path)  # never torn: a SessionError here fails the test
        assert acked <= {f.question for f in saved.entries()}, (trial, acked, printed[-500:])
        session, where, notices, lock = open_session(saved.kb_id, str(path), resume=True)
        assert where == path and notices == [] and session.entries() == saved.entries()
        assert lock.held  # the killed chat's lock went with it
        lock.release()
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(f".{path.name}.")]
        assert len(leftovers) <= 1, leftovers  # at most the temporary file of the write that was cut
    assert acknowledged_total >= TRIALS, "the kills were spread over the conversation, not all at the start"


@pytest.mark.slow
def test_resume_with_the_command_lists_every_answer_after_a_kill(tmp_path: Path) -> None:
    rng = random.Random(7)
    for trial in range(3):
        path = tmp_path / f"resume-{trial}.json"
        printed = _kill_somewhere(path, tmp_path, rng)
        shown = [s for _, q, s in SCRIPT if q and f"Understood: {s}" in printed]
        r = subprocess.run([fingerpost_command(), "chat", "--resume", "--session", str(path)], input="facts\nquit\n",
                           capture_output=True, text=True, timeout=120, env=_env(tmp_path))
        assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
        known = r.stdout.split("What I know so far:")[-1] if shown else ""
        for s in shown:
            assert s in known, (s, r.stdout[-1500:])
