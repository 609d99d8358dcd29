"""A long post that leans to an option is answered from that option's pages first."""

from __future__ import annotations

from pathlib import Path

from fingerpost.engine.answers.from_docs import answer_question
from fingerpost.kb import compile_path

INDEX = """# Backends

The agent runs each pipeline step on one of several backends.

| Backend | Linux | Windows |
|-|-|-|
| [Container](container.md) | ✅ | ✅ |
| [Cluster](cluster.md) | ✅ | ❌ |

## Logging

The server writes its log to standard output; set the level with the log option.

## Secrets

Secrets are stored encrypted in the database and handed to steps as environment variables.

## Webhooks

The forge calls the server's webhook on every push, tag and pull request.

## Metrics

The server exports metrics on its own port for a scraper to collect.
"""
CONTAINER = """# Container

The container backend starts every step of the pipeline in a container on the agent's host.
Old step volumes of the pipeline stay on the host, so clean the volumes of finished steps now and then.
"""
CLUSTER = """# Cluster

The cluster backend starts every step of the pipeline as a pod in the cluster.
Each step's pod gets labels naming the pipeline and the step, so you can find the pods of a pipeline.
"""
POST = ("Please add a way to run the pipeline steps in our cluster. Our company migrated every team to the same "
        "fleet last spring, so each machine is a cluster node now, and keeping separate hosts with step volumes "
        "on each host just for the agent is what finance wants us to stop. Which part of the documentation covers starting "
        "steps this way for a whole pipeline, including retries, caching and approvals?")


def _kb(tmp_path: Path):
    for name, text in (("index.md", INDEX), ("container.md", CONTAINER), ("cluster.md", CLUSTER)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return compile_path(tmp_path)


def test_a_post_leaning_to_an_option_is_answered_from_its_page(tmp_path: Path) -> None:
    kb = _kb(tmp_path)
    plain = answer_question(kb, POST)
    assert {s.source.path for s in plain.statements} == {"container.md"}, "without a leaning: where the words are most"
    cluster = next(o.id for o in kb.options.values() if o.title == "Cluster")
    toward = answer_question(kb, POST, toward=cluster)
    assert toward.found and {s.source.path for s in toward.statements} == {"cluster.md"}
