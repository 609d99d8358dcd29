"""Choices that real pages present twice over, or in a table that recommends: a table whose columns are
also sub-headings, a sentence counting things before a list of them, a `Recommended …` row under columns
that are situations, alternatives that each come in a few kinds — and pages written for Jekyll sites."""

from __future__ import annotations

from pathlib import Path

from fingerpost.kb import compile_path
from fingerpost.kb.read import read_text

AGENTS = """# Collectors

The tool watches the host through a collector.

There are several supported collectors:

- Stream probe *(default)*
- Kernel hook

|            | Kernel hook | Stream probe |
| ---------- | ----------- | ------------ |
| **amd64**  | >= 3.10     | recent       |
| **arm64**  | >= 3.10     | recent       |

## Kernel hook

The kernel hook is loaded into the running kernel. It needs full privileges.

## Stream probe

The stream probe ships inside the binary, so nothing is downloaded. It needs a recent kernel.
"""


def test_sub_headings_named_as_a_tables_columns_are_the_alternatives_the_table_compares(tmp_path: Path) -> None:
    (tmp_path / "collectors.md").write_text(AGENTS, encoding="utf-8")
    kb = compile_path(tmp_path)
    lines = AGENTS.split("\n")
    assert sorted(o.title for o in kb.options.values()) == ["Kernel hook", "Stream probe"]
    assert {o.source.line for o in kb.options.values()} == {lines.index("## Kernel hook") + 1,
                                                            lines.index("## Stream probe") + 1}, \
        "each alternative is presented by its own section, not by the table's header"


def test_a_counting_sentence_and_a_list_alone_are_no_choice(tmp_path: Path) -> None:
    page = """# Setup

There are several required packages:

- curl
- tar

## Installing

Install them with the package manager.
"""
    (tmp_path / "setup.md").write_text(page, encoding="utf-8")
    assert not compile_path(tmp_path).options, "a list of parts is not a choice unless something else agrees"


def test_headings_a_list_names_and_that_already_propose_themselves_are_not_counted_twice(tmp_path: Path) -> None:
    page = AGENTS.replace("|            | Kernel hook | Stream probe |\n| ---------- | ----------- | ------------ |\n"
                          "| **amd64**  | >= 3.10     | recent       |\n| **arm64**  | >= 3.10     | recent       |\n", "")
    (tmp_path / "collectors.md").write_text(page, encoding="utf-8")
    assert not compile_path(tmp_path).options, "a counted list and headings named like it, with nothing that weighs them"


ENGINES = """# Storage engines

## Cluster shapes

| Criteria            | One node     | Many nodes, shared disks      | Many nodes, storage apart |
| ------------------- | ------------ | ----------------------------- | ------------------------- |
| Nodes               | One          | Several                       | Several                   |
| Recommended engines | Local engine | Local engine and Copied engine | Copied engine            |

## Engines

The engines fall into two categories.

### Local engine

Volumes live on the disk of one node. It is well suited to apps that copy their own data.

| Feature     | Local on a path | Local on a volume group |
| ----------- | --------------- | ----------------------- |
| Snapshots   | No              | Yes                     |
| Fast        | Yes             | Yes                     |

### Copied engine

Volumes are copied to several nodes. It is recommended when a node may fail.

### Summary

Pick by the shape of the cluster.
"""


def test_a_recommended_row_under_situation_columns_asks_which_situation_and_recommends_per_answer(tmp_path: Path) -> None:
    (tmp_path / "engines.md").write_text(ENGINES, encoding="utf-8")
    kb = compile_path(tmp_path)
    assert sorted(o.title for o in kb.options.values()) == ["Copied engine", "Local engine"]
    q = kb.questions["cluster_shapes"]
    assert [c.value for c in q.choices] == ["one-node", "many-nodes-shared", "many-nodes-storage"]
    recs = {(r.option, r.text, r.strength) for r in kb.recommendations if "cluster_shapes" in r.text}
    assert ("local", 'cluster_shapes == "one-node"', "normal") in recs
    assert ("copied", 'cluster_shapes == "many-nodes-storage"', "normal") in recs
    assert {("local", 'cluster_shapes == "many-nodes-shared"', "weak"),
            ("copied", 'cluster_shapes == "many-nodes-shared"', "weak")} <= recs, "a cell naming both favours each a little"
    assert not any(c.option == "local" and "snapshots" in c.text for c in kb.constraints), \
        "columns that are kinds of one engine do not rule that engine out where one kind lacks a feature"


PATTERNS = """# Cluster topologies

This page describes the layouts we recommend.

## One site

| Deployment type | Speed                 | Survives             | Setup                                            |
| --------------- | --------------------- | -------------------- | ------------------------------------------------ |
| Trial           | fast reads and writes | nothing              | <ul><li>1 node</li><li>no copies</li></ul>       |
| Basic site      | fast reads and writes | the loss of one zone | <ul><li>3 zones</li><li>3 or more nodes</li></ul> |

## Many sites

| Pattern        | Speed                                                              |
|----------------+--------------------------------------------------------------------|
| Home rows      | Fast writes in the home site of each row, slower reads elsewhere.   |
| Shared rows    | Fast reads in every site, at the cost of slower writes everywhere.  |
| Stale reads    | Fast local reads of slightly old data, slower writes across sites.  |
"""


def test_alternatives_that_each_list_their_kinds_in_a_table_are_one_decision_of_those_kinds(tmp_path: Path) -> None:
    (tmp_path / "patterns.md").write_text(PATTERNS, encoding="utf-8")
    kb = compile_path(tmp_path)
    assert sorted(o.title for o in kb.options.values()) == ["Basic site", "Home rows", "Shared rows", "Stale reads", "Trial"]


def test_jekyll_markup_is_read_as_the_page_it_links_and_the_text_it_holds() -> None:
    page = """# Patterns

{{site.data.alerts.callout_info}}
Latency is shown on the [network page]({% link {{ page.version.version }}/network.md %}).
{{site.data.alerts.end}}

{{site.base_gateway}} can run without a database.

| Pattern | Speed |
|---------+-------|
| Trial   | <ul><li>1 node</li><li>no copies</li></ul> |
"""
    doc = read_text("patterns.md", page)
    assert [lk.target for lk in doc.links] == ["network.md"]
    assert not any("site.data" in p.text for p in doc.paragraphs)
    assert any(p.text.startswith("base gateway can run") for p in doc.paragraphs)  # a variable read as its words
    assert [[c.text for c in row] for row in doc.tables[0].rows] == [["Trial", "1 node; no copies"]]


STRATEGIES = """# Release strategies

## Which strategy to choose

Here is how the approaches compare.

|                        | Swap/Flip | Slow roll | Routed roll |
|-----------------------:|:---------:|:---------:|:-----------:|
| Needs traffic router   | No        | No        | Yes         |
| Works with job runners | Yes       | No        | No          |
| Header routing         | No        | No        | Yes         |
"""


def test_a_needs_row_makes_the_yes_column_require_it_and_names_with_a_slash_are_alternatives(tmp_path: Path) -> None:
    (tmp_path / "strategies.md").write_text(STRATEGIES, encoding="utf-8")
    kb = compile_path(tmp_path)
    assert sorted(o.title for o in kb.options.values()) == ["Routed roll", "Slow roll", "Swap/Flip"]
    said = {(c.option, c.text) for c in kb.constraints}
    assert ("routed", "not traffic_router") in said, "the column that needs a router is out without one"
    assert not any(c.option != "routed" and "traffic_router" in c.text for c in kb.constraints), \
        "not needing a router rules nothing out"
    assert kb.questions["traffic_router"].text == "Do you have a traffic router?"
    assert kb.questions["works_job_runners"].text == "Do you need it to work with job runners?"
    assert {"slow", "routed"} == {c.option for c in kb.constraints if c.text == "works_job_runners"}


SHAPES = """# Deployment topologies

From a single server to a cluster of servers with relay nodes, the service grows with you.

## A single server

One process serves every client. It is recommended for development.

## A cluster of servers

Three or more servers share the load. It is recommended for production.

## With relay nodes

Relay nodes extend a cluster or a single server to the edge. A relay node keeps serving its local
clients while it is cut off, and each relay node forwards what they send once it is back.
"""


def test_a_sub_heading_whose_text_keeps_to_its_own_subject_is_an_alternative_though_it_names_the_others(
        tmp_path: Path) -> None:
    (tmp_path / "shapes.md").write_text(SHAPES, encoding="utf-8")
    kb = compile_path(tmp_path)
    assert sorted(o.title for o in kb.options.values()) == ["A cluster of servers", "A single server", "With relay nodes"]


MODES_OF_ONE = """# Gateway

## Deployment modes

### One route table per gateway controller

Each gateway gets a table of its own. This is the simplest mode and suits small teams.

### Several route tables per gateway controller

One controller serves many tables. It is recommended when teams share a controller.

### Separate gateway controllers

Each team runs a controller of its own, for strict isolation.

### Supported modes

All of the above are supported on Kubernetes.

### Multi-tenancy

Teams are kept apart by namespaces.
"""


def test_sub_headings_sharing_a_word_most_of_them_under_a_choosing_section_title_are_the_alternatives(
        tmp_path: Path) -> None:
    (tmp_path / "modes.md").write_text(MODES_OF_ONE, encoding="utf-8")
    kb = compile_path(tmp_path)
    assert sorted(o.title for o in kb.options.values()) == [
        "One route table per gateway controller", "Separate gateway controllers",
        "Several route tables per gateway controller"]
