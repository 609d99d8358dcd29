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


GUIDE_WITH_ITS_OWN_CHOICE = """# Installing with the chart

## Prerequisites

- Install Charter version 3 or later.
- Install tidectl version >= v1.19.0.

## Choosing a chart source

### From the registry

We recommend the registry for recent releases.

### From the legacy repository

Only for old releases.
"""

CHOOSING = """# Choosing how to install

- **Static files**: apply the [static files](static.md) for a default install.
- **Chart**: use the [chart](chart.md) when you need to change settings.
"""


def test_a_guide_with_its_own_choice_still_gives_what_holds_for_all_of_it(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text(CHOOSING, encoding="utf-8")
    (tmp_path / "chart.md").write_text(GUIDE_WITH_ITS_OWN_CHOICE, encoding="utf-8")
    (tmp_path / "static.md").write_text("# Static files\n\nApply them.\n", encoding="utf-8")
    kb = compile_path(tmp_path)
    assert sorted(o.title for o in kb.options.values()) == ["Chart", "Static files"]
    got = {(c.option, c.text, c.source.line) for c in kb.constraints if c.source.path == "chart.md"}
    assert got == {("chart", "charter_version >= 3", 5), ("chart", "tidectl_version >= 1.19.0", 6)}


LISTING = """# Plugins

All known plugins:

| Tier | Plugin | Docs | Works offline |
|---|---|---|---|
| 🥇 | alpha-plugin | 📄 | ✓ |
| 🥇 | beta-plugin | 📄 | ✗ |
| 🥈 | gamma-plugin | 📄 | ✓ |
| 🥈 | delta-plugin | 📄 | ✓ |
"""


def test_a_listing_whose_rows_are_entries_is_not_a_choice_between_its_columns(tmp_path: Path) -> None:
    (tmp_path / "plugins.md").write_text(LISTING, encoding="utf-8")
    kb = compile_path(tmp_path)
    assert not kb.options


RELAY_PAGES = {
    "layouts/edge.md": """---
title: Edge Layout
---

## Overview

The edge layout runs a Tidewater relay beside every workload.

### When to use this layout

We recommend this layout for:

- Small estates where losing a few records on a crash is acceptable.
- Teams that can change every host without friction.

If that is not you, consider the [hub layout](hub.md).
""",
    "layouts/hub.md": """---
title: Hub Layout
---

## Overview

The hub layout sends everything to a few dedicated relays.

### When to use this layout

We recommend this layout for environments that require durable delivery. We strongly recommend
sizing the hub for twice the peak.
""",
    "layouts/mixed.md": """---
title: Mixed Layout
---

## Overview

The mixed layout puts relays on the hosts and a hub behind them.

### When to use this layout

We recommend this layout for teams that have already deployed the hub layout.
""",
}


def test_a_folder_of_pages_titled_alike_each_saying_when_to_use_it_is_a_choice(tmp_path: Path) -> None:
    for path, text in RELAY_PAGES.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    kb = compile_path(tmp_path)
    pages = {o.title: o.source.path for o in kb.options.values()}
    assert pages == {"Edge Layout": "layouts/edge.md", "Hub Layout": "layouts/hub.md", "Mixed Layout": "layouts/mixed.md"}
    by_option: dict[str, set[str]] = {}
    for r in kb.recommendations:
        by_option.setdefault(kb.options[r.option].title, set()).add(r.source.path)
    assert by_option["Mixed Layout"] == {"layouts/mixed.md"}  # `this layout for teams that … the hub layout`: its own
    assert "layouts/hub.md" in by_option["Hub Layout"]
    sizing = [r for r in kb.recommendations if "sizing" in (r.source.quote or "")]
    assert not sizing  # advice to do something within the hub is no reason to take it
    mixed = next(q for q in kb.questions.values() if "already deployed" in q.text)
    assert "hub layout" in mixed.text


def test_pages_titled_alike_that_do_not_weigh_themselves_are_no_choice(tmp_path: Path) -> None:
    for path, text in RELAY_PAGES.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text.replace("### When to use this layout", "### Settings"), encoding="utf-8")
    assert not compile_path(tmp_path).options
