"""Choices presented in tab groups, counted names after a comma, and sentences that name no case of the reader's."""

from __future__ import annotations

from pathlib import Path

from fingerpost.kb import compile_path
from fingerpost.kb import expr as ex
from fingerpost.kb.extract.choices.tab_group import tab_groups
from fingerpost.kb.extract.conditions import condition
from fingerpost.kb.extract.patterns import requirement


def _kb(tmp_path: Path, text: str, name: str = "page.mdx"):
    page = tmp_path / name
    page.write_text(text, encoding="utf-8")
    return compile_path(page)


STORES = """# Storage for the index

The index supports the following storage options:

- Local disk
- Object store
- SQL table

**Storage options**

<Tabs
  defaultValue="disk"
  values={[
    { label: 'Local disk', value: 'disk', },
    { label: 'Object store', value: 'object', },
    { label: 'SQL table', value: 'sql', },
  ]}>
<TabItem value="disk">

The default. Only suitable for a single replica, since the disk is not shared.

</TabItem>
<TabItem value="object">

Recommended for production: every replica reads the same bucket.

</TabItem>
<TabItem value="sql">

Requires a database server that you run yourself.

</TabItem>
</Tabs>
"""


def test_a_tab_group_presents_the_alternatives_with_their_panels(tmp_path: Path) -> None:
    kb = _kb(tmp_path, STORES)
    titles = sorted(o.title for o in kb.options.values())
    assert titles == ["Local disk", "Object store", "SQL table"]
    sql = next(o for o in kb.options.values() if o.title == "SQL table")
    assert sql.source.line == STORES.splitlines().index("<TabItem value=\"sql\">") + 1  # the tab's own line
    assert any(c.option == sql.id for c in kb.constraints), "the panel's requirement is its tab's"


FORMATS = """# Buffering

Buffers keep records while the output is slow.

{% tabs %}
{% tab title="agent.yaml" %}
Set the buffer size in the YAML file.
{% endtab %}
{% tab title="agent.conf" %}
Set the buffer size in the classic file.
{% endtab %}
{% endtabs %}

Later the same switch again:

{% tabs %}
{% tab title="agent.yaml" %}
Only recommended for testing.
{% endtab %}
{% tab title="agent.conf" %}
Only recommended for testing.
{% endtab %}
{% endtabs %}
"""


def test_tabs_that_switch_how_one_thing_is_shown_present_no_choice(tmp_path: Path) -> None:
    groups = tab_groups(FORMATS)
    assert [[label for label, _ in g.tabs] for g in groups] == [["agent.yaml", "agent.conf"]] * 2
    kb = _kb(tmp_path, FORMATS, "page.md")
    assert not kb.options


def test_tab_syntaxes_of_several_sites_are_read() -> None:
    material = '=== "Helm"\n\n    Use the chart.\n\n=== "Manifests"\n\n    Apply the files.\n\nAfter the tabs.\n'
    hugo = '{{< tabs >}}\n{{% tab header="Operator" %}}\nA.\n{{% /tab %}}\n{{% tab header="Manifest" %}}\nB.\n{{% /tab %}}\n{{< /tabs >}}\n'
    jsx = '<Tabs>\n<TabItem label="Cloud" value="c">\nA.\n</TabItem>\n<TabItem value="On premises">\nB.\n</TabItem>\n</Tabs>\n'
    assert [label for label, _ in tab_groups(material)[0].tabs] == ["Helm", "Manifests"]
    assert tab_groups(material)[0].end == 8  # the group ends before the first line that is not indented
    assert [label for label, _ in tab_groups(hugo)[0].tabs] == ["Operator", "Manifest"]
    assert [label for label, _ in tab_groups(jsx)[0].tabs] == ["Cloud", "On premises"]


PROVIDERS = """# Networking

## Pod networking

The cluster runs any standard network plugin, and ships with two built-in providers, Flannel and Weave.

### Flannel

Flannel is the default and uses the least memory.

- Does NOT support Windows nodes

### Weave

Weave encrypts traffic between nodes and is recommended when nodes talk over untrusted networks.

## Ports
"""


def test_a_counting_sentence_that_names_the_alternatives_after_a_comma(tmp_path: Path) -> None:
    kb = _kb(tmp_path, PROVIDERS, "page.md")
    assert sorted(o.title for o in kb.options.values()) == ["Flannel", "Weave"]
    windows = [c for c in kb.constraints if "windows" in str(c.expr).lower()]
    assert windows and windows[0].option == "flannel", "a list item with no subject speaks of its option"


def test_a_requirement_said_without_its_subject() -> None:
    assert requirement("Does NOT support Windows nodes") is not None
    assert requirement("Does NOT support Windows nodes").needed is False
    assert requirement("Requires a kernel newer than 5.4.").needed is True
    assert requirement("Nodes are listed below.") is None
    assert requirement("SQLite needs no server at all.") is None


def test_a_condition_on_the_alternative_itself_is_no_case_of_the_readers() -> None:
    assert condition("If you want to explicitly set this option, you can use:") is None
    assert condition("If you want to set it, you can use the following:") is None
    assert condition("If you need custom settings, use the chart instead.").id == "settings"


STORAGE = """---
title: Database integrations
---

We generally recommend using PostgreSQL for the state store. If high availability is not a consideration
we also support [SQLite3](https://sqlite.example.org/).

## PostgreSQL

Any version its developers still support.

## MySQL

Supported, though discouraged. If you choose to go with MySQL, we recommend the MariaDB flavour.
"""

SQLITE = """---
title: SQLite3
---

If you run a single instance, SQLite3 needs no server at all.
"""


def test_an_opening_that_recommends_one_sub_heading_presents_them_all(tmp_path: Path) -> None:
    (tmp_path / "sqlite.md").write_text(SQLITE, encoding="utf-8")
    (tmp_path / "databases.md").write_text(STORAGE, encoding="utf-8")
    kb = compile_path(tmp_path)
    titles = sorted(o.title for o in kb.options.values())
    assert titles == ["MySQL", "PostgreSQL", "SQLite3"], "the page of the name offered besides is one more option"
    assert not any(q.id == "mysql" for q in kb.questions.values()), "choosing MySQL is no case of the reader's"
    assert [r.option for r in kb.recommendations if r.when is None] == ["postgresql"]


def test_a_sub_heading_is_not_a_choice_because_the_opening_recommends_reading_it(tmp_path: Path) -> None:
    text = ("# Guide\n\nWe recommend reading Prerequisites first, then following the steps.\n\n"
            "## Prerequisites\n\nA cluster.\n\n## Install the agent\n\nRun the script.\n")
    assert not _kb(tmp_path, text, "guide.md").options


def test_what_an_alternative_is_useful_for_trying_recommends_it_for_trying(tmp_path: Path) -> None:
    text = ("# Modes\n\nThe service runs in one of two modes.\n\n## Single process\n\nSingle process mode is useful for "
            "getting started quickly and for small volumes.\n\n## Distributed\n\nEach component runs on its own and "
            "scales on its own.\n")
    kb = _kb(tmp_path, text, "modes.md")
    single = next(o.id for o in kb.options.values() if o.title == "Single process")
    assert any(r.option == single and r.when is not None and "testing" in str(r.when) for r in kb.recommendations)
    busy = ("# Modes\n\nThe service runs in one of two modes.\n\n## Single process\n\nSingle process mode is designed for "
            "the next generation of hardware and is under active development.\n\n## Distributed\n\nScales.\n")
    assert not any("testing" in str(r.when) for r in _kb(tmp_path, busy, "busy.md").recommendations)


PROVISIONING = """# Provisioning

There are two ways to deploy the gateway: static provisioning and dynamic provisioning.

Static provisioning makes sense for users who:
- prefer the traditional model of deploying the gateway
- have only a single gateway
- want to use just the standard listener ports

Dynamic provisioning makes sense for users who:
- have many gateways
- want to use additional listener ports

## Static provisioning

Deploy one instance by hand.

## Dynamic provisioning

A provisioner deploys one instance per gateway.
"""


def test_a_list_of_the_users_an_alternative_makes_sense_for_gives_its_cases(tmp_path: Path) -> None:
    kb = _kb(tmp_path, PROVISIONING, "provisioning.md")
    texts = {q.id: q.text for q in kb.questions.values()}
    assert texts.get("model") == "Does this apply: traditional model?", "named by its model, not by what it deploys"
    assert texts.get("gateway") == "Will you have single gateway?"
    standard = next(q for q, t in texts.items() if "standard listener ports" in t)
    assert not any("additional listener ports" in t for t in texts.values()), "the opposite count is the same question"
    static = next(o.id for o in kb.options.values() if o.title == "Static provisioning")
    dynamic = next(o.id for o in kb.options.values() if o.title == "Dynamic provisioning")
    assert {ex.to_text(r.when) for r in kb.recommendations if r.option == static} >= {"model", standard, "gateway"}
    assert {ex.to_text(r.when) for r in kb.recommendations if r.option == dynamic} == {f"not {standard}", "not gateway"}


def test_cases_that_end_in_the_same_word_are_two_questions(tmp_path: Path) -> None:
    text = ("# Modes\n\nChoose one of two modes.\n\n## Embedded\n\nUse embedded mode if you need fast local disks.\n\n"
            "## Remote\n\nUse remote mode if you need shared network disks.\n")
    kb = _kb(tmp_path, text, "modes.md")
    assert len([q for q in kb.questions.values() if "disks" in q.text]) == 2


RUNNERS = """# Executors

## Selecting the executor

Choose the executor that fits how your jobs run.

| Executor | Docker | Kubernetes | Shell | SSH |
|---|:-:|:-:|:-:|:-:|
| Clean build environment for every build | ✓ | ✓ | ✗ | ✗ |
| Runner file system access protected | ✓ | ✓ | ✗ | ✓ |

### Docker executor

Runs each job in a container. Recommended for most projects.

### Kubernetes executor

Runs each job as a pod. Requires a Kubernetes cluster.
"""


def test_alternatives_only_a_comparison_table_names_complete_the_headed_ones(tmp_path: Path) -> None:
    kb = _kb(tmp_path, RUNNERS, "executors.md")
    titles = [o.title for o in sorted(kb.options.values(), key=lambda o: o.order)]
    assert titles[:2] == ["Docker executor", "Kubernetes executor"]
    assert sorted(titles[2:]) == ["SSH", "Shell"]
    shell = next(o.id for o in kb.options.values() if o.title == "Shell")
    assert any(c.option == shell for c in kb.constraints), "its column's ✗ rules it out for what the row needs"


def test_sibling_headings_one_tagged_as_the_one_to_take_are_alternatives(tmp_path: Path) -> None:
    text = ("# Official releases\n\nReleases come as packages and as binaries.\n\n"
            "## Using packages for Debian (recommended)\n\nThe package sets up a service user.\n\n"
            "## Using standalone binaries (advanced)\n\nYou create the user and the service yourself.\n\n"
            "## Troubleshooting\n\nRead the logs.\n")
    kb = _kb(tmp_path, text, "official.md")
    assert sorted(o.title for o in kb.options.values()) == ["Using packages for Debian (recommended)",
                                                           "Using standalone binaries (advanced)"]
    plain = text.replace(" (recommended)", "").replace(" (advanced)", "")
    assert not _kb(tmp_path, plain, "plain.md").options, "headings alike with no tag are no choice by themselves"
