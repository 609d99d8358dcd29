"""engine.language.understand on a pack that is not about Rancher, and the rules that keep it generic."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from engine_helpers import BACKUP_PACK, kb_at
from fingerpost.engine.facts import known
from fingerpost.engine.language.lexicon import lexicon_for, resolve_options
from fingerpost.engine.language.understand import COMMANDS, understand
from fingerpost.render.ask_json import fact_json

REPO = Path(__file__).resolve().parents[1]
MINE = (*sorted(p.relative_to(REPO).as_posix() for p in (REPO / "engine").rglob("*.py")), "render/ask_json.py")
PACK_WORDS = ("rancher", "k3s", "rke", "docker", "kubernetes", "helm", "airgap", "air-gap", "proxy", "nodes")

BACKUP = [
    ("about 200 gb and a fast fibre line", {"size": 200, "uplink": "fast"}),
    ("two hundred gigabytes", {"size": 200}),
    ("more than 500 gigabytes", {"size": 501}),
    ("we have no internet", {"uplink": "none"}),
    ("we need an offsite copy", {"offsite": True}),
    ("no offsite copy needed", {"offsite": False}),
    ("adsl", {"uplink": "slow"}),
    ("tool version 3.1", {"tool_version": "3.1"}),
    ("backup tool older than 3.2", {"tool_version": "3.1"}),
    ("slow upload, 40 gigs", {"uplink": "slow"}),
    ("fibre, offsite, 10 gb, tool 4", {"uplink": "fast", "offsite": True, "size": 10, "tool_version": "4"}),
    ("ofsite copy with a fiber uplink", {"offsite": True, "uplink": "fast"}),
]

rancher_kb = kb_at(None)
backup_kb = kb_at(str(BACKUP_PACK))


@pytest.mark.parametrize(("text", "facts"), BACKUP)
def test_facts_on_a_pack_about_something_else(text: str, facts: dict) -> None:
    u = understand(backup_kb, text)
    assert {f.question: fact_json(f.value) for f in u.facts} == facts, (u.notes, u.unknown)


def test_commands_and_questions_on_a_pack_about_something_else() -> None:
    assert understand(backup_kb, "why not the usb drive?").args == ("drive",)
    assert understand(backup_kb, "compare nas and online backup").args == ("nas", "cloud")
    u = understand(backup_kb, "what if the upload were slow")
    assert (u.command, u.args) == ("what_if", ("uplink", "slow"))
    assert understand(backup_kb, "what is a NAS?").question == "what is a NAS?"
    assert understand(backup_kb, "price matters most").priorities == ("price",)
    assert understand(backup_kb, "the third one", pending="uplink").facts[0].value == "none"


def test_nothing_in_the_code_is_keyed_to_the_rancher_pack() -> None:
    """String literals and names in the engine never mention the default pack's words (docstrings may, as examples)."""
    for name in MINE:
        tree = ast.parse((REPO / name).read_text(encoding="utf-8"))
        docstrings = {id(n.value) for n in ast.walk(tree)  # module, function, class and field docstrings
                      if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
        for node in ast.walk(tree):
            text = ""
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                text = node.value
            elif isinstance(node, ast.Name):
                text = node.id
            for word in PACK_WORDS:
                assert word not in text.lower().split() and word not in text.lower().replace("_", " ").split(), \
                    f"{name}:{getattr(node, 'lineno', 0)} mentions `{word}`"


def test_the_lexicon_comes_from_the_content() -> None:
    lex = lexicon_for(backup_kb)
    assert [(e.kind, e.target, e.value) for e in lex.phrases[("offline",)]] == [("answer", "uplink", "none")]
    assert ("nas",) in lex.phrases and ("file", "server") in lex.phrases, "term titles split at parentheses"
    assert ("k3s",) not in lex.phrases
    assert resolve_options(lex, "network storage") == ["nas"]
    assert resolve_options(lexicon_for(rancher_kb), "ha") == ["k8s-ha"], "a parent, not each variant"


def test_the_pending_question_may_be_given_by_id_or_record() -> None:
    by_id = understand(rancher_kb, "2", pending="distro")
    by_record = understand(rancher_kb, "2", pending=rancher_kb.questions["distro"])
    assert by_id == by_record and by_id.facts[0].value == "k3s"
    assert understand(rancher_kb, "2", pending="nodes").facts[0].value == 2
    assert understand(rancher_kb, "5", pending="distro").facts == (), "there is no fifth answer"


def test_changed_and_conflicting_answers_are_noted() -> None:
    u = understand(rancher_kb, "4 nodes", facts={"nodes": 3})
    assert "changed nodes from 3 to 4" in u.notes
    both = understand(rancher_kb, "3 nodes, actually 5 nodes")
    assert both.facts[-1].value == 5 and any("two answers for nodes" in n for n in both.notes)
    assert known(rancher_kb.questions, both.facts)["nodes"] == 5


def test_same_text_same_reading() -> None:
    text = "Prodution on thre nodes behind a proxy, v2.4.5; why not docker? cost matters most"
    first = understand(rancher_kb, text)
    assert all(understand(rancher_kb, text) == first for _ in range(3))
    assert first.command == "why_not" and first.priorities == ("cost",)
    assert {f.question for f in first.facts} == {"purpose", "nodes", "internet", "rancher_version"}


def test_every_command_name_is_documented_and_reachable() -> None:
    said = {"help": "help", "why": "why?", "why_not": "why not docker", "compare": "compare docker and ha",
            "what_if": "what if we had 2 nodes", "facts": "what do you know", "set": "set nodes to 3",
            "unset": "forget nodes", "back": "undo", "restart": "start over", "docs": "docs", "diagram": "draw it",
            "save": "save", "load": "load my session", "export": "export to out.md", "quit": "quit"}
    assert set(said) == set(COMMANDS)
    for name, text in said.items():
        assert understand(rancher_kb, text).command == name, text


def test_words_it_does_not_know_are_reported_not_guessed() -> None:
    u = understand(rancher_kb, "our mainframe uses punch cards")
    assert u.facts == () and u.command is None and set(u.unknown) == {"mainframe", "uses", "punch", "cards"}


def test_odd_input_is_read_without_errors() -> None:
    for text in ("", "   ", "???", "=", "compare", "why not", "\x00\x01", "ünïcödé ñodes", "v", "-3 nodes"):
        u = understand(rancher_kb, text)
        assert u.command in (None, *COMMANDS)
    assert [t for t in understand(rancher_kb, "ünïcödé").unknown] == ["ünïcödé"], "letters beyond ASCII stay one word"
    long = understand(rancher_kb, "3 nodes " * 1000)
    assert long.facts[0].value == 3 and any("only the first" in n for n in long.notes)


def test_what_if_q_not_equal_v_keeps_the_not() -> None:
    """`what if internet!=proxy` was read as internet=proxy: the words alone had lost the `!`."""
    u = understand(rancher_kb, "what if internet!=proxy")
    assert u.command == "what_if" and u.args[0] == "internet" and u.args[1].startswith("not ")


def test_digits_hyphened_to_a_name_count_nothing() -> None:
    from pathlib import Path

    from fingerpost.engine.language.understand import understand
    from fingerpost.kb import compile_path

    kb = compile_path(Path(__file__).resolve().parents[1] / "docs" / "examples" / "replication")
    got = {f.question: f.value for f in understand(kb, "DB-HA-12: 3 nodes, 1 site").facts}
    assert got == {"nodes": 3, "sites": 1}


def test_a_relative_clause_after_a_comma_is_not_a_question() -> None:
    from fingerpost.engine.language.understand import understand
    from fingerpost.kb import compile_path

    kb = compile_path(None)
    u = understand(kb, "We run three nodes and the link drops, which happens a lot out there.")
    assert u.question is None


def test_a_problem_report_without_a_question_mark_asks_the_docs() -> None:
    from fingerpost.engine.language.understand import understand
    from fingerpost.kb import compile_path

    kb = compile_path(None)
    report = "I set the install flags on the server and Rancher does not start. The log says the flag is not allowed."
    assert understand(kb, report).question
    assert understand(kb, "It must fail over to another node automatically, three nodes in production.").question is None


def test_a_request_to_clarify_the_docs_or_a_ui_that_reports_trouble_asks_the_docs() -> None:
    from fingerpost.engine.language.understand import understand
    from fingerpost.kb import compile_path

    kb = compile_path(None)
    asks = ["Documentation clarification about the proxy settings. From the discussion we deduce that only the chart "
            "values are read; the environment variables of the nodes will be ignored by the install.",
            "Cluster shown as down after a reboot. I made a test cluster of three nodes, one for the control plane and "
            "two workers. The UI says the whole cluster is unavailable when the second worker reboots, although kubectl "
            "from a shell still works. This seems to prevent using it in production where HA is necessary."]
    for text in asks:
        assert understand(kb, text).question, text
    assert understand(kb, "Three nodes in production, the internet is not available there, and we need HA.").question is None


def test_what_if_q_equals_no_keeps_the_no() -> None:
    from fingerpost.engine.language.understand import understand
    from fingerpost.kb import compile_path

    kb = compile_path(None)
    u = understand(kb, "what if grow_to_ha=no")
    assert (u.command, u.args) == ("what_if", ("grow_to_ha", "no"))


def test_a_question_labelled_q_does_not_quit_and_side_by_side_compares() -> None:
    from fingerpost.engine.language.understand import understand
    from fingerpost.kb import compile_path

    kb = compile_path(None)
    u = understand(kb, "Q: air-gap install - where do the container images come from?")
    assert u.command is None and u.question
    assert understand(kb, "q").command == "quit"
    u = understand(kb, "Could you put HA on K3s and HA on RKE side by side for me?")
    assert (u.command, u.args) == ("compare", ("k8s-ha-k3s", "k8s-ha-rke"))
    assert understand(kb, "put rancher on three nodes").command is None


@pytest.mark.parametrize(("text", "facts"), [
    ("three servers. It must survive a box dying", {"nodes": 3}),  # the box dying is no count of one
    ("we can tolerate losing a node", {}),
    ("three servers, it has to keep going if one server crashes", {"nodes": 3}),
    ("a single server for prod", {"nodes": 1, "purpose": "production"}),
    ("just kicking the tyres", {"purpose": "testing"}),
    ("no proxy, the servers just talk to the internet normally", {"internet": "direct"}),
])
def test_one_thing_failing_counts_nothing_and_everyday_phrases_read(text: str, facts: dict) -> None:
    got = {f.question: f.value for f in understand(rancher_kb, text).facts}
    assert {k: str(got[k]) if isinstance(got.get(k), str) else got.get(k) for k in facts} == facts
    assert "nodes" in facts or "nodes" not in got


def test_a_question_opened_by_a_preposition_asks_even_when_it_names_a_fact() -> None:
    u = understand(rancher_kb, "from which rancher release can I host it on k3s?")
    assert u.question and "which rancher release" in u.question


def test_a_denied_subject_denies_its_whole_clause_and_an_instance_is_a_server() -> None:
    from fingerpost.engine.language.clauses import negated
    from fingerpost.engine.language.lexicon import tokenize

    toks = tokenize("nobody on site can look after a separate database")
    assert negated(toks, toks.index(next(t for t in toks if t.word == "separate")), set())
    from fingerpost.engine.language.vocabulary import load_vocabulary

    ha = next(c for c in load_vocabulary() if c.name == "highly-available")
    assert "if a instance dies" in ha.says or "if an instance dies" in ha.says  # said of any alike word for a server
    u = understand(rancher_kb, "it has to keep serving if an instance dies")
    assert not [f for f in u.facts if f.question == "nodes"]


def test_a_statement_ending_in_or_not_asks_and_a_workstation_is_the_machine_you_install_from() -> None:
    from fingerpost.engine.answers.from_docs import answer_question

    u = understand(rancher_kb, "The Docker install is good for production or not?")
    assert u.question
    assert not understand(rancher_kb, "production, 3 nodes, right?").question  # a tag that confirms: stated
    a = answer_question(rancher_kb, "What tools do I need on my workstation to do the Kubernetes install?")
    assert a.found and "Helm" in a.text


def test_a_what_if_after_a_comma_and_but_is_its_own_sentence() -> None:
    u = understand(rancher_kb, "We planned three nodes for production, but what if we only get two?")
    assert u.command == "what_if" and list(u.args[:2]) == ["nodes", "2"]


def test_local_alone_is_no_trial_but_a_local_cluster_is() -> None:
    got = {f.question: f.value for f in understand(rancher_kb, "it manages one cluster on amazon and a few local clusters "
                                                                 "using VMs").facts}
    assert "purpose" not in got
    assert {f.question: f.value for f in understand(rancher_kb, "just on a local cluster").facts}.get("purpose") == "testing"


@pytest.mark.parametrize("text", [
    "We started with the single node docker installation and are going productive now.",
    "Currently I deployed rancher using a single node installation; now we want it in production.",
])
def test_a_count_said_as_the_name_of_an_install_is_that_install_not_a_count(text: str) -> None:
    assert "nodes" not in {f.question for f in understand(rancher_kb, text).facts}


def test_an_install_named_with_its_count_can_still_be_wanted() -> None:
    u = understand(rancher_kb, "we want the single node kubernetes install")
    assert u.command is None and "k8s-single" in u.leanings
    assert {f.question: f.value for f in understand(rancher_kb, "a single node").facts} == {"nodes": 1}


def test_the_machines_set_aside_for_the_product_are_the_count() -> None:
    u = understand(rancher_kb, "I set up four machines, three for Rancher and one running NGINX as the load balancer")
    assert [(f.question, f.value) for f in u.facts] == [("nodes", 3)]
    assert [(f.question, f.value) for f in understand(rancher_kb, "four machines, three for nginx").facts] == [("nodes", 4)]


def test_a_hedged_statement_with_a_question_mark_still_states() -> None:
    from engine_helpers import kb_at as _kb_at

    replication = _kb_at(str(REPO / "docs" / "examples" / "replication"))
    u = understand(replication, "I guess losing a couple of minutes of data would be annoying but survivable?")
    assert u.question is None and {f.question: f.value for f in u.facts}.get("rpo") == "minutes"
    got = {f.question: f.value for f in understand(replication, "servers in two different buildings").facts}
    assert got.get("sites") == 2
    assert {f.question: f.value for f in understand(rancher_kb, "straight internet, production").facts}.get(
        "internet") == "direct"


def test_a_purpose_word_used_as_the_verb_of_what_is_done_is_no_purpose() -> None:
    u = understand(rancher_kb, "Production setup behind a proxy. Now we are testing creating clusters from Rancher.")
    assert {f.question: f.value for f in u.facts}.get("purpose") == "production"
    assert {f.question: f.value for f in understand(rancher_kb, "we are testing").facts}.get("purpose") == "testing"
