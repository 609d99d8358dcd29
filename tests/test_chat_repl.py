"""The chat driven through a real PromptSession (pipe input, dummy output): whole conversations,
checked against what the engine itself answers for the same facts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fingerpost.engine.answers import explain
from fingerpost.engine.answers.reply import decision_reply
from fingerpost.engine.facts import Fact
from fingerpost.engine.reason.assess import assess
from fingerpost.kb import compile_path
from prompt_toolkit.document import Document
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from fingerpost.chat.conversation import Conversation
from fingerpost.chat.help import COMMANDS
from fingerpost.chat.repl import ChatCompleter, make_prompt_session, run_chat
from fingerpost.sessions.session import Session, load, save

ENTER = "\r"
CTRL_C = "\x03"
CTRL_D = "\x04"


@pytest.fixture(scope="module")
def kb():  # noqa: ANN201
    return compile_path()


@pytest.fixture(autouse=True)
def _state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("NO_COLOR", raising=False)


class Chat:
    """A conversation, the replies it showed (one per turn) and the facts saved after each turn."""

    def __init__(self, kb, tmp_path: Path, session: Session | None = None) -> None:  # noqa: ANN001
        self.path = tmp_path / "session.json"
        self.conv = Conversation(kb, session or Session("test-kb"), self.path, workdir=tmp_path)
        self.replies: list[str] = []
        self.saved: list[int] = []

    def show(self, text) -> None:  # noqa: ANN001
        self.replies.append(text.plain())
        self.saved.append(len(load(self.path).transcript) if self.path.exists() else 0)

    def type(self, keys: str) -> Chat:
        with create_pipe_input() as inp:
            inp.send_text(keys)
            inp.close()  # the end of the keys is the end of input, as Ctrl-D would be
            session = make_prompt_session(self.conv, input=inp, output=DummyOutput())
            run_chat(self.conv, session=session, show=self.show)
        return self

    def say(self, *lines: str) -> Chat:
        return self.type("".join(line + ENTER for line in lines))

    @property
    def last(self) -> str:
        return self.replies[-2]  # the last reply before the goodbye


def facts_of(chat: Chat) -> dict:
    return chat.conv.facts


def test_whole_conversation_reaches_the_engines_recommendation(kb, tmp_path: Path) -> None:  # noqa: ANN001
    chat = Chat(kb, tmp_path).say("production", "3 nodes", "2.4.8", "rke", "direct")
    greeting = chat.replies[0]
    assert kb.decision.title in greeting and kb.questions["purpose"].text in greeting
    expected = assess(kb, chat.conv.facts)
    assert expected.decided and expected.recommendation.option.id == "k8s-ha-rke"
    final = chat.last
    # the recommendation is a brief: the answer first, what speaks for it, what it costs, the guide
    assert final.splitlines()[2].endswith(f"Recommendation: {expected.title}")  # after what was understood
    reply = decision_reply(kb, expected)
    for s in reply.support[:2]:
        assert s.text in final and str(s.source) in final
    assert reply.costs[0].text in final and reply.guides[0].href in final
    assert '"diagram"' in final and '"why"' in final and len(final.splitlines()) <= 14
    more = Chat(kb, tmp_path / "more").say("production", "3 nodes", "2.4.8", "rke", "direct", "why", "checklist")
    for s in explain.why(kb, expected):
        if s.kind != "headline":
            assert s.text in more.replies[-3] and str(s.source) in more.replies[-3]
    for item in explain.checklist(kb, expected):
        assert f"[ ] {item.text}" in more.last
    # each question the engine planned was asked in turn
    asked = [r for r in chat.replies[:-2]]
    plan = [assess(kb, {}).next_question.text]
    assert plan[0] in asked[0]
    assert chat.replies[-1].startswith("Goodbye.")


def test_free_text_says_what_it_understood(kb, tmp_path: Path) -> None:  # noqa: ANN001
    chat = Chat(kb, tmp_path).say("we're air-gapped with 2 K3s nodes")
    reply = chat.replies[1]
    assert reply.startswith("Understood: ")
    for part in ("network access: Air-gapped (no internet access)", "node count: 2", "kubernetes distribution: K3s"):
        assert part in reply
    assert facts_of(chat) == {"internet": "airgap", "nodes": 2, "distro": "k3s"}
    nxt = assess(kb, facts_of(chat)).next_question
    assert nxt.text in reply


def test_why_not_docker_gives_the_engines_reasons(kb, tmp_path: Path) -> None:  # noqa: ANN001
    chat = Chat(kb, tmp_path).say("production", "why not docker")
    a = assess(kb, {"purpose": "production", "grow_to_ha": True})
    statements = explain.why_not(kb, a, "docker")
    assert statements[0].holds is False
    reply = chat.replies[2]
    for s in statements:
        assert s.text in reply and f"[{s.source}]" in reply
    assert facts_of(chat)["purpose"] == "production"  # asking changed nothing


def test_back_undoes_the_whole_last_turn_and_restart_forgets_everything(kb, tmp_path: Path) -> None:  # noqa: ANN001
    chat = Chat(kb, tmp_path).say("production", "air-gapped with 2 k3s nodes", "back")
    assert facts_of(chat) == {"purpose": "production", "grow_to_ha": True}
    assert chat.replies[3].startswith("Undone: ")
    chat.say("restart")
    assert facts_of(chat) == {}
    assert kb.questions["purpose"].text in chat.last


def test_set_unset_and_what_if(kb, tmp_path: Path) -> None:  # noqa: ANN001
    chat = Chat(kb, tmp_path).say("set nodes=1", "set purpose=testing", "what if nodes=3", "unset nodes")
    assert chat.replies[1].startswith("Set: node count: 1")
    change = explain.what_if(kb, [Fact("nodes", 1), Fact("purpose", "testing")], "nodes", 3)
    for s in explain.what_if_brief(kb, change):  # what changed, not everything
        assert s.text in chat.replies[3]
    assert change.statements[0].text in chat.replies[3] and "nodes=" not in chat.replies[3]
    assert "Nothing was changed" in chat.replies[3]
    assert facts_of(chat) == {"purpose": "testing"}
    assert chat.replies[4].startswith("Forgot: node count")


def test_compare_and_facts(kb, tmp_path: Path) -> None:  # noqa: ANN001
    chat = Chat(kb, tmp_path).say("production", "compare k8s-ha-rke docker", "facts")
    cmp = chat.replies[2]
    words = " ".join(cmp.split())
    assert "Docker install on a single node" in words and "High-availability install on an RKE" in words
    assert [line.split()[0] for line in cmp.splitlines()[1:] if line[:1].isalpha()][:2] == ["Status", "Your"]
    assert "ruled out" in cmp and len(cmp.splitlines()) <= 20
    assert "use case: Production" in chat.replies[3] and "implied by another answer" in chat.replies[3]


def test_a_bad_answer_is_one_clear_line_and_the_question_again(kb, tmp_path: Path) -> None:  # noqa: ANN001
    chat = Chat(kb, tmp_path).say("set nodes=many", "set colour=red")
    assert "error: `many` is not a number for `nodes`" in chat.replies[1]
    assert "no question named `colour`" in chat.replies[2]
    assert "Traceback" not in "".join(chat.replies) and "went wrong" not in "".join(chat.replies)
    assert facts_of(chat) == {}


def test_ctrl_c_cancels_the_line_and_ctrl_d_leaves(kb, tmp_path: Path) -> None:  # noqa: ANN001
    chat = Chat(kb, tmp_path).type("production" + CTRL_C + "testing" + ENTER + CTRL_D + "3 nodes" + ENTER)
    assert facts_of(chat) == {"purpose": "testing"}
    assert [t.said for t in chat.conv.session.transcript] == ["testing"]
    assert chat.replies[-1].startswith("Goodbye.") and chat.conv.finished


def test_quit_leaves_and_later_lines_are_not_read(kb, tmp_path: Path) -> None:  # noqa: ANN001
    chat = Chat(kb, tmp_path).say("quit", "production")
    assert chat.conv.finished and facts_of(chat) == {}


def test_the_session_is_saved_after_every_turn(kb, tmp_path: Path) -> None:  # noqa: ANN001
    chat = Chat(kb, tmp_path).say("production", "why", "3 nodes", "help")
    assert chat.saved[1:5] == [1, 2, 3, 4]
    data = json.loads(chat.path.read_text())
    assert [f["question"] for s in data["steps"] for f in s["facts"]] == ["purpose", "nodes"]


def test_resumed_session_continues_where_it_stopped(kb, tmp_path: Path) -> None:  # noqa: ANN001
    first = Chat(kb, tmp_path).say("production", "3 nodes")
    second = Chat(kb, tmp_path, session=load(first.path)).say("why")
    assert "use case: Production" in second.replies[0] and "node count: 3" in second.replies[0]
    assert facts_of(second) == facts_of(first)


def test_save_and_load_named_sessions(kb, tmp_path: Path) -> None:  # noqa: ANN001
    chat = Chat(kb, tmp_path).say("production", "save staging", "restart", "load", "load staging")
    assert "staging.json" in chat.replies[2]
    assert "staging" in chat.replies[4]
    assert facts_of(chat)["purpose"] == "production"


def test_export_writes_markdown_with_citations_and_links(kb, tmp_path: Path) -> None:  # noqa: ANN001
    chat = Chat(kb, tmp_path).say("production, 3 nodes, rancher 2.4.8, rke, direct internet", "export plan.md")
    text = (tmp_path / "plan.md").read_text()
    a = assess(kb, facts_of(chat))
    assert text.startswith(f"# {kb.decision.title}")
    assert f"**{a.title}**" in text and "## Why" in text and "## Before you install" in text
    assert "- [ ] " in text and "`install-options.md:" in text and "](https://" in text
    assert "Docker install on a single node" in text  # the other options, with why not


def test_docs_lists_guides_and_shows_a_section(kb, tmp_path: Path) -> None:  # noqa: ANN001
    chat = Chat(kb, tmp_path).say("production, 3 nodes, 2.4.8, rke, direct", "docs", "docs 1", "docs checklist")
    listing = chat.replies[2]
    assert "Guides for" in listing and "https://" in listing and " 1. " in listing
    first = listing.split(" 1. ", 1)[1].split(" [", 1)[0]
    section = chat.replies[3]
    assert first in section and "fingerpost" not in section.lower().replace("fingerpost —", "")
    assert "\x1b[" not in section  # no colour codes outside a colour terminal
    assert "[ ] " in chat.replies[4]


def test_diagram_writes_a_file_or_says_what_is_missing(kb, tmp_path: Path) -> None:  # noqa: ANN001
    chat = Chat(kb, tmp_path).say("production, 3 nodes, 2.4.8, rke, direct", "diagram setup.dot")
    assert (tmp_path / "setup.dot").read_text().lstrip().startswith(("digraph", "strict digraph"))
    assert "setup.dot" in chat.replies[2]


def test_a_question_about_the_docs_is_answered_with_citations(kb, tmp_path: Path) -> None:  # noqa: ANN001
    chat = Chat(kb, tmp_path).say("what is k3s?")
    answer = explain.answer_question(kb, "what is k3s?")
    assert answer.found
    for s in answer:
        assert s.text in chat.replies[1]
    assert kb.questions["purpose"].text in chat.replies[1]  # and the pending question again


def test_help_lists_every_command(kb, tmp_path: Path) -> None:  # noqa: ANN001
    text = Chat(kb, tmp_path).say("help").replies[1]
    for _, usage, _, _ in COMMANDS:
        assert usage in text


def _completions(conv: Conversation, text: str) -> list[str]:
    return [c.text for c in ChatCompleter(conv).get_completions(Document(text), None)]


def test_completion_of_commands_options_questions_and_answers(kb, tmp_path: Path) -> None:  # noqa: ANN001
    conv = Conversation(kb, Session("x"), None)
    conv.greeting()  # asks the first question
    assert "compare" in _completions(conv, "comp")
    assert "Production" in _completions(conv, "Pro")
    assert _completions(conv, "why not do") == ["docker"]
    assert "nodes=" in _completions(conv, "set no")
    assert sorted(_completions(conv, "set distro=")) == ["distro=any", "distro=k3s", "distro=rke"]
    assert "rancher_version" in _completions(conv, "unset ranch")


def test_toolbar_shows_facts_and_open_options(kb, tmp_path: Path) -> None:  # noqa: ANN001
    chat = Chat(kb, tmp_path).say("production")
    bar = chat.conv.toolbar().plain()
    assert "use case: Production" in bar and "Docker" not in bar.split("open:")[1] and "options possible" in bar
    assert "purpose" not in bar and "k8s-" not in bar, "no internal ids in the toolbar"


def test_a_corrupt_session_file_on_load_is_reported_and_kept(kb, tmp_path: Path) -> None:  # noqa: ANN001
    bad = tmp_path / "state" / "fingerpost" / "sessions" / "broken.json"
    bad.parent.mkdir(parents=True)
    bad.write_text('{"format": 1, "steps": [')
    chat = Chat(kb, tmp_path).say("production", "load broken")
    assert "broken.json" in chat.replies[2] and "not valid JSON" in chat.replies[2]
    assert bad.read_text() == '{"format": 1, "steps": ['
    assert facts_of(chat)["purpose"] == "production"


def test_unwritable_state_folder_is_reported_once_and_the_chat_goes_on(kb, tmp_path: Path) -> None:  # noqa: ANN001
    blocker = tmp_path / "file"
    blocker.write_text("")
    conv = Conversation(kb, Session("x"), blocker / "s.json")
    conv.greeting()
    first, second = conv.handle("production").plain(), conv.handle("3 nodes").plain()
    assert "cannot save the session" in first and "cannot save" not in second
    assert conv.facts["nodes"] == 3


def test_piped_mode_reads_line_by_line(kb, tmp_path: Path) -> None:  # noqa: ANN001
    import io

    from fingerpost.chat.repl import run_piped

    out = io.StringIO()
    conv = Conversation(kb, Session("x"), tmp_path / "s.json")
    run_piped(conv, io.StringIO("production\n# a comment\n\n3 nodes\nwhy not docker\n"), out)
    text = out.getvalue()
    assert "› why not docker" in text and "Docker install on a single node is ruled out" in text
    assert text.rstrip().endswith("continues it.") and conv.facts["nodes"] == 3


@pytest.fixture()
def saved_session(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "s.json"
    save(Session("x").step([Fact("purpose", "production"), Fact("gone", "x")]), path)
    yield path


def test_facts_about_unknown_questions_are_dropped_with_a_note(kb, saved_session: Path) -> None:  # noqa: ANN001
    from fingerpost.chat.conversation import usable

    session, notes = usable(kb, load(saved_session))
    assert [f.question for f in session.entries()] == ["purpose"] and "gone" in notes[0]


def test_set_and_what_if_read_q_not_equal_v_as_ask_does(kb, tmp_path: Path) -> None:  # noqa: ANN001
    """`set internet!=airgap` goes through the one `Q=V` / `Q!=V` reader (the chat split it at `=` before)."""
    chat = Chat(kb, tmp_path).say("set internet!=airgap", "what if internet!=proxy")
    assert "error" not in chat.replies[1], chat.replies[1]
    facts = facts_of(chat)
    assert facts["internet"].values == ("airgap",) and set(facts["internet"].left) == {"direct", "proxy"}
    assert "If the network access were not behind an HTTP proxy" in chat.replies[2], chat.replies[2]  # not "were proxy"
