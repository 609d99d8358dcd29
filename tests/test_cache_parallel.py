"""Reading with several processes, loading lazily from the cache, and the CLI around the cache."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, REPO, require_external
from fingerpost.kb import cache
from fingerpost.kb import pages as kb_pages
from fingerpost.kb.pipeline import compile_path
from test_cache_build import PAGES, snapshot, write_pages


def test_parallel_read_equals_serial_read(monkeypatch: pytest.MonkeyPatch) -> None:
    require_external(CORPUS, "the rancher-install corpus")
    monkeypatch.setattr(kb_pages, "PARALLEL_MIN_PAGES", 1)  # 58 pages: below the default threshold
    serial = compile_path(CORPUS, workers=1)
    parallel = compile_path(CORPUS, workers=2)
    assert list(parallel.documents) == list(serial.documents)  # same order
    assert snapshot(parallel) == snapshot(serial)


def test_parallel_cold_build_equals_serial_compile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    require_external(CORPUS, "the rancher-install corpus")
    monkeypatch.setattr(kb_pages, "PARALLEL_MIN_PAGES", 1)
    kb, stats = cache.build(CORPUS, cache_root=tmp_path, workers=2)
    assert stats.status == "cold" and stats.read == stats.pages == len(kb.documents) > 50
    assert snapshot(kb) == snapshot(compile_path(CORPUS, workers=1))


def test_progress_is_reported_per_page_then_per_stage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kb_pages, "PARALLEL_MIN_PAGES", 1)
    docs = write_pages(tmp_path / "docs", PAGES)
    seen: list[tuple[str, int, int]] = []
    cache.build(docs, cache_root=tmp_path / "c", workers=2, progress=lambda *a: seen.append(a))
    reading = [s for s in seen if s[0] == "reading"]
    assert reading[-1] == ("reading", 7, 7) and all(a[1] <= b[1] for a, b in zip(reading, reading[1:], strict=False))
    assert [s[0] for s in seen if s[0] not in ("reading", "extracting")] == ["assembling"]


_PROBE = """
import json, sys
from pathlib import Path
from fingerpost.kb.cache import build
kb, stats = build(Path(sys.argv[1]), cache_root=Path(sys.argv[2]))
names = sorted(kb.questions), kb.summary()["edges"], len(kb.documents)
heavy = [m for m in ("networkx", "markdown_it", "yaml", "rich", "prompt_toolkit", "jinja2") if m in sys.modules]
print(json.dumps({"status": stats.status, "heavy": heavy, "names": names}))
"""


def test_loading_a_cached_kb_imports_neither_parser_nor_networkx(tmp_path: Path) -> None:
    content = REPO / "content" / "rancher"
    kb, _ = cache.build(content, cache_root=tmp_path)
    out = subprocess.run([sys.executable, "-c", _PROBE, str(content), str(tmp_path)], capture_output=True,
                         text=True, check=True, cwd=REPO).stdout
    probe = json.loads(out)
    assert probe["status"] == "fresh"
    assert probe["heavy"] == []
    assert probe["names"] == [sorted(kb.questions), kb.summary()["edges"], len(kb.documents)]


def test_ask_with_a_warm_cache_stays_light(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    probe = ("import sys, io, contextlib\nfrom fingerpost.cli import main\n"
             "with contextlib.redirect_stdout(io.StringIO()):\n"
             "    code = main(['ask', '--format', 'json', 'production, 3 nodes'])\n"
             "print(code, sorted(m for m in ('networkx', 'markdown_it', 'yaml', 'prompt_toolkit', 'jinja2', 'graphviz')"
             " if m in sys.modules))")
    first = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, cwd=REPO)
    second = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, cwd=REPO)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert "networkx" in first.stdout  # the first call compiles
    assert second.stdout.strip() == "0 []"


def test_build_command_reports_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    from fingerpost.cli import main

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    docs = write_pages(tmp_path / "docs", PAGES)
    assert main(["build", str(docs)]) == 0
    assert "every page read" in capsys.readouterr().out
    assert main(["build", str(docs)]) == 0
    assert "unchanged, from the cache" in capsys.readouterr().out
    (docs / "lone.md").write_text("# Lone again\n", encoding="utf-8")
    assert main(["build", str(docs)]) == 0
    assert "1 of 7 pages read again" in capsys.readouterr().out


def test_no_cache_flag_neither_reads_nor_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from fingerpost.cli import main

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    docs = write_pages(tmp_path / "docs", PAGES)
    assert main(["build", "--no-cache", str(docs)]) == 0
    assert "cache off" in capsys.readouterr().out
    assert main(["lint", "--no-cache", str(docs)]) in (0, 1)
    assert not (tmp_path / "xdg").exists()
