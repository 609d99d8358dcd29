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


HTML_TABLE = """# Storage

## Ledger vs. Shelf

If you are new to this, we recommend Shelf.

<table>
  <thead>
    <tr>
      <td></td>
      <td>[**Ledger**](./ledger.md)</td>
      <td>[**Shelf**](./shelf.md)</td>
    </tr>
  </thead>

  <tbody>
    <tr>
      <td>**Operation**</td>
      <td>
        Simpler to set up, with nothing else to install, but operators must learn how it
        elects a leader.
      </td>
      <td>Needs an external database that your team installs and runs next to it.</td>
    </tr>

    <tr>
      <td>**Networking**</td>
      <td>Data is local, so reads are fast and writes wait for the other members.</td>
      <td>Every read and write crosses the network to the database.</td>
    </tr>
  </tbody>
</table>
"""


def test_a_raw_html_table_is_read_like_a_markdown_table_and_can_present_the_choice(tmp_path: Path) -> None:
    from fingerpost.kb.read import read_text

    doc = read_text("storage.md", HTML_TABLE)
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert [c.text for c in table.header] == ["", "Ledger", "Shelf"]
    assert [r[0].text for r in table.rows] == ["Operation", "Networking"]
    assert table.row_lines == [17, 26], "each row cites its own line, across the blank lines that split the HTML"
    assert table.rows[0][1].text.startswith("Simpler to set up, with nothing else to install")
    assert not [p for p in doc.paragraphs if "elects a leader" in p.text], "cell text is not read again as prose"
    for name in ("ledger", "shelf"):
        (tmp_path / f"{name}.md").write_text(f"# {name.title()}\n\nHow to run it.\n", encoding="utf-8")
    (tmp_path / "storage.md").write_text(HTML_TABLE, encoding="utf-8")
    kb = compile_path(tmp_path)
    assert sorted(o.title for o in kb.options.values()) == ["Ledger", "Shelf"]
    assert any(r.option == "shelf" for r in kb.recommendations)


MODES = """# Run modes

Glimmer runs in solo mode or in fleet mode.

## Solo mode

Everything runs in one process. There is no independent scaling: you can only add memory.
The solo backend does not support high availability.

## Fleet mode

This mode requires a message broker, such as Kestrel, between the components.
Care needs to be taken when upgrading.
"""


def test_what_an_alternative_needs_or_cannot_give_becomes_a_question_and_a_constraint(tmp_path: Path) -> None:
    (tmp_path / "modes.md").write_text(MODES, encoding="utf-8")
    kb = compile_path(tmp_path)
    got = {(c.option, c.kind, c.text) for c in kb.constraints}
    assert ("solo", "excludes", "independent_scaling") in got
    assert ("solo", "excludes", "high_availability") in got
    assert ("fleet", "requires", "message_broker") in got
    assert not any(c.source.line == 14 for c in kb.constraints), "'needs to be taken' needs nothing"
    assert kb.questions["message_broker"].text == "Do you have a message broker?"
    assert kb.questions["high_availability"].text == "Do you need high availability?"


def test_a_page_beside_the_options_own_pages_titled_like_them_is_one_more_alternative(tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    (store / "index.md").write_text(HTML_TABLE.replace("./ledger.md", "./ledger.md").replace("# Storage", "# Stores"),
                                    encoding="utf-8")
    (store / "ledger.md").write_text("# Ledger storage backend\n\nIt keeps data on every member.\n", encoding="utf-8")
    (store / "shelf.md").write_text("# Shelf storage backend\n\nIt keeps data in a database.\n", encoding="utf-8")
    (store / "memory.md").write_text(
        "# Memory storage backend\n\nIt keeps data in memory.\n\n"
        "**No High Availability** – the Memory backend does not support high availability.\n", encoding="utf-8")
    (store / "tuning.md").write_text("# Tuning the cache\n\nSet the cache size.\n", encoding="utf-8")
    kb = compile_path(store)
    assert sorted(o.title for o in kb.options.values()) == ["Ledger", "Memory storage backend", "Shelf"]
    memory = next(o for o in kb.options.values() if o.title == "Memory storage backend")
    assert (memory.source.path, memory.source.line) == ("memory.md", 1) and memory.source.confidence < 1
    assert any(c.option == memory.id and c.kind == "excludes" and c.text == "high_availability"
               for c in kb.constraints), "what its own page says it cannot give is its own"


def test_advice_under_a_condition_holds_only_then_and_a_page_says_what_its_subject_is_for(tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    (store / "index.md").write_text(HTML_TABLE, encoding="utf-8")
    (store / "ledger.md").write_text("# Ledger storage backend\n\nIt keeps data on every member.\n", encoding="utf-8")
    (store / "shelf.md").write_text("# Shelf storage backend\n\nIt keeps data in a database.\n", encoding="utf-8")
    (store / "memory.md").write_text(
        "# Memory storage backend\n\nThis is useful for development and experimentation, but it is "
        "discouraged in production.\n", encoding="utf-8")
    kb = compile_path(store)
    shelf = [r for r in kb.recommendations if r.option == "shelf"]
    assert shelf and all(r.when is not None for r in shelf), "'If you are new to this, we recommend Shelf': only then"
    memory = next(o.id for o in kb.options.values() if o.title == "Memory storage backend")
    assert any(r.option == memory and r.text == 'purpose == "testing"' for r in kb.recommendations)


def test_the_page_titled_for_the_kind_of_its_alternatives_wins_over_a_hub_that_mentions_them(tmp_path: Path) -> None:
    (tmp_path / "configure.md").write_text(MODES_PAGE.replace("# Deployment modes", "# Configure Glimmer"),
                                           encoding="utf-8")
    deep = tmp_path / "set-up" / "plan" / "run"
    deep.mkdir(parents=True)
    (deep / "modes.md").write_text(MODES_PAGE, encoding="utf-8")
    for n in range(5):
        (tmp_path / f"topic{n}.md").write_text(f"# Topic {n}\n\nSee [configuration](configure.md).\n", encoding="utf-8")
    kb = compile_path(tmp_path)
    assert {o.source.path for o in kb.options.values()} == {"set-up/plan/run/modes.md"}, \
        "the page about the modes, not the hub page many link to"


MODES_PAGE = """# Deployment modes

Glimmer runs in one of two modes.

## Solo mode

Use solo mode when you are evaluating Glimmer.

## Fleet mode

Use fleet mode when you are running a production deployment.
"""


CACHE_PAGE = """# Saving the cache to disk

The cache offers a range of saving options. These include:

* **Snapshots**: the whole cache is written out every few minutes.
* **Journal**: every change is appended to a log as it happens.
* **No saving**: nothing is written to disk. This is often used when the data can be rebuilt from elsewhere.
* **Snapshots + Journal**: both at once in the same instance.

## Snapshot advantages

* A snapshot is one compact file that is easy to copy off the host.

## Journal disadvantages

* A journal can use a lot of memory if many changes arrive during a rewrite.

## Which should I use?

You should use both saving methods if you want the safety of a classic database.

If you care about the data, but can live with a few minutes of loss after a crash, you can simply use snapshots alone.
"""


def test_a_range_of_options_with_the_option_of_doing_without_and_one_joining_two(tmp_path: Path) -> None:
    (tmp_path / "saving.md").write_text(CACHE_PAGE, encoding="utf-8")
    kb = compile_path(tmp_path)
    assert sorted(kb.options) == ["journal", "no-saving", "snapshots", "snapshots-journal"]
    recs = {r.option: r.text for r in kb.recommendations}
    assert set(recs) == {"no-saving", "snapshots", "snapshots-journal"}  # `both` is the joined option
    assert "rebuilt" in recs["no-saving"]  # named by what the condition says, not by `from elsewhere`
    assert "loss" in recs["snapshots"]  # the `but` belongs to the condition; `simply use` still advises
    sides = {(t.option, t.side) for t in kb.tradeoffs}
    assert ("snapshots", "pro") in sides and ("journal", "con") in sides  # `X advantages` / `Y disadvantages`
    assert not any(r.option == "journal" for r in kb.recommendations)  # `can use a lot of memory if …`


def test_a_fronted_condition_may_hold_a_but() -> None:
    c = condition("If you care about the data, but can live with a few minutes of loss, you can simply use snapshots.")
    assert c is not None and "loss" in c.phrase
    assert condition("A journal can use a lot of memory if many changes arrive.") is None
    used = condition("This is often used when the data can be rebuilt.")
    assert used is not None and not used.judged


def test_an_index_titled_by_a_kind_lays_out_one_page_per_alternative(tmp_path: Path) -> None:
    store = tmp_path / "storage"
    store.mkdir()
    (store / "_index.md").write_text("---\ntitle: Storage Backends\n---\n\nThe collector keeps spans in a backend.\n",
                                     encoding="utf-8")
    (store / "memory.md").write_text("---\ntitle: Memory\n---\n\nSpans stay in memory. It is not intended for "
                                     "production workloads.\n", encoding="utf-8")
    (store / "disk.md").write_text("---\ntitle: Local disk\n---\n\n**Cons**:\n\n* It is only suitable for one node, "
                                   "so it cannot scale horizontally.\n", encoding="utf-8")
    (store / "cluster.md").write_text("---\ntitle: Database cluster\n---\n\nA database cluster keeps the spans.\n",
                                      encoding="utf-8")
    kb = compile_path(tmp_path)
    assert sorted(o.title for o in kb.options.values()) == ["Database cluster", "Local disk", "Memory"]
    said = {(c.option, c.kind, c.text) for c in kb.constraints}
    assert ("memory", "excludes", 'purpose == "production"') in said
    assert ("local-disk", "excludes", "scaling_horizontally") in said  # `cannot scale horizontally`


def test_an_index_of_pages_that_weigh_nothing_presents_no_choice(tmp_path: Path) -> None:
    guide = tmp_path / "guides"
    guide.mkdir()
    (guide / "_index.md").write_text("---\ntitle: Guides\n---\n\nStep-by-step guides.\n", encoding="utf-8")
    for name in ("upgrade", "backup", "restore"):
        (guide / f"{name}.md").write_text(f"---\ntitle: {name.title()}\n---\n\nHow to {name}.\n", encoding="utf-8")
    assert compile_path(tmp_path).options == {}


NESTED = """# Installation

The tool has two kinds of installation: shared and solo.

## Shared

The shared installation serves many teams from one place.

Two kinds of shared manifests are provided:

### Small footprint

Not recommended for production use. It is typically used for demonstrations.

### Highly available

The highly available installation is recommended for production use.

## Solo

The solo installation suits one administrator who needs no web console. It is easier to set up.

## Upgrading

Upgrade with the same manifests.
"""


def test_a_named_alternative_holding_a_choice_of_its_own_is_replaced_by_it(tmp_path: Path) -> None:
    (tmp_path / "installation.md").write_text(NESTED, encoding="utf-8")
    kb = compile_path(tmp_path)
    assert [o.title for o in sorted(kb.options.values(), key=lambda o: o.source.line)] == \
        ["Small footprint", "Highly available", "Solo"]  # `Upgrading` is not named by the sentence
    recs = {(r.option, r.text) for r in kb.recommendations}
    assert any(o == "highly-available" and "production" in t for o, t in recs)


APPROACHES = """# Exposing the service on your own hardware

Clouds hand out load balancers on demand; your own machines do not.

The rest of this page describes a few recommended approaches to exposing the service.

## A software load balancer

It announces addresses itself. It needs a pool of dedicated addresses.

## Over a node port

Simple to set up, but clients must use high port numbers.

## Via the host network

Best when the nodes have public addresses; only one instance can run per node.

## Using an edge appliance

Recommended when a hardware load balancer already sits in front of the cluster.

## External addresses

Not recommended: the source address of clients is lost.
"""

THESE_OPTIONS = """# Limits

## Limits and gates

Limits reject a request; gates make it wait.

By default they are off. These options should be added to every receiver.

### Writing the configuration file

The file follows a few rules.

### Request limits

Only limits for requests.

### Request gates

Only gates for requests.
"""


def test_the_last_sentence_before_sub_headings_announces_them_even_without_a_colon(tmp_path: Path) -> None:
    (tmp_path / "own-hardware.md").write_text(APPROACHES, encoding="utf-8")
    kb = compile_path(tmp_path)
    assert sorted(o.title for o in kb.options.values()) == sorted(
        ["A software load balancer", "Over a node port", "Via the host network", "Using an edge appliance",
         "External addresses"])


def test_a_sentence_pointing_back_at_these_options_announces_nothing_after_it(tmp_path: Path) -> None:
    (tmp_path / "limits.md").write_text(THESE_OPTIONS, encoding="utf-8")
    kb = compile_path(tmp_path)
    assert "Writing the configuration file" not in {o.title for o in kb.options.values()}


def test_a_choice_on_a_page_that_is_one_alternative_of_a_layout_stays_inside_it(tmp_path: Path) -> None:
    store = tmp_path / "storage"
    store.mkdir()
    (store / "_index.md").write_text("---\ntitle: Storage Backends\n---\n\nThe collector keeps spans in a backend.\n",
                                     encoding="utf-8")
    (store / "memory.md").write_text("---\ntitle: Memory\n---\n\nSpans stay in memory. It is not intended for "
                                     "production workloads.\n", encoding="utf-8")
    (store / "disk.md").write_text("---\ntitle: Local disk\n---\n\nIt is only suitable for one node.\n", encoding="utf-8")
    (store / "search.md").write_text(
        "---\ntitle: Search engine\n---\n\n## Index strategies\n\nThe search engine supports three index strategies:\n\n"
        "- **Daily indices**: the simplest; recommended for small volumes.\n"
        "- **Manual rollover**: an operator must run a cron job.\n"
        "- **Automatic rollover**: recommended for large volumes.\n",
        encoding="utf-8")
    kb = compile_path(tmp_path)
    assert sorted(o.title for o in kb.options.values()) == ["Local disk", "Memory", "Search engine"]


ROADMAP = """# Installing

## Roadmap

Use the following table to determine your installation method.

|  | Local | Manifests | Operator |
| --- | --- | --- | --- |
| Purpose | trying it out | production | production |
| Cluster | a local one | an existing one | an existing one |

Then follow the steps for your method:

**Local**:

The simplest way to try it out.

1. Install the command line tools.
1. Run the local plugin.

**Manifests**:

Install from plain manifests. This is the most useful if you manage the cluster with GitOps tools.

1. Apply the manifests.

**Operator**:

Recommended when many clusters must be kept alike.

1. Install the operator.
1. Create the custom resources.
"""


def test_a_sentence_announcing_a_table_and_labels_standing_over_steps_present_one_choice(tmp_path: Path) -> None:
    (tmp_path / "install.md").write_text(ROADMAP, encoding="utf-8")
    kb = compile_path(tmp_path)
    assert sorted(o.title for o in kb.options.values()) == ["Local", "Manifests", "Operator"]


def test_labels_with_nothing_under_them_are_no_alternatives(tmp_path: Path) -> None:
    (tmp_path / "terms.md").write_text("# Terms\n\n**Cluster**:\n\n**Node**:\n\n**Pod**:\n", encoding="utf-8")
    assert compile_path(tmp_path).options == {}


FAQ = "# Questions\n\n" + "".join(f"## How do I do task {n}?\n\nRun the command for task {n}.\n\n" for n in range(1, 32)) + """
## Which edition is recommended for production - standalone or cluster?

Both the standalone edition and the cluster edition are production-ready.

The standalone edition is easier to operate and is recommended in most cases.

The cluster edition is required when tenants must be kept apart, since the standalone edition does not support tenants.
"""


def test_a_faq_answer_whose_question_names_the_alternatives_presents_the_choice(tmp_path: Path) -> None:
    (tmp_path / "faq.md").write_text(FAQ, encoding="utf-8")
    kb = compile_path(tmp_path)
    assert sorted(o.title for o in kb.options.values()) == ["cluster", "standalone"]
    assert {o.source.line for o in kb.options.values()} == {FAQ.split("\n").index(
        "Both the standalone edition and the cluster edition are production-ready.") + 1}


def test_a_title_joining_two_steps_with_or_names_no_alternatives(tmp_path: Path) -> None:
    (tmp_path / "nodes.md").write_text("# Nodes\n\n## Adding or removing nodes\n\nAdding nodes is recommended when "
                                       "load grows; removing nodes requires a drain.\n", encoding="utf-8")
    assert compile_path(tmp_path).options == {}


ANNOUNCEMENT = """---
title: Concepts
---

## Address allocation

Addresses come from pools you give it.

## External announcement

Once an address is assigned, the network must learn where it lives, depending on which mode is used: ARP, NDP, or BGP.

### Layer 2 mode (ARP/NDP)

One machine answers for the address. It is the simplest to set up.

### BGP

Every machine peers with routers you control; this requires routers that speak BGP.
"""


def test_depending_on_which_mode_is_used_announces_the_sub_headings(tmp_path: Path) -> None:
    (tmp_path / "concepts.md").write_text(ANNOUNCEMENT, encoding="utf-8")
    kb = compile_path(tmp_path)
    assert sorted(o.title for o in kb.options.values()) == ["BGP", "Layer 2 mode (ARP/NDP)"]


def test_an_index_announcing_ways_lays_out_its_pages_and_an_unindexed_sub_folder_as_alternatives(tmp_path: Path) -> None:
    deploy = tmp_path / "deploy"
    (deploy / "other").mkdir(parents=True)
    (deploy / "_index.md").write_text("---\ntitle: Deploy the relay\n---\n\nThe relay is one binary that you can deploy "
                                      "in different ways for different needs.\n", encoding="utf-8")
    (deploy / "agent.md").write_text("---\ntitle: Agent pattern\n---\n\nOne relay per host. **Cons**: more relays to "
                                     "update.\n", encoding="utf-8")
    (deploy / "gateway.md").write_text("---\ntitle: Gateway pattern\n---\n\nOne central relay. It is recommended for "
                                       "large fleets.\n", encoding="utf-8")
    (deploy / "other" / "none.md").write_text("---\ntitle: No relay\n---\n\nSend data straight to the backend. It is "
                                              "only suitable for small setups.\n", encoding="utf-8")
    kb = compile_path(tmp_path)
    assert sorted(o.title for o in kb.options.values()) == ["Agent pattern", "Gateway pattern", "No relay"]


def test_a_purpose_row_of_a_comparison_table_keeps_the_local_column_out_of_production(tmp_path: Path) -> None:
    (tmp_path / "install.md").write_text(ROADMAP, encoding="utf-8")
    kb = compile_path(tmp_path)
    said = {(c.option, c.kind, c.text) for c in kb.constraints}
    assert ("local", "excludes", 'purpose == "production"') in said
    assert not any(c.option in ("manifests", "operator") and "purpose" in c.text for c in kb.constraints)
    lines = ROADMAP.split("\n")
    assert {o.source.line for o in kb.options.values()} == {lines.index(f"**{t}**:") + 1 for t in ("Local", "Manifests", "Operator")}  # the labels that describe them, not the table


CONTRASTS = """# Editions

The store comes in two editions: standalone and cluster.

## Standalone

One process on one host. It is the simplest to run.

## Cluster

Several processes on many hosts. It is recommended for large installations.

## Differences

- The cluster edition supports multitenancy,
  but the standalone edition does not.
- The cluster edition supports data replication, while the standalone edition relies on the disk below it.
"""


def test_what_one_alternative_supports_and_another_does_not_rules_the_other_out(tmp_path: Path) -> None:
    (tmp_path / "editions.md").write_text(CONTRASTS, encoding="utf-8")
    kb = compile_path(tmp_path)
    said = {(c.option, c.kind, c.text) for c in kb.constraints}
    assert ("standalone", "excludes", "multitenancy") in said
    assert ("standalone", "excludes", "data_replication") in said
    assert not any(c.option == "cluster" and c.kind == "excludes" for c in kb.constraints)


EITHER = """---
title: Deploy the runtime on a cluster
---

When setting up the runtime on a cluster, you can use either the command line tool or Helm.

## Install with the command line tool

You can install the runtime with the command line tool.

### Installation options

#### Install from the official chart

Run the install command.

#### Install from a private chart

Point the install command at your registry.

## Install with Helm

Add the chart repository and install the chart.

## Related links

- The overview.
"""


def test_either_a_or_b_names_the_sub_headings_it_announces(tmp_path: Path) -> None:
    (tmp_path / "deploy.md").write_text(EITHER, encoding="utf-8")
    kb = compile_path(tmp_path)
    assert sorted(o.title for o in kb.options.values()) == ["Install with Helm", "Install with the command line tool"]


SPECTRUM = """# Deployment architectures

From one process to a global super-cluster, you can adapt the deployment to your needs.

## One process

The simplest: clients connect to the one process.

## A cluster of processes

Processes joined together, for fault tolerance and more capacity.

## A super-cluster

Clusters joined across regions, for disaster recovery.

## See also

- Clustering.
"""


def test_sub_headings_the_opening_sentence_names_under_a_kind_title_are_alternatives(tmp_path: Path) -> None:
    (tmp_path / "deploy.md").write_text(SPECTRUM, encoding="utf-8")
    kb = compile_path(tmp_path)
    assert sorted(o.title for o in kb.options.values()) == ["A cluster of processes", "A super-cluster", "One process"]


SUPPORT = """# Where the worker runs

The worker runs jobs through an engine. Not every engine is built for every system.

## Engine support per system

| Engine | Linux | Windows | macOS |
| --- | --- | --- | --- |
| [Pods](engines/pods.md) | Supported | – | – |
| [Boxes](engines/boxes.md) | Supported | Supported[^wsl] | – |
| [Bare](engines/bare.md) | Supported | Supported | [WIP] |

[^wsl]: Through a compatibility layer.
"""


def test_a_support_table_of_alternatives_with_a_page_each_is_the_choice_and_its_columns_a_question(tmp_path: Path) -> None:
    (tmp_path / "systems.md").write_text(SUPPORT, encoding="utf-8")
    (tmp_path / "engines").mkdir()
    for name in ("Pods", "Boxes", "Bare"):
        (tmp_path / "engines" / f"{name.lower()}.md").write_text(f"# {name}\n\nThe {name.lower()} engine runs each job.\n",
                                                                 encoding="utf-8")
    kb = compile_path(tmp_path)
    assert sorted(o.title for o in kb.options.values()) == ["Bare", "Boxes", "Pods"]
    system = kb.questions["system"]
    assert [c.label for c in system.choices] == ["Linux", "Windows", "macOS"], "a brand is a name, not a code key"
    ruled = {(kb.options[c.option].title, c.text) for c in kb.constraints if c.kind == "excludes"}
    assert ruled == {("Pods", 'system == "windows"'), ("Pods", 'system == "macos"'), ("Boxes", 'system == "macos"')}, \
        "a dash rules its row out; a footnoted or work-in-progress mark does not"


def test_a_support_table_without_a_per_heading_is_not_read_as_one_question(tmp_path: Path) -> None:
    (tmp_path / "systems.md").write_text(SUPPORT.replace("Engine support per system", "Engine support"), encoding="utf-8")
    (tmp_path / "engines").mkdir()
    for name in ("Pods", "Boxes", "Bare"):
        (tmp_path / "engines" / f"{name.lower()}.md").write_text(f"# {name}\n\nThe {name.lower()} engine runs each job.\n",
                                                                 encoding="utf-8")
    kb = compile_path(tmp_path)
    assert sorted(o.title for o in kb.options.values()) == ["Bare", "Boxes", "Pods"]
    assert "system" not in kb.questions


PURPOSES = """# Installing the scheduler

## Deploying the scheduler

### 1. Deploy the lightweight build for first experiments:

Apply the small manifest.

### 2. Deploy the scheduler as part of the suite for production ready environments:

This includes access control for many teams.

### 3. Deploying the scheduler in resource mode for non-production experiments:

Definitions live as cluster resources.
"""

BY_MEANS = """# Using the scheduler

## When using the web console

Open the console.

## When using the client library

Import the library.

## When using the HTTP interface

Call the endpoint.
"""


def test_numbered_headings_that_each_say_what_their_way_is_for_are_alternatives_advised_for_that(tmp_path: Path) -> None:
    (tmp_path / "install.md").write_text(PURPOSES, encoding="utf-8")
    (tmp_path / "usage.md").write_text(BY_MEANS, encoding="utf-8")
    kb = compile_path(tmp_path)
    titles = {o.id: o.title for o in kb.options.values()}
    assert sorted(titles.values()) == ["Deploy the lightweight build", "Deploy the scheduler as part of the suite",
                                       "Deploying the scheduler in resource mode"], \
        "the page weighing its ways for production and for trying out is the decision, not the how-to by means"
    advised = {(titles[r.option], r.text) for r in kb.recommendations}
    assert ("Deploy the scheduler as part of the suite", 'purpose == "production"') in advised
    assert ("Deploy the lightweight build", 'purpose == "testing"') in advised
    assert any(titles[c.option] == "Deploying the scheduler in resource mode" and c.kind == "excludes"
               and c.text == 'purpose == "production"' for c in kb.constraints)


def test_numbered_steps_that_do_not_say_what_each_is_for_are_no_alternatives(tmp_path: Path) -> None:
    steps = PURPOSES.replace(" for first experiments", "").replace(" for production ready environments", "") \
        .replace(" for non-production experiments", "")
    (tmp_path / "install.md").write_text(steps, encoding="utf-8")
    assert not compile_path(tmp_path).options


DRIVERS = """---
title: Drivers
---

Several drivers run the guest. See the following flowchart to choose one:

```mermaid
flowchart LR
  host{"Host OS"} -- "Windows" --> shim["Shim"]
  host -->|Linux| full["Full"]
  host -->|macOS| native["Native"]
```
"""


def test_a_flowchart_to_choose_presents_its_end_nodes_and_their_pages_are_their_guides(tmp_path: Path) -> None:
    (tmp_path / "_index.md").write_text(DRIVERS, encoding="utf-8")
    (tmp_path / "native.md").write_text("---\ntitle: Native\n---\n\n| ⚡ Requirement | Tool >= 0.14, macOS >= 13.0 |\n"
                                        "|---|---|\n\n- It is only supported on macOS 13 or above.\n", encoding="utf-8")
    (tmp_path / "shim.md").write_text("---\ntitle: Shim\n---\n\nThe shim runs the guest.\n", encoding="utf-8")
    kb = compile_path(tmp_path)
    assert sorted(o.title for o in kb.options.values()) == ["Full", "Native", "Shim"]
    assert [c.label for c in kb.questions["host_os"].choices] == ["Windows", "Linux", "macOS"]
    assert {(r.option, r.text) for r in kb.recommendations} >= {
        ("shim", 'host_os == "windows"'), ("full", 'host_os == "linux"'), ("native", 'host_os == "macos"')}
    needs = {(c.option, c.text) for c in kb.constraints if c.kind == "requires"}
    assert {("native", "tool_version >= 0.14"), ("native", "macos_version >= 13")} <= needs, \
        "a requirement table and `… 13 or above` on the option's own page are its needs"


def test_caveats_naming_the_option_in_quotes_or_its_framework_are_its_limits(tmp_path: Path) -> None:
    (tmp_path / "_index.md").write_text(DRIVERS, encoding="utf-8")
    (tmp_path / "native.md").write_text(
        '---\ntitle: Native\n---\n\nThe native driver uses the system framework.\n\n### Caveats\n\n'
        '- Hypervisor.framework doesn\'t support running "foreign guests" and vice versa\n\n### Known Issues\n\n'
        '- "native" doesn\'t support `legacyBIOS: true` option, so old guests will not boot.\n', encoding="utf-8")
    kb = compile_path(tmp_path)
    limits = {c.source.line: kb.questions[c.text.split()[0]].kind for c in kb.constraints if c.option == "native"}
    assert limits == {9: "yesno", 13: "yesno"}, limits


def test_a_process_chart_with_unlabelled_branches_presents_no_choice(tmp_path: Path) -> None:
    (tmp_path / "flow.md").write_text("# Data flow\n\n```mermaid\ngraph LR\n  A[Input] --> B[Parser]\n  B --> C((Route))\n"
                                      "  C --> D[Output 1]\n  C --> E[Output 2]\n```\n", encoding="utf-8")
    assert not compile_path(tmp_path).options


STRATEGIES = """# Sync Strategy

You can set how the tool syncs with the `--sync` flag.

The tool supports `copy` and `link` strategies.

## Copy

If set to `copy` (the default), files are copied.

## Link

The problem with the `copy` strategy is that if files change after the copy, then stale files are served.
With this strategy, files are linked instead.
"""


def test_a_later_opening_paragraph_naming_the_sub_headings_and_a_problem_under_a_condition(tmp_path: Path) -> None:
    (tmp_path / "sync.md").write_text(STRATEGIES, encoding="utf-8")
    kb = compile_path(tmp_path)
    assert sorted(o.title for o in kb.options.values()) == ["Copy", "Link"]
    assert {(r.option, r.text) for r in kb.recommendations} == {("link", "files_change_after_copy")}
    assert kb.questions["files_change_after_copy"].kind == "yesno"


def test_an_alternative_called_the_default_in_a_parenthesis_is_named_so(tmp_path: Path) -> None:
    (tmp_path / "sync.md").write_text(STRATEGIES, encoding="utf-8")
    kb = compile_path(tmp_path)
    assert "the default" in kb.options["copy"].synonyms
    assert "the default" not in kb.options["link"].synonyms


GROUPED = """# Backends

The agent may be paired with several different backends. Once set, the backend should not be changed.

Tunnel is the recommended choice. direct-route is recommended for experienced users who want the speed.

## Recommended backends

### Tunnel

The tunnel backend wraps each packet. It works on every network.

### direct-route

The direct-route backend adds routes between the hosts. It is faster, but needs a flat network.

## Experimental backends

The following backends are experimental and unsupported at this time.

### Alloc

Only allocates addresses; nothing is forwarded. It is the simplest, but the least useful.

### Sealed

Encrypts the traffic between hosts. It is safer, but slower.
"""


def test_alternatives_grouped_under_headings_of_one_kind_are_the_groups_sub_headings(tmp_path: Path) -> None:
    (tmp_path / "backends.md").write_text(GROUPED, encoding="utf-8")
    kb = compile_path(tmp_path)
    assert [o.title for o in sorted(kb.options.values(), key=lambda o: o.source.line)] == \
        ["Tunnel", "direct-route", "Alloc", "Sealed"], "not `Recommended backends` beside the experimental ones"
