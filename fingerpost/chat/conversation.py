"""One chat conversation: text in, the engine's answer out, the session saved after every turn.

    >>> conv = Conversation(kb, Session(kb_id_for("install-rancher", "", True)), path=None)  # doctest: +SKIP
    >>> print(conv.handle("we're air-gapped with 2 K3s nodes").plain())                      # doctest: +SKIP
    Understood: nodes = 2, distro = K3s, internet = Air-gapped (no internet access).

`engine.language.understand` reads the text (facts, a command, or a question for the docs) and
`engine.reason` / `engine.answers.explain` answer; this class only keeps the session and says it back.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from fingerpost.chat.commands import Commands
from fingerpost.chat.docs import sections_for
from fingerpost.chat.help import COMMANDS
from fingerpost.engine.facts import Fact, known, parse_answer
from fingerpost.engine.language.understand import Understanding, understand
from fingerpost.engine.reason.assess import Assessment, assess
from fingerpost.engine.reason.offer import answers_offered
from fingerpost.kb.errors import FingerpostError, SessionError
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.records import Question, Section
from fingerpost.kb.values import Excluded, Version
from fingerpost.render import text as present
from fingerpost.render.text import Styled
from fingerpost.sessions.session import Session, Step, load, resume_arguments, save, session_path, sessions_dir

__all__ = ["Conversation", "usable"]

class Conversation:
    """The state of one chat and its replies; every turn is saved (atomically) to `path`."""

    def __init__(self, kb: KnowledgeBase, session: Session, path: Path | None, *, notice: str = "",
                 color: bool = False, width: int = 100, workdir: Path | None = None,
                 now: Callable[[], str] | None = None) -> None:
        self.kb = kb
        self.session = session
        self.path = path
        self.notice = notice
        self.color = color
        self.width = width
        self.workdir = workdir or Path.cwd()
        self.finished = False
        self.pending: Question | None = None
        self.save_problem = ""
        self.last_text = ""
        """The line being answered, as typed."""
        self._cache: dict[tuple[Any, ...], Assessment] = {}
        self._doc_sections: list[Section] = []
        self._commands: Commands | None = None
        self._fallback: Path | None = None
        """Where the session is saved when `path` cannot be written (a private temporary folder)."""
        self._unsaved = False
        """True when the last turn could not be saved anywhere."""

    # ---- state -----------------------------------------------------------------------------------
    @property
    def facts(self) -> dict[str, Any]:
        return known(self.kb.questions, self.session.entries())

    def assessment(self) -> Assessment:
        """The engine's assessment of the current facts (memoised per facts and priorities)."""
        facts = self.facts
        key = (tuple(sorted((k, repr(v)) for k, v in facts.items())), self.session.priorities(),
               self.session.leanings(), self.session.avoided())
        if key not in self._cache:
            self._cache[key] = assess(self.kb, facts, self.session.priorities(), leanings=self.session.leanings(),
                                      avoid=self.session.avoided())
        return self._cache[key]

    def command_names(self) -> list[tuple[str, str]]:
        return [(name, what) for name, _, what, _ in COMMANDS]

    def doc_titles(self) -> list[str]:
        return [s.title for s in self.doc_sections()]

    def doc_sections(self) -> list[Section]:
        if not self._doc_sections:
            self._doc_sections = sections_for(self.kb, self.assessment(), self.pending)
        return self._doc_sections

    def saved_sessions(self) -> list[str]:
        try:
            return sorted(p.stem for p in sessions_dir().glob("*.json"))
        except OSError:
            return []

    def toolbar(self) -> Styled:
        return present.toolbar_text(self.kb, self.assessment())

    # ---- turns -------------------------------------------------------------------------------------
    def greeting(self) -> Styled:
        """What the chat helps decide, what it already knows (on resume) and the first question."""
        kb = self.kb
        out = Styled()
        for line in self.notice.splitlines():
            out.line(line, "error" if " error: " in f" {line}" else "note")
        title = kb.decision.title if kb.decision else f"the decisions in {kb.root}"
        out.line(f"fingerpost — {title}", "title")
        if kb.decision and kb.decision.intro:
            out.line(present.wrap(kb.decision.intro, self.width))
        out.line('Type "help" for what you can say, "quit" to leave. Tell me about your setup in your own words,', "dim")
        out.line("or answer the questions.", "dim")
        if self.session.entries():
            out.line().extend(present.facts_text(kb, self.facts, self.session.entries()))
        return out.line().extend(self.next_step())

    def handle(self, text: str) -> Styled:
        """Answer one line: understand it, act on it, save the session, and say what comes next."""
        text = text.strip()
        if not text:
            return Styled()
        self.last_text = text
        try:
            out = self._respond(text)
        except FingerpostError as exc:
            out = Styled().line(str(exc), "error")
            if self.pending is not None:
                out.line().extend(present.question_text(self.pending, self.width, self.facts.get(self.pending.id)))
        except Exception as exc:  # a bug must not end the conversation or lose the session
            out = Styled().line(f"error: something went wrong with that line ({type(exc).__name__}: {exc}) — "
                                "your answers are safe; please report this", "error")
        self._doc_sections = []
        self.session = self.session.said(text, out.plain())
        self._save()
        if self.save_problem:  # said once per change of where (or whether) the session is saved
            out.line(self.save_problem, "error")
            self.save_problem = ""
        return out

    def leave(self) -> Styled:
        """Goodbye, with where the session is — or, when it could not be saved anywhere, the answers themselves."""
        self.finished = True
        saved = self.saved_to()
        if saved is None and self.path is not None and self.session.transcript:
            out = Styled().line("Goodbye. The session could not be saved (see the error above); your answers, "
                                "to type or pipe into a new `fingerpost chat`:", "error")
            for line in _setting_lines(self.session.entries()) or ["(no answers yet)"]:
                out.line(f"  {line}")
            return out
        if saved is None:
            return Styled().line("Goodbye.", "dim")
        resume = f"`fingerpost chat {resume_arguments(self.session.kb_id, saved)}`"
        return Styled().line(f"Goodbye. The session is saved in {saved}; {resume} continues it.", "dim")

    def saved_to(self) -> Path | None:
        """The file that holds every turn so far (None when nothing could be saved, or no file was asked for)."""
        if self.path is None or self._unsaved:
            return None
        return self._fallback or self.path

    def _respond(self, text: str) -> Styled:
        from fingerpost.sessions.gaps import note_turn  # start-up: loaded when a turn is recorded

        u = _typed_command(text, understand(self.kb, text, facts=self.facts, pending=self.pending))
        if u.command:
            return self.commands().run(u)
        out = Styled()
        changed = bool(u.facts) or bool(u.priorities) or bool(u.leanings) or bool(u.refused)
        same = False
        if changed:
            before = self.assessment()
            self.session = self.session.step(u.facts, list(u.priorities) if u.priorities else None,
                                             leanings=u.leanings, avoided=u.refused)
            said = present.understood_text(self.kb, u.facts)
            if u.priorities:
                said = ", ".join(filter(None, [said, "priorities: " + " > ".join(u.priorities)]))
            if said:  # words that only lean towards an option are said in their note below
                out.add("Understood: ", "good").line(said + ".")
            after = self.assessment()
            out.extend(present.changes_text(before, after))
            if after.recommendation is None and before.recommendation is not None:
                note_turn(self.kb, text, assessment=after, answered=True)  # kept for `fingerpost gaps`
            same = before.decided and after.decided and before.title == after.title
        for note in u.notes:
            out.line(note, "note")
        if u.question:
            out.extend(self.commands().answer(u.question))
        if u.unknown:
            note_turn(self.kb, text, unknown=u.unknown)
        if not changed and not u.question:
            words = ", ".join(f'"{w}"' for w in u.unknown)
            if not u.notes:
                out.line(f"I did not understand {words or 'that'}.", "note")
            out.line('Answer the question below, describe your setup, or type "help".', "dim")
        return out.line().extend(self.next_step(repeat=same or not changed))

    def next_step(self, repeat: bool = False) -> Styled:
        """The next question, or the recommendation when the decision is made (briefly when repeated)."""
        a = self.assessment()
        q = a.next_question
        if q is not None and not a.decided:
            self.pending = q
            blocked = {c.value: r for c, r in answers_offered(self.kb, a.facts, q) if r is not None}
            return present.question_text(q, self.width, a.facts.get(q.id), blocked)
        self.pending = None
        if repeat and a.recommendation is not None:
            return Styled().add("The recommendation stays: ", "dim").add(a.title, "title").line(
                ' — "why", "docs", "export" or "diagram" for more.', "dim")
        return present.recommendation_text(self.kb, a, self.session.entries())

    def commands(self) -> Commands:
        if self._commands is None:
            self._commands = Commands(self)
        return self._commands

    # ---- saving ------------------------------------------------------------------------------------
    def _save(self) -> None:
        """Save after a turn; when the state folder cannot be written, save to a private temporary folder instead."""
        if self.path is None:
            return
        target = self._fallback or self.path
        try:
            save(self.session, target)
            self._unsaved = False
            return
        except OSError as exc:
            problem = f"{target}: error: cannot save the session: {exc.strerror}"
        if self._fallback is None:
            try:  # a folder only this user can open: another user cannot plant or read it
                self._fallback = Path(tempfile.mkdtemp(prefix="fingerpost-session-")) / self.path.name
                save(self.session, self._fallback)
            except OSError as exc:
                self._fallback = None
                problem += f", nor in the temporary folder ({exc.strerror})"
            else:
                self._unsaved = False
                self.save_problem = (f"{problem} — saved to {self._fallback} instead; "
                                     f"`fingerpost chat --session {self._fallback} --resume` continues it")
                return
        if not self._unsaved:
            self._unsaved = True
            self.save_problem = (f"{problem} — your answers are kept in memory and shown when you leave; "
                                 "free space, check the folder's permissions or set XDG_STATE_HOME")

    def load_named(self, name: str) -> Styled:
        """Replace the current session with a saved one (a name in the sessions folder, or a path)."""
        path = session_path(self.session.kb_id, name)
        try:
            loaded = load(path)
        except SessionError as exc:
            return Styled().line(str(exc).replace("a fresh session starts", "the current session goes on"), "error")
        self.session, dropped = usable(self.kb, loaded.__class__(self.session.kb_id, loaded.steps, loaded.transcript))
        out = Styled().line(f"Loaded {path}.", "good")
        for d in dropped:
            out.line(d, "note")
        return out.extend(present.facts_text(self.kb, self.facts, self.session.entries()))

_LITERAL = frozenset({"docs", "save", "load", "export", "diagram", "set", "unset"})
"""Command words that, typed first on a line, always mean the command (`docs 2`, `load staging`)."""


def _typed_command(text: str, u: Understanding) -> Understanding:
    """`u`, or the command typed literally when understanding found no command in it."""
    words = text.split()
    if u.command or not words:
        return u
    first = words[0].lower()
    names = {name for name, _, _, _ in COMMANDS if " " not in name}
    if first in _LITERAL or (first in names and not (u.facts or u.question or u.priorities)):
        return replace(u, command=first, args=tuple(words[1:]), facts=(), question=None, priorities=(), unknown=())
    return u


def usable(kb: KnowledgeBase, session: Session) -> tuple[Session, list[str]]:
    """The session without facts about questions this knowledge base does not have (with notes)."""

    dropped: list[str] = []
    steps = []
    for s in session.steps:
        keep = []
        for f in s.facts:
            if f.question not in kb.questions:
                dropped.append(f"Dropped `{f.question}`: this knowledge base has no such question.")
                continue
            if f.value is not None:
                try:
                    parse_answer(kb.questions[f.question], f.value)
                except FingerpostError:
                    dropped.append(f"Dropped `{f.question}` = {f.value}: not an answer to it any more.")
                    continue
            keep.append(f)
        if keep or s.priorities is not None:
            steps.append(Step(tuple(keep), s.priorities))
    return replace(session, steps=tuple(steps)), dropped



def _setting_lines(entries: Iterable[Fact]) -> list[str]:
    """The answers as `set Q=V` / `set Q!=V` lines (the last answer per question), to type into a chat."""
    last: dict[str, Any] = {}
    for f in entries:
        last.pop(f.question, None)
        if f.value is not None:
            last[f.question] = f.value
    lines = []
    for qid, value in last.items():
        if isinstance(value, Excluded):
            lines += [f"set {qid}!={v}" for v in value.values]
        elif isinstance(value, Version):
            lines.append(f"set {qid}={'.'.join(str(p) for p in value.parts)}")
        else:
            lines.append(f"set {qid}={value}")
    return lines
