"""Pages of the fifteenth round: the entries of a FAQ are questions the page answers, not alternatives."""

from __future__ import annotations

from pathlib import Path

from engine_helpers import page_kb
from fingerpost.kb.pipeline import compile_path

FAQ = """# Questions

## Does it work with HTTP/2?

Yes. We recommend it for browsers; it is only used over TLS.

## Does it work with HTTP/3?

Yes, but it is experimental: only use it for testing, not in production.

## How do I move from the old tool?

Run the import command once; it reads the old settings file.
"""

MODES = """# Running the agent

There are two ways to run the agent:

- [As a service](#as-a-service): recommended for servers
- [In the foreground](#in-the-foreground): only for trying it out

## As a service

The system starts it at boot.

## In the foreground

It stops when you close the terminal.
"""


def test_questions_a_faq_answers_are_not_alternatives(tmp_path: Path) -> None:
    kb = page_kb(tmp_path, "faq.md", FAQ)
    assert not kb.options
    assert any("(a FAQ)" in p.message and p.path == "faq.md" and p.line == 3 for p in kb.problems)


def test_the_choice_beside_a_faq_is_the_decision(tmp_path: Path) -> None:
    (tmp_path / "faq.md").write_text(FAQ, encoding="utf-8")
    (tmp_path / "running.md").write_text(MODES, encoding="utf-8")
    kb = compile_path(tmp_path)
    assert {o.title for o in kb.options.values()} == {"As a service", "In the foreground"}


SETTING = """# Compression

The `compression` setting picks how pages are packed before they are stored.

| compression | speed | production | size |
| --- | --- | --- | --- |
| `none` | fastest | yes | largest |
| `lz4` | fast | yes | medium |
| `zstd` | slow | yes | small |
| `debug-dump` | slowest | no | largest |
"""


def test_a_table_headed_by_the_setting_its_page_documents_gives_a_row_to_each_value(tmp_path: Path) -> None:
    kb = page_kb(tmp_path, "compression.md", SETTING)
    assert [o.title for o in kb.options.values()] == ["none", "lz4", "zstd", "debug-dump"]
