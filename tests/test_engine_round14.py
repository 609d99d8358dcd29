"""Everyday words of the fourteenth round: a conclusion after `so` is of now, the outside world is the internet,
a question asked under a supposition, servers counted on, and plans kept when the question asks about later."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_helpers import kb_at, page_kb
from fingerpost.engine.language import evidence
from fingerpost.engine.language import understand as understanding


@pytest.fixture(scope="module")
def kb():
    return kb_at(None)  # the embedded pack


def _facts(kb, text: str) -> dict:  # noqa: ANN001
    return {f.question: f.value for f in understanding.understand(kb, text).facts}


def test_a_conclusion_after_so_is_said_of_now_though_an_if_clause_comes_before_it(kb) -> None:
    text = ("Our 'staging' setup is what every team logs into all day; if it's down nobody ships, "
            "so for us it really is production.")
    assert _facts(kb, text)["purpose"] == "production"


@pytest.mark.parametrize("text", ["The enclave has no route to the outside world at all.",
                                  "From that network there is no way out to the outside world."])
def test_the_outside_world_is_the_internet(kb, text: str) -> None:
    assert _facts(kb, text).get("internet") == "airgap"


def test_nothing_we_would_keep_afterwards_is_a_throwaway(kb) -> None:
    assert _facts(kb, "A lab trial on one node, nothing we'd keep afterwards.").get("grow_to_ha") is False


def test_nothing_fancy_says_nothing_of_the_purpose(kb) -> None:
    assert "purpose" not in _facts(kb, "Three nodes, plain internet access, nothing fancy.")


def test_a_question_asked_under_a_supposition_is_a_what_if(kb) -> None:
    u = understanding.understand(kb, "I run it on two nodes as a sandbox. Hypothetically, if this were production, "
                                     "which install would it be?")
    assert u.command == "what_if" and list(u.args) == ["purpose", "production"], (u.command, u.args)


def test_a_plan_in_an_if_clause_answers_the_question_about_later(kb) -> None:
    text = ("We run a pilot on a single box in the lab. It's not production, not yet anyway, but if the pilot goes "
            "well management wants it to become the real thing, highly available, without a rebuild.")
    assert _facts(kb, text).get("grow_to_ha") is True


STORES = """# Datastore

The cluster keeps its state in a datastore. Choose one of two datastores.

## Embedded SQLite

For a single server only. SQLite cannot be used with more than one server.

## Embedded etcd

Needs three or more servers, an odd number, for high availability.
"""


def test_n_more_servers_are_counted_on_the_servers_said_before(tmp_path: Path) -> None:
    kb = page_kb(tmp_path, "datastore.md", STORES)
    u = understanding.understand(kb, "Our cluster is a single server on SQLite. What if we added two more servers?")
    assert u.command == "what_if" and u.args[1] == "3", (u.command, u.args, list(kb.questions))


@pytest.mark.parametrize("text", ["Release 2.4.13. Any distro is fine.",
                                  "Four servers, and honestly any Kubernetes distribution will do.",
                                  "Egress only through a proxy. Either Kubernetes distribution is fine by us."])
def test_any_name_of_a_question_accepted_means_no_preference(kb, text: str) -> None:
    assert _facts(kb, text).get("distro") == "any"


def test_any_without_acceptance_is_no_answer(kb) -> None:
    assert "distro" not in _facts(kb, "Does any distribution support two nodes?")


@pytest.mark.parametrize("text", ["testing on 1 node, gets thrown away after",
                                  "a CI environment that gets rebuilt every night on one VM",
                                  "another sales demo, and nobody will ever touch it again after Thursday"])
def test_thrown_away_or_rebuilt_nightly_is_a_throwaway(kb, text: str) -> None:
    assert _facts(kb, text).get("grow_to_ha") is False


def test_where_a_setup_lives_says_nothing_of_it_being_live(kb) -> None:
    assert _facts(kb, "Our throwaway test setup lives on one VM.").get("purpose") == "testing"
    assert _facts(kb, "It goes live next month on three servers.").get("purpose") == "production"


@pytest.mark.parametrize("text", ["if we upgraded to 2.4 before installing, could we go with K3s then?",
                                  "hypothetically, if we moved up to 2.4 first, does that open anything up?"])
def test_asking_what_a_supposition_opens_up_is_a_what_if(kb, text: str) -> None:
    assert understanding.understand(kb, text).command == "what_if"


def test_asking_whether_the_docs_allow_a_later_change_stays_a_question(kb) -> None:
    u = understanding.understand(kb, "If I start with Docker, can I turn it into HA later?")
    assert u.command is None and u.question


EDGE = """# Where to run the broker

Pick one of two layouts.

## A single hub

One broker in the data centre serves every client over the network.

## With edge relays

An edge relay runs beside the devices at a remote site. Local clients keep messaging through the relay when the
uplink to the hub drops, and the relay forwards what they sent once the uplink is back.
"""


def test_a_long_description_the_docs_say_little_of_points_at_the_option_it_clearly_leads_to(tmp_path: Path) -> None:
    kb = page_kb(tmp_path, "layouts.md", EDGE)
    text = ("Factory-floor gizmos, grumpy forklifts, dusty sensors and sleepy operators with a flaky uplink: local "
            "programs keep messaging when the uplink to the hub drops.")
    found = evidence.hints(kb, text.split())
    assert [h.option for h in found] == ["edge-relays"], (found, list(kb.options))


def test_a_long_description_the_docs_say_little_of_and_that_leads_nowhere_clearly_is_no_hint(tmp_path: Path) -> None:
    kb = page_kb(tmp_path, "layouts.md", EDGE)
    text = ("Factory-floor gizmos, grumpy forklifts, dusty sensors and sleepy operators: one broker serves the "
            "local clients when the uplink drops.")
    assert evidence.hints(kb, text.split()) == ()


BACKENDS = """# Storage backends

The service keeps its state in one of two storage backends.

## SQLite

A file on local disk; fine for one instance.

## PostgreSQL

A database server every replica can share; needed when you run several replicas.
"""


@pytest.mark.parametrize("asked", ["Which storage backend should I point it at?", "Which storage backend should back it?"])
def test_which_kind_should_hold_it_asks_for_a_recommendation(tmp_path: Path, asked: str) -> None:
    kb = page_kb(tmp_path, "backends.md", BACKENDS)
    u = understanding.understand(kb, f"We run three replicas behind the ingress. {asked}")
    assert not u.question, u.question


EMBEDDED = """---
title: Embedded datastore
---

An embedded datastore runs inside the cluster. The alternative is [external databases](external.md).

## Datastore options

* **Embedded etcd**
  Embedded etcd is the default datastore, used when nothing else is configured.
* **Embedded SQLite**
  SQLite cannot be used on clusters with more than one server.

## Embedded etcd

Embedded etcd is the default datastore. It is the only embedded option that allows a highly available cluster.

## Embedded SQLite

This embedded option is not recommended for production but can be useful for a short-lived cluster.
"""

EXTERNAL = """---
title: External datastore
---

An external datastore is a database outside the cluster that every server reaches over the network, such as a
managed PostgreSQL or MySQL. The alternative to an external datastore is an [embedded datastore](embedded.md).
"""


def test_naming_what_every_option_page_is_titled_points_at_none_of_them(tmp_path: Path) -> None:
    (tmp_path / "external.md").write_text(EXTERNAL, encoding="utf-8")
    kb = page_kb(tmp_path, "embedded.md", EMBEDDED)
    assert "external-datastore" in kb.options, list(kb.options)
    assert "datastore" in evidence.evidence_for(kb).shared  # the word every option page's title shares tells none apart
    u = understanding.understand(kb, "We are setting up a cluster and have to pick a datastore.")
    assert "external-datastore" not in u.leanings, (u.leanings, u.hints)
