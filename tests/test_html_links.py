"""What the page ships so that a link written by hand (`#fp:nodes=7&internet=air-gapped`) lands where `ask` would:
each range's bounds exactly as render.answer_classes computed them, each choice's synonyms; and the page script
without its comments and indentation (the weight that leaves room for it). The browser side is in
test_html_links_browser.py."""

from __future__ import annotations

import pytest
from conftest import REPO
from fingerpost.kb import compile_path
from fingerpost.kb.values import Version
from fingerpost.render.answer_classes import Span
from fingerpost.render.answer_table import answer_table
from fingerpost.render.html import HtmlOptions, build_page, compact_script
from fingerpost.render.html_data import range_text
from html_pages import RANGES_PACK, generated_pack, page_data_of, read_ranges
from hypothesis import given
from hypothesis import strategies as st


@pytest.fixture(scope="module", params=["default", "generated", "ranges"])
def pack(request, tmp_path_factory):
    if request.param == "default":
        return compile_path()
    if request.param == "generated":
        return compile_path(generated_pack(tmp_path_factory.mktemp("generated")))
    return compile_path(RANGES_PACK)


def test_every_range_ships_the_bounds_answer_classes_computed(pack):
    table = answer_table(pack)
    data = page_data_of(build_page(pack, HtmlOptions(diagrams=False)).html)
    ranged = 0
    for qid, classes in table.classes.items():
        q = pack.questions[qid]
        shipped = data["questions"][qid]["answers"]
        assert [a["key"] for a in shipped] == [c.key for c in classes]
        for a, c in zip(shipped, classes, strict=True):
            if q.kind in ("number", "version"):
                assert read_ranges(a["in"], q.kind) == list(c.spans), (qid, c.key)
                ranged += len(classes) > 1
            else:
                assert "in" not in a
                words = next((ch.synonyms for ch in q.choices if ch.value == c.key), ())
                assert a.get("also", []) == list(words), (qid, c.key)
    kinds = {q.kind for qid, q in pack.questions.items() if qid in table.classes and len(table.classes[qid]) > 1}
    assert {"number", "version"} <= kinds and ranged >= 4


def test_the_generated_pack_has_several_number_and_version_questions(tmp_path):
    kb = compile_path(generated_pack(tmp_path))
    table = answer_table(kb)
    kinds = [kb.questions[qid].kind for qid, classes in table.classes.items() if len(classes) > 1]
    assert kinds.count("number") >= 2 and kinds.count("version") >= 2


def test_the_ranges_pack_has_fractional_ends_and_an_exact_version():
    table = answer_table(compile_path(RANGES_PACK))
    load = [s for c in table.classes["load"] for s in c.spans]
    assert any(isinstance(s.high, float) and s.high_closed for s in load)  # at most 0.5
    assert any(isinstance(s.low, float) and not s.low_closed for s in load)  # more than 0.5
    release = [s for c in table.classes["release"] for s in c.spans]
    assert Span(Version((3, 1)), True, Version((3, 1)), True) in release  # exactly 3.1


@given(low=st.floats(min_value=0, max_value=1e12, allow_nan=False), width=st.floats(min_value=1e-9, max_value=1e6),
       closed=st.tuples(st.booleans(), st.booleans()))
def test_number_bounds_read_back_exactly(low, width, closed):
    span = Span(low, closed[0], low + width, closed[1])
    assert read_ranges(range_text([span]), "number") == [span]


@given(parts=st.lists(st.lists(st.integers(0, 10_000), min_size=1, max_size=4), min_size=1, max_size=3))
def test_version_bounds_read_back_exactly(parts):
    spans = [Span(Version(tuple(p)), True, None, False) for p in parts] + [Span(None, False, Version(tuple(parts[0])), True)]
    assert read_ranges(range_text(spans), "version") == spans


def test_the_script_ships_without_comments_or_indentation():
    source = (REPO / "render" / "templates" / "fingerpost.js").read_text(encoding="utf-8")
    shipped = compact_script(source).splitlines()
    assert len("\n".join(shipped)) < 0.9 * len(source)
    stripped = iter(line.strip() for line in source.splitlines())
    assert all(line in stripped for line in shipped)  # source lines, in order, none changed
    assert all(line and not line.startswith(("/*", "//")) for line in shipped)
    text = "\n".join(shipped)
    assert "Returns the states walked" not in text and "function answerFor(q, text) {" in text
    assert sum(line.count("{") - line.count("}") for line in shipped) == 0
    page = build_page(compile_path(), HtmlOptions(diagrams=False)).html
    assert "<script>" + text + "\n</script>" in page


def test_a_comment_followed_by_code_on_its_line_is_refused():
    assert compact_script("  /* a\n   b */\n  var x = 1; // kept\n\n// gone\n") == "var x = 1; // kept\n"
    with pytest.raises(AssertionError, match="code after a comment"):
        compact_script("/* note */ var x = 1;\n")
