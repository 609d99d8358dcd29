"""Shortcuts that keep large packs linear give the same answers as the plain scans they replace."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from conftest import EXAMPLE_PACK, REPO
from fingerpost.kb import yamlsafe
from fingerpost.kb.errors import ContentError
from fingerpost.kb.extract import Context
from fingerpost.kb.pipeline import compile_path
from fingerpost.kb.records import Citation, Tradeoff

PACKS = [REPO / "content" / "rancher", EXAMPLE_PACK]


def test_next_number_counts_like_a_scan() -> None:
    rng = random.Random(3)
    ctx, items = Context(), []
    for _ in range(500):
        option = rng.choice("abcde")
        expected = sum(1 for t in items if t.option == option) + 1
        assert ctx.next_number(items, option) == expected
        items.append(Tradeoff(f"{option}/pro{expected}", option, "pro", "x", Citation("p.md", 1)))
        if rng.random() < 0.03:  # a list that was cut is counted again
            del items[: rng.randint(1, len(items))]
    other: list[Tradeoff] = []
    assert ctx.next_number(other, "a") == 1  # each list has its own count


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
def test_lookups_by_option_equal_list_scans(pack: Path) -> None:
    kb = compile_path(pack)
    assert kb.options
    for oid in kb.options:
        ids = [o.id for o in kb.lineage(oid)]
        assert kb.variants(oid) == [o for o in kb.options.values() if o.parent == oid]
        assert kb.constraints_for(oid) == [c for c in kb.constraints if c.option in ids]
        assert kb.constraints_for(oid, inherited=False) == [c for c in kb.constraints if c.option == oid]
        assert kb.tradeoffs_for(oid) == [t for t in kb.tradeoffs if t.option in ids]
        assert kb.recommendations_for(oid) == [r for r in kb.recommendations if r.option == oid]
    assert kb.variants("no-such-option") == [] and kb.constraints_for("no-such-option") == []


def _blocks() -> list[str]:
    texts = []
    for pack in PACKS:
        for page in sorted(pack.rglob("*.md")):
            texts += re.findall(r"```(?:yaml )?fingerpost\n(.*?)```", page.read_text(encoding="utf-8"), re.S)
    return texts


def _plain(value: object) -> object:
    """The value with the line numbers the loader attaches."""
    if isinstance(value, dict):
        return ("map", getattr(value, "line", None), getattr(value, "lines", None),
                [(k, _plain(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("seq", getattr(value, "line", None), getattr(value, "lines", None), [_plain(v) for v in value])
    return value


def test_fast_yaml_loader_reads_like_the_python_one(monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = _blocks()
    assert len(blocks) > 20
    fast = [_plain(yamlsafe.load(b, path="p.md", first_line=7)) for b in blocks]
    monkeypatch.setattr(yamlsafe, "_FAST_LOADER", None)
    assert fast == [_plain(yamlsafe.load(b, path="p.md", first_line=7)) for b in blocks]


BAD_YAML = ["a: [1, 2", "a: b: c", "- a\nb: 1", "a: &x [*x", "a: 'unclosed", "a:\n\t- tab", "a: \x1f", "? [a]\n: 1",
            "a: " + "[" * 1500 + "]" * 1500]


@pytest.mark.parametrize("text", BAD_YAML, ids=range(len(BAD_YAML)))
def test_yaml_errors_read_as_before(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def message(t: str) -> str:
        try:
            yamlsafe.load(t, path="p.md", first_line=3)
        except ContentError as exc:
            return str(exc)
        return "loaded"

    fast = message(text)
    monkeypatch.setattr(yamlsafe, "_FAST_LOADER", None)
    assert fast == message(text)
