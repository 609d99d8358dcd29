"""Everyday words (engine.language.vocabulary), sentences rather than bags of words, BM25 hints,
and answers from the docs — on the default pack and on packs that are not about it."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
import yaml
from engine_helpers import BACKUP_PACK, kb_at
from fingerpost.engine.answers.from_docs import answer_question
from fingerpost.engine.excluded import Excluded
from fingerpost.engine.language.evidence import hints
from fingerpost.engine.language.lexicon import lexicon_for
from fingerpost.engine.language.understand import understand
from fingerpost.engine.language.vocabulary import VERSION, VOCABULARY, load_vocabulary, spellings
from fingerpost.engine.reason.assess import assess
from fingerpost.kb.pipeline import compile_path
from fingerpost.kb.values import Version

REPO = Path(__file__).resolve().parents[1]
rancher = kb_at(None)
backup = kb_at(str(BACKUP_PACK))
replication = kb_at(str(REPO / "docs" / "examples" / "replication"))


def _page(tmp_path: Path, text: str):
    """The knowledge base of one page, `index.md`, holding `text`."""
    (tmp_path / "index.md").write_text(text, encoding="utf-8")
    return kb_at(tmp_path)


def facts(kb, text: str, pending: str | None = None) -> dict:  # noqa: ANN001
    return {f.question: f.value for f in understand(kb, text, pending=pending).facts}


# ── the vocabulary file ────────────────────────────────────────────────────────────────────────

def test_the_vocabulary_is_versioned_data_with_words_and_meanings() -> None:
    data = yaml.safe_load(VOCABULARY.read_text(encoding="utf-8"))
    assert data["version"] == VERSION
    concepts = load_vocabulary()
    names = [c.name for c in concepts]
    assert len(names) == len(set(names)), "concept names are unique"
    for c in concepts:
        assert c.kind in ("answer", "number", "option"), c.name
        assert c.means, f"{c.name} says what answers it means"
        assert c.says or c.nouns, f"{c.name} has words people use"
        if c.kind == "number":
            assert c.value is not None or c.nouns, c.name
    assert {"not-production", "production", "throw-away", "grow-later", "offline", "online", "proxy",
            "one-machine", "little-effort"} <= set(names)
    assert spellings()["wich"] == "which"


def test_the_compiled_vocabulary_is_current() -> None:
    """A warm `ask` reads the JSON twin (no YAML parser); it must be made from the YAML as it is now —
    after editing vocabulary.yaml, run `python -m fingerpost.engine.language.vocabulary`."""
    twin = json.loads(VOCABULARY.with_suffix(".json").read_text(encoding="utf-8"))
    assert twin["source_sha256"] == hashlib.sha256(VOCABULARY.read_bytes()).hexdigest()
    assert twin["data"] == yaml.safe_load(VOCABULARY.read_text(encoding="utf-8"))


def test_a_vocabulary_without_a_current_twin_is_read_as_yaml(tmp_path: Path) -> None:
    path = tmp_path / "vocabulary.yaml"
    path.write_text("version: 1\nconcepts:\n  - {name: x, says: [a b], means: [c]}\n", encoding="utf-8")
    path.with_suffix(".json").write_text('{"source_sha256": "stale", "data": {"concepts": []}}', encoding="utf-8")
    assert [c.name for c in load_vocabulary(path)] == ["x"]


def test_a_newer_vocabulary_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "vocabulary.yaml"
    path.write_text(f"version: {VERSION + 1}\nconcepts: []\n", encoding="utf-8")
    with pytest.raises(ValueError, match="newer"):
        load_vocabulary(path)


# ── binding by meaning, on packs that are not the default one ──────────────────────────────────

def test_everyday_words_bind_to_another_packs_answers_by_their_meaning() -> None:
    # the backup pack calls it "No usable internet"; the vocabulary's offline words find it by meaning
    assert facts(backup, "the office is air-gapped") == {"uplink": "none"}
    assert facts(backup, "the site is completely dark, nothing gets in or out") == {"uplink": "none"}
    lex = lexicon_for(backup)
    assert [(e.target, e.value, e.concept) for e in lex.phrases[("air", "gapped")]] == [("uplink", "none", "offline")]
    # the pack's own words keep their own meaning
    assert [e.concept for e in lex.phrases[("offline",)]] == [""]
    # nothing in the backup pack means production, so production words bind to nothing
    assert facts(backup, "it is for production") == {}


def test_the_best_bound_question_wins_a_shared_word() -> None:
    """ "little" is an effort answer of the replication pack and part of a data-loss answer ("a little"):
    the exact meaning wins, so effort words do not set the data-loss answer."""
    assert facts(replication, "it's just me looking after it") == {"ops_budget": "low"}
    assert facts(replication, "we have a dedicated DBA team") == {"ops_budget": "high"}
    assert facts(replication, "two servers in the same data centre") == {"nodes": 2, "sites": 1}
    assert facts(replication, "we cannot lose a single transaction") == {"rpo": "none"}
    assert facts(replication, "25 milliseconds between the sites")["latency"] == 25


def test_a_pack_can_add_its_own_everyday_words(tmp_path: Path) -> None:
    pack = tmp_path / "backup"
    shutil.copytree(BACKUP_PACK, pack)
    (pack / "vocabulary.yaml").write_text(
        "version: 1\nconcepts:\n  - name: offline\n    says: [in the bunker]\n    means: []\n", encoding="utf-8")
    kb = compile_path(str(pack))
    assert facts(kb, "the machine sits in the bunker") == {"uplink": "none"}
    assert facts(backup, "the machine sits in the bunker") == {}


def test_counted_things_in_everyday_words() -> None:
    assert facts(rancher, "three ubuntu boxes")["nodes"] == 3
    assert facts(rancher, "a couple of boxes in my basement")["nodes"] == 2
    assert facts(rancher, "just a normal cloud VM with internet") == {"nodes": 1, "internet": "direct"}
    assert facts(rancher, "on my laptop") == {"nodes": 1, "purpose": "testing"}
    assert "nodes" not in facts(rancher, "we run it in a single docker container")


# ── sentences, not bags of words ───────────────────────────────────────────────────────────────

def test_a_question_is_not_a_statement() -> None:
    u = understand(rancher, "We already run Rancher 2.4.2 in a single docker container. "
                            "How do we move it to a highly available setup?")
    assert {f.question for f in u.facts} == {"rancher_version"}
    assert u.question and "highly available" in u.question
    assert "Docker" in u.question, "the question carries what 'it' points back at"
    u = understand(rancher, "so in an air gap, where do the container images even come from?")
    assert not u.facts and u.question and u.question.startswith("so in an air gap")


@pytest.mark.parametrize(("text", "want"), [
    ("no proxy and no air gap, just direct", {"internet": "direct"}),
    ("this is not production yet", {"purpose": "testing"}),
    ("no plans to ever make it HA", {"grow_to_ha": False}),
    ("wont ever need ha", {"grow_to_ha": False}),
    ("no proxy, but we need HA later", {"grow_to_ha": True}),
])
def test_negation_and_its_scope(text: str, want: dict) -> None:
    got = facts(rancher, text)
    for q, v in want.items():
        assert got.get(q) == v, (text, got)


def test_a_negation_ends_at_a_linking_word() -> None:
    got = facts(rancher, "no proxy, but we need HA later")
    assert isinstance(got["internet"], Excluded) and "proxy" in got["internet"].values


def test_a_leading_no_answers_the_question_rather_than_negating() -> None:
    assert facts(rancher, "no it's throwaway, I'll delete it monday", pending="grow_to_ha") == {"grow_to_ha": False}
    assert facts(rancher, "no it's throwaway") == {"grow_to_ha": False}


@pytest.mark.parametrize(("text", "want", "absent"), [
    ("production eventually, for now just a test", {"purpose": "testing", "grow_to_ha": True}, ()),
    ("maybe later", {"grow_to_ha": True}, ("purpose",)),
    ("This is not production yet. It's a pilot, but if it works we'll roll it out company-wide.",
     {"purpose": "testing", "grow_to_ha": True}, ()),
])
def test_hedges_and_time(text: str, want: dict, absent: tuple) -> None:
    got = facts(rancher, text)
    for q, v in want.items():
        assert got.get(q) == v, (text, got)
    assert not set(absent) & set(got)


def test_the_past_gives_way_to_the_present() -> None:
    u = understand(replication, "We used to run Ledger 9 but we're no longer on it, we upgraded to 13 last spring.")
    assert [(f.question, str(f.value)) for f in u.facts] == [("db_version", "13")]
    assert any("past" in n for n in u.notes)


def test_who_it_is_for_is_not_what_it_is() -> None:
    got = facts(rancher, "demo for a customer next week on a single vm, no internet")
    assert got == {"purpose": "testing", "nodes": 1, "internet": "airgap"}
    got = facts(rancher, "testing on a single laptop, throwaway, with internet")
    assert got == {"purpose": "testing", "nodes": 1, "grow_to_ha": False, "internet": "direct"}


def test_answers_to_the_question_just_asked_in_any_form() -> None:
    assert facts(rancher, "no, throw-away", pending="grow_to_ha") == {"grow_to_ha": False}
    assert facts(rancher, "the second one", pending="internet") == {"internet": "proxy"}
    assert facts(rancher, "we have normal internet", pending="internet") == {"internet": "direct"}
    u = understand(rancher, "neither", pending="distro")
    assert not u.facts and any("none of the answers" in n for n in u.notes)


# ── what-if in words ───────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize(("kb", "text", "args"), [
    (rancher, "what if we had one node", ("nodes", "1")),
    (rancher, "what if I wanted to keep it and grow it later?", ("grow_to_ha", "yes")),
    (rancher, "and with K3s?", ("distro", "k3s")),
    (rancher, "2 nodes instead?", ("nodes", "2")),
    (rancher, "And if the version is 2.3, what happens then?", ("rancher_version", "2.3")),
    (rancher, "waht if its rancher 2.4.8", ("rancher_version", "2.4.8")),
    (replication, "If we need to scale the writes, what is changing?", ("write_scaling", "yes")),
    (replication, "what if we added a third data centre?", ("sites", "3")),
])
def test_what_if_in_words(kb, text: str, args: tuple) -> None:  # noqa: ANN001
    u = understand(kb, text)
    assert u.command == "what_if" and tuple(u.args[:2]) == args, (u.command, u.args)
    assert not u.facts, "a supposition is not a fact"


@pytest.mark.parametrize(("kb", "text"), [
    (rancher, "If I start with the Docker install of 2.4, can I turn it into an HA install later?"),
    (replication, "If we have replicas, do we still need backups?"),
    (replication, "With a cluster over just two sites, what happens if the bigger site goes dark?"),
])
def test_a_condition_before_a_question_for_the_docs_is_not_a_what_if(kb, text: str) -> None:  # noqa: ANN001
    assert understand(kb, text).command != "what_if"


def test_an_if_clause_without_a_question_stays_a_statement() -> None:
    u = understand(rancher, "if it works we will roll it out")
    assert u.command is None


def test_an_if_clause_before_a_docs_question_is_part_of_the_question() -> None:
    u = understand(rancher, "if I give it nothing else, what does the installer try to do?")
    assert u.command is None and u.question and u.question.startswith("if I give it")


# ── words the vocabulary does not know: BM25 evidence ─────────────────────────────────────────

def test_unknown_words_the_docs_use_are_hints_never_facts() -> None:
    got = hints(rancher, ["lightweight"])
    assert got and (got[0].question, got[0].value) == ("distro", "k3s")
    assert "hint" in got[0].note and "say so if not" in got[0].note
    assert got[0].source.path and got[0].source.line > 0


def test_words_not_used_are_listed_once() -> None:
    u = understand(replication, "we want an active-active setup, frobnicate frobnicate")
    assert u.unknown.count("frobnicate") == 1


def test_words_the_docs_never_use_give_no_hint() -> None:
    assert hints(rancher, ["port", "443", "open"]) == ()
    assert hints(rancher, ["frobnicate"]) == ()
    assert hints(rancher, ["three"]) == (), "a number is not evidence"
    u = understand(rancher, "port 443 is open")
    assert not u.hints and not u.facts and "port" in u.unknown


def test_a_hint_from_an_understood_turn() -> None:
    u = understand(rancher, "three nodes, and we already have mysql")
    assert {f.question for f in u.facts} == {"nodes"}, "a hint is not a fact"
    assert [h.option for h in u.hints] == ["k8s-ha-k3s"]
    assert "mysql" not in u.unknown
    assert any("as a hint for" in n for n in u.notes)


# ── answers from the docs ──────────────────────────────────────────────────────────────────────

def test_a_migration_question_is_answered_from_the_passage_that_states_it() -> None:
    a = answer_question(rancher, "can I migrate my docker install to HA?")
    assert a.found and "migrat" in a.text.lower()
    assert all(s.source.path == "install-options.md" for s in a.statements)


def test_enabling_an_optional_feature_is_answered_from_the_docs() -> None:
    a = answer_question(rancher, "how do we enable the audit log?")
    assert a.found and "audit log" in a.text
    assert {s.source.path for s in a.statements} == {"before-you-install.md"}


def test_the_reason_beside_a_requirement_comes_with_it() -> None:
    a = answer_question(replication, "Why we must synchronise the clocks of the servers?")
    assert a.found and "lag" in a.text.lower()


def test_everyday_words_the_docs_never_use_do_not_hide_the_passage_that_answers() -> None:
    a = answer_question(rancher, "If I start with the Docker version, can I switch to a proper highly available setup later on?")
    assert a.found and "migrat" in a.text.lower()
    a = answer_question(rancher, "Which Rancher releases are allowed to run on K3s?")
    assert a.found and "2.4" in a.text


def test_a_cost_the_docs_never_mention_is_still_not_said() -> None:
    assert not answer_question(rancher, "What would Rancher cost us for a three-node cluster?").found


def test_does_not_say_cites_the_closest_sections_not_the_title() -> None:
    a = answer_question(rancher, "how much RAM per node?")
    assert not a.found
    assert a.sources and all(s.source.line > 1 for s in a.sources)


def test_no_preference_between_two_answers_wins_over_both() -> None:
    got = facts(rancher, "prod, 3 nodes, dont care if its rke or k3s")
    assert got["distro"] == "any"
    assert facts(rancher, "we don't have strong feelings about RKE versus K3s") == {"distro": "any"}
    assert facts(rancher, "k3s please") == {"distro": "k3s"}


def test_how_to_questions_prefer_the_sentence_that_says_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text(
        "# Mailboxes\n\n## Shared mailboxes\n\n"
        "Shared mailboxes are mailboxes that a whole team reads.\n\n"
        "How to create a shared mailbox\n\n"
        "A shared mailbox is created once per team and kept afterwards.\n\n"
        "To create a shared mailbox, set the shared flag to true when the mailbox is created.\n",
        encoding="utf-8")
    a = answer_question(compile_path(str(tmp_path)), "How do I create a shared mailbox?")
    assert a.found and a.text.startswith("To create a shared mailbox, set the shared flag")


def test_what_the_setup_works_on_is_not_the_setup() -> None:
    assert "distro" not in facts(rancher, "I just want one place to manage my little k3s clusters")
    assert facts(rancher, "we manage everything behind proxy servers") == {"internet": "proxy"}
    assert facts(rancher, "k3s clusters") == {"distro": "k3s"}


def test_everyday_words_a_pack_asks_nothing_about_are_read_not_guessed(tmp_path: Path) -> None:
    """The backup pack asks nothing about growth: "only lives for a week" is read (and said to
    change nothing) instead of leaving "lives" to be guessed at as something else."""
    u = understand(backup, "it only lives for a week, 10 gb")
    assert {f.question: f.value for f in u.facts} == {"size": 10}
    assert any("nothing here depends on it" in n for n in u.notes)
    assert "lives" not in u.unknown


def test_a_count_question_needs_a_passage_that_counts_it() -> None:
    assert not answer_question(rancher, "How many users can one Rancher server support at the same time?").found
    a = answer_question(rancher, "how many nodes does an RKE cluster need to be highly available?")
    assert a.found and "three" in a.text


def test_everyday_words_in_a_question_meet_the_docs_words(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text(
        "# Relay\n\n## Failover\n\nWhen a relay fails, the standby relay takes over within a minute.\n",
        encoding="utf-8")
    a = answer_question(compile_path(str(tmp_path)), "what happens when a relay dies?")
    assert a.found and "takes over" in a.text


def test_everyday_words_bind_to_a_yes_no_question_through_its_name(tmp_path: Path) -> None:
    """An inferred pack asks "Do you need message replication?" with bare Yes/No answers: the
    question's own name carries the meaning of its yes."""
    (tmp_path / "index.md").write_text(
        "# Queues\n\n```fingerpost\nquestion: message_replication\ntext: Do you need message replication?\n"
        "type: yesno\nsynonyms: [message replication]\n```\n", encoding="utf-8")
    kb = compile_path(str(tmp_path))
    assert "message_replication" in kb.questions
    assert facts(kb, "we want HA queues") == {"message_replication": True}
    assert facts(kb, "data safety doesn't really matter") == {"message_replication": False}


def test_a_negation_after_the_words_they_need() -> None:
    assert facts(rancher, "a path to HA is not needed")["grow_to_ha"] is False
    assert facts(rancher, "a path to HA is needed")["grow_to_ha"] is True


def test_a_short_typo_after_a_number_is_the_counted_thing() -> None:
    assert facts(rancher, "single nod, just testng") == {"nodes": 1, "purpose": "testing"}


def test_common_words_of_a_question_order_equally_good_passages() -> None:
    a = answer_question(rancher, "Where does a highly available K3s setup keep its cluster data?")
    assert a.found and "MySQL" in a.text.split(". ")[0]


def test_a_question_word_and_the_docs_word_for_it_both_count() -> None:
    a = answer_question(rancher, "can the single-node kubernetes option really become HA later just by adding machines?")
    assert a.found and "adding nodes" in a.text


def test_undecided_is_not_an_answer() -> None:
    u = understand(rancher, "we are not sure yet whether it will be production")
    assert not u.facts and any("undecided" in n for n in u.notes)
    assert facts(rancher, "not sure about the nodes, but it is definitely production") == {"purpose": "production"}


def test_a_clause_without_its_subject_is_not_a_question() -> None:
    u = understand(rancher, "it's a PoC for the customer, will be deleted after")
    assert u.question is None
    assert {f.question: f.value for f in u.facts} == {"purpose": "testing", "grow_to_ha": False}


@pytest.mark.parametrize(("text", "args"), [
    ("how would it change with three nodes?", ("nodes", "3")),
    ("with 5 nodes?", ("nodes", "5")),
    ("what would you recommend if it was for production?", ("purpose", "production")),
    ("suppose we went air-gapped", ("internet", "airgap")),
])
def test_more_what_ifs_in_words(text: str, args: tuple) -> None:
    u = understand(rancher, text)
    assert u.command == "what_if" and tuple(u.args[:2]) == args, (u.command, u.args, u.notes)


@pytest.mark.parametrize("text", [
    "What happens to our access to the downstream clusters if one Rancher node fails?",
    "how do I upgrade from a docker install to HA?",
])
def test_questions_about_events_and_how_tos_are_for_the_docs(text: str) -> None:
    u = understand(rancher, text)
    assert u.command is None and u.question and not u.facts


def test_a_typo_is_never_corrected_into_a_negation() -> None:
    u = understand(rancher, "suppose we went air-gapped")
    assert not any("wont" in n for n in u.notes)


def test_a_yes_no_question_named_in_other_words_and_forms(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text(
        "# Queues\n\n```fingerpost\nquestion: delayed_retry\ntext: Do you need delayed retry?\ntype: yesno\n```\n",
        encoding="utf-8")
    kb = compile_path(str(tmp_path))
    assert facts(kb, "failed messages should be retried after a delay") == {"delayed_retry": True}
    assert facts(kb, "we don't need delayed retry") == {"delayed_retry": False}
    assert facts(kb, "a delay before the first message") == {}


def test_a_yes_no_question_whose_words_are_said_apart_or_in_another_form(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text(
        "# Queues\n\n```fingerpost\nquestion: consumer_timeout\ntext: Do you need consumer timeout?\ntype: yesno\n```\n\n"
        "```fingerpost\nquestion: exclusivity\ntext: Do you need exclusivity?\ntype: yesno\n```\n",
        encoding="utf-8")
    kb = compile_path(str(tmp_path))
    assert facts(kb, "a consumer that is too slow should get a timeout") == {"consumer_timeout": True}
    assert facts(kb, "our clients declare exclusive queues") == {"exclusivity": True}
    assert facts(kb, "we don't want to declare exclusive queues") == {"exclusivity": False}
    assert facts(kb, "the consumer is fine. A timeout elsewhere, in the load balancer, is set to ten minutes "
                     "for every long running connection") == {}, "not across sentences, not far apart"


def test_typos_are_not_corrected_into_numbers_two_edits_away() -> None:
    u = understand(rancher, "everything is handled by the ops team")
    assert not u.facts and not any("hundred" in n for n in u.notes)


def test_not_said_is_cited_to_the_closest_section() -> None:
    a = answer_question(rancher, "how much RAM per node?")
    assert not a.found and a.statements[0].text.startswith("The documentation does not say")
    assert a.statements[0].source == a.sources[0].source


def test_words_not_used_are_noted_once_when_something_was_understood() -> None:
    u = understand(rancher, "three nodes in the basement, basement is cold")
    assert u.unknown.count("basement") == 1
    assert [n for n in u.notes if n.startswith("not used:")] == ["not used: basement, cold"]


def test_a_which_question_needs_a_passage_that_speaks_of_the_thing() -> None:
    assert not answer_question(rancher, "wich docker version do i need on the host").found
    a = answer_question(rancher, "which rancher version can I install on a K3s cluster?")
    assert a.found


@pytest.mark.parametrize(("text", "want"), [
    ("no more than two machines", 2),
    ("not less than 3 nodes", 3),
])
def test_negated_comparisons(text: str, want: int) -> None:
    assert facts(rancher, text) == {"nodes": want}


def test_a_number_said_as_what_it_is_not_is_no_answer() -> None:
    u = understand(rancher, "the version is not 2.5, it's 2.4.8")
    assert [(f.question, str(f.value)) for f in u.facts] == [("rancher_version", "2.4.8")]


def test_a_hedged_statement_stays_a_statement() -> None:
    u = understand(rancher, "production-ish, I guess?")
    assert u.question is None and [f.value for f in u.facts] == ["production"]


def test_a_number_does_not_count_what_a_nearer_number_counts() -> None:
    got = facts(replication, "Ledger 12 on three machines in one region")
    assert got == {"db_version": got["db_version"], "nodes": 3, "sites": 1}
    assert str(got["db_version"]) == "12"


def test_a_how_to_verb_the_docs_never_use_does_not_hide_the_answer(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text(
        "# Relay\n\n## Behind a proxy\n\nPoint the relay at the proxy with the upstream setting.\n",
        encoding="utf-8")
    a = answer_question(compile_path(str(tmp_path)), "How to configure the relay behind a proxy?")
    assert a.found and "upstream setting" in a.text



def test_everyday_words_point_at_an_option_named_for_them_when_no_question_asks(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text(
        "# Installers\n\n## Connected {#connected}\n\n```fingerpost\noption: connected\ntitle: Online installer\n"
        "summary: Pulls its images while installing.\n```\n\n## Disconnected {#disconnected}\n\n"
        "```fingerpost\noption: bundle\ntitle: Offline installer\nsummary: Carries every image in one archive.\n```\n",
        encoding="utf-8")
    kb = compile_path(str(tmp_path))
    u = understand(kb, "our hosts are air-gapped")
    assert not u.facts, "a hint is not a fact"
    assert [(h.option, h.words) for h in u.hints] == [("bundle", "air-gapped")]
    assert any("as a hint for Offline installer" in n for n in u.notes)


def test_an_option_named_in_a_statement_is_a_hint_in_the_words_said() -> None:
    u = understand(backup, "we mostly use network storage at home")
    assert [(h.option, h.words) for h in u.hints] == [("nas", "network storage")]
    assert u.command is None and not u.facts


def test_an_option_named_inside_an_answer_or_negated_is_no_hint() -> None:
    assert not understand(rancher, "we won't need HA").hints
    assert not understand(rancher, "not docker, something else").hints
    assert facts(rancher, "it doesn't need to grow") == {"grow_to_ha": False}


def test_a_speaker_who_drops_the_subject_still_states() -> None:
    assert facts(rancher, "is for test only, after we delete") == {"purpose": "testing", "grow_to_ha": False}
    assert understand(rancher, "is docker fine for production?").question


def test_a_limit_question_needs_a_passage_that_states_that_kind_of_limit() -> None:
    a = answer_question(rancher, "What is the minimum number of nodes for an HA RKE cluster?")
    assert a.found and "three" in a.text
    assert not answer_question(replication, "What is the maximum number of replicas that one primary can have?").found


def test_a_colon_before_a_question_ends_the_statement() -> None:
    u = understand(rancher, "Rancher single node docker install: how do I back up the data?")
    assert u.question and u.question.startswith("how do I back up")


def test_one_or_the_other_asks_and_compares() -> None:
    u = understand(rancher, "testing or production?")
    assert not u.facts and u.question, "asking which answer states neither"
    u = understand(rancher, "rke or k3s?")  # options on each side, none on both: compare them (variants folded)
    assert not u.facts and u.command == "compare"
    assert {"k8s-ha-rke", "k8s-ha-k3s"} <= set(u.args)
    u = understand(rancher, "docker or HA?")
    assert u.command == "compare" and u.args == ("docker", "k8s-ha")
    u = understand(backup, "nas vs cloud for 200 gb")
    assert u.command == "compare" and {f.question: f.value for f in u.facts} == {"size": 200}


def test_a_sentence_that_introduces_a_list_comes_with_its_items(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text(
        "# Relay\n\n## Sidecar relay\n\nHere are the pros and cons of a sidecar relay:\n\nPros:\n\n"
        "- Simple to start\n\nCons:\n\n- Limited scalability for large fleets\n", encoding="utf-8")
    a = answer_question(compile_path(str(tmp_path)), "what's the downside of a sidecar relay?")
    assert a.found and "Limited scalability" in a.text
    assert a.text.index("Pros") < a.text.index("Cons") < a.text.index("Limited")


def test_data_centres_count_availability_zones_and_spread_over_is_across(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text(
        "# Zones\n\n```fingerpost\nquestion: zones\ntext: How many availability zones will you use?\ntype: number\n"
        "unit: availability zones\n```\n", encoding="utf-8")
    kb = compile_path(str(tmp_path))
    assert facts(kb, "on-premise, in a single data center") == {"zones": 1}
    assert facts(kb, "a cluster spread over three data centers") == {"zones": 3}
    assert facts(kb, "over three zones") == {"zones": 4}, "without a verb of spreading, over is more than"


SIZING_PAGE = """# Installing the registry

## Sizing

The figures below are what one host needs.

| Resource | Minimum | Recommended |
|----------|---------|-------------|
| CPU      | 2 CPU   | 4 CPU       |
| Mem      | 4 GB    | 8 GB        |
| Disk     | 40 GB   | 160 GB      |

## High availability

In high availability (HA) mode the registry runs differently. This mode:

- Runs three replicas of the API server.
- Spreads the replicas over zones.

In order to fail over, the replicas share one database.

## With the chart

You install two charts in succession: first registry-crds and then registry.
"""


def test_answers_come_from_table_rows_list_items_and_their_lead(tmp_path: Path) -> None:
    (tmp_path / "install.md").write_text(SIZING_PAGE, encoding="utf-8")
    kb = compile_path(str(tmp_path))
    ram = answer_question(kb, "What's the minimum RAM and disk?")
    assert ram.found and "4 GB" in ram.text and "40 GB" in ram.text  # a table's rows, `Mem` for RAM
    replicas = answer_question(kb, "how many replicas in HA mode?")
    assert replicas.found and "three replicas" in replicas.text  # an item read with `This mode:`
    order = answer_question(kb, "Which charts do I install, and in which order?")
    assert order.found and "registry-crds" in order.text  # `in order to` says nothing of an order
    assert "fail over" not in order.text


TOOLS_PAGE = """# Installing the agent

You can install the agent in one of three ways.

## Install with the command line

The command line installs the agent in one step. It is the simplest way to start.

## Install with Terraform

A Terraform provider installs the agent. Useful when your infrastructure is managed as code.

## Install with an external database

The agent keeps its state in an external database outside the cluster, such as PostgreSQL.
"""


def test_a_way_of_working_leans_and_a_refused_thing_does_not(tmp_path: Path) -> None:
    (tmp_path / "install.md").write_text(TOOLS_PAGE, encoding="utf-8")
    kb = compile_path(str(tmp_path))
    u = understand(kb, "All of our infrastructure is Terraform, and we'd like the agent set up the same way.")
    assert "terraform" in u.leanings  # `all of our … is X`: the speaker's practice
    refused = understand(kb, "we don't want to run any database outside the cluster")
    assert "database" not in refused.leanings and "external-database" not in refused.leanings
    assert not any(h.option in ("database", "external-database") for h in refused.hints)


def test_counts_said_the_way_people_say_them() -> None:
    assert facts(rancher, "We've got about a dozen hosts in that DC but only three of them are free for Rancher.") \
        .get("nodes") == 3  # some of them, set aside: the count that matters
    assert facts(rancher, "3 nodes, one of which is a VM").get("nodes") == 3
    assert facts(replication, "ONE site. I keep telling you. There is no second site.") == {"sites": 1}
    assert facts(replication, "we have a primary and a second site").get("sites") == 2
    assert "rpo" not in facts(replication, "we have a primary and a second site")  # `second` is no time here


def test_a_plan_for_later_is_not_how_it_is_now() -> None:
    said = facts(rancher, "We might take it to production some day, but certainly not now.")
    assert said.get("purpose") != "production"
    assert facts(rancher, "It's for production").get("purpose") == "production"


def test_none_then_what_it_is_answers_the_question() -> None:
    assert facts(rancher, "none — it's a dark site", pending="internet") == {"internet": "airgap"}


def test_a_number_with_a_scale_word_is_one_number() -> None:
    from fingerpost.engine.language.lexicon import tokenize
    from fingerpost.engine.language.statements import number_at

    assert number_at(tokenize("10 million messages"), 0) == (10_000_000, 2)
    assert number_at(tokenize("2 thousand users"), 0) == (2000, 2)
    assert number_at(tokenize("3 nodes"), 0) == (3, 1)


def test_what_one_can_take_is_not_a_count_and_a_refused_thing_keeps_its_clause() -> None:
    assert facts(replication, "Single DC. 2 nodes. RPO: none. Writes fit on one box.").get("nodes") == 2
    assert facts(replication, "we run on a single box").get("nodes") == 1
    said = facts(rancher, "If Rancher wins it becomes our production platform, so I'd rather not build something "
                          "we'll have to throw away.")
    assert said.get("grow_to_ha") is not False
    assert facts(rancher, "We need Rancher for the development environment of our team, maybe later we go to "
                          "production with it").get("purpose") == "testing"  # `for the … environment` is what it is


@pytest.mark.parametrize("text", ["what are the options?", "What are my options?", "which install methods are there?",
                                  "what choices do I have?", "list the options"])
def test_asking_what_the_options_are_lists_them(text: str) -> None:
    a = answer_question(rancher, text)
    assert a.found and a.text.startswith("The documentation offers 3 options")
    assert all(o.title in a.text for o in rancher.options.values() if not o.parent)


def test_how_much_is_answered_by_an_amount_anywhere_in_the_sentence(tmp_path: Path) -> None:
    (tmp_path / "sizing.md").write_text(
        "# Sizing\n\n## Metrics\n\nWhen planning for memory capacity to keep the metrics, the usual guidance is "
        "5MB per meshed pod.\n\nMemory matters most for the metrics store.\n", encoding="utf-8")
    kb = compile_path(str(tmp_path))
    a = answer_question(kb, "How much memory should we plan per meshed pod?")
    assert a.found and "5MB" in a.text


@pytest.mark.parametrize("text", ["rancher ha rke nodes 2 enuf?? budget is tight",
                                  "is 2 nodes enough for rancher ha on rke?"])
def test_a_fit_question_names_the_variant_and_says_it_in_words(text: str) -> None:
    a = answer_question(rancher, text)
    assert a.text.startswith("No: High-availability install on an RKE cluster does not fit what you said (")
    assert "three nodes" in a.text and "=" not in a.text  # the reason, and no raw `nodes = 2`


def test_answers_people_give_in_passing() -> None:
    assert facts(rancher, "just the one, sadly", pending="nodes") == {"nodes": 1}
    assert facts(replication, "the middle one I think", pending="ops_budget") == {"ops_budget": "medium"}
    u = understand(replication, "Two servers, same rack. That's all.")
    assert u.command is None and {f.question: f.value for f in u.facts} == {"nodes": 2, "sites": 1}
    assert understand(replication, "That's all").command == "quit"
    assert facts(replication, "The sites are Frankfurt, Dublin and New York.") == {"sites": 3}


def test_a_sentence_opening_with_if_supposes_its_main_clause_too() -> None:
    said = facts(rancher, "It isn't for production - the team just wants a sandbox to evaluate it. "
                          "If they like it, though, we'd want to turn that into the production setup.")
    assert said.get("purpose") == "testing"


def test_a_demo_for_a_prospect_and_same_but_on_another_version() -> None:
    said = facts(rancher, "We're showing it to a prospect next Tuesday and the machine gets wiped right after.")
    assert said.get("purpose") == "testing" and said.get("grow_to_ha") is False
    u = understand(rancher, "same but on 2.3?")
    assert u.command == "what_if" and tuple(u.args[:2]) == ("rancher_version", "2.3") and not u.facts


def test_turning_one_install_into_another_is_a_migration() -> None:
    a = answer_question(rancher, "If I start with the Docker install of 2.4, can I turn it into an HA install later?")
    assert a.found and "cannot be migrated" in a.text


def test_data_that_must_never_vanish_is_no_loss_and_may_be_lost_is_not() -> None:
    assert facts(replication, "Once we've told a customer their payment went through, it must never vanish.") \
        .get("rpo") == "none"
    assert facts(replication, "some data may be lost, that's fine").get("rpo") != "none"


def test_an_option_chosen_on_the_users_words_says_so(tmp_path: Path) -> None:
    from fingerpost.engine.turn import take_turn

    (tmp_path / "install.md").write_text(TOOLS_PAGE, encoding="utf-8")
    kb = compile_path(str(tmp_path))
    t = take_turn(kb, "All of our infrastructure is Terraform, and we'd like the agent set up the same way.")
    assert t.assessment.recommendation.option.id == "terraform"
    assert any("matches what you said" in s.text for s in t.said.support)
    plain = take_turn(kb, "we just want it installed")
    assert not any("matches what you said" in s.text for s in plain.said.support)


def test_a_word_only_one_of_two_options_uses_on_its_own_page_is_a_hint_for_it(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text(
        "# Announcing addresses\n\nThe network learns the addresses depending on which mode is used.\n\n"
        "## Layer 2\n\nOne machine answers for each address; the simplest to set up. See the [layer 2 page](layer2.md).\n\n"
        "## Routing\n\nEvery machine talks to routers you control; it requires routers that speak BGP. See the "
        "[routing page](routing.md).\n", encoding="utf-8")
    (tmp_path / "layer2.md").write_text("# Layer 2\n\nOne machine answers for each address on the local network.\n",
                                        encoding="utf-8")
    (tmp_path / "routing.md").write_text("# Peering\n\nAssuming your routers are configured for multipath, traffic is "
                                         "spread over every machine.\n", encoding="utf-8")
    kb = compile_path(str(tmp_path))
    assert sorted(kb.options) == ["layer-2", "routing"]
    u = understand(kb, "we want multipath, traffic spread over every machine")
    assert [h.option for h in u.hints] == ["routing"]
    assert u.command is None  # words the docs point with make a statement, not `why not`


def test_a_count_for_later_gives_way_to_the_answer_of_today() -> None:
    said = facts(rancher, "We'd love three nodes eventually, but today it's a single box and it's for a customer demo.")
    assert said.get("nodes") == 1
    assert facts(rancher, "3 nodes, one of which is a VM").get("nodes") == 3  # one count, said once


def test_what_the_docs_say_is_not_the_speakers_setup() -> None:
    said = facts(rancher, "On our 2-node RKE cluster we noticed the docs talk about three nodes for RKE HA.")
    assert said.get("nodes") == 2 and said.get("distro") == "rke"
    assert facts(rancher, "the docs say we need three nodes, we have two").get("nodes") == 2
    assert facts(rancher, "We run three nodes as the docs recommend").get("nodes") == 3


def test_a_misspelt_word_of_a_question_is_read_as_the_docs_word(tmp_path: Path) -> None:
    (tmp_path / "faq.md").write_text("# FAQ\n\n## Why an odd number of members?\n\nAn odd number of members keeps a "
                                     "majority after a partition, so the quorum survives.\n\n## How big can it get?\n\n"
                                     "Up to seven members are advised.\n", encoding="utf-8")
    kb = compile_path(str(tmp_path))
    answer = answer_question(kb, "why an odd numbr of membrs?")
    assert answer.found and "quorum" in answer.text


def test_everyday_ways_of_saying_start_again_and_playing_with_it() -> None:
    for said in ("please restart from the beginning", "reset from scratch", "start again from the top"):
        assert understand(rancher, said).command == "restart", said
    assert facts(rancher, "just playing with it on a home server").get("purpose") == "testing"


def test_a_one_word_need_is_said_in_any_form(tmp_path: Path) -> None:
    (tmp_path / "persistence.md").write_text(
        "# Persistence\n\nThe store offers a range of persistence options. These include:\n\n"
        "* **Snapshots**: a copy of the data at intervals; the simplest.\n"
        "* **Log**: every write is logged; recommended for safety.\n"
        "* **No persistence**: you can disable persistence completely. This is sometimes used when caching.\n",
        encoding="utf-8")
    kb = compile_path(str(tmp_path))
    assert "caching" in kb.questions
    assert [(f.question, f.value) for f in understand(kb, "It's a pure cache").facts] == [("caching", True)]
    assert [(f.question, f.value) for f in understand(kb, "it is not a cache").facts] == [("caching", False)]


def test_a_phrase_is_said_with_any_word_for_a_machine() -> None:
    assert facts(replication, "Our writes are hitting the ceiling of the biggest box we can buy.") \
        .get("write_scaling") is True
    assert facts(replication, "no, one box handles the writes fine").get("write_scaling") is False
    assert facts(replication, "writes must spread over several machines").get("write_scaling") is True
    assert "nodes" not in facts(rancher, "the nodes are not disconnected")  # `the box` is one; `the node` is any


def test_which_one_would_be_best_asks_for_the_recommendation() -> None:
    for said in ("Which type is better?", "which install would be best for us", "what setup should we use?"):
        u = understand(rancher, said)
        assert u.question is None and u.command is None, said


def test_words_docs_use_for_the_same_thing_answer_a_question_in_other_words(tmp_path: Path) -> None:
    """ "distributed" is what the docs call "spreads", "survive" what they call "persistent"."""
    (tmp_path / "index.md").write_text(
        "# Relay\n\n## Serving\n\nA load balancer spreads requests across the relay replicas.\n\n"
        "## Storage\n\nMount a persistent volume at `/data` so that the relay's state is kept.\n", encoding="utf-8")
    kb = compile_path(str(tmp_path))
    spread = answer_question(kb, "how are requests distributed over the relay replicas?")
    assert spread.found and "load balancer" in spread.text
    kept = answer_question(kb, "how does the relay state survive?")
    assert kept.found and "persistent volume" in kept.text


def test_a_short_question_that_points_back_asks_about_the_statement_before_it() -> None:
    """ "is that fine?" after a plan asks about the plan: the plan's words are part of the question."""
    u = understand(rancher, "I want to add more worker nodes to the cluster that runs the rancher server "
                            "so I can also put our other workloads there. is that fine?")
    assert u.question and "workloads" in u.question and u.question.endswith("is that fine?")
    alone = understand(rancher, "Is there a guide for an air gap install?")
    assert alone.question == "Is there a guide for an air gap install?"


@pytest.mark.parametrize("said", [
    "Lab cluster, 2.4.4, k3s, 1 node, we'll add nodes later.",
    "This will be production, but we can only get one server approved right now. High availability would come "
    "next fiscal year.",
    "It's a single mini PC for now, but I'd like to turn it into HA once I buy more hardware.",
    "one server to start, more servers later",
])
def test_what_it_becomes_said_of_later_is_the_wish_to_grow(said: str) -> None:
    assert facts(rancher, said).get("grow_to_ha") is True, said


@pytest.mark.parametrize("said", ["we will use HA on three nodes", "we do not plan to add more nodes later",
                                  "production on three servers"])
def test_what_it_is_now_or_never_becomes_is_no_wish_to_grow(said: str) -> None:
    assert facts(rancher, said).get("grow_to_ha") is not True, said


def test_a_real_word_after_a_number_is_not_corrected_into_another() -> None:
    """ "a single mini PC": `mini` is meant as written (not `mind`), and a PC is a machine counted."""
    u = understand(rancher, "It's a single mini PC")
    assert not any("as 'mind'" in n for n in u.notes)
    assert facts(rancher, "It's a single mini PC").get("nodes") == 1
    assert facts(rancher, "3 nods, production").get("nodes") == 3, "a typo of the counted thing is still read"


def test_teaching_is_not_production_and_removing_it_after_is_throwaway() -> None:
    assert facts(rancher, "This is for a class I'm teaching; students poke at the UI for an afternoon.") \
        .get("purpose") == "testing"
    assert facts(rancher, "one laptop for a client demo, after the demo we remove it").get("grow_to_ha") is False
    assert facts(rancher, "we need a storage class for it, of course") == {}, "`class` alone is no classroom"


def test_several_answers_typed_as_assignments_are_each_read() -> None:
    """ "purpose=production nodes=3 internet=airgap": every answer, not one `set` with the rest as its value."""
    assert facts(rancher, "purpose=production nodes=3 internet=airgap") == \
        {"purpose": "production", "nodes": 3, "internet": "airgap"}
    one = understand(rancher, "nodes=3")
    assert one.command == "set" and one.args == ("nodes", "3")


def test_a_count_added_is_not_the_total_and_not_enough_doubts_the_amount() -> None:
    assert "nodes" not in facts(rancher, "now i want to add one more node to this cluster")
    assert facts(rancher, "we have 3 nodes and want 2 more").get("nodes") == 3
    assert facts(rancher, "3 nodes or more").get("nodes") == 3
    assert facts(rancher, "I could scrape together two more VMs, so three in total").get("nodes") == 3
    answer = answer_question(rancher, "is two nodes not enough for rke to be HA, do i really need the third one?")
    assert answer.text.startswith("No:") and "RKE" in answer.text and "three" in answer.text


def test_a_word_of_purpose_before_people_says_who_not_what_the_setup_is_for() -> None:
    assert "purpose" not in facts(rancher, "set it up so the dev teams can manage their clusters, three VMs")
    assert facts(replication, "a dedicated DBA team")["ops_budget"] == "high"


def test_a_phrasal_verb_reads_across_its_object_but_not_across_another_verb() -> None:
    assert facts(rancher, "we'll throw this one away afterwards")["grow_to_ha"] is False
    assert facts(rancher, "I'm trying to figure out what to do, it is for real production")["purpose"] == "production"


def test_a_phrase_said_the_other_way_round_with_is_reads_the_same() -> None:
    assert facts(rancher, "the network is closed") == {"internet": "airgap"}
    assert facts(rancher, "our network is totally isolated") == {"internet": "airgap"}


def test_either_of_two_answers_being_fine_is_no_preference() -> None:
    assert facts(rancher, "Either RKE or K3s is fine by me.") == {"distro": "any"}
    assert facts(rancher, "RKE or K3s, both fine") == {"distro": "any"}
    assert "distro" not in facts(rancher, "should I use rke or k3s?")


def test_everyday_words_of_production_and_of_a_laptop() -> None:
    assert facts(rancher, "This will be around for years and several business units will depend on it.") == {
        "purpose": "production"}
    assert facts(rancher, "just on my own laptop") == {"purpose": "testing", "nodes": 1}


def test_a_sentence_answering_alone_comes_with_the_next_one_of_its_section() -> None:
    a = answer_question(replication, "If someone drops a table by accident, will replication save us?")
    assert a.found and "dropped" in a.text and "backups" in a.text.lower()


def test_a_word_written_together_is_read_as_the_docs_two_words(tmp_path: Path) -> None:
    kb = _page(
        tmp_path,
        "# Edge deployments\n\n## With leaf nodes\n\nA leaf node extends a cluster to a site with a poor link; "
        "it keeps working while the link is down.\n\n## One cluster\n\nAll servers in one place.\n")
    a = answer_question(kb, "does a leafnode keep working when the link is down?")
    assert a.found and "leaf node" in a.text


def test_a_no_answer_of_a_yes_no_question_takes_the_everyday_words_of_its_opposite(tmp_path: Path) -> None:
    kb = _page(
        tmp_path,
        "# Download the installer\n\nDownload either the online installer or the offline installer.\n\n"
        "- **Online installer:** The online installer downloads the images as it goes, so it is small.\n\n"
        "- **Offline installer:** Use the offline installer if the host does not have a connection to the Internet.\n")
    assert facts(kb, "the registry host sits in an isolated lab network") == {"internet": False}
    assert facts(kb, "the host is air-gapped") == {"internet": False}


def test_one_more_word_inside_a_two_word_answer_still_reads_it_but_never_a_negation() -> None:
    assert facts(rancher, "a closed corporate network") == {"internet": "airgap"}
    assert facts(rancher, "with no internet") == {"internet": "airgap"}


def test_whether_something_is_still_there_is_asked_of_the_docs_not_of_the_fit() -> None:
    a = answer_question(rancher, "can I still use a Docker install for Rancher v2.0 if I want HA later?")
    assert not a.text.startswith(("Yes:", "No:", "It depends:"))


def test_a_fit_question_none_of_whose_rules_reads_what_was_said_is_answered_from_the_docs() -> None:
    a = answer_question(rancher, "does the docker install work behind a proxy?")
    assert a.found and "proxy" in a.text and not a.text.startswith("It depends")
    assert any(s.source.path == "network-access.md" for s in a.statements)


def test_a_real_word_is_not_read_as_the_docs_word_its_stem_is_near() -> None:
    from fingerpost.engine.answers.from_docs import _english_stems, _index, _spelled_as_docs

    idx = _index(rancher)
    words = _spelled_as_docs(idx, ["leav", "dedicat"], _english_stems("should I leave it dedicated?"))
    assert "lead" not in words and "leav" in words


def test_a_what_if_said_in_words_only_the_docs_tie_to_an_option_supposes_that_option(tmp_path: Path) -> None:
    from fingerpost.engine.turn import take_turn

    kb = _page(
        tmp_path,
        "# Deployment patterns\n\nChoose one of the deployment patterns.\n\n"
        "## Agent pattern\n\nA collector beside every application; recommended to start with.\n\n"
        "## Gateway pattern\n\nOne central tier of collectors; needed for tail sampling, since every span of a trace "
        "must reach the same collector.\n")
    t = take_turn(kb, "what if we later need tail sampling across all services")
    assert t.understanding.command == "what_if"
    assert "Gateway pattern" in t.reply[0].text and "nothing is kept" in t.reply[1].text
    assert t.assessment.recommendation is None or t.assessment.recommendation.option.title != "Gateway pattern"


def test_a_label_answered_no_after_its_colon_is_a_no() -> None:
    got = facts(rancher, "hosts: 1. egress: none. HA later: no.")
    assert got["grow_to_ha"] is False and got["internet"] == "airgap" and got["nodes"] == 1
    assert facts(rancher, "HA later: yes")["grow_to_ha"] is True


def test_everyday_words_of_downtime_growth_and_a_small_team() -> None:
    assert facts(rancher, "We can't afford downtime on this, one server for now.")["purpose"] == "production"
    assert facts(rancher, "one machine for the PoC; if the PoC is good we make it bigger")["grow_to_ha"] is True
    assert facts(replication, "We're a small shop and I'd rather not be paged at 3am.")["ops_budget"] == "low"


def test_one_thing_counted_points_at_the_option_whose_title_counts_it_so(tmp_path: Path) -> None:
    from fingerpost.engine.language.evidence import hints

    kb = _page(
        tmp_path,
        "# Deployment models\n\n## Cluster models\n\n### Single cluster\n\nThe simplest model; recommended to start.\n\n"
        "### Multiple clusters\n\nMultiple clusters give higher availability: a cluster can fail while the other "
        "clusters keep serving; each cluster has its own control plane, and clusters share traffic rules.\n")
    assert [h.title for h in hints(kb, "one kubernetes cluster".split())] == ["Single cluster"]
    assert [h.title for h in hints(kb, "three clusters in two regions".split())] == ["Multiple clusters"]


# ── the eighth round: kinds of sentences the first run missed ──────────────────────────────────

def test_a_verb_phrase_of_the_vocabulary_is_heard_in_its_other_forms() -> None:
    assert facts(rancher, "customer demo next week, one box, binning it right after").get("grow_to_ha") is False
    assert facts(rancher, "a demo on one box, and we are tearing it down on friday").get("grow_to_ha") is False


def test_a_denied_bound_states_the_most_not_its_opposite() -> None:
    said = facts(replication, "nobody here can give the database more than a few hours a month")
    assert said.get("ops_budget") == "low"
    assert facts(replication, "nobody here can look after the database").get("ops_budget") != "high"


def test_an_assignment_among_other_statements_is_one_more_statement() -> None:
    u = understand(replication, "reporting db, rebuilt nightly, losing a few minutes is no drama. 2 boxes. ops = one guy, few hrs a month")
    assert u.command is None
    assert {f.question for f in u.facts} >= {"rpo", "nodes", "ops_budget"}
    assert understand(replication, "nodes = 3").command == "set"


def test_a_supposition_that_asks_why_asks_the_docs() -> None:
    u = understand(replication, "If I already have replicas, why would I still need backups?")
    assert u.command is None and u.question
    assert understand(replication, "If we need to scale the writes, what changes?").command == "what_if"


def test_places_in_several_clouds_say_multi_cloud(tmp_path: Path) -> None:
    kb = _page(tmp_path, "# Topologies\n\nChoose one of two topologies.\n\n## Single domain\n\nA single domain is best "
                         "suited for individual environments.\n\n## Nested servers\n\nNested servers are well suited for "
                         "multi-cloud deployments.\n")
    assert facts(kb, "our workloads are spread across AWS, GCP and Azure") == {"multi_cloud": True}
    assert facts(kb, "everything is in one AWS account") == {}


def test_words_that_are_feared_point_at_nothing(tmp_path: Path) -> None:
    kb = _page(tmp_path, "# Stores\n\nChoose one of two stores.\n\n## Shared datastore\n\nOne datastore shared by every "
                         "server across the clouds. Recommended for large fleets.\n\n## Local files\n\nEach server keeps "
                         "its own files. Only suitable for one server.\n")
    feared = understand(kb, "sharing one datastore across the clouds worries us")
    assert not any(h.option == "shared-datastore" for h in feared.hints)
    wanted = understand(kb, "we like sharing one datastore across the clouds")
    assert any(h.option == "shared-datastore" for h in wanted.hints)


def test_an_option_named_only_by_a_counting_word_is_not_named_by_it(tmp_path: Path) -> None:
    options = "".join(f"```fingerpost\noption: {oid}\ntitle: {title}\nsummary: {title}.\n```\n\n"
                      for oid, title in (("one", "One controller per class"), ("merged", "Merged gateways")))
    (tmp_path / "index.md").write_text("---\ntitle: Layouts\nfingerpost:\n  decision: layouts\n  title: Which layout\n---\n\n"
                                       f"# Layouts\n\n## Options {{#o}}\n\n{options}", encoding="utf-8")
    kb = kb_at(tmp_path)
    assert set(kb.options) == {"one", "merged"}
    assert "one" not in understand(kb, "everything should sit behind one IP address").leanings
    assert understand(kb, "what about merged gateways?").args == ("merged",), "the option's own name still names it"


def test_the_alternative_the_docs_call_the_default_is_the_one_a_reader_accepts_as_the_default(tmp_path: Path) -> None:
    kb = _page(tmp_path, "# Networking\n\n## Providers\n\nThe cluster ships with two built-in providers, Bridge and "
                         "Mesh.\n\n### Bridge\n\nBridge is built in, and so by default the cluster uses it.\n\n- Uses "
                         "less memory\n\n### Mesh\n\nMesh is recommended when pods need network policies.\n")
    bridge = next(o for o in kb.options.values() if o.title == "Bridge")
    assert "the default" in bridge.synonyms
    assert understand(kb, "a small edge cluster, and the defaults are fine for us").leanings == (bridge.id,)
    assert understand(kb, "a small edge cluster, and the defaults are not fine for us").leanings != (bridge.id,)


def test_why_a_question_is_asked_weighs_less_than_what_it_asks() -> None:
    asked = "Is it fine to run our own apps on the same cluster that hosts Rancher, to save hardware?"
    a = answer_question(rancher, asked)
    assert a.found and a.sources[0].source.path == "before-you-install.md"
    assert "workloads" in a.text


def test_a_version_said_before_a_question_is_where_the_asker_is() -> None:
    u = understand(rancher, "Rancher 2.0 - Server HA already available?")
    assert u.question and facts(rancher, "Rancher 2.0 - Server HA already available?") == {"rancher_version": Version((2, 0))}
    assert facts(rancher, "on rancher 2.0, is HA possible?") == {"rancher_version": Version((2, 0))}
    assert "nodes" not in facts(rancher, "is 3 nodes enough, for rke?"), "what is asked about is not said"
    assert facts(rancher, "how do I upgrade an existing 2.3 install to 2.4, step by step?").get("rancher_version") \
        != Version((2, 4)), "a version inside what is asked is no setup"


def test_a_post_titled_as_a_request_asks_the_docs(tmp_path: Path) -> None:
    post = ("Add namespaceOverride for using the chart as a subchart. Thank you for this chart! But if I use it as a "
            "subchart in Helm, there is no namespaceOverride to override the namespace the chart sets by default.")
    assert understand(backup, post).question


BUFFERS = """# Buffering

## Buffering modes

Each input buffers in one of two modes.

### Memory buffering

Keeps chunks in memory. This mode is faster than disk buffering, but is more prone to data loss.

### Disk buffering

Keeps chunks on disk as well. This mode is slower than memory buffering, but is less prone to data loss.
"""


def test_what_a_reader_rules_out_leans_away_from_the_option_whose_cons_say_it(tmp_path: Path) -> None:
    kb = _page(tmp_path, BUFFERS)
    sides = {(t.option, t.side) for t in kb.tradeoffs}
    assert ("disk", "pro") in sides and ("disk", "con") in sides
    assert not any(t.option == "disk" and t.side == "con" and "loss" in t.text.lower() for t in kb.tradeoffs), \
        "'less prone to data loss' is a pro"
    u = understand(kb, "these are audit logs, we are not allowed to lose any of them")
    assert u.leanings == ("disk",)
    assert understand(kb, "these are debug logs").leanings == ()


ENGINES = """# Choosing an engine

See the following flowchart to choose the best engine for you:

```mermaid
flowchart
  host{"Host OS"} -- "Windows" --> shim["Shim"]
  host -- "Linux" --> full["Full"]
  host -- "macOS" --> cross{"Need to run <br> foreign binaries?"}
  cross -- "Yes" --> full
  cross -- "No" --> native["Native"]
```
"""


def test_everyday_names_of_machines_say_their_operating_system_and_a_guest_is_not_the_host(tmp_path: Path) -> None:
    kb = _page(tmp_path, ENGINES)
    assert facts(kb, "an M3 MacBook Air")["host_os"] == "macos"
    assert facts(kb, "my Fedora desktop")["host_os"] == "linux"
    assert facts(kb, "Windows 11 workstation; we want a throwaway Linux VM for builds")["host_os"] == "windows"
    assert facts(kb, "M2 Mac, running arm64 Ubuntu for container work")["host_os"] == "macos"
    assert facts(kb, "a Linux VM in the cloud")["host_os"] == "linux", "alone, a VM named by its system is the host"


def test_a_drawn_decision_tree_recommends_by_its_branches_and_an_unmentioned_need_is_taken_as_absent(tmp_path: Path) -> None:
    kb = _page(tmp_path, ENGINES)

    def best(text: str) -> str:
        u = understand(kb, text)
        return assess(kb, {f.question: f.value for f in u.facts}, leanings=u.leanings).recommendation.option.title
    assert best("a Windows laptop") == "Shim"
    assert best("Ubuntu server") == "Full"
    assert best("Apple Silicon Mac") == "Native"
    assert best("Apple Silicon Mac and I need to run foreign binaries") == "Full"


@pytest.mark.parametrize(("text", "want"), [
    ("a demo rather than production", {"purpose": "testing"}),
    ("we use K3s instead of RKE", {"distro": "k3s"}),
    ("we run version two point four dot five", {"rancher_version": Version((2, 4, 5))}),
    ("a quick demo, nothing to keep afterwards", {"purpose": "testing", "grow_to_ha": False}),
])
def test_what_is_set_aside_is_not_so_and_releases_said_in_words_are_numbers(text: str, want: dict) -> None:
    assert facts(rancher, text) == want


def test_a_question_after_a_dash_with_instead_is_a_what_if() -> None:
    u = understand(rancher, "prod, 3 nodes, rke - and with K3s instead?")
    assert {f.question: f.value for f in u.facts} == {"purpose": "production", "nodes": 3, "distro": "rke"}
    assert u.command == "what_if"


TUNNELS = """# Encapsulation types

The network supports two encapsulation types: VXLAN and IP in IP. Choose the one that fits your network.

## VXLAN

VXLAN works on every network, including clouds that drop unknown protocols. Use it on Azure.

## IP in IP

IP in IP has less overhead, but some clouds block it.
"""


def test_a_short_question_naming_only_the_kind_chosen_asks_for_a_recommendation(tmp_path: Path) -> None:
    kb = _page(tmp_path, TUNNELS)
    for text in ("Which encapsulation?", "so which encapsulation then?", "What should it store its data in?"):
        u = understand(kb, text)
        assert u.question is None and u.command is None, (text, u)
    for text in ("Which one is faster?", "Which VXLAN?"):
        assert understand(kb, text).question == text, "a question about something else is asked of the docs"


@pytest.mark.parametrize(("text", "sites"), [
    ("Cluster mode over three sites", 3),
    ("replicas over two data centres", 2),
    ("we have over three sites", 4),
])
def test_over_a_count_of_places_lays_the_setup_across_them(text: str, sites: int) -> None:
    assert facts(replication, text)["sites"] == sites


STORES = """# Datastore types

The server supports two datastore types: Embedded store and External database. Choose the one that fits your team.

## Embedded store

The embedded store runs inside the cluster and needs no other service. It suits small teams.

## External database

An external database lives outside the cluster, which suits teams that already run MySQL or PostgreSQL at scale.

# Before you begin

Check that every server can reach the others on the cluster network, and that the clocks agree.

# Backups

Take a snapshot of the datastore before each upgrade, and keep it somewhere the servers do not share.

# Upgrades

Upgrade one server at a time, and wait until it is ready before you move on to the next.
"""


def test_a_product_name_the_docs_write_is_evidence_among_everyday_words(tmp_path: Path) -> None:
    kb = _page(tmp_path, STORES)
    assert understand(kb, "we have a strong mysql team").leanings == ("external-database",)
    assert understand(kb, "port 443 open on a strong team").leanings == (), "everyday words alone are no evidence"


def test_a_length_limit_is_asked_in_everyday_words_and_answered_by_the_bound(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text(
        "# Gateways\n\n## Provisioning\n\nCreate a gateway class first, then a gateway that uses it.\n\n"
        "Gateway names must be 63 characters or shorter, to avoid issues with the resources made for them.\n\n"
        "## Routing\n\nRoutes attach to a gateway by name and pick the listener they use.\n", encoding="utf-8")
    kb = compile_path(str(tmp_path))
    for text in ("is there a length limit on gateway names?", "how long can a gateway name be?"):
        a = answer_question(kb, text)
        assert a.found and "63 characters" in a.text, (text, a.text)


BACKENDS = """# Storage backends

The collector supports three storage backends: Embedded, Columnar and Search.

## Embedded

The binary embeds the store and can use it without external dependencies. It keeps data on the local disk.

## Columnar

Point the collector at an existing columnar cluster; see its own documentation to deploy one.

## Search

Point the collector at an existing search cluster, which indexes every field.

# Before you begin

Check that every collector can reach the storage it writes to, and that the clocks agree.

# Upgrades

Upgrade one collector at a time, and wait until it is ready before you move on to the next.
"""


def test_what_a_reader_refuses_leans_to_the_option_whose_text_says_it_does_without_it(tmp_path: Path) -> None:
    kb = _page(tmp_path, BACKENDS)
    assert understand(kb, "one box, I don't want any external database").leanings == ("embedded",)
    assert understand(kb, "one box, we already run an external database").leanings != ("embedded",)


ACCESS = """# Access to the registry

## Ways to grant access

Here are three common ways to let the agent write to the registry:

- [Node role](#node-role)
- [Static keys](#static-keys)
- [Workload identity](#workload-identity)

### Node role

Attach the policy to the role of the machines. Every process on the machine then holds the permission.

### Static keys

Store a key pair in a secret and mount it into the agent. Rotate the keys by hand.

### Workload identity

Map a cloud role to the agent's own service account, so that only its pods hold the permission, with tokens
that expire on their own. This follows the principle of least privilege.

## Troubleshooting

Check the agent's log when a write is refused, and compare the role it assumed with the policy.
"""


def test_options_a_list_names_are_described_by_their_own_sections_not_by_the_list(tmp_path: Path) -> None:
    kb = _page(tmp_path, ACCESS)
    assert sorted(kb.options) == ["node-role", "static-keys", "workload-identity"]
    assert understand(kb, "only its pods should hold the permission").leanings == ("workload-identity",)


# ── numbers that count something else, and words looked up by their stem ───────────────────────

def test_a_number_said_of_another_word_counts_no_nodes() -> None:
    assert facts(rancher, "Rancher runs in Docker on a host with ports 80 and 443 published").get("nodes") == 1  # `a host`
    assert "nodes" not in facts(rancher, "the server only answers '404 page not found'")
    assert facts(rancher, "servers: roughly five")["nodes"] == 5  # a hedge between them is no other thing
    assert facts(rancher, "we have about 3 nodes")["nodes"] == 3


STEMS_PAGE = """# Running the queue

## Lifecycle

The classic queue type is deprecated and will be removed in the next major release.

## Backups

To back up a queue, export its definitions with the admin tool.

## Catching up

A follower that falls behind has to catch up with the leader before it serves reads.

## Joining

New nodes register on port 9345 of the first server.
"""


def test_answers_meet_the_docs_words_in_another_form(tmp_path: Path) -> None:
    kb = _page(tmp_path, STEMS_PAGE)
    gone = answer_question(kb, "what's the deprecation plan for classic queues?")
    assert gone.found and "deprecated" in gone.text  # deprecation / deprecated: one stem
    backup = answer_question(kb, "how do I take a backup of a queue?")
    assert backup.found and "export its definitions" in backup.text
    assert "catch up" not in backup.text  # `backup` is the docs' "back up": both words, not `up` alone
    port = answer_question(kb, "wich port do new nodes regster on")
    assert port.found and "9345" in port.text  # a misspelling is matched against the words as written


def test_an_ordinal_is_not_a_unit_and_a_release_may_be_said_digit_by_digit() -> None:
    said = facts(replication, "Two servers, one of them in our second office; losing a few minutes of writes is fine")
    assert said["rpo"] == "minutes"  # "our second office" is no second of writes
    assert facts(replication, "we can lose a second of writes at most")["rpo"] == "seconds"
    assert str(facts(rancher, "we're pinned to two four three")["rancher_version"]) == "2.4.3"
    assert "rancher_version" not in facts(rancher, "one two three, testing the mic")


def test_saying_it_must_go_ha_without_a_rebuild_is_growing_later() -> None:
    assert facts(rancher, "poc. 1 vm. never going HA.")["grow_to_ha"] is False
    assert facts(rancher, "a proof of concept that must be promotable to HA without rebuilding")["grow_to_ha"] is True


def test_words_that_judge_or_slip_weigh_little_when_the_docs_never_use_them() -> None:
    from fingerpost.engine.language.commonness import slip_of, unseen_weight

    assert slip_of("recomend") == "recommend" and slip_of("kafka") == "" and slip_of("colour") == ""
    assert unseen_weight("recomend", False) < 1.0 and unseen_weight("acceptable", False) < 1.0
    assert unseen_weight("kafka", False) == 1.0 and unseen_weight("subscription", False) == 1.0  # topics
    answer = answer_question(rancher, "Is the Docker install acceptable for production?")
    assert answer.found and "not production" in answer.text
