"""Second wave (issue #18): the build cache never runs what it holds, and a cache that cannot be used costs only speed.

- Security 1: a planted `state.pickle` or page row (a pickle that runs a command) is never
  unpickled: what the cache holds is signed with a per-user key (0600); cache folders and files
  owned by another user, or writable by others, are not used (one warning line).
- Crashes 5: a full disk, a read-only cache or a file where the cache folder should be only cost speed.
"""

from __future__ import annotations

import os
import pickle
import sqlite3
import subprocess
from pathlib import Path

import pytest
from conftest import fingerpost_command
from fingerpost.kb import cache, safeio
from fingerpost.kb.cache import files as cachefiles
from fingerpost.kb.pipeline import compile_path

PAGES = {
    "index.md": "# Home\n\nSee [the guide](guide.md).\n",
    "guide.md": "# Guide\n\n## Setup\n\nText.\n",
}


class _Payload:
    """Unpickling this runs `touch <marker>`."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, (f"touch {self.marker}",))


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    for rel, text in PAGES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def _titles(kb) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(doc.title for doc in kb.documents.values())


def test_a_planted_state_pickle_never_runs(docs: Path, tmp_path: Path) -> None:
    store = tmp_path / "cache"
    cache.build(docs, cache_root=store, workers=1)
    folder = cachefiles.folder_for(docs, (), store)
    marker = tmp_path / "pwned"
    (folder / "state.pickle").write_bytes(pickle.dumps(_Payload(marker)))
    kb, _ = cache.build(docs, cache_root=store, workers=1)
    assert not marker.exists()
    assert _titles(kb) == ["Guide", "Home"]


def test_a_planted_page_row_never_runs(docs: Path, tmp_path: Path) -> None:
    store = tmp_path / "cache"
    cache.build(docs, cache_root=store, workers=1)
    folder = cachefiles.folder_for(docs, (), store)
    marker = tmp_path / "pwned"
    (folder / "state.pickle").unlink()
    payload = pickle.dumps(_Payload(marker))
    with sqlite3.connect(folder / "pages.sqlite") as db:
        db.execute("UPDATE pages SET info = ?, finished = ?, doc = ?, links = ?", (payload,) * 4)
    db.close()
    kb, _ = cache.build(docs, cache_root=store, workers=1)
    kb.documents["guide.md"]
    assert not marker.exists()
    assert _titles(kb) == ["Guide", "Home"]


def test_a_cache_folder_of_another_user_is_not_used(docs: Path, tmp_path: Path) -> None:
    store = tmp_path / "cache"
    folder = cachefiles.folder_for(docs, (), store)
    folder.mkdir(parents=True, mode=0o700)
    marker = tmp_path / "pwned"
    (folder / "state.pickle").write_bytes(pickle.dumps(_Payload(marker)))
    os.chown(folder, 65534, 65534)
    kb, stats = cache.build(docs, cache_root=store, workers=1)
    assert not marker.exists()
    assert stats.status == "uncached" and "another user" in stats.note
    assert _titles(kb) == ["Guide", "Home"]


@pytest.mark.parametrize("what", ["folder", "file"])
def test_a_cache_writable_by_others_is_not_used(docs: Path, tmp_path: Path, what: str) -> None:
    store = tmp_path / "cache"
    cache.build(docs, cache_root=store, workers=1)
    folder = cachefiles.folder_for(docs, (), store)
    (folder if what == "folder" else folder / "state.pickle").chmod(0o777 if what == "folder" else 0o666)
    kb, stats = cache.build(docs, cache_root=store, workers=1)
    assert stats.status == "uncached" and "can be written by other users" in stats.note
    assert _titles(kb) == ["Guide", "Home"]


def test_the_cli_warns_in_one_line_and_still_answers(docs: Path, tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    (xdg / "fingerpost").mkdir(parents=True)
    (xdg / "fingerpost").chmod(0o777)
    r = subprocess.run([fingerpost_command(), "build", str(docs)], capture_output=True, text=True, timeout=120,
                       env={**os.environ, "XDG_CACHE_HOME": str(xdg)}, stdin=subprocess.DEVNULL)
    assert r.returncode == 0, r.stderr
    warnings = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(warnings) == 1 and "build cache is not used" in warnings[0], r.stderr


def test_the_signing_key_is_private(docs: Path, tmp_path: Path) -> None:
    cache.build(docs, cache_root=tmp_path / "cache", workers=1)
    key = cachefiles.cache_dir() / "key"
    assert key.is_file() and (key.stat().st_mode & 0o777) == 0o600


# ---- Crashes 5 -------------------------------------------------------------------------------

def test_a_file_where_the_cache_folder_should_be(docs: Path, tmp_path: Path) -> None:
    store = tmp_path / "cache"
    store.write_text("not a folder")
    kb, stats = cache.build(docs, cache_root=store, workers=1)
    assert stats.status == "uncached" and stats.note
    assert _titles(kb) == ["Guide", "Home"]


def test_a_full_disk_under_the_page_store_costs_only_speed(docs: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    def full(self, *a, **k):  # type: ignore[no-untyped-def]
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sqlite3, "connect", full)
    kb, _ = cache.build(docs, cache_root=tmp_path / "cache", workers=1)
    assert _titles(kb) == ["Guide", "Home"]


def test_a_read_only_cache_costs_only_speed(docs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "cache"
    cache.build(docs, cache_root=store, workers=1)
    (docs / "guide.md").write_text("# Guide, changed\n", encoding="utf-8")

    def read_only(*a, **k):  # type: ignore[no-untyped-def]
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(safeio.tempfile, "mkstemp", read_only)
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: (_ for _ in ()).throw(
        sqlite3.OperationalError("attempt to write a readonly database")))
    kb, _ = cache.build(docs, cache_root=store, workers=1)
    assert _titles(kb) == ["Guide, changed", "Home"]


def test_a_really_full_disk(docs: Path, tmp_path: Path) -> None:
    mount = tmp_path / "small"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root); the monkeypatched tests above cover it")
    try:
        (docs / "big.md").write_text("# Big\n\n" + "Words and more words.\n" * 20000, encoding="utf-8")
        kb, _ = cache.build(docs, cache_root=mount / "cache", workers=1)  # the disk fills while writing
        assert _titles(kb) == ["Big", "Guide", "Home"]
        fd = os.open(mount / "filler", os.O_WRONLY | os.O_CREAT)  # and a disk full before the build starts
        with pytest.raises(OSError):
            while True:
                os.write(fd, b"x" * 1024)
        os.close(fd)
        (docs / "guide.md").write_text("# Guide, changed\n", encoding="utf-8")
        kb, _ = cache.build(docs, cache_root=mount / "cache", workers=1)
        assert _titles(kb) == _titles(compile_path(docs)) == ["Big", "Guide, changed", "Home"]
    finally:
        subprocess.run(["umount", str(mount)], check=False)
