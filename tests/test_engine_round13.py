"""Everyday words of the thirteenth round: replicas counted as the instances a page asks about."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_helpers import page_kb
from fingerpost.engine.language import understand as understanding

CACHES = """# Where the cache keeps its entries

The cache can keep its entries in one of two ways.

## In process memory

Entries live in the memory of the process. Cannot be run highly available, as multiple instances will not share
the same entries.

## In a shared store

Entries live in a store every instance of the service reads, so any number of instances see the same entries.
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory):
    return page_kb(tmp_path_factory.mktemp("caches"), "caches.md", CACHES)


def test_the_page_asks_how_many_instances(kb) -> None:
    assert "instances" in kb.questions, list(kb.questions)


@pytest.mark.parametrize("text", ["we run two replicas of the service", "3 replicas behind the load balancer"])
def test_replicas_are_counted_as_instances(kb, text: str) -> None:
    facts = {f.question: f.value for f in understanding.understand(kb, text).facts}
    assert facts.get("instances") in (2, 3), facts


REPLICATION = str(Path(__file__).resolve().parents[1] / "docs" / "examples" / "replication")


def _facts(path: str | None, text: str) -> dict:
    from engine_helpers import kb_at

    return {f.question: f.value for f in understanding.understand(kb_at(path), text).facts}


def test_a_number_that_counts_people_is_not_a_count_of_machines() -> None:
    facts = _facts(None, "We're a team of twelve, and we need Rancher for a quick trial on one VM.")
    assert facts.get("nodes") == 1, facts
    assert "nodes" not in _facts(None, "Five of us will try Rancher next week."), "five people, no machines said"


def test_one_server_room_is_one_site() -> None:
    assert _facts(REPLICATION, "two servers in our one server room").get("sites") == 1


def test_writes_that_no_longer_fit_on_one_machine_need_spreading() -> None:
    assert _facts(REPLICATION, "Writes definitely don't fit on one machine any more.").get("write_scaling") is True


def test_not_wanting_to_be_painted_into_a_corner_is_wanting_a_path_to_grow() -> None:
    facts = _facts(None, "It's only a test on one node, but I don't want to paint myself into a corner.")
    assert facts.get("grow_to_ha") is True, facts


STATE = """# Where the servers keep their state

The servers can keep their state in one of two ways.

## Embedded quorum store

Three or more servers keep copies of the state and agree on every change. Nothing else to run.

## PostgreSQL

The servers keep their state in a PostgreSQL database you run yourself.
"""


@pytest.fixture(scope="module")
def state_kb(tmp_path_factory: pytest.TempPathFactory):
    return page_kb(tmp_path_factory.mktemp("state"), "state.md", STATE)


def test_what_the_servers_should_store_their_data_in_asks_for_a_recommendation(state_kb) -> None:
    u = understanding.understand(state_kb, "We have three VMs. What should the new servers store their data in?")
    assert not u.question and u.command is None, u


@pytest.mark.parametrize("text", ["The company already has a PostgreSQL that our DBAs look after.",
                                  "We have a PostgreSQL cluster managed by our platform team."])
def test_a_thing_the_speaker_s_people_look_after_leans_to_the_option_it_names(state_kb, text: str) -> None:
    u = understanding.understand(state_kb, text)
    assert u.leanings[:1] == ("postgresql",), u


def test_a_thing_named_without_anyone_looking_after_it_does_not_lean(state_kb) -> None:
    assert not understanding.understand(state_kb, "Someone mentioned PostgreSQL once, that's all.").leanings


@pytest.mark.parametrize("text", ["Audit records. We can't lose a single one on a crash or a restart of a server.",
                                  "It has to survive a crash of one server without losing a write, and we run three."])
def test_a_crash_the_setup_must_survive_is_a_requirement_not_a_report_of_trouble(state_kb, text: str) -> None:
    assert understanding.understand(state_kb, text).question is None


def test_a_crash_that_happened_is_a_report_asked_of_the_docs(state_kb) -> None:
    assert understanding.understand(state_kb, "The embedded quorum store crashed twice this week on our three servers.").question


def test_a_later_sentence_of_a_post_that_starts_with_a_command_word_is_prose(state_kb) -> None:
    text = ("Add a second store for the servers. Today we run three servers on the embedded quorum store. A second "
            "store would add: isolation; simpler networking; and load distribution with an autoscaling group.")
    assert understanding.understand(state_kb, text).command is None


def test_a_short_command_among_other_sentences_is_still_one(state_kb) -> None:
    assert understanding.understand(state_kb, "Three servers. Save it as staging").command == "save"


def test_a_post_that_opens_with_using_and_goes_on_is_not_a_short_follow_up(tmp_path) -> None:
    from test_extract_round13 import TUNNELS

    kb = page_kb(tmp_path, "tunnels.md", TUNNELS)
    u = understanding.understand(kb, "Using the overlay with Cloudia. Will it be possible to run it there at all?")
    assert u.command is None and u.question, u
    assert understanding.understand(kb, "and with Cloudia?").command == "what_if", "a short follow-up still supposes"


def test_replicas_said_beside_a_primary_are_not_all_there_are() -> None:
    facts = _facts(REPLICATION, "Three nodes in three zones. Current setup is one primary + 2 async replicas.")
    assert facts.get("nodes") == 3, facts


@pytest.mark.parametrize(("text", "question", "value"), [
    ("three servers in three different cities", "sites", 3),
    ("one box handles all the writes easily", "write_scaling", False),
    ("a few hours of ops a month is all we have", "ops_budget", "low"),
])
def test_more_everyday_words_for_a_setup(text: str, question: str, value) -> None:
    assert _facts(REPLICATION, text).get(question) == value


def test_nodes_that_lost_all_access_to_the_internet_are_offline() -> None:
    assert _facts(None, "Our three Rancher nodes lost all access to the internet.").get("internet") == "airgap"


def test_a_question_framed_by_a_phrase_before_a_comma_is_asked_of_the_docs() -> None:
    from engine_helpers import kb_at

    u = understanding.understand(kb_at(REPLICATION), "On Ledger 14, is one site enough?")
    assert u.question, u
