"""Constraints and recommendations read from sentences: counts, versions, purpose limits, advice,
migration paths and qualifiers — by sentence shape, never by a product's words."""

from __future__ import annotations

from pathlib import Path

import pytest
from fingerpost.kb import compile_path
from fingerpost.kb.extract import patterns as pt
from fingerpost.kb.extract.words import sentences, value_id, word_forms


@pytest.mark.parametrize("text, expected", [
    ("Three servers are required.", [(">=", 3, "servers")]),
    ("You need at least two replicas.", [(">=", 2, "replicas")]),
    ("A minimum of 5 brokers is needed.", [(">=", 5, "brokers")]),
    ("The pool supports up to 8 workers.", [("<=", 8, "workers")]),
    ("The primary streams to one or more replicas.", []),          # describes, states no need
    ("Two nodes are not required.", []),
    ("It needs at least 4 GB of memory.", []),                     # a size, not a count of things
    ("A single server can handle up to 100 million active series.", [("<=", 100_000_000, "series")]),  # a capacity
    ("It scales to up to 10,000 nodes.", [("<=", 10_000, "nodes")]),
    ("The primary streams to up to 3 replicas.", []),              # describes, states no need or capacity
])
def test_counts(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert [(c.op, c.n, c.unit) for c in pt.counts(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("As of Widget v3.1, it can be used.", [("Widget", ">=", "3.1")]),
    ("Before v2.4, a restart must be done.", [("", "<", "2.4")]),
    ("For Widget v1.0-v1.2, there is no path.", [("Widget", ">=", "1.0"), ("Widget", "<", "1.3")]),
    ("For Widget v2.4.x, either works.", [("Widget", ">=", "2.4"), ("Widget", "<", "2.5")]),
    ("It is available since Tidewater 12.", [("Tidewater", ">=", "12")]),
    ("Widget 2.0 and later support it.", [("Widget", ">=", "2.0")]),
    ("We have 12 servers.", []),
    ("The minimum supported Tidewater is version 9.5.", [("Tidewater", ">=", "9.5")]),
    ("The recommended Widget version is 2.2.1 or greater.", [("Widget", ">=", "2.2.1")]),  # not `is`
    ("Widget cluster 1.10+", [("Widget", ">=", "1.10")]),                                   # not `cluster`
])
def test_version_bounds(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(b.product, b.op, b.version) for b in pt.versions(text)] == expected


@pytest.mark.parametrize("text, limited", [
    ("It is intended for testing and demonstration only.", True),
    ("This mode is only suitable for development.", True),
    ("The embedded store is not recommended for production use.", True),
    ("Do not use the local runner in production.", True),
    ("It is used in production by many teams.", False),
    ("Testing takes only a minute.", False),
])
def test_purpose_limits(text: str, limited: bool) -> None:
    assert (pt.purpose_limit(text) > 0) is limited


def test_advice_audience_migration_and_qualifiers() -> None:
    assert pt.advice("We strongly recommend it.") == ("strong", True)
    assert pt.advice("Running workloads there is not advised.") == ("normal", False)
    assert pt.advice("It is fast.") is None
    assert pt.audience("We recommend hosted runners for open-source projects.") == "open-source projects"
    assert pt.audience("We recommend it for the best performance.") == ""
    m = pt.migration("There is no migration path from a single box to a cluster.")
    assert (m.source, m.target) == ("a single box", "a cluster")
    assert pt.qualifier("For ARM clusters, two nodes are enough.") == ("ARM", "clusters")
    assert pt.qualifier("For that reason, we recommend it.") is None
    assert pt.main_clause("We recommend A, because B is slow.") == "We recommend A"


def test_words_helpers() -> None:
    assert [s for _, s in sentences("Use v2.4. Then stop, e.g. now. Done.")] == ["Use v2.4.", "Then stop, e.g. now.", "Done."]
    assert value_id("No outbound internet at all") == "no-outbound-internet"
    assert value_id("In an air gap environment", drop={"level"}) == "air-gap"
    assert "air gapped" in word_forms("air gap")


PAGE = """# Choosing a broker layout

## Layouts

### Single broker

One broker process. It is intended for development and testing only.

### Replicated brokers

For KRaft clusters, three brokers are required. For ZooKeeper clusters, only two brokers are
required. We recommend replicated brokers for production systems.
As of Acme 3.5, Acme can run on a KRaft cluster.

### Tiered brokers

Tiered brokers move old segments to object storage. They are available as of Acme 3.6.
There is no migration path from tiered brokers to single broker.

## Operations

We recommend a load balancer in front of any layout.
"""


def test_sentences_become_cited_constraints_and_recommendations(tmp_path: Path) -> None:
    page = tmp_path / "brokers.md"
    page.write_text(PAGE, encoding="utf-8")
    kb = compile_path(page)
    ids = {o.title: o.id for o in kb.options.values()}
    single, replicated, tiered = ids["Single broker"], ids["Replicated brokers"], ids["Tiered brokers"]
    got = {(c.option, c.kind, c.text, c.source.line) for c in kb.constraints}
    assert (single, "excludes", 'purpose == "production"', 7) in got
    assert (replicated, "requires", 'not (cluster == "kraft") or brokers >= 3', 11) in got
    assert (replicated, "requires", 'not (cluster == "zookeeper") or brokers >= 2', 11) in got
    assert (replicated, "requires", 'cluster != "kraft" or (acme_version >= 3.5)', 13) in got
    assert (tiered, "requires", "acme_version >= 3.6", 17) in got
    assert any(c.option == tiered and c.kind == "excludes" and c.text.startswith("move_to_") for c in kb.constraints)
    recs = {(r.option, r.text, r.strength) for r in kb.recommendations}
    assert recs == {(replicated, 'purpose == "production"', "normal"), (single, 'purpose == "testing"', "weak")}, \
        "the only option kept for testing is, weakly, the one to try things out with"
    assert kb.questions["cluster"].kind == "choice"
    assert [c.value for c in kb.questions["cluster"].choices] == ["kraft", "zookeeper"]
    assert kb.questions["brokers"].unit == "brokers"
    assert all(c.source.quote and c.source.confidence < 1 for c in kb.constraints)
    ambiguous = [p for p in kb.problems if p.code == "ambiguous"]
    assert [p.line for p in ambiguous] == [22], "advice that names no option is reported, not guessed"
    assert not [r for r in kb.recommendations if r.source.line == 22]


def test_a_part_that_becomes_available_is_required_only_by_who_needs_it(tmp_path: Path) -> None:
    page = tmp_path / "brokers.md"
    page.write_text(PAGE.replace("They are available as of Acme 3.6.",
                                 "They are available as of Acme 3.6. Compaction support for tiered brokers is "
                                 "available as of Acme 4.1."), encoding="utf-8")
    kb = compile_path(page)
    tiered = next(o.id for o in kb.options.values() if o.title == "Tiered brokers")
    got = {(c.option, c.kind, c.text) for c in kb.constraints}
    assert (tiered, "requires", "acme_version >= 3.6") in got, "the option itself: required of everyone"
    assert (tiered, "requires", "not compaction or (acme_version >= 4.1)") in got, "a part of it: only if needed"
    assert (tiered, "requires", "acme_version >= 4.1") not in got
    assert kb.questions["compaction"].kind == "yesno"
    assert kb.questions["compaction"].text == "Do you need compaction?"


MODES = """# Run modes

Glimmer runs in one of two modes.

## Solo mode

Everything runs in one process. Fast disks are recommended for production deployments.

Use solo mode when:

- You are trying Glimmer out or evaluating it
- Operational simplicity matters more than independent scaling

## Fleet mode

Every component runs on its own.

Use fleet mode when:

- You are running a production deployment
- You need to scale reads and writes separately
"""


def test_a_lead_that_leaves_its_condition_to_a_list_reads_each_item_as_the_condition(tmp_path: Path) -> None:
    page = tmp_path / "modes.md"
    page.write_text(MODES, encoding="utf-8")
    kb = compile_path(page)
    ids = {o.title: o.id for o in kb.options.values()}
    solo, fleet = ids["Solo mode"], ids["Fleet mode"]
    recs = {(r.option, r.text, r.source.line) for r in kb.recommendations}
    assert (solo, 'purpose == "testing"', 11) in recs
    assert (fleet, 'purpose == "production"', 20) in recs
    assert any(r.option == fleet and r.source.line == 21 and r.text for r in kb.recommendations)
    simplicity = next(r for r in kb.recommendations if r.source.line == 12)
    assert simplicity.option == solo and "scaling" not in simplicity.text, "what it is weighed against is not the condition"
    assert not any(r.source.line == 7 for r in kb.recommendations), \
        "advice about another thing (fast disks) in a mode's section does not recommend the mode"


def test_advice_about_another_thing() -> None:
    assert pt.advised_elsewhere("Object storage is recommended for production deployments.")
    assert pt.advised_elsewhere("We recommend a load balancer.")
    assert not pt.advised_elsewhere("This mode is recommended for production.")
    assert not pt.advised_elsewhere("It is strongly recommended for large clusters.")
    assert not pt.advised_elsewhere("We recommend using it for production.")


@pytest.mark.parametrize("text, advised", [
    ("The recommended way to keep the client address in this setup is to set the traffic policy to Local.", None),
    ("If the service already exists in the cluster, it is recommended to delete it.", None),
    ("We recommend that you restart the pods after the change.", None),
    ("It is therefore not recommended to use it.", ("normal", False)),
    ("This mode is recommended for production.", ("normal", True)),
    ("It is strongly recommended to use the operator.", ("strong", True)),
])
def test_advice_to_do_something_within_an_alternative_is_no_advice_about_it(text: str, advised: object) -> None:
    assert pt.advice(text) == advised


@pytest.mark.parametrize("text, thing", [
    ("Similarly to cloud environments, this approach requires an edge component providing a public entrypoint.",
     "an edge component"),
    ("There is no independent scaling: you scale vertically.", "independent scaling"),
    ("In short, it requires a shared file system for the journals.", "a shared file system"),
])
def test_a_requirement_after_a_fronted_aside_and_before_a_participle(text: str, thing: str) -> None:
    need = pt.requirement(text)
    assert need is not None and need.thing == thing


def test_a_margin_is_no_count_needed_and_advice_on_another_thing_recommends_no_option(tmp_path: Path) -> None:
    assert pt.counts("It may overshoot its limit by at least one message.") == []
    assert pt.advised_thing("it is recommended to use the fastest disks possible") == "the fastest disks"
    (tmp_path / "queues.md").write_text(
        "# Queue types\n\nYou can choose between two queue types.\n\n## Classic queues\n\nThe simplest queues.\n\n"
        "## Replicated queues\n\nAs replicated queues persist all data to disk, it is recommended to use the fastest "
        "disks possible. It is recommended that all replicated queues have a dead letter configuration.\n",
        encoding="utf-8")
    kb = compile_path(tmp_path)
    assert sorted(o.title for o in kb.options.values()) == ["Classic queues", "Replicated queues"]
    assert kb.recommendations == []


def test_a_step_advised_under_a_condition_recommends_no_option(tmp_path: Path) -> None:
    """ "If the old Service exists, it is recommended to delete it": a step within the option, not a
    reason to pick it — no recommendation, and no question of whether the Service exists."""
    (tmp_path / "expose.md").write_text(
        "# Exposing the proxy\n\nYou can choose between two ways to expose the proxy.\n\n## Host network\n\n"
        "The proxy binds the ports on each node. If the proxy Service exists in the target cluster, it is "
        "recommended to delete it.\n\n## Node ports\n\nThe proxy is reached on a high port of every node. If you "
        "need a stable address, it is recommended to use a load balancer in front.\n", encoding="utf-8")
    kb = compile_path(tmp_path)
    assert sorted(o.title for o in kb.options.values()) == ["Host network", "Node ports"]
    assert [r.because for r in kb.recommendations if r.option.startswith("host")] == []


def test_a_purpose_limit_recommends_for_testing_only_the_option_it_singles_out(tmp_path: Path) -> None:
    (tmp_path / "stores.md").write_text(
        "# Storage backends\n\nYou can choose between three storage backends.\n\n## Memory\n\nKeeps everything in "
        "memory. It is intended for development and testing only.\n\n## File\n\nWrites to a local file. It is "
        "intended for development and testing only.\n\n## Raft\n\nReplicates data across nodes.\n", encoding="utf-8")
    kb = compile_path(tmp_path)
    assert len(kb.options) == 3
    assert sum(c.text == 'purpose == "production"' for c in kb.constraints) == 2
    assert [r for r in kb.recommendations if r.text == 'purpose == "testing"'] == [], \
        "two options kept for testing: the limit singles out neither"


def test_data_lost_on_a_restart_and_advice_for_newcomers_become_questions_people_answer(tmp_path: Path) -> None:
    from fingerpost.engine.language.understand import understand

    (tmp_path / "stores.md").write_text(
        "# Storage backends\n\nYou can choose between three storage backends.\n\n## Memory\n\nKeeps everything in "
        "memory. It is intended for development and testing only. All data is lost when the server is restarted.\n\n"
        "## File\n\nWrites to a local file. It is intended for development and testing only.\n\n## Database\n\n"
        "Keeps data in an external database. If you're new to running Tidewater, we recommend Database as the "
        "easiest backend to operate.\n", encoding="utf-8")
    kb = compile_path(tmp_path)
    memory = next(o.id for o in kb.options.values() if o.title == "Memory")
    assert any(c.option == memory and c.kind == "excludes" and c.text == "survives_restart" for c in kb.constraints)
    assert kb.questions["survives_restart"].kind == "yesno"
    assert any(r.text == "new_user" for r in kb.recommendations), "the newcomer is the condition, not Tidewater"
    assert "tidewater" not in kb.questions

    def said(text: str) -> dict:
        return {f.question: f.value for f in understand(kb, text).facts}

    assert said("I honestly don't care if everything is gone after a restart") == {"survives_restart": False}
    assert said("a dev box that should keep its data across restarts").get("survives_restart") is True
    assert said("we are new to Tidewater") == {"new_user": True}
