"""`fingerpost` / `fingerpost chat` as installed, with stdin piped: the default command, scripts,
resuming, named sessions, and a corrupt session file that is reported and kept."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from conftest import REPO, fingerpost_command

from fingerpost.sessions.session import load


def chat(tmp_path: Path, *args: str, script: str = "quit\n") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "HOME": str(tmp_path)}
    env.pop("NO_COLOR", None)
    return subprocess.run([fingerpost_command(), *args], input=script, capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120)


def sessions(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "state" / "fingerpost" / "sessions").glob("*.json"))


def test_no_command_starts_the_chat(tmp_path: Path) -> None:
    r = chat(tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("fingerpost — How to install the Rancher management server")
    assert "\x1b[" not in r.stdout  # piped output is plain text


def test_a_script_runs_line_by_line_and_resume_restores_it(tmp_path: Path) -> None:
    r = chat(tmp_path, "chat", script="production\n3 nodes\nwhy not docker\n")
    assert r.returncode == 0 and "› why not docker" in r.stdout and "ruled out" in r.stdout
    r = chat(tmp_path, "chat", "--resume", script="facts\n")
    assert "use case: Production" in r.stdout and "node count: 3" in r.stdout
    [saved] = sessions(tmp_path)
    assert [t.said for t in load(saved).transcript] == ["production", "3 nodes", "why not docker", "facts"]


def test_a_fresh_start_keeps_the_previous_session(tmp_path: Path) -> None:
    chat(tmp_path, script="production\n")
    r = chat(tmp_path, script="testing\n")
    assert "previous one (1 answer) is kept" in r.stdout
    names = [p.name for p in sessions(tmp_path)]
    assert len(names) == 2 and any(n.endswith(".previous.json") for n in names)


def test_named_session(tmp_path: Path) -> None:
    chat(tmp_path, "chat", "--session", "lab", script="testing\n")
    assert [p.name for p in sessions(tmp_path)] == ["lab.json"]
    r = chat(tmp_path, "chat", "--session", "lab", "--resume", script="")
    assert "use case: Testing" in r.stdout


def test_corrupt_session_is_reported_kept_and_the_chat_starts_fresh(tmp_path: Path) -> None:
    chat(tmp_path, script="production\n")
    [path] = sessions(tmp_path)
    path.write_bytes(b'{"format": 1, "kb": "x", "steps": [{"facts": [')
    r = chat(tmp_path, "chat", "--resume", script="3 nodes\n")
    assert r.returncode == 0, r.stderr
    assert f"{path}:1: error: the saved session is not valid JSON" in r.stdout
    assert "Traceback" not in r.stdout + r.stderr
    assert path.read_bytes() == b'{"format": 1, "kb": "x", "steps": [{"facts": ['
    fresh = path.with_name(path.stem + "-2.json")
    assert f"saved to {fresh}" in r.stdout and [f.question for f in load(fresh).entries()] == ["nodes"]


def test_another_knowledge_base_and_a_bad_path(tmp_path: Path) -> None:
    r = chat(tmp_path, "chat", "--kb", str(REPO / "docs" / "examples" / "replication"), script="help\n")
    assert r.returncode == 0 and "How to replicate" in r.stdout
    r = chat(tmp_path, "chat", "--kb", str(tmp_path / "missing"))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "no such file or folder" in r.stderr
