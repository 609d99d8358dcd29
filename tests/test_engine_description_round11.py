"""A long description is read as one: its parts, each too short to tell, together point at one option; what the
docs themselves say with a negation ("none of the nodes has a public address") is evidence, not a refusal."""

from __future__ import annotations

from pathlib import Path

import pytest
from fingerpost.engine.language import understand as understanding
from fingerpost.kb import compile_path

PAGE = """# Exposing the gateway

The gateway can be exposed in one of three ways.

## Through a node port

The gateway listens on a high port of every node. Clients reach it on any node's address and that port,
so every node needs an address the clients can reach. The port range is limited.

## Through an edge device

This way needs an edge component in front of the cluster: a hardware appliance or a software balancer,
usually run by the network team outside the cluster. It suits private clusters where none of the nodes has
a public address; only the edge device needs one.

## Through the host network

The gateway binds the host's own ports 80 and 443 directly, one gateway per node.
"""
SAID = ("The customer's cluster is bare metal and fully private, none of the nodes has a public address, and "
        "their network team runs a hardware appliance in front of everything.")


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory):
    root: Path = tmp_path_factory.mktemp("gateway")
    (root / "exposing.md").write_text(PAGE, encoding="utf-8")
    return compile_path(root)


def test_a_long_description_points_at_the_option_its_parts_together_speak_of(kb) -> None:
    edge = next(o.id for o in kb.options.values() if "edge" in o.title.lower())
    u = understanding.understand(kb, SAID)
    assert u.leanings == (edge,)
    note = next(n for n in u.notes if "as a hint for" in n)
    assert "public address" in note and "everything" not in note, "the note names the words that made the hint"


def test_courtesy_after_a_yes_or_a_no_keeps_the_answer() -> None:
    rancher = compile_path(None)
    q = next(q for q in rancher.questions.values() if q.kind == "yesno")
    for said, value in (("yes please", True), ("no thanks", False), ("no thank you", False),
                        ("yes please, it should not stay on one machine forever", True)):
        facts = {f.question: f.value for f in understanding.understand(rancher, said, pending=q.id).facts}
        assert facts.get(q.id) is value, said


def test_losing_the_internet_is_being_offline() -> None:
    rancher = compile_path(None)
    internet = next(q for q in rancher.questions.values() if any(c.value == "airgap" for c in q.choices))
    u = understanding.understand(rancher, "what if the lab lost its internet access?")
    assert u.command == "what_if" and list(u.args[-2:]) == [internet.id, "airgap"]
