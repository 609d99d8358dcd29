"""A doc link with a script scheme in an annotation is a lint error and never reaches `ask`."""

from __future__ import annotations

from pathlib import Path

from fingerpost.engine.reason.assess import assess
from fingerpost.kb import compile_path
from fingerpost.render.ask_json import to_json

PAGE = """\
```fingerpost
option: o1
title: Only option
docs:
  - {title: Safe guide, href: "https://example.org/guide"}
  - {title: Hostile, href: "javascript:alert(1)"}
```
"""


def test_unsafe_doc_link_is_reported_and_dropped(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(PAGE, encoding="utf-8")
    kb = compile_path(tmp_path)
    found = [p for p in kb.problems if p.code == "unsafe-link"]
    assert [(p.path, p.line, p.severity) for p in found] == [("a.md", 6, "error")]
    doc = to_json(kb, assess(kb, {}))
    assert [d["href"] for d in doc["recommendation"]["docs"]] == ["https://example.org/guide"]
