"""Inference on a real, unannotated documentation tree (the Rancher install docs beside the repository):
one decision, from the page that presents it, walked by `fingerpost ask`; silence on pages that present none."""

from __future__ import annotations

import json
import subprocess

import pytest
from conftest import CORPUS, fingerpost_command, require_external
from fingerpost.kb import compile_path

SEED = "pages-for-subheaders/installation-and-upgrade.md"
NO_CHOICE = [
    "reference-guides/installation-references/helm-chart-options.md",
    "reference-guides/cluster-configuration/rancher-server-configuration/rke1-cluster-configuration.md",
    "getting-started/installation-and-upgrade/installation-requirements/port-requirements.md",
    "pages-for-subheaders/installation-requirements.md",
    "reference-guides/rancher-manager-architecture/architecture-recommendations.md",
    "faq/technical-items.md",
    "explanations/integrations-in-rancher/notifiers.md",
]


@pytest.fixture(scope="module")
def corpus_kb():
    require_external(CORPUS, "the rancher-install corpus")
    return compile_path(CORPUS, exclude=["MANIFEST.md"])


def test_the_decision_comes_from_the_page_that_presents_it(corpus_kb) -> None:
    assert {o.source.path for o in corpus_kb.options.values()} == {SEED}
    assert len(corpus_kb.top_options()) == 3
    others = [p for p in corpus_kb.problems if p.code == "ambiguous" and "presents a choice" in p.message]
    assert others and all(p.path != SEED for p in others), "other pages' choices are reported, not mixed in"


@pytest.mark.parametrize("rel", NO_CHOICE)
def test_a_reference_page_on_its_own_presents_no_decision(rel: str) -> None:
    require_external(CORPUS / rel, rel)
    kb = compile_path(CORPUS / rel)
    assert not kb.options and not kb.constraints and not kb.recommendations


def test_ask_recommends_the_highly_available_install_with_the_air_gap_guide() -> None:
    require_external(CORPUS, "the rancher-install corpus")
    run = subprocess.run([fingerpost_command(), "ask", "--kb", str(CORPUS), "--exclude", "MANIFEST.md",
                          "--format", "json", "production, air gapped, three nodes"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["facts"]["nodes"] == 3 and out["facts"]["purpose"] == "production"
    rec = out["recommendation"]
    assert rec["title"].startswith("High-availability Kubernetes Install")
    hrefs = [d["href"] for d in rec["docs"]]
    assert hrefs[0] == "pages-for-subheaders/air-gapped-helm-cli-install.md", "the guide for the answers comes first"
    assert all((CORPUS / h.split("#")[0]).exists() for h in hrefs), "every guide is a page of the corpus"
    status = {c["title"]: c["status"] for c in out["candidates"]}
    assert status["Docker Install"] == "ruled_out"
    assert all(":" in b["source"] and b["source"].startswith(SEED) for b in rec["because"])
