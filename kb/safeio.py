"""Files and text that cannot be turned against the person running fingerpost.

    >>> print(clean("title\\x1b]0;pwned\\x07"))
    title\\u001b]0;pwned\\u0007
    >>> slug("../../etc/x")
    'etc-x'

- `write_atomic` writes through a temporary file in the same folder, then `os.replace`: a
  planted symbolic link at the target is replaced, never written through, and a reader (or a
  full disk) sees the old file or the new one, never half of one. A device or pipe named as the
  output (`/dev/stdout`) is written to as it is.
- `open_regular` opens once and checks what was opened (a regular file, inside the root when
  one is given) before a byte is read, so a page swapped for a symbolic link or a pipe after
  it was found is refused, never read or waited on.
- `clean` makes control characters, escape sequences and lone surrogates visible, so text from
  content or file names cannot drive the terminal; `CleanStream` applies it to a stream.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from fingerpost.kb.errors import NotRegular

__all__ = ["write_atomic", "open_regular", "read_regular", "NotRegular", "clean", "CleanStream", "slug",
           "UNSAFE_TEXT"]


# ---- text ------------------------------------------------------------------------------------

UNSAFE_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
"""Characters a terminal may act on (C0 but tab and newline, DEL, C1) and lone surrogates."""


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}"  # valid inside a JSON string too


def clean(text: str) -> str:
    """`text` with every control character (but newline and tab) and lone surrogate written as
    a visible escape (`\\u001b`): an escape sequence then prints as text and does nothing."""
    return UNSAFE_TEXT.sub(_visible, text) if UNSAFE_TEXT.search(text) else text


class CleanStream(io.TextIOBase):
    """A text stream that writes `clean(text)` to the stream it wraps (the CLI's stdout and stderr)."""

    def __init__(self, raw: IO[str]) -> None:
        self.raw = raw

    def write(self, text: str) -> int:  # type: ignore[override]
        self.raw.write(clean(text))
        return len(text)

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def fileno(self) -> int:
        return self.raw.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.raw, "encoding", "utf-8")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


def slug(text: str, default: str = "decision") -> str:
    """A file-name-safe form of `text`: letters, digits, `.`, `_`, `-` only, no leading dot."""
    out = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.")
    out = re.sub(r"\.{2,}", ".", out)
    return out[:80] or default


# ---- writing ---------------------------------------------------------------------------------

def write_atomic(path: str | Path, data: str | bytes | Callable[[IO[bytes]], None], *, mode: int = 0o644,
                 durable: bool = True, folder_mode: int | None = None) -> None:
    """Write `data` (text as UTF-8, bytes, or a function writing to the open file) to `path`
    through a temporary file beside it and `os.replace`: a reader, or a crash, sees the old file
    or the new one and never half of one.

    A symbolic link at `path` is replaced, not followed. An existing device or pipe (`/dev/stdout`)
    is written to directly. OSError (ENOSPC, EROFS, …) names `path` and leaves the old file as it
    was. `durable` also fsyncs the file and its folder (sessions, exports); a cache that can be
    rebuilt skips that. A missing folder is made (with `folder_mode`) only when `folder_mode` is
    given; else it is an error, as for any file named on the command line.
    """
    target = Path(path)
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        st = None
    if st is not None and (stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
        _write_through(target, data)
        return
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(21, "Is a directory", str(target))
    try:
        if st is None and folder_mode is not None:
            target.parent.mkdir(parents=True, exist_ok=True, mode=folder_mode)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:60]}.", suffix=".tmp", dir=target.parent or ".")
    except OSError as exc:  # name the file asked for, not the temporary one
        raise OSError(exc.errno, exc.strerror, str(target)) from None
    try:
        with open(fd, "wb", closefd=True) as fh:
            if callable(data):
                data(fh)
            else:
                fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, mode & ~_umask())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OSError(exc.errno, exc.strerror, str(target)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        _fsync_dir(target.parent)


def _write_through(target: Path, data: str | bytes | Callable[[IO[bytes]], None]) -> None:
    """Write to a device or a pipe as it is: it has no folder to swap a file in."""
    fd = os.open(target, os.O_WRONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    with open(fd, "wb", closefd=True) as fh:
        if callable(data):
            data(fh)
        else:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)


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


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# ---- reading ---------------------------------------------------------------------------------

def _inside(root: str, path: str) -> bool:
    return os.path.commonpath([root, path]) == root


def open_regular(path: str | Path, root: str | Path | None = None) -> int:
    """A file descriptor on `path`, opened once without blocking, after checking that what was
    opened is a regular file (and, with `root`, that its real location is inside `root`).

    Raises NotRegular or OSError; the caller closes the descriptor.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegular(0, "not a regular file (a pipe, socket or device)", str(path))
        if root is not None:
            real_root = os.path.realpath(root)
            try:
                where = os.readlink(f"/proc/self/fd/{fd}")  # the file actually opened
            except OSError:  # no /proc: compare with what the name resolves to now
                where = os.path.realpath(path)
                now = os.stat(where)
                if (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
                    raise NotRegular(0, "the file changed while it was opened", str(path)) from None
            if not _inside(real_root, where):
                raise NotRegular(0, f"leads outside the documentation folder (to {where})", str(path))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(path: str | Path, root: str | Path | None = None, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file (see `open_regular`), read from the one descriptor opened;
    with `max_bytes`, OSError(EFBIG) when it is larger."""
    fd = open_regular(path, root)
    with open(fd, "rb", closefd=True) as fh:
        if max_bytes is not None:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                import errno

                raise OSError(errno.EFBIG, f"the file is {size:,} bytes, over the {max_bytes:,}-byte limit",
                              str(path))
            data = fh.read(max_bytes + 1)
            if len(data) > max_bytes:
                import errno

                raise OSError(errno.EFBIG, f"the file is over the {max_bytes:,}-byte limit", str(path))
            return data
        return fh.read()
