"""Zero-annotation extraction measured against hand-written gold files (tests/gold/*.yaml).

The seed page is read from ../shared/seed (third-party, never copied); two pages are our own, in
other domains; the deployment-strategy page (pros and cons) is read from the corpus archive in
../shared/corpus. The targets are the ones the project set: precision and recall of at least 0.9
over every kind of item, per page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, require_external
from extraction_gold import Score, gold_page, load_gold, overall, score
from fingerpost.kb import compile_path

GOLD = sorted((REPO / "tests" / "gold").glob("*.yaml"))


@pytest.mark.parametrize("gold_path", GOLD, ids=[p.stem for p in GOLD])
def test_extraction_meets_the_target_against_gold(gold_path: Path, tmp_path: Path) -> None:
    gold = load_gold(gold_path)
    page = gold_page(gold, REPO, tmp_path)
    require_external(page, f"the page of {gold_path.name}")
    scores = score(gold, compile_path(page))
    total = overall(scores)
    misses = "\n".join(m for s in scores.values() for m in s.misses)
    assert total.precision >= 0.9, misses
    assert total.recall >= 0.9, misses
    assert scores["options"].precision == scores["options"].recall == 1.0, misses


def test_there_are_three_gold_pages_each_with_items_of_every_main_kind() -> None:
    main = {"seed", "ci-runners", "database-replication"}
    assert {p.stem for p in GOLD} >= main
    for p in (p for p in GOLD if p.stem in main):
        gold = load_gold(p)
        for kind in ("options", "questions", "constraints", "doclinks"):
            assert gold.get(kind), f"{p.name} has no {kind}"


def test_the_scorer_counts_a_wrong_condition_as_both_extra_and_missing(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_text("# Choosing a mode\n\n## Modes\n\n### Fast mode\n\nFast mode needs at least four workers.\n\n"
                    "### Safe mode\n\nSafe mode is slower.\n", encoding="utf-8")
    kb = compile_path(page)
    right = {"options": [{"id": "fast", "title": "Fast mode", "line": 5}, {"id": "safe", "title": "Safe mode", "line": 9}],
             "questions": [{"id": "workers", "kind": "number", "unit": "workers"}],
             "constraints": [{"option": "fast", "requires": "workers >= 4", "lines": [7]}]}
    wrong = {**right, "constraints": [{"option": "fast", "requires": "workers >= 5", "lines": [7]}]}
    assert score(right, kb)["constraints"].as_json() == Score(1, 0, 0).as_json()
    assert score(wrong, kb)["constraints"].as_json() == Score(0, 1, 1).as_json()
    elsewhere = {**right, "constraints": [{"option": "fast", "requires": "workers >= 4", "lines": [11]}]}
    assert score(elsewhere, kb)["constraints"].tp == 0, "a fact cited from the wrong sentence does not count"


def test_a_choice_in_a_lead_sentence_and_bullets_wins_over_the_settings_page_it_links() -> None:
    from extraction_pages import score_tree

    gold = load_gold(REPO / "tests" / "gold" / "pages" / "cache-tree.yaml")
    kb = compile_path(REPO / str(gold["root"]))
    scores = score_tree(gold, kb)
    assert scores["decision_page"] == ["layout.md"]
    assert scores["options"].precision == scores["options"].recall == 1.0, scores["options"].misses
