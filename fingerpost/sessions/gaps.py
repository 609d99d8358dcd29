"""The questions the docs miss, kept on this machine: a to-do list for the docs team.

    >>> note_turn(kb, "does it run on arm?", answer=answer_question(kb, "does it run on arm?"))  # doctest: +SKIP
    >>> [g.count for g in group(read_gaps())]                                                  # doctest: +SKIP
    [1]

Three kinds of turn are recorded, one JSON line each, in `$XDG_STATE_HOME/fingerpost/gaps/gaps.jsonl`:
`not-said` (a question the documentation does not answer), `not-understood` (words in a
situation nobody understood) and `no-fit` (answers for which no option fits). Nothing is ever
sent anywhere. Recording is off when FINGERPOST_NO_RECORD is set to anything but `0` or empty
(the commands' `--no-record` sets it). A line is written with one `write` on a file opened for
appending, under an exclusive lock, so two chats never interleave; a line that cannot be read
(a crash mid-write) is skipped when reading. Recording never fails a turn.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from fingerpost.kb.graph import KnowledgeBase

__all__ = ["Gap", "GapGroup", "KINDS", "gaps_dir", "recording", "note_turn", "note_ask", "record", "read_gaps", "group",
           "first_notice", "NOTICE"]

KINDS = ("not-said", "not-understood", "no-fit")
NOTICE = ("Questions the docs do not answer, words not understood and answers no option fits are kept on this "
          "machine only (in {where}) for the docs team's `fingerpost gaps`; --no-record or FINGERPOST_NO_RECORD=1 "
          "turns it off.")
SIMILAR = 70
"""Least rapidfuzz token-set score (0-100) for two records to fall in one group."""


@dataclass(slots=True, frozen=True)
class Gap:
    """One recorded turn the docs could not serve."""

    time: str
    """When, ISO 8601 in UTC."""
    kind: str
    """One of KINDS."""
    text: str
    """What the person wrote (for `no-fit`, also the answers)."""
    decision: str = ""
    """The knowledge base's decision id (or its folder name)."""
    words: tuple[str, ...] = ()
    """For `not-understood`: the words not understood."""
    facts: Mapping[str, Any] = field(default_factory=dict)
    """For `no-fit`: the answers given."""
    sections: tuple[Mapping[str, str], ...] = ()
    """The closest sections of the docs: `title`, `source` (`path:line`)."""


@dataclass(slots=True, frozen=True)
class GapGroup:
    """Records that say much the same thing."""

    kind: str
    decision: str
    count: int
    examples: tuple[str, ...]
    """Distinct texts, most frequent first (at most five)."""
    words: tuple[str, ...]
    """For `not-understood`: the words, most frequent first."""
    sections: tuple[Mapping[str, str], ...]
    """The closest sections, most often named first (at most three)."""
    first: str
    last: str


def gaps_dir() -> Path:
    from fingerpost.sessions.session import state_dir

    return state_dir() / "gaps"


def recording() -> bool:
    """False when FINGERPOST_NO_RECORD is set (to anything but `0`)."""
    return os.environ.get("FINGERPOST_NO_RECORD", "").strip() in ("", "0")


def _decision(kb: KnowledgeBase) -> str:
    return kb.decision.id if kb.decision else Path(kb.root).name


def _sections(sources: Iterable[Any]) -> tuple[dict[str, str], ...]:
    return tuple({"title": s.title, "source": f"{s.source.path}:{s.source.line}"} for s in sources)


def _closest(kb: KnowledgeBase, text: str) -> tuple[dict[str, str], ...]:
    from fingerpost.engine.answers.from_docs import answer_question

    with contextlib.suppress(Exception):  # a search that fails must not fail the turn
        return _sections(answer_question(kb, text).sources[:3])
    return ()


def note_turn(kb: KnowledgeBase, text: str, *, answer: Any = None, unknown: Sequence[str] = (),
              assessment: Any = None, answered: bool = False) -> list[Gap]:
    """Record what of one turn the docs could not serve; returns what was recorded.

    `answer`: the engine.answering.Answer to a question asked; `unknown`: words not understood;
    `assessment`: the engine's assessment, recorded as `no-fit` when facts were given (`answered`)
    and no option fits."""
    if not recording():
        return []
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    name = _decision(kb)
    out = []
    if answer is not None and not answer.found:
        out.append(Gap(now, "not-said", text, name, sections=_sections(answer.sources)))
    if unknown:
        out.append(Gap(now, "not-understood", text, name, words=tuple(unknown), sections=_closest(kb, text)))
    if answered and assessment is not None and assessment.recommendation is None and assessment.facts:
        from fingerpost.render.ask_json import fact_json

        facts = {k: fact_json(v) for k, v in assessment.facts.items()}
        said = ", ".join(f"{k}={({True: 'yes', False: 'no'}.get(v, v) if isinstance(v, bool) else v)}"
                         for k, v in facts.items())
        out.append(Gap(now, "no-fit", text or said, name, facts=facts, sections=_closest(kb, text or said)))
    for gap in out:
        record(gap)
    return out


def _json(gap: Gap) -> dict[str, Any]:
    return {"time": gap.time, "kind": gap.kind, "decision": gap.decision, "text": gap.text, "words": list(gap.words),
            "facts": dict(gap.facts), "sections": [dict(s) for s in gap.sections]}


def record(gap: Gap, folder: Path | None = None) -> bool:
    """Append one line for `gap`; False when it could not be written (never raises)."""
    where = folder or gaps_dir()
    line = (json.dumps(_json(gap), ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    try:
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(where / "gaps.jsonl", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            with contextlib.suppress(ImportError, OSError):
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX)
            os.write(fd, line)  # one write of the whole line, at the end of the file
        finally:
            os.close(fd)  # closing releases the lock
        return True
    except OSError:
        return False


def first_notice(folder: Path | None = None) -> str:
    """The line a chat shows once, at its first start with recording on; '' afterwards or when off."""
    where = folder or gaps_dir()
    told = where / "README.txt"
    if not recording() or told.exists():
        return ""
    with contextlib.suppress(OSError):
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        told.write_text(NOTICE.format(where=where) + "\n`fingerpost gaps` lists them; delete this folder to forget "
                        "them.\n", encoding="utf-8")
    return NOTICE.format(where=where)


def _parse_time(text: str) -> datetime | None:
    try:
        t = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


def read_gaps(folder: Path | None = None, since: datetime | None = None) -> list[Gap]:
    """Every record (since a time), oldest first; lines that cannot be read are skipped."""
    path = (folder or gaps_dir()) / "gaps.jsonl"
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return []
    out = []
    for line in lines:
        try:
            d = json.loads(line)
            gap = Gap(str(d["time"]), str(d["kind"]), str(d["text"]), str(d.get("decision", "")),
                      tuple(map(str, d.get("words", ()))), dict(d.get("facts") or {}),
                      tuple({"title": str(s["title"]), "source": str(s["source"])} for s in d.get("sections", ())))
        except (ValueError, KeyError, TypeError, AttributeError):
            continue
        when = _parse_time(gap.time)
        if gap.kind not in KINDS or when is None or (since is not None and when < since):
            continue
        out.append(gap)
    return out


def _key(gap: Gap) -> str:
    if gap.kind == "not-understood":
        return " ".join(sorted(w.lower() for w in gap.words))
    if gap.kind == "no-fit" and gap.facts:
        return " ".join(f"{k}={v}" for k, v in sorted(gap.facts.items()))
    from fingerpost.engine.language.lexicon import STOPWORDS

    words = re.sub(r"[^\w\s]", " ", gap.text.lower()).split()
    return " ".join(w for w in words if w not in STOPWORDS) or " ".join(words)  # "does it run on arm" → "arm"


def group(gaps: Sequence[Gap], similar: int = SIMILAR) -> list[GapGroup]:
    """Records of one kind and decision whose texts are alike, biggest group first.

    Texts are compared without common words (`does it run on`), by rapidfuzz's token-set ratio."""
    from rapidfuzz import fuzz

    buckets: list[tuple[str, str, str, list[Gap]]] = []  # kind, decision, key of the first member, members
    for gap in gaps:
        key = _key(gap)
        for kind, decision, first, members in buckets:
            if kind == gap.kind and decision == gap.decision and fuzz.token_set_ratio(first, key) >= similar:
                members.append(gap)
                break
        else:
            buckets.append((gap.kind, gap.decision, key, [gap]))
    out = []
    for kind, decision, _, members in buckets:
        texts = Counter(m.text for m in members)
        words = Counter(w.lower() for m in members for w in m.words)
        sections = Counter((s["title"], s["source"]) for m in members for s in m.sections)
        out.append(GapGroup(kind, decision, len(members), tuple(t for t, _ in texts.most_common(5)),
                            tuple(w for w, _ in words.most_common()),
                            tuple({"title": t, "source": s} for (t, s), _ in sections.most_common(3)),
                            min(m.time for m in members), max(m.time for m in members)))
    out.sort(key=lambda g: (-g.count, KINDS.index(g.kind), g.last))
    return out


def note_ask(kb: KnowledgeBase, text: str, turn: Any) -> list[Gap]:
    """Record what one `ask` turn (engine.turn.Turn) could not serve."""
    from fingerpost.engine.answers.from_docs import Answer, Source, section_title

    answer = None
    if not turn.answer_found:
        sections = [Source(section_title(kb, s.source), s.href or "", s.source) for s in turn.reply if s.kind == "section"]
        answer = Answer("", tuple(sections), found=False)
    return note_turn(kb, text, answer=answer, unknown=turn.understanding.unknown, assessment=turn.assessment,
                     answered=bool(turn.entries))
