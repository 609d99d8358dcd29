"""Alternatives a page tags as discouraged, and an alternative the decision sends readers to on its own page
(`[streams](streams.md) may be a better option than quorum queues`)."""

from __future__ import annotations

from pathlib import Path

from engine_helpers import page_kb
from fingerpost.kb.pipeline import compile_path

HASHING = """# Receiver

The receiver accepts pushed samples and stores them.

## Distribution algorithms

The receiver supports two algorithms for spreading series over its nodes, set with one flag.

### Ring (recommended)

A consistent ring keeps most series in place when nodes join.

### Modulo (discouraged)

A modulo over the labels moves most series whenever a node joins.

### Replication

Every series is written to three nodes.
"""


def test_a_sibling_tagged_discouraged_beside_one_tagged_recommended_is_its_alternative(tmp_path: Path) -> None:
    kb = page_kb(tmp_path, "receiver.md", HASHING)
    titles = sorted(o.title for o in kb.options.values())
    assert titles == ["Modulo (discouraged)", "Ring (recommended)"]


DURABLE = """# Durable queues

Durable queues replicate every message to a majority of nodes.

## When not to use durable queues

* Temporary queues: created and deleted all the time
* Very long backlogs: ([logs](./logs.md) are likely to be a better fit)

For fan-out to many readers, [logs](./logs.md) may be a better option than durable queues.

## Feature matrix

| Feature | Plain queues | Durable queues |
| :--- | :--- | :--- |
| [Exclusive queues](./queues.md) | yes | no |
| [Message replication](./queues.md) | no | yes |
| [Priorities](./queues.md) | yes | yes |
"""

LOGS = """# Logs

Logs keep an append-only record that many readers can read again from any point.

## Feature matrix

| Feature | Plain | Log |
| :--- | :--- | :--- |
| [Exclusive queues](./queues.md) | yes | no |
| [Priorities](./queues.md) | yes | no |
"""

QUEUES = """# Queues

Queues hold messages until a consumer takes them.
"""


def _queues(tmp_path: Path):  # noqa: ANN202
    for name, text in (("logs.md", LOGS), ("queues.md", QUEUES), ("durable.md", DURABLE)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return compile_path(tmp_path)


def test_a_page_the_decision_calls_a_better_fit_joins_it_cited_at_its_own_title(tmp_path: Path) -> None:
    kb = _queues(tmp_path)
    logs = next(o for o in kb.options.values() if o.title == "Logs")
    assert {o.title for o in kb.options.values()} == {"Plain queues", "Durable queues", "Logs"}
    assert (logs.source.path, logs.source.line) == ("logs.md", 1)


def test_what_the_joined_alternative_s_own_comparison_rules_out_holds_in_the_decision(tmp_path: Path) -> None:
    kb = _queues(tmp_path)
    logs = next(o.id for o in kb.options.values() if o.title == "Logs")
    ruled_out = {c.text for c in kb.constraints if c.option == logs and c.kind == "excludes"}
    assert {"exclusive_queues", "priorities"} <= ruled_out


def test_the_case_that_rules_an_option_out_recommends_the_alternative_it_sends_readers_to(tmp_path: Path) -> None:
    kb = _queues(tmp_path)
    logs = next(o.id for o in kb.options.values() if o.title == "Logs")
    assert any(r.option == logs and r.text == "long_backlogs" for r in kb.recommendations)


CERTIFICATES = """# Certificates

There are multiple options to get a certificate:

- Using [acme](#automatic-certificates-recommended) (recommended)
- Using [a proxy](#proxy)
- Using [your own files](#bring-your-own-files)

## Provisioning methods

### Automatic certificates (Recommended)

The server asks a public authority for a certificate and renews it.

#### Example using a container

Recommended for most servers: run the helper container beside the server.

#### Example using a NAS

Only if your NAS renews certificates itself; it copies them over.

### Proxy

The proxy in front of the server holds the certificate.

### Bring your own files

Mount the certificate and key you already have.

## Testing a certificate

Connect with a TLS client and read the chain.
"""


def test_a_list_pointing_to_headings_that_name_each_differently_presents_the_headings(tmp_path: Path) -> None:
    kb = page_kb(tmp_path, "certificates.md", CERTIFICATES)
    assert sorted(o.title for o in kb.options.values()) == [
        "Automatic certificates (Recommended)", "Bring your own files", "Proxy"]


def test_examples_under_an_alternative_are_how_to_do_it_not_alternatives_of_their_own(tmp_path: Path) -> None:
    kb = page_kb(tmp_path, "certificates.md", CERTIFICATES)
    assert not any(o.title.startswith("Example") for o in kb.options.values())
