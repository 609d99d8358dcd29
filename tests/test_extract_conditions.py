"""Conditions from prose: `use X if …`, `X is easy, but for production we recommend Y`, `in either
case …` — read by sentence shape into questions a situation in plain words can answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from fingerpost.engine.turn import take_turn
from fingerpost.kb import compile_path
from fingerpost.kb.extract import patterns as pt
from fingerpost.kb.extract.conditions import clauses, condition


@pytest.mark.parametrize("text, expected", [
    ("Use the portable bundle if the machine has no connection to the Internet.",
     (True, "", "internet", False)),
    ("If you need to tune the settings, pick the chart instead.", (False, "", "settings", False)),
    ("Choose the lite mode unless you have a spare database.", (True, "", "database", False)),
    ("It can be handy if you want a short-lived sandbox for tests.", (False, "testing", None, True)),
])
def test_a_condition_to_pick_an_alternative(text: str, expected: tuple) -> None:
    c = condition(text)
    assert c is not None
    negated, purpose, qid, judged = expected
    assert (c.negated, c.purpose, c.judged) == (negated, purpose, judged)
    if qid is not None:
        assert c.id == qid


@pytest.mark.parametrize("text", [
    "When the upgrade finishes, you will use the new port.",      # narration of a procedure
    "Certain use cases fit the pool better than others.",         # `use` as a noun
    "It is handy for trying things out.",                         # a judgement without `if`: a pro
    "Restart the agent if it fails.",                             # not a choice between alternatives
])
def test_no_condition(text: str) -> None:
    assert condition(text) is None


def test_clauses_and_either_way() -> None:
    assert clauses("The lite mode is quick, but for production we recommend the cluster mode.") == [
        "The lite mode is quick", "for production we recommend the cluster mode."]
    assert clauses("It is quick but small.") == ["It is quick but small."]
    assert pt.either_way("In either case, we recommend the command-line tool.")
    assert not pt.either_way("In production, we recommend it.")


PAGE = """# Getting the gateway

The gateway ships in two packages. Download either the portable bundle or the slim bundle.

- **Slim bundle:** The slim bundle fetches its images while it installs, so it is small.
- **Portable bundle:** Use the portable bundle if the machine has no connection to the Internet.
  It carries every image, so it is large.

The slim bundle is quick to try, but for production we recommend the portable bundle.

In either case, we recommend keeping the checksum file next to the bundle.
"""


def test_conditions_become_questions_that_situations_answer(tmp_path: Path) -> None:
    (tmp_path / "get.md").write_text(PAGE, encoding="utf-8")
    kb = compile_path(tmp_path)
    ids = {o.title: o.id for o in kb.options.values()}
    slim, portable = ids["Slim bundle"], ids["Portable bundle"]
    recs = {(r.option, r.text, r.source.line) for r in kb.recommendations}
    assert (portable, "not internet", 6) in recs
    assert (portable, 'purpose == "production"', 9) in recs
    assert not [r for r in kb.recommendations if r.source.line == 11], "`in either case` picks no alternative"
    assert kb.questions["internet"].kind == "yesno"
    assert all(r.source.quote and r.source.confidence < 1 for r in kb.recommendations)

    def pick(text: str) -> str:
        rec = take_turn(kb, text).assessment.recommendation
        assert rec is not None
        return rec.option.id

    assert pick("a locked-down machine with no internet access") == portable
    assert pick("a production site") == portable
    # Nothing said: the best fit so far is the option recommended in most answer combinations still
    # possible (no internet, or production: three of four), and it is provisional.
    first = take_turn(kb, "what do you recommend?").assessment
    assert first.recommendation is not None and first.recommendation.option.id == portable
    assert not first.decided
    assert pick("a test lab with internet access") == slim


@pytest.mark.parametrize("text, expected", [
    ("A small pool serves fewer than 40 users and fewer than 1,200 of jobs per day.",
     [("<", 40, "users"), ("<", 1200, "jobs per day")]),
    ("A huge pool serves more than 5,000 users.", [(">", 5000, "users")]),
    ("The file store cannot be used with multiple workers.", [("!>=", 2, "workers")]),
    ("Pools with fewer than three members do not tolerate a failure.", []),   # judges, states no tier
    ("If there are less than 100 queues, pick the first node.", []),          # a condition inside `if`
    ("It no longer takes more than 5 seconds.", []),
])
def test_counts_that_bound_a_tier(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert [(c.op, c.n, c.unit) for c in pt.compared(text)] == expected


TIERS = """# Choosing a pool size

Pick the pool size that matches your load.

### Small pool

A small pool serves fewer than 40 users and fewer than 1,200 jobs per day.

### Medium pool

A medium pool serves fewer than 400 users and fewer than 20,000 jobs per day.

### Huge pool

A huge pool serves more than 400 users or more than 20,000 jobs per day.
For huge pools, fast disks are recommended.
"""


def test_tiers_bounded_by_counts_answer_sizes_in_plain_words(tmp_path: Path) -> None:
    (tmp_path / "sizing.md").write_text(TIERS, encoding="utf-8")
    kb = compile_path(tmp_path)
    got = {(c.option, c.kind, c.text) for c in kb.constraints}
    assert ("small", "requires", "users < 40") in got
    assert ("medium", "requires", "jobs_per_day < 20000") in got
    assert ("huge", "requires", "users > 400 or jobs_per_day > 20000") in got
    assert not kb.recommendations, "advice for readers of an option (`For huge pools, …`) does not pick it"

    def pick(text: str) -> str:
        rec = take_turn(kb, text).assessment.recommendation
        assert rec is not None
        return rec.option.id

    assert pick("about 300 users and 9,000 jobs per day") == "medium"
    assert pick("more than 30,000 jobs per day") == "huge"
    assert pick("fewer than 20 users") == "small"


def test_a_number_with_thousands_separators_is_one_number() -> None:
    from fingerpost.engine.language.lexicon import tokenize
    from fingerpost.engine.language.statements import number_at

    toks = tokenize("about 12,500 jobs, 3 users")
    assert number_at(toks, 1) == (12500, 2)
    assert [t.word for t in toks][:3] == ["about", "12,500", "jobs"]


DEPRECATED = """# Choosing a storage driver

### Block driver

The block driver writes to raw volumes.

### Object driver

The object driver writes to buckets. As of Tidewater v3.0, the block driver is deprecated in favour
of the object driver.
"""


def test_a_deprecation_rules_out_from_its_release_and_recommends_the_replacement(tmp_path: Path) -> None:
    (tmp_path / "drivers.md").write_text(DEPRECATED, encoding="utf-8")
    kb = compile_path(tmp_path)
    ids = {o.title: o.id for o in kb.options.values()}
    block, obj = ids["Block driver"], ids["Object driver"]
    assert (block, "excludes", "tidewater_version >= 3.0") in {(c.option, c.kind, c.text) for c in kb.constraints}
    assert (obj, "tidewater_version >= 3.0") in {(r.option, r.text) for r in kb.recommendations}
    assert pt.deprecation("It is fast.") is None


def test_a_connective_before_a_fronted_condition_and_the_only_method_left() -> None:
    from fingerpost.kb.extract.conditions import condition

    c = condition("However, if the Kubernetes cluster is not hosted on AWS, it may be the only method available.")
    assert c is not None and c.negated and c.id == "aws"  # named by where it is hosted, not by `hosted`


def test_a_hedge_is_no_condition_and_either_is_no_requirement() -> None:
    from fingerpost.kb.extract import patterns as pt
    from fingerpost.kb.extract.conditions import condition

    assert condition("We recommend hybrid mode, unless you've been otherwise advised by a member of the team.") is None
    assert pt.requirement("This requires either copying the directory or using a file.") is None
