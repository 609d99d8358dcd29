"""Questions no one sentence covers, answered by the section whose sentences together say nearly all of them."""

from __future__ import annotations

import pytest
from engine_helpers import page_kb
from fingerpost.engine.answers.from_docs import answer_question

BINDINGS = """# Network bindings

A machine's interface is connected to the network in one of three ways.

## Bridge binding

The bridge binding connects the interface straight to the node's bridge. It keeps the address of the pod.

## Relay binding

The relay binding runs a small user-space program next to each guest.

### What it supports

| Feature | Support |
|---|---|
| Live migration | Yes |
| Needs extra capabilities | No |

> **Note**: Using `relayMode` adds `300Mi` of memory to the resource requirements.

On first boot the relay's own DHCP server hands the guest its address.

## Masquerade binding

The masquerade binding hides the machine behind the pod's address with NAT rules.
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory):
    return page_kb(tmp_path_factory.mktemp("bindings"), "bindings.md", BINDINGS)


def test_a_question_spread_over_a_section_s_sentences_is_answered_by_that_section(kb) -> None:
    a = answer_question(kb, "How much extra memory does the relay binding add to a guest?")
    assert a.found, a.text
    assert "300Mi" in a.text and all(s.source.section == "What it supports" for s in a.statements), a.text


def test_a_section_that_does_not_say_what_is_counted_does_not_answer(kb) -> None:
    a = answer_question(kb, "How many users can the relay binding serve at once?")
    assert not a.found, a.text


def test_words_no_section_says_together_are_not_answered(kb) -> None:
    assert not answer_question(kb, "How much memory does the bridge binding need for encryption keys?").found


WAYS = """# Configuring the proxy

## Where settings come from

There are three different, mutually exclusive ways to give the proxy its settings:

- In a settings file
- In the command-line flags
- As environment variables

They are read in the order listed above.
"""


def test_a_list_item_is_quoted_with_the_sentence_that_introduces_its_list(tmp_path) -> None:
    kb = page_kb(tmp_path, "proxy.md", WAYS)
    a = answer_question(kb, "Why are my environment variables ignored when I also pass command-line flags?")
    assert a.found, a.text
    assert "mutually exclusive" in a.text and a.text.index("mutually exclusive") < a.text.index("In the command-line"), \
        a.text


def test_a_yes_no_verdict_says_what_was_said_in_words_not_a_bare_yes(tmp_path) -> None:
    from test_extract_round13 import TUNNELS

    kb = page_kb(tmp_path, "tunnels.md", TUNNELS)
    a = answer_question(kb, "Is the wide tunnel supposed to work on Cloudia?")
    assert a.text.startswith("Yes: Wide tunnel fits what you said (on Cloudia)"), a.text
