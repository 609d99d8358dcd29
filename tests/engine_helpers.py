"""Knowledge bases the engine tests share (compiled once per test run)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fingerpost.kb import compile_path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "engine"
BACKUP_PACK = FIXTURES / "backup"
"""A small hand-written pack about laptop backups: nothing in it is about Rancher."""


@cache
def kb_at(path: str | None = None):  # noqa: ANN201
    kb = compile_path(path)
    errors = [p for p in kb.problems if p.severity == "error"]
    assert not errors, errors
    return kb


def cites_content(kb, citation) -> bool:  # noqa: ANN001
    """The citation names a page of the knowledge base and a line inside it."""
    doc = kb.documents.get(citation.path)
    return doc is not None and 1 <= citation.line <= doc.line_count


def page_kb(root: Path, name: str, text: str):  # noqa: ANN201
    """The knowledge base inferred from one page `name` with `text`, written into the folder `root`."""
    (root / name).write_text(text, encoding="utf-8")
    return compile_path(root)
