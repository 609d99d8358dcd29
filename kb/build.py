"""The pipeline: find pages → read → resolve links → extract → graph → lint.

    >>> kb = compile_path(default_content())           # doctest: +SKIP
    >>> sorted(o.id for o in kb.top_options())          # doctest: +SKIP
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable
from pathlib import Path

from kb.errors import ContentError, Diagnostic
from kb.extract import extract
from kb.graph import KnowledgeBase, build_graph
from kb.links import resolve_links
from kb.lint import lint
from kb.read import read_bytes
from kb.records import Document

__all__ = ["discover", "read_documents", "compile_documents", "compile_path", "default_content", "MAX_FILE_BYTES"]

PAGE_SUFFIXES = (".md", ".mdx", ".markdown")
MAX_FILE_BYTES = 16 * 1024 * 1024


def default_content() -> Path:
    """The embedded Rancher decision pack, wherever the project is installed."""
    from content import default_path

    return default_path()


def discover(root: Path, exclude: Iterable[str] = ()) -> tuple[list[Path], list[Diagnostic]]:
    """Markdown files below `root` (or `root` itself), sorted; links leading outside are reported."""
    patterns = list(exclude)
    problems: list[Diagnostic] = []
    if root.is_file():
        return [root], problems
    if not root.is_dir():
        raise ContentError(f"no such file or folder: {root}", hint="give the path of a Markdown file or a docs folder")
    real_root = root.resolve()
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "node_modules")
        for name in sorted(filenames):
            if not name.lower().endswith(PAGE_SUFFIXES):
                continue
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            if any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns):
                continue
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(real_root):
                    problems.append(Diagnostic(rel, 0, 1, "error", "outside-root",
                                               f"symbolic link to {target}, outside the documentation folder; not read"))
                    continue
            found.append(path)
    return found, problems


def _read_one(root: Path, path: Path) -> Document:
    rel = path.relative_to(root).as_posix() if path != root else path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            doc = read_bytes(rel, b"")
            doc.problems.append(Diagnostic(rel, 1, 1, "error", "too-large",
                                           f"the file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit; not read"))
            return doc
        data = path.read_bytes()
    except OSError as exc:
        doc = read_bytes(rel, b"")
        doc.problems.append(Diagnostic(rel, 0, 1, "error", "unreadable", f"cannot read the file: {exc.strerror}"))
        return doc
    return read_bytes(rel, data)


def read_documents(root: Path, paths: list[Path]) -> list[Document]:
    """Read every page (in order)."""
    base = root if root.is_dir() else root.parent
    return [_read_one(base, p) for p in paths]


def compile_documents(root: str, documents: list[Document], problems: Iterable[Diagnostic] = ()) -> KnowledgeBase:
    """Resolve links, extract records, build the graph and lint it."""
    resolve_links(documents)
    records = extract(documents)
    kb = build_graph(root, documents, records)
    kb.problems = lint(kb) + list(problems)
    return kb


def compile_path(path: Path | str | None = None, exclude: Iterable[str] = ()) -> KnowledgeBase:
    """Compile the Markdown at `path` (default: the embedded content) into a KnowledgeBase."""
    root = Path(path) if path is not None else default_content()
    paths, problems = discover(root, exclude)
    documents = read_documents(root, paths)
    return compile_documents(str(root), documents, problems)
