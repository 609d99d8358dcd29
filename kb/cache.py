"""The build cache: pages parsed once per content hash, the compiled knowledge base once per set of them.

    >>> kb, stats = build("docs/")          # doctest: +SKIP
    >>> stats.status                        # doctest: +SKIP
    'cold'                                  # every page read, one process per core
    >>> build("docs/")[1].status            # doctest: +SKIP
    'fresh'                                 # nothing changed: the compiled state is loaded

One folder per docs root (and exclude list) under `cache_dir()`:

    kb-<root key>/pages.pickle   per page: content hash, parse result (kb.serial), resolved links
    kb-<root key>/state.pickle   the knowledge base without its pages and graph, its records and
                                 summary, and the hash of every page; named by a key over all of them

Every hash includes `code_version()` — the `kb` package's source, the parser libraries and Python —
so changed code never meets an old cache. After a change, only changed pages are parsed again and
only pages whose links can lead to a changed, added or removed page have their links resolved
again; extraction, graph and lint run over the whole set (extraction rules see every page).
A cache file that cannot be read is ignored and rewritten; files are written under a temporary
name and renamed into place. A knowledge base loaded from the cache reads its pages and builds
its graph on first use, so commands that only reason over the records never import the parser
or networkx.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import sys
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from kb import cachefiles, serial
from kb.build import MAX_FILE_BYTES, Progress, default_content, discover_relative, paused_gc
from kb.cachefiles import cache_dir
from kb.errors import Diagnostic
from kb.graph import KnowledgeBase
from kb.records import Document, Link, Records

__all__ = ["build", "compile_cached", "cache_dir", "code_version", "BuildStats", "CachedKnowledgeBase",
           "FORMAT"]

FORMAT = 1
"""Version of the cache layout; part of every key."""

_LAZY = ("graph", "documents")
_PAGE_EXT = (".md", ".mdx")
Entry = tuple[str, bytes, bytes]
"""A cached page: content hash, the Document as parsed, its resolved links."""


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


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of everything that shapes a compiled page: the `kb` sources, parser libraries, Python."""
    h = hashlib.blake2b(f"{FORMAT}|{sys.version}".encode(), digest_size=16)
    package = Path(__file__).resolve().parent
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
    try:
        with open(os.path.join(base, rel), "rb") as fh:
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

class _Pages(Mapping[str, Document]):
    """The pages of a cached knowledge base, read from the cache on first use."""

    def __init__(self, folder: Path, key: str, base: Path, files: dict[str, str]) -> None:
        self._folder, self._key, self._base, self._files = folder, key, base, files
        self._docs: dict[str, Document] | None = None

    def _load(self) -> dict[str, Document]:
        if self._docs is None:
            pack = cachefiles.load(self._folder / "pages.pickle", dict)
            with paused_gc():
                try:
                    if pack is None or pack.get("key") != self._key:
                        raise LookupError("rebuilt by another process since")
                    self._docs = {rel: _restore(pack["pages"][rel]) for rel in self._files}
                except Exception:  # changed or damaged since the state was read: read the pages from their files
                    from kb.build import read_documents
                    from kb.links import resolve_links

                    docs = read_documents(self._base, [self._base / rel for rel in self._files])
                    resolve_links(docs)
                    self._docs = {d.path: d for d in docs}
        return self._docs

    def __getitem__(self, rel: str) -> Document:
        return self._load()[rel]

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)

    def __contains__(self, rel: object) -> bool:
        return rel in self._files


def _restore(entry: Entry) -> Document:
    doc: Document = serial.loads(entry[1])
    doc.links = serial.loads(entry[2])
    return doc


class CachedKnowledgeBase(KnowledgeBase):
    """A KnowledgeBase from the cache: its pages are read and its graph built on first use."""

    _records: Records
    _summary: dict[str, int]

    @property  # type: ignore[override]
    def graph(self) -> Any:
        g = self.__dict__.get("graph")
        if g is None:
            from kb.graph import build_graph

            with paused_gc():
                g = build_graph(self.root, list(self.documents.values()), self._records).graph
            self.__dict__["graph"] = g
        return g

    @graph.setter
    def graph(self, value: Any) -> None:
        self.__dict__["graph"] = value

    def summary(self) -> dict[str, int]:
        """Counted once, when the knowledge base was compiled (counting a large graph takes a while)."""
        return dict(self._summary)


def _keep(kb: KnowledgeBase, records: Records) -> CachedKnowledgeBase:
    """The compiled knowledge base as a CachedKnowledgeBase, with its summary counted."""
    out = CachedKnowledgeBase.__new__(CachedKnowledgeBase)
    out.__dict__.update(kb.__dict__)
    out._records = records
    out._summary = kb.summary()
    return out


def _from_state(state: _State, root: str, folder: Path, base: Path) -> CachedKnowledgeBase | None:
    """The knowledge base a state holds; None when the state does not fit this code after all."""
    try:
        kb = CachedKnowledgeBase(root=root, graph=None, documents=_Pages(folder, state.key, base, state.files),
                                 **state.fields)
    except TypeError:
        return None
    kb._records = state.records
    kb._summary = dict(state.summary)
    return kb


# ---- building --------------------------------------------------------------------------------

def _to_relink(old: dict[str, list[Link]], changed: set[str], removed: set[str], index_changed: bool) -> set[str]:
    """Unchanged pages whose links can resolve differently now: they point at a changed or removed
    page, or — when pages came or went or aliases changed — they did not resolve, or went through
    the site-path look-up that a new page can win."""
    touched = changed | removed
    out: set[str] = set()
    for rel, links in old.items():
        for link in links:
            if link.resolved in touched:
                out.add(rel)
                break
            if index_changed and (link.kind in ("unresolved", "missing-page") or _site_link(link)):
                out.add(rel)
                break
    return out


def _site_link(link: Link) -> bool:
    """A resolved link written as a site path (`../install/`), not as a file: a new page may now win it."""
    target = link.target.strip().split("#", 1)[0].split("?", 1)[0]
    return link.kind in ("page", "missing-anchor") and bool(target) and not target.endswith(_PAGE_EXT)


class _Damaged(Exception):
    """A cached page could not be loaded."""


def _entries(pack: dict[str, Any] | None) -> dict[str, Entry]:
    """The well-formed entries of a pages file (none if it is missing or damaged)."""
    pages = pack.get("pages") if pack is not None else None
    if not isinstance(pages, dict):
        return {}
    return {rel: e for rel, e in pages.items() if isinstance(rel, str) and isinstance(e, tuple) and len(e) == 3
            and isinstance(e[0], str) and isinstance(e[1], bytes) and isinstance(e[2], bytes)}


def _cached_page(entry: Entry) -> tuple[Document, list[Link]]:
    """A cached page as parsed and its stored links; _Damaged when the bytes do not load."""
    try:
        doc, links = serial.loads(entry[1]), serial.loads(entry[2])
    except Exception as exc:  # any unpickling error: the entry is unusable
        raise _Damaged from exc
    if not isinstance(doc, Document) or not isinstance(links, list):
        raise _Damaged
    return doc, links


def _aliases(entry: Entry | None) -> tuple[str, ...]:
    return _cached_page(entry)[0].aliases if entry is not None else ()


def _compile(root: Path, base: Path, files: dict[str, str | None], problems: list[Diagnostic],
             cached: dict[str, Entry], workers: int | None, progress: Progress | None,
             ) -> tuple[KnowledgeBase, Records, dict[str, Entry], int, int]:
    """Build from the cached pages plus the changed ones; returns the pages to cache and counts."""
    from kb.build import assemble, read_serialized
    from kb.links import resolve_links

    changed = [rel for rel, digest in files.items() if digest is None or cached.get(rel, ("",))[0] != digest]
    parsed: dict[str, bytes] = {}
    fresh: dict[str, Document] = {}
    for rel, data in read_serialized(base, changed, workers=workers, progress=progress):
        parsed[rel], fresh[rel] = data, serial.loads(data)  # loaded while the workers read on
    removed = set(cached) - set(files)
    if progress is not None:
        progress("linking", 0, 0)
    docs: dict[str, Document] = {}
    old_links: dict[str, list[Link]] = {}
    for rel in files:
        if rel in fresh:
            docs[rel] = fresh[rel]
        else:
            docs[rel], old_links[rel] = _cached_page(cached[rel])
    if not cached or len(changed) * 4 > len(files):
        relink = set(files)
    else:
        index_changed = bool(removed) or any(rel not in cached for rel in changed) or any(
            docs[rel].aliases != _aliases(cached.get(rel)) for rel in changed) or any(
            _aliases(cached[rel]) for rel in removed)
        relink = set(changed) | _to_relink(old_links, set(changed), removed, index_changed)
    for rel, links in old_links.items():
        if rel not in relink:
            docs[rel].links = links
    doc_list = list(docs.values())
    resolve_links(doc_list, only=[docs[rel] for rel in relink])
    kb, records = assemble(str(root), doc_list, problems, progress)
    pages: dict[str, Entry] = {}
    for rel, digest in files.items():
        if digest is not None:
            raw = parsed[rel] if rel in parsed else cached[rel][1]
            links = serial.dumps(docs[rel].links) if rel in relink else cached[rel][2]
            pages[rel] = (digest, raw, links)
    return kb, records, pages, len(changed), len(relink)


def build(path: Path | str | None = None, exclude: Iterable[str] = (), *, use_cache: bool = True,
          workers: int | None = None, progress: Progress | None = None,
          cache_root: Path | None = None) -> tuple[KnowledgeBase, BuildStats]:
    """Compile the Markdown at `path` (default: the embedded content), reusing and updating the cache."""
    start = time.perf_counter()
    root = Path(path) if path is not None else default_content()
    exclude = tuple(exclude)
    if not use_cache:
        from kb.build import compile_path

        kb = compile_path(root, exclude, workers=workers, progress=progress)
        n = len(kb.documents)
        return kb, BuildStats("uncached", n, n, n, time.perf_counter() - start)
    if root.is_file():
        base, rels, problems = root.parent, [root.name], []
    else:
        base = root
        rels, problems = discover_relative(root, exclude)
    code = code_version()
    files = {rel: _page_hash(code, str(base), rel) for rel in rels}
    key = _kb_key(code, files, problems)
    folder = cachefiles.folder_for(root, exclude, cache_root)
    with paused_gc():
        state = cachefiles.load(folder / "state.pickle", _State)
        if state is not None and state.format == FORMAT and state.key == key:
            with contextlib.suppress(OSError):
                os.utime(folder / "state.pickle")  # recently used: kept by cachefiles.prune
            kb = _from_state(state, str(root), folder, base)
            if kb is not None:
                return kb, BuildStats("fresh", len(files), 0, 0, time.perf_counter() - start)
        cached = _entries(cachefiles.load(folder / "pages.pickle", dict))
        try:
            built, records, pages, read, relinked = _compile(root, base, files, problems, cached, workers, progress)
        except _Damaged:
            cached = {}
            built, records, pages, read, relinked = _compile(root, base, files, problems, cached, workers, progress)
        kb = _keep(built, records)
        status = "incremental" if cached else "cold"
        try:
            cachefiles.write(folder / "pages.pickle", {"key": key, "pages": pages})
            data = {f.name: getattr(kb, f.name) for f in fields(KnowledgeBase) if f.name not in ("root", *_LAZY)}
            if None not in files.values():  # an unreadable page is read again next time
                cachefiles.write(folder / "state.pickle", _State(FORMAT, key, code, dict(files), data, records, kb._summary))
            cachefiles.prune(folder.parent, folder)
        except OSError:
            pass  # a read-only or full disk costs speed, not the build
    return kb, BuildStats(status, len(files), read, relinked, time.perf_counter() - start)


def compile_cached(path: Path | str | None = None, exclude: Iterable[str] = (), **options: Any) -> KnowledgeBase:
    """`build(...)` without the statistics."""
    return build(path, exclude, **options)[0]
