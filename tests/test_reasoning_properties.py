"""Invariants of the best fit under partial facts, the nearest fits and the answers offered (hypothesis).

- The provisional best fit is an option that is recommended in at least one completion of the facts
  (every open question answered, consistently with what answers imply).
- Every nearest fit, once its answers are applied, makes that option fit (not ruled out).
- No offered answer leads to no option without saying so: an answer after which every option is
  ruled out comes with the rule that excludes it.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from engine_helpers import BACKUP_PACK, kb_at
from fingerpost.engine.facts import Fact, known
from fingerpost.engine.reason.assess import assess
from fingerpost.engine.reason.exact import space_for
from fingerpost.engine.reason.fit import fits_all
from fingerpost.engine.reason.offer import answers_offered, leads_somewhere
from fingerpost.kb import expr as ex
from fingerpost.kb.values import Excluded
from hypothesis import given
from test_engine_properties import SETTINGS, _consistent, generated, situations

PACKS = {
    "rancher": lambda: kb_at(None),
    "backup": lambda: kb_at(str(BACKUP_PACK)),
    "generated-small": lambda: generated(8, 5, 1),
}

MAX_COMPLETIONS = 4000
"""Completions tried before giving up (the packs here have far fewer)."""


def _completions(kb: Any, facts: dict[str, Any]):  # noqa: ANN202
    """Every way to answer the open questions (one value per answer class), as closed facts."""
    space = space_for(kb)
    open_qs = [q for q in space.questions if q not in facts or isinstance(facts[q], Excluded)]
    values = [[v for v in space.classes[q] if not isinstance(facts.get(q), Excluded) or v in facts[q].left]
              for q in open_qs]
    given_ = {q: v for q, v in facts.items() if not isinstance(v, Excluded)}
    for combo in itertools.islice(itertools.product(*values), MAX_COMPLETIONS):
        full = {**given_, **dict(zip(open_qs, combo, strict=True))}
        for qid in open_qs:  # a question never asked for these answers stays unknown
            cond = kb.questions[qid].ask_when
            if cond is not None and ex.evaluate(cond, full) is False:
                full.pop(qid)
        closed = known(kb.questions, [Fact(q, v, "set") for q, v in full.items()])
        if all(closed.get(q) == v for q, v in full.items()):  # implications agree with the choice
            yield closed


@pytest.mark.parametrize("pack", sorted(PACKS))
def test_the_best_fit_is_recommended_in_some_completion_of_the_facts(pack: str) -> None:
    kb = PACKS[pack]()

    @SETTINGS
    @given(situations(kb))
    def check(case) -> None:  # noqa: ANN001
        facts, priorities = case
        if not _consistent(kb, facts):
            return
        a = assess(kb, facts, priorities)
        if a.recommendation is None or a.decided:
            return
        best = a.recommendation.option.id
        closed = dict(a.facts)
        assert any(assess(kb, full, priorities).recommendation is not None
                   and assess(kb, full, priorities).recommendation.option.id == best
                   for full in _completions(kb, closed)), (facts, best)

    check()


@pytest.mark.parametrize("pack", sorted(PACKS))
def test_every_nearest_fit_once_applied_makes_its_option_fit(pack: str) -> None:
    kb = PACKS[pack]()

    @SETTINGS
    @given(situations(kb))
    def check(case) -> None:  # noqa: ANN001
        facts, priorities = case
        a = assess(kb, facts, priorities)
        if a.recommendation is not None:
            assert not a.nearest
            return
        for n in a.nearest:
            changed = {**{q: v for q, v in facts.items() if q not in n.change}, **dict(n.to)}
            closed = known(kb.questions, [Fact(q, v, "set") for q, v in changed.items()])
            assert fits_all(kb, closed)[n.option] is not False, (facts, n)
            assert n.change and n.blocked_by, "each names what to change and the rule that blocks it"

    check()


def test_a_known_conflict_gets_the_nearest_fits_with_their_rules() -> None:
    kb = kb_at(None)
    a = assess(kb, {"purpose": "production", "distro": "k3s", "rancher_version": "2.3"})
    assert a.recommendation is None
    nearest = {n.option: n.change for n in a.nearest}
    assert nearest["k8s-ha-k3s"] == ("rancher_version",) and nearest["k8s-ha-rke"] == ("distro",)
    assert nearest["docker"] == ("purpose",), "the implied answer changes with the one that implies it"
    k3s = next(n for n in a.nearest if n.option == "k8s-ha-k3s")
    assert k3s.blocked_by[0].source.line == 233 and "2.4" in k3s.blocked_by[0].text


def test_a_wish_that_conflicts_with_the_facts_is_set_aside_not_a_dead_end() -> None:
    kb = kb_at(None)
    a = assess(kb, {"purpose": "production", "rancher_version": "2.3", "nodes": 2}, wishes={"distro": "k3s"})
    assert a.recommendation is not None and a.set_aside == (("distro", "k3s"),)
    assert a.recommendation.option.id == "k8s-single-rke"
    kept = assess(kb, {"purpose": "production", "rancher_version": "2.4", "nodes": 2}, wishes={"distro": "k3s"})
    assert kept.recommendation.option.id == "k8s-ha-k3s" and kept.set_aside == ()


@pytest.mark.parametrize("pack", sorted(PACKS))
def test_no_offered_answer_leads_to_no_option_without_saying_so(pack: str) -> None:
    kb = PACKS[pack]()

    @SETTINGS
    @given(situations(kb))
    def check(case) -> None:  # noqa: ANN001
        facts, priorities = case
        a = assess(kb, facts, priorities)
        q = a.next_question
        if q is None or q.kind not in ("choice", "yesno") or not leads_somewhere(kb, a.facts):
            return
        for choice, rule in answers_offered(kb, a.facts, q):
            value = choice.value if q.kind == "choice" else choice.value == "yes"
            after = known(kb.questions, [*(Fact(k, v, "set") for k, v in a.facts.items() if k != q.id),
                                         Fact(q.id, value, "set")])
            if not leads_somewhere(kb, after):
                assert rule is not None and rule.holds is False and rule.text, (facts, choice.value)
            else:
                assert rule is None

    check()
