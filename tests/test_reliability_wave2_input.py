"""Second wave (issue #18): hostile values and shapes get one clear message, never a traceback or a hang.

- Security 5: one long YAML scalar aliased many times is refused by its expanded size in characters.
- Security 7: the `--set Q=V` hint printed by `ask` is shell-quoted.
- Crashes 3: `prerequisites: 9`, architecture `groups: 5`, `qualities: {cost: .inf}` are lint errors, and
  `prerequisites: abc` names one prerequisite, not a, b and c.
- Crashes 6: `html` on a question with thousands of answers is refused before the work, saying what to do.
- Crashes 7: `--set nodes=nan|inf|1e999` is refused clearly; no NaN reaches JSON or a session.
- Crashes 8: a closed stdout is not a traceback; `load /dev/zero` is refused (regular files of bounded size).
- Messages: repeated `--set Q!=A --set Q!=B` keeps both; lint catches conflicting `implies` chains and
  architecture counts `-3` / `.nan`; `save ../x` names what `load` takes back; a FIFO given as PATH says so;
  a `!!python/…` tag in front matter is named by lint with its page and line.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
from conftest import EXAMPLE_PACK, fingerpost_command
from fingerpost.kb import yamlsafe
from fingerpost.kb.errors import ContentError
from fingerpost.kb.pipeline import compile_path


def _run(args: list[str], tmp: Path, **kw) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp / ".cache"), "XDG_STATE_HOME": str(tmp / ".state")}
    kw.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.run([fingerpost_command(), *args], capture_output=True, text=True, timeout=120, env=env,
                          cwd=tmp, **kw)


def test_a_long_scalar_aliased_many_times_is_refused_quickly() -> None:
    text = "a: &x " + "y" * 70_000 + "\nb: [" + ", ".join(["*x"] * 2_000) + "]\n"
    start = time.perf_counter()
    with pytest.raises(ContentError, match="characters"):
        yamlsafe.load(text)
    assert time.perf_counter() - start < 5


def test_the_set_hint_is_shell_quoted(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "index.md").write_text(
        "# P\n\n```fingerpost\nquestion: q\ntext: Q?\ntype: choice\nchoices:\n  - value: \"a b;rm -rf x\"\n"
        "    label: A\n  - value: c\n    label: C\n```\n\n```fingerpost\noption: o\ntitle: O\nrequires: q == c\n```\n\n"
        "```fingerpost\noption: p\ntitle: P\n```\n", encoding="utf-8")
    r = _run(["ask", "--kb", str(pack), "--verbose"], tmp_path)  # the ids to type are in the full listing
    assert "--set 'q=a b;rm -rf x'" in r.stdout, r.stdout


def test_wrong_yaml_types_are_lint_errors(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "# A\n\n```fingerpost\noption: one\ntitle: One\nprerequisites: 9\nqualities: {cost: .inf}\n"
        "architecture:\n  groups: 5\n```\n\n```fingerpost\noption: two\ntitle: Two\nprerequisites: abc\n```\n",
        encoding="utf-8")
    kb = compile_path(tmp_path)
    messages = [p.message for p in kb.problems if p.severity == "error"]
    assert any("`prerequisites` must be a list" in m for m in messages), messages
    assert any("`groups` of an architecture must be a list" in m for m in messages), messages
    assert any("quality `cost` needs a whole-number score" in p.message for p in kb.problems), kb.problems
    assert [p.id for p in kb.prerequisites_for("two")] == ["abc"]


def test_html_with_thousands_of_answers_is_refused_before_the_work(tmp_path: Path) -> None:
    n = 3000
    lines = ["# Many\n", "```fingerpost\nquestion: pick\ntext: Which?\ntype: choice\nchoices:"]
    lines += [f"  - value: c{i}\n    label: C {i}" for i in range(n)] + ["```\n"]
    lines += [f"```fingerpost\noption: o{i}\ntitle: O {i}\nrecommend:\n  - when: pick == c{i}\n```\n" for i in range(n)]
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "index.md").write_text("\n".join(lines), encoding="utf-8")
    start = time.perf_counter()
    r = _run(["html", "--kb", str(tmp_path / "pack"), "-o", str(tmp_path / "site")], tmp_path)
    assert r.returncode == 2 and "3,000 answers" in r.stderr and "split the content" in r.stderr, r.stderr
    assert time.perf_counter() - start < 60


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e999"])
def test_non_finite_numbers_are_refused(tmp_path: Path, value: str) -> None:
    for args in (["ask", "--kb", str(EXAMPLE_PACK), "--set", f"nodes={value}", "--format", "json"],
                 ["diagram", "--kb", str(EXAMPLE_PACK), "--set", f"nodes={value}", "-o", str(tmp_path / "d.dot")]):
        r = _run(args, tmp_path)
        assert r.returncode == 2 and "not a finite number" in r.stderr and "Traceback" not in r.stderr, r.stderr


def test_a_session_with_nan_is_refused(tmp_path: Path) -> None:
    from fingerpost.sessions.session import from_json

    with pytest.raises(ValueError):
        from_json({"format": 1, "kb": "k", "steps": [{"facts": [{"question": "nodes", "value": float("nan")}]}]})


def test_closed_stdout_is_not_a_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / ".cache"), "XDG_STATE_HOME": str(tmp_path / ".state")}
    r = subprocess.run(f"{fingerpost_command()} lint {EXAMPLE_PACK} >&-", shell=True, capture_output=True, text=True,
                       timeout=120, env=env)
    assert "Traceback" not in r.stderr, r.stderr


def test_load_dev_zero_is_refused(tmp_path: Path) -> None:
    from fingerpost.kb.errors import SessionError

    from fingerpost.sessions.session import load

    with pytest.raises(SessionError, match="not a regular file"):
        load(Path("/dev/zero"))
    big = tmp_path / "big.json"
    with open(big, "wb") as fh:
        fh.truncate(17 * 1024 * 1024)
    with pytest.raises(SessionError):
        load(big)


def test_repeated_not_sets_keep_both(tmp_path: Path) -> None:
    from fingerpost.commands.ask import parse_sets

    kb = compile_path(EXAMPLE_PACK)
    facts = parse_sets(kb, ["rpo!=none", "rpo!=seconds"])
    value = facts[0].value
    assert len(facts) == 1
    left = set(getattr(value, "left", ()) or ([value] if isinstance(value, str) else []))
    assert left and not left & {"none", "seconds"}, value  # both ruled out, not only the last


def test_lint_catches_conflicting_implies_chains_and_bad_counts(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "# A\n\n```fingerpost\nquestion: a\ntext: A?\ntype: choice\nchoices:\n"
        "  - {value: x, label: X, implies: {b: y, c: w}}\n  - {value: o, label: O}\n```\n\n"
        "```fingerpost\nquestion: b\ntext: B?\ntype: choice\nchoices:\n"
        "  - {value: y, label: Y, implies: {c: z}}\n  - {value: n, label: N}\n```\n\n"
        "```fingerpost\nquestion: c\ntext: C?\ntype: choice\nchoices:\n  - {value: z, label: Z}\n  - {value: w, label: W}\n```\n\n"
        "```fingerpost\noption: o\ntitle: O\nrequires: c == z\narchitecture:\n  components:\n"
        "    - {id: s, label: S, count: -3}\n    - {id: t, label: T, count: .nan}\n```\n", encoding="utf-8")
    problems = compile_path(tmp_path).problems
    assert any(p.code == "conflicting-implies" and "`a=x` → `b=y` → `c=z`" in p.message for p in problems), problems
    assert sum(p.code == "bad-count" for p in problems) == 2, problems


def test_save_outside_the_sessions_folder_names_what_load_takes(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    r = _run(["chat", "--kb", str(EXAMPLE_PACK)], work, stdin=None, input="3 servers\nsave ../x\nrestart\nload ../x\nfacts\n")
    said = [line for line in r.stdout.splitlines() if "brings it back" in line]
    assert said and "`load ../x`" in said[0], r.stdout
    assert "3" in r.stdout.split("load ../x")[-1]


def test_a_fifo_as_path_says_what_it_is(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    r = _run(["lint", str(tmp_path / "pipe")], tmp_path)
    assert r.returncode == 2 and "pipe, socket or device" in r.stderr, r.stderr


def test_a_python_tag_in_front_matter_is_named_with_its_line(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    (tmp_path / "a.md").write_text(f'---\ntitle: !!python/object/apply:os.system ["touch {marker}"]\n---\n# T\n',
                                   encoding="utf-8")
    problems = compile_path(tmp_path).problems
    assert any(p.path == "a.md" and p.line == 2 and "!!python/object/apply:os.system" in p.message
               for p in problems), problems
    assert not marker.exists()
