"""What an option's own page requires joins that option: a page without a choice keeps its
statements aside, and the options whose guides lead there take them."""

from __future__ import annotations

from pathlib import Path

from fingerpost.kb import compile_path

CHOICE = """# Choosing an index store

## Index stores

### Built-in store

The built-in store keeps the index next to the server. It is the default.

### Memory store

The memory store is only suitable for testing.

The alternative is an [outside database](outside.md).
"""

OUTSIDE = """# Outside database

Tidewater requires prepared statements support from the database. Connection poolers may require
extra settings. Each worker needs a file handle.

Tidewater requires two or more servers for this layout.

Tidewater 4.2+ is needed for this.
"""

UNLINKED = """# Tuning

Tidewater requires a fast disk.
"""


def test_statements_of_the_page_an_option_links_join_it(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text(CHOICE, encoding="utf-8")
    (tmp_path / "outside.md").write_text(OUTSIDE, encoding="utf-8")
    (tmp_path / "tuning.md").write_text(UNLINKED, encoding="utf-8")
    kb = compile_path(tmp_path)
    outside = next(o.id for o in kb.options.values() if o.title == "Outside database")
    got = {(c.option, c.kind, c.text, c.source.path, c.source.line) for c in kb.constraints}
    assert (outside, "requires", "prepared_statements_support", "outside.md", 3) in got
    assert (outside, "requires", "servers >= 2", "outside.md", 6) in got
    assert (outside, "requires", "tidewater_version >= 4.2", "outside.md", 8) in got
    assert not [c for c in kb.constraints if c.source.path == "tuning.md"], "no option links that page"
    assert not [c for c in kb.constraints if c.source.path == "outside.md" and c.option != outside]
    assert kb.questions["prepared_statements_support"].kind == "yesno"
    assert all(0 < c.source.confidence < 1 and c.source.quote for c in kb.constraints)
    said = {q.id for q in kb.questions.values()}
    assert not said & {"extra_settings", "file_handle", "handles"}, "`may require`, a part's needs: not read"
