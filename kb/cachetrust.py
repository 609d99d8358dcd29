"""Trusting the build cache: only folders and files of our own, and only bytes we signed.

    >>> blob = sign(b"k" * 32, b"payload")
    >>> verify(b"k" * 32, blob)
    b'payload'
    >>> verify(b"x" * 32, blob) is None
    True

What the cache holds is unpickled, and unpickling can run code, so nothing is unpickled unless
it carries a keyed hash (BLAKE2b) made with a secret that only this user can read: 32 random
bytes in `$XDG_CACHE_HOME/fingerpost/key`, a regular file of mode 0600. A file planted by someone else cannot carry
it. As ssh does for its keys and git for `safe.directory`, a cache folder or file that is not
the user's own, is a symbolic link, or can be written by group or others is not used at all:
the build then runs without the cache (slower, never different) and says so in one line.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import stat
from pathlib import Path

__all__ = ["sign", "verify", "secret", "distrust", "KEY_NAME"]

KEY_NAME = "key"
_MAGIC = b"fpsig1"
_MAC = 32

_keys: dict[str, bytes] = {}


def sign(key: bytes, data: bytes) -> bytes:
    """`data` with a keyed hash in front."""
    return _MAGIC + hashlib.blake2b(data, key=key, digest_size=_MAC).digest() + data


def verify(key: bytes | None, blob: bytes) -> bytes | None:
    """The data `sign` wrapped with this key, or None when the blob is not one (unsigned, foreign, torn)."""
    if key is None or not isinstance(blob, (bytes, bytearray, memoryview)):
        return None
    blob = bytes(blob)
    head = len(_MAGIC) + _MAC
    if len(blob) < head or not blob.startswith(_MAGIC):
        return None
    data = blob[head:]
    mac = hashlib.blake2b(data, key=key, digest_size=_MAC).digest()
    return data if hmac.compare_digest(mac, blob[len(_MAGIC):head]) else None


def _unsafe(st: os.stat_result, what: str, path: Path, kind: str) -> str | None:
    if stat.S_ISLNK(st.st_mode):
        return f"{path} is a symbolic link"
    if kind == "dir" and not stat.S_ISDIR(st.st_mode):
        return f"{path} is not a folder"
    if kind == "file" and not stat.S_ISREG(st.st_mode):
        return f"{path} is not a regular file"
    if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        return f"{what} {path} belongs to another user (uid {st.st_uid})"
    if st.st_mode & 0o022:
        return f"{what} {path} can be written by other users (mode {stat.S_IMODE(st.st_mode):o})"
    return None


def distrust(folder: Path) -> str | None:
    """Why the cache folder `folder` (`<cache>/kb-…`) and what it holds must not be used, or None.

    Creates the cache folders (mode 0700) when they are missing."""
    base = folder.parent
    home = _home()
    for path in dict.fromkeys((home, base, folder)):
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            pass
        except FileNotFoundError:
            try:
                path.mkdir(parents=True, exist_ok=True, mode=0o700)
            except OSError as exc:
                return f"cannot create {path}: {exc.strerror}"
        except OSError as exc:
            return f"cannot create {path}: {exc.strerror}"
        try:
            why = _unsafe(os.lstat(path), "the cache folder", path, "dir")
        except OSError as exc:
            return f"cannot use {path}: {exc.strerror}"
        if why:
            return why
    try:
        names = os.listdir(folder)
    except OSError as exc:
        return f"cannot read {folder}: {exc.strerror}"
    why = _checked(home / KEY_NAME)
    if why:
        return why
    for name in names:
        if name.startswith(".tmp-"):
            continue
        why = _checked(folder / name)
        if why:
            return why
    return None


def _checked(path: Path) -> str | None:
    try:
        return _unsafe(os.lstat(path), "the cache file", path, "file")
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"cannot use {path}: {exc.strerror}"


def cache_dir() -> Path:
    """`$XDG_CACHE_HOME/fingerpost`, or `~/.cache/fingerpost`."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "fingerpost"


def _home() -> Path:
    return cache_dir()


def secret() -> bytes | None:
    """This user's signing key, kept in `cache_dir()/key` (created on first use); None when it
    cannot be read or created safely (the cache is then neither read nor written)."""
    base = _home()
    path = base / KEY_NAME
    cached = _keys.get(str(path))
    if cached is not None:
        return cached
    nofollow = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    if not os.path.lexists(path):  # written in full under a private name, then linked: never seen half-written
        tmp = base / f".tmp-key-{os.getpid()}-{os.urandom(4).hex()}"
        try:
            base.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | nofollow, 0o600)
            try:
                os.write(fd, os.urandom(32))
                os.fsync(fd)
            finally:
                os.close(fd)
            try:
                os.link(tmp, path)
            except FileExistsError:  # another build made it first: use theirs
                pass
        except OSError:
            return None
        finally:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    try:
        fd = os.open(path, os.O_RDONLY | nofollow)
    except OSError:
        return None
    try:
        if _unsafe(os.fstat(fd), "the cache key", path, "file") or stat.S_IMODE(os.fstat(fd).st_mode) & 0o077:
            return None
        key = os.read(fd, 64)
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(key) != 32:
        return None
    _keys[str(path)] = key
    return key
