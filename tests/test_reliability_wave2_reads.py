"""Second wave (issue #18): a page is opened once, checked, and read from that handle.

- Security 4: a page swapped for a symbolic link to a file outside the docs folder is refused (its
  heading never reaches the graph); a page swapped for a FIFO does not hang the build or the hashing
  of the cache; the chat's `docs N` shows the text read at build time, never the file as it is now.
- Crashes 1: a symbolic link loop (file or folder) is reported with a line and skipped; other pages are read.
- Messages: an unreadable sub-folder is reported (not only its pages as missing links); an unreadable
  file is cited at line 1, never 0.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from fingerpost.kb import cache
from fingerpost.kb.files import discover_relative, read_page
from fingerpost.kb.pipeline import compile_path

SECRET = "# Outside secret heading\n"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    root.mkdir()
    (root / "index.md").write_text("# Home\n\nSee [the page](page.md).\n")
    (root / "page.md").write_text("# Page\n\nThe text as built.\n")
    (tmp_path / "outside.md").write_text(SECRET)
    return root


def _in_time(fn, timeout: float = 10.0):  # type: ignore[no-untyped-def]
    """Run fn in a thread; fail (and unblock any FIFO) when it does not finish in time."""
    out: list[object] = []
    t = threading.Thread(target=lambda: out.append(fn()), daemon=True)
    t.start()
    t.join(timeout)
    return t.is_alive(), out


def test_a_page_swapped_for_a_link_outside_is_not_read(tree: Path, tmp_path: Path) -> None:
    (tree / "page.md").unlink()
    (tree / "page.md").symlink_to(tmp_path / "outside.md")  # after discovery would have found a regular file
    doc = read_page(tree, "page.md")
    assert "Outside secret" not in doc.title and not any("Outside" in s.title for s in doc.sections)
    assert any(p.code == "unreadable" and p.line == 1 and "outside" in p.message for p in doc.problems)


def _fifo_page(tree: Path) -> Path:
    fifo = tree / "page.md"
    fifo.unlink()
    os.mkfifo(fifo)
    return fifo


def _unblock(fifo: Path) -> None:
    fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)  # a reader waiting on open() lets go
    os.close(fd)


def test_a_page_swapped_for_a_fifo_does_not_hang_the_read(tree: Path) -> None:
    fifo = _fifo_page(tree)
    hung, out = _in_time(lambda: read_page(tree, "page.md"), 5)
    if hung:
        _unblock(fifo)
    assert not hung
    assert any(p.code == "unreadable" and p.line == 1 for p in out[0].problems)  # type: ignore[attr-defined]


def test_a_page_swapped_for_a_fifo_does_not_hang_the_cache_hash(tree: Path) -> None:
    fifo = _fifo_page(tree)
    hung, out = _in_time(lambda: cache._page_hash("code", str(tree), "page.md"), 5)
    if hung:
        _unblock(fifo)
    assert not hung and out == [None]


def test_docs_shows_the_text_read_at_build_time(tree: Path, tmp_path: Path) -> None:
    from fingerpost.chat.docs import section_source

    kb = compile_path(tree)
    section = next(s for s in kb.documents["page.md"].sections if s.title == "Page")
    (tree / "page.md").unlink()
    (tree / "page.md").symlink_to(tmp_path / "outside.md")
    shown = section_source(kb, section)
    assert shown is not None and "The text as built." in shown and "Outside" not in shown
    os.unlink(tree / "page.md")
    os.mkfifo(tree / "page.md")
    hung, out = _in_time(lambda: section_source(kb, section), 5)
    if hung:
        _unblock(tree / "page.md")
    assert not hung and "The text as built." in str(out[0])


def test_symbolic_link_loops_are_reported_not_fatal(tree: Path) -> None:
    (tree / "a.md").symlink_to("b.md")
    (tree / "b.md").symlink_to("a.md")
    (tree / "loop").symlink_to("loop")
    (tree / "sub").mkdir()
    (tree / "sub" / "up").symlink_to("..")  # a link back up: inside the root, walked once
    kb = compile_path(tree)
    assert sorted(kb.documents) == ["index.md", "page.md"]
    loops = {p.path: p.line for p in kb.problems if p.code == "unreadable"}
    assert loops == {"a.md": 1, "b.md": 1, "loop": 1}
    kb2, _ = cache.build(tree, workers=1)  # and through the cache, as every command reads
    assert sorted(kb2.documents) == ["index.md", "page.md"]


def test_an_unreadable_sub_folder_is_reported(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tree / "private").mkdir()
    (tree / "private" / "hidden.md").write_text("# Hidden\n")
    real = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if str(path).endswith("private"):  # as root, chmod 000 would not stop us reading it
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    rels, problems = discover_relative(tree)
    assert "private/hidden.md" not in rels
    assert [(p.path, p.line, p.code) for p in problems] == [("private", 1, "unreadable")]
    assert "Permission denied" in problems[0].message


def test_an_unreadable_file_is_cited_at_a_real_line(tree: Path) -> None:
    (tree / "folder.md").mkdir()  # a name that looks like a page but cannot be read as one
    doc = read_page(tree, "folder.md")
    assert [p.line for p in doc.problems if p.code == "unreadable"] == [1]
