"""Files of the build cache: where they live, reading them without trusting them, writing them atomically.

    >>> cache_dir().name
    'fingerpost'
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fingerpost.kb import cachetrust, serial
from fingerpost.kb.cachetrust import cache_dir
from fingerpost.kb.errors import StoreError
from fingerpost.kb.safeio import write_atomic

if TYPE_CHECKING:
    import sqlite3

__all__ = ["cache_dir", "folder_for", "load", "write", "prune", "PageStore", "StoreError", "MAX_ROOTS"]

MAX_ROOTS = 16
"""Docs roots kept in the cache; the least recently built are removed beyond this."""


def folder_for(root: Path, exclude: tuple[str, ...], base: Path | None = None) -> Path:
    """The cache folder of a docs root and exclude list (under `base`, default `cache_dir()`)."""
    name = hashlib.blake2b("\0".join((str(root.resolve()), *exclude)).encode(), digest_size=10).hexdigest()
    return (base or cache_dir()) / f"kb-{name}"


def load(path: Path, kind: type) -> Any:
    """The object stored at `path`, or None when it is missing, unreadable, not signed with this
    user's key (`kb.cachetrust`: never unpickled then) or not a `kind`."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            data = fh.read() if _regular(fd) else b""
    except OSError:
        return None
    data = cachetrust.verify(cachetrust.secret(), data)
    if data is None:
        return None
    try:
        obj = serial.loads(data)
    except Exception:  # a torn or foreign file: any unpickling error means "not cached"
        return None
    return obj if isinstance(obj, kind) else None


def _regular(fd: int) -> bool:
    import stat

    return stat.S_ISREG(os.fstat(fd).st_mode)


def _key(path: Path) -> bytes:
    """This user's cache signing key (`kb.cachetrust.secret`); OSError when there is none."""
    key = cachetrust.secret()
    if key is None:
        raise PermissionError(13, "the cache key cannot be read or created safely", str(cache_dir() / cachetrust.KEY_NAME))
    return key


def write(path: Path, obj: Any) -> None:
    """Write atomically and signed: a reader sees the old file or the new one, never half of one."""
    write_atomic(path, cachetrust.sign(_key(path), serial.dumps(obj)), mode=0o600, durable=False, folder_mode=0o700)


def prune(base: Path, keep: Path) -> None:
    """Drop the least recently built roots beyond MAX_ROOTS."""
    try:
        roots = [p for p in base.iterdir() if p.name.startswith("kb-") and p != keep]
    except OSError:
        return
    if len(roots) < MAX_ROOTS:
        return

    def built(p: Path) -> float:
        try:
            return (p / "state.pickle").stat().st_mtime
        except OSError:
            return 0.0

    for old in sorted(roots, key=built)[: len(roots) - MAX_ROOTS + 1]:
        shutil.rmtree(old, ignore_errors=True)


_SCHEMA = 3
"""Layout of the pages table; a file of another layout is emptied on first use."""

Row = tuple[str, str, bytes, bytes, bytes, bytes]
"""A stored page: path, content hash, the Document as read, its PageInfo, its resolved links,
its LinkDigest and extraction fragment."""


class PageStore:
    """The pages of one docs root in an SQLite file, a row each: a changed page rewrites its own row,
    not the whole cache. Rows are `Row`s: the Document compressed by kb.pages.pack, the rest
    kb.serial bytes.

    A file that is not a database, or is damaged, raises sqlite3.DatabaseError on use; `reset`
    removes it so the next build starts cold.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._secret: bytes | None = None

    def _signing_key(self) -> bytes:
        if self._secret is None:
            try:
                self._secret = _key(self.path)
            except OSError as exc:
                raise StoreError(f"{self.path}: {exc.strerror}") from exc
        return self._secret

    def _signed(self, row: Row) -> Row:
        key = self._signing_key()
        path, digest, doc, info, links, finished = row
        return (path, digest, cachetrust.sign(key, doc), cachetrust.sign(key, info), cachetrust.sign(key, links),
                cachetrust.sign(key, finished))

    def _verified(self, *blobs: bytes) -> tuple[bytes, ...] | None:
        """The blobs of a row without their signatures; None when one is not signed with our key
        (such a row is treated as missing: its page is read again)."""
        try:
            key = self._signing_key()
        except OSError:
            return None
        out = tuple(cachetrust.verify(key, b) for b in blobs)
        return None if any(b is None for b in out) else out  # type: ignore[return-value]

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            import sqlite3  # start-up: sqlite3 loads only when the page store is opened

            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            nofollow = getattr(os, "O_NOFOLLOW", 0)
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY | nofollow, 0o600))  # private, like the other cache files
            try:
                db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                db.execute("PRAGMA journal_mode=WAL")  # readers never wait for a build that is writing
                db.execute("PRAGMA synchronous=NORMAL")
                if db.execute("PRAGMA user_version").fetchone()[0] != _SCHEMA:  # another layout: start over
                    db.execute("DROP TABLE IF EXISTS pages")
                    db.execute(f"PRAGMA user_version = {_SCHEMA}")
                db.execute("CREATE TABLE IF NOT EXISTS pages (path TEXT PRIMARY KEY, digest TEXT NOT NULL, "
                           "doc BLOB NOT NULL, info BLOB NOT NULL, links BLOB NOT NULL, finished BLOB NOT NULL)")
            except sqlite3.DatabaseError as exc:
                if "not a database" in str(exc) or "malformed" in str(exc):
                    raise  # damaged: the caller resets the file
                raise StoreError(f"{self.path}: {exc}") from exc  # full, read-only, locked: costs speed only
            self._db = db
        return self._db

    def entries(self) -> dict[str, tuple[str, bytes, bytes]]:
        """Path → (content hash, PageInfo bytes, digest-and-fragment bytes), for every stored page."""
        if not self.path.exists():
            return {}
        rows = self._connect().execute("SELECT path, digest, info, finished FROM pages")
        out = {}
        for path, digest, info, finished in rows:
            blobs = self._verified(info, finished)
            if blobs is None:  # torn, or not written by this user: never unpickled; the caller starts cold
                raise ValueError(f"{self.path}: a stored page is not signed with this user's key")
            out[path] = (digest, *blobs)
        return out  # type: ignore[return-value]

    def documents(self, paths: Iterable[str] | None = None) -> dict[str, tuple[str, bytes, bytes]]:
        """Path → (content hash, Document bytes, links bytes), for `paths` (default all)."""
        if not self.path.exists():
            return {}
        db = self._connect()
        if paths is None:
            found = list(db.execute("SELECT path, digest, doc, links FROM pages"))
        else:
            found = []
            for path in paths:
                row = db.execute("SELECT digest, doc, links FROM pages WHERE path = ?", (path,)).fetchone()
                if row is not None:
                    found.append((path, *row))
        out = {}
        for path, digest, doc, links in found:
            blobs = self._verified(doc, links)
            if blobs is not None:
                out[path] = (digest, *blobs)
        return out  # type: ignore[return-value]

    def begin(self) -> None:
        """Start the transaction that `put` writes into and `save` commits; StoreError when the
        database cannot be written (read-only, full, locked too long)."""
        import sqlite3  # start-up: sqlite3 loads only when the page store is opened

        try:
            db = self._connect()
            if not db.in_transaction:
                db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: {exc}") from exc

    def put(self, row: Row) -> None:
        """Write one page into the transaction `begin` started."""
        import sqlite3  # start-up: sqlite3 loads only when the page store is opened

        try:
            self._connect().execute("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?, ?)", self._signed(row))
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: {exc}") from exc

    def save(self, rows: Iterable[Row], removed: Iterable[str] = ()) -> None:
        """Write pages and drop removed ones, then commit them with
        whatever `put` wrote, in one transaction; StoreError when the database cannot be written."""
        import sqlite3  # start-up: sqlite3 loads only when the page store is opened

        self.begin()
        db = self._connect()
        try:
            try:
                db.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?, ?)", (self._signed(r) for r in rows))
                db.executemany("DELETE FROM pages WHERE path = ?", ((p,) for p in removed))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: {exc}") from exc

    def close(self) -> None:
        """Close; a transaction not saved is rolled back."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def reset(self) -> None:
        """Remove the file (and SQLite's companions): the next use starts empty."""
        self.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                os.unlink(f"{self.path}{suffix}")
