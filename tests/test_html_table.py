"""The page's precomputed answers are the engine's: for every combination of answers on the default pack the
written page carries exactly what `fingerpost ask --format json --set …` prints, and every value inside an
answer range gets the same engine answer as the range's representative."""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from fingerpost.engine.reason.exact import space_for
from fingerpost.kb import compile_path
from fingerpost.kb.values import Version
from fingerpost.render.answer_classes import Span, answer_classes
from fingerpost.render.answer_table import TooManyStates, answer_table
from fingerpost.render.html import HtmlOptions, build_page
from html_pages import ask_in_process, page_data_of
from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.fixture(scope="module")
def kb():
    return compile_path()


@pytest.fixture(scope="module")
def table(kb):
    return answer_table(kb)


@pytest.fixture(scope="module")
def data(kb):
    return page_data_of(build_page(kb, HtmlOptions(diagrams=False)).html)


def test_the_table_is_the_whole_engine_tree(table):
    root = table.nodes[0]
    assert root.path == () and root.question is not None
    seen = {0}
    for n in table.nodes:
        for cls, child in n.children:
            assert table.nodes[child].path == n.path + (cls,)
            seen.add(child)
        if n.question is not None:
            assert [c for c, _ in n.children] == list(table.classes[n.question.id])
    assert seen == set(range(len(table.nodes)))  # every state is reached from the root
    assert len(table.leaves()) == sum(1 for n in table.nodes if not n.children)


def test_every_result_on_the_page_equals_ask(kb, table, data):
    results = 0
    for n in table.nodes:
        entry = data["nodes"][n.index]
        expected = ask_in_process(kb, n.settings)
        if n.question is None:
            assert entry["doc"] == expected, n.settings
            assert expected["next_question"] is None
            results += 1
        else:
            assert entry["q"] == expected["next_question"]["id"], n.settings
            assert len(entry["kids"]) == len(data["questions"][entry["q"]]["answers"])
    assert results == len(table.leaves()) > 100


def test_the_paths_cover_every_outcome_the_engine_can_give(kb, table):
    space = space_for(kb)
    reached = {(n.assessment.recommendation.option.id if n.assessment.recommendation else None) for n in table.leaves()}
    possible = {out[0] if out else None for out in space.outcomes}
    assert reached == possible


def test_default_pack_ranges_are_labelled_as_counts_and_versions(kb):
    nodes = answer_classes(kb, "nodes")
    assert [(c.key, c.label) for c in nodes] == [("0", "0"), ("1", "1"), ("2", "2"), ("3", "3 or more")]
    versions = answer_classes(kb, "rancher_version")
    assert [(c.key, c.label) for c in versions] == [("2.3", "before 2.4"), ("2.4", "2.4.x"), ("2.5", "2.5 or later")]
    grow = answer_classes(kb, "grow_to_ha")
    assert [(c.key, c.value) for c in grow] == [("yes", True), ("no", False)]


def _value_in(span: Span, draw_int: int, is_version: bool):
    if is_version:
        low = span.low.parts if span.low is not None else (0,)
        parts = (low[0], (low[1] if len(low) > 1 else 0), draw_int % 40)
        v = Version(parts)
        return v if span.contains(v) else span.low
    low = span.low if span.low is not None else 0
    n = low + (draw_int % 50 if span.high is None else 0)
    return n if span.contains(n) else low


@settings(max_examples=60, deadline=None)
@given(leaf=st.integers(min_value=0, max_value=10_000), pick=st.integers(min_value=0, max_value=10_000))
def test_any_value_inside_a_range_gets_the_same_answer(kb, table, leaf, pick):
    """Swap each range answer on a path for another value of that range: `ask` says the same."""
    n = table.leaves()[leaf % len(table.leaves())]
    base = ask_in_process(kb, n.settings)
    swapped = []
    for cls in n.path:
        if cls.spans:
            q = kb.questions[cls.question]
            value = _value_in(cls.spans[0], pick, q.kind == "version")
            swapped.append(f"{cls.question}={value}")
        else:
            swapped.append(f"{cls.question}={cls.key}")
    other = ask_in_process(kb, swapped)
    assert other["next_question"] == base["next_question"]
    assert [(c["id"], c["status"]) for c in other["candidates"]] == [(c["id"], c["status"]) for c in base["candidates"]]
    rec, rec2 = base["recommendation"], other["recommendation"]
    assert (rec and (rec["id"], rec["title"], rec["docs"])) == (rec2 and (rec2["id"], rec2["title"], rec2["docs"]))


def test_ranges_with_fractions_and_exact_versions_read_as_written(tmp_path):
    (tmp_path / "index.md").write_text('''# Ranges

```yaml fingerpost
question: load
text: How loaded?
type: number
```

```yaml fingerpost
question: release
text: Which release?
type: version
```

```yaml fingerpost
option: a
title: A
requires:
  - load >= 2.5
  - release == 3.1 or release < 2.0
```

```yaml fingerpost
option: b
title: B
requires:
  - load < 3
```
''', encoding="utf-8")
    kb = compile_path(tmp_path)
    assert [c.label for c in answer_classes(kb, "load")] == [
        "less than 2.5", "at least 2.5 and less than 3", "3 or more"]
    assert [c.label for c in answer_classes(kb, "release")] == [
        "before 2.0", "from 2.0, before 3.1 or later than 3.1", "exactly 3.1"]
    for qid in ("load", "release"):
        for c in answer_classes(kb, qid):  # the value the engine is asked with lies in the range shown
            assert any(span.contains(c.value) for span in c.spans), (qid, c)


def test_a_decision_too_big_for_a_page_says_how_to_go_on(kb):
    with pytest.raises(TooManyStates) as err:
        answer_table(kb, max_states=20)
    message = str(err.value)
    assert "more than 20 reachable answer combinations" in message and "--max-states" in message


def test_a_pack_without_questions_is_one_result(tmp_path):
    (tmp_path / "a.md").write_text("# Only\n\n```yaml fingerpost\noption: only\ntitle: The only way\n```\n",
                                   encoding="utf-8")
    kb = compile_path(tmp_path)
    table = answer_table(kb)
    assert len(table.nodes) == 1 and table.nodes[0].assessment.recommendation.option.id == "only"
    page = page_data_of(build_page(kb, HtmlOptions(diagrams=False)).html)
    assert page["nodes"][0]["doc"]["recommendation"]["title"] == "The only way"


def test_the_injection_fixture_has_a_small_table():
    table = answer_table(compile_path(FIXTURES / "html" / "injection"))
    assert 3 <= len(table.nodes) <= 20
