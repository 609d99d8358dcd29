"""Second wave (issue #18): every write goes to a temporary file beside the target, then a rename.

- Security 2: a planted `<session>.lock`, `save DIR/x.json`, `html -o` (index.html) and `diagram decision`
  (`.dot`) symbolic link is replaced or refused, never written through.
- Data loss 3: `html -o` and `graph -o` on a full disk or with text that cannot be encoded leave the old file whole.
- Messages: `html -o /dev/full` says it is not a folder (not "File exists"); `graph -o /dev/full` says the disk is full.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import EXAMPLE_PACK, fingerpost_command
from fingerpost.kb.pipeline import compile_path

from fingerpost.sessions.lock import claim, lock_path
from fingerpost.sessions.session import Session, save_copy

SECRET = "precious, not yours to write\n"


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    v = tmp_path / "victim.txt"
    v.write_text(SECRET)
    return v


def _env(tmp: Path) -> dict[str, str]:
    return {**os.environ, "XDG_CACHE_HOME": str(tmp / ".cache"), "XDG_STATE_HOME": str(tmp / ".state")}


def test_a_planted_lock_symlink_is_not_truncated(tmp_path: Path, victim: Path) -> None:
    session = tmp_path / "lab.json"
    lock_path(session).symlink_to(victim)
    lock = claim(session)
    try:
        assert victim.read_text() == SECRET
    finally:
        lock.release()  # type: ignore[union-attr]
    assert victim.read_text() == SECRET


def test_save_into_a_planted_symlink_replaces_the_link(tmp_path: Path, victim: Path) -> None:
    folder = tmp_path / "dir"
    folder.mkdir()
    (folder / "x.json").symlink_to(victim)
    (folder / "x.json.lock").symlink_to(victim)
    save_copy(Session("kb").said("hi", "hello"), folder / "x.json")
    assert victim.read_text() == SECRET
    assert not (folder / "x.json").is_symlink() and '"hi"' in (folder / "x.json").read_text()


def test_html_into_a_planted_symlink(tmp_path: Path, victim: Path) -> None:
    from fingerpost.render.html import write_page

    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").symlink_to(victim)
    write_page(SimpleNamespace(name="index.html", html="<p>page</p>"), out)  # type: ignore[arg-type]
    assert victim.read_text() == SECRET
    assert (out / "index.html").read_text() == "<p>page</p>"


def test_diagram_into_a_planted_dot_symlink(tmp_path: Path, victim: Path) -> None:
    from fingerpost.render.diagram import write_diagram

    kb = compile_path(EXAMPLE_PACK)
    target = tmp_path / "fingerpost-decision.dot"
    target.symlink_to(victim)
    write_diagram(kb, {}, target, kind="decision")
    assert victim.read_text() == SECRET
    assert not target.is_symlink() and target.read_text().startswith("digraph")


def test_graph_into_a_planted_symlink(tmp_path: Path, victim: Path) -> None:
    out = tmp_path / "g.json"
    out.symlink_to(victim)
    r = subprocess.run([fingerpost_command(), "graph", str(EXAMPLE_PACK), "-o", str(out)], capture_output=True,
                       text=True, timeout=120, env=_env(tmp_path), stdin=subprocess.DEVNULL)
    assert r.returncode == 0, r.stderr
    assert victim.read_text() == SECRET and not out.is_symlink()


def test_html_text_that_cannot_be_encoded_leaves_the_old_page(tmp_path: Path) -> None:
    from fingerpost.render.html import write_page

    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("<p>old</p>")
    with pytest.raises(UnicodeEncodeError):
        write_page(SimpleNamespace(name="index.html", html="<p>\ud800</p>"), out)  # type: ignore[arg-type]
    assert (out / "index.html").read_text() == "<p>old</p>"


def test_html_on_a_full_disk_leaves_the_old_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fingerpost.render import html

    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("<p>old</p>")
    mount = tmp_path / "small"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        (mount / "index.html").write_text("<p>old</p>")
        with pytest.raises(Exception):  # noqa: B017 — BadOption or OSError: either way nothing is written
            html.write_page(SimpleNamespace(name="index.html", html="<p>" + "x" * 200_000 + "</p>"), mount)  # type: ignore[arg-type]
        assert (mount / "index.html").read_text() == "<p>old</p>"
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_graph_on_a_full_disk_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from fingerpost.cli import main

    out = tmp_path / "g.json"
    out.write_text("old\n")
    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: full(fd) if fd > 2 else real_write(fd, data))
    assert main(["graph", str(EXAMPLE_PACK), "--no-cache", "-o", str(out)]) == 2
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert out.read_text() == "old\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_output_to_dev_full_says_what_is_wrong(tmp_path: Path) -> None:
    r = subprocess.run([fingerpost_command(), "html", "--kb", str(EXAMPLE_PACK), "-o", "/dev/full"], capture_output=True,
                       text=True, timeout=120, env=_env(tmp_path), stdin=subprocess.DEVNULL)
    assert r.returncode == 2 and "not a folder" in r.stderr and "File exists" not in r.stderr, r.stderr
    r = subprocess.run([fingerpost_command(), "graph", str(EXAMPLE_PACK), "-o", "/dev/full"], capture_output=True,
                       text=True, timeout=120, env=_env(tmp_path), stdin=subprocess.DEVNULL)
    assert r.returncode == 2 and "No space left on device" in r.stderr, r.stderr
