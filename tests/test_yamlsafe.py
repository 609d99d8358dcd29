"""kb.yamlsafe: safe loading with line numbers and limits."""

from __future__ import annotations

import pytest
from fingerpost.kb import yamlsafe
from fingerpost.kb.errors import ContentError


def test_mappings_and_lists_remember_their_lines() -> None:
    data = yamlsafe.load("option: a\nrequires:\n  - x\n  - if: y\n    because: z\n", path="p.md", first_line=20)
    assert data.line == 20
    assert data.lines == {"option": 20, "requires": 21}
    assert data["requires"].line == 22
    assert data["requires"].lines == [22, 23]
    assert data["requires"][1].line == 23 and data["requires"][1].lines == {"if": 23, "because": 24}


def test_keys_are_text_as_written() -> None:
    data = yamlsafe.load("{yes: A, no: B, 2.10: C, 3: D}")
    assert list(data) == ["yes", "no", "2.10", "3"]
    assert yamlsafe.load("value: yes")["value"] is True  # values keep YAML's types


def test_empty_text_is_none_and_scalars_pass_through() -> None:
    assert yamlsafe.load("") is None
    assert yamlsafe.load("just text") == "just text"


def test_invalid_yaml_names_the_line() -> None:
    with pytest.raises(ContentError) as info:
        yamlsafe.load("a: 1\nb: 2\n  c: 3\n", path="p.md", first_line=10)
    assert info.value.path == "p.md"
    assert info.value.line == 12
    assert str(info.value).startswith("p.md:12: error: invalid YAML: mapping values are not allowed here")


def test_python_tags_never_build_objects() -> None:
    with pytest.raises(ContentError, match="could not determine a constructor"):
        yamlsafe.load("a: !!python/object:os.system x")
    # On a list or mapping the tag is refused too, by name (issue #18), rather than dropped without a word.
    with pytest.raises(ContentError, match="the tag `!!python/object/apply:os.system` is not allowed"):
        yamlsafe.load("a: !!python/object/apply:os.system [echo hi]")


def test_alias_bomb_is_refused_with_a_clear_message() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcde", "bcdef", strict=True):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 10)}]")
    with pytest.raises(ContentError) as info:
        yamlsafe.load("\n".join(lines), path="bomb.md", first_line=3)
    assert "alias bomb" in info.value.message
    assert str(info.value).startswith("bomb.md:3: error:")
    assert "write the values out" in info.value.hint


def test_a_few_aliases_are_fine() -> None:
    data = yamlsafe.load("base: &b [x, y]\nagain: *b\n")
    assert data["again"] == ["x", "y"]


def test_size_limit() -> None:
    big = "a: " + "x" * (yamlsafe.MAX_YAML_BYTES + 1)
    with pytest.raises(ContentError, match="larger than 256 KiB") as info:
        yamlsafe.load(big, path="big.md", first_line=7)
    assert (info.value.path, info.value.line) == ("big.md", 7)
    assert "split it" in info.value.hint
    assert yamlsafe.load("a: " + "x" * 1000)["a"] == "x" * 1000


def test_non_text_keys_are_refused() -> None:
    with pytest.raises(ContentError, match="mapping key must be plain text"):
        yamlsafe.load("? [a, b]\n: 1\n")
