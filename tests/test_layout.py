"""The layout keeps its promises (docs/architecture.md): one installed namespace, arrows that point
one way (import-linter's contracts in pyproject.toml), and no import cycle among modules (grimp).

Both tools find a package's modules by walking its folder, and `fingerpost.kb` lives in `kb/`, not
in `fingerpost/kb/`; so the tests lay the tree out as it is installed — each folder copied to where
pyproject.toml's `package-dir` puts it — and analyse that copy.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import tomllib

REPO = Path(__file__).resolve().parents[1]
SETUP = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The source tree laid out as installed: a folder holding `fingerpost/` with `kb/`, `engine/`, … in it."""
    out = tmp_path_factory.mktemp("layout")
    for package, folder in sorted(SETUP["package-dir"].items(), key=lambda kv: kv[0].count(".")):
        shutil.copytree(REPO / folder, out / package.replace(".", "/"), dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__"))
    return out


def test_every_package_folder_is_installed() -> None:
    """pyproject.toml lists packages by hand (package-dir cannot be combined with find): none is forgotten."""
    found = set()
    for package, folder in SETUP["package-dir"].items():
        for init in (REPO / folder).rglob("__init__.py"):
            rel = init.parent.relative_to(REPO / folder)
            found.add(".".join([package, *rel.parts]))
    data = {"fingerpost.render.templates", "fingerpost.content.rancher"}  # no Python: package data
    assert found | data == set(SETUP["packages"])


def test_the_layers_point_one_way(installed: Path) -> None:
    """kb ← engine ← render ← the front ends; the engine draws nothing (contracts in pyproject.toml)."""
    lint = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run([str(lint), "--no-cache", str(REPO / "pyproject.toml")], cwd=installed,
                         capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(installed)})
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "BROKEN" not in run.stdout and " 0 broken" in run.stdout


CYCLES = """
import json, grimp, networkx as nx
graph = grimp.build_graph("fingerpost", exclude_type_checking_imports=True, cache_dir=None)
edges = nx.DiGraph((m, i) for m in graph.modules for i in graph.find_modules_directly_imported_by(m))
print(json.dumps({"modules": sorted(graph.modules),
                  "cycles": [sorted(c) for c in nx.strongly_connected_components(edges) if len(c) > 1],
                  "self": sorted(m for m in edges if edges.has_edge(m, m))}))
"""


def test_no_module_imports_itself_through_others(installed: Path) -> None:
    """No import cycle among modules, counting imports inside functions (typing-only imports aside)."""
    run = subprocess.run([sys.executable, "-c", CYCLES], cwd=installed, capture_output=True, text=True,
                         env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(installed)})
    assert run.returncode == 0, run.stderr[-2000:]
    found = json.loads(run.stdout)
    assert {"fingerpost.kb.graph", "fingerpost.engine.turn", "fingerpost.render.text",
            "fingerpost.chat.repl"} <= set(found["modules"])
    assert found["cycles"] == [] and found["self"] == []


def test_every_error_class_is_in_the_one_errors_module() -> None:
    """One hierarchy in one module (kb.errors); modules that raise an error re-export it by name."""
    import importlib
    import inspect
    import pkgutil

    names = []
    for package in ("fingerpost", "fingerpost.kb", "fingerpost.engine", "fingerpost.render"):
        root = importlib.import_module(package)
        names += [info.name for info in pkgutil.walk_packages(root.__path__, package + ".")]
    assert "fingerpost.render.dot" in names and "fingerpost.kb.cache.files" in names
    elsewhere = []
    for name in sorted(set(names) - {"fingerpost.__main__"}):
        module = importlib.import_module(name)
        for cls_name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, BaseException) and cls.__module__ == name and not cls_name.startswith("_"):
                elsewhere.append(f"{name}.{cls_name}")
    assert [e for e in elsewhere if not e.startswith("fingerpost.kb.errors.")] == []
    assert len(elsewhere) >= 15  # the hierarchy itself
