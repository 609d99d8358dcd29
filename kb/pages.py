"""Pages through the pipeline, in two passes: read every page, then — once every page's anchors,
aliases and title are known — resolve its links and run the extraction rules on it.

    >>> pages, index = process(Path("docs"), ["a.md", "b.md"])      # doctest: +SKIP
    >>> pages["a.md"].fragment.records.options                       # doctest: +SKIP

Both passes are per page, so with many pages they run in one worker process per core: each
worker reads the pages the main process hands it (a few at a time, so the work stays even),
sends back what the index needs, receives the index, then finishes the pages it holds. The
main process only builds the index and collects bytes, so it never holds parsed pages.
A page's result (`Page`) is what the build cache stores for it.
"""

from __future__ import annotations

import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fingerpost.kb import serial
from fingerpost.kb.files import paused_gc, read_page
from fingerpost.kb.links import LinkDigest, LinkIndex, resolve
from fingerpost.kb.records import Document, Link, PageInfo

if TYPE_CHECKING:
    import multiprocessing
    from multiprocessing.connection import Connection

    from fingerpost.kb.extract import Fragment
    from fingerpost.kb.files import Progress
    from fingerpost.kb.links import LinkDigest, LinkIndex

__all__ = ["Page", "process", "finish", "pack", "unpack", "PARALLEL_MIN_PAGES"]

PARALLEL_MIN_PAGES = 64
"""Fewer pages than this are processed here: starting workers would cost more than it saves."""

_CHUNK = 16
"""Pages handed to a worker at a time."""


@dataclass(slots=True)
class Page:
    """One page's part of a knowledge base: what the build cache keeps for it."""

    path: str
    """Path relative to the knowledge-base root."""
    doc: bytes
    """The Document as read, links not yet resolved (`pack`); empty while it stays in the cache."""
    info: PageInfo
    """What the index and the graph's counts need of it."""
    links_raw: bytes
    """Its links, resolved (kb.serial); empty while they stay in the cache."""
    digest: LinkDigest
    """What lint, the graph's counts and the cache need of those links."""
    fragment: Fragment
    """What the extraction rules found on it."""
    finished: bytes | None = None
    """`digest` and `fragment` as kb.serial bytes, when they came that way (kept for the cache)."""

    @classmethod
    def of(cls, path: str, doc: bytes, info: PageInfo, links_raw: bytes, finished: bytes) -> Page:
        """A page whose digest and fragment arrive as bytes."""
        digest, fragment = serial.loads(finished)
        return cls(path, doc, info, links_raw, digest, fragment, finished)

    @classmethod
    def made(cls, doc: Document, raw: bytes, info: PageInfo, fragment: Fragment) -> Page:
        """The page of a Document just finished (its links resolved)."""
        return cls(doc.path, raw, info, serial.dumps(doc.links), LinkDigest.of(doc.path, doc.links), fragment)

    def finished_bytes(self) -> bytes:
        if self.finished is None:
            self.finished = serial.dumps((self.digest, self.fragment))
        return self.finished

    @property
    def links(self) -> list[Link]:
        """Its resolved links (loaded from `links_raw` on each call)."""
        links: list[Link] = serial.loads(self.links_raw)
        return links

    def document(self) -> Document:
        """The page as read, with its resolved links."""
        doc = unpack(self.doc)
        doc.links = self.links
        return doc


def pack(doc: Document) -> bytes:
    """A Document as compact bytes: kb.serial, compressed (page text is most of it, and compresses
    about 3.5 to 1 at the fastest level, which costs less than moving the bytes between processes)."""
    return zlib.compress(serial.dumps(doc), 1)


def unpack(data: bytes) -> Document:
    """The Document `pack` wrote; ValueError when the bytes are not one."""
    try:
        doc = serial.loads(zlib.decompress(data))
    except Exception as exc:  # torn or foreign bytes: any unpickling or zlib error
        raise ValueError("not a stored page") from exc
    if not isinstance(doc, Document):
        raise ValueError("not a stored page")
    return doc


def finish(doc: Document, index: LinkIndex, disable: Iterable[str] = ()) -> Fragment:
    """Second pass over a page: resolve its links in place and extract its records."""
    from fingerpost.kb.extract import extract_page  # start-up: markdown-it loads only when a page is extracted

    doc.links = [resolve(link, index) for link in doc.links]
    return extract_page(doc, index.titles, disable)


def process(base: Path, rels: Sequence[str], *, order: Sequence[str] | None = None,
            known: Mapping[str, PageInfo] | None = None, workers: int = 1, disable: Iterable[str] = (),
            progress: Progress | None = None, sink: Callable[[Page], None] | None = None,
            ) -> tuple[dict[str, Page], LinkIndex]:
    """Read and finish the pages `rels` of the folder `base`.

    The index covers `order` (default: `rels`), every page in it being either read now or in
    `known`; returns the pages read and that index. `sink` is given each page as it is finished
    (the build cache stores it while the workers go on).
    """
    known = known or {}
    order = list(order) if order is not None else list(rels)
    disable = tuple(disable)
    if workers > 1 and len(rels) >= PARALLEL_MIN_PAGES:
        return _in_workers(base, list(rels), order, known, workers, disable, progress, sink)

    docs: dict[str, Document] = {}
    raw: dict[str, bytes] = {}
    infos: dict[str, PageInfo] = {}
    with paused_gc():
        for i, rel in enumerate(rels):
            docs[rel] = read_page(base, rel)
            raw[rel], infos[rel] = pack(docs[rel]), PageInfo.of(docs[rel])
            if progress is not None:
                progress("reading", i + 1, len(rels))
        index = LinkIndex(infos[rel] if rel in infos else known[rel] for rel in order)
        pages = {}
        for i, rel in enumerate(rels):
            fragment = finish(docs[rel], index, disable)
            pages[rel] = Page.made(docs[rel], raw[rel], infos[rel], fragment)
            if sink is not None:
                sink(pages[rel])
            if progress is not None:
                progress("extracting", i + 1, len(rels))
    return pages, index


# ---- the worker processes -------------------------------------------------------------------

def _worker(conn: Connection, base: Path, disable: tuple[str, ...]) -> None:
    """Read the chunks of pages sent until an empty one, then finish them against the index sent."""
    try:
        with paused_gc():
            held: list[tuple[Document, PageInfo]] = []
            while rels := conn.recv():
                read = [(doc, PageInfo.of(doc)) for doc in (read_page(base, rel) for rel in rels)]
                held += read
                conn.send_bytes(serial.dumps([(doc.path, pack(doc), info) for doc, info in read]))
            index = serial.loads(conn.recv_bytes())
            for i in range(0, len(held), _CHUNK):
                pages = [Page.made(doc, b"", info, finish(doc, index, disable)) for doc, info in held[i:i + _CHUNK]]
                conn.send_bytes(serial.dumps([(p.path, p.links_raw, p.finished_bytes()) for p in pages]))
            conn.send_bytes(b"")
    except (EOFError, BrokenPipeError, KeyboardInterrupt):  # the main process went away or was interrupted
        pass
    finally:
        conn.close()


def _context() -> multiprocessing.context.BaseContext:
    import multiprocessing  # start-up: worker processes start only for many pages
    import threading  # start-up: worker processes start only for many pages

    # fork starts workers in milliseconds with everything imported; it is only safe with one thread.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _in_workers(base: Path, rels: list[str], order: list[str], known: Mapping[str, PageInfo], workers: int,
                disable: tuple[str, ...], progress: Progress | None,
                sink: Callable[[Page], None] | None) -> tuple[dict[str, Page], LinkIndex]:
    ctx = _context()
    chunks = deque(rels[i:i + _CHUNK] for i in range(0, len(rels), _CHUNK))
    conns, procs = [], []
    for _ in range(min(workers, len(chunks))):
        mine, theirs = ctx.Pipe()
        proc = ctx.Process(target=_worker, args=(theirs, base, disable), daemon=True)
        proc.start()
        theirs.close()
        conns.append(mine)
        procs.append(proc)
    try:
        with paused_gc():
            raw, infos = _first_pass(conns, chunks, len(rels), progress)
            index = LinkIndex(infos[rel] if rel in infos else known[rel] for rel in order)
            data = serial.dumps(index)
            for conn in conns:
                conn.send_bytes(data)
            pages: dict[str, Page] = {}
            for path, links_raw, finished in _second_pass(conns, len(rels), progress):
                pages[path] = Page.of(path, raw[path], infos[path], links_raw, finished)
                if sink is not None:
                    sink(pages[path])
        for proc in procs:
            proc.join()
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.kill()
        for conn in conns:
            conn.close()
    return {rel: pages[rel] for rel in rels}, index


def _first_pass(conns: list[Connection], chunks: deque[list[str]], total: int,
                progress: Progress | None) -> tuple[dict[str, bytes], dict[str, PageInfo]]:
    """Hand out chunks of pages (two in flight per worker) and collect what each read."""
    from multiprocessing.connection import wait  # start-up: worker processes start only for many pages

    raw: dict[str, bytes] = {}
    infos: dict[str, PageInfo] = {}
    busy: dict[Connection, int] = {}
    for conn in conns:
        busy[conn] = 0
        for _ in range(2):
            if chunks:
                conn.send(chunks.popleft())
                busy[conn] += 1
    while any(busy.values()):
        for conn in wait([c for c, n in busy.items() if n]):
            for path, doc, info in _receive(conn):
                raw[path], infos[path] = doc, info
            busy[conn] -= 1  # type: ignore[index]
            if chunks:
                conn.send(chunks.popleft())  # type: ignore[union-attr]
                busy[conn] += 1  # type: ignore[index]
            if progress is not None:
                progress("reading", len(raw), total)
    for conn in conns:
        conn.send([])
    return raw, infos


def _second_pass(conns: list[Connection], total: int, progress: Progress | None) -> Iterator[tuple[Any, ...]]:
    """What the workers finished, as it comes, until each says it is done."""
    from multiprocessing.connection import wait  # start-up: worker processes start only for many pages

    open_ = list(conns)
    done = 0
    while open_:
        for conn in wait(open_):
            try:
                data = conn.recv_bytes()  # type: ignore[union-attr]
            except EOFError:
                raise RuntimeError("a page-reading worker process stopped unexpectedly") from None
            if not data:
                open_.remove(conn)  # type: ignore[arg-type]
                continue
            batch = serial.loads(data)
            done += len(batch)
            yield from batch
            if progress is not None:
                progress("extracting", done, total)


def _receive(conn: Any) -> list[tuple[str, bytes, PageInfo]]:
    try:
        return serial.loads(conn.recv_bytes())
    except EOFError:
        raise RuntimeError("a page-reading worker process stopped unexpectedly") from None
