"""The build cache: pages read and extracted once per content hash, the knowledge base once per set of them.

    >>> kb, stats = build("docs/")          # doctest: +SKIP
    >>> stats.status                        # doctest: +SKIP
    'cold'                                  # every page read, one process per core
    >>> build("docs/")[1].status            # doctest: +SKIP
    'fresh'                                 # nothing changed: the compiled state is loaded

One folder per docs root (and exclude list) under `cache_dir()`:

    kb-<root key>/pages.sqlite   a row per page: content hash, the page as read, its PageInfo,
                                 its resolved links and what extraction found on it (kb.pages.Page)
    kb-<root key>/state.pickle   the knowledge base without its pages and graph, its records and
                                 summary, and the hash of every page; named by a key over all of them

Every hash includes `code_version()` — the `kb` package's source, the parser libraries and Python —
so changed code never meets an old cache. After a change, only changed pages are read, and only
they and the pages whose links can lead to a changed, added or removed page have their links
resolved and their records extracted again (what a page's rules find depends only on the page,
its links and the titles of the pages it links to); the other pages' records come from their
rows, and merging, assembling and linting the knowledge base run over those records, never the
pages' text. A cache file that cannot be read is ignored and rewritten; state files are written
under a temporary name and renamed into place, page rows in one SQLite transaction. A knowledge
base loaded from the cache reads its pages and builds its graph on first use, so commands that
only reason over the records never import the parser or networkx.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import sys
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fingerpost.kb import cachetrust, serial
from fingerpost.kb.cache import files as cachefiles
from fingerpost.kb.cache.files import cache_dir
from fingerpost.kb.errors import Diagnostic
from fingerpost.kb.files import MAX_FILE_BYTES, Progress, default_content, default_workers, discover_relative, paused_gc
from fingerpost.kb.graph import KnowledgeBase, LazyDocuments, LazyKnowledgeBase
from fingerpost.kb.records import Document, PageInfo, Records

if TYPE_CHECKING:
    from fingerpost.kb.links import LinkDigest
    from fingerpost.kb.pages import Page

__all__ = ["build", "cache_dir", "code_version", "BuildStats", "CachedKnowledgeBase",
           "FORMAT"]

FORMAT = 3
"""Version of the cache layout; part of every key."""

_STORE = "pages.sqlite"

_LAZY = ("graph", "documents")


@dataclass(frozen=True, slots=True)
class BuildStats:
    """What a build did, for the `build` command's report and the benchmarks."""

    status: str
    """`fresh` (nothing changed), `incremental`, `cold` (nothing cached) or `uncached` (cache off)."""
    pages: int
    """Pages in the knowledge base."""
    read: int
    """Pages parsed in this build."""
    relinked: int
    """Pages whose links were resolved in this build."""
    seconds: float
    """Wall time of the build."""
    note: str = ""
    """Why the cache was not used, when it should have been (one line for the front end to print)."""


@dataclass
class _State:
    """The compiled knowledge base, less what is cached per page or rebuilt on demand."""

    format: int
    key: str
    code: str
    files: dict[str, str]
    """Relative path → content hash, in discovery order."""
    fields: dict[str, Any]
    """KnowledgeBase fields other than root, graph and documents."""
    records: Records
    summary: dict[str, int]
    stamps: dict[str, Stamp]
    """Relative path → the file's stamp when it was hashed."""
    hashed_at: int
    """When the files were hashed (ns since the epoch)."""


Stamp = tuple[int, int, int, int]
"""What `stat` says of a file: size, modification and change times (ns), inode."""

SETTLED_NS = 1_000_000_000
"""A file is trusted by its stamp only if it had not changed for this long before it was hashed:
a change within the file system's timestamp granularity of a hash could leave the stamp as it was."""


def _stamp(path: str) -> Stamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


def _hash_pages(code: str, base: str, rels: list[str], state: _State | None
                ) -> tuple[dict[str, str | None], dict[str, Stamp], int]:
    """Every page's content hash, reusing the last build's hash of a file whose stamp is as it was then
    (as git's index does); returns the hashes, the stamps and how many files were read to hash them."""
    files: dict[str, str | None] = {}
    stamps: dict[str, Stamp] = {}
    read = 0
    old_files = state.files if state is not None else {}
    old_stamps = state.stamps if state is not None else {}
    settled = (state.hashed_at if state is not None else 0) - SETTLED_NS
    for rel in rels:
        stamp = _stamp(os.path.join(base, rel))
        if stamp is not None and stamp == old_stamps.get(rel) and stamp[1] < settled and stamp[2] < settled:
            files[rel] = old_files[rel]
        else:
            files[rel] = _page_hash(code, base, rel)
            read += 1
        if stamp is not None and files[rel] is not None:
            stamps[rel] = stamp
    return files, stamps, read


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of everything that shapes a compiled page: the `kb` sources, parser libraries, Python."""
    h = hashlib.blake2b(f"{FORMAT}|{sys.version}".encode(), digest_size=16)
    package = Path(__file__).resolve().parents[1]  # the kb folder, this cache included
    for source in sorted(package.rglob("*.py")):
        h.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
    for module in ("markdown_it", "mdit_py_plugins", "yaml"):
        spec = importlib.util.find_spec(module)  # finds without importing
        origin = spec.origin if spec is not None and spec.origin else ""
        stamp = os.stat(origin) if origin else None
        h.update(f"|{module}={origin}:{stamp and stamp.st_size}:{stamp and stamp.st_mtime_ns}".encode())
    return h.hexdigest()


def _page_hash(code: str, base: str, rel: str) -> str | None:
    """Content hash of a page (with the code version and its path); None when it cannot be read."""
    h = hashlib.sha256(f"{code}|{rel}|".encode())  # SHA-256 has CPU support almost everywhere: fastest here
    from fingerpost.kb.safeio import open_regular

    try:
        with open(open_regular(os.path.join(base, rel), base), "rb") as fh:  # a pipe is refused, never waited on
            size = os.fstat(fh.fileno()).st_size
            h.update(f"too-large {size}".encode() if size > MAX_FILE_BYTES else fh.read())
    except OSError:
        return None
    return h.hexdigest()[:32]


def _kb_key(code: str, files: Mapping[str, str | None], problems: list[Diagnostic]) -> str:
    h = hashlib.blake2b(code.encode(), digest_size=16)
    for rel, digest in files.items():
        h.update(f"\0{rel}\0{digest}".encode())
    h.update(repr(problems).encode())
    return h.hexdigest()


# ---- a knowledge base loaded from the cache --------------------------------------------------

def _pages(store: Path, base: Path, files: dict[str, str | None]) -> LazyDocuments:
    """The pages of a cached knowledge base, all read from the page store on first use."""
    return LazyDocuments(files, partial(_stored_pages, store, base, files))


def _stored_pages(store_path: Path, base: Path, files: dict[str, str | None], _asked: list[str]) -> dict[str, Document]:
    """Every page of the knowledge base, from the store in one query (or from its file when the store
    changed since the state was read)."""
    store = cachefiles.PageStore(store_path)
    with paused_gc():
        try:
            rows = store.documents()
            if any(rows[rel][0] != digest for rel, digest in files.items()):
                raise LookupError("rebuilt by another process since")
            return {rel: _restore(rows[rel][1], rows[rel][2]) for rel in files}
        except Exception:  # changed or damaged since the state was read: read the pages from their files
            from fingerpost.kb.pages import process  # start-up: a fresh cache reads no page

            rels = list(files)
            pages, _ = process(base, rels)
            return {rel: pages[rel].document() for rel in rels}
        finally:
            store.close()


def _restore(doc_bytes: bytes, links: bytes) -> Document:
    from fingerpost.kb.pages import unpack  # start-up: a fresh cache reads no page

    doc = unpack(doc_bytes)
    doc.links = serial.loads(links)
    return doc


CachedKnowledgeBase = LazyKnowledgeBase
"""A knowledge base from the cache is a LazyKnowledgeBase: pages and graph on first use."""


def _from_state(state: _State, root: str, folder: Path, base: Path) -> LazyKnowledgeBase | None:
    """The knowledge base a state holds; None when the state does not fit this code after all."""
    try:
        kb = LazyKnowledgeBase(root=root, graph=None, documents=_pages(folder / _STORE, base, state.files),
                               **state.fields)
    except TypeError:
        return None
    kb._records, kb._link_problems = state.records, None
    kb._summary = dict(state.summary)
    return kb


# ---- building --------------------------------------------------------------------------------

def _to_relink(old: Mapping[str, LinkDigest], changed: set[str], removed: set[str], index_changed: bool) -> set[str]:
    """Unchanged pages whose links can resolve differently now: they name a changed or removed
    page, or — when pages came or went or aliases changed — one of them did not resolve, or went
    through the site-path look-up that a new page can win."""
    touched = changed | removed
    return {rel for rel, digest in old.items()
            if not digest.reach.isdisjoint(touched) or (index_changed and digest.fragile)}


class _Damaged(Exception):
    """A stored page could not be loaded."""


@dataclass(slots=True)
class _Stored:
    """A page as the store holds it, without its text."""

    digest: str
    page: Page


def _stored(store: cachefiles.PageStore) -> dict[str, _Stored]:
    """Every stored page; _Damaged when one does not load."""
    from fingerpost.kb.links import LinkDigest  # start-up: a fresh cache reads no page
    from fingerpost.kb.pages import Page  # start-up: a fresh cache reads no page

    out = {}
    try:
        for rel, (digest, info, finished) in store.entries().items():
            out[rel] = _Stored(digest, Page.of(rel, b"", serial.loads(info), b"", finished))
    except Exception as exc:  # a damaged database or row: start cold
        raise _Damaged from exc
    if not all(isinstance(s.page.info, PageInfo) and isinstance(s.page.digest, LinkDigest) for s in out.values()):
        raise _Damaged
    return out


def _document(doc_bytes: bytes) -> Document:
    from fingerpost.kb.pages import unpack  # start-up: a fresh cache reads no page

    try:
        return unpack(doc_bytes)
    except ValueError as exc:
        raise _Damaged from exc


def _compile(root: Path, base: Path, files: dict[str, str | None], problems: list[Diagnostic],
             store: cachefiles.PageStore, old: dict[str, _Stored], workers: int | None,
             progress: Progress | None) -> tuple[LazyKnowledgeBase, dict[str, Page], set[str], int]:
    """Build from the stored pages plus the changed ones; returns the knowledge base, the pages
    to store again, the removed pages and how many pages had their links resolved."""
    from fingerpost.kb.pages import Page, finish, process  # start-up: a fresh cache reads no page
    from fingerpost.kb.pipeline import compile_pages  # start-up: a fresh cache needs no parser

    rels = list(files)
    changed = [rel for rel, digest in files.items() if digest is None or rel not in old or old[rel].digest != digest]
    removed = set(old) - set(files)
    if len(changed) * 4 > len(files):  # most pages changed: read them all, in parallel, as if cold
        changed, old = rels, {}
    workers = default_workers() if workers is None else max(1, workers)
    unchanged = set(rels) - set(changed)
    kept = {rel: old[rel].page for rel in rels if rel in unchanged}
    sink = _Sink(store, files)
    fresh, index = process(base, changed, order=rels, known={rel: p.info for rel, p in kept.items()},
                           workers=workers, progress=progress, sink=sink)
    pages: dict[str, Page] = dict(fresh)
    index_changed = bool(removed) or any(rel not in old for rel in changed) or any(
        fresh[rel].info.aliases != old[rel].page.info.aliases for rel in changed if rel in old) or any(
        old[rel].page.info.aliases for rel in removed)
    relink = _to_relink({rel: p.digest for rel, p in kept.items()}, set(changed), removed, index_changed)
    stored = store.documents(sorted(relink))
    for rel in sorted(relink):
        if rel not in stored or stored[rel][0] != old[rel].digest:
            raise _Damaged  # rewritten by another build since
        doc = _document(stored[rel][1])
        fragment = finish(doc, index)
        pages[rel] = Page.made(doc, stored[rel][1], kept[rel].info, fragment)
    for rel, page in kept.items():
        pages.setdefault(rel, page)
    again = {rel: pages[rel] for rel in [*changed, *relink] if files.get(rel) is not None and rel not in sink.stored}
    # pages read now hold their text; the others' is in the store
    documents = None if all(p.doc and p.links_raw for p in pages.values()) else _pages(store.path, base, files)
    kb = compile_pages(str(root), rels, pages, problems, documents=documents, progress=progress)
    return kb, again, removed, len(changed) + len(relink)


def _row(page: Page, digest: str) -> cachefiles.Row:
    return page.path, digest, page.doc, serial.dumps(page.info), page.links_raw, page.finished_bytes()


class _Sink:
    """Writes each page into the store's open transaction as the workers finish it (the main process
    is idle then), so only what changes after reading is left to write at the end."""

    def __init__(self, store: cachefiles.PageStore, files: dict[str, str | None]) -> None:
        self.store, self.files, self.stored = store, files, set[str]()
        try:
            store.begin()
            self.writable = True
        except cachefiles.StoreError:  # read-only or locked: the pages are written at the end, or not at all
            self.writable = False

    def __call__(self, page: Page) -> None:
        digest = self.files.get(page.path)
        if digest is None or not self.writable:
            return
        try:
            self.store.put(_row(page, digest))
            self.stored.add(page.path)
        except cachefiles.StoreError:
            self.writable = False


def build(path: Path | str | None = None, exclude: Iterable[str] = (), *, use_cache: bool = True,
          workers: int | None = None, progress: Progress | None = None,
          cache_root: Path | None = None) -> tuple[KnowledgeBase, BuildStats]:
    """Compile the Markdown at `path` (default: the embedded content), reusing and updating the cache."""
    start = time.perf_counter()
    root = Path(path) if path is not None else default_content()
    exclude = tuple(exclude)
    if not use_cache:
        from fingerpost.kb.pipeline import compile_path  # start-up: a fresh cache needs no parser

        kb = compile_path(root, exclude, workers=workers, progress=progress)
        n = len(kb.documents)
        return kb, BuildStats("uncached", n, n, n, time.perf_counter() - start)
    if root.is_file():
        base, rels, problems = root.parent, [root.name], []
    else:
        base = root
        rels, problems = discover_relative(root, exclude)
    code = code_version()
    folder = cachefiles.folder_for(root, exclude, cache_root)
    why = cachetrust.distrust(folder)
    if why is None and cachetrust.secret() is None:
        why = f"its key {cache_dir() / cachetrust.KEY_NAME} cannot be read or created safely"
    if why is not None:
        return _without_cache(root, exclude, workers, progress, start, why)
    try:
        return _build_cached(root, base, rels, problems, code, folder, workers, progress, start)
    except OSError as exc:  # full, read-only or damaged in a way reading could not heal: costs speed only
        return _without_cache(root, exclude, workers, progress, start, f"{exc.strerror or exc}")


def _without_cache(root: Path, exclude: tuple[str, ...], workers: int | None, progress: Progress | None,
                   start: float, why: str) -> tuple[KnowledgeBase, BuildStats]:
    from fingerpost.kb.pipeline import compile_path

    kb = compile_path(root, exclude, workers=workers, progress=progress)
    n = len(kb.documents)
    note = f"the build cache is not used ({why}); building without it — fix or remove that folder to get the speed back"
    return kb, BuildStats("uncached", n, n, n, time.perf_counter() - start, note)


def _build_cached(root: Path, base: Path, rels: list[str], problems: list[Diagnostic], code: str, folder: Path,
                  workers: int | None, progress: Progress | None, start: float) -> tuple[KnowledgeBase, BuildStats]:
    with paused_gc():
        state = cachefiles.load(folder / "state.pickle", _State)
        if state is not None and (state.format != FORMAT or state.code != code):
            state = None
        hashed_at = time.time_ns()
        files, stamps, hashed = _hash_pages(code, str(base), rels, state)
        key = _kb_key(code, files, problems)
        if state is not None and state.key == key:
            with contextlib.suppress(OSError):
                if hashed:  # the new stamps save hashing those files next time
                    state.stamps, state.hashed_at = stamps, hashed_at
                    cachefiles.write(folder / "state.pickle", state)
                else:
                    os.utime(folder / "state.pickle")  # recently used: kept by cachefiles.prune
            kb = _from_state(state, str(root), folder, base)
            if kb is not None:
                return kb, BuildStats("fresh", len(files), 0, 0, time.perf_counter() - start)
        store = cachefiles.PageStore(folder / _STORE)
        try:
            try:
                old = _stored(store)
                kb, again, removed, relinked = _compile(root, base, files, problems, store, old, workers, progress)
            except _Damaged:
                store.reset()
                old = {}
                kb, again, removed, relinked = _compile(root, base, files, problems, store, old, workers, progress)
            status = "incremental" if old else "cold"
            read = len(files) if not old else sum(1 for rel, d in files.items() if rel not in old or old[rel].digest != d)
            _save(store, folder, files, again, removed, _State(FORMAT, key, code, dict(files), {}, kb._records,
                                                                 kb._summary, stamps, hashed_at), kb)
        finally:
            store.close()
    return kb, BuildStats(status, len(files), min(read, len(files)), relinked, time.perf_counter() - start)


def _save(store: cachefiles.PageStore, folder: Path, files: dict[str, str | None], again: dict[str, Page],
          removed: set[str], state: _State, kb: LazyKnowledgeBase) -> None:
    """Store the pages read or finished again, then the state; a read-only or full disk costs speed, not the build."""
    try:
        store.save((_row(p, files[rel]) for rel, p in again.items() if files.get(rel) is not None),  # type: ignore[arg-type]
                   removed)
        state.fields = {f.name: getattr(kb, f.name) for f in fields(KnowledgeBase) if f.name not in ("root", *_LAZY)}
        if None not in files.values():  # an unreadable page is read again next time
            cachefiles.write(folder / "state.pickle", state)
        cachefiles.prune(folder.parent, folder)
    except (OSError, cachefiles.StoreError):
        pass
