"""Files of the build cache: where they live, reading them without trusting them, writing them atomically.

    >>> cache_dir().name
    'fingerpost'
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from kb import serial

__all__ = ["cache_dir", "folder_for", "load", "write", "prune", "MAX_ROOTS"]

MAX_ROOTS = 16
"""Docs roots kept in the cache; the least recently built are removed beyond this."""


def cache_dir() -> Path:
    """`$XDG_CACHE_HOME/fingerpost`, or `~/.cache/fingerpost`."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "fingerpost"


def folder_for(root: Path, exclude: tuple[str, ...], base: Path | None = None) -> Path:
    """The cache folder of a docs root and exclude list (under `base`, default `cache_dir()`)."""
    name = hashlib.blake2b("\0".join((str(root.resolve()), *exclude)).encode(), digest_size=10).hexdigest()
    return (base or cache_dir()) / f"kb-{name}"


def load(path: Path, kind: type) -> Any:
    """The object stored at `path`, or None when it is missing, unreadable or not a `kind`."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        obj = serial.loads(data)
    except Exception:  # a torn or foreign file: any unpickling error means "not cached"
        return None
    return obj if isinstance(obj, kind) else None


def write(path: Path, obj: Any) -> None:
    """Write atomically: a reader sees the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            serial.dump(obj, fh)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


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
