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
