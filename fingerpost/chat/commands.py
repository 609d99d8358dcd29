"""The chat's commands: each one a small method over the Conversation that calls the engine.

    >>> Commands(conv).run(understand(kb, "why not docker"))     # doctest: +SKIP

`engine.language.understand` decides which command a line is (`why not docker`, "start over", …);
`engine.answers.explain` answers why, why not, compare, what if and the checklist. Commands that change
the facts (set, unset, back, restart, load) end with the next question or the recommendation.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from fingerpost.engine.language.understand import Understanding
from fingerpost.engine.reason.assess import Assessment
from fingerpost.engine.turn import Turn, command_turn

if TYPE_CHECKING:
    from fingerpost.chat.conversation import Conversation

from fingerpost.chat.docs import find_sections, section_text
from fingerpost.chat.help import command_help
from fingerpost.engine.answers import explain
from fingerpost.engine.excluded import Excluded, settled
from fingerpost.engine.facts import Fact, left_note, parse_setting, question_name
from fingerpost.kb.errors import FingerpostError, UnknownName, UnknownOption
from fingerpost.render import text as present
from fingerpost.render.markdown import export_markdown
from fingerpost.render.text import Styled
from fingerpost.sessions.session import save_copy, session_path, sessions_dir, write_text_atomic

__all__ = ["Commands"]


class Commands:
    """Runs one understood command against a Conversation; returns what to show."""

    def __init__(self, conversation: Conversation) -> None:
        self.conv = conversation
        self.kb = conversation.kb

    def run(self, u: Understanding) -> Styled:
        name = u.command.replace(" ", "_")
        handler = getattr(self, f"do_{name}", None)
        if handler is None:
            return Styled().line(f"`{u.command}` is not a chat command.", "error").extend(command_help(self.kb))
        return handler(list(u.args), u)

    # ---- looking around -----------------------------------------------------------------------------
    def do_help(self, args: list[str], u: Understanding) -> Styled:
        out = command_help(self.kb)
        if self.conv.pending is not None:
            pending = self.conv.pending
            out.line().extend(present.question_text(pending, self.conv.width, self.conv.facts.get(pending.id)))
        return out

    def do_facts(self, args: list[str], u: Understanding) -> Styled:
        conv = self.conv
        out = present.facts_text(self.kb, conv.facts, conv.session.entries())
        if conv.session.priorities():
            out.line("Priorities: " + " > ".join(conv.session.priorities()), "dim")
        return out

    def _turn(self, command: str, args: list[str]) -> Turn:
        """The engine's reply to a command on the session's answers (the one turn ask also takes)."""
        conv = self.conv
        return command_turn(self.kb, Understanding(command=command, args=tuple(args)), conv.session.entries(),
                            conv.session.priorities())

    def do_why(self, args: list[str], u: Understanding) -> Styled:
        if args:
            return self.do_why_not(args, u)
        return present.explanation_text(self._turn("why", []).reply)

    def do_why_not(self, args: list[str], u: Understanding) -> Styled:
        return present.explanation_text(self._turn("why_not", self._options(args, u)).reply)

    def do_compare(self, args: list[str], u: Understanding) -> Styled:
        ids = self._options(args, u)
        a = self.conv.assessment()
        if len(ids) < 2 and (a.recommendation is None or a.recommendation.option.id in ids):
            raise UnknownOption("compare needs two options", hint="e.g. compare k8s-ha-rke docker")
        return present.comparison_text(explain.compare(self.kb, a, ids), a.decided)

    def do_what_if(self, args: list[str], u: Understanding) -> Styled:
        conv = self.conv
        facts = self._facts(args, how="what-if")
        entries = conv.session.entries() + facts[:-1]
        out = Styled()
        if facts[:-1]:
            out.line("Also supposing " + present.understood_text(self.kb, facts[:-1]) + ":", "dim")
        last = facts[-1]
        turn = command_turn(self.kb, Understanding(command="what_if", args=(last.question, last.value)), entries,
                            conv.session.priorities())
        out.extend(present.explanation_text(turn.reply))
        return out.line("(Nothing was changed; `set` keeps an answer.)", "dim")

    def answer(self, question: str) -> Styled:
        """A question about the docs, answered from the knowledge base's own sentences with citations."""
        from fingerpost.sessions.gaps import note_turn  # start-up: loaded when a turn is recorded

        ans = explain.answer_question(self.kb, question)
        note_turn(self.kb, question, answer=ans)  # a question the docs do not answer, kept for `fingerpost gaps`
        out = present.explanation_text(ans)
        if not out:
            out.line(ans.text, "" if ans.found else "note")
            for src in ans.sources:
                out.bullet(src.title, src.source)
        return out

    def do_docs(self, args: list[str], u: Understanding) -> Styled:
        conv = self.conv
        sections = conv.doc_sections()
        words = " ".join(args).strip()
        if words == "checklist":
            items = explain.checklist(self.kb, conv.assessment())
            if not items:
                return Styled().line("There is no recommendation yet, so no checklist.", "note")
            return Styled().line("Before you install:", "heading").extend(present.explanation_text(items, mark="[ ]"))
        if words.isdigit():
            n = int(words)
            if not 1 <= n <= len(sections):
                raise UnknownName(f"there is no section {n}", hint=f"type `docs` to list them (1–{len(sections)})")
            return section_text(self.kb, sections[n - 1], conv.color, conv.width)
        if words:
            found = find_sections(sections, words)
            if len(found) == 1:
                return section_text(self.kb, found[0], conv.color, conv.width)
            if not found:
                return Styled().line(f'No section mentions "{words}". Type `docs` for the list.', "note")
            return present.sections_list(found, sections, limit=20)
        return present.docs_list(self.kb, conv.assessment(), sections)

    # ---- changing the facts --------------------------------------------------------------------------
    def _changed(self, out: Styled, before: Assessment) -> Styled:
        """What a change of the answers changed: options ruled out or back, then the recommendation in
        one line when it moved (or the next question), never the whole recommendation again."""
        after = self.conv.assessment()
        out.extend(present.changes_text(before, after))
        moved = (before.title, before.decided) != (after.title, after.decided)
        if after.decided or not moved or after.next_question is None:
            return out.line().extend(self.conv.next_step(repeat=not moved))
        out.extend(present.headline_text(after))
        return out.line().extend(self.conv.next_step())

    def do_set(self, args: list[str], u: Understanding) -> Styled:
        conv = self.conv
        facts = [Fact(f.question, f.value, "set", f.text) for f in u.facts] if u.facts else self._facts(args)
        before = conv.assessment()
        conv.session = conv.session.step(facts)
        out = Styled().add("Set: ", "good").line(present.understood_text(self.kb, facts) + ".")
        now = conv.facts
        for f in facts:  # exclusions that leave one answer settle it: say so
            if isinstance(f.value, Excluded) and settled(now, f.question) \
                    and before.facts.get(f.question) != now[f.question]:
                out.line(left_note(self.kb.questions[f.question], now[f.question]), "note")
        return self._changed(out, before)

    def do_unset(self, args: list[str], u: Understanding) -> Styled:
        conv = self.conv
        if not args:
            raise UnknownName("unset needs a question", hint="e.g. unset nodes; `facts` lists what is known")
        qids = [self.kb.question(a.split("=", 1)[0].strip()).id for a in args]
        known_now = conv.facts
        missing = [q for q in qids if q not in known_now]
        if len(missing) == len(qids):
            names = ", ".join(question_name(self.kb.questions.get(q), q) for q in missing)
            return Styled().line(f"I do not know the {names} yet; nothing to forget.", "note")
        before = conv.assessment()
        conv.session = conv.session.step([Fact(q, None, "set", f"unset {q}") for q in qids if q not in missing])
        forgot = [question_name(self.kb.questions.get(q), q) for q in qids if q not in missing]
        out = Styled().add("Forgot: ", "good").line(", ".join(forgot) + ".")
        return self._changed(out, before)

    def do_back(self, args: list[str], u: Understanding) -> Styled:
        conv = self.conv
        if not conv.session.steps:
            return Styled().line("There is no answer to undo.", "note").extend(conv.next_step(repeat=True))
        last = conv.session.steps[-1]
        before = conv.assessment()
        conv.session = conv.session.back()
        what = present.understood_text(self.kb, last.facts) or "priorities: " + " > ".join(last.priorities or ())
        out = Styled().add("Undone: ", "good").line(what + ".")
        return self._changed(out, before)

    def do_restart(self, args: list[str], u: Understanding) -> Styled:
        conv = self.conv
        conv.session = conv.session.restart()
        return Styled().line("Starting again: every answer is forgotten.", "good").line().extend(conv.next_step())

    # ---- files ---------------------------------------------------------------------------------------
    def do_save(self, args: list[str], u: Understanding) -> Styled:
        conv = self.conv
        if not args:
            where = f" in {conv.path}" if conv.path else ""
            return Styled().line(f"The session is saved after every turn{where}. "
                                 "`save NAME` keeps a copy under a name.", "note")
        path = session_path(conv.session.kb_id, " ".join(args))
        try:
            save_copy(conv.session, path, conv.path)
        except OSError as exc:
            raise FingerpostError(f"cannot save the session: {exc.strerror}", path=str(path),
                                  hint="choose another name or folder") from None
        again = Path(path).stem if Path(path).parent == sessions_dir() else str(path)  # `save ../x`: load by path
        return Styled().line(f"Saved to {path}. `load {again}` brings it back.", "good")

    def do_load(self, args: list[str], u: Understanding) -> Styled:
        conv = self.conv
        if not args:
            names = conv.saved_sessions()
            if not names:
                return Styled().line("There are no saved sessions yet.", "note")
            return Styled().line("Saved sessions: " + ", ".join(names), "note").line("Type `load NAME`.", "dim")
        before = conv.assessment()
        out = conv.load_named(" ".join(args))
        return self._changed(out, before)

    def do_export(self, args: list[str], u: Understanding) -> Styled:
        conv = self.conv
        path = self._out_path(args, "fingerpost-decision.md")
        text = export_markdown(self.kb, conv.assessment(), conv.session.entries())
        try:
            write_text_atomic(path, text)
        except OSError as exc:
            raise FingerpostError(f"cannot write the summary: {exc.strerror}", path=str(path),
                                  hint="choose another file name") from None
        return Styled().line(f"Wrote the decision summary to {path}.", "good")

    def do_diagram(self, args: list[str], u: Understanding) -> Styled:
        try:
            from fingerpost.render.diagram import KINDS, write_diagram  # start-up: diagrams load when one is drawn
        except ImportError:
            return Styled().line("Diagrams are not available in this installation.", "note")
        conv = self.conv
        kind = next((a for a in args if a in KINDS), "architecture")
        rest = [a for a in args if a != kind]
        a = conv.assessment()
        from fingerpost.kb.safeio import slug

        default = f"fingerpost-{slug(a.recommendation.option.id) if a.recommendation else 'decision'}.svg"
        path = self._out_path(rest, default if kind == "architecture" else "fingerpost-decision.svg")
        result = write_diagram(self.kb, conv.facts, path, kind=kind, priorities=conv.session.priorities())
        return Styled().line(result.message[:1].upper() + result.message[1:] + ".", "good" if result.ok else "note")

    def do_quit(self, args: list[str], u: Understanding) -> Styled:
        return self.conv.leave()

    # ---- helpers -------------------------------------------------------------------------------------
    def _out_path(self, args: list[str], default: str) -> Path:
        name = " ".join(args).strip() or default
        path = Path(name).expanduser()
        return path if path.is_absolute() else self.conv.workdir / path

    def _options(self, args: list[str], u: Understanding) -> list[str]:
        """Option ids from the understood arguments, or from the words typed (with suggestions)."""
        ids = [a for a in args if a in self.kb.options]
        words = " ".join([a for a in args if a not in self.kb.options] + list(u.unknown)).strip()
        typed = [w for w in self.conv.last_text.replace(",", " ").split() if w in self.kb.options]
        if words and not ids:  # `compare k8s-ha-rke docker`: ids typed as they are
            ids = typed or [explain.find_option(self.kb, words)]
        if not ids:
            raise UnknownOption("which option?", hint="options: " + ", ".join(self.kb.options))
        return ids

    def _facts(self, args: list[str], how: str = "set") -> list[Fact]:
        """Facts from `(question, value, …)` pairs (as understood) or `Q=V` words (as typed)."""
        if len(args) >= 2 and len(args) % 2 == 0 and all(q in self.kb.questions for q in args[::2]):
            return [parse_setting(self.kb.questions, f"{q}={v}", how) for q, v in zip(args[::2], args[1::2], strict=True)]
        text = " ".join(args)
        pairs = [p for p in text.split() if "=" in p] if text.count("=") > 1 else [text]
        if not text or any("=" not in p for p in pairs):
            raise UnknownName(f"`{text or '(nothing)'}` is not QUESTION=VALUE",
                              hint="e.g. nodes=3; `facts` lists what is known")
        return [parse_setting(self.kb.questions, p, how) for p in pairs]
