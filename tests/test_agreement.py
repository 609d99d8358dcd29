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
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


# ---- one value prober: the planner, the page and lint probe the same values ------------------

_LITERALS = {"number": ["0", "1", "2", "2.5", "2.7", "3", "10"], "version": ["1.2", "2.0", "2.4", "2.4.1", "2.5", "3"]}


@st.composite
def _conditions(draw, kind: str) -> list[str]:  # noqa: ANN001
    def leaf() -> str:
        return f"x {draw(st.sampled_from(['<', '<=', '>', '>=', '==', '!=']))} {draw(st.sampled_from(_LITERALS[kind]))}"

    return [f"{leaf()} {draw(st.sampled_from(['and', 'or']))} {leaf()}" if draw(st.booleans()) else leaf()
            for _ in range(draw(st.integers(1, 3)))]


def _pack(root: Path, kind: str, conditions: list[str]) -> Path:
    options = "\n".join(f"```fingerpost\noption: o{i}\ntitle: Option {i}\nsummary: The option {i}.\nrequires:\n"
                        f"  - if: {cond}\n    because: It needs it.\n```\n" for i, cond in enumerate(conditions))
    question = f"```fingerpost\nquestion: x\ntext: Which x?\ntype: {kind}\n```\n"
    (root / "index.md").write_text("---\ntitle: Probes\nfingerpost:\n  decision: probes\n  title: Which option\n---\n\n"
                                   f"# Probes\n\n## The question {{#q}}\n\n{question}\n## Options {{#o}}\n\n{options}",
                                   encoding="utf-8")
    return root


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["number", "version"]), data=st.data())
def test_the_planner_the_page_and_lint_probe_the_same_values(tmp_path_factory, kind, data) -> None:  # noqa: ANN001
    """kb.expr.probe_spans is the one prober: every range the page offers is one class of the planner
    and each planner class is offered; an option lint finds reachable is reachable from a page answer."""
    from fingerpost.engine.reason.exact import space_for
    from fingerpost.kb import expr as ex
    from fingerpost.render.answer_classes import answer_classes

    conditions = data.draw(_conditions(kind))
    kb = compile_path(_pack(tmp_path_factory.mktemp("probes"), kind, conditions))
    space = space_for(kb)
    offered = answer_classes(kb, "x")
    classes = [space.classify("x", c.value) for c in offered]
    assert sorted(classes) == list(range(len(space.classes["x"]))), (conditions, offered)
    spans = [s for c in offered for s in c.spans]
    for _, probe in ex.probe_spans({r for c in kb.constraints for r in ex.literals(c.expr).get("x", ())}, kind):
        assert sum(s.contains(probe) for s in spans) == 1, (conditions, probe)  # the page offers every probe once
    for c in kb.constraints:
        reachable = ex.satisfiable(c.expr, kb.kinds(), {}) is not None
        assert reachable == any(ex.evaluate(c.expr, {"x": a.value}) for a in offered), (c.text, offered)
