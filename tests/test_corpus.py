"""Lint a real documentation tree (the Rancher install docs next to the repository).

The corpus is read, never copied: it lives outside the repository at ../shared/corpus.
"""

from __future__ import annotations

import re
import subprocess

import pytest
from conftest import CORPUS, fingerpost_command, require_external
from fingerpost.kb import compile_path

# Links that really are broken in this snapshot: their targets were never part of it.
KNOWN_BROKEN = [
    ("faq/technical-items.md:66", "../troubleshooting/other-troubleshooting-tips/logging.md"),
    ("getting-started/introduction/overview.md:33", "../../pages-for-subheaders/about-authentication.md"),
    ("reference-guides/user-settings/api-keys.md:49", "../../pages-for-subheaders/cli-with-rancher.md"),
]


@pytest.fixture(scope="module")
def corpus_lint() -> subprocess.CompletedProcess[str]:
    require_external(CORPUS, "the rancher-install corpus")
    return subprocess.run([fingerpost_command(), "lint", str(CORPUS), "--exclude", "MANIFEST.md"],
                          capture_output=True, text=True, timeout=120)


def test_lint_of_the_corpus_exits_1_without_crashing(corpus_lint: subprocess.CompletedProcess[str]) -> None:
    assert corpus_lint.returncode == 1, corpus_lint.stderr
    assert "Traceback" not in corpus_lint.stderr
    assert corpus_lint.stdout.strip(), "lint printed no problems"


def test_lint_reports_known_broken_links_with_path_and_line(corpus_lint: subprocess.CompletedProcess[str]) -> None:
    lines = corpus_lint.stdout.splitlines()
    for where, target in KNOWN_BROKEN:
        hits = [line for line in lines if line.startswith(where + ":") and target in line]
        assert len(hits) == 1, (where, target)
        assert hits[0].endswith("[broken-link]") and ": error: " in hits[0]


def test_every_page_of_the_corpus_was_read(corpus_lint: subprocess.CompletedProcess[str]) -> None:
    pages = sorted(p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*.md") if p.name != "MANIFEST.md")
    assert len(pages) > 50
    summary = corpus_lint.stderr.strip().splitlines()[-1]
    assert summary.startswith(f"{len(pages)} pages: ")
    kb = compile_path(CORPUS, exclude=["MANIFEST.md"])
    assert sorted(kb.documents) == pages
    assert all(doc.line_count > 1 and doc.sections for doc in kb.documents.values())


def test_every_problem_line_has_path_line_col_severity_and_code(corpus_lint: subprocess.CompletedProcess[str]) -> None:
    shape = re.compile(r"^[\w./ -]+\.md:\d+:\d+: (error|warning): .+ \[[a-z-]+\]$")
    bad = [line for line in corpus_lint.stdout.splitlines() if not shape.match(line)]
    assert bad == []
