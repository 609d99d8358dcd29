"""kb.expr: parse, three-valued evaluation, the printer and satisfiable()."""

from __future__ import annotations

import pytest
from fingerpost.kb.errors import ExpressionError
from fingerpost.kb.expr import (
    And,
    Compare,
    Name,
    Not,
    Or,
    evaluate,
    literals,
    names,
    operands,
    parse,
    probe_spans,
    probe_values,
    satisfiable,
    to_text,
)
from fingerpost.kb.values import Version
from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("ha", Name("ha")),
        ("nodes >= 3", Compare("nodes", ">=", ("3",))),
        ('distro == "k3s"', Compare("distro", "==", ("k3s",))),
        ("distro = k3s", Compare("distro", "==", ("k3s",))),
        ("internet in [proxy, 'air gap']", Compare("internet", "in", ("proxy", "air gap"))),
        ("a and b or c", Or((And((Name("a"), Name("b"))), Name("c")))),
        ("a and (b or c)", And((Name("a"), Or((Name("b"), Name("c")))))),
        ("not a and b", And((Not(Name("a")), Name("b")))),
        ("!a && b || c", Or((And((Not(Name("a")), Name("b"))), Name("c")))),
        ("a AND NOT b", And((Name("a"), Not(Name("b"))))),
        ("version < v2.4.5", Compare("version", "<", ("v2.4.5",))),
    ],
)
def test_parse_builds_the_tree(text: str, tree: object) -> None:
    assert parse(text) == tree


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty expression"),
        ("nodes >=", "expected more"),
        ("nodes >= 3 4", "unexpected '4'"),
        ("(a or b", "expected ')'"),
        ("3 >= nodes", "expected an answer name"),
        ("a in [b,", "expected more"),
        ("a == and", "expected a value"),
        ("a @ b", "in expression 'a @ b'"),
    ],
)
def test_parse_errors_say_what_is_wrong(text: str, words: str) -> None:
    with pytest.raises(ExpressionError) as info:
        parse(text)
    assert words in info.value.message


FACTS = {"nodes": 3.0, "ha": True, "airgap": False, "distro": "k3s", "version": Version.parse("2.4.5")}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("nodes >= 3", True),
        ("nodes > 3", False),
        ("nodes == 3", True),
        ("nodes != 3.0", False),
        ("ha", True),
        ("airgap", False),
        ("not airgap", True),
        ("distro == k3s", True),
        ("distro in [rke, k3s]", True),
        ("distro in [rke, rke2]", False),
        ("version >= 2.4", True),  # compared as versions, not as text or floats
        ("version < 2.10", True),
        ("version == v2.4.5", True),
        ("nodes >= many", False),  # a literal that cannot be a number never matches…
        ("nodes != many", True),  # …so it is always different
        ("missing", None),
        ("missing == x", None),
        ("not missing", None),
        ("ha and missing", None),
        ("airgap and missing", False),  # false and unknown is false
        ("ha or missing", True),  # true or unknown is true
        ("airgap or missing", None),
    ],
)
def test_evaluate_is_three_valued(text: str, value: bool | None) -> None:
    assert evaluate(parse(text), FACTS) is value


def test_empty_and_is_true_and_empty_or_is_false() -> None:
    assert evaluate(And(()), {}) is True
    assert evaluate(Or(()), {}) is False


@pytest.mark.parametrize(
    "text",
    [
        "nodes >= 3 and not airgap",
        "a or b and c",
        "(a or b) and c",
        "not (a and b)",
        "not not a",
        'distro in [k3s, "air gap", "and", 2.4]',
        'name == "x y"',
        "version < v2.4",
    ],
)
def test_printer_round_trips(text: str) -> None:
    e = parse(text)
    assert parse(to_text(e)) == e


def test_printer_takes_a_leaf_callback_and_words() -> None:
    e = parse("a == 1 and not (b or c)")
    shown = to_text(e, leaf=lambda leaf: f"<{leaf.name}>", words=("∧", "∨", "¬"))
    assert shown == "<a> ∧ ¬ (<b> ∨ <c>)"


def test_names_literals_and_operands() -> None:
    e = parse("a == 1 and (b in [x, y] or c)")
    assert names(e) == {"a", "b", "c"}
    assert literals(e) == {"a": {"1"}, "b": {"x", "y"}, "c": set()}
    kind, parts = operands(e)
    assert kind == "and" and len(parts) == 2
    assert operands(Name("a")) == ("leaf", (Name("a"),))


KINDS = {"nodes": "number", "v": "version", "net": "choice", "ha": "yesno"}
CHOICES = {"net": ["direct", "proxy", "airgap"]}


@pytest.mark.parametrize(
    "text",
    ["nodes >= 3 and nodes < 4", "v >= 2.4 and v < 2.5", "net != direct and net != proxy", "ha and nodes > 1"],
)
def test_satisfiable_finds_answers_that_make_it_true(text: str) -> None:
    found = satisfiable(parse(text), KINDS, CHOICES)
    assert isinstance(found, dict)
    assert evaluate(parse(text), found) is True


@pytest.mark.parametrize(
    "text",
    [
        "nodes >= 3 and nodes < 2",
        "v >= 2.5 and v < 2.4.9",
        "ha and not ha",
        "not net in [direct, proxy, airgap]",  # every declared answer is ruled out
    ],
)
def test_satisfiable_returns_none_when_nothing_fits(text: str) -> None:
    assert satisfiable(parse(text), KINDS, CHOICES) is None


def test_satisfiable_finds_an_answer_between_two_close_literals() -> None:
    """Fixed by the one value prober: probing half a unit around each literal missed (2.5, 2.7)."""
    found = satisfiable(parse("load > 2.5 and load < 2.7"), {"load": "number"}, {})
    assert isinstance(found, dict) and 2.5 < found["load"] < 2.7


def test_the_prober_reads_numbers_as_counts_when_every_literal_is_whole() -> None:
    assert probe_values({"2", "3"}, "number") == [0, 2, 3, 4]
    assert probe_values({"2.5"}, "number") == [0, 2.5, 3.5]
    assert probe_values({"2.4"}, "version") == [Version((2, 3)), Version((2, 4)), Version((2, 4, 1))]
    assert probe_values(set(), "number") == [0] and probe_values({"x"}, "version") == [Version((1,))]
    assert probe_values({"b", "a"}, "choice") == ["a", "b", "\x00other"]
    assert probe_values({"zz"}, "choice", ["x", "y"]) == ["x", "y", "zz"]


def test_satisfiable_gives_up_with_true_when_the_search_is_too_big() -> None:
    many = " and ".join(f"q{i} in [a, b, c]" for i in range(12))
    assert satisfiable(parse(many), {}, {}, limit=1000) is True


# ---- properties ---------------------------------------------------------------------------

_KEYWORDS = {"and", "or", "not", "in"}
identifiers = st.from_regex(r"[a-z_][a-z0-9_\-]{0,6}", fullmatch=True).filter(lambda s: s.lower() not in _KEYWORDS)
literal_values = st.one_of(
    identifiers,
    st.from_regex(r"v?[0-9]{1,2}(\.[0-9]{1,2}){0,2}", fullmatch=True),
    st.text(alphabet="ab c-'.", min_size=0, max_size=5),
    st.sampled_from(["and", "not", "Or", "x y"]),
)
leaves = st.one_of(
    st.builds(Name, identifiers),
    st.builds(lambda n, op, v: Compare(n, op, (v,)), identifiers, st.sampled_from(["==", "!=", "<", "<=", ">", ">="]),
              literal_values),
    st.builds(lambda n, vs: Compare(n, "in", tuple(vs)), identifiers, st.lists(literal_values, min_size=1, max_size=3)),
)


def _trees(with_not: bool) -> st.SearchStrategy:
    def extend(children: st.SearchStrategy) -> st.SearchStrategy:
        options = [
            st.builds(lambda xs: And(tuple(xs)), st.lists(children, min_size=2, max_size=3)),
            st.builds(lambda xs: Or(tuple(xs)), st.lists(children, min_size=2, max_size=3)),
        ]
        if with_not:
            options.append(st.builds(Not, children))
        return st.one_of(*options)

    return st.recursive(leaves, extend, max_leaves=8)


@settings(max_examples=300, deadline=None)
@given(_trees(with_not=True))
def test_property_printing_is_stable_through_parse(e: object) -> None:
    text = to_text(e)
    assert to_text(parse(text)) == text


NAME_POOL = ["a", "b", "c", "n"]
pool_leaves = st.one_of(
    st.builds(Name, st.sampled_from(NAME_POOL)),
    st.builds(lambda n, op, v: Compare(n, op, (v,)), st.sampled_from(NAME_POOL),
              st.sampled_from(["==", "!=", "<", ">="]), st.sampled_from(["1", "2", "x"])),
    st.builds(lambda n, vs: Compare(n, "in", tuple(vs)), st.sampled_from(NAME_POOL),
              st.lists(st.sampled_from(["1", "2", "x"]), min_size=1, max_size=2)),
)
pool_trees = st.recursive(
    pool_leaves,
    lambda ch: st.one_of(st.builds(lambda xs: And(tuple(xs)), st.lists(ch, min_size=2, max_size=3)),
                         st.builds(lambda xs: Or(tuple(xs)), st.lists(ch, min_size=2, max_size=3))),
    max_leaves=8,
)
fact_values = st.one_of(st.booleans(), st.sampled_from([1.0, 2.0, 3.0]), st.sampled_from(["x", "y"]))
fact_sets = st.dictionaries(st.sampled_from(NAME_POOL), fact_values)


@settings(max_examples=300, deadline=None)
@given(pool_trees, fact_sets, fact_sets)
def test_property_adding_facts_never_turns_true_into_false_without_not(e: object, known: dict, more: dict) -> None:
    before = evaluate(e, known)
    after = evaluate(e, {**more, **known})  # `known` keeps its values; `more` only adds answers
    if before is not None:
        assert after is before


_OPS = st.sampled_from(["<", "<=", ">", ">=", "==", "!="])
_NUMBERS = st.sampled_from(["0", "1", "2", "2.5", "2.7", "3", "4.25", "10"])
_VERSIONS = st.sampled_from(["1", "1.2", "2.0", "2.4", "2.4.1", "2.4.0.1", "2.5", "3.0.2"])


@settings(max_examples=150, deadline=None)
@given(kind=st.sampled_from(["number", "version"]), data=st.data())
def test_every_value_of_a_span_decides_every_comparison_as_its_probe(kind: str, data: st.DataObject) -> None:
    """The one value prober is complete: whatever answer is given, some probe is compared alike."""
    raws = data.draw(st.sets(_NUMBERS if kind == "number" else _VERSIONS, min_size=0, max_size=4))
    tests = [Compare("x", op, (raw,)) for raw in sorted(raws) for op in ["<", "<=", ">", ">=", "==", "!="]]
    spans = probe_spans(raws, kind)
    assert [v for _, v in spans] == probe_values(raws, kind) == sorted(probe_values(raws, kind))
    if kind == "number":
        whole = all(float(r).is_integer() for r in raws)
        answer = data.draw(st.integers(0, 12) if whole else st.floats(0, 12, allow_nan=False))
    else:
        answer = Version(tuple(data.draw(st.lists(st.integers(0, 5), min_size=1, max_size=4))))
    home = [(span, v) for span, v in spans if span.contains(answer)]
    assert len(home) == 1, (answer, spans)  # the spans cover every answer, once
    probe = home[0][1]
    assert [evaluate(t, {"x": answer}) for t in tests] == [evaluate(t, {"x": probe}) for t in tests]
