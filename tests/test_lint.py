"""One fixture per lint problem: each must report exactly its problem, at the right `path:line`."""

from __future__ import annotations

import pytest
from conftest import KB_FIXTURES
from fingerpost.kb import compile_path

# case → the (path:line, severity, code) list lint must report, and words the message must contain.
EXPECTED: dict[str, tuple[list[tuple[str, str, str]], list[str]]] = {
    "lint-unknown-name": ([("page.md:14", "error", "unknown-name")], ["`copeis`", "did you mean `copies`?"]),
    "lint-unknown-value": ([("page.md:13", "error", "unknown-value")], ["`clod`", "did you mean `cloud`?"]),
    "lint-unknown-option": ([("page.md:17", "error", "unknown-option")], ["`ofsite`", "did you mean `offsite`?"]),
    "lint-contradiction": (
        [("page.md:20", "error", "contradiction")],
        ["`requires copies >= 3` (page.md:12)", "`requires copies < 2` (page.md:20)", "cannot both hold"],
    ),
    "lint-unreachable-option": (
        [("page.md:17", "error", "unreachable-option")],
        ["medium in [disk, tape] (page.md:14)", "medium in [tape, cloud] (page.md:15)", "medium == tape (page.md:17)"],
    ),
    "lint-unused-question": ([("page.md:10", "warning", "unused-question")], ["`weekend` changes nothing"]),
    "lint-prerequisite-cycle": (
        [("page.md:16", "error", "prerequisite-cycle")],
        ["`disk` (page.md:4) → `power` (page.md:10) → `rack` (page.md:16) → `disk` (page.md:4)"],
    ),
    "lint-missing-page": ([("page.md:3", "error", "broken-link")], ["restore.md"]),
    "lint-missing-anchor": ([("page.md:3", "warning", "broken-anchor")], ["restore.md", "`#test-it`"]),
    "lint-unresolved-link": ([("page.md:3", "warning", "unresolved-link")], ["restore/"]),
    "lint-outside-root": ([("page.md:3", "error", "outside-root")], ["../../private/notes.md", "not followed"]),
    "lint-unsafe-link": ([("page.md:3", "error", "unsafe-link")], ["javascript:alert(1)"]),
    "lint-invalid-yaml": ([("page.md:6", "error", "annotation")], ["invalid YAML", "mapping values are not allowed"]),
    "lint-unknown-key": ([("page.md:12", "warning", "annotation")], ["unknown key `requries`", "did you mean `requires`?"]),
}


def test_every_lint_fixture_has_expectations() -> None:
    on_disk = {p.name for p in KB_FIXTURES.iterdir() if p.name.startswith("lint-")}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_lint_reports_the_problem_at_its_line(case: str) -> None:
    kb = compile_path(KB_FIXTURES / case)
    found = [d for d in kb.problems if d.severity in ("error", "warning")]
    want, words = EXPECTED[case]
    assert [(f"{d.path}:{d.line}", d.severity, d.code) for d in found] == want, [str(d) for d in found]
    for word in words:
        assert word in found[0].message, (word, found[0].message)


def test_link_problems_name_the_column_of_the_target() -> None:
    kb = compile_path(KB_FIXTURES / "lint-missing-page")
    (problem,) = kb.problems
    line = (KB_FIXTURES / "lint-missing-page" / "page.md").read_text().splitlines()[problem.line - 1]
    assert line[problem.col - 1:].startswith("restore.md")
    assert str(problem).startswith("page.md:3:26: error: ")
