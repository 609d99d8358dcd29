"""Choices found on pages shaped the way real docs are: chapters that each hold a choice, a section
about every alternative among them, what an alternative lacks, pages linking many times."""

from __future__ import annotations

from pathlib import Path

from fingerpost.kb import compile_path
from fingerpost.kb.extract import patterns as pt
from fingerpost.kb.extract.conditions import condition

ARCHITECTURE = """# Architecture

## Storage architecture

### Single-zone storage clusters

A single-zone storage cluster keeps every copy in one zone. It is simpler to run.

### Multi-zone storage clusters

A multi-zone storage cluster spreads copies over zones. It is recommended for production.

### Reserving disks for the database

Whether you run a single-zone or a multi-zone cluster, we strongly recommend reserving disks.

## Query architecture

### Read-write queries

Read-write queries go to the primary.

### Read-only queries

Read-only queries may go to any replica.
"""

DETAILS = """# Copies

The copies are described on the [architecture page](architecture.md).

## Differences from the live cluster

- **No global leader**: copies never elect a leader.
- **Lack of automatic failover**: a copy must be promoted by hand.
- **No write path**: copies are read-only.

See [architecture](architecture.md), [zones](architecture.md#storage-architecture) and
[queries](architecture.md#query-architecture).
"""


def test_chapters_that_each_hold_a_choice_and_a_section_about_all_of_them_are_not_alternatives(tmp_path: Path) -> None:
    (tmp_path / "architecture.md").write_text(ARCHITECTURE, encoding="utf-8")
    (tmp_path / "copies.md").write_text(DETAILS, encoding="utf-8")
    kb = compile_path(tmp_path)
    titles = sorted(o.title for o in kb.options.values())
    assert titles == ["Multi-zone storage clusters", "Single-zone storage clusters"]
    assert {o.source.path for o in kb.options.values()} == {"architecture.md"}, \
        "a page linking three times is one page linking; what an alternative lacks is not an alternative"
    assert not [r for r in kb.recommendations if r.source.line == 17], "advice for either alternative favours neither"


def test_shapes_of_sentences_real_docs_use() -> None:
    assert pt.either_way("Whether you run a single zone or several, we recommend reserving disks.")
    assert not pt.either_way("Whether to use A depends on you.")
    assert [(c.op, c.n, c.unit) for c in pt.counts("It needs three (3) or more zones to be available.")] == \
        [(">=", 3, "zones")]
    c = condition("Use solo mode when your event volume is under 30 MB/s or 50k events/s")
    assert c is not None and c.id == "volume" and "30 MB/s" in c.phrase, "the bound stays in the question's words"
