"""The pipeline: find pages → read → resolve links → extract → merge → graph → lint.

    >>> kb = compile_path(default_content())           # doctest: +SKIP
    >>> sorted(o.id for o in kb.top_options())          # doctest: +SKIP

Reading, link resolution and extraction are per page (`kb.pages`), by one process per core
when there are many pages (`workers`); merging the pages' records, the knowledge base and lint
follow here. The graph is built on first use. Everything runs with the garbage collector
paused, since it only allocates. `kb.cache` wraps this pipeline with a content-hash cache.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from pathlib import Path

from fingerpost.kb.errors import Diagnostic
from fingerpost.kb.extract import merge
from fingerpost.kb.files import Progress, default_content, default_workers, discover_relative, paused_gc
from fingerpost.kb.graph import LazyDocuments, LazyKnowledgeBase, knowledge_base
from fingerpost.kb.lint import lint
from fingerpost.kb.pages import Page, process
from fingerpost.kb.records import Document

__all__ = ["compile_pages", "compile_path"]


def compile_pages(root: str, order: Sequence[str], pages: Mapping[str, Page], problems: Iterable[Diagnostic] = (),
                  documents: Mapping[str, Document] | None = None, disable: Iterable[str] = (),
                  progress: Progress | None = None) -> LazyKnowledgeBase:
    """Merge the pages' records in `order`, assemble the knowledge base and lint it.

    `documents` (default: read from `pages` on first use) is kept for what needs page text.
    """
    with paused_gc():
        if progress is not None:
            progress("assembling", 0, 0)
        digests = [pages[rel].digest for rel in order]
        inbound = Counter(target for digest in digests for target in set(digest.targets))  # pages linking in
        records = merge((pages[rel].fragment for rel in order), inbound, disable)
        docs = documents if documents is not None else LazyDocuments(order, partial(_documents, pages))
        kb = knowledge_base(root, docs, [pages[rel].info for rel in order], digests, records)
        kb.problems = lint(kb) + list(problems)
    return kb


def _documents(pages: Mapping[str, Page], rels: list[str]) -> dict[str, Document]:
    return {rel: pages[rel].document() for rel in rels}


def compile_path(path: Path | str | None = None, exclude: Iterable[str] = (), *, workers: int | None = None,
                 progress: Progress | None = None) -> LazyKnowledgeBase:
    """Compile the Markdown at `path` (default: the embedded content) into a KnowledgeBase."""
    root = Path(path) if path is not None else default_content()
    if root.is_file():
        base, rels, problems = root.parent, [root.name], []
    else:
        base = root
        rels, problems = discover_relative(root, exclude)
    workers = default_workers() if workers is None else max(1, workers)
    pages, _ = process(base, rels, workers=workers, progress=progress)
    return compile_pages(str(root), rels, pages, problems, progress=progress)
