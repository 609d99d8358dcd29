"""The chat's commands as a person sees them, for `help`, completion and the docs: the one command
table (engine.language.commands.COMMAND_TABLE) formatted for the terminal.

    >>> print(command_help().plain().splitlines()[0])
    Answer the questions in your own words, or type a command:
"""

from __future__ import annotations

from fingerpost.engine.language.commands import COMMAND_TABLE
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.render.text import Styled

__all__ = ["COMMANDS", "command_help"]

COMMANDS: tuple[tuple[str, str, str, str], ...] = tuple((c.name, c.usage, c.what, c.example) for c in COMMAND_TABLE)
"""(name, usage, what it does, an example) of every command (engine.language.commands.COMMAND_TABLE)."""


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
