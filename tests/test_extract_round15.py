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


STRATEGIES = """# Rollout strategies

The operator can roll a release out in these ways:

* **Gradual shift** (traffic moves step by step)
  * Mesh One, Mesh Two, Edge Proxy
* **Header routing** (chosen users see the new version)
  * Mesh One, Edge Proxy
* **Switch over** (all traffic at once)
  * Plain Services, Mesh One, Mesh Two, Edge Proxy

## Gradual shift

Traffic moves to the new version a few percent at a time.

## Header routing

Requests with a chosen header go to the new version.

## Switch over

All traffic moves once the checks pass.
"""


def test_what_each_alternative_works_with_sorts_them(tmp_path: Path) -> None:
    kb = page_kb(tmp_path, "strategies.md", STRATEGIES)
    q = kb.questions["works_with"]
    assert [c.label for c in q.choices] == ["Mesh One", "Mesh Two", "Edge Proxy", "Plain Services"]
    ids = {o.title: o.id for o in kb.options.values()}
    rules = {c.option: c for c in kb.constraints if c.kind == "requires" and c.expr.name == "works_with"}
    assert set(rules[ids["Header routing"]].expr.values) == {"mesh-one", "edge-proxy"}
    assert (rules[ids["Header routing"]].source.path, rules[ids["Header routing"]].source.line) == ("strategies.md", 8)
    assert set(rules) == {ids["Gradual shift"], ids["Header routing"]}  # switching over works with every one


STORES = """---
title: Setting up the index store
description: The indexer supports Alder, Birch, Cedar and other stores for its index, and this page sets each one up.
---

Each store has different speed and is intended for different scenarios.

## Key-value stores

### Alder

Start Alder and point the indexer at it.

### Birch

Birch keeps everything in memory.

## Relational stores

### Cedar

Create a database in Cedar first.

### Dogwood

Dogwood needs a user with write rights.

## Troubleshooting

Read the log.
"""

SUMMARY = """---
title: Benchmark
description: This page covers the test hosts, the object storage and the metadata engines used.
---

## Test hosts

Two machines.

## Object storage

One bucket.

## Metadata engines

Three engines.
"""


def test_what_a_page_says_it_supports_each_in_a_section_of_its_own_are_the_alternatives(tmp_path: Path) -> None:
    kb = page_kb(tmp_path, "stores.md", STORES)
    assert [o.title for o in kb.options.values()] == ["Alder", "Birch", "Cedar", "Dogwood"]


def test_an_opening_that_sums_up_the_page_s_topics_presents_no_choice(tmp_path: Path) -> None:
    kb = page_kb(tmp_path, "benchmark.md", SUMMARY)
    assert not kb.options


ROLLOUTS = """# Choosing a rollout strategy

The tool offers three rollout strategies; pick the one that suits the service.

## Gradual shift

Traffic moves to the new version a little at a time; it is recommended for most services.

## Header routing

Requests carrying a chosen header go to the new version; only for testing with chosen users.

## Switch over

Everything moves at once after the checks; recommended when nothing can split traffic.

For Gradual shift and Header routing you'll need a traffic router like a mesh or an ingress.
"""


def test_what_you_need_for_the_alternatives_named_up_front_is_each_one_s_need(tmp_path: Path) -> None:
    kb = page_kb(tmp_path, "rollouts.md", ROLLOUTS)
    ids = {o.title: o.id for o in kb.options.values()}
    needing = {c.option for c in kb.constraints if c.kind == "requires" and "router" in c.expr.name}
    assert needing == {ids["Gradual shift"], ids["Header routing"]}


LEVELS = """
---
title: "Read levels"
---

The store offers selectable read levels of _Quick_ (the default), _Careful_ and _Exact_. Each is explained below.

## Quick

Served by any node; may be a little stale. The right choice for most readers.

## Careful

Checked with the leader first; slower.

## Exact

Goes through the log; only for tests, not for production.

## Which should I use?

Quick, unless a stale read would hurt.
"""


def test_front_matter_after_blank_lines_is_front_matter(tmp_path: Path) -> None:
    kb = page_kb(tmp_path, "levels.md", LEVELS)
    doc = kb.documents["levels.md"]
    assert doc.title == "Read levels" and doc.front_matter_line == 3
    assert [s.title for s in doc.sections if s.level == 2][0] == "Quick"  # no heading made of the front matter


def test_levels_an_opening_offers_by_name_each_with_a_section_are_the_alternatives(tmp_path: Path) -> None:
    kb = page_kb(tmp_path, "levels.md", LEVELS)
    assert [o.title for o in kb.options.values()] == ["Quick", "Careful", "Exact"]
