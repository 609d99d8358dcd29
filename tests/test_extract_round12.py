"""Pages the extraction must not trip on, and what a build does when one of its rules does."""

from __future__ import annotations

from pathlib import Path

import pytest
from fingerpost.kb import compile_path
from fingerpost.kb.extract import RULES

LABELS_TO_THE_END = """# Upgrading

## Rebuilding the index

The upgrade rebuilds an index, which fails on a damaged table. Clean the table first.

**With PostgreSQL:**

Run this in `psql` before you upgrade.

```sql
DELETE FROM edges WHERE broken;
```

**With SQLite:**

```sql
DELETE FROM edges WHERE broken;
```
"""

CHOICE = """# Installing the server

The server can be installed in two ways.

## Choosing how to install

- **Container image**: run the published image with the container runtime you already use.
- **Distribution packages**: install the package your operating system ships, which keeps it up to date.
"""


def test_a_label_that_ends_its_section_with_nothing_under_it_does_not_stop_the_build(tmp_path: Path) -> None:
    (tmp_path / "upgrade.md").write_text(LABELS_TO_THE_END, encoding="utf-8")
    kb = compile_path(tmp_path)
    assert not [p for p in kb.problems if p.code == "rule-failed"]


def test_a_rule_that_fails_on_a_page_costs_its_findings_there_and_says_so(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def trips(doc, ctx) -> None:  # noqa: ANN001 — a page rule's signature
        raise ValueError("max() arg is an empty sequence")

    monkeypatch.setattr(RULES, "_rules", [("trips", trips), *RULES._rules])
    (tmp_path / "install.md").write_text(CHOICE, encoding="utf-8")
    kb = compile_path(tmp_path)
    failed = [p for p in kb.problems if p.code == "rule-failed"]
    assert len(failed) == 1 and failed[0].path == "install.md" and failed[0].severity == "warning"
    assert "`trips`" in failed[0].message and "report" in failed[0].message
    assert "Container image" in {o.title for o in kb.options.values()}, "the other rules still read the page"


COUNTED = """# Keeping the cluster state

The server keeps its state in one of three stores.

## Embedded file store

The state is a single file on the server's disk.

## Embedded quorum store

Three or more servers keep copies of the state and agree on every change.

## External database

The servers keep their state in a database you run yourself, such as PostgreSQL or MySQL.
"""


@pytest.mark.parametrize("lead", ["The server keeps its state in one of three stores.",
                                  "The cluster state can be kept in one of three ways."])
def test_a_sentence_counting_the_alternatives_then_as_many_sub_headings_is_a_choice(tmp_path: Path, lead: str) -> None:
    """Nothing in the sections weighs one against another; the count alone says they are the alternatives."""
    (tmp_path / "state.md").write_text(COUNTED.replace("The server keeps its state in one of three stores.", lead),
                                       encoding="utf-8")
    kb = compile_path(tmp_path)
    assert sorted(o.title for o in kb.options.values()) == ["Embedded file store", "Embedded quorum store",
                                                            "External database"]


def test_a_count_that_does_not_match_the_sub_headings_is_not_enough(tmp_path: Path) -> None:
    (tmp_path / "state.md").write_text(COUNTED.replace("one of three stores", "one of two stores"), encoding="utf-8")
    assert not compile_path(tmp_path).options


STORES_LISTED = """---
title: Session storage
---

Sessions let the proxy know a user between two requests.

The proxy uses a cookie to track a user's session and keeps the session data in one of the available
session storage backends.

At present the available backends are (as passed to `--session-store-type`):
- [cookie](#cookie-storage) (default)
- [redis](#redis-storage)

### Cookie Storage

The cookie backend is the default and has been used by the proxy from the start.

With the cookie backend, all session data is kept in cookies on the client and sent with every request.

The following should be known when using it:
- all state is on the client, so the proxy keeps none
- a cookie secret must be set

### Redis Storage

The Redis backend keeps encrypted sessions in Redis. Instead of sending the whole session back to the client,
it sends a ticket as the cookie value.
"""


def test_a_list_of_tagged_names_and_a_heading_for_each_agree_and_the_headings_present_them(tmp_path: Path) -> None:
    (tmp_path / "sessions.md").write_text(STORES_LISTED, encoding="utf-8")
    kb = compile_path(tmp_path)
    assert sorted(o.title for o in kb.options.values()) == ["Cookie Storage", "Redis Storage"]
    assert all(o.source.section for o in kb.options.values()), "each option cites its own section"


PLATFORMS = """# Installation

## Prebuilt packages

Prebuilt packages are available for a number of platforms. These are recommended for most users.

### Debian

Add the project's repository and install the `spool` package.

### Fedora

Install `spool` from the distribution's own repositories.

### FreeBSD

The port is maintained in the ports tree as `net/spool`.

### NixOS

Enable the `services.spool` module.
"""


def test_a_sentence_announcing_the_platforms_packaged_for_then_a_heading_each_is_a_choice(tmp_path: Path) -> None:
    (tmp_path / "installation.md").write_text(PLATFORMS, encoding="utf-8")
    assert sorted(o.title for o in compile_path(tmp_path).options.values()) == ["Debian", "Fedora", "FreeBSD", "NixOS"]
