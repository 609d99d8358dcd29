"""Options from headings and tables, answer-dependent links, and where inference must stay silent."""

from __future__ import annotations

from pathlib import Path

from fingerpost.kb import compile_path
from fingerpost.kb.extract.assemble import is_inferred


def _kb(tmp_path: Path, text: str, name: str = "page.md"):
    page = tmp_path / name
    page.write_text(text, encoding="utf-8")
    return compile_path(page)


CHOICE = """---
title: Picking a cache
weight: 4
aliases: [/cache/pick/]
---

# Picking a cache

## Cache options {#options}

### In-process cache

Keeps entries in the memory of each application instance. We recommend it for small services.

### Shared cache server

A separate server that every instance talks to. See [running the cache server](server).

### Other approaches

Some teams skip caching altogether.

## Cache by deployment

| Deployment | In-process | Shared server |
|---|---|---|
| One instance | [Enable it](in-process) | [Server guide](server) |
| Many instances | Not supported | [Server guide](server) and [clustering](server#cluster) |
"""


def test_sibling_headings_under_an_options_heading_become_options(tmp_path: Path) -> None:
    kb = _kb(tmp_path, CHOICE)
    assert [o.title for o in kb.top_options()] == ["In-process cache", "Shared cache server"]
    assert all(is_inferred(o) and o.source.confidence < 1 and o.source.quote for o in kb.options.values())
    assert [o.source.line for o in kb.top_options()] == [11, 15]


def test_an_answer_matrix_gives_a_question_guides_per_answer_and_exclusions(tmp_path: Path) -> None:
    kb = _kb(tmp_path, CHOICE)
    q = kb.questions["deployment"]
    assert q.kind == "choice" and [c.label for c in q.choices] == ["One instance", "Many instances"]
    shared = kb.options["shared"] if "shared" in kb.options else next(o for o in kb.options.values() if "Shared" in o.title)
    local = next(o for o in kb.options.values() if "In-process" in o.title)
    assert "deployment" in shared.variant_by
    many = q.choices[1].value
    links = {(d.href, d.text) for d in kb.doclinks if d.option == shared.id}
    assert ("server#cluster", f'deployment == "{many}"') in links
    excluded = [c for c in kb.constraints if c.option == local.id and c.kind == "excludes"]
    assert [c.text for c in excluded] == [f'deployment == "{many}"']
    assert excluded[0].source.line == 28


def test_settings_steps_and_faq_headings_are_not_a_choice(tmp_path: Path) -> None:
    text = """# Server reference

## Advanced options

### Listen address

The address to bind. The default is 0.0.0.0.

### Log level

How much to log; at least two handlers are required for rotation.

## Installation steps

### 1. Download

Get the archive.

### 2. Unpack

Unpack it.

## FAQ

### Why is it slow?

Because.

### Can I use it offline?

Yes.
"""
    kb = _kb(tmp_path, text)
    assert not kb.options and not kb.questions and not kb.constraints


def test_labelled_option_headings_are_a_choice_without_a_cue_in_the_title(tmp_path: Path) -> None:
    text = "# Certificates\n\n## Set up TLS\n\n### Option A: Self-signed\n\nQuick.\n\n" \
           "### Option B: Your own certificate\n\nFor production.\n"
    kb = _kb(tmp_path, text)
    assert [o.title for o in kb.top_options()] == ["Option A: Self-signed", "Option B: Your own certificate"]


def test_a_feature_table_turns_yes_no_rows_into_needs(tmp_path: Path) -> None:
    text = """# Choosing a queue

## Queue types

### Memory queue

Fast, but lost on restart.

### Disk queue

Survives restarts.

## Comparison

| Feature | Memory queue | Disk queue |
|---|---|---|
| Survives a restart | No | Yes |
| Throughput | High | Medium |
"""
    kb = _kb(tmp_path, text)
    q = kb.questions["survives_restart"]
    assert q.kind == "yesno"
    memory = next(o for o in kb.options.values() if o.title == "Memory queue")
    assert [(c.option, c.kind, c.text) for c in kb.constraints] == [(memory.id, "excludes", "survives_restart")]


def test_a_page_with_authored_options_gets_no_inferred_ones(tmp_path: Path) -> None:
    authored = CHOICE + "\n```yaml fingerpost\noption: mine\ntitle: My own option\n```\n"
    kb = _kb(tmp_path, authored)
    assert list(kb.options) == ["mine"]
    assert not [r for r in (*kb.constraints, *kb.doclinks, *kb.recommendations) if is_inferred(r)]


def test_an_annotated_question_wins_over_the_inferred_one_of_the_same_id(tmp_path: Path) -> None:
    (tmp_path / "questions.md").write_text(
        "# Questions\n\n```yaml fingerpost\nquestion: deployment\ntext: How many instances do you run?\n"
        "choices: [{value: one-instance, label: Just one}, {value: many-instances, label: Several}]\n```\n",
        encoding="utf-8")
    (tmp_path / "page.md").write_text(CHOICE, encoding="utf-8")
    kb = compile_path(tmp_path)
    q = kb.questions["deployment"]
    assert q.text == "How many instances do you run?" and q.source.confidence == 1.0
    assert [d for d in kb.doclinks if d.text == 'deployment == "many-instances"'], "inferred links use its answers"
    assert not [p for p in kb.problems if p.code == "duplicate"]


def test_the_embedded_pack_is_annotated_so_nothing_decision_shaped_is_inferred() -> None:
    kb = compile_path()
    inferred = [r for r in (*kb.options.values(), *kb.questions.values(), *kb.constraints, *kb.recommendations,
                            *kb.doclinks, *kb.prerequisites.values()) if is_inferred(r)]
    assert inferred == []


def test_a_which_should_i_use_page_presents_its_sections_even_when_their_titles_share_no_word(tmp_path: Path) -> None:
    text = """---
title: Which storage backend should I use?
---

## Local disk {#local}

Data lives on the server's own disks. It is only suitable for development.

## Erasure-coded pool {#erasure}

Data is split across drives. A minimum of four drives is required.

## Replicated pool {#replicated}

Each object is stored three times. We recommend it when drives differ in size.

## Further reading

- [Sizing](sizing.md)
"""
    kb = _kb(tmp_path, text)
    assert [o.title for o in kb.top_options()] == ["Local disk", "Erasure-coded pool", "Replicated pool"]
    assert {(c.option, c.text) for c in kb.constraints} == {
        ("local-disk", 'purpose == "production"'), ("erasure-coded", "drives >= 4")}


def test_a_which_page_of_procedures_is_not_a_choice(tmp_path: Path) -> None:
    text = """# Which steps do I follow?

## Installing the agent

Download it. You must be root.

## Configuring the agent

Edit the file. It should be readable.
"""
    assert not _kb(tmp_path, text).options


def test_a_feature_matrix_reads_emoji_marks_skips_its_notes_column_and_names_rows_by_their_group(tmp_path: Path) -> None:
    text = """# Classic engine and fast engine: feature support

| Feature | Classic engine | Fast engine | Support Notes |
| --- | --- | --- | --- |
| **Volumes** |  |  |  |
| Encryption | ✔️ | ✔️ | - |
| Cloning | Not planned | ✔️ | - |
| **Images** |  |  |  |
| Encryption | ✔️ | Not supported | Replaced later |
| Backup | ✔️ | ✔️ (beta) | - |
"""
    kb = _kb(tmp_path, text)
    assert sorted(o.title for o in kb.options.values()) == ["Classic engine", "Fast engine"]
    said = {(kb.questions[c.text].text, kb.options[c.option].title) for c in kb.constraints}
    assert said == {("Do you need cloning?", "Classic engine"), ("Do you need images encryption?", "Fast engine")}


def test_headings_weighing_one_mode_present_using_it_or_the_usual_way(tmp_path: Path) -> None:
    text = """# Collector relay mode

The relay mode forwards everything and keeps nothing; a normal collector server stores and queries data.

## Benefits of relay mode

- Uses a fraction of the memory.

## Downsides of relay mode

- No local queries.
- Alerting rules are not possible.
"""
    kb = _kb(tmp_path, text)
    assert sorted(o.title for o in kb.options.values()) == ["Normal collector server", "Relay mode"]
    assert sorted((kb.options[c.option].title, kb.questions[c.text].text) for c in kb.constraints) == [
        ("Relay mode", "Do you need alerting rules?"), ("Relay mode", "Do you need local queries?")]


def test_of_sibling_chapters_each_presenting_a_choice_the_first_is_the_page_s_decision(tmp_path: Path) -> None:
    text = """# Deployment models

## Cluster models

### Single cluster

Simplest; all workloads in one cluster. Recommended when you start.

### Multiple clusters

Use this when you need higher availability across zones.

### DNS with multiple clusters

How names resolve when you run several clusters.

## Tenancy models

Tenancy can be organised in three ways, and we recommend the one that fits your teams:

### Namespace tenancy

Recommended for small teams; each team gets a namespace.

### Cluster tenancy

Each team gets a cluster; required for strict isolation.

### Mesh tenancy

Each team gets a mesh; best for separate security domains.
"""
    kb = _kb(tmp_path, text)
    assert sorted(o.title for o in kb.options.values()) == ["Multiple clusters", "Single cluster"]


def test_a_limit_fronted_by_the_option_it_holds_for_rules_that_option_out(tmp_path: Path) -> None:
    text = """# V1 and V2 volumes

| Feature | V1 | V2 |
| --- | --- | --- |
| Snapshots | ✔️ | ✔️ |
| QoS | No | ✔️ |

## Revision counters

In V2, revision counters are not supported.
"""
    kb = _kb(tmp_path, text)
    assert ("v2", "excludes", "revision_counters") in {(c.option, c.kind, c.text) for c in kb.constraints}


PROFILED = """---
title: Deploy Acme Agent
---

# Deploy {{% param "FULL_PRODUCT_NAME" %}}

{{< param "PRODUCT_NAME" >}} runs in several topologies.

## As a central service

Runs on its own machines. We recommend you start looking towards sharding at a million series.

### Pros

- Scales on its own

### Use for

- Scalable collection

### Don't use for

- Host-level logs

## As a sidecar

Runs beside each application.

### Pros

- Nothing else to run

### Use for

- Serverless services

### Don't use for

- Long-lived applications

## Configure autoscaling

Set the replica count.
"""


def test_sub_headings_each_profiled_by_the_same_merit_headings_are_the_alternatives(tmp_path: Path) -> None:
    kb = _kb(tmp_path, PROFILED)
    assert sorted(o.title for o in kb.options.values()) == ["As a central service", "As a sidecar"]
    by_title = {o.id: o.title for o in kb.options.values()}
    rules = {(by_title[c.option], kb.questions[c.text].text) for c in kb.constraints}
    assert rules == {("As a central service", "Is it for host-level logs?"),
                     ("As a sidecar", "Is it for long-lived applications?")}
    recs = {(by_title[r.option], r.text) for r in kb.recommendations}
    assert recs == {("As a central service", "scalable_collection"), ("As a sidecar", "serverless_services")}


def test_a_site_parameter_is_read_as_the_name_the_title_gives_it() -> None:
    from fingerpost.kb.read import read_text

    doc = read_text("deploy.md", PROFILED)
    assert [s.title for s in doc.sections if s.level == 1] == ["Deploy Acme Agent"]
    assert doc.paragraphs[0].text == "Agent runs in several topologies."


def test_only_the_items_under_a_when_not_to_use_heading_rule_out_the_option_it_names(tmp_path: Path) -> None:
    text = """# Queue types

## Which queue type to use

### Durable queues

Replicated and safe. Recommended for most workloads.

### Fast queues

Kept in memory only. Suitable for small caches.

## When Not to Use Durable Queues

In some cases durable queues should not be used. They typically involve:

* Temporary queues: created and deleted all the time
* Lowest possible latency
"""
    kb = _kb(tmp_path, text)
    durable = next(o.id for o in kb.options.values() if o.title == "Durable queues")
    ruled = sorted(kb.questions[c.text].text for c in kb.constraints if c.option == durable)
    assert ruled == ["Is it for lowest possible latency?", "Is it for temporary queues?"]


def test_a_case_an_alternative_is_not_for_recommends_the_one_it_names_as_a_better_fit(tmp_path: Path) -> None:
    text = PROFILED.replace("- Long-lived applications", "- Long-lived applications (a central service is a better fit)")
    kb = _kb(tmp_path, text)
    by_title = {o.id: o.title for o in kb.options.values()}
    recs = {(by_title[r.option], r.text) for r in kb.recommendations}
    assert ("As a central service", "long_lived_applications") in recs


def test_a_row_sorting_the_alternatives_by_what_they_run_on_is_a_choice_each_requires(tmp_path: Path) -> None:
    text = """# Installing Widgets

Use the following table to determine your installation method.

|  | Quickstart | Manifests | Operator |
| --- | --- | --- | --- |
| Cluster | local, either `kind` or `Minikube` | existing | existing |
| Hardware | 3 CPU, 3 GB RAM | 6 CPUs, 6 GB memory | same as Manifests |

## Choose an installation method

### Quickstart

Recommended for trying things out.

### Manifests

Install with plain YAML, recommended for production.

### Operator

An operator manages the install; recommended for production.
"""
    kb = _kb(tmp_path, text)
    q = next(q for q in kb.questions.values() if q.kind == "choice" and "cluster" in q.text.lower())
    assert [c.value for c in q.choices] == ["local", "existing"]
    by_title = {o.id: o.title for o in kb.options.values()}
    needs = sorted((by_title[c.option], c.text) for c in kb.constraints if q.id in c.text)
    assert needs == [("Manifests", f'{q.id} == "existing"'), ("Operator", f'{q.id} == "existing"'),
                     ("Quickstart", f'{q.id} == "local"')]


def test_a_capacity_said_of_it_after_the_sentence_naming_the_option_bounds_that_option(tmp_path: Path) -> None:
    text = """# Which edition should I choose?

## Single-node edition

Recommended for most users: simple to run.

## Cluster edition

Recommended when you need to scale out.

## Sizing

The single-node edition scales vertically. It can handle up to 100 million active time series.
This is what we suggest: start small.
"""
    kb = _kb(tmp_path, text)
    single = next(o.id for o in kb.options.values() if o.title == "Single-node edition")
    bounds = [(c.option, c.text) for c in kb.constraints if "100000000" in c.text]
    assert bounds == [(single, "series <= 100000000")]
    assert not [r for r in kb.recommendations if r.option == single and not r.text]


TWO_CHOICES = """---
title: Installation
---

Tidewater offers several methods for installation: Helm and YAML manifest. For production, Helm is
the recommended method.

## Helm Chart

The chart is the recommended way for production installs.

## Install Tidewater using YAMLs

A single manifest also works, but for production the chart is preferred.

## Security vs Operability

Tidewater webhooks fail closed by default. Security means nothing gets past an unreachable webhook;
operability means excluding system namespaces so that the cluster recovers by itself.
"""


def test_the_opening_sentence_names_the_choice_and_a_quality_tradeoff_is_none(tmp_path: Path) -> None:
    (tmp_path / "install.md").write_text(TWO_CHOICES, encoding="utf-8")
    kb = compile_path(tmp_path)
    assert [o.title for o in kb.options.values()] == ["Helm Chart", "Install Tidewater using YAMLs"]


WITHOUT_PAGE = """# Choosing a storage mode

Pick one of these storage modes.

## DB-less mode

The gateway keeps its settings in memory. The sync tool also manages settings, but it requires a
database, so it can't be used in DB-less mode. It is best for small setups.

## Database mode

The gateway keeps its settings in a database. It is recommended for production.
"""


def test_an_option_named_for_what_it_does_without_is_said_so_and_needs_none_of_it(tmp_path: Path) -> None:
    (tmp_path / "modes.md").write_text(WITHOUT_PAGE, encoding="utf-8")
    kb = compile_path(tmp_path)
    less = next(o for o in kb.options.values() if o.title == "DB-less mode")
    assert {"no database", "without a database"} <= set(less.synonyms) and "db" not in less.synonyms
    assert not [c for c in kb.constraints if c.option == less.id and c.kind == "requires"]


def _reference_page() -> str:
    """A long tutorial (more than thirty headings) whose one choice is announced by a list of links to headings."""
    parts = ["# Cloud DNS\n\n## Permissions\n\nHere are three common ways to let the tool update records:\n\n"
             "- [Node role](#node-role)\n- [Static keys](#static-keys)\n- [Roles for service accounts](#roles-for-service-accounts)\n"]
    for name, text in (("Node role", "It is only suitable for limited test environments."),
                       ("Static keys", "Keys are long-lived and easy to leak."),
                       ("Roles for service accounts", "This is the preferred method. It requires an identity provider.")):
        parts.append(f"\n### {name}\n\n{text}\n")
        parts += [f"\n#### Step {k} for {name.lower()}\n\nRun the command.\n" for k in range(1, 10)]
    parts.append("\n## When using clusters with RBAC enabled\n\nApply the role.\n"
                 "\n## When using clusters without RBAC enabled\n\nApply the manifest.\n")
    return "".join(parts)


def test_on_a_long_page_an_announced_list_of_links_to_headings_is_the_choice(tmp_path: Path) -> None:
    (tmp_path / "dns.md").write_text(_reference_page(), encoding="utf-8")
    kb = compile_path(tmp_path)
    options = {o.title: o for o in kb.options.values()}
    assert set(options) == {"Node role", "Static keys", "Roles for service accounts"}
    preferred = [r for r in kb.recommendations if r.option == options["Roles for service accounts"].id and r.when is None]
    assert preferred  # `This is the preferred method`, said under its heading
    node = options["Node role"].id
    assert any(c.option == node and c.kind == "excludes" and "production" in c.text for c in kb.constraints)


INLINE_PAGE = """# Overlay networking

## Concepts

### Encapsulation types

Tidewater supports two types of encapsulation: VXLAN and IP in IP. VXLAN works in clouds where IP in IP
is blocked. IP in IP has a smaller header than VXLAN, and IP in IP is recommended on premises.

### Storage

Tidewater supports two kinds of storage: primary and archive. The primary storage holds recent traces and
the archive storage keeps the ones you save.
"""


def test_alternatives_counted_and_named_inline_under_a_title_announcing_them(tmp_path: Path) -> None:
    (tmp_path / "overlay.md").write_text(INLINE_PAGE, encoding="utf-8")
    kb = compile_path(tmp_path)
    assert [o.title for o in kb.options.values()] == ["VXLAN", "IP in IP"]  # `Storage` announces no kinds


POINTING_LIST = """# Installation

Tidewater can be installed with a Helm chart or with manifests.

## Helm Chart

Choose one of the installation configuration options based upon your environment type and availability needs.

- For a production installation, see the [High Availability](#high-availability-installation) section below.
- For a non-production installation, see the [Non-Production](#non-production-installation) section below.

### Non-Production Installation

Install the chart with its defaults. This is only suitable for testing.

### High Availability Installation

Install the chart with three replicas of each controller. This is recommended for production.

### Platform Specific Settings

Some platforms need extra values.

## Install Tidewater using manifests

Apply the release manifest. For production installations the chart is preferred.
"""


def test_a_list_pointing_to_a_heading_for_each_alternative_presents_them(tmp_path: Path) -> None:
    (tmp_path / "install.md").write_text(POINTING_LIST, encoding="utf-8")
    kb = compile_path(tmp_path)
    titles = {o.title for o in kb.options.values()}
    assert {"High Availability Installation", "Non-Production Installation"} <= titles
    assert "Platform Specific Settings" not in titles


PARTS_PAGE = """# Receiver

## Limits & gates (experimental)

Both protect the receiver from overload.

### Remote write request limits

Limits reject requests above a size. They are recommended for shared receivers.

### Remote write request gates

Gates cap how many requests run at once. They are useful for small receivers.
"""


def test_headings_a_title_joins_with_and_are_parts_not_alternatives(tmp_path: Path) -> None:
    (tmp_path / "receive.md").write_text(PARTS_PAGE, encoding="utf-8")
    assert not compile_path(tmp_path).options
    (tmp_path / "receive.md").write_text(PARTS_PAGE.replace("Limits & gates (experimental)", "Limits or gates"), encoding="utf-8")
    assert len(compile_path(tmp_path).options) == 2
