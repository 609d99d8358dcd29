"""Rendering with the real `dot`: SVG, PNG and PDF files, the command line, and a missing Graphviz."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import REPO, require_program
from fingerpost.kb import compile_path
from fingerpost.render.diagram import diagram_format, write_diagram

MAGIC = {"svg": b"<?xml", "png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-"}
FACTS = {"purpose": "production", "nodes": 4, "distro": "rke", "internet": "airgap"}


def cli(*args: str, cwd: Path, path: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if path is not None:
        env["PATH"] = path
    return subprocess.run([sys.executable, "-m", "fingerpost", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.graphviz
@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
def test_write_diagram_renders_each_format(tmp_path: Path, fmt: str) -> None:
    require_program("dot")
    result = write_diagram(compile_path(), FACTS, tmp_path / f"setup.{fmt}")
    data = (tmp_path / f"setup.{fmt}").read_bytes()
    assert result.ok and result.format == fmt and data.startswith(MAGIC[fmt]) and len(data) > 5000
    assert Path(result.dot_path).read_text(encoding="utf-8").startswith("digraph fingerpost {")


@pytest.mark.graphviz
def test_svg_holds_the_labels_and_the_counts(tmp_path: Path) -> None:
    require_program("dot")
    write_diagram(compile_path(), FACTS, tmp_path / "setup.svg")
    root = ET.fromstring((tmp_path / "setup.svg").read_bytes())
    text = " ".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("}text"))
    for words in ("Load balancer", "Private registry", "Downstream clusters", "443 to each replica", "4 of 4",
                  "Your infrastructure", "Rancher on a highly available RKE cluster"):
        assert words in text
    assert "5 of" not in text and "Internet (images" not in text and "HTTP proxy" not in text


@pytest.mark.graphviz
def test_decision_svg_greys_ruled_out_options_with_the_reason(tmp_path: Path) -> None:
    require_program("dot")
    write_diagram(compile_path(), {"purpose": "production"}, tmp_path / "decision.svg", kind="decision")
    svg = (tmp_path / "decision.svg").read_text(encoding="utf-8")
    assert "Ruled out: A Docker install is meant for testing and demonstrations only" in svg
    assert 'stroke="#1f5fa8"' in svg  # the path is drawn in the accent colour


@pytest.mark.graphviz
def test_cli_diagram_from_text_and_sets(tmp_path: Path) -> None:
    require_program("dot")
    done = cli("diagram", "production with four nodes behind a proxy", "--set", "distro=rke", "-o", "out.svg",
               cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    svg = (tmp_path / "out.svg").read_text(encoding="utf-8")
    assert "4 of 4" in svg and "HTTP proxy" in svg and (tmp_path / "out.dot").exists()


def test_cli_writes_dot_and_mermaid_without_graphviz(tmp_path: Path) -> None:
    assert cli("diagram", "--set", "nodes=5", "--set", "purpose=production", "-o", "a.dot", cwd=tmp_path,
               path=str(tmp_path)).returncode == 0
    assert (tmp_path / "a.dot").read_text(encoding="utf-8").count("5 of 5") == 1
    done = cli("diagram", "--kind", "decision", "-o", "d.mmd", cwd=tmp_path, path=str(tmp_path))
    assert done.returncode == 0 and (tmp_path / "d.mmd").read_text(encoding="utf-8").startswith("---\ntitle:")


def test_missing_dot_writes_the_dot_file_and_exits_3(tmp_path: Path) -> None:
    done = cli("diagram", "--set", "nodes=4", "-o", "pic.pdf", cwd=tmp_path, path=str(tmp_path))
    assert done.returncode == 3
    assert "apt-get install graphviz" in done.stderr and "pic.dot" in done.stderr and "Traceback" not in done.stderr
    assert (tmp_path / "pic.dot").exists() and not (tmp_path / "pic.pdf").exists()


def test_graphviz_pure_renders_svg_and_png_when_dot_is_missing(tmp_path: Path) -> None:
    pure = Path(sys.executable).parent / "graphviz-pure"
    assert pure.exists(), "graphviz-pure is in the test extra: pip install -e '.[test]'"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "graphviz-pure").symlink_to(pure)
    for fmt in ("svg", "png"):
        done = cli("diagram", "--set", "nodes=4", "-o", f"pic.{fmt}", cwd=tmp_path, path=str(bin_dir))
        assert done.returncode == 0, done.stderr
        assert (tmp_path / f"pic.{fmt}").read_bytes().startswith(MAGIC[fmt])
    assert "4 of 4" in (tmp_path / "pic.svg").read_text(encoding="utf-8")
    assert cli("diagram", "-o", "pic.pdf", cwd=tmp_path, path=str(bin_dir)).returncode == 3  # no PDF in graphviz-pure


def test_bad_arguments_are_one_line_errors(tmp_path: Path, monkeypatch, capsys) -> None:
    from fingerpost.cli import main

    monkeypatch.chdir(tmp_path)
    for args, words in ((["--set", "nodes=many"], "not a number for `nodes`"), (["--set", "nope=1"], "no question"),
                        (["--set", "nodes"], "expected QUESTION=VALUE"), (["-o", "x.txt"], "cannot tell the diagram format"),
                        (["-o", "missing/x.svg"], "does not exist"), (["--option", "zzz"], "no option named")):
        assert main(["diagram", *args]) == 2, args
        err = capsys.readouterr().err
        assert words in err and len(err.strip().splitlines()) == 1, (args, err)
    with pytest.raises(Exception, match="end the file name in"):
        diagram_format("x.jpeg")


def test_diagram_set_says_what_an_answer_is_not(tmp_path: Path, monkeypatch, capsys) -> None:
    """`--set internet!=airgap` is read by the one `--set` reader, as `ask` reads it (it failed in `diagram`)."""
    from fingerpost.engine.facts import known, parse_setting

    from fingerpost.cli import main

    monkeypatch.chdir(tmp_path)
    sets = ["purpose=production", "nodes=3", "internet!=airgap"]
    assert main(["diagram", *(a for s in sets for a in ("--set", s)), "-o", "cli.dot"]) == 0, capsys.readouterr().err
    capsys.readouterr()
    kb = compile_path()
    facts = known(kb.questions, [parse_setting(kb.questions, s) for s in sets])
    assert facts["internet"].values == ("airgap",)
    write_diagram(kb, facts, tmp_path / "direct.dot")
    assert (tmp_path / "cli.dot").read_text(encoding="utf-8") == (tmp_path / "direct.dot").read_text(encoding="utf-8")
    assert main(["ask", "--format", "json", *(a for s in sets for a in ("--set", s))]) == 0
    assert json.loads(capsys.readouterr().out)["facts"]["internet"] == {"not": ["airgap"], "one_of": ["direct", "proxy"]}


def test_graph_command_formats_still_work(tmp_path: Path, capsys) -> None:
    from fingerpost.cli import main

    assert main(["graph", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["nodes"] and all({"kind", "title", "source"} <= set(n) for n in data["nodes"])
    assert main(["graph", "--format", "dot"]) == 0
    dot = capsys.readouterr().out
    assert dot.startswith("digraph fingerpost {") and "Which Kubernetes" in dot
    assert main(["graph", "--format", "mermaid", "--all"]) == 0
    mermaid = capsys.readouterr().out
    assert "flowchart LR" in mermaid and "n_section_" in mermaid


@pytest.mark.graphviz
def test_docs_example_svg_is_current() -> None:
    require_program("dot")
    from fingerpost.engine.facts import parse_answer
    from fingerpost.render.diagram import diagram_scene
    from fingerpost.render.dot import render, to_dot

    kb = compile_path()
    raw = {"purpose": "production", "nodes": "3", "distro": "rke", "internet": "airgap"}
    fresh = render(to_dot(diagram_scene(kb, {q: parse_answer(kb.question(q), v) for q, v in raw.items()})), "svg")
    saved = (REPO / "docs" / "img" / "rke-3-airgap.svg").read_bytes()
    titles = lambda svg: [el.text for el in ET.fromstring(svg).iter() if el.tag.endswith("}title")]  # noqa: E731
    assert titles(fresh) == titles(saved), "regenerate: fingerpost diagram --set purpose=production --set nodes=3 " \
        "--set distro=rke --set internet=airgap -o docs/img/rke-3-airgap.svg"
