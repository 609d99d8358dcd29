"""The worked example in docs/examples/replication stays clean and keeps showing every block kind."""

from __future__ import annotations

import subprocess

from conftest import EXAMPLE_PACK, REPO, fingerpost_command
from fingerpost.kb import compile_path
from fingerpost.kb.extract.authored import KINDS, QUESTION_KINDS


def test_lint_is_clean_without_warnings() -> None:
    r = subprocess.run([fingerpost_command(), "lint", "--verbose", "docs/examples/replication"],
                       capture_output=True, text=True, cwd=REPO, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout == ""
    assert r.stderr.strip().endswith(": 0 errors, 0 warnings")


def _carrier(opener: str) -> str:
    """What holds a block, from the line just above its YAML."""
    if opener.startswith(("```", "~~~")):
        return "fence " + opener.strip("`~ ")
    if opener.startswith("<!--"):
        return "html comment"
    return "front matter" if opener.startswith("fingerpost:") else f"? {opener}"


def test_uses_every_block_kind_and_every_carrier() -> None:
    kb = compile_path(EXAMPLE_PACK)
    kinds, carriers = set(), set()
    for doc in kb.documents.values():
        lines = (EXAMPLE_PACK / doc.path).read_text(encoding="utf-8").splitlines()
        for block in doc.blocks:
            items = block.data if isinstance(block.data, list) else [block.data]
            kinds |= {next(k for k in item if k in KINDS) for item in items}
            carriers.add(_carrier(lines[block.line - 2].strip()))
    assert kinds == set(KINDS)
    assert carriers == {"fence fingerpost", "fence yaml fingerpost", "html comment", "front matter"}


def test_shows_each_feature_of_the_format() -> None:
    kb = compile_path(EXAMPLE_PACK)
    assert {q.kind for q in kb.questions.values()} == set(QUESTION_KINDS)
    assert any(q.ask_when is not None for q in kb.questions.values())
    assert all(kb.variants(o.id) for o in kb.top_options())
    assert any(o.variant_by for o in kb.options.values())
    assert {c.kind for c in kb.constraints} == {"requires", "excludes"}
    assert any(len(set(c.option for c in kb.constraints if c.source == c2.source)) > 1 for c2 in kb.constraints)
    assert {r.strength for r in kb.recommendations} >= {"normal", "strong"}
    assert {t.side for t in kb.tradeoffs} == {"pro", "con"}
    chain = [p.id for p in kb.prerequisites_for("cluster")]
    assert chain.index("clock-sync") < chain.index("lag-alerts") < chain.index("failover-runbook")
    assert any(p.when is not None for p in kb.prerequisites.values())
    assert any(d.when is not None and d.option == "" for d in kb.doclinks)
    assert any(d.when is not None and d.option for d in kb.doclinks)
    assert set(kb.architectures) == {o.id for o in kb.top_options()}
    assert kb.decision is not None and kb.decision.priorities
    for o in kb.options.values():
        assert o.source.anchor, f"option {o.id} is not under a heading"
