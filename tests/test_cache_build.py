"""The build cache: hits and misses, what one change invalidates, and that cached equals compiled."""

from __future__ import annotations

import json
import pickle
import sqlite3
from pathlib import Path

import pytest
from fingerpost.kb import cache
from fingerpost.kb.cache import files as cachefiles
from fingerpost.kb.pipeline import compile_path

PAGES = {
    "index.md": "# Home\n\nSee [the guide](guide.md#setup) and [notes](notes.md).\n",
    "guide.md": "# Guide\n\n## Setup\n\nText.\n\n## Later {#later}\n\nMore text.\n",
    "notes.md": "# Notes\n\nAbout [later](guide.md#later), and [a site link](/other/).\n",
    "topics.md": "# Topics\n\nOne [topic](topic/).\n",
    "topic/index.md": "# Topic\n",
    "lone.md": "# Lone\n\nNo links here, only [the web](https://example.org).\n",
    "sub/deep.md": "# Deep\n\nBack [home](../index.md) and [missing](missing.md).\n",
}


def write_pages(root: Path, pages: dict[str, str]) -> Path:
    for rel, text in pages.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def snapshot(kb) -> tuple:
    """Everything a build decides, in a comparable form."""
    nodes = sorted(repr((n, sorted(d.items()))) for n, d in kb.graph.nodes(data=True))
    edges = sorted(repr((u, v, sorted(d.items()))) for u, v, d in kb.graph.edges(data=True))
    links = {path: [repr(link) for link in doc.links] for path, doc in kb.documents.items()}
    return nodes, edges, sorted(map(str, kb.problems)), links, kb.summary()


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    return write_pages(tmp_path / "docs", PAGES)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def build(root: Path, store: Path, **kw):
    return cache.build(root, cache_root=store, workers=1, **kw)


def test_second_build_reads_nothing_and_equals_the_first(docs: Path, store: Path) -> None:
    first, stats = build(docs, store)
    assert (stats.status, stats.read, stats.pages) == ("cold", 7, 7)
    again, stats = build(docs, store)
    assert (stats.status, stats.read, stats.relinked) == ("fresh", 0, 0)
    assert isinstance(again, cache.CachedKnowledgeBase)
    assert snapshot(again) == snapshot(first) == snapshot(compile_path(docs))


def test_summary_of_a_cached_build_needs_no_graph(docs: Path, store: Path) -> None:
    first, _ = build(docs, store)
    again, _ = build(docs, store)
    assert again.summary() == first.summary()
    assert again.__dict__.get("graph") is None  # summary came from the cache
    assert len(again.documents) == 7 and "guide.md" in again.documents
    assert again.graph.number_of_nodes() == first.graph.number_of_nodes()


def test_changing_one_page_reads_only_it_and_relinks_its_linkers(docs: Path, store: Path) -> None:
    build(docs, store)
    (docs / "guide.md").write_text("# Guide\n\n## Setup\n\nOther text.\n", encoding="utf-8")
    kb, stats = build(docs, store)
    # guide.md itself, and index.md and notes.md, which link to it; not the other pages
    assert (stats.status, stats.read, stats.relinked) == ("incremental", 1, 3)
    assert snapshot(kb) == snapshot(compile_path(docs))
    assert any("#later" in str(p) or "later" in str(p) for p in kb.problems if p.path == "notes.md")


def test_changing_a_page_nobody_links_to_relinks_only_it(docs: Path, store: Path) -> None:
    build(docs, store)
    (docs / "lone.md").write_text("# Lone\n\nNow with [a link](guide.md).\n", encoding="utf-8")
    kb, stats = build(docs, store)
    assert (stats.read, stats.relinked) == (1, 1)
    assert snapshot(kb) == snapshot(compile_path(docs))


@pytest.mark.parametrize(("change", "relinked"), [
    ("add-missing", 4),    # the new page; pages with links that did not resolve (notes, deep) or went by site path (topics)
    ("remove-linked", 3),  # index links to the removed page; deep and topics as above
    ("alias", 4),          # the page with the alias, and the three as above
    ("add-site-page", 4),  # the new page, and the three as above
    ("rename", 5),         # the new name, index and notes (linking to the old one), deep and topics
])
def test_incremental_build_equals_a_full_build(docs: Path, store: Path, change: str, relinked: int) -> None:
    build(docs, store)
    if change == "add-missing":  # sub/deep.md links to sub/missing.md, which now appears
        write_pages(docs, {"sub/missing.md": "# Found\n"})
    elif change == "remove-linked":
        (docs / "notes.md").unlink()
    elif change == "alias":  # notes.md's site link /other/ resolves through an alias now
        write_pages(docs, {"lone.md": "---\naliases: [/other/]\n---\n# Lone\n"})
    elif change == "add-site-page":  # topics.md's `topic/` meant topic/index.md; topic.md now comes first
        write_pages(docs, {"topic.md": "# Topic, the page\n"})
    else:
        (docs / "guide.md").rename(docs / "manual.md")
    kb, stats = build(docs, store)
    assert (stats.status, stats.relinked) == ("incremental", relinked)
    assert stats.read == (0 if change == "remove-linked" else 1)
    assert snapshot(kb) == snapshot(compile_path(docs))


def test_new_code_invalidates_every_page(docs: Path, store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(docs, store)
    monkeypatch.setattr(cache, "code_version", lambda: "another version of the kb package")
    _, stats = build(docs, store)
    assert (stats.status, stats.read) == ("incremental", 7)  # the pages file was there, but no entry matches


def test_code_version_covers_the_kb_sources() -> None:
    version = cache.code_version()
    assert len(version) == 32 and version == cache.code_version()
    # the extraction rules are part of the hashed sources, so editing them invalidates caches
    kb_folder = Path(cache.__file__).parents[1]  # the cache is kb/cache/: it hashes the whole kb folder
    sources = sorted(p.relative_to(kb_folder).as_posix() for p in kb_folder.rglob("*.py"))
    assert "extract/authored.py" in sources and "read.py" in sources and "cache/__init__.py" in sources


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "wrong-type"])
def test_a_damaged_cache_file_is_ignored_and_rewritten(docs: Path, store: Path, damage: str) -> None:
    expected = snapshot(build(docs, store)[0])
    folder = next(store.iterdir())
    for name in ("state.pickle", "pages.sqlite"):
        f = folder / name
        data = f.read_bytes()
        f.write_bytes({"garbage": b"\x80\x05not a pickle at all", "truncated": data[: len(data) // 2],
                       "empty": b"", "wrong-type": b"\x80\x05K\x07."}[damage])
    kb, stats = build(docs, store)
    assert stats.status == "cold" and stats.read == 7
    assert snapshot(kb) == expected
    assert build(docs, store)[1].status == "fresh"  # rewritten


def test_pages_file_from_another_build_falls_back_to_reading(docs: Path, store: Path) -> None:
    build(docs, store)
    kb, _ = build(docs, store)
    folder = next(store.iterdir())
    (folder / "pages.sqlite").write_bytes(b"")  # as if another process were rewriting it
    assert snapshot(kb) == snapshot(compile_path(docs))


def test_write_is_atomic(tmp_path: Path) -> None:
    target = tmp_path / "state.pickle"
    cachefiles.write(target, {"old": 1})
    with pytest.raises((AttributeError, TypeError, pickle.PicklingError)):
        cachefiles.write(target, {"new": lambda: 0})  # cannot be pickled: fails half-way
    assert cachefiles.load(target, dict) == {"old": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["state.pickle"]


def test_cache_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == cachefiles.cache_dir() == tmp_path / "fingerpost"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # not absolute: ignored, as the spec says
    assert cache.cache_dir() == Path.home() / ".cache" / "fingerpost"


def test_unchanged_build_writes_nothing_and_roots_are_pruned(tmp_path: Path, store: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cachefiles, "MAX_ROOTS", 2)
    roots = [write_pages(tmp_path / f"docs{i}", {"a.md": f"# A{i}\n"}) for i in range(4)]
    for root in roots:
        build(root, store)
    assert len(list(store.iterdir())) == 2
    state = next(store.iterdir()) / "pages.sqlite"
    before = state.stat().st_mtime_ns
    assert build(roots[-1], store)[1].status == "fresh"
    assert state.stat().st_mtime_ns == before or state.parent.name != cachefiles.folder_for(roots[-1], (), store).name


def test_exclude_patterns_get_their_own_cache(docs: Path, store: Path) -> None:
    build(docs, store)
    kb, stats = build(docs, store, exclude=["sub/*"])
    assert stats.status == "cold" and "sub/deep.md" not in kb.documents
    assert snapshot(kb) == snapshot(compile_path(docs, exclude=["sub/*"]))


def test_single_file_root(docs: Path, store: Path) -> None:
    build(docs / "guide.md", store)
    kb, stats = build(docs / "guide.md", store)
    assert stats.status == "fresh" and list(kb.documents) == ["guide.md"]
    assert snapshot(kb) == snapshot(compile_path(docs / "guide.md"))


def _tear(folder: Path, rel: str, column: str = "finished") -> None:
    """Cut the stored bytes of one page in half, under its right hash."""
    with sqlite3.connect(folder / "pages.sqlite") as db:
        (raw,) = db.execute(f"SELECT {column} FROM pages WHERE path = ?", (rel,)).fetchone()
        db.execute(f"UPDATE pages SET {column} = ? WHERE path = ?", (raw[: len(raw) // 2], rel))
    db.close()


def test_a_torn_page_entry_means_a_cold_build(docs: Path, store: Path) -> None:
    expected = snapshot(build(docs, store)[0])
    folder = next(store.iterdir())
    _tear(folder, "guide.md")
    (docs / "lone.md").write_text("# Lone, changed\n", encoding="utf-8")  # so the pages are used
    kb, stats = build(docs, store)
    assert stats.read == 7  # the damage was noticed: every page read again
    assert snapshot(kb) == snapshot(compile_path(docs)) != expected


@pytest.mark.parametrize("column", ["doc", "links"])
def test_a_torn_page_entry_under_a_fresh_state_is_read_from_disk(docs: Path, store: Path, column: str) -> None:
    expected = snapshot(build(docs, store)[0])
    _tear(next(store.iterdir()), "guide.md", column)  # what a fresh state reads its pages from
    kb, stats = build(docs, store)
    assert stats.status == "fresh"
    assert snapshot(kb) == expected


def test_a_torn_page_text_is_noticed_when_the_page_is_needed(docs: Path, store: Path) -> None:
    build(docs, store)
    _tear(next(store.iterdir()), "index.md", "doc")
    (docs / "guide.md").write_text("# Guide\n\n## Setup\n\nOther text.\n", encoding="utf-8")  # index links here
    kb, stats = build(docs, store)
    assert stats.read == 7  # index.md had to be finished again from its stored text, which was torn
    assert snapshot(kb) == snapshot(compile_path(docs))


def _counting_hashes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    hashed: list[str] = []
    real = cache._page_hash

    def page_hash(code: str, base: str, rel: str) -> str | None:
        hashed.append(rel)
        return real(code, base, rel)

    monkeypatch.setattr(cache, "_page_hash", page_hash)
    return hashed


def test_files_unchanged_since_they_were_hashed_are_not_read_again(docs: Path, store: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "SETTLED_NS", 0)  # the files were written just now: trust them at once
    build(docs, store)
    hashed = _counting_hashes(monkeypatch)
    assert build(docs, store)[1].status == "fresh" and hashed == []
    text = (docs / "guide.md").read_text(encoding="utf-8")
    (docs / "guide.md").write_text(text.replace("Text.", "Txet."), encoding="utf-8")  # same size, new content
    kb, stats = build(docs, store)
    assert hashed == ["guide.md"] and (stats.status, stats.read) == ("incremental", 1)
    assert snapshot(kb) == snapshot(compile_path(docs))


def test_files_changed_just_before_a_build_are_hashed_again(docs: Path, store: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    build(docs, store)  # every file was written less than a second before it was hashed
    state = next(store.iterdir()) / "state.pickle"
    first = cachefiles.load(state, cache._State).hashed_at
    hashed = _counting_hashes(monkeypatch)
    assert build(docs, store)[1].status == "fresh"
    assert sorted(hashed) == sorted(PAGES)  # so none is trusted by its stamp alone
    assert cachefiles.load(state, cache._State).hashed_at > first  # stamps recorded again, to trust later


def test_a_store_that_cannot_be_written_costs_speed_not_the_build(docs: Path, store: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: cachefiles.PageStore, rows: object, removed: object = ()) -> None:
        raise cachefiles.StoreError("disk full")

    monkeypatch.setattr(cachefiles.PageStore, "save", refuse)
    kb, stats = build(docs, store)
    assert stats.status == "cold" and snapshot(kb) == snapshot(compile_path(docs))
    monkeypatch.undo()
    (docs / "lone.md").write_text("# Lone, changed\n", encoding="utf-8")
    kb, stats = build(docs, store)
    assert stats.status == "cold"  # no page was stored, so none is reused
    assert snapshot(kb) == snapshot(compile_path(docs))


def test_a_page_store_write_is_one_transaction(tmp_path: Path) -> None:
    pages = cachefiles.PageStore(tmp_path / "pages.sqlite")
    pages.save([("a.md", "1", b"doc", b"info", b"links", b"fin")])

    def rows():
        yield ("b.md", "2", b"doc", b"info", b"links", b"fin")
        raise RuntimeError("interrupted half-way")

    with pytest.raises(RuntimeError):
        pages.save(rows(), removed=["a.md"])
    assert sorted(pages.entries()) == ["a.md"]  # neither b.md written nor a.md removed
    pages.close()


_BUILD_IN_A_PROCESS = """
import json, sys
from pathlib import Path
from fingerpost.kb.cache import build
kb, stats = build(Path(sys.argv[1]), cache_root=Path(sys.argv[2]), workers=1)
print(json.dumps([sorted(map(str, kb.problems)), kb.summary()]))
"""


def test_builds_running_at_once_agree_and_leave_a_usable_cache(docs: Path, store: Path) -> None:
    import subprocess
    import sys

    build(docs, store)
    (docs / "guide.md").write_text("# Guide\n\n## Setup\n\nChanged while others build.\n", encoding="utf-8")
    procs = [subprocess.Popen([sys.executable, "-c", _BUILD_IN_A_PROCESS, str(docs), str(store)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [p.communicate(timeout=120) for p in procs]
    expected = compile_path(docs)
    want = [sorted(map(str, expected.problems)), expected.summary()]
    for (out, err), p in zip(results, procs, strict=True):
        assert p.returncode == 0, err
        assert json.loads(out) == want
    kb, stats = build(docs, store)
    assert stats.status == "fresh" and snapshot(kb) == snapshot(expected)


def test_a_page_store_of_another_layout_is_emptied_and_rebuilt(docs: Path, store: Path) -> None:
    build(docs, store)
    folder = next(store.iterdir())
    (folder / "state.pickle").unlink()
    with sqlite3.connect(folder / "pages.sqlite") as db:  # an older layout: five columns, no version
        db.execute("DROP TABLE pages")
        db.execute("CREATE TABLE pages (path TEXT PRIMARY KEY, digest TEXT, doc BLOB, info BLOB, finished BLOB)")
        db.execute("INSERT INTO pages VALUES ('guide.md', 'x', x'00', x'00', x'00')")
        db.execute("PRAGMA user_version = 0")
    db.close()
    kb, stats = build(docs, store)
    assert stats.status == "cold" and snapshot(kb) == snapshot(compile_path(docs))
    (docs / "lone.md").write_text("# Lone, changed\n", encoding="utf-8")
    assert build(docs, store)[1].read == 1  # the new rows were written and are used


def test_one_lazy_page_mapping_loads_a_page_on_first_use_and_keeps_it() -> None:
    """kb.graph.LazyDocuments is the one lazy mapping of pages (a compiled folder and the build cache)."""
    from fingerpost.kb.graph import LazyDocuments

    asked: list[list[str]] = []

    def load(rels: list[str]) -> dict:
        asked.append(rels)
        return {rel: f"page {rel}" for rel in rels}

    pages = LazyDocuments(["b.md", "a.md"], load)
    assert list(pages) == ["b.md", "a.md"] and len(pages) == 2 and "a.md" in pages and "c.md" not in pages
    assert asked == []
    assert pages["a.md"] == pages["a.md"] == "page a.md" and asked == [["a.md"]]
    assert pages.get("c.md") is None and asked == [["a.md"]]  # an unknown page is never loaded
    assert dict(pages) == {"b.md": "page b.md", "a.md": "page a.md"} and asked == [["a.md"], ["b.md"]]


def test_a_compiled_and_a_cached_knowledge_base_hold_their_pages_the_same_way(docs: Path, tmp_path: Path) -> None:
    from fingerpost.kb.graph import LazyDocuments

    compiled = compile_path(docs)
    cache.build(docs, cache_root=tmp_path / "cache")
    cached, stats = cache.build(docs, cache_root=tmp_path / "cache")
    assert stats.status == "fresh"
    for kb in (compiled, cached):
        assert isinstance(kb.documents, LazyDocuments)
        again = pickle.loads(pickle.dumps(kb.documents))  # loaders are plain functions: a kb still pickles
        assert list(again) == list(compiled.documents)
        assert {rel: doc.title for rel, doc in again.items()} == {rel: d.title for rel, d in compiled.documents.items()}
