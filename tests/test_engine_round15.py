"""Everyday words of the fifteenth round: an option a question asks how to use is the one the asker leans to,
while a question weighing an option leans to nothing."""

from __future__ import annotations

import pytest
from engine_helpers import kb_at
from fingerpost.engine.language import understand as understanding


@pytest.fixture(scope="module")
def kb():
    return kb_at(None)  # the embedded pack


@pytest.mark.parametrize("text", ["Is it possible to run Rancher in HA mode?",
                                  "How do I put the HA install behind an AWS network load balancer?"])
def test_an_option_a_question_asks_how_to_use_is_leaned_to(kb, text: str) -> None:
    assert understanding.understand(kb, text).leanings == ("k8s-ha",)


@pytest.mark.parametrize("text", ["Is the Docker install OK for production use?",
                                  "Should we use the Docker install or the HA install?"])
def test_a_question_weighing_an_option_leans_to_none(kb, text: str) -> None:
    assert understanding.understand(kb, text).leanings == ()
