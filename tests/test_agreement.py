"""One dispatcher, one reply model: the same turns through `ask` (text and JSON), the piped chat, the
Markdown export and the HTML page's data give the same recommendation, the same facts and the
same reasons — each front end only formats engine.answers.reply.Reply."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from fingerpost.engine.answers.reply import decision_reply
from fingerpost.kb import compile_path
from fingerpost.render.answer_table import answer_table
from fingerpost.render.ask_json import fact_json
from fingerpost.render.html import HtmlOptions, build_page
from fingerpost.render.markdown import export_markdown
from fingerpost.render.text import lead_reasons
from html_pages import page_data_of

from fingerpost.chat.conversation import Conversation
from fingerpost.chat.repl import run_piped
from fingerpost.cli import main
from fingerpost.sessions.session import Session


@pytest.fixture(scope="module")
def kb():
    return compile_path()


@pytest.fixture(scope="module")
def page(kb):
    table = answer_table(kb)
    return table, page_data_of(build_page(kb, HtmlOptions(diagrams=False)).html)


def _turns(table) -> list:
    """Every eighth result of the page (deterministic), and the first and the last."""
    results = [n for n in table.nodes if n.question is None]
    return sorted({results[0].index, results[-1].index, *(n.index for n in results[::8])})


@pytest.fixture(autouse=True)
def _state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("NO_COLOR", "1")


def test_every_front_end_says_the_same(kb, page, tmp_path: Path, capsys) -> None:
    table, data = page
    checked = 0
    for index in _turns(table):
        node = table.nodes[index]
        sets = [a for s in node.settings for a in ("--set", s)]

        assert main(["ask", "--format", "json", *sets]) == 0
        doc = json.loads(capsys.readouterr().out)
        assert main(["ask", "--verbose", *sets]) == 0  # every reason; the default text is a brief
        text = capsys.readouterr().out

        conv = Conversation(kb, Session("agreement"), path=None, workdir=tmp_path)
        out = io.StringIO()
        run_piped(conv, io.StringIO("".join(f"set {s}\n" for s in node.settings) + "quit\n"), out)
        chat = out.getvalue()
        a = conv.assessment()
        export = export_markdown(kb, a, conv.session.entries())
        entry = data["nodes"][index]
        reply = decision_reply(kb, a)

        # the same facts
        facts = {k: fact_json(v) for k, v in a.facts.items()}
        assert doc["facts"] == facts == entry["doc"]["facts"], node.settings
        # the same recommendation, named the same way everywhere
        rec = doc["recommendation"]
        assert rec == entry["doc"]["recommendation"], node.settings
        assert [o["id"] for o in entry["result"]["why_not"]] == [o.option.id for o in reply.others]
        if rec is None:
            assert a.recommendation is None
            assert "No option fits these answers." in text and "No option fits these answers." in chat
            assert "No option fits these answers." in export
            for o in reply.others:
                assert o.option.title in chat and f"**{o.option.title}**" in export
            checked += 1
            continue
        assert rec["id"] == a.recommendation.option.id and rec["title"] == a.title
        lead = "Recommendation: " if a.decided else "Best fit so far: "
        assert f"{lead}{a.title}" in text and f"{lead}{a.title}" in chat, node.settings
        assert f"**{a.title}** (" in export and f"`{rec['id']}`" not in export, "titles, not ids"
        # the same reasons: the JSON's `because` is the Reply's support, and every front end shows it
        assert [b["text"] for b in rec["because"]] == [s.text for s in reply.support]
        brief = lead_reasons(reply)  # the chat's brief shows two reasons (`why` the rest)
        assert len(brief) == min(2, len(reply.support))
        for s in reply.support:
            assert s.text in text and (s not in brief or s.text in chat) and s.text in export.replace("\\|", "|"), s.text
        assert [w["text"] for w in entry["result"]["why"]] == [s.text for s in reply.why]
        # the same guides and the same other options
        assert [d["href"] for d in rec["docs"]] == [s.href for s in reply.guides]
        for n, s in enumerate(reply.guides):  # the chat's brief links the first guide (`docs` the rest)
            assert s.href in text and (n >= 1 or s.href in chat) and s.href in export
        for o in reply.others:
            assert f"**{o.option.title}**" in export
        checked += 1
    assert checked >= 10
