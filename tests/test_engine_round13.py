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
