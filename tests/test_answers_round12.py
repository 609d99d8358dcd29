"""Answers that go on where the documentation goes on: the list a sentence introduces, wherever the sentence
ranks, and the figures an amount question asks for, after whichever sentence shown they follow."""

from __future__ import annotations

import pytest
from engine_helpers import page_kb
from fingerpost.engine.answers.from_docs import answer_question

PAGE = """# Spool queues

## Converting old queues

When a Spool 4.0 node starts, it converts any existing v1 queues to the v2 format.

Note that for large queues the conversion may take some time, and the queue is unavailable while it runs.
As a point of reference, on our test machine, the conversion takes:

- 2 seconds for 1000 queues with 1000 small messages each
- 9 seconds for one queue with a million small messages

## Running without privileges

The kernel probe requires full privileges. The user-space probe can run with a few capabilities instead.
The minimal set of capabilities the user-space probe needs is the following:

- CAP_SYS_BPF
- CAP_SYS_PTRACE
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory):
    return page_kb(tmp_path_factory.mktemp("spool"), "queues.md", PAGE)


def test_an_amount_question_gets_the_figures_listed_after_the_sentence_that_goes_on(kb) -> None:
    text = answer_question(kb, "How long does the v1 to v2 queue conversion take on a big queue?").text
    assert "seconds" in text


def test_a_sentence_that_introduces_a_list_brings_its_items_wherever_it_ranks(kb) -> None:
    text = answer_question(kb, "Which capabilities does the user-space probe need to run without full privileges?").text
    assert "CAP_SYS_BPF" in text and "CAP_SYS_PTRACE" in text, "every item of the list"


VERSIONS = """# Installing the operator

## Prerequisites

The cluster should run one of the following versions:

| Version | Minimum patch |
|---|---|
| v1.33 | 1.33.0 |
| v1.34 | 1.34.1 |

## Upgrades

The operator can upgrade the controllers when a new version is out. To restrict the upgrade to patch versions
only, set the distribution.version field to e.g. 2.7.x in the operator's settings.
"""


@pytest.fixture(scope="module")
def operator(tmp_path_factory: pytest.TempPathFactory):
    return page_kb(tmp_path_factory.mktemp("operator"), "install.md", VERSIONS)


def test_a_sentence_that_introduces_a_table_brings_the_table(operator) -> None:
    assert "1.33" in answer_question(operator, "Which cluster versions does the operator support?").text


def test_e_g_does_not_end_the_sentence_an_answer_quotes(operator) -> None:
    assert "2.7.x" in answer_question(operator, "Can the operator be limited to patch upgrades only?").text


def test_a_thing_said_with_based_or_backed_is_asked_of_as_the_thing(operator) -> None:
    """`operator-based` adds no word the docs must have: the question is of the operator."""
    from fingerpost.engine.answers.from_docs import _query

    assert _query(operator, "Which versions does the operator-based install support?") == \
        _query(operator, "Which versions does the operator install support?")
