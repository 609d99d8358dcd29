"""Sessions: steps, undo, atomic saving, resuming, and never writing over a file that cannot be read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fingerpost.engine.facts import Fact
from fingerpost.kb.errors import SessionError
from fingerpost.kb.values import Version

from fingerpost.sessions.session import (
    Session,
    free_path,
    from_json,
    kb_id_for,
    load,
    open_session,
    save,
    session_path,
    state_dir,
    to_json,
)


@pytest.fixture(autouse=True)
def _state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state"


def _sample() -> Session:
    s = Session("demo-1234")
    s = s.step([Fact("purpose", "production", "stated", "for production")], said="for production", reply="ok")
    s = s.step([Fact("nodes", 2, "stated", "2 nodes"), Fact("internet", "airgap", "stated", "air-gapped")],
               said="air-gapped with 2 nodes", reply="ok")
    s = s.step([Fact("rancher_version", Version((2, 4, 8)), "set", "rancher_version=2.4.8")], priorities=["cost"])
    return s.step([Fact("grow_to_ha", True, "set"), Fact("ratio", 0.5, "set"), Fact("nodes", None, "set")])


def test_state_dir_follows_xdg_and_defaults_to_local_state(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert state_dir() == tmp_path / "state" / "fingerpost"
    monkeypatch.delenv("XDG_STATE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert state_dir() == tmp_path / "home" / ".local" / "state" / "fingerpost"
    assert session_path("abc") == tmp_path / "home" / ".local" / "state" / "fingerpost" / "sessions" / "abc.json"


def test_round_trip_keeps_types_steps_priorities_and_transcript(tmp_path: Path) -> None:
    s = _sample()
    path = tmp_path / "s.json"
    save(s, path)
    back = load(path)
    assert back == s
    values = {f.question: f.value for f in back.entries()}
    assert isinstance(values["rancher_version"], Version) and values["grow_to_ha"] is True
    assert back.priorities() == ("cost",)
    assert [t.said for t in back.transcript] == ["for production", "air-gapped with 2 nodes"]
    assert from_json(json.loads(json.dumps(to_json(s)))) == s


def test_back_undoes_a_whole_turn_and_restart_forgets_all() -> None:
    s = _sample()
    s = s.back().back()  # the last step and the version/priority step
    assert [f.question for f in s.entries()] == ["purpose", "nodes", "internet"]
    assert s.priorities() == ()
    s = s.back()
    assert [f.question for f in s.entries()] == ["purpose"]
    assert s.restart().entries() == [] and len(s.restart().transcript) == 2
    assert Session("x").back() == Session("x")


def test_a_turn_without_facts_adds_no_step() -> None:
    s = Session("x").said("help", "…")
    assert s.steps == () and len(s.transcript) == 1


def test_save_is_atomic_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "s.json"
    save(Session("x"), path)
    save(_sample(), path)
    assert load(path) == _sample()
    assert sorted(p.name for p in path.parent.iterdir()) == ["s.json"]


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe\x00garbage", b"[]", b'{"format": 99}',
                                     b'{"format": 1, "kb": "x", "steps": [{"facts": [{"value": 1}]}]}'])
def test_unreadable_session_is_reported_with_its_path(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(SessionError) as err:
        load(path)
    assert str(path) in str(err.value) and "kept" in str(err.value)


def test_resume_of_a_corrupt_file_starts_fresh_and_never_writes_over_it() -> None:
    path = session_path("kb-1")
    path.parent.mkdir(parents=True)
    path.write_bytes(b'{"format": 1, "kb": "kb-1", "steps": [')
    session, where, notices, lock = open_session("kb-1", resume=True)
    lock.release()
    assert session.entries() == [] and where != path and where.name == "kb-1-2.json"
    assert any(str(path) in n and "not valid JSON" in n for n in notices)
    assert any(str(where) in n for n in notices)
    save(session.step([Fact("nodes", 3)]), where)
    assert path.read_bytes() == b'{"format": 1, "kb": "kb-1", "steps": ['
    # the next resume finds the good session beside the broken one, and still keeps the broken one
    again, where2, notices2, _ = open_session("kb-1", resume=True)
    assert where2 == where and again.entries() == [Fact("nodes", 3)]
    assert path.exists()


def test_resume_of_a_folder_in_the_way_is_an_error_message_not_a_crash() -> None:
    path = session_path("kb-2")
    path.mkdir(parents=True)
    session, where, notices, _ = open_session("kb-2", resume=True)
    assert session.entries() == [] and where != path and notices and path.is_dir()


def test_fresh_start_keeps_the_previous_session() -> None:
    path = session_path("kb-3")
    save(_sample(), path)
    session, where, notices, _ = open_session("kb-3", resume=False)
    assert where == path and session.entries() == []
    kept = path.with_name("kb-3.previous.json")
    assert load(kept) == _sample() and any("previous" in n for n in notices)


def test_fresh_start_beside_a_corrupt_file_writes_elsewhere() -> None:
    path = session_path("kb-4")
    path.parent.mkdir(parents=True)
    path.write_text("garbage")
    _, where, notices, _ = open_session("kb-4")
    assert where != path and path.read_text() == "garbage" and len(notices) == 2


def test_resume_without_a_saved_session_says_so() -> None:
    session, where, notices, _ = open_session("kb-5", resume=True)
    assert session.entries() == [] and where == session_path("kb-5") and "no saved session" in notices[0]


def test_named_sessions_and_paths(tmp_path: Path) -> None:
    assert session_path("kb", "staging").name == "staging.json"
    assert session_path("kb", str(tmp_path / "x.json")) == tmp_path / "x.json"
    assert session_path("kb", "my session!") == state_dir() / "sessions" / "my-session.json"
    p = tmp_path / "f.json"
    assert free_path(p) == p
    p.write_text("{}")
    assert free_path(p) == tmp_path / "f-2.json"


def test_kb_id_is_stable_and_depends_on_the_folder(tmp_path: Path) -> None:
    a = kb_id_for("install-rancher", str(tmp_path / "a"))
    assert a == kb_id_for("install-rancher", str(tmp_path / "a"))
    assert a != kb_id_for("install-rancher", str(tmp_path / "b"))
    assert kb_id_for("install-rancher", "/anywhere", embedded=True) == kb_id_for("install-rancher", "/else", True)
    assert kb_id_for("", str(tmp_path / "my docs")).startswith("my-docs-")


def test_a_crash_while_saving_leaves_the_previous_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import fingerpost.sessions.session as session_module

    path = tmp_path / "s.json"
    save(_sample(), path)
    before = path.read_bytes()

    def crash(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(session_module.os, "replace", crash)
    with pytest.raises(OSError):
        save(Session("other"), path)
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["s.json"]
