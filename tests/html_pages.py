"""Helpers for the HTML page tests: read a page's data back, and ask the engine the way `ask` does."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, REPO, fingerpost_command, require_program
from fingerpost.kb.values import Version
from fingerpost.render.answer_classes import AnswerClass, Span
from fingerpost.render.packed import unpack

__all__ = ["page_data_of", "ask_in_process", "ask_cli", "Elements", "BROWSER_ARGS", "RANGES_PACK", "generated_pack",
           "read_ranges", "engine_reads", "chromium", "not_ready"]

RANGES_PACK = FIXTURES / "html" / "ranges"
"""A pack whose ranges have fractional ends, an exact version, and a yes/no and a choice with synonyms."""

BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"]
"""How the browser tests start Debian's Chromium (never a downloaded browser)."""


def not_ready(message: str) -> None:
    """What a browser test needs is missing: a failure under CI, which installs it, else a skip."""
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium, started headless by Playwright, for a module's tests."""
    executable = shutil.which("chromium") or shutil.which("chromium-browser") or require_program("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        not_ready("the playwright package is not installed — pip install -e '.[test]'")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=BROWSER_ARGS)
        try:
            yield browser
        finally:
            browser.close()

_DATA = re.compile(r'<template class="fp-data" data-search-exclude>(.*?)</template>', re.S)


def generated_pack(root: Path) -> Path:
    """A generated pack (bench/packs.py) with two number and two version questions, 116 states."""
    sys.path.insert(0, str(REPO / "bench"))
    from packs import write_pack

    return write_pack(root, options=6, questions=8, seed=1)


def read_ranges(text: str, kind: str) -> list[Span]:
    """The spans a page's `in` text says, read independently of the exporter: `[2.4,2.5) (3.1,)`."""
    def bound(x: str) -> Any:
        if not x:
            return None
        return Version.parse(x) if kind == "version" else (int(x) if re.fullmatch(r"\d+", x) else float(x))

    out = []
    for piece in text.split(" "):
        m = re.fullmatch(r"([\[(])([^,]*),([^,]*)([\])])", piece)
        assert m, piece
        out.append(Span(bound(m[2]), m[1] == "[", bound(m[3]), m[4] == "]"))
    return out


def engine_reads(kb: Any, classes: list[AnswerClass], qid: str, raw: str) -> int:
    """Which offered answer `fingerpost ask --set qid=raw` stands for: the engine reads the value, then the range
    (or the key) that holds it; -1 when the engine rejects it or no offered answer holds it."""
    from fingerpost.engine.facts import BadAnswer, parse_answer

    try:
        value = parse_answer(kb.questions[qid], raw)
    except BadAnswer:
        return -1
    for i, c in enumerate(classes):
        if (any(s.contains(value) for s in c.spans) if c.spans else c.value == value):
            return i
    return -1


def page_data_of(html: str) -> dict[str, Any]:
    """The data a written page carries, decoded the way its script decodes it."""
    found = _DATA.findall(html)
    assert len(found) == 1, "a page carries exactly one data block"
    return unpack(json.loads(found[0]))


def ask_in_process(kb: Any, settings: list[str], priorities: list[str] | None = None) -> dict[str, Any]:
    """What `fingerpost ask --format json --set …` prints, through the command's own functions."""
    from fingerpost.engine.turn import answer_json, take_turn
    from fingerpost.render.ask_json import to_json

    from fingerpost.commands.ask import parse_sets

    turn = take_turn(kb, "", parse_sets(kb, settings), priorities or [])
    return to_json(kb, turn.assessment, answer_json(kb, turn))


def ask_cli(settings: list[str], kb_path: str | None = None) -> dict[str, Any]:
    """The installed command's JSON for these answers."""
    cmd = [fingerpost_command(), "ask", "--format", "json"]
    if kb_path:
        cmd += ["--kb", kb_path]
    for s in settings:
        cmd += ["--set", s]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=True)
    return json.loads(done.stdout)


class Elements(HTMLParser):
    """Every start tag of a document with its attributes, and the text of each <script>."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None
        self._text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script, self._text = dict(attrs), []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_script is not None:
            self.scripts.append((self._in_script, "".join(self._text)))
            self._in_script = None
