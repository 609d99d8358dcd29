"""A chat session as data: the steps taken (each a few facts) and the transcript, saved atomically.

    >>> s = Session("install-rancher")
    >>> s = s.step((Fact("nodes", 2, "stated", "2 nodes"),), said="2 nodes", reply="Noted.")
    >>> s.entries()
    [Fact(question='nodes', value=2, how='stated', text='2 nodes')]
    >>> s.back().entries()
    []

A step is everything one turn changed (one sentence may state several facts), so `back` undoes
the whole turn. Undo, restart and what-if are list operations; nothing is mutated in place.
Files are written with a temporary file, fsync and `os.replace`, so a crash leaves either the
old or the new file, never half of one; a file that cannot be read is never written over.
`open_session` also locks the file it returns (`fingerpost.sessions.lock`), so two chats never write
the same session: the second saves under a free name, or is told who holds it.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from fingerpost.engine.facts import Fact
from fingerpost.kb.errors import SessionError
from fingerpost.kb.files import write_atomic
from fingerpost.kb.values import Excluded, Version
from fingerpost.sessions.lock import Holder, SessionLock, claim, held_message

__all__ = [
    "Step", "Turn", "Session", "state_dir", "sessions_dir", "session_path", "save", "load", "free_path",
    "kb_id_for", "to_json", "from_json", "write_text_atomic", "open_session", "save_copy", "resume_arguments", "FORMAT",
]

FORMAT = 1
"""Version of the session file layout."""

MAX_SESSION_BYTES = 16 * 1024 * 1024
"""The largest session file read (a long chat is well under 1 MiB)."""


@dataclass(slots=True, frozen=True)
class Step:
    """What one turn changed."""

    facts: tuple[Fact, ...] = ()
    """Facts learned or set (a value of None forgets the question)."""
    priorities: tuple[str, ...] | None = None
    """Priorities stated in this turn, most important first (None: unchanged)."""
    leanings: tuple[str, ...] = ()
    """Options this turn's words leaned towards (textual hints, options named as wanted)."""
    avoided: tuple[str, ...] = ()
    """Options this turn's words refused ("we have no Kubernetes")."""


@dataclass(slots=True, frozen=True)
class Turn:
    """One exchange in the transcript."""

    said: str
    """What the person typed."""
    reply: str
    """What the chat answered, as plain text."""


@dataclass(slots=True, frozen=True)
class Session:
    """The steps taken so far and the conversation that took them."""

    kb_id: str
    """Which knowledge base the facts are about (see `kb_id_for`)."""
    steps: tuple[Step, ...] = ()
    """Changes in the order they were made."""
    transcript: tuple[Turn, ...] = field(default=())
    """Every exchange, including commands that changed nothing."""

    def entries(self) -> list[Fact]:
        """The facts in the order they were learned (the list `engine.facts.known` folds)."""
        return [f for s in self.steps for f in s.facts]

    def priorities(self) -> tuple[str, ...]:
        """The priorities stated last (empty when none)."""
        for s in reversed(self.steps):
            if s.priorities is not None:
                return s.priorities
        return ()

    def leanings(self) -> tuple[str, ...]:
        """The options the person's words leaned towards so far, the latest first."""
        return tuple(dict.fromkeys(o for s in reversed(self.steps) for o in s.leanings))

    def avoided(self) -> tuple[str, ...]:
        """The options the person's words refused so far, unless a later turn leaned towards them again."""
        out: list[str] = []
        later: set[str] = set()
        for s in reversed(self.steps):
            out += [o for o in s.avoided if o not in later and o not in out]
            later |= set(s.leanings)
        return tuple(out)

    def step(self, facts: Sequence[Fact] = (), priorities: Sequence[str] | None = None,
             said: str = "", reply: str = "", leanings: Sequence[str] = (), avoided: Sequence[str] = ()) -> Session:
        """A new session with one more step (skipped when it changes nothing) and one more turn."""
        steps = self.steps
        if facts or priorities is not None or leanings or avoided:
            steps = steps + (Step(tuple(facts), None if priorities is None else tuple(priorities), tuple(leanings),
                                  tuple(avoided)),)
        return replace(self, steps=steps, transcript=self.transcript + ((Turn(said, reply),) if said or reply else ()))

    def said(self, said: str, reply: str) -> Session:
        """A new session with one more turn and no change of facts."""
        return self.step((), None, said, reply)

    def back(self) -> Session:
        """A new session without the last step (the same session when there is none)."""
        return replace(self, steps=self.steps[:-1])

    def restart(self) -> Session:
        """A new session without any step; the transcript is kept."""
        return replace(self, steps=())


# ---- where sessions live ------------------------------------------------------------------------
def state_dir() -> Path:
    """`$XDG_STATE_HOME/fingerpost`, default `~/.local/state/fingerpost`."""
    base = os.environ.get("XDG_STATE_HOME") or ""
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".local" / "state"
    return root / "fingerpost"


def sessions_dir() -> Path:
    return state_dir() / "sessions"


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "session"


def kb_id_for(decision_id: str, root: str, embedded: bool = False) -> str:
    """A stable name for a knowledge base: its decision id and a short hash of its folder."""
    key = "embedded" if embedded else str(Path(root).resolve())
    return f"{_slug(decision_id or Path(root).name)}-{hashlib.sha256(key.encode()).hexdigest()[:8]}"


def session_path(kb_id: str, name: str | None = None) -> Path:
    """The file for a session: a NAME in the sessions folder, or a path when NAME looks like one."""
    if name and ("/" in name or os.sep in name or name.endswith(".json")):
        return Path(name).expanduser()
    return sessions_dir() / f"{_slug(name or kb_id)}.json"


def resume_arguments(kb_id: str, path: Path) -> str:
    """What to give `fingerpost chat` to continue the session in `path`: `--resume`, or with `--session`."""
    if path == session_path(kb_id):
        return "--resume"
    name = path.stem if path.parent == sessions_dir() and session_path(kb_id, path.stem) == path else str(path)
    return f"--session {name} --resume"


def free_path(path: Path) -> Path:
    """`path`, or the first `stem-N.json` beside it that does not exist yet."""
    if not path.exists():
        return path
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        if not candidate.exists():
            return candidate
        n += 1


# ---- file format --------------------------------------------------------------------------------
def _value_json(value: Any) -> Any:
    if isinstance(value, Version):
        return {"version": ".".join(str(p) for p in value.parts)}
    if isinstance(value, Excluded):
        return {"not": list(value.values)}  # the answers left are read from the content on loading
    return value


def _value_from(data: Any) -> Any:
    if isinstance(data, dict) and "not" in data:
        ruled = data["not"]
        if not isinstance(ruled, list) or not ruled or not all(isinstance(v, str) for v in ruled):
            raise ValueError(f"bad excluded answers {data!r}")
        return Excluded(tuple(ruled))
    if isinstance(data, dict):
        v = Version.parse(data.get("version", ""))
        if v is None:
            raise ValueError(f"bad version value {data!r}")
        return v
    if isinstance(data, float) and not math.isfinite(data):
        raise ValueError(f"bad number {data!r}")
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    raise ValueError(f"bad value {data!r}")


def to_json(session: Session) -> dict[str, Any]:
    """The session as a JSON document."""
    def fact(f: Fact) -> dict[str, Any]:
        return {"question": f.question, "value": _value_json(f.value), "how": f.how, "text": f.text}

    return {
        "format": FORMAT,
        "kb": session.kb_id,
        "steps": [{"facts": [fact(f) for f in s.facts],
                   **({"priorities": list(s.priorities)} if s.priorities is not None else {}),
                   **({"leanings": list(s.leanings)} if s.leanings else {}),
                   **({"avoided": list(s.avoided)} if s.avoided else {})}
                  for s in session.steps],
        "transcript": [{"said": t.said, "reply": t.reply} for t in session.transcript],
    }


def from_json(data: Any) -> Session:
    """A session from its JSON document; raises ValueError/KeyError/TypeError on a bad shape."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"not a fingerpost session (format {FORMAT})")
    steps = []
    for s in data["steps"]:
        facts = tuple(Fact(str(f["question"]), _value_from(f["value"]), str(f.get("how", "stated")),
                           str(f.get("text", ""))) for f in s["facts"])
        pr = s.get("priorities")
        steps.append(Step(facts, None if pr is None else tuple(str(p) for p in pr),
                          tuple(str(o) for o in s.get("leanings", ())), tuple(str(o) for o in s.get("avoided", ()))))
    turns = tuple(Turn(str(t["said"]), str(t["reply"])) for t in data.get("transcript", []))
    return Session(str(data["kb"]), tuple(steps), turns)


def load(path: Path) -> Session:
    """Read a saved session; raises SessionError (naming the file) when it cannot be used."""
    from fingerpost.kb.safeio import read_regular

    try:  # a regular file of bounded size: `load /dev/zero` would never end
        text = read_regular(path, max_bytes=MAX_SESSION_BYTES).decode("utf-8")
    except OSError as exc:
        raise SessionError(f"cannot read the saved session: {exc.strerror}", path=str(path),
                           hint="the file is kept as it is; a fresh session starts") from None
    except UnicodeDecodeError:
        raise SessionError("the saved session is not UTF-8 text", path=str(path),
                           hint="the file is kept as it is; a fresh session starts") from None
    try:
        return from_json(json.loads(text))
    except json.JSONDecodeError as exc:
        raise SessionError(f"the saved session is not valid JSON ({exc.msg})", path=str(path), line=exc.lineno,
                           hint="the file is kept as it is; a fresh session starts") from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SessionError(f"the saved session has an unexpected shape ({exc})", path=str(path),
                           hint="the file is kept as it is; a fresh session starts") from None


def save(session: Session, path: Path) -> None:
    """Write atomically: a temporary file beside `path`, fsync, then `os.replace`."""
    text = json.dumps(to_json(session), ensure_ascii=False, indent=1) + "\n"
    write_atomic(path, text.encode("utf-8", "backslashreplace"), folder_mode=0o700)  # a lone surrogate: `\ud800`, valid JSON


def write_text_atomic(path: Path, text: str) -> None:
    """Write any text file atomically (used by `export`)."""
    write_atomic(path, text.encode("utf-8", "backslashreplace"))


def save_copy(session: Session, path: Path, current: Path | None = None) -> None:
    """Save `session` to `path` (`save NAME`), unless another chat holds that file: SessionError then.

    `current` is the file this process already holds (writing it needs no other lock)."""
    if current is not None and path.resolve() == current.resolve():
        save(session, path)
        return
    found = claim(path)
    if isinstance(found, Holder):
        raise _held_error(path, found, "choose another name; nothing was written")
    with found:
        save(session, path)


def _held_error(path: Path, holder: Holder, hint: str) -> SessionError:
    pid = f" (pid {holder.pid})" if holder.pid else ""
    return SessionError(f"this session is open in another fingerpost chat{pid}", path=str(path), hint=hint)


def _saved_versions(path: Path) -> list[Path]:
    """`path` and its `stem-N` siblings (written when `path` could not be read), newest first."""
    pattern = re.compile(re.escape(path.stem) + r"(-\d+)?" + re.escape(path.suffix) + "$")
    try:
        found = [p for p in path.parent.iterdir() if pattern.match(p.name)]
    except OSError:
        return []
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def open_session(kb_id: str, name: str | None = None,
                 resume: bool = False) -> tuple[Session, Path, list[str], SessionLock]:
    """The session to start with, the file to save it to, what to tell the person, and the lock on that file.

    Resuming loads the newest readable file; a file that cannot be read is reported and kept,
    and the session is then saved under a new name. A fresh start keeps a previous session
    with answers as `<name>.previous.json` (`.previous.2.json`, … when that exists: none is ever
    written over) before the new one replaces it. The file returned is
    locked for this process (see `fingerpost.sessions.lock`) until `lock.release()` or the process ends:
    a fresh start on a file another chat holds saves under the next free name instead, and
    resuming a file another chat holds raises SessionError naming the holder's pid.
    """
    path = session_path(kb_id, name)
    notices: list[str] = []
    if resume:
        for candidate in _saved_versions(path):
            lock = _claim_or_refuse(candidate)
            try:
                loaded = load(candidate)
            except SessionError as exc:
                lock.release()
                notices.append(str(exc))
                continue
            return replace(loaded, kb_id=kb_id), candidate, notices + _lock_note(lock), lock
        if not notices:
            lock = _claim_or_refuse(path)
            notices.append(f"There is no saved session in {path} to resume; starting a new one.")
            return Session(kb_id), path, notices + _lock_note(lock), lock
        path, lock = _claim_free(path)  # some file could not be read: never write over it
        notices.append(f"This session is saved to {path}.")
        return Session(kb_id), path, notices + _lock_note(lock), lock
    found = claim(path)
    if isinstance(found, Holder):
        free, lock = _claim_free(path)
        notices.append(f"{held_message(path, found)}, so this chat saves to {free}.")
        return Session(kb_id), free, notices + _lock_note(lock), lock
    if path.exists():
        try:
            old = load(path)
        except SessionError as exc:
            found.release()
            path, found = _claim_free(path)  # never write over a file that cannot be read
            notices += [str(exc), f"This session is saved to {path}."]
        else:
            if old.steps:
                try:
                    notices.append(_keep_previous(old, path))
                except OSError as exc:  # the old answers could not be copied: never write over them
                    found.release()
                    path, found = _claim_free(path)
                    notices.append(f"{path.parent}: error: cannot keep the previous session: {exc.strerror} — "
                                   f"it stays in {session_path(kb_id, name)}, and this session is saved to {path}.")
    return Session(kb_id), path, notices + _lock_note(found), found


def _claim_or_refuse(path: Path) -> SessionLock:
    """The lock on `path`; SessionError when another chat holds it (resuming it would write over its answers)."""
    found = claim(path)
    if isinstance(found, Holder):
        raise _held_error(path, found, "continue it there, or quit that chat and resume again; "
                                       "without --resume a new session starts beside it")
    return found


def _claim_free(path: Path, *, first: int = 2, sep: str = "-") -> tuple[Path, SessionLock]:
    """The first `stem-N.json` (N from `first`; 1 is `path` itself) that does not exist and no chat holds, locked."""
    n = first
    while True:
        candidate = path if n == 1 else path.with_name(f"{path.stem}{sep}{n}{path.suffix}")
        n += 1
        if candidate.exists():
            continue
        found = claim(candidate)
        if isinstance(found, SessionLock):
            return candidate, found


def _keep_previous(old: Session, path: Path) -> str:
    """Save the session a fresh start replaces under a name no earlier session has.

    The first goes to `<name>.previous.json`, the next to `<name>.previous.2.json`, and so on:
    nothing is ever written over, so every earlier session stays until the person deletes it.
    (Not `-2`: `--resume` reads `<name>-2.json` as a newer copy of `<name>.json`.)
    Raises OSError when it cannot be written (the caller then leaves `path` alone)."""
    previous, found = _claim_free(path.with_name(f"{path.stem}.previous{path.suffix}"), first=1, sep=".")
    with found:
        save(old, previous)
    n = len(old.entries())
    name = previous.stem if previous.parent == sessions_dir() else str(previous)  # what `load` finds it by
    return (f"Starting a new session; the previous one ({n} answer{'s' * (n != 1)}) is kept in "
            f"{previous} — `load {name}` continues it (or `fingerpost chat --session {name} --resume`). "
            "Earlier sessions are never overwritten.")


def _lock_note(lock: SessionLock) -> list[str]:
    return [lock.note] if lock.note else []
