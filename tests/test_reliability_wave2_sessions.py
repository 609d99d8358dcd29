"""Second wave (issue #18), sessions and the chat's input: earlier sessions are never written over,
a state folder that cannot be written never loses the answers (or claims they were saved), and a
huge line is cut before prompt_toolkit (or the piped reader) holds it."""

from __future__ import annotations

import errno
import io
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import fingerpost_command
from fingerpost.engine.facts import Fact
from fingerpost.kb import compile_path
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

import fingerpost.sessions.session as session_module
from fingerpost.chat.conversation import Conversation
from fingerpost.chat.repl import MAX_LINE_CHARS, make_prompt_session, run_chat, run_piped
from fingerpost.sessions.session import Session, load, open_session, save, session_path


@pytest.fixture(scope="module")
def kb():  # noqa: ANN201
    return compile_path()


@pytest.fixture(autouse=True)
def _state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again


def _refuse_under(monkeypatch: pytest.MonkeyPatch, folder: Path, code: int = errno.EROFS) -> None:
    """Writes under `folder` fail as a read-only (EROFS) or full (ENOSPC) filesystem would refuse them."""
    real = session_module.write_atomic

    def write_atomic(path: Path, data: bytes, **kwargs: object) -> None:
        if Path(path).resolve().is_relative_to(folder.resolve()):
            raise OSError(code, os.strerror(code), str(path))
        real(path, data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(session_module, "write_atomic", write_atomic)


# ---- data loss 1: a fresh chat never writes over an earlier session ------------------------------
def _fresh(kb_id: str, facts: list[Fact]) -> tuple[Path, list[str]]:
    session, path, notices, lock = open_session(kb_id)
    with lock:
        save(session.step(facts, said="answer"), path)
    return path, notices


def test_three_fresh_chats_in_a_row_keep_every_earlier_session() -> None:
    path, _ = _fresh("kb", [Fact("nodes", 1)])
    _fresh("kb", [Fact("nodes", 2)])
    _, notices = _fresh("kb", [Fact("nodes", 3)])
    _, notices = _fresh("kb", [Fact("nodes", 4)])
    kept = {p.name: load(p).entries()[0].value for p in path.parent.glob("*.json")}
    assert kept == {"kb.json": 4, "kb.previous.json": 1, "kb.previous.2.json": 2, "kb.previous.3.json": 3}
    assert "kept in " + str(path.with_name("kb.previous.3.json")) in notices[0]
    assert "`load kb.previous.3`" in notices[0] and "--session kb.previous.3 --resume" in notices[0]


def test_an_older_session_is_reached_by_load_and_by_resume(kb) -> None:  # noqa: ANN001
    for value in ("production", "testing", "production"):
        session, path, _, lock = open_session("kb")
        with lock:
            save(session.step([Fact("purpose", value)], said=value), path)
    conv = Conversation(kb, Session("kb"), None)
    conv.greeting()
    assert "Loaded" in conv.handle("load kb.previous").plain() and conv.facts["purpose"] == "production"
    assert "Loaded" in conv.handle("load kb.previous.2").plain() and conv.facts["purpose"] == "testing"
    resumed, where, _, lock = open_session("kb", "kb.previous.2", resume=True)
    lock.release()
    assert where == session_path("kb", "kb.previous.2") and resumed.entries() == [Fact("purpose", "testing")]


def test_three_piped_chats_keep_the_first_ones_answers(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "HOME": str(tmp_path), "FINGERPOST_NO_RECORD": "1"}
    for script in ("production\n", "testing\n", "3 nodes\n"):
        r = subprocess.run([fingerpost_command(), "chat"], input=script, capture_output=True, text=True, env=env,
                           timeout=120, cwd=tmp_path)
        assert r.returncode == 0, r.stderr
    assert "previous one (1 answer) is kept in" in r.stdout
    folder = tmp_path / "state" / "fingerpost" / "sessions"
    first = next(p for p in folder.glob("*.previous.json"))
    r = subprocess.run([fingerpost_command(), "chat", "--session", first.stem, "--resume"], input="facts\n",
                       capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path)
    assert "use case: Production" in r.stdout, r.stdout  # the facts in words
    assert f"saved in {first}; `fingerpost chat --session {first.stem} --resume` continues it" in r.stdout
    assert len(list(folder.glob("*.previous*.json"))) == 2


def test_a_fresh_start_that_cannot_keep_the_previous_session_leaves_it_alone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = session_path("kb")
    save(Session("kb").step([Fact("nodes", 5)]), path)
    before = path.read_bytes()
    real = session_module.write_atomic

    def no_previous(target: Path, data: bytes, **kwargs: object) -> None:
        if ".previous" in Path(target).name:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(target, data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(session_module, "write_atomic", no_previous)
    session, where, notices, lock = open_session("kb")
    with lock:
        save(session.step([Fact("nodes", 1)]), where)
    assert where != path and path.read_bytes() == before
    assert any("cannot keep the previous session: No space left on device" in n and str(where) in n for n in notices)


# ---- data loss 2: a state folder that cannot be written ------------------------------------------
@pytest.mark.parametrize("code", [errno.EROFS, errno.ENOSPC])
def test_an_unwritable_state_folder_saves_to_the_temp_folder_and_says_so(kb, tmp_path: Path,  # noqa: ANN001
                                                                         monkeypatch: pytest.MonkeyPatch,
                                                                         code: int) -> None:
    state = tmp_path / "state"
    _refuse_under(monkeypatch, state, code)
    path = session_path("kb")
    conv = Conversation(kb, Session("kb"), path)
    conv.greeting()
    first = conv.handle("production").plain()
    second = conv.handle("3 nodes").plain()
    goodbye = conv.leave().plain()
    fallback = conv.saved_to()
    assert fallback is not None and fallback.is_relative_to(tmp_path / "tmp") and not path.exists()
    assert f"cannot save the session: {os.strerror(code)}" in first and f"saved to {fallback} instead" in first
    assert "cannot save" not in second
    assert str(path) not in goodbye and f"saved in {fallback}" in goodbye
    assert f"--session {fallback} --resume" in goodbye
    assert [f.question for f in load(fallback).entries()] == ["purpose", "nodes"]
    assert (fallback.parent.stat().st_mode & 0o777) == 0o700


def test_when_nothing_can_be_written_the_answers_are_printed_at_the_end(kb, tmp_path: Path,  # noqa: ANN001
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    _refuse_under(monkeypatch, tmp_path, errno.ENOSPC)
    conv = Conversation(kb, Session("kb"), session_path("kb"))
    out = io.StringIO()
    run_piped(conv, io.StringIO("production\n3 nodes\ninternet!=airgap\n"), out)
    text = out.getvalue()
    assert text.count("cannot save the session") == 1 and "nor in the temporary folder" in text
    assert "The session is saved" not in text and "--resume" not in text
    tail = text.split("could not be saved", 1)[1]
    assert "set purpose=production" in tail and "set nodes=3" in tail and "set internet!=airgap" in tail


def test_a_read_only_state_folder_in_the_installed_chat(tmp_path: Path) -> None:
    """A real read-only filesystem (a tmpfs remounted read-only; root ignores chmod)."""
    state = tmp_path / "state"
    state.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(state)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here (needs root); the monkeypatched tests above cover it")
    try:
        (state / "fingerpost" / "sessions").mkdir(parents=True)
        subprocess.run(["mount", "-o", "remount,ro", str(state)], check=True)
        env = {**os.environ, "XDG_STATE_HOME": str(state), "XDG_CACHE_HOME": str(tmp_path / "cache"),
               "HOME": str(tmp_path), "TMPDIR": str(tmp_path / "tmp"), "FINGERPOST_NO_RECORD": "1"}
        r = subprocess.run([fingerpost_command(), "chat"], input="production\n3 nodes\n", capture_output=True,
                           text=True, env=env, timeout=120, cwd=tmp_path)
        assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
        assert "Read-only file system" in r.stdout
        [fallback] = (tmp_path / "tmp").glob("fingerpost-session-*/*.json")
        assert f"The session is saved in {fallback}" in r.stdout
        assert [f.question for f in load(fallback).entries()] == ["purpose", "nodes"]
    finally:
        subprocess.run(["umount", str(state)], check=False)


# ---- the input cap -------------------------------------------------------------------------------
def test_a_huge_pasted_line_is_cut_in_the_terminal_chat(kb, tmp_path: Path) -> None:  # noqa: ANN001
    conv = Conversation(kb, Session("kb"), tmp_path / "s.json")
    shown: list[str] = []
    huge = "production " + "x" * 50_000  # the pipe holds 64 KiB until the session reads it
    with create_pipe_input() as inp:
        inp.send_text("\x1b[200~" + huge + "\x1b[201~\r")  # a bracketed paste: inserted in one go
        inp.send_text("y" * (MAX_LINE_CHARS + 500) + "\r")  # typed key by key
        inp.close()
        session = make_prompt_session(conv, input=inp, output=DummyOutput())
        run_chat(conv, session=session, show=lambda t: shown.append(t.plain()))
    said = [t.said for t in load(tmp_path / "s.json").transcript]
    assert [len(s) for s in said] == [MAX_LINE_CHARS, MAX_LINE_CHARS] and said[0].startswith("production x")
    assert sum("cut to its first 4,096 characters" in s for s in shown) == 2
    assert conv.facts["purpose"] == "production"


def test_a_huge_piped_line_is_cut_and_never_held_whole(kb, tmp_path: Path) -> None:  # noqa: ANN001
    class Lines(io.StringIO):
        biggest = 0

        def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
            line = super().readline(size)
            Lines.biggest = max(Lines.biggest, len(line))
            return line

    conv = Conversation(kb, Session("kb"), tmp_path / "s.json")
    out = io.StringIO()
    run_piped(conv, Lines("production " + "x" * 1_000_000 + "\n3 nodes\n" + "z" * MAX_LINE_CHARS + "\n"), out)
    said = [t.said for t in load(tmp_path / "s.json").transcript]
    assert [len(s) for s in said[:1]] == [MAX_LINE_CHARS] and said[1] == "3 nodes"
    assert len(said[2]) == MAX_LINE_CHARS and out.getvalue().count("cut to its first") == 1
    assert Lines.biggest <= 65_536 and conv.facts["nodes"] == 3


@pytest.fixture()
def term(tmp_path: Path) -> Iterator[object]:
    from conftest import require_program
    from test_chat_tmux import Terminal

    t = Terminal(require_program("tmux"), tmp_path)
    yield t
    t.close()


@pytest.mark.tmux
def test_100_kb_typed_into_the_terminal_chat_stays_small(term) -> None:  # noqa: ANN001
    term.start("chat", env={"FINGERPOST_NO_RECORD": "1"})
    term.wait_for("How")
    chunk = "w" * 10_000
    for _ in range(10):
        term._run("send-keys", "-t", "chat", "-l", chunk)
    term.send("")
    term.wait_for("cut to its first 4,096 characters")
    rss = _tree_rss_kib(term.pid())
    assert rss < 400 * 1024, f"{rss} KiB"
    term.say("quit", "Goodbye.")


def _tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and its children (the pane runs a shell or the command itself)."""
    total = 0
    for p in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def _children(pid: int) -> list[int]:
    try:
        kids = [int(k) for k in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
    return kids + [g for k in kids for g in _children(k)]


def test_a_piped_chat_says_once_that_questions_are_recorded(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "HOME": str(tmp_path)}
    env.pop("FINGERPOST_NO_RECORD", None)
    runs = [subprocess.run([fingerpost_command(), "chat"], input="production\n", capture_output=True, text=True,
                           env=env, timeout=120, cwd=tmp_path) for _ in range(2)]
    assert "FINGERPOST_NO_RECORD=1" in runs[0].stderr and "--no-record" in runs[0].stderr
    assert "FINGERPOST_NO_RECORD" not in runs[0].stdout and "FINGERPOST_NO_RECORD" not in runs[1].stderr
    off = subprocess.run([fingerpost_command(), "chat", "--no-record"], input="production\n", capture_output=True,
                         text=True, env={**env, "XDG_STATE_HOME": str(tmp_path / "other")}, timeout=120, cwd=tmp_path)
    assert "FINGERPOST_NO_RECORD" not in off.stderr
