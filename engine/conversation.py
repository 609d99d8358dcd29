"""One chat conversation: text in, the engine's answer out, the session saved after every turn.

    >>> conv = Conversation(kb, Session(kb_id_for("install-rancher", "", True)), path=None)  # doctest: +SKIP
    >>> print(conv.handle("we're air-gapped with 2 K3s nodes").plain())                      # doctest: +SKIP
    Understood: nodes = 2, distro = K3s, internet = Air-gapped (no internet access).

`engine.understand` reads the text (facts, a command, or a question for the docs) and
`engine.reason` / `engine.explain` answer; this class only keeps the session and says it back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from engine import present
from engine.facts import Fact, known, parse_answer
from engine.present import Styled
from engine.session import Session, load, save, session_path, sessions_dir
from kb.errors import FingerpostError, SessionError
from kb.graph import KnowledgeBase
from kb.records import Question

__all__ = ["Conversation", "COMMANDS", "command_help"]

COMMANDS: tuple[tuple[str, str, str, str], ...] = (
    ("help", "help", "what you can type", "what can I say?"),
    ("why", "why", "why the current recommendation", "why is that?"),
    ("why not", "why not X", "why option X is not the recommendation", "why not {option}?"),
    ("compare", "compare A B", "two options side by side", "compare {first} and {option}"),
    ("what if", "what if Q=V", "what would change with another answer", "what if {question}={value}"),
    ("facts", "facts", "what is known so far, and how it was learned", "what do you know?"),
    ("set", "set Q=V", "give an answer directly", "set {question}={value}"),
    ("unset", "unset Q", "forget an answer", "forget {question}"),
    ("back", "back", "undo the last answer", "undo"),
    ("restart", "restart", "forget every answer and start again", "start over"),
    ("docs", "docs [N|WORDS]", "list the linked pages; show a section's text", "docs 2"),
    ("diagram", "diagram [FILE]", "write the architecture diagram of the recommendation", "diagram plan.svg"),
    ("save", "save [NAME]", "save the session under a name", "save staging"),
    ("load", "load [NAME]", "continue a saved session (no name: list them)", "load staging"),
    ("export", "export [FILE]", "write the decision as Markdown, with citations and links", "export decision.md"),
    ("quit", "quit", "leave (Ctrl-D does too); the session is kept", "bye"),
)
"""(name, usage, what it does, an example) for help, completion and the docs; `{option}`, `{first}`,
`{question}` and `{value}` in examples are filled from the knowledge base."""


def _example_names(kb: KnowledgeBase | None) -> dict[str, str]:
    names = {"option": "X", "first": "A", "question": "Q", "value": "V"}
    if kb is None:
        return names
    tops = kb.top_options() or list(kb.options.values())
    if tops:
        names.update(first=tops[0].id, option=tops[-1].id)
    for q in sorted(kb.questions.values(), key=lambda q: q.order):
        names["question"] = q.id
        names["value"] = q.choices[0].value if q.kind == "choice" and q.choices else \
            {"number": "3", "version": "2.4", "yesno": "yes"}.get(q.kind, "V")
        break
    return names


def command_help(kb: KnowledgeBase | None = None) -> Styled:
    """Every command, what it does and an example drawn from this knowledge base's names."""
    names = _example_names(kb)
    out = Styled().line("Answer the questions in your own words, or type a command:", "heading")
    width = max(len(u) for _, u, _, _ in COMMANDS)
    wide = max(len(w) for _, _, w, _ in COMMANDS)
    for _, usage, what, example in COMMANDS:
        out.add(f"  {usage:<{width}}  ", "title").add(f"{what:<{wide}}").line(
            f'  e.g. "{example.format(**names)}"', "dim")
    out.line("Tab completes commands, option names and answers; Ctrl-C cancels the line; Ctrl-D leaves.", "dim")
    return out


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
        self._cache: dict[Any, Any] = {}
        self._doc_sections: list[Any] = []
        self._commands: Any = None

    # ---- state -----------------------------------------------------------------------------------
    @property
    def facts(self) -> dict[str, Any]:
        return known(self.kb.questions, self.session.entries())

    def assessment(self) -> Any:
        """The engine's assessment of the current facts (memoised per facts and priorities)."""
        from engine.reason import assess

        facts = self.facts
        key = (tuple(sorted((k, repr(v)) for k, v in facts.items())), self.session.priorities())
        if key not in self._cache:
            self._cache[key] = assess(self.kb, facts, self.session.priorities())
        return self._cache[key]

    def command_names(self) -> list[tuple[str, str]]:
        return [(name, what) for name, _, what, _ in COMMANDS]

    def doc_titles(self) -> list[str]:
        return [s.title for s in self.doc_sections()]

    def doc_sections(self) -> list[Any]:
        from engine.docs import sections_for

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
        if self.save_problem:
            out.line(self.save_problem, "error")
            self.save_problem = "(reported)"
        return out

    def leave(self) -> Styled:
        self.finished = True
        where = f" The session is saved in {self.path}; `fingerpost chat --resume` continues it." if self.path else ""
        return Styled().line(f"Goodbye.{where}", "dim")

    def _respond(self, text: str) -> Styled:
        from engine.gaps import note_turn
        from engine.understand import understand

        u = _typed_command(text, understand(self.kb, text, facts=self.facts, pending=self.pending))
        if u.command:
            return self.commands().run(u)
        out = Styled()
        changed = bool(u.facts) or bool(u.priorities)
        same = False
        if changed:
            before = self.assessment()
            self.session = self.session.step(u.facts, list(u.priorities) if u.priorities else None)
            said = present.understood_text(self.kb, u.facts)
            if u.priorities:
                said = ", ".join(filter(None, [said, "priorities: " + " > ".join(u.priorities)]))
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
            return present.question_text(q, self.width, a.facts.get(q.id))
        self.pending = None
        if repeat and a.recommendation is not None:
            return Styled().add("The recommendation stays: ", "dim").add(a.title, "title").line(
                ' — "why", "docs", "export" or "diagram" for more.', "dim")
        return present.recommendation_text(self.kb, a, self.session.entries())

    def commands(self) -> Any:
        if self._commands is None:
            from engine.chatcommands import Commands

            self._commands = Commands(self)
        return self._commands

    # ---- saving ------------------------------------------------------------------------------------
    def _save(self) -> None:
        if self.path is None:
            return
        try:
            save(self.session, self.path)
        except OSError as exc:
            if not self.save_problem:
                self.save_problem = f"{self.path}: error: cannot save the session: {exc.strerror} — " \
                                    "check the folder's permissions or set XDG_STATE_HOME"

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

    def parse_fact(self, qid: str, raw: str, how: str = "set") -> Fact:
        q = self.kb.question(qid)
        return Fact(q.id, parse_answer(q, raw), how, f"{qid}={raw}")


_LITERAL = frozenset({"docs", "save", "load", "export", "diagram", "set", "unset"})
"""Command words that, typed first on a line, always mean the command (`docs 2`, `load staging`)."""


def _typed_command(text: str, u: Any) -> Any:
    """`u`, or the command typed literally when understanding found no command in it."""
    from dataclasses import replace

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
    from dataclasses import replace

    from engine.session import Step

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

