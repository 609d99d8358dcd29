"""Pages that present their alternatives in a list pointing to a section for each, and items that say what
an alternative is for without a verb (`PostgreSQL - Recommended for …`)."""

from __future__ import annotations

from pathlib import Path

from engine_helpers import page_kb
from fingerpost.kb.extract import patterns as pt

SETTINGS = "\n".join(f"#### Setting {n}\n\nThe value `{n}` tunes one thing.\n" for n in range(1, 25))

STORES = f"""# Storage backends

The service keeps its state in a database you run; pick the one that suits how you operate.

- [Clustered store](#clustered-store) - Recommended for deployments with many regions and heavy traffic
- [Relational store](#relational-store) - Recommended for single-region deployments
- [Scratch store](#scratch-store) - Recommended for local development and integration testing against your code

## Clustered store

### Usage notes

It spreads writes over every region.

### Configuration

#### Overlap strategy

How transactions overlap:

| Value | Meaning |
|---|---|
| `static` (default) | one fixed key |
| `prefix` | keys by prefix |
| `request` | keys per request |

{SETTINGS}

## Relational store

### Usage notes

It needs a primary and, if you like, read replicas.

### Configuration

Give the connection string.

## Scratch store

### Usage notes

Everything it holds is lost when the process stops.

### Configuration

Nothing to set.
"""

CONTENTS = """# Operating the service

- [Backups](#backups)
- [Upgrades](#upgrades)
- [Monitoring](#monitoring)

## Backups

Take a snapshot every night.

## Upgrades

Read the release notes first.

## Monitoring

Scrape the metrics endpoint.
"""


def test_a_list_pointing_to_a_section_for_each_alternative_and_saying_what_each_is_for_presents_the_choice(
        tmp_path: Path) -> None:
    kb = page_kb(tmp_path, "stores.md", STORES)
    titles = [o.title for o in kb.options.values()]
    assert titles == ["Clustered store", "Relational store", "Scratch store"], titles
    lines = STORES.splitlines()
    headings = [lines.index(f"## {t}") + 1 for t in titles]
    assert [o.source.line for o in kb.options.values()] == headings, "each option cites its own heading"


def test_what_the_list_says_of_each_alternative_is_its_recommendation(tmp_path: Path) -> None:
    kb = page_kb(tmp_path, "stores.md", STORES)
    recs = {r.option: r for r in kb.recommendations}
    assert set(recs) == {"clustered", "relational", "scratch"}, recs
    assert "single-region" in kb.questions[recs["relational"].text].text.lower()
    assert recs["scratch"].text == 'purpose == "testing"', "local development and testing is trying it out"
    assert "many regions and heavy traffic" in kb.questions[recs["clustered"].text].text, \
        "who the advice is for keeps what they have (`deployments with …`)"


def test_a_list_that_only_links_to_the_page_s_sections_is_not_a_choice(tmp_path: Path) -> None:
    kb = page_kb(tmp_path, "operating.md", CONTENTS)
    assert not kb.options


def test_an_item_naming_a_thing_and_what_it_is_for_reads_as_the_sentence_it_stands_for() -> None:
    assert pt.glossed("Scratch store: best for tests") == "Scratch store is best for tests"
    assert pt.glossed("Relational store - Recommended for one region") == "Relational store is recommended for one region"
    assert pt.glossed("Snapshots - taken nightly") == "Snapshots - taken nightly", "no verdict, left as it is"


def test_testing_against_something_is_not_advice_against_it() -> None:
    assert pt.advice("The scratch store is recommended for testing against your code") == ("normal", True)
    assert pt.advice("We advise against the scratch store in production") == ("normal", False)


INSTALL_MODES = """# Installing

This part tells how to install the tool the first time.

The option we currently recommend on most systems is [shared](#shared).

## Shared

One service does the work for every account, which keeps accounts apart.

## Private

Each account runs its own copy. It needs no service manager.

## Packaged

Some systems ship it in their own package format.
"""


def test_advice_in_any_opening_paragraph_naming_one_sub_heading_presents_them(tmp_path: Path) -> None:
    kb = page_kb(tmp_path, "install.md", INSTALL_MODES)
    assert [o.title for o in kb.options.values()] == ["Shared", "Private", "Packaged"]


RUNTIMES = """# Engine

Set the [engine] the tool runs containers with. Users have the option of [boxd], which brings its own command-line
client, or [shipd (classic)], which offers the classic remote API. Only one engine will function at a time.

## Switching

Images pulled with one engine are not seen by the other.

[engine]: https://example.org/engines
[boxd]: https://example.org/boxd
[shipd (classic)]: https://example.org/shipd
"""

COMPLEMENTS = """# Overview

## Studio vs Studio Desktop

While Studio and Studio Desktop share a name, they do different things. Studio manages fleets of clusters.
Studio Desktop gives you one cluster on your laptop. The two solutions complement each other.
"""


def test_a_sentence_offering_alternatives_each_named_by_a_link_presents_them(tmp_path: Path) -> None:
    kb = page_kb(tmp_path, "engine.md", RUNTIMES)
    assert [o.title for o in kb.options.values()] == ["boxd", "shipd (classic)"]


def test_two_things_a_title_compares_that_complement_each_other_are_not_a_choice(tmp_path: Path) -> None:
    kb = page_kb(tmp_path, "overview.md", COMPLEMENTS)
    assert not kb.options


TUNNELS = """# Tunnels

The overlay can wrap its packets in one of two ways.

## Wide tunnel

Wide tunnel wraps each packet in a UDP header. Wide tunnel is supported in some environments where Wrap in Wrap
is not (for example, Cloudia).

## Wrap in Wrap

Wrap in Wrap adds a small header of its own and costs the least.
"""


def test_an_option_whose_name_holds_a_little_word_is_named_in_sentences(tmp_path: Path) -> None:
    kb = page_kb(tmp_path, "tunnels.md", TUNNELS)
    assert {o.title for o in kb.options.values()} == {"Wide tunnel", "Wrap in Wrap"}
    excluded = [c for c in kb.constraints if c.kind == "excludes"]
    assert [c.option for c in excluded] == ["wrap-wrap"], kb.constraints


def test_one_supported_where_the_other_is_not_asks_whether_the_reader_runs_there(tmp_path: Path) -> None:
    kb = page_kb(tmp_path, "tunnels.md", TUNNELS)
    c = next(c for c in kb.constraints if c.kind == "excludes")
    q = kb.questions[c.text]
    line = next(n for n, t in enumerate(TUNNELS.splitlines(), 1) if "is supported in some" in t)
    assert q.kind == "yesno" and "Cloudia" in q.text and c.source.line == line


def test_where_not_reads_the_example_environment() -> None:
    assert pt.where_not("Wide is supported in some environments where Narrow is not (for example, Cloudia).") == \
        ("Wide", "Narrow", "Cloudia")
    assert pt.where_not("Wide is supported in some environments where Narrow is not.") is None


ENGINES = """# Engines

The sandbox runs its guests through an engine.

## Implementations

The choice of engine depends on where the sandbox runs. On bare metal the Hyper engine will provide the best
performance. The Trap engine is a better choice inside a virtual machine.

### Hyper

Uses the processor's virtualization extensions.

### Trap

Catches each system call with a signal.

### Tracer

Follows each guest process with a tracer; it works everywhere.
"""

ONLY_SOME = """# Concepts

## Rollout styles

Tools describe rollout styles in many ways; here are the descriptions of the various rollout styles. This tool only
supports Mirror and Trickle.

### Replace

Stops the old copies, then starts the new ones.

### Mirror

Runs both versions side by side and switches all traffic at once.

### Trickle

Moves traffic a little at a time.
"""


def test_a_paragraph_announcing_the_choice_and_weighing_sub_headings_one_by_one_presents_them(tmp_path: Path) -> None:
    kb = page_kb(tmp_path, "engines.md", ENGINES)
    assert [o.title for o in kb.options.values()] == ["Hyper", "Trap", "Tracer"]


def test_naming_some_sub_headings_together_does_not_make_all_of_them_alternatives(tmp_path: Path) -> None:
    kb = page_kb(tmp_path, "concepts.md", ONLY_SOME)
    assert "Replace" not in {o.title for o in kb.options.values()}


HUGO_TABS = """# Introduction

## Installation

{{< tabs tabTotal="3" tabID1="with-pkgx" tabID2="with-script" tabID3="by-hand" tabName1="With pkgx" tabName2="With the install script" tabName3="Manually (advanced)" >}}

{{< tab tabID="with-pkgx" >}}
pkgx keeps the tool in an isolated environment and upgrades it for you. We recommend it.
{{< /tab >}}

{{< tab tabID="with-script" >}}
The script installs the tool into its own environment; it suits machines without pkgx.
{{< /tab >}}

{{< tab tabID="by-hand" >}}
Create an environment yourself and install the tool into it; only for advanced users.
{{< /tab >}}

{{< /tabs >}}
"""


def test_hugo_tabs_named_on_their_group_whose_labels_name_means_present_a_choice(tmp_path: Path) -> None:
    kb = page_kb(tmp_path, "_index.md", HUGO_TABS)
    assert [o.title for o in kb.options.values()] == ["With pkgx", "With the install script", "Manually (advanced)"]


FEATURES = """# Storage drivers

## Feature comparison

Where it can, the server uses what each storage system does best.

| Feature | Directory | Btrfs | LVM | ZFS |
|---|---|---|---|---|
| Optimized image storage | no | yes | yes | yes |
| Optimized volume transfer | no | yes | no | yes |
| Copy on write | no | yes | yes | yes |
| Block based | no | no | yes | no |
| Instant cloning | no | yes | yes | yes |

### Optimized image storage

Images are unpacked once and cloned for each instance, which is useful when you run many instances.

### Optimized volume transfer

Volumes are sent as the storage system's own stream; this requires the same driver on both servers.
"""


def test_headings_that_are_the_features_a_comparison_table_weighs_are_not_alternatives(tmp_path: Path) -> None:
    kb = page_kb(tmp_path, "drivers.md", FEATURES)
    assert [o.title for o in kb.options.values()] == ["Directory", "Btrfs", "LVM", "ZFS"], list(kb.options)
