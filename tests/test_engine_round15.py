"""The fifteenth round: an option a question asks how to use is the one the asker leans to, while a question
weighing an option leans to nothing; what the user said for an option counts though no sampled answer reached it."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_helpers import kb_at
from fingerpost.engine.language import understand as understanding
from fingerpost.engine.reason.fit import fits_all
from fingerpost.engine.reason.likely import likeliest_leaf
from test_extract_round14 import _queues


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


def test_what_the_user_said_for_an_option_counts_though_the_sampled_answers_missed_it(tmp_path: Path) -> None:
    # Logs are ruled out by every feature they lack, so a sample of the open answers may never reach the one
    # combination where they fit; the long backlogs the user stated still make them the likeliest.
    kb = _queues(tmp_path)  # the durable queues, plain queues and logs of the fourteenth round
    ids = {o.title: o.id for o in kb.options.values()}
    facts = {"long_backlogs": True}
    fits = fits_all(kb, facts)
    assert fits[ids["Logs"]] is None  # still possible: the features it lacks are not known yet
    shares = [(ids["Plain queues"], 0.5)]
    chosen = likeliest_leaf(kb, facts, (), fits, shares, sampled=True)
    assert chosen is not None and chosen.id == ids["Logs"]
    assert likeliest_leaf(kb, facts, (), fits, shares).id == ids["Plain queues"]  # shares of every combination


@pytest.mark.parametrize(("text", "needed"), [
    ("The writes fit easily on one box, it's the reads that hurt.", False),
    ("Write volume is honestly modest.", False),
    ("Our write load has long outgrown a single server.", True),
    ("Writes will be way beyond what one machine can take.", True),
])
def test_a_kind_of_sentence_about_the_write_load_answers_whether_it_needs_more_than_one_server(
        text: str, needed: bool) -> None:
    from conftest import EXAMPLE_PACK

    facts = {f.question: f.value for f in understanding.understand(kb_at(str(EXAMPLE_PACK)), text).facts}
    assert facts.get("write_scaling") is needed
    assert "nodes" not in facts  # "one box" here is what the writes fit on, not how many servers there are


def test_a_composed_shape_says_every_way_through_its_parts() -> None:
    from fingerpost.engine.language.vocabulary import _composed

    shape = [[["writes", "write load"], ["fit"], ["on one server", "on the primary"]]]
    assert _composed(shape) == ["writes fit on one server", "writes fit on the primary",
                                "write load fit on one server", "write load fit on the primary"]


def test_no_preference_said_before_whether_is_settled(kb) -> None:
    facts = {f.question: f.value for f in understanding.understand(
        kb, "We don't really mind whether it's RKE or K3s.").facts}
    assert facts.get("distro") == "any"
    assert "purpose" not in {f.question for f in understanding.understand(
        kb, "Not sure whether it will be production.").facts}  # what follows `whether` stays open


def test_any_with_the_first_word_of_a_question_s_name_is_no_preference(kb) -> None:
    facts = {f.question: f.value for f in understanding.understand(kb, "Honestly any Kubernetes is fine by me.").facts}
    assert facts.get("distro") == "any"


@pytest.mark.parametrize("text", ["ops time: tiny", "Essentially nobody on ops.", "Our ops budget is tiny."])
def test_a_part_of_a_composed_shape_may_be_left_unsaid(text: str) -> None:
    from conftest import EXAMPLE_PACK

    facts = {f.question: f.value for f in understanding.understand(kb_at(str(EXAMPLE_PACK)), text).facts}
    assert facts.get("ops_budget") == "low"


@pytest.mark.parametrize(("text", "keep"), [
    ("I'd rather not redo the whole thing once it goes live.", True),
    ("Don't box us in: this trial should become our production server.", True),
    ("If it breaks we'll simply rebuild it.", False),
    ("Nothing we build on it will be kept, and there's no need for high availability ever.", False),
])
def test_kinds_of_sentence_about_keeping_the_install_answer_whether_it_grows(kb, text: str, keep: bool) -> None:
    facts = {f.question: f.value for f in understanding.understand(kb, text).facts}
    assert facts.get("grow_to_ha") is keep


@pytest.mark.parametrize("text", [
    "If our nodes can't reach the internet at all, where are the Rancher images supposed to come from?",
    "If I switch the distribution, are the clusters I imported still there?",
    "But what happens if somebody pushes to main after the plan ran?",
])
def test_a_supposition_asking_where_whether_something_is_kept_or_what_an_event_does_asks_the_docs(kb, text: str) -> None:
    u = understanding.understand(kb, text)
    assert u.command is None and u.question


@pytest.mark.parametrize("text", ["What happens if we go air-gapped?", "If we go air-gapped, is the Docker install still fine?"])
def test_a_supposed_change_of_setup_is_still_a_what_if(kb, text: str) -> None:
    u = understanding.understand(kb, text)
    assert u.command == "what_if" and u.args == ("internet", "airgap")


@pytest.mark.parametrize(("text", "option"), [("Is the HA install a good idea for us?", "k8s-ha"),
                                               ("Should we go with Docker?", "docker"),
                                               ("Would the single-node install be the right choice?", "k8s-single")])
def test_asking_whether_one_option_suits_explains_how_it_fits(kb, text: str, option: str) -> None:
    u = understanding.understand(kb, text)
    assert (u.command, u.args) == ("why_not", (option,))


def test_a_fit_asked_of_stated_facts_is_still_a_verdict(kb) -> None:
    assert understanding.understand(kb, "Is the Docker install OK for production use?").command is None


def test_ask_heads_an_explanation_with_the_option_it_explains() -> None:
    import subprocess

    from conftest import fingerpost_command

    out = subprocess.run([fingerpost_command(), "ask", "is the HA install a good idea for us?"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0] == "About High-availability Kubernetes install with Helm"


def test_losing_even_one_being_unacceptable_says_what_may_be_lost() -> None:
    from conftest import EXAMPLE_PACK

    facts = {f.question: f.value for f in understanding.understand(
        kb_at(str(EXAMPLE_PACK)), "It's the payments ledger: losing even one would be a disaster.").facts}
    assert facts.get("rpo") == "none"
