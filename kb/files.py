"""The docs folder's files: which pages a build reads (`discover`), reading one (`read_page`), and
what every stage of a build shares (the progress callback, the number of workers, `paused_gc`);
and the one way fingerpost writes a file that must never be seen half-written (`write_atomic`).

    >>> discover_relative(default_content())[0][:1]            # doctest: +SKIP
    ['architecture.md']

`kb.pipeline` runs the stages over these pages; `kb.cache` wraps it with a content-hash cache.
"""

from __future__ import annotations

import contextlib
import fnmatch
import gc
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING

from fingerpost.content import default_path
from fingerpost.kb.errors import ContentError, Diagnostic

if TYPE_CHECKING:
    from fingerpost.kb.records import Document

__all__ = [
    "discover", "discover_relative", "read_page", "default_content", "default_workers", "paused_gc", "Progress",
    "MAX_FILE_BYTES", "write_atomic",
]

Progress = Callable[[str, int, int], None]
"""`progress(phase, done, total)`: called per page as pages are read (`reading`) and finished
(`extracting`), and once as the knowledge base is assembled (`assembling`)."""

PAGE_SUFFIXES = (".md", ".mdx", ".markdown")
MAX_FILE_BYTES = 16 * 1024 * 1024


def default_content() -> Path:
    """The embedded Rancher decision pack, wherever the project is installed."""
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
    from fingerpost.kb.read import read_bytes  # start-up: markdown-it loads only when a page is read

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


def write_atomic(path: Path, data: bytes | str | Callable[[IO[bytes]], None], *, durable: bool = True,
                 folder_mode: int = 0o777) -> None:
    """Write `data` (bytes, text as UTF-8, or a function writing to the open file) to `path` so that
    a reader, or a crash, sees the old file or the new one and never half of one: a temporary
    file beside it, then `os.replace`. `durable` also fsyncs the file and its folder (sessions,
    exports); a cache that can be rebuilt skips that."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=folder_mode)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            if callable(data):
                data(fh)
            else:
                fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
