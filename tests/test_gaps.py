"""The questions the docs miss: kept locally by `ask` and the chat, listed by `fingerpost gaps`."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLE_PACK, fingerpost_command

from fingerpost.sessions.gaps import NOTICE, Gap, first_notice, group, read_gaps, record

PACK = str(EXAMPLE_PACK)


def _env(tmp: Path, **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "FINGERPOST_NO_RECORD"}
    return {**env, "XDG_STATE_HOME": str(tmp / "state"), "XDG_CACHE_HOME": str(tmp / "cache"), **more}


def _fp(tmp: Path, *args: str, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([fingerpost_command(), *args], capture_output=True, text=True, timeout=120, input=stdin,
                          env=_env(tmp, **env), cwd=tmp)


def _records(tmp: Path) -> list[dict]:
    path = tmp / "state" / "fingerpost" / "gaps" / "gaps.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def test_ask_records_each_kind_of_gap(tmp_path: Path) -> None:
    _fp(tmp_path, "ask", "--kb", PACK, "does it run on a raspberry pi?")
    _fp(tmp_path, "ask", "--kb", PACK, "we have flurbo gizmos and 3 nodes")
    _fp(tmp_path, "ask", "--kb", PACK, "--set", "nodes=1", "--set", "write_scaling=yes")
    _fp(tmp_path, "ask", "--kb", PACK, "how many nodes does a cluster need?")  # the docs say: nothing kept
    kinds = [(r["kind"], r["decision"]) for r in _records(tmp_path)]
    assert kinds == [("not-said", "replication"), ("not-understood", "replication"), ("no-fit", "replication")]
    said, words, nofit = _records(tmp_path)
    assert said["text"] == "does it run on a raspberry pi?"
    assert words["words"] == ["flurbo", "gizmos"] and words["sections"]
    assert nofit["facts"] == {"nodes": 1, "write_scaling": True} and ":" in nofit["sections"][0]["source"]


def test_the_chat_records_what_it_could_not_answer(tmp_path: Path) -> None:
    r = _fp(tmp_path, "chat", "--kb", PACK, stdin="what colour is the primary server?\nsnorkel wibble\nquit\n")
    assert r.returncode == 0, r.stderr
    assert [x["kind"] for x in _records(tmp_path)] == ["not-said", "not-understood"]
    assert _records(tmp_path)[1]["words"] == ["snorkel", "wibble"]


@pytest.mark.parametrize("how", ["flag", "env"])
def test_recording_is_off_with_the_flag_or_the_environment(tmp_path: Path, how: str) -> None:
    flag = ["--no-record"] if how == "flag" else []
    env = {"FINGERPOST_NO_RECORD": "1"} if how == "env" else {}
    _fp(tmp_path, "ask", *flag, "--kb", PACK, "does it run on a raspberry pi?", **env)
    _fp(tmp_path, "chat", *flag, "--kb", PACK, stdin="snorkel wibble\nquit\n", **env)
    assert _records(tmp_path) == []
    assert not (tmp_path / "state" / "fingerpost" / "gaps").exists()


def test_an_empty_record_says_so(tmp_path: Path) -> None:
    md = _fp(tmp_path, "gaps")
    assert md.returncode == 0 and md.stdout == "# Questions the docs miss\n\nNothing recorded.\n"
    doc = json.loads(_fp(tmp_path, "gaps", "--format", "json").stdout)
    assert doc["records"] == 0 and doc["groups"] == []


def _gap(text: str, kind: str = "not-said", time: str = "2025-03-01T10:00:00+00:00", **more) -> Gap:
    return Gap(time, kind, text, "replication", **more)


def test_alike_questions_are_grouped_and_counted(tmp_path: Path) -> None:
    folder = tmp_path / "gaps"
    sections = ({"title": "Hardware", "source": "setups.md:10"},)
    for g in [_gap("does it run on a raspberry pi?", sections=sections), _gap("Does it run on a Raspberry Pi 4"),
              _gap("can it run on raspberry pi hardware?", sections=sections), _gap("is there a windows installer?"),
              _gap("snorkel", "not-understood", words=("snorkel",)),
              _gap("we use snorkel", "not-understood", words=("snorkel",))]:
        assert record(g, folder)
    groups = group(read_gaps(folder))
    assert [(g.kind, g.count) for g in groups] == [("not-said", 3), ("not-understood", 2), ("not-said", 1)]
    assert groups[0].sections == ({"title": "Hardware", "source": "setups.md:10"},)
    assert groups[1].words == ("snorkel",)


def test_gaps_lists_groups_since_a_date(tmp_path: Path) -> None:
    folder = tmp_path / "state" / "fingerpost" / "gaps"
    record(_gap("does it run on a raspberry pi?", time="2025-01-01T00:00:00+00:00"), folder)
    record(_gap("does it run on arm?", time="2025-06-01T00:00:00+00:00"), folder)
    record(_gap("does it run on arm chips?", time="2025-06-02T00:00:00+00:00"), folder)
    md = _fp(tmp_path, "gaps").stdout
    assert "3 records, in 2 groups." in md and "| 2 | the docs do not say (replication) |" in md
    doc = json.loads(_fp(tmp_path, "gaps", "--since", "2025-05-01", "--format", "json").stdout)
    assert doc["records"] == 2 and [g["count"] for g in doc["groups"]] == [2]
    assert doc["groups"][0]["first"].startswith("2025-06-01")


def test_a_damaged_line_is_skipped(tmp_path: Path) -> None:
    record(_gap("does it run on arm?"), tmp_path)
    with open(tmp_path / "gaps.jsonl", "a", encoding="utf-8") as f:
        f.write('{"time": "2025-03-01T10:00:00+00:00", "kind": "not-sa')  # a write cut short
    record(_gap("does it run on arm chips?"), tmp_path)
    assert [g.text for g in read_gaps(tmp_path)] == ["does it run on arm?"]  # the cut line swallowed the next


def _writer(folder: str, n: int, who: int) -> None:
    for i in range(n):
        record(_gap(f"question {who}-{i} " + "x" * 500), Path(folder))


def test_chats_appending_at_once_never_interleave(tmp_path: Path) -> None:
    procs = [multiprocessing.get_context("fork").Process(target=_writer, args=(str(tmp_path), 200, w)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    lines = (tmp_path / "gaps.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 800 and all(json.loads(line)["kind"] == "not-said" for line in lines)


def test_the_chat_says_once_that_it_keeps_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FINGERPOST_NO_RECORD", raising=False)
    first = first_notice(tmp_path)
    assert first == NOTICE.format(where=tmp_path) and "FINGERPOST_NO_RECORD=1" in first and "--no-record" in first
    assert first_notice(tmp_path) == ""
    monkeypatch.setenv("FINGERPOST_NO_RECORD", "1")
    assert first_notice(tmp_path / "other") == ""
