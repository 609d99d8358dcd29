"""Leanings weighed: an option set aside leans only a little to each of the others, so words that point at one
of them decide."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_helpers import page_kb
from fingerpost.engine.language import understand as understanding
from fingerpost.kb import compile_path

STORES = """# Where the control plane keeps its state

The server can keep its state in one of three ways.

## In an embedded file store

A single file on the server's disk. It suits one server and is the default.

## In an embedded quorum store

Three or more servers keep copies of the state and agree on every change.

## In an external database

The servers keep their state in a database you run yourself, such as PostgreSQL or MySQL. Point them at it
with the datastore endpoint setting, a connection string.
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory):
    return page_kb(tmp_path_factory.mktemp("stores"), "stores.md", STORES)


def _id(kb, word: str) -> str:
    return next(o.id for o in kb.options.values() if word in o.title.lower())


def test_an_option_set_aside_leans_less_than_words_that_point_at_one_of_the_rest(kb) -> None:
    """The option named and pointed at by the docs' words outweighs the rest of those set aside."""
    said = "An external database instead of the quorum store: we set the datastore endpoint to our connection string."
    assert understanding.understand(kb, said).leanings == (_id(kb, "external"),)


def test_an_option_set_aside_alone_still_leans_to_the_rest(kb) -> None:
    leanings = understanding.understand(kb, "Anything instead of the quorum store.").leanings
    assert _id(kb, "quorum") not in leanings and _id(kb, "external") in leanings and _id(kb, "file") in leanings


@pytest.mark.parametrize("said", [
    "Three servers in one rack. Which storage backend?",
    "Three servers in one rack. Which way should the state be kept there?",
    "Three servers in one rack. Where should the servers keep their state?",
    "Three servers in one rack. Which of these stores should we go with?",
])
def test_asking_which_one_after_the_setup_asks_for_a_recommendation(kb, said: str) -> None:
    u = understanding.understand(kb, said)
    assert u.question is None and u.leanings, "the setup is read, and the reply recommends"


@pytest.mark.parametrize("said", ["Where does the file store keep its file?", "Which databases can the servers use?",
                                  "Three servers in one rack. Which Linux distribution should the servers run?"])
def test_asking_where_or_which_of_the_docs_is_still_a_question(kb, said: str) -> None:
    assert understanding.understand(kb, said).question


DATABASES = """# Storage

The server keeps its users and sessions in a database. We generally recommend using PostgreSQL.

## PostgreSQL

A PostgreSQL server that you run and back up, reached over the network by every replica.

## SQLite

A single file beside the server, with no database server to run. It cannot be shared between replicas, so it
suits one container on a home machine.
"""


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory):
    return page_kb(tmp_path_factory.mktemp("databases"), "storage.md", DATABASES)


def _best(kb, said: str) -> str:
    from fingerpost.engine.turn import take_turn

    rec = take_turn(kb, said).assessment.recommendation
    return rec.option.title if rec else ""


def test_what_the_docs_recommend_to_everyone_yields_to_what_the_user_says_of_their_setup(databases) -> None:
    assert {o.title for o in databases.options.values()} >= {"PostgreSQL", "SQLite"}
    assert _best(databases, "Just one container on my home machine, and no database server to run.") == "SQLite"


def test_without_words_for_another_option_the_recommendation_to_everyone_stands(databases) -> None:
    assert _best(databases, "We need somewhere to keep users.") == "PostgreSQL"


def test_an_option_the_user_refuses_is_recommended_only_when_nothing_else_fits(databases) -> None:
    from fingerpost.engine.reason.assess import assess

    postgres, sqlite = _id(databases, "postgres"), _id(databases, "sqlite")
    assert assess(databases, {}).recommendation.option.id == postgres
    assert assess(databases, {}, avoid=(postgres,)).recommendation.option.id == sqlite
    assert assess(databases, {}, avoid=(postgres, sqlite)).recommendation.option.id == postgres, "all refused: as before"


def test_the_words_that_refuse_an_option_are_kept_with_the_understanding(databases) -> None:
    u = understanding.understand(databases, "Three replicas, and we have no PostgreSQL.")
    assert u.refused == (_id(databases, "postgres"),)


def test_a_session_keeps_what_was_refused_until_a_later_turn_leans_to_it_again() -> None:
    from fingerpost.sessions.session import Session, from_json, to_json

    s = Session("kb").step(avoided=["postgres"]).step(leanings=["sqlite"])
    assert s.avoided() == ("postgres",)
    assert from_json(to_json(s)).avoided() == ("postgres",), "saved and read back"
    assert s.step(leanings=["postgres"]).avoided() == ()


@pytest.mark.parametrize(("said", "purpose"), [
    ("Officially it's for showing a customer next Tuesday, one machine.", "testing"),
    ("We will show the customer the new dashboards on it, then delete it.", "testing"),
    ("Our customers use it every day to manage their clusters.", "production"),
])
def test_a_customer_shown_something_is_a_demo_and_customers_relying_on_it_is_production(said: str, purpose: str) -> None:
    from fingerpost.kb.pipeline import compile_path as embedded

    facts = {f.question: f.value for f in understanding.understand(embedded(None), said).facts}
    assert facts.get("purpose") == purpose


def test_where_a_move_goes_to_is_wanted_and_where_it_comes_from_is_not() -> None:
    from fingerpost.kb.pipeline import compile_path as embedded

    kb = embedded(None)
    u = understanding.understand(kb, "We want to migrate from a Docker install to HA.")
    assert [kb.options[o].title for o in u.leanings] == ["High-availability Kubernetes install with Helm"]


def test_words_that_point_at_an_option_they_also_name_lean_to_it(kb) -> None:
    said = ("External database setup for several servers. I need to change the code so it supports the datastore "
            "endpoint and a connection string to PostgreSQL.")
    assert understanding.understand(kb, said).leanings == (_id(kb, "external"),)


HA = """# Installing the server

The server can be installed in one of two ways.

## Non-High Availability

One replica of each component. It suits evaluation and small teams.

## High Availability

Several replicas of each component on at least three nodes, so one node can fail without an outage.
"""


def test_an_option_is_named_by_the_initials_of_its_title(tmp_path: Path) -> None:
    from fingerpost.engine.language.lexicon import initials

    assert [initials(t) for t in ("High Availability", "Single Sign-On", "In Memory", "Docker")] == ["ha", "sso", "", ""]
    (tmp_path / "install.md").write_text(HA, encoding="utf-8")
    kb = compile_path(tmp_path)
    u = understanding.understand(kb, "and if it had to be HA after all?")
    assert u.command == "what_if" and [kb.options[o].title for o in u.leanings] == ["High Availability"]


def test_a_setup_denied_with_not_one_where_denies_what_its_clause_says() -> None:
    from fingerpost.kb.pipeline import compile_path as embedded

    said = "I need a complete offline install, not one where the UI still has to reach the internet."
    facts = [(f.question, f.value) for f in understanding.understand(embedded(None), said).facts]
    assert facts == [("internet", "airgap")]


@pytest.mark.parametrize("said", ["Nothing leaves the network without going through the outbound proxy.",
                                  "No server reaches the internet without the HTTP proxy."])
def test_nothing_without_a_thing_says_the_thing_always_happens(said: str) -> None:
    from fingerpost.kb.pipeline import compile_path as embedded

    facts = {f.question: f.value for f in understanding.understand(embedded(None), said).facts}
    assert facts.get("internet") == "proxy"


def test_without_alone_still_denies() -> None:
    from fingerpost.kb.pipeline import compile_path as embedded

    facts = {f.question: f.value for f in understanding.understand(embedded(None), "We run without a proxy.").facts}
    assert facts.get("internet") != "proxy"


def test_what_someone_cannot_find_is_looked_for_not_refused() -> None:
    from fingerpost.kb.pipeline import compile_path as embedded

    said = "I can't find any migration path from the container to a Kubernetes install."
    facts = {f.question: f.value for f in understanding.understand(embedded(None), said).facts}
    assert facts.get("grow_to_ha") is not False


@pytest.mark.parametrize("said", [
    "It would be nice if the file store could be shared by two servers in the same rack.",
    "[DOC] We should have a document that explains how the quorum store behaves when a server is replaced.",
])
def test_a_short_request_for_a_feature_or_a_document_asks_the_docs(kb, said: str) -> None:
    assert understanding.understand(kb, said).question


@pytest.mark.parametrize("said", ["Docker is a no-go, we have three servers.", "Three servers; Docker is off the table.",
                                  "Three servers, and Docker is not an option here."])
def test_a_name_ruled_out_by_what_follows_it_is_refused(said: str) -> None:
    from fingerpost.kb.pipeline import compile_path as embedded

    kb = embedded(None)
    assert [kb.options[o].title for o in understanding.understand(kb, said).refused] == ["Docker install on a single node"]


@pytest.mark.parametrize(("said", "purpose"), [("We want to rely on Kubernetes RBAC only, three servers.", None),
                                               ("Three servers, and the whole company will rely on it.", "production")])
def test_relying_on_a_thing_is_not_production_relying_on_the_install_is(said: str, purpose: str | None) -> None:
    from fingerpost.kb.pipeline import compile_path as embedded

    facts = {f.question: f.value for f in understanding.understand(embedded(None), said).facts}
    assert facts.get("purpose") == purpose


def test_is_out_says_a_release_came_out_and_rules_nothing_out() -> None:
    from fingerpost.engine.language.clauses import ruled_out
    from fingerpost.engine.language.lexicon import tokenize

    toks = tokenize("upgrade the controllers when a new version is out")
    assert not ruled_out(toks, 7)
    toks = tokenize("Docker is off the table")
    assert ruled_out(toks, 1)


def test_a_question_put_after_the_setup_it_asks_about_keeps_the_setup() -> None:
    from fingerpost.kb.pipeline import compile_path as embedded

    said = "We're going live in production but we only have two machines, is that a problem?"
    u = understanding.understand(embedded(None), said)
    assert {f.question: f.value for f in u.facts} == {"purpose": "production", "nodes": 2} and u.question
