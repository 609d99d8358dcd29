"""Contradictory and tangled content: a lint error naming both sides, never a crash in any front end.

Each pack below is small and wrong in one way. `lint` must name the problem with path:line, and
`ask`, a piped `chat` session, `diagram` and `html` must answer or refuse with one line — never a
traceback, never a hang.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import fingerpost_command

QUESTIONS = """
```fingerpost
question: nodes
text: How many nodes?
type: number
```

```fingerpost
question: mode
text: Which mode?
choices: [fast, safe]
```
"""

PACKS: dict[str, tuple[str, list[str]]] = {
    # name: (page text after the questions, fragments `lint` must print)
    "contradiction": ("""
```fingerpost
option: big
title: Big
requires:
  - nodes >= 3
  - nodes < 2
```

```fingerpost
option: small
title: Small
```
""", ["error: option `big`: `requires nodes >= 3` (page.md:", "and `requires nodes < 2` (page.md:",
      "cannot both hold", "[contradiction]"]),
    "variant-loop": ("""
```fingerpost
option: a
title: A
variant_of: b
requires: mode == fast
```

```fingerpost
option: b
title: B
variant_of: a
```

```fingerpost
option: self
title: Self
variant_of: self
```
""", ["options are variants of each other: `a` (page.md:", "→ `b` (page.md:", "remove one `variant_of`",
      "`self` (page.md:", "[variant-cycle]"]),
    "prerequisite-loop": ("""
```fingerpost
option: one
title: One
prerequisites: [p1]
```

```fingerpost
prerequisite: p1
title: P1
requires: [p2]
```

```fingerpost
prerequisite: p2
title: P2
requires: [p1]
```
""", ["prerequisites form a loop", "[prerequisite-cycle]"]),
    "everything-excluded": ("""
```fingerpost
option: never
title: Never
excludes: nodes >= 0 or nodes < 0
```

```fingerpost
option: parent
title: Parent
```

```fingerpost
option: kid
title: Kid
variant_of: parent
requires: [mode == fast, mode == safe]
```
""", ["[unreachable-option]"]),
    "implies-conflict": ("""
```fingerpost
question: ha
text: High availability?
type: yesno
choices:
  - {value: yes, implies: {mode: safe}}
  - {value: no, implies: {mode: fast}}
```

```fingerpost
question: mode2
text: Again?
choices:
  - {value: x, implies: {ha: yes, mode: fast}}
  - {value: y}
```

```fingerpost
option: only
title: Only
requires: mode2 == x
```
""", []),
    "duplicates": ("""
```fingerpost
option: twin
title: Twin one
```

```fingerpost
option: twin
title: Twin two
```

```fingerpost
question: nodes
text: Nodes again?
```
""", ["option `twin` is declared twice", "[duplicate]"]),
    "no-options": ("", []),
}

CHAT = "3\nfast\nwhy\nwhy not big\nwhy not a\nwhat if nodes=1\nback\nfacts\nyes\nx\nquit\n"


def _pack(tmp_path: Path, name: str) -> Path:
    root = tmp_path / name
    root.mkdir()
    (root / "page.md").write_text(f"# {name}\n{QUESTIONS}\n{PACKS[name][0]}")
    return root


def _fp(args: list[str], tmp_path: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / ".cache"), "XDG_STATE_HOME": str(tmp_path / ".state")}
    return subprocess.run([fingerpost_command(), *args], input=stdin, capture_output=True, text=True, timeout=120,
                          env=env, cwd=tmp_path)


@pytest.mark.parametrize("name", PACKS)
def test_lint_names_the_problem_with_its_place(name: str, tmp_path: Path) -> None:
    root = _pack(tmp_path, name)
    r = _fp(["lint", str(root)], tmp_path)
    assert "Traceback" not in r.stderr
    for fragment in PACKS[name][1]:
        assert fragment in r.stdout, (fragment, r.stdout)
    if PACKS[name][1]:
        assert r.returncode == 1


@pytest.mark.parametrize("name", PACKS)
def test_every_front_end_answers_or_refuses_in_one_line(name: str, tmp_path: Path) -> None:
    root = str(_pack(tmp_path, name))
    runs = {
        "ask": _fp(["ask", "--kb", root, "3 nodes, fast"], tmp_path),
        "ask-json": _fp(["ask", "--kb", root, "--format", "json", "--set", "nodes=1"], tmp_path),
        "chat": _fp(["chat", "--kb", root], tmp_path, stdin=CHAT),
        "diagram": _fp(["diagram", "--kb", root, "--kind", "decision", "-o", str(tmp_path / "d.dot")], tmp_path),
        "architecture": _fp(["diagram", "--kb", root, "-o", str(tmp_path / "a.dot")], tmp_path),
        "html": _fp(["html", "--kb", root, "--no-diagrams", "-o", str(tmp_path / "site")], tmp_path),
    }
    for what, r in runs.items():
        assert "Traceback" not in r.stderr + r.stdout, (what, r.stderr[-3000:])
        assert r.returncode in (0, 2), (what, r.returncode, r.stderr)
        if r.returncode == 2:
            lines = [line for line in r.stderr.splitlines() if line.strip()]
            assert len(lines) == 1 and " — " in lines[0], (what, r.stderr)
    if name == "no-options":  # nothing to choose between: said once, not a conversation that cannot help;
        # `ask` says so and still answers from the docs' sections
        assert runs["chat"].returncode == 2 and "found no options to choose between" in runs["chat"].stderr
        for what in ("ask", "ask-json"):
            assert runs[what].returncode == 0 and "found no options to choose between" in runs[what].stderr
    else:
        assert "Goodbye" in runs["chat"].stdout
