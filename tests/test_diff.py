"""`fingerpost diff`: what a docs change does to the advice, on revisions of the replication example.

Three revisions are made here: one changes a count (the cluster needs five nodes, not three),
one removes an option (quorum commit), one rewords sentences and writes a condition another
way without changing what it means. The first two change recommendations; the third does not.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLE_PACK, fingerpost_command
from fingerpost.kb import compile_path
from fingerpost.render.decision_diff import decision_diff
from fingerpost.render.diff_report import diff_json, diff_markdown, diff_text


def _revision(tmp: Path, name: str, old: str, new: str, *, regex: bool = False) -> Path:
    root = tmp / name
    shutil.copytree(EXAMPLE_PACK, root)
    page = root / "setups.md"
    text = page.read_text(encoding="utf-8")
    changed = re.sub(old, new, text, flags=re.S) if regex else text.replace(old, new)
    assert changed != text, f"{name}: the edit did not apply"
    page.write_text(changed, encoding="utf-8")
    return root


def _count(tmp: Path) -> Path:
    return _revision(tmp, "count", "  - if: nodes >= 3\n    because: A majority vote",
                     "  - if: nodes >= 5\n    because: A majority vote")


def _removed(tmp: Path) -> Path:
    return _revision(tmp, "removed", r"```fingerpost\noption: sync-quorum\n.*?```\n", "", regex=True)


def _reworded(tmp: Path) -> Path:
    root = _revision(tmp, "reworded", "because: A replica needs a server of its own.",
                     "because: Each replica must run on a server of its own.")
    page = root / "setups.md"
    text = page.read_text(encoding="utf-8")
    text = text.replace("This setup is the easiest to run.", "Of the three, this setup is the simplest to operate.")
    text = text.replace("  - if: nodes >= 2\n    because: The standby", "  - if: not nodes < 2\n    because: The standby")
    page.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def revisions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("revisions")
    return {"count": _count(tmp), "removed": _removed(tmp), "reworded": _reworded(tmp)}


@pytest.fixture(scope="module")
def old_kb():
    return compile_path(EXAMPLE_PACK)


def test_a_changed_count_changes_recommendations_and_the_condition(old_kb, revisions) -> None:
    d = decision_diff(old_kb, compile_path(revisions["count"]))
    assert d.changes and {c.old for c in d.changes} == {"cluster-one-site", "cluster-several-sites"}
    assert all(c.new is None for c in d.changes)  # with three nodes, no setup takes writes on every node now
    assert all("nodes=3" in a for c in d.changes for a in c.answers)
    assert [(m.option, m.kind) for m in d.meaning] == [("cluster", "requires")]
    assert "nodes=3: true → false" in d.meaning[0].example
    assert d.meaning[0].new_source.startswith("setups.md:")
    assert not d.added and not d.removed and not d.new_errors


def test_a_removed_option_changes_recommendations_and_is_listed(old_kb, revisions) -> None:
    d = decision_diff(old_kb, compile_path(revisions["removed"]))
    assert d.changes and {c.old for c in d.changes} == {"sync-quorum"}
    assert "sync-other-site" in {c.new for c in d.changes}
    assert [(a.kind, a.id) for a in d.removed] == [("option", "sync-quorum")]
    assert re.fullmatch(r"setups\.md:\d+", d.changes[0].old_source)
    assert not d.meaning


def test_a_reworded_sentence_with_the_same_meaning_is_no_change(old_kb, revisions) -> None:
    d = decision_diff(old_kb, compile_path(revisions["reworded"]))
    assert not d.changes and not d.meaning and not d.added and not d.removed and not d.new_errors
    assert d.combinations > 0
    assert ("sync-standby", "requires") in d.reworded  # `not nodes < 2` reads as `nodes >= 2`


def test_the_same_docs_differ_in_nothing(old_kb) -> None:
    d = decision_diff(old_kb, compile_path(EXAMPLE_PACK))
    assert not d.changes and not d.reworded and d.only_old == d.only_new == 0


def test_an_added_answer_is_listed_and_its_combinations_are_counted_apart(old_kb, tmp_path) -> None:
    root = tmp_path / "answer"
    shutil.copytree(EXAMPLE_PACK, root)
    page = root / "README.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("  - value: minutes\n", "  - value: hours\n    label: Hours of writes\n"
                                 "  - value: minutes\n", 1), encoding="utf-8")
    d = decision_diff(old_kb, compile_path(root))
    assert [(a.kind, a.id) for a in d.added] == [("answer", "rpo=hours")]
    assert d.only_new > 0 and d.only_old == 0


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([fingerpost_command(), "diff", *args], capture_output=True, text=True, timeout=120, cwd=cwd)


@pytest.mark.parametrize(("name", "code"), [("count", 1), ("removed", 1), ("reworded", 0)])
def test_exit_code_says_whether_a_recommendation_changes(revisions, name, code) -> None:
    proc = _run(str(EXAMPLE_PACK), str(revisions[name]))
    assert proc.returncode == code, proc.stderr
    assert ("get another recommendation" in proc.stdout) == (code == 1)


def test_bad_input_exits_2_with_one_line(tmp_path) -> None:
    proc = _run(str(EXAMPLE_PACK), str(tmp_path / "missing"))
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "no such file or folder" in proc.stderr
    assert _run(str(EXAMPLE_PACK)).returncode == 2
    assert _run("--git", "main..HEAD", "a", "b").returncode == 2


def test_text_names_each_side_with_citations(old_kb, revisions) -> None:
    text = diff_text(decision_diff(old_kb, compile_path(revisions["removed"])), "old", "new")
    assert text.startswith("fingerpost diff: old → new\n")
    assert re.search(r"Quorum commit .*\(sync-quorum, setups\.md:\d+\) → Synchronous standby in another site "
                     r"\(sync-other-site, setups\.md:\d+\): \d+ combinations", text)
    assert "Options removed:\n  sync-quorum: " in text


def test_markdown_is_a_summary_table_with_details_folded(old_kb, revisions) -> None:
    md = diff_markdown(decision_diff(old_kb, compile_path(revisions["count"])), "main", "HEAD")
    head, _, folded = md.partition("<details>")
    assert "| Recommendations changed | 4 of " in head and "| New lint errors | 0 |" in head
    assert "nodes=3" not in head  # the combinations are folded away
    assert "nodes=3" in folded and md.count("<details>") == md.count("</details>") == 2
    assert len(md) < 4000


def test_markdown_of_no_change_is_one_table(old_kb, revisions) -> None:
    md = diff_markdown(decision_diff(old_kb, compile_path(revisions["reworded"])))
    assert "<details>" not in md and "| Recommendations changed | none |" in md


def test_json_holds_every_finding(revisions) -> None:
    proc = _run(str(EXAMPLE_PACK), str(revisions["removed"]), "--format", "json")
    assert proc.returncode == 1
    doc = json.loads(proc.stdout)
    assert set(doc) == {"old", "new", "combinations", "changed", "only_old", "only_new", "recommendations",
                        "added", "removed", "meaning", "reworded", "new_errors"}
    assert doc["removed"]["options"][0]["id"] == "sync-quorum"
    assert doc["changed"] == sum(len(r["answers"]) for r in doc["recommendations"])
    first = doc["recommendations"][0]
    assert first["from"]["id"] == "sync-quorum" and all("=" in s for s in first["answers"][0])


def test_json_of_the_library_and_the_command_agree(old_kb, revisions) -> None:
    d = decision_diff(old_kb, compile_path(revisions["count"]))
    proc = _run(str(EXAMPLE_PACK), str(revisions["count"]), "--format", "json")
    ours = diff_json(d, str(EXAMPLE_PACK), str(revisions["count"]))
    assert json.loads(proc.stdout) == ours


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.email=docs@example.org", "-c", "user.name=Docs", *args],
                   check=True, capture_output=True)


def test_git_revisions_are_read_from_the_object_store(tmp_path, revisions) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLE_PACK, repo / "docs")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "the pack")
    for name in ("reworded", "removed"):
        shutil.copy(revisions[name] / "setups.md", repo / "docs" / "setups.md")
        _git(repo, "commit", "-qam", name)
    reworded = _run("--git", "HEAD~2..HEAD~1", "docs", cwd=repo)
    assert reworded.returncode == 0, reworded.stderr
    assert reworded.stdout.startswith("fingerpost diff: HEAD~2:docs → HEAD~1:docs")
    removed = _run("--git", "HEAD~1..HEAD", "docs", "--format", "markdown", cwd=repo)
    assert removed.returncode == 1 and "removed option `sync-quorum`" in removed.stdout
    (repo / "docs" / "setups.md").write_text((revisions["count"] / "setups.md").read_text(encoding="utf-8"),
                                             encoding="utf-8")
    worktree = _run("--git", "HEAD~2", "docs", "--format", "json", cwd=repo)  # against the working tree
    assert worktree.returncode == 1 and json.loads(worktree.stdout)["meaning"][0]["option"] == "cluster"
    assert _run("--git", "nope..HEAD", "docs", cwd=repo).returncode == 2
    assert subprocess.run(["git", "-C", str(repo), "status", "--porcelain"], capture_output=True,
                          text=True).stdout.strip() == "M docs/setups.md"


def test_the_meaning_of_a_condition_is_probed_with_the_one_value_prober() -> None:
    """Fixed by sharing kb.expr.probe_values: a declared choice has no other answer, and a gap
    between two close literals is probed."""
    from types import SimpleNamespace

    from fingerpost.kb.expr import Or, parse
    from fingerpost.render.decision_diff import _differs

    net = SimpleNamespace(kind="choice", choices=[SimpleNamespace(value=v) for v in ("direct", "proxy", "airgap")])
    load = SimpleNamespace(kind="number", choices=[])
    kb = SimpleNamespace(questions={"net": net, "load": load})
    assert _differs(parse("net != direct"), parse("net in [proxy, airgap]"), kb, kb) is None
    assert _differs(parse("load > 2.5 and load < 2.7"), Or(()), kb, kb) == "load=2.6: true → false"
