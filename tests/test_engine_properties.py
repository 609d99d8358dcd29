"""Invariants of the reasoning, checked with hypothesis on the Rancher pack, the backup pack and generated packs.

"The recommendation is always feasible", made precise (docs/engine.md):
- it is never ruled out (fits is not False), and it is None only when every option is ruled out;
- once the engine says `decided`, the recommendation fits (fits is True): every constraint on it holds —
  except a constraint that reads a question which is never asked for these answers (its `ask_when`
  is false), which stays unknown.
Answering the suggested question never grows the set of options still possible, nor the set of
options whose fit is still unknown. The same input gives the same output. Every reason cites a
line that exists in the content.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path

import pytest
from engine_helpers import BACKUP_PACK, cites_content, kb_at
from fingerpost.engine.answers.explain import checklist, why, why_not
from fingerpost.engine.reason.assess import assess
from fingerpost.engine.reason.compiled import evaluate as compiled_evaluate
from fingerpost.engine.reason.exact import space_for
from fingerpost.kb import compile_path
from fingerpost.kb import expr as ex
from fingerpost.kb.values import Version
from fingerpost.render.ask_json import to_json
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from packs import write_pack  # noqa: E402

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@cache
def generated(options: int, questions: int, seed: int):  # noqa: ANN201
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="fingerpost-pack-"))
    return compile_path(write_pack(root, options=options, questions=questions, seed=seed))


PACKS = {
    "rancher": lambda: kb_at(None),
    "backup": lambda: kb_at(str(BACKUP_PACK)),
    "generated-small": lambda: generated(8, 5, 1),
    "generated-wide": lambda: generated(60, 12, 7),
}


def _value(q, draw):  # noqa: ANN001, ANN202
    if q.kind == "choice":
        return draw(st.sampled_from([c.value for c in q.choices]))
    if q.kind == "yesno":
        return draw(st.booleans())
    if q.kind == "number":
        return draw(st.integers(min_value=0, max_value=12))
    parts = draw(st.lists(st.integers(min_value=0, max_value=6), min_size=1, max_size=3))
    return Version(tuple([2, *parts][:3]))


@st.composite
def situations(draw, kb):  # noqa: ANN001, ANN201
    """Some questions answered (class representatives or arbitrary values), the rest unknown."""
    space = space_for(kb)
    raw = {}
    for qid in sorted(kb.questions):
        if not draw(st.booleans()):
            continue
        q = kb.questions[qid]
        if qid in space.classes and draw(st.booleans()):
            raw[qid] = draw(st.sampled_from(space.classes[qid]))
        else:
            raw[qid] = _value(q, draw)
    priorities = tuple(kb.decision.priorities) if kb.decision else ()
    chosen = draw(st.lists(st.sampled_from(priorities), unique=True, max_size=2)) if priorities else []
    return raw, tuple(chosen)


def _consistent(kb, facts) -> bool:  # noqa: ANN001
    """The facts do not contradict what answers imply (contradictory input has its own test)."""
    from fingerpost.engine.facts import parse_answer

    for qid, value in facts.items():
        q = kb.questions[qid]
        key = value if q.kind == "choice" else ("yes" if value else "no") if q.kind == "yesno" else None
        for ch in q.choices:
            if ch.value == key:
                for other, raw in ch.implies:
                    if other in facts and parse_answer(kb.questions[other], raw) != facts[other]:
                        return False
    return True


@pytest.mark.parametrize("pack", sorted(PACKS))
def test_recommendation_is_never_ruled_out_and_fits_once_decided(pack: str) -> None:
    kb = PACKS[pack]()

    @SETTINGS
    @given(situations(kb))
    def check(case) -> None:  # noqa: ANN001
        facts, priorities = case
        a = assess(kb, facts, priorities)
        if a.recommendation is None:
            assert all(c.fits is False for c in a.candidates if not c.option.parent)
            return
        rec = a.recommendation
        assert rec.fits is not False and rec.status == "recommended"
        assert not kb.variants(rec.option.id), "the recommendation is a leaf"
        if a.decided and _consistent(kb, facts) and rec.fits is not True:
            # only a question that is never asked for these answers (its ask_when is false) may stay unknown
            pending = {n for r in rec.reasons if r.holds is None
                       for c in kb.constraints_for(rec.option.id) if c.source == r.source for n in ex.names(c.expr)}
            unasked = {n for n in pending if n not in a.facts and kb.questions[n].ask_when is not None
                       and ex.evaluate(kb.questions[n].ask_when, a.facts) is False}
            assert pending and pending <= unasked | set(a.facts), (facts, pending)
        assert (a.next_question is None) == a.decided

    check()


@pytest.mark.parametrize("pack", sorted(PACKS))
def test_answering_the_suggested_question_never_grows_what_is_possible(pack: str) -> None:
    kb = PACKS[pack]()
    space = space_for(kb)

    @SETTINGS
    @given(situations(kb), st.data())
    def check(case, data) -> None:  # noqa: ANN001
        facts, priorities = case
        a = assess(kb, facts, priorities)
        q = a.next_question
        if q is None:
            return
        assert q.id not in a.facts, "never ask what is known or implied"
        value = data.draw(st.sampled_from(space.classes[q.id]) if q.id in space.classes else st.nothing())
        b = assess(kb, {**a.facts, q.id: value}, priorities)
        possible = {c.option.id for c in a.candidates if c.fits is not False}
        unknown = {c.option.id for c in a.candidates if c.fits is None}
        assert {c.option.id for c in b.candidates if c.fits is not False} <= possible
        assert {c.option.id for c in b.candidates if c.fits is None} <= unknown

    check()


@pytest.mark.parametrize("pack", sorted(PACKS))
def test_same_input_same_output_and_every_source_exists(pack: str) -> None:
    kb = PACKS[pack]()
    fresh = compile_path(kb.root)

    @SETTINGS
    @given(situations(kb))
    def check(case) -> None:  # noqa: ANN001
        facts, priorities = case
        a, b = assess(kb, facts, priorities), assess(fresh, dict(reversed(list(facts.items()))), priorities)
        dump = json.dumps(to_json(kb, a), sort_keys=True, default=str)
        assert dump == json.dumps(to_json(fresh, b), sort_keys=True, default=str)
        for c in a.candidates:
            for r in c.reasons:
                assert cites_content(kb, r.source), r
        statements = why(kb, a) + checklist(kb, a)
        for c in a.candidates[:6]:
            statements += why_not(kb, a, c.option.id)
        for s in statements:
            assert cites_content(kb, s.source), s

    check()


@SETTINGS
@given(st.data())
def test_compiled_expressions_agree_with_the_reference_evaluator(data) -> None:  # noqa: ANN001
    kb = generated(60, 12, 7)
    exprs = [c.expr for c in kb.constraints] + [r.when for r in kb.recommendations if r.when is not None]
    e = data.draw(st.sampled_from(exprs))
    facts = {}
    for name in sorted(ex.names(e)):
        q = kb.questions[name]
        choice = data.draw(st.integers(min_value=0, max_value=3))
        if choice == 0:
            continue
        facts[name] = _value(q, data.draw) if choice < 3 else data.draw(st.sampled_from(["x", 1.5, True]))
    assert compiled_evaluate(e, facts) == ex.evaluate(e, facts)


def test_contradictory_answers_still_give_a_recommendation_that_is_not_ruled_out() -> None:
    kb = kb_at(None)
    a = assess(kb, {"purpose": "production", "grow_to_ha": False, "nodes": 1, "distro": "k3s"})
    assert a.recommendation is None or a.recommendation.fits is not False
    assert not a.decided, "the version still decides whether K3s can host Rancher"
