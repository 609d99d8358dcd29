"""The chat's commands as a person sees them: name, usage, what it does and an example, for `help`,
completion and the docs.

    >>> print(command_help().plain().splitlines()[0])
    Answer the questions in your own words, or type a command:
"""

from __future__ import annotations

from fingerpost.kb.graph import KnowledgeBase
from fingerpost.render.text import Styled

__all__ = ["COMMANDS", "command_help"]

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
