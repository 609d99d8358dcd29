"""Second wave (issue #18): text from content and file names never drives the terminal; ids cannot steer paths.

- Security 3: a title with a YAML `\\e]0;…\\a` escape, a raw ESC in a heading and in a file name reach
  neither `lint`, `build`, `ask`, piped `chat` output nor export Markdown as control characters; lint warns
  about them, and about invisible or look-alike characters in ids.
- Security 6: an option id like `../../x` is a lint error, and the chat's default diagram file name is a safe slug.
- Crashes 2: a file name that is not UTF-8 is reported, not a traceback, in cached commands.
- Crashes 4: a lone surrogate (`title: "A \\ud800"`) is refused by lint with its line, and nothing crashes.
- Data loss 4: invalid UTF-8 piped into the chat is kept (as U+FFFD) and every turn is saved.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import fingerpost_command
from fingerpost.kb.pipeline import compile_path
from fingerpost.kb.safeio import clean, slug

INDEX = r'''---
title: "Pick \e]0;TITLE\a one"
---
# Decide now

```fingerpost
decision: pick
title: "Pick \e]0;pwned\a"
```

```fingerpost
question: size
text: "How big \e[2J?"
type: choice
choices:
  - value: small
    label: Small
  - value: big
    label: Big
```

```fingerpost
option: tiny
title: "Tiny \e]0;X\a option"
summary: "Clears \e[2J the screen"
recommend:
  - when: size == small
    because: "Small \e[31m red"
```

```fingerpost
option: huge
title: Huge
recommend:
  - when: size == big
    because: Big.
```
'''


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    root = tmp_path / "pack"
    root.mkdir()
    (root / "index.md").write_text(INDEX, encoding="utf-8")
    (root / "raw.md").write_text("# Heading \x1b[2J raw \x9b31m\n\nText \x1b]0;T\x07.\n", encoding="utf-8")
    (root / "evil\x1b[2J.md").write_text("# Named\n", encoding="utf-8")
    return root


def _run(args: list[str], tmp: Path, stdin: str | bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp / ".cache"), "XDG_STATE_HOME": str(tmp / ".state")}
    data = stdin.encode() if isinstance(stdin, str) else stdin
    return subprocess.run([fingerpost_command(), *args], capture_output=True, timeout=120, env=env, cwd=tmp,
                          input=data, stdin=None if data is not None else subprocess.DEVNULL)


CONTROL = [bytes([c]) for c in (*range(0x00, 0x09), *range(0x0b, 0x20), 0x7f)] + ["\x9b".encode(), "\x9d".encode()]


@pytest.mark.parametrize("args, stdin", [
    (["lint", "{pack}"], None),
    (["build", "{pack}"], None),
    (["ask", "--kb", "{pack}", "--set", "size=small"], None),
    (["ask", "--kb", "{pack}", "--set", "size=small", "--format", "json"], None),
    (["graph", "{pack}"], None),
    (["chat", "--kb", "{pack}"], "small\nwhy\nfacts\ndocs 1\nexport out.md\n"),
], ids=["lint", "build", "ask", "ask-json", "graph", "chat"])
def test_no_control_character_reaches_the_terminal(hostile: Path, tmp_path: Path, args: list[str],
                                                    stdin: str | None) -> None:
    r = _run([a.replace("{pack}", str(hostile)) for a in args], tmp_path, stdin)
    assert b"Traceback" not in r.stderr, r.stderr
    for stream in (r.stdout, r.stderr):
        for c in CONTROL:
            assert c not in stream, (c, stream[:2000])
    if "json" in args:
        json.loads(r.stdout)
    if stdin and "export" in stdin:
        exported = (tmp_path / "out.md").read_bytes()
        assert b"Tiny" in exported and not any(c in exported for c in CONTROL)


def test_lint_warns_about_control_characters(hostile: Path) -> None:
    kb = compile_path(hostile)
    found = {(p.path, p.line) for p in kb.problems if p.code == "control-character"}
    assert ("raw.md", 1) in found and ("evil\x1b[2J.md", 1) in found and ("index.md", 2) in found
    assert any(p.path == "index.md" and p.line > 2 for p in kb.problems if p.code == "control-character")


def test_lint_names_bad_and_lookalike_ids(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "# A\n\n```fingerpost\noption: ../../x\ntitle: X\n```\n\n"
        "```fingerpost\noption: k3s\u200b\ntitle: Zero width\n```\n\n"
        "```fingerpost\noption: \u0430ir\ntitle: Cyrillic a\n```\n", encoding="utf-8")
    problems = compile_path(tmp_path).problems
    assert any(p.code == "bad-id" and p.severity == "error" and p.line == 4 for p in problems), problems
    assert sum(p.code == "lookalike-id" for p in problems) == 2, problems


def test_clean_and_slug() -> None:
    assert clean("a\x1b]0;x\x07b\x9bc\ud800") == "a\\u001b]0;x\\u0007b\\u009bc\\ud800"
    assert clean("tab\tand\nnewline") == "tab\tand\nnewline"
    assert slug("../../etc/x") == "etc-x" and slug("..") == "decision" and "/" not in slug("a/../b")


ARCHITECTURE = """
```fingerpost
architecture: x/../../../escaped
title: Tiny
components:
  - {id: app, label: Application, kind: service}
```
"""


def test_chat_diagram_default_name_stays_in_the_working_folder(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "index.md").write_text(INDEX.replace("option: tiny", "option: x/../../../escaped") + ARCHITECTURE,
                                   encoding="utf-8")
    work = tmp_path / "a" / "b"
    (work / "fingerpost-x").mkdir(parents=True)  # so that `fingerpost-x/../../../escaped.svg` leads out
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / ".cache"), "XDG_STATE_HOME": str(tmp_path / ".state")}
    r = subprocess.run([fingerpost_command(), "chat", "--kb", str(pack)], input=b"small\ndiagram decision\ndiagram\n",
                       capture_output=True, timeout=120, env=env, cwd=work)
    assert b"Traceback" not in r.stderr, r.stderr
    assert not list(tmp_path.glob("*.svg")) and not list(tmp_path.glob("*.dot"))
    assert not list((tmp_path / "a").glob("*.dot"))
    assert list(work.glob("fingerpost-*.dot")), r.stdout


def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "ok.md").write_text("# Fine\n", encoding="utf-8")
    with open(os.path.join(os.fsencode(pack), b"bad-\xff.md"), "w") as fh:
        fh.write("# Bad name\n")
    for _ in range(2):  # cold, then from the cache
        r = _run(["lint", str(pack)], tmp_path)
        assert b"Traceback" not in r.stderr, r.stderr
        assert b"not valid UTF-8" in r.stdout + r.stderr


def test_a_lone_surrogate_is_refused_with_its_line(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "index.md").write_text(INDEX.replace('title: "Pick \\e]0;pwned\\a"', 'title: "A \\ud800"'),
                                   encoding="utf-8")
    problems = compile_path(pack).problems
    assert any("surrogate" in p.message and p.line == 8 for p in problems), problems
    for args, stdin in ((["ask", "--kb", str(pack)], None), (["graph", str(pack)], None),
                        (["html", "--kb", str(pack), "-o", str(tmp_path / "site")], None),
                        (["chat", "--kb", str(pack)], "small\n")):
        r = _run(args, tmp_path, stdin)
        assert b"Traceback" not in r.stderr and r.returncode == 0, (args, r.stderr)


def test_invalid_utf8_piped_into_the_chat_is_kept(tmp_path: Path) -> None:
    from conftest import EXAMPLE_PACK

    r = _run(["chat", "--kb", str(EXAMPLE_PACK), "--session", str(tmp_path / "s.json")], tmp_path,
             b"caf\xe9 \xff\n3 servers\nfacts\n")
    assert b"Traceback" not in r.stderr, r.stderr
    saved = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    said = [t["said"] for t in saved["transcript"]]
    assert said[0] == "caf\ufffd \ufffd" and "3 servers" in said and "facts" in said
