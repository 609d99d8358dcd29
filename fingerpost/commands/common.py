"""Arguments and loading shared by the sub-commands."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from fingerpost.kb.errors import ContentError

__all__ = ["add_kb_arguments", "add_record_argument", "load_kb", "build_kb", "print_problems"]


def add_kb_arguments(parser: argparse.ArgumentParser, positional: bool = False) -> None:
    """`PATH` (or `--kb PATH`) and `--exclude GLOB` for commands that read a knowledge base."""
    if positional:
        parser.add_argument("path", nargs="?", metavar="PATH",
                            help="Markdown file or docs folder (default: the embedded Rancher pack)")
    parser.add_argument("--kb", dest="kb_path", metavar="PATH",
                        help="Markdown file or docs folder (default: the embedded Rancher pack)")
    parser.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                        help="skip files matching GLOB (relative path or file name); repeatable")
    parser.add_argument("--no-cache", dest="no_cache", action="store_true",
                        help="compile from scratch without reading or writing the build cache")


def add_record_argument(parser: argparse.ArgumentParser) -> None:
    """`--no-record`: keep no record of the questions the docs miss (as FINGERPOST_NO_RECORD=1)."""
    parser.add_argument("--no-record", dest="no_record", action="store_true",
                        help="do not keep questions the docs miss for `fingerpost gaps` (or FINGERPOST_NO_RECORD=1); "
                             "nothing is ever sent anywhere")


def no_record(args: argparse.Namespace) -> None:
    """Honour --no-record for this process and what it starts."""
    import os

    if getattr(args, "no_record", False):
        os.environ["FINGERPOST_NO_RECORD"] = "1"


def load_kb(args: argparse.Namespace, *, need_options: bool = False, unless_pages: bool = False) -> Any:
    """Compile the knowledge base the arguments name (through the build cache unless --no-cache).

    With `need_options`, a knowledge base with nothing to choose between is an error that says so,
    instead of a conversation that can only answer "no option fits" — unless `unless_pages` and
    there are pages to answer questions from."""
    no_record(args)
    kb = build_kb(args)[0]
    if need_options and not kb.options and not (unless_pages and len(kb.documents)):
        where = getattr(args, "path", None) or getattr(args, "kb_path", None) or "the content"
        raise ContentError(f"found no options to choose between in {where}",
                           hint="annotate the docs (see docs/authoring.md); `fingerpost lint` shows what was read")
    return kb


def build_kb(args: argparse.Namespace) -> tuple[Any, Any]:
    """The knowledge base the arguments name and kb.cache.BuildStats; a progress bar on a terminal."""
    from fingerpost.kb.cache import build  # start-up: loaded when the command runs
    from fingerpost.progress import terminal_progress  # start-up: loaded when the command runs

    path = getattr(args, "path", None) or getattr(args, "kb_path", None)
    bar = terminal_progress()
    try:
        built = build(path, exclude=args.exclude, use_cache=not getattr(args, "no_cache", False), progress=bar)
    finally:
        if bar is not None:
            bar.close()
    if built[1].note:
        print(f"fingerpost: warning: {built[1].note}", file=sys.stderr)
    return built


def print_problems(problems: list[Any], *, levels: tuple[str, ...] = ("error", "warning"), stream: Any = None) -> None:
    out = stream or sys.stderr
    for p in problems:
        if p.severity in levels:
            print(p, file=out)
