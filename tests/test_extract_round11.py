"""Choices as reference pages and product docs write them: a sub-heading per value of one setting, sub-headings
under a title listing what is on offer, a list item named with a literal in brackets; and evidence that tells the
options apart by what differs between them, not by what they all are."""

from __future__ import annotations

from pathlib import Path

from fingerpost.engine.language.evidence import hints
from fingerpost.kb import compile_path
from fingerpost.kb.extract.choices.cues import name_of

FLAGS = """# spool serve

Serves a spool over the network.

## Options

Many flags tune it; the ones below matter most.

## Write caching

The write cache decides how much of a file is kept on local disk.

### --write-cache off

Nothing is kept on local disk. Files can only be written in order, which suits uploads of logs.

### --write-cache partial

Files opened for writing are kept on local disk until they are uploaded.

### --write-cache everything

Every file read or written is kept on local disk, so random access works; it needs the most disk space.

## Read ahead

### `--read-ahead` == 0

Nothing is read ahead.

### `--read-ahead` > 0

That many blocks are read ahead.
"""


def test_a_sub_heading_per_value_of_one_setting_is_a_choice_between_the_values(tmp_path: Path) -> None:
    (tmp_path / "serve.md").write_text(FLAGS, encoding="utf-8")
    kb = compile_path(tmp_path)
    assert sorted(o.title for o in kb.options.values()) == ["everything", "off", "partial"]
    off = next(o for o in kb.options.values() if o.title == "off")
    assert off.source.line == FLAGS.splitlines().index("### --write-cache off") + 1
    assert all("read" not in o.title for o in kb.options.values()), "a comparison (== 0, > 0) is a branch, not a value"


DISTRIBUTIONS = """# Running the robot

## Self-hosting

You run the robot on your own infrastructure.

### Available distributions

#### Node package

The robot is published as a Node package that runs anywhere Node runs.

#### Container image

The container image bundles every tool it needs.

#### Hosted action

The hosted action runs the robot inside your CI pipeline.
"""


def test_sub_headings_under_a_title_listing_what_is_on_offer_are_the_alternatives(tmp_path: Path) -> None:
    (tmp_path / "running.md").write_text(DISTRIBUTIONS, encoding="utf-8")
    kb = compile_path(tmp_path)
    assert sorted(o.title for o in kb.options.values()) == ["Container image", "Hosted action", "Node package"]


def test_settings_versions_and_metrics_on_offer_are_not_a_choice(tmp_path: Path) -> None:
    page = DISTRIBUTIONS.replace("Available distributions", "Supported versions") \
        .replace("#### Node package", "#### 1.2").replace("#### Container image", "#### 1.3") \
        .replace("#### Hosted action", "#### 1.4")
    (tmp_path / "running.md").write_text(page, encoding="utf-8")
    assert not compile_path(tmp_path).options


def test_a_name_is_not_cut_at_a_colon_inside_brackets_or_code() -> None:
    assert name_of("Redis (`redis://`)") == "Redis (`redis://`)"
    assert name_of("Queue (amqp://host): the broker backend") == "Queue (amqp://host)"
    assert name_of("Kafka: the log") == "Kafka"


BACKENDS = """# Result store

## Store backend

The result store keeps analysis results between runs. It supports three types of backends:

- Disk (`disk`)
- Memory (`memory`)
- Keyvalue (`kv://`)

### Disk

The disk backend is the default store. Only one process can open the store at a time; others wait.

### Memory

The memory backend keeps the store until the process ends.

### Keyvalue

The key-value backend is useful when several runners need to share the store across machines.
"""


def test_evidence_tells_options_apart_by_what_differs_not_by_what_they_all_are(tmp_path: Path) -> None:
    (tmp_path / "store.md").write_text(BACKENDS, encoding="utf-8")
    kb = compile_path(tmp_path)
    got = hints(kb, ["share", "single", "store", "properly"])
    assert [h.title for h in got] == ["Keyvalue (kv://)"], "`store` is what every backend is; `share` tells them apart"
    assert hints(kb, ["store"]) == (), "what every option is points at none of them"


ENGINES = """# Index engines

The index can be built by one of several engines.

## Engine comparison

The following table summarizes the differences between the engines.

| | Quill | Heron | Tarn |
|-|-|-|-|
| Largest index | Billions of vectors | Billions of vectors | Under ten million |
| Filtering | After the search | After the search | During the search |
| Memory use | High | Medium | High |
"""


def test_a_table_its_sentence_says_compares_has_its_columns_as_the_alternatives(tmp_path: Path) -> None:
    (tmp_path / "engines.md").write_text(ENGINES, encoding="utf-8")
    assert sorted(o.title for o in compile_path(tmp_path).options.values()) == ["Heron", "Quill", "Tarn"]
    (tmp_path / "engines.md").write_text(ENGINES.replace("summarizes the differences between the engines",
                                                         "lists what each index was built with"), encoding="utf-8")
    assert not compile_path(tmp_path).options, "short text under names nothing else on the page names: a lookup"


STORES = """# Advanced techniques

## Release backends

By default, release records are kept in Secrets of the release's namespace. The sections below show how to
configure different backends. The backend variable can be set to one of the values: `secret`, `table`, `file`.

### Table backend

To keep release records in a table, point the backend variable at a database; recommended for large releases.

### File backend

To keep release records in files, point the backend variable at a directory; only suitable for testing.
"""


def test_the_default_an_opening_names_is_one_more_alternative_beside_the_headed_ones(tmp_path: Path) -> None:
    (tmp_path / "advanced.md").write_text(STORES, encoding="utf-8")
    kb = compile_path(tmp_path)
    assert sorted(o.title for o in kb.options.values()) == ["File backend", "Secrets", "Table backend"]
    secrets = next(o for o in kb.options.values() if o.title == "Secrets")
    assert secrets.source.line == 5
    (tmp_path / "advanced.md").write_text(STORES.replace("configure different backends", "tune the records"),
                                          encoding="utf-8")
    assert "Secrets" not in {o.title for o in compile_path(tmp_path).options.values()}, \
        "an opening that does not speak of the alternatives' kind names no default among them"
