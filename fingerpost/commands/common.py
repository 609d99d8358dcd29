"""Arguments and loading shared by the sub-commands."""

from __future__ import annotations

import argparse
import sys
from typing import Any

__all__ = ["add_kb_arguments", "load_kb", "print_problems"]


def add_kb_arguments(parser: argparse.ArgumentParser, positional: bool = False) -> None:
    """`PATH` (or `--kb PATH`) and `--exclude GLOB` for commands that read a knowledge base."""
    if positional:
        parser.add_argument("path", nargs="?", metavar="PATH",
                            help="Markdown file or docs folder (default: the embedded Rancher pack)")
    parser.add_argument("--kb", dest="kb_path", metavar="PATH",
                        help="Markdown file or docs folder (default: the embedded Rancher pack)")
    parser.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                        help="skip files matching GLOB (relative path or file name); repeatable")


def load_kb(args: argparse.Namespace) -> Any:
    """Compile the knowledge base the arguments name."""
    from kb import compile_path

    path = getattr(args, "path", None) or getattr(args, "kb_path", None)
    return compile_path(path, exclude=args.exclude)


def print_problems(problems: list[Any], *, levels: tuple[str, ...] = ("error", "warning"), stream: Any = None) -> None:
    out = stream or sys.stderr
    for p in problems:
        if p.severity in levels:
            print(p, file=out)
