"""Who may write a session file: an advisory lock held by the one chat that writes it.

    >>> lock = claim(Path("lab.json"))            # doctest: +SKIP
    >>> lock.held, lock.path.name                  # doctest: +SKIP
    (True, 'lab.json.lock')
    >>> claim(Path("lab.json"))                    # from another process, while the first runs  # doctest: +SKIP
    Holder(pid=4242)

A chat takes `fcntl.flock` on `<session>.lock` beside the session file and keeps it until it
ends. The kernel lets go of the lock when the process dies in any way (SIGKILL included), so a
lock can never go stale: a lock file left behind by a killed chat is simply taken again. The lock
file records the holder's pid, to name it in messages. A clean release removes the file; since
another process may be waiting to lock that very file, whoever locks it checks that the name
still points to the file it locked, and tries again when it does not.

Where locking is not possible (no `fcntl`, a filesystem that refuses `flock`, a folder that
cannot be written) `claim` returns a lock that is not held, with `note` saying why; the chat then
works as it did without locks.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # not a POSIX system: sessions are not locked (see docs/chat.md)
    fcntl = None  # type: ignore[assignment]

__all__ = ["Holder", "SessionLock", "claim", "holder_of", "lock_path", "held_message"]

_REFUSED = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL}
"""flock errors that mean "this filesystem does not lock", not "someone holds it"."""


@dataclass(slots=True, frozen=True)
class Holder:
    """Another open file (normally another fingerpost process) holds the session."""

    pid: int | None
    """The pid it recorded in the lock file (None when it could not be read)."""


class SessionLock:
    """The lock on one session file, held until `release` (or the end of the process)."""

    def __init__(self, path: Path, fd: int | None, note: str = "") -> None:
        self.path = path
        """The lock file, `<session>.lock`."""
        self.note = note
        """Why the session is not locked, when it could not be ("" otherwise, or when quietly unlocked)."""
        self._fd = fd

    @property
    def held(self) -> bool:
        """True when this process holds the lock."""
        return self._fd is not None

    def release(self) -> None:
        """Remove the lock file and let go of the lock (nothing when not held)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            os.unlink(self.path)  # while still locked: a waiting process re-checks the name
        except OSError:
            pass
        os.close(fd)

    def __enter__(self) -> SessionLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __repr__(self) -> str:
        return f"SessionLock({str(self.path)!r}, held={self.held})"


def lock_path(session: Path) -> Path:
    """The lock file of a session file: `lab.json` → `lab.json.lock`."""
    return session.with_name(session.name + ".lock")


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def _same_file(fd: int, path: Path) -> bool:
    try:
        st = os.stat(path)
    except OSError:
        return False
    mine = os.fstat(fd)
    return (st.st_dev, st.st_ino) == (mine.st_dev, mine.st_ino)


def claim(session: Path) -> SessionLock | Holder:
    """Lock `session` for this process, or say who holds it.

    Returns a held SessionLock, a Holder when another open file holds it, or a SessionLock that
    is not held when this system or folder cannot lock (its `note` says why when that is a surprise).
    """
    path = lock_path(session)
    if fcntl is None:
        return SessionLock(path, None)
    for _ in range(100):  # another chat removing its lock file as we open it: open the new one
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0),
                         0o600)
        except OSError as exc:  # a folder that cannot be written: saving will say so
            if exc.errno == errno.ELOOP:  # a planted symbolic link: remove the link, never write through it
                try:
                    os.unlink(path)
                    continue
                except OSError:
                    pass
            return SessionLock(path, None)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = _read_pid(fd)
            os.close(fd)
            return Holder(pid)
        except OSError as exc:
            os.close(fd)
            if exc.errno in _REFUSED:
                return SessionLock(path, None, f"{session.parent} cannot be locked ({exc.strerror}), so another "
                                               "chat on this session could overwrite it.")
            return SessionLock(path, None)
        if not _same_file(fd, path) or not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            continue
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        except OSError:
            pass  # the pid only names the holder in messages
        return SessionLock(path, fd)
    return SessionLock(path, None)


def holder_of(session: Path) -> Holder | None:
    """Who holds `session` now (None when nobody does); takes and lets go of the lock to find out."""
    found = claim(session)
    if isinstance(found, Holder):
        return found
    found.release()
    return None


def held_message(session: Path, holder: Holder) -> str:
    """`lab.json is open in another fingerpost chat (pid 4242)`."""
    pid = f" (pid {holder.pid})" if holder.pid else ""
    return f"{session} is open in another fingerpost chat{pid}"
