"""Two chats on one session: the second never writes into the file the first holds.

Real processes hold the lock: piped `fingerpost chat` runs, or a small Python process that
claims a session and waits. Killing the holder with SIGKILL frees the session at once.
"""

from __future__ import annotations

import errno
import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, fingerpost_command
from fingerpost.engine.facts import Fact
from fingerpost.kb.errors import SessionError

import fingerpost.sessions.lock as sessionlock
from fingerpost.sessions.lock import Holder, SessionLock, claim, holder_of, lock_path
from fingerpost.sessions.session import Session, load, open_session, save, save_copy

STARTED: list[subprocess.Popen[str]] = []


@pytest.fixture(autouse=True)
def _state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    yield
    while STARTED:  # a failed test leaves no process behind
        proc = STARTED.pop()
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)


class Running:
    """A process started with a stdin pipe whose output lines are collected by a thread."""

    def __init__(self, argv: list[str]) -> None:
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, cwd=REPO)
        STARTED.append(self.proc)
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)  # the process closed its output

    def wait_for(self, text: str) -> str:
        while True:
            try:
                line = self.lines.get(timeout=60)
            except queue.Empty:
                pytest.fail(f"no line with {text!r} in 60 s; output {''.join(self.seen)[-800:]!r}")
            if line is None:  # it ended without saying it
                assert self.proc.stderr is not None
                err = self.proc.stderr.read()
                pytest.fail(f"no line with {text!r}; output {''.join(self.seen)[-800:]!r}, errors {err[-800:]!r}")
            self.seen.append(line)
            if text in line:
                return line

    def send(self, text: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(text)
        self.proc.stdin.flush()

    def kill(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)

    def finish(self) -> int:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        return self.proc.wait(timeout=60)


def chat_process(path: Path) -> Running:
    return Running([fingerpost_command(), "chat", "--session", str(path)])


def holder_process(path: Path) -> Running:
    """A process that claims `path` and holds it until killed."""
    code = ("import sys; from pathlib import Path; from fingerpost.sessions.lock import claim; "
            "lock = claim(Path(sys.argv[1])); print('held' if lock.held else 'not held', flush=True); sys.stdin.read()")
    proc = Running([sys.executable, "-c", code, str(path)])
    assert proc.wait_for("held").strip() == "held"
    return proc


def chat(path: Path, *args: str, script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([fingerpost_command(), "chat", "--session", str(path), *args], input=script,
                          capture_output=True, text=True, timeout=120)


def said(path: Path) -> list[str]:
    return [t.said for t in load(path).transcript]


def answers(path: Path) -> dict[str, object]:
    return {f.question: f.value for f in load(path).entries()}


# ---- two real chats ------------------------------------------------------------------------------
def test_a_second_chat_saves_beside_the_first_and_neither_loses_a_line(tmp_path: Path) -> None:
    path = tmp_path / "lab.json"
    first = chat_process(path)
    first.send("production\n")
    first.wait_for("Understood: use case: Production")
    second = chat(path, script=f"testing\n2 nodes\nsave {path}\nquit\n")
    beside = tmp_path / "lab-2.json"
    assert second.returncode == 0 and second.stderr == ""
    assert second.stdout.splitlines()[0] == (f"{path} is open in another fingerpost chat (pid {first.proc.pid}), "
                                             f"so this chat saves to {beside}.")
    assert f"{path}: error: this session is open in another fingerpost chat (pid {first.proc.pid})" in second.stdout
    first.send("3 nodes\nquit\n")
    assert first.finish() == 0
    assert said(path) == ["production", "3 nodes", "quit"]
    assert answers(path) == {"purpose": "production", "nodes": 3}
    assert said(beside) == ["testing", "2 nodes", f"save {path}", "quit"]
    assert answers(beside) == {"purpose": "testing", "nodes": 2}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lab-2.json", "lab.json"]  # no lock file left


def test_resume_is_refused_while_another_chat_holds_it_and_works_after_a_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "lab.json"
    first = chat_process(path)
    first.send("production\n")
    first.wait_for("Understood: use case: Production")
    before = path.read_bytes()
    refused = chat(path, "--resume", script="3 nodes\n")
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr == (f"fingerpost: {path}: error: this session is open in another fingerpost chat "
                              f"(pid {first.proc.pid}) — continue it there, or quit that chat and resume again; "
                              "without --resume a new session starts beside it\n")
    assert path.read_bytes() == before and not (tmp_path / "lab-2.json").exists()
    first.kill()
    assert lock_path(path).exists()  # left behind by the killed chat, but no longer locked
    resumed = chat(path, "--resume", script="3 nodes\nfacts\n")
    assert resumed.returncode == 0 and "another fingerpost chat" not in resumed.stdout + resumed.stderr
    assert "use case: Production" in resumed.stdout.split("What I know so far:")[-1]
    assert answers(path) == {"purpose": "production", "nodes": 3}
    assert said(path) == ["production", "3 nodes", "facts"]
    assert not lock_path(path).exists()


# ---- the API, with a real process holding the lock ------------------------------------------------
def test_open_session_beside_a_live_holder_and_after_it_is_killed(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    save(Session("kb").step([Fact("nodes", 3)], said="3 nodes"), path)
    before = path.read_bytes()
    holder = holder_process(path)
    session, where, notices, lock = open_session("kb", str(path))
    with lock:
        assert where == tmp_path / "s-2.json" and session.entries() == [] and lock.held
        assert notices == [f"{path} is open in another fingerpost chat (pid {holder.proc.pid}), so this chat "
                           f"saves to {where}."]
        assert not path.with_name("s.previous.json").exists()  # the held session is not touched at all
    with pytest.raises(SessionError, match=rf"pid {holder.proc.pid}\) — continue it there"):
        open_session("kb", str(path), resume=True)
    with pytest.raises(SessionError, match="choose another name; nothing was written"):
        save_copy(Session("kb").step([Fact("nodes", 1)]), path)
    assert holder_of(path) == Holder(holder.proc.pid)
    assert path.read_bytes() == before
    holder.kill()
    assert holder_of(path) is None
    session, where, notices, lock = open_session("kb", str(path), resume=True)
    with lock:
        assert where == path and notices == [] and session.entries() == [Fact("nodes", 3)] and lock.held


def test_a_chat_holds_its_lock_until_it_ends_and_removes_it(tmp_path: Path) -> None:
    path = tmp_path / "lab.json"
    first = chat_process(path)
    first.wait_for("What will this Rancher installation be used for?")
    assert holder_of(path) == Holder(first.proc.pid)  # held from the start, before anything is saved
    assert first.finish() == 0
    assert holder_of(path) is None and not lock_path(path).exists()


# ---- in one process: each open file is its own holder ----------------------------------------------
def test_a_fresh_start_skips_every_held_name(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    with claim(path) as a, claim(tmp_path / "s-2.json") as b:  # s-2 is held but not saved yet
        assert isinstance(a, SessionLock) and isinstance(b, SessionLock) and a.held and b.held
        _, where, notices, lock = open_session("kb", str(path))
        with lock:
            assert where == tmp_path / "s-3.json" and f"saves to {where}" in notices[0]


def test_the_previous_session_is_kept_beside_a_held_previous_file(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    save(Session("kb").step([Fact("nodes", 3)]), path)
    previous = tmp_path / "s.previous.json"
    save(Session("kb").step([Fact("nodes", 5)]), previous)
    with claim(previous):
        _, where, notices, lock = open_session("kb", str(path))
        lock.release()
    kept = tmp_path / "s.previous.2.json"
    assert where == path and f"kept in {kept}" in notices[0]
    assert load(kept).entries() == [Fact("nodes", 3)] and load(previous).entries() == [Fact("nodes", 5)]


def test_save_copy_writes_the_file_this_chat_holds(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    with claim(path):
        save_copy(Session("kb").step([Fact("nodes", 4)]), path, current=path)
    assert load(path).entries() == [Fact("nodes", 4)]


def test_a_lock_file_replaced_while_locking_is_locked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A holder removing its lock file while we open it: we must not lock a file no longer at that name."""
    path = tmp_path / "s.json"
    real_flock = sessionlock.fcntl.flock
    calls: list[int] = []

    def flock_after_replacement(fd: int, op: int) -> None:
        if not calls:  # the first open file is unlinked and a new one takes its name before we lock
            os.unlink(lock_path(path))
            lock_path(path).write_text("")
        calls.append(fd)
        real_flock(fd, op)

    monkeypatch.setattr(sessionlock.fcntl, "flock", flock_after_replacement)
    with claim(path) as lock:
        assert isinstance(lock, SessionLock) and lock.held and len(calls) == 2
        assert lock_path(path).read_text() == f"{os.getpid()}\n"
        monkeypatch.setattr(sessionlock.fcntl, "flock", real_flock)
        assert holder_of(path) == Holder(os.getpid())


# ---- where locking is not possible ------------------------------------------------------------------
def test_without_fcntl_the_chat_works_unlocked_and_quietly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sessionlock, "fcntl", None)
    path = tmp_path / "s.json"
    _, where, notices, lock = open_session("kb", str(path))
    assert where == path and notices == [] and not lock.held and not lock_path(path).exists()
    lock.release()  # nothing to do, and no error


def test_a_filesystem_that_refuses_locks_is_said_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(fd: int, op: int) -> None:
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))

    monkeypatch.setattr(sessionlock.fcntl, "flock", refuse)
    path = tmp_path / "s.json"
    session, where, notices, lock = open_session("kb", str(path))
    assert where == path and not lock.held
    assert notices == [f"{tmp_path} cannot be locked ({os.strerror(errno.ENOLCK)}), so another chat on this "
                       "session could overwrite it."]
    save(session.step([Fact("nodes", 3)]), where)  # saving still works
    assert load(where).entries() == [Fact("nodes", 3)]


def test_a_folder_that_cannot_be_written_is_left_to_saving_to_report(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    lock = claim(blocker / "s.json")  # its folder is a file: nothing can be created there
    assert isinstance(lock, SessionLock) and not lock.held and lock.note == ""
