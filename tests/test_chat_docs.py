"""The chat's docs stay honest: every command is in the README table, docs/chat.md and `help`,
and every command the engine can understand has a handler."""

from __future__ import annotations

import re

import pytest
from conftest import REPO
from fingerpost.engine.language.understand import COMMANDS as UNDERSTOOD

from fingerpost.chat.commands import Commands
from fingerpost.chat.help import COMMANDS, command_help

README = (REPO / "README.md").read_text(encoding="utf-8")
CHAT_DOC = (REPO / "docs" / "chat.md").read_text(encoding="utf-8")


def _table_commands(text: str) -> set[str]:
    return {m.group(1).split()[0] for m in re.finditer(r"^\| `([^`]+)`", text, re.M)}


@pytest.mark.parametrize("doc", [README, CHAT_DOC], ids=["README.md", "docs/chat.md"])
def test_every_chat_command_is_in_the_commands_table(doc: str) -> None:
    listed = _table_commands(doc)
    for name, usage, _, _ in COMMANDS:
        assert name.split()[0] in listed, f"`{usage}` is missing from the chat commands table"
        assert f"`{usage.replace('|', chr(92) + '|')}`" in doc or f"`{usage}`" in doc, usage


def test_help_lists_every_command_with_an_example_from_the_knowledge_base() -> None:
    from fingerpost.kb import compile_path

    kb = compile_path(REPO / "docs" / "examples" / "replication")
    text = command_help(kb).plain()
    for _, usage, what, _ in COMMANDS:
        assert usage in text and what in text
    last = kb.top_options()[-1].id
    assert f'"why not {last}?"' in text and "{" not in text


def test_every_understood_command_has_a_handler_and_a_help_line() -> None:
    names = {name.replace(" ", "_") for name, _, _, _ in COMMANDS}
    assert set(UNDERSTOOD) == names
    for name in UNDERSTOOD:
        assert callable(getattr(Commands, f"do_{name}", None)), name


def test_readme_links_the_chat_page_and_the_state_folder() -> None:
    assert "](docs/chat.md)" in README and "fingerpost chat" in README
    assert "$XDG_STATE_HOME/fingerpost" in README and "~/.local/state/fingerpost" in README
