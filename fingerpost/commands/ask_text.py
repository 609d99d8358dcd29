"""The text form of `fingerpost ask`: what a person wants to read in a terminal.

Colour only on a terminal and never when NO_COLOR is set (rich's own rules); long lines are
not cut when the output is piped.
"""

from __future__ import annotations

import os
import shlex
import sys
from typing import Any

from rich.console import Console
from rich.text import Text

__all__ = ["print_turn", "turn_text"]

_MARKS = {"recommended": ("★", "bold green"), "feasible": ("✓", "green"), "open": ("?", "yellow"),
          "ruled_out": ("✗", "red")}
_HOLDS = {True: ("✓", "green"), False: ("✗", "red"), None: ("?", "yellow")}


def _cite(t: Text, source: Any) -> None:
    t.append(f"  [{source.path}:{source.line}]", "dim")


def _understood(kb: Any, turn: Any, t: Text, verbose: bool = True) -> None:
    from fingerpost.engine.facts import display_value, question_name  # start-up: loaded when the command runs

    u = turn.understanding
    if u.facts:
        parts = [(f"{f.question} = " if verbose else f"{question_name(kb.questions[f.question])}: ")
                 + display_value(kb.questions[f.question], f.value)
                 + (f" (“{f.text}”)" if f.text and verbose else "") for f in u.facts]
        t.append("Understood: ", "bold").append("; ".join(parts) + "\n")
    if u.priorities:
        t.append("Priorities: ", "bold").append(" > ".join(u.priorities) + "\n")
    for note in (*u.notes, *turn.notes):
        t.append(f"  note: {note}\n", "dim")
    if u.unknown:
        t.append("Not understood: ", "yellow").append(", ".join(u.unknown) + "\n")


def _recommendation(kb: Any, turn: Any, t: Text) -> None:
    reply = turn.said
    a = reply.assessment
    rec = a.recommendation
    if rec is None:
        t.append("No option fits these answers.\n", "bold red")
        return
    lead = "Recommendation: " if a.decided else "Best fit so far: "
    t.append("★ " + lead, "bold green").append(a.title + "\n", "bold")
    if rec.option.summary:
        t.append(f"  {rec.option.summary}\n")
    t.append("  Why\n", "bold")
    for s in reply.why:
        if s.kind == "question":
            continue
        mark, style = _HOLDS.get(s.holds, ("•", "")) if s.kind in ("requires", "excludes") else ("•", "")
        t.append(f"    {mark} ", style).append(s.text)
        _cite(t, s.source)
        t.append("\n")
    if reply.caveats:
        t.append("  Could still change it: ", "yellow").append(", ".join(reply.caveats) + "\n")
    if reply.guides:
        t.append("  Guides\n", "bold")
        for s in reply.guides:
            t.append(f"    • {s.text}: ").append(s.href + "\n", "cyan")
    if reply.checklist:
        t.append("  Before you start\n", "bold")
        for s in reply.checklist:
            t.append(f"    [ ] {s.text}")
            if s.href:
                t.append(f" {s.href}", "cyan")
            t.append("\n")


def _options(kb: Any, turn: Any, t: Text) -> None:
    t.append("Options\n", "bold")
    for c in turn.assessment.candidates:
        mark, style = _MARKS[c.status]
        indent = "  " * (len(kb.lineage(c.option.id)))
        t.append(f"{indent}{mark} ", style).append(c.option.title).append(f" — {c.status.replace('_', ' ')}", style)
        why = next((r for r in c.reasons if r.holds is (False if c.status == "ruled_out" else None)), None)
        if c.status in ("ruled_out", "open") and why is not None:
            t.append(f": {why.text}")
            _cite(t, why.source)
        t.append("\n")


def _next(kb: Any, turn: Any, t: Text) -> None:
    q = turn.assessment.next_question
    if q is None:
        return
    from fingerpost.engine.excluded import offered  # start-up: loaded when the command runs

    t.append("Next question: ", "bold").append(q.text + "\n")
    choices = offered(q, turn.assessment.facts.get(q.id))  # without the answers ruled out ("not air-gapped")
    if q.kind in ("choice", "yesno"):
        t.append("  " + "   ".join(f"{i}. {c.label}" for i, c in enumerate(choices, 1)) + "\n")
    example = choices[0].value if choices else ("3" if q.kind == "number" else "2.4.8")
    t.append(f"  Answer in words, or add --set {shlex.quote(f'{q.id}={example}')}\n", "dim")  # pasted into a shell


_ROWS = (("Status", ("headline",)), ("Requirements", ("requires", "excludes")), ("Pros", ("pro",)),
         ("Cons", ("con",)), ("Migration paths", ("migration",)), ("Docs", ("doc",)))


def _compact_comparison(kb: Any, turn: Any, t: Text) -> None:
    """The compared options side by side in a compact table (the full rows with --verbose)."""
    from fingerpost.engine.answers.compare import compare  # start-up: loaded when the command runs
    from fingerpost.render.compare_table import compare_table  # start-up: loaded when the command runs

    ids = list(dict.fromkeys(s.option for s in turn.reply if s.option))
    table = compare_table(compare(kb, turn.assessment, ids), 100, turn.assessment.decided)
    t.append("\n".join(table) + "\n")


def _comparison(kb: Any, turn: Any, t: Text) -> None:
    """Side by side, row by row: each row lists every option's statements under its name."""
    options = list(dict.fromkeys(s.option for s in turn.reply))
    t.append("Compare: " + " vs ".join(kb.options[o].title for o in options) + "\n", "bold")
    for title, kinds in _ROWS:
        rows = [s for s in turn.reply if s.kind in kinds]
        if not rows:
            continue
        t.append(f"  {title}\n", "bold")
        for oid in options:
            mine = [s for s in rows if s.option == oid]
            if not mine:
                continue
            if title == "Status":
                t.append(f"    {mine[0].text}\n")
                continue
            t.append(f"    {kb.options[oid].title}\n", "cyan")
            for s in mine:
                _statement(t, s, "      ", "• ")


def _statement(t: Text, s: Any, indent: str, bullet: str) -> None:
    """One statement of a reply: whether its condition holds (or `bullet`), its text, link and citation."""
    mark = _HOLDS[s.holds][0] + " " if s.kind in ("requires", "excludes") else bullet
    t.append(f"{indent}{mark}{s.text}")
    if s.href:
        t.append(f" {s.href}", "cyan")
    _cite(t, s.source)
    t.append("\n")


def _reply(kb: Any, turn: Any, t: Text) -> None:
    u = turn.understanding
    if u.command == "compare":
        _comparison(kb, turn, t)
        return
    title = "Answer" if u.question and not u.command else (u.command or "").replace("_", " ").capitalize()
    if u.command in ("why", "why_not") and u.args and all(a in kb.options for a in u.args):
        title = "About " + " / ".join(kb.options[a].title for a in u.args)  # "why HA?" explains it, not "Why not"
    t.append(f"{title}\n", "bold")
    for s in turn.reply:
        _statement(t, s, "  ", "")


SHORT_WHY = 2
"""Reasons shown for the recommendation by default (the rest with --verbose, or `why`)."""


def _brief(kb: Any, turn: Any, t: Text) -> None:
    """The recommendation in a few lines: the answer first, why, what it costs, what could change it."""
    from fingerpost.engine.facts import question_name  # start-up: loaded when the command runs

    reply = turn.said
    a = reply.assessment
    rec = a.recommendation
    if rec is None:
        t.append("No option fits these answers.\n", "bold red")
        for s in [s for s in reply.why if s.kind == "nearest"][:4]:
            _statement(t, s, "  ", "• ")
        return
    lead = "Recommendation: " if a.decided else "Best fit so far: "
    t.append("★ " + lead, "bold green").append(a.title + "\n", "bold")
    if rec.option.summary:
        t.append(f"  {rec.option.summary}\n")
    for s in [s for s in reply.why if s.kind == "wish"]:
        _statement(t, s, "  ", "! ")
    for s in sorted(reply.support, key=lambda s: s.kind != "recommends")[:SHORT_WHY]:  # why it is recommended first
        _statement(t, s, "  ", "• ")
    for s in reply.costs[:1]:
        _statement(t, s, "  ", "− ")
    if reply.caveats:
        names = [question_name(kb.questions.get(q), q) for q in reply.caveats[:3]]
        more = " …" if len(reply.caveats) > 3 else ""
        t.append("  Could still change it: ", "yellow").append(", ".join(names) + more + "\n")
    if reply.guides:
        t.append(f"  Guide: {reply.guides[0].text}: ").append(reply.guides[0].href + "\n", "cyan")


def _headline(turn: Any, t: Text) -> None:
    a = turn.assessment
    if a.recommendation is None:
        t.append("No option fits these answers (`why` says what would).\n", "bold red")
        return
    lead = "Recommendation: " if a.decided else "Best fit so far: "
    t.append("★ " + lead, "bold green").append(a.title + "\n", "bold")


def _next_brief(kb: Any, turn: Any, t: Text) -> None:
    q = turn.assessment.next_question
    if q is None:
        return

    from fingerpost.engine.reason.offer import answers_offered  # start-up: loaded when the command runs

    t.append("Next: ", "bold").append(q.text + "\n")
    if q.kind in ("choice", "yesno"):
        choices = answers_offered(kb, turn.assessment.facts, q)
        t.append("  " + "   ".join(f"{i}. {c.label}" for i, (c, _) in enumerate(choices, 1)) + "\n")
        for c, rule in choices:
            if rule is not None:
                t.append(f"  ({c.label}: no option fits with it — {rule.text})\n", "dim")


def turn_text(kb: Any, turn: Any, verbose: bool = False) -> Text:
    """The turn as styled text: by default the answer first and a few lines; with `verbose`, every
    option with its reasons, the guides, the checklist and the ids to type."""
    if not verbose:
        return _short_text(kb, turn)
    t = Text()
    _understood(kb, turn, t)
    if turn.reply:
        if t.plain:
            t.append("\n")
        _reply(kb, turn, t)
    if t.plain:
        t.append("\n")
    _recommendation(kb, turn, t)
    t.append("\n")
    _options(kb, turn, t)
    if turn.assessment.next_question is not None:
        t.append("\n")
        _next(kb, turn, t)
    return t


def _short_text(kb: Any, turn: Any) -> Text:
    t = Text()
    if turn.reply and turn.understanding.command == "compare":
        _compact_comparison(kb, turn, t)
    elif turn.reply:
        _reply(kb, turn, t)
    if turn.reply:
        _headline(turn, t)  # the answer came first: the recommendation in one line
    else:
        _brief(kb, turn, t)
    _next_brief(kb, turn, t)
    _understood(kb, turn, t, verbose=False)
    t.append("(more: add --verbose)\n", "dim")
    return t


def print_turn(kb: Any, turn: Any, file: Any = None, verbose: bool = False) -> None:
    """Print the turn; colour only on a terminal without NO_COLOR."""
    out = file or sys.stdout
    tty = out.isatty() if hasattr(out, "isatty") else False
    plain = bool(os.environ.get("NO_COLOR")) or not tty
    console = Console(file=out, highlight=False, soft_wrap=not tty, emoji=False, force_terminal=tty,
                      color_system=None if plain else "auto")
    console.print(turn_text(kb, turn, verbose), end="")
