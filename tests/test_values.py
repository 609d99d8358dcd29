"""kb.values: versions, yes/no words and literal coercion."""

from __future__ import annotations

import pytest
from fingerpost.kb.values import Version, coerce_literal, parse_bool


@pytest.mark.parametrize(
    ("text", "parts"),
    [("2.4", (2, 4)), ("v2.4.5", (2, 4, 5)), ("V1", (1,)), (" 2.5.x ", (2, 5)), (3, (3,)), (2.4, (2, 4))],
)
def test_version_parse(text: object, parts: tuple[int, ...]) -> None:
    assert Version.parse(text) == Version(parts)


@pytest.mark.parametrize("text", ["", "latest", "2.4-rc1", "v", "2..4", True])
def test_version_parse_refuses_what_is_not_a_release_number(text: object) -> None:
    assert Version.parse(text) is None


def test_versions_compare_numerically_and_missing_parts_are_zero() -> None:
    v = Version.parse
    assert v("2.10") > v("2.9")
    assert v("2.4") == v("2.4.0") and hash(v("2.4")) == hash(v("2.4.0"))
    assert v("2.4") < v("2.4.1") <= v("2.4.1") < v("3")
    assert v("2.4.5") >= v("v2.4") and not v("2.4") > v("2.4.0")
    assert v("2.4") != "2.4"
    assert len({v("1"), v("1.0"), v("1.0.0")}) == 1


def test_bump_gives_a_version_just_below_or_above() -> None:
    v = Version.parse("2.4")
    assert v.bump(-1) < v < v.bump(+1)
    assert Version.parse("2.3.9") < v.bump(-1)
    assert v.bump(+1) < Version.parse("2.4.2")
    assert Version.parse("0").bump(-1) == Version((0,))


def test_version_prints_as_written_without_the_v() -> None:
    assert str(Version.parse("v2.4.5")) == "2.4.5"
    assert Version.parse(Version((1, 2))) == Version((1, 2))


@pytest.mark.parametrize(("text", "value"), [("yes", True), ("Y", True), ("on", True), ("0", False),
                                              ("No", False), (False, False), ("maybe", None)])
def test_parse_bool(text: object, value: bool | None) -> None:
    assert parse_bool(text) is value


def test_coerce_literal_follows_the_type_of_the_answer() -> None:
    assert coerce_literal("2.4", Version.parse("2.3")) == Version((2, 4))
    assert coerce_literal("3", 4) == 3.0
    assert coerce_literal("three", 4.0) is None
    assert coerce_literal("yes", False) is True
    assert coerce_literal("k3s", "rke") == "k3s"
