"""The pipeline: find pages → read → resolve links → extract → graph → lint.

    >>> kb = compile_path(default_content())           # doctest: +SKIP
    >>> sorted(o.id for o in kb.top_options())          # doctest: +SKIP

Pages are read by one process per core when there are many of them (`workers`); the
stages after reading run with the garbage collector paused, since they only allocate.
`kb.cache` wraps this pipeline with a content-hash cache.
"""

from __future__ import annotations

import fnmatch
import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from kb.errors import ContentError, Diagnostic

if TYPE_CHECKING:
    from kb.graph import KnowledgeBase
    from kb.records import Document, Records

__all__ = [
    "discover", "discover_relative", "read_page", "read_documents", "read_serialized", "compile_documents", "assemble", "compile_path",
    "default_content", "default_workers", "paused_gc", "Progress", "MAX_FILE_BYTES", "PARALLEL_MIN_PAGES",
]

Progress = Callable[[str, int, int], None]
"""`progress(phase, done, total)`: called as pages are read (phase `reading`) and once per later stage."""

PARALLEL_MIN_PAGES = 64
"""Fewer pages than this are read in this process: starting workers would cost more than it saves."""

PAGE_SUFFIXES = (".md", ".mdx", ".markdown")
MAX_FILE_BYTES = 16 * 1024 * 1024


def default_content() -> Path:
    """The embedded Rancher decision pack, wherever the project is installed."""
    from content import default_path

    return default_path()


def discover(root: Path, exclude: Iterable[str] = ()) -> tuple[list[Path], list[Diagnostic]]:
    """Markdown files below `root` (or `root` itself), sorted; links leading outside are reported."""
    if root.is_file():
        return [root], []
    rels, problems = discover_relative(root, exclude)
    return [root / rel for rel in rels], problems


def discover_relative(root: Path, exclude: Iterable[str] = ()) -> tuple[list[str], list[Diagnostic]]:
    """Like `discover` for a folder, as `/`-separated paths relative to it (fast: no Path objects).

    Order: a folder's files by name, then its sub-folders by name; hidden folders and
    `node_modules` are skipped, and symbolic links are followed only to files inside the root.
    """
    if not root.is_dir():
        raise ContentError(f"no such file or folder: {root}", hint="give the path of a Markdown file or a docs folder")
    patterns = list(exclude)
    problems: list[Diagnostic] = []
    real_root = os.path.realpath(root)
    found: list[str] = []

    def walk(folder: str, prefix: str) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        folders = []
        for entry in entries:
            name = entry.name
            if entry.is_dir(follow_symlinks=False) or (entry.is_symlink() and entry.is_dir()):
                if name.startswith(".") or name == "node_modules":
                    continue
                if not entry.is_symlink():
                    folders.append(entry)
                elif _outside(real_root, entry.path):  # a linked folder inside the root is already walked
                    problems.append(Diagnostic(prefix + name, 0, 1, "error", "outside-root",
                                               f"symbolic link to the folder {os.path.realpath(entry.path)}, outside "
                                               "the documentation folder; not read — link inside the tree"))
                continue
            if not name.lower().endswith(PAGE_SUFFIXES):
                continue
            rel = prefix + name
            if patterns and any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns):
                continue
            if entry.is_symlink() and _outside(real_root, entry.path):
                problems.append(Diagnostic(rel, 0, 1, "error", "outside-root",
                                           f"symbolic link to {os.path.realpath(entry.path)}, outside the "
                                           "documentation folder; not read — link inside the tree"))
                continue
            if not entry.is_file() and os.path.exists(entry.path):  # reading a pipe or device would never end
                problems.append(Diagnostic(rel, 0, 1, "error", "unreadable",
                                           "not a regular file (a pipe, socket or device); not read — remove it"))
                continue
            found.append(rel)
        for entry in folders:
            walk(entry.path, prefix + entry.name + "/")

    walk(str(root), "")
    return found, problems


def _outside(real_root: str, path: str) -> bool:
    """Whether `path`, with every symbolic link resolved, lies outside `real_root`."""
    return os.path.commonpath([real_root, os.path.realpath(path)]) != real_root


def default_workers() -> int:
    """One reader per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: building a large knowledge base creates no garbage worth
    collecting, and each full collection would walk every object built so far."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_page(base: Path, rel: str) -> Document:
    """Read the page at `base/rel`; an unreadable or oversized file becomes a page with a diagnostic."""
    from kb.read import read_bytes

    path = base / rel
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            doc = read_bytes(rel, b"")
            doc.problems.append(Diagnostic(rel, 1, 1, "error", "too-large",
                                           f"the file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit; not read"))
            return doc
        data = path.read_bytes()
    except OSError as exc:
        doc = read_bytes(rel, b"")
        doc.problems.append(Diagnostic(rel, 0, 1, "error", "unreadable", f"cannot read the file: {exc.strerror}"))
        return doc
    return read_bytes(rel, data)


def _read_chunk(base: Path, rels: list[str]) -> list[bytes]:
    """Worker: read pages and return them serialized (kb.serial), ready to cache or to load."""
    from kb import serial

    with paused_gc():
        return [serial.dumps(read_page(base, rel)) for rel in rels]


def _chunks(rels: list[str], workers: int) -> list[list[str]]:
    # Small enough chunks for an even finish and a lively progress bar, large enough to amortise the hand-over.
    size = max(4, min(64, len(rels) // (workers * 24) or 1))
    return [rels[i:i + size] for i in range(0, len(rels), size)]


def _pool_context() -> multiprocessing.context.BaseContext:
    # fork starts workers in milliseconds with everything imported; it is only safe with one thread.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def read_serialized(base: Path, rels: list[str], *, workers: int | None = None,
                    progress: Progress | None = None) -> Iterator[tuple[str, bytes]]:
    """(rel, the page at `base/rel` serialized with kb.serial), in order, read by `workers` processes.

    A generator: what the caller does with each page overlaps with the reading of later ones.
    """
    from kb import serial

    workers = default_workers() if workers is None else max(1, workers)
    total = len(rels)
    if workers == 1 or total < PARALLEL_MIN_PAGES:
        for i, rel in enumerate(rels):
            with paused_gc():
                data = serial.dumps(read_page(base, rel))
            if progress is not None:
                progress("reading", i + 1, total)
            yield rel, data
        return
    chunks = _chunks(rels, workers)
    done = 0
    with _pool_context().Pool(min(workers, len(chunks))) as pool:
        jobs = [pool.apply_async(_read_chunk, (base, chunk)) for chunk in chunks]
        for chunk, job in zip(chunks, jobs, strict=True):
            results = job.get()
            done += len(results)
            if progress is not None:
                progress("reading", done, total)
            yield from zip(chunk, results, strict=True)


def read_documents(root: Path, paths: list[Path], *, workers: int | None = None,
                   progress: Progress | None = None) -> list[Document]:
    """Read every page (in order), with one process per core when there are many."""
    from kb import serial

    base = root if root.is_dir() else root.parent
    rels = [p.relative_to(base).as_posix() for p in paths]
    workers = default_workers() if workers is None else max(1, workers)
    if workers == 1 or len(rels) < PARALLEL_MIN_PAGES:
        docs = []
        with paused_gc():
            for i, rel in enumerate(rels):
                docs.append(read_page(base, rel))
                if progress is not None:
                    progress("reading", i + 1, len(rels))
        return docs
    with paused_gc():
        return [serial.loads(data) for _, data in read_serialized(base, rels, workers=workers, progress=progress)]


def compile_documents(root: str, documents: list[Document], problems: Iterable[Diagnostic] = (),
                      progress: Progress | None = None) -> KnowledgeBase:
    """Resolve links, extract records, build the graph and lint it."""
    from kb.links import resolve_links

    with paused_gc():
        if progress is not None:
            progress("linking", 0, 0)
        resolve_links(documents)
        return assemble(root, documents, problems, progress)[0]


def assemble(root: str, documents: list[Document], problems: Iterable[Diagnostic] = (),
             progress: Progress | None = None) -> tuple[KnowledgeBase, Records]:
    """Extract records from pages whose links are resolved, build the graph and lint it."""
    from kb.extract import extract
    from kb.graph import build_graph
    from kb.lint import lint

    with paused_gc():
        if progress is not None:
            progress("extracting", 0, 0)
        records = extract(documents)
        if progress is not None:
            progress("graph", 0, 0)
        kb = build_graph(root, documents, records)
        kb.problems = lint(kb) + list(problems)
    return kb, records


def compile_path(path: Path | str | None = None, exclude: Iterable[str] = (), *, workers: int | None = None,
                 progress: Progress | None = None) -> KnowledgeBase:
    """Compile the Markdown at `path` (default: the embedded content) into a KnowledgeBase."""
    root = Path(path) if path is not None else default_content()
    paths, problems = discover(root, exclude)
    documents = read_documents(root, paths, workers=workers, progress=progress)
    return compile_documents(str(root), documents, problems, progress)
