"""Paths: links and symbolic links never lead the build outside the knowledge-base root.

`../` escapes, absolute paths, `file:` URLs and symbolic links to files or folders outside the
root are reported with path:line and never read. The strongest check runs the build in a child
process with an audit hook that records every file and folder the process opens.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from fingerpost.kb import compile_path
from fingerpost.kb.links import classify

SECRET = "TOP-SECRET-MARKER-7f3a"


@pytest.fixture()
def tree(tmp_path: Path) -> tuple[Path, Path]:
    """A docs root beside an `outside` folder holding a secret page, with every kind of escape."""
    outside = tmp_path / "outside"
    (outside / "deep").mkdir(parents=True)
    (outside / "secret.md").write_text(f"# {SECRET}\n\n[x](../docs/index.md)\n")
    (outside / "deep" / "page.md").write_text(f"# Deep {SECRET}\n")
    root = tmp_path / "docs"
    (root / "sub").mkdir(parents=True)
    (root / "index.md").write_text(textwrap.dedent("""\
        # Index

        [up](../outside/secret.md) [far](../../../../etc/passwd) [sub](sub/../../outside/secret.md)
        [abs](/etc/passwd) [file](file:///etc/passwd) [js](javascript:alert(1)) [enc](%2e%2e/outside/secret.md)
        <a href="../outside/secret.md">html</a>

        | a | b |
        |---|---|
        | [t](../outside/deep/page.md) | x |
        """))
    (root / "sub" / "page.md").write_text("# Sub\n\n[back](../index.md) [out](../../outside/secret.md)\n")
    (root / "linked-file.md").symlink_to(outside / "secret.md")
    (root / "linked-folder").symlink_to(outside / "deep", target_is_directory=True)
    (root / "sub" / "inside-link.md").symlink_to(root / "sub" / "page.md")
    return root, outside


def test_escaping_links_are_reported_with_their_line(tree: tuple[Path, Path]) -> None:
    root, _ = tree
    kb = compile_path(root)
    found = {(d.path, d.line, d.code) for d in kb.problems}
    assert ("index.md", 3, "outside-root") in found
    assert ("index.md", 4, "outside-root") in found  # %2e%2e is `..` too
    assert ("index.md", 4, "unsafe-link") in found  # file: and javascript:
    assert ("index.md", 5, "outside-root") in found  # an HTML link
    assert ("index.md", 9, "outside-root") in found  # a link in a table
    assert ("sub/page.md", 3, "outside-root") in found
    links = {link.target: link for doc in kb.documents.values() for link in doc.links}
    for target in ("../outside/secret.md", "../../../../etc/passwd", "sub/../../outside/secret.md",
                   "%2e%2e/outside/secret.md", "../outside/deep/page.md"):
        assert links[target].kind == "outside-root" and links[target].resolved == "", target
    assert links["/etc/passwd"].kind != "page" and not links["/etc/passwd"].resolved.startswith("/")
    assert links["file:///etc/passwd"].kind == links["javascript:alert(1)"].kind == "unsafe"
    assert links["../index.md"].kind == "page" and links["../index.md"].resolved == "index.md"


def test_symbolic_links_out_of_the_root_are_reported_not_read(tree: tuple[Path, Path]) -> None:
    root, _ = tree
    kb = compile_path(root)
    assert sorted(kb.documents) == ["index.md", "sub/inside-link.md", "sub/page.md"]
    outside = {d.path: d for d in kb.problems if d.code == "outside-root" and d.line == 1}  # a real line, never 0 (issue #18)
    assert set(outside) == {"linked-file.md", "linked-folder"}
    assert all("not read" in d.message and d.severity == "error" for d in outside.values())
    text = json.dumps([d.__dict__ if hasattr(d, "__dict__") else str(d) for d in kb.documents.values()], default=str)
    assert SECRET not in text


def test_the_build_opens_nothing_outside_the_root(tree: tuple[Path, Path]) -> None:
    root, outside = tree
    script = textwrap.dedent(f"""
        import sys
        touched = []
        def hook(event, args):
            if event in ("open", "os.scandir", "os.listdir") and args and isinstance(args[0], (str, bytes)):
                touched.append(str(args[0]))
        sys.addaudithook(hook)
        from fingerpost.kb import compile_path
        from fingerpost.render.graph import graph_json
        graph_json(compile_path({str(root)!r}))
        print("\\n".join(touched))
    """)
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                       env={"XDG_CACHE_HOME": str(root.parent / "cache"), "PATH": "/usr/bin:/bin"})
    assert r.returncode == 0, r.stderr
    opened = r.stdout.splitlines()
    assert any(p.endswith("index.md") for p in opened), "the hook saw the build read its pages"
    leaks = [p for p in opened if Path(p).resolve().is_relative_to(outside.resolve()) or "passwd" in p]
    assert leaks == []


@pytest.mark.parametrize("target, kind", [
    ("javascript:alert(1)", "unsafe"), ("JAVASCRIPT:alert(1)", "unsafe"), (" javascript:x", "unsafe"),
    ("data:text/html,x", "unsafe"), ("vbscript:x", "unsafe"), ("file:///etc/passwd", "unsafe"),
    ("https://example.com", "external"), ("mailto:a@example.com", "external"), ("#top", "anchor"),
    ("../x.md", "relative"),
])
def test_link_schemes_are_classified(target: str, kind: str) -> None:
    assert classify(target) == kind
