"""No internal id or raw expression in any default text output: ask text, chat replies, the export
and the HTML page's text. Ids and expressions stay in the JSON and in `ask --verbose`.

The ids looked for are those that are not words: option and question ids with a hyphen, an
underscore or a digit (`k8s-single-rke`, `rancher_version`); the expressions are comparisons
(`purpose == production`, `nodes >= 3`) and membership tests (`distro in [rke, any]`).
"""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from engine_helpers import kb_at
from fingerpost.engine.reason.assess import assess
from fingerpost.render.html import HtmlOptions, build_page
from fingerpost.render.markdown import export_markdown

from fingerpost.chat.conversation import Conversation
from fingerpost.chat.repl import run_piped
from fingerpost.cli import main
from fingerpost.sessions.session import Session

SITUATIONS = (
    "",
    "testing",
    "production, three nodes",
    "production, three nodes, rancher 2.4.8, air-gapped",
    "Rancher 2.3, production, k3s",
    "we have one node and want to grow later",
    "production. why not docker?",
    "production, 2 nodes. why?",
    "production. compare k3s rke",
    "production. k3s or rke?",
    "production. what if nodes=1",
    "testing, no growth. docs",
    "what is K3s?",
)
CHAT = (
    ("production", "3 nodes", "what if nodes=1", "compare k3s rke", "undo", "why", "facts", "rancher 2.3", "k3s"),
    ("testing", "no", "why not k8s-single", "back", "checklist"),
    ("production, rancher 2.3, k3s", "what if distro=rke"),
)
_EXPRESSION = re.compile(r"\b\w+ (?:==|!=|>=|<=|<|>) \S|\b\w+ in \[[^\]]*\]")


@pytest.fixture(scope="module")
def kb():  # noqa: ANN201
    return kb_at(None)


def _ids(kb) -> list[str]:  # noqa: ANN001
    names = [*kb.options, *kb.questions]
    return [n for n in names if re.search(r"[-_0-9]", n)]


def _leaks(kb, text: str) -> list[str]:  # noqa: ANN001
    found = [i for i in _ids(kb) if re.search(rf"(?<![\w/#.-]){re.escape(i)}(?![\w-])", text)]
    return found + _EXPRESSION.findall(text)


@pytest.fixture(autouse=True)
def _state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("NO_COLOR", "1")


def _without_links(text: str) -> str:
    return re.sub(r"https?://\S+", "", text)


@pytest.mark.parametrize("said", SITUATIONS)
def test_ask_text_has_no_ids_or_expressions(kb, said: str, capsys) -> None:  # noqa: ANN001
    assert main(["ask", said]) == 0
    out = _without_links(capsys.readouterr().out)
    assert out.strip()
    assert _leaks(kb, out) == [], out


def test_the_scan_finds_ids_and_expressions_where_they_belong(kb, capsys) -> None:  # noqa: ANN001
    assert main(["ask", "production, three nodes", "--verbose"]) == 0
    assert "rancher_version" in _leaks(kb, capsys.readouterr().out), "--verbose keeps the ids to type"
    assert _leaks(kb, "needs purpose == production and distro in [rke, any]") == \
        ["purpose == p", "distro in [rke, any]"]


@pytest.mark.parametrize("lines", CHAT)
def test_chat_replies_have_no_ids_or_expressions(kb, lines: tuple[str, ...], tmp_path: Path) -> None:  # noqa: ANN001
    conv = Conversation(kb, Session("words"), path=None, workdir=tmp_path)
    out = io.StringIO()
    run_piped(conv, io.StringIO("".join(line + "\n" for line in lines) + "quit\n"), out)
    text = _without_links(out.getvalue())
    # the chat echoes what was typed after its prompt; what it says is the rest
    said = "\n".join(line for line in text.splitlines() if not line.startswith("›"))
    # a choice's value in brackets is what to type, e.g. "(testing)"; not an id
    said = re.sub(r"\s\([a-z0-9_-]+\)$", "", said, flags=re.MULTILINE)
    assert _leaks(kb, said) == [], said
    assert _leaks(kb, conv.toolbar().plain()) == []


@pytest.mark.parametrize("facts", [{}, {"purpose": "testing"}, {"purpose": "production", "nodes": 3},
                                   {"purpose": "production", "distro": "k3s", "rancher_version": "2.3"}])
def test_the_export_has_no_ids_or_expressions(kb, facts: dict) -> None:  # noqa: ANN001
    text = _without_links(export_markdown(kb, assess(kb, facts)))
    assert _leaks(kb, text) == [], text


def test_the_html_page_text_has_no_ids_or_expressions(kb) -> None:  # noqa: ANN001
    page = build_page(kb, HtmlOptions(diagrams=False)).html
    visible = re.sub(r"<(script|style|template)\b.*?</\1>", " ", page, flags=re.DOTALL)
    visible = html.unescape(re.sub(r"<[^>]+>", " ", visible))
    assert _leaks(kb, _without_links(visible)) == []
