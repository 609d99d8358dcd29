"""YAML from the docs: safe loading only, size and expansion limits, located messages — end to end.

Front matter, fenced blocks, HTML-comment blocks and front-matter `fingerpost:` blocks all go
through kb.yamlsafe; each limit is hit from each place and reported as `path:line: … — what to do`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fingerpost.kb import compile_path, yamlsafe
from fingerpost.kb.read import read_text


def bomb(levels: int = 6, width: int = 10) -> list[str]:
    """A 'billion laughs' document: `width ** levels` values from a few hundred bytes."""
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    for n in range(1, levels):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * width) + "]")
    return lines


def wrap(where: str, yaml_lines: list[str]) -> tuple[str, int]:
    """A page carrying the YAML in `where`; returns (text, line of the first YAML line)."""
    body = "\n".join(yaml_lines)
    if where == "front-matter":
        return f"---\n{body}\n---\n# Page\n", 2
    if where == "fence":
        return f"# Page\n\nText.\n\n```yaml fingerpost\n{body}\n```\n", 6
    if where == "comment":
        return f"# Page\n\n<!-- fingerpost\n{body}\n-->\n", 4
    raise ValueError(where)


PLACES = ["front-matter", "fence", "comment"]


@pytest.mark.parametrize("where", PLACES)
def test_an_alias_bomb_is_refused_with_a_located_message(where: str) -> None:
    text, line = wrap(where, ["option: boom", "title: T", *bomb()])
    doc = read_text("bomb.md", text)
    [problem] = [p for p in doc.problems if "alias bomb" in p.message]
    assert (problem.path, problem.line, problem.severity) == ("bomb.md", line, "error")
    assert str(problem).startswith(f"bomb.md:{line}:1: error: YAML expands to more than 50000 values (an alias bomb?)"
                                   " — write the values out instead of repeating aliases")
    assert doc.blocks == [] and "a5" not in doc.front_matter


@pytest.mark.parametrize("where", PLACES)
def test_yaml_over_the_size_limit_is_refused(where: str) -> None:
    rows = [f"k{n}: {'x' * 100}" for n in range(yamlsafe.MAX_YAML_BYTES // 100 + 10)]
    text, line = wrap(where, ["option: big", *rows])
    doc = read_text("big.md", text)
    [problem] = [p for p in doc.problems if "larger than" in p.message]
    assert (problem.line, problem.severity) == (line, "error")
    assert "YAML block is larger than 256 KiB — split it into smaller blocks" in problem.message


@pytest.mark.parametrize("where", PLACES)
def test_python_tags_never_run_anything(where: str, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text, line = wrap(where, ["option: tagged", f"title: !!python/object/apply:os.system ['touch {marker}']",
                              f"summary: !!python/object/new:subprocess.check_output [[touch, '{marker}']]",
                              f"text: !!python/object/apply:os.system 'touch {marker}'"])
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text(text)
    kb = compile_path(tmp_path / "docs")
    assert not marker.exists()
    # A tag is refused at its line, on a list too (issue #18: it used to be dropped without a word).
    [problem] = [p for p in kb.problems if "!!python/object/apply:os.system" in p.message]
    assert problem.path == "page.md" and problem.line == line + 1 and problem.severity == "error"
    doc = kb.documents["page.md"]
    assert doc.blocks == [] and all(type(v) in (str, list) for v in doc.front_matter.values())


def test_a_front_matter_block_list_with_a_bomb_is_one_error_not_a_crash() -> None:
    text = "---\nfingerpost:\n  - option: a\n    title: A\n" + "\n".join(bomb()) + "\n---\n# P\n"
    doc = read_text("p.md", text)
    assert [p.code for p in doc.problems] == ["front-matter"]
    assert doc.problems[0].line == 2 and doc.blocks == []


def test_a_few_aliases_still_work_in_blocks() -> None:
    text = "# P\n\n```fingerpost\noption: a\ntitle: A\npros: &p [fast, cheap]\ncons: *p\n```\n"
    doc = read_text("p.md", text)
    assert doc.problems == [] and doc.blocks[0].data["cons"] == ["fast", "cheap"]


def test_control_characters_in_yaml_are_located() -> None:
    doc = read_text("p.md", "---\ntitle: ok\nbad: \"\x1f\"\n---\n# P\n")
    [problem] = doc.problems
    assert (problem.line, problem.code) == (3, "front-matter")
    assert "special character U+001F" in problem.message


def test_no_code_uses_an_unsafe_yaml_loader() -> None:
    import re

    repo = Path(__file__).resolve().parents[1]
    unsafe = re.compile(r"yaml\.(load|load_all|unsafe_load\w*|full_load\w*)\(|\b(Unsafe|Full)?Loader\b(?!\w)|"
                        r"yaml\.(Loader|FullLoader|UnsafeLoader|CLoader|CFullLoader|CUnsafeLoader)\b")
    found = []
    for package in ("kb", "engine", "render", "fingerpost", "content"):
        for source in (repo / package).rglob("*.py"):
            for n, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
                if unsafe.search(line):
                    found.append(f"{source.relative_to(repo)}:{n}: {line.strip()}")
    assert found == []
