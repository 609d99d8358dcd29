"""Helpers for the HTML page tests: read a page's data back, and ask the engine the way `ask` does."""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser
from typing import Any

from conftest import fingerpost_command

from render.packed import unpack

__all__ = ["page_data_of", "ask_in_process", "ask_cli", "Elements", "BROWSER_ARGS"]

BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"]
"""How the browser tests start Debian's Chromium (never a downloaded browser)."""

_DATA = re.compile(r'<script type="application/json" class="fp-data">(.*?)</script>', re.S)


def page_data_of(html: str) -> dict[str, Any]:
    """The data a written page carries, decoded the way its script decodes it."""
    found = _DATA.findall(html)
    assert len(found) == 1, "a page carries exactly one data block"
    return unpack(json.loads(found[0]))


def ask_in_process(kb: Any, settings: list[str], priorities: list[str] | None = None) -> dict[str, Any]:
    """What `fingerpost ask --format json --set …` prints, through the command's own functions."""
    from engine.report import to_json
    from engine.turn import answer_json, take_turn
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
