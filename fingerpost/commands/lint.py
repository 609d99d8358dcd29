"""`fingerpost lint [PATH]`: every problem as `path:line:col: severity: message`.

`--explain` first lists what inference found on unannotated pages (each item with its
confidence, `path:line` and the sentence it came from) and what it found ambiguous.
"""

from __future__ import annotations

import argparse
import sys

from fingerpost.commands.common import add_kb_arguments, load_kb


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("lint", help="check the docs and annotations; exit 1 on errors")
    add_kb_arguments(p, positional=True)
    p.add_argument("--errors-only", action="store_true", help="show errors, not warnings")
    p.add_argument("--verbose", action="store_true", help="also show notes (info)")
    p.add_argument("--explain", action="store_true",
                   help="list what was inferred from unannotated pages, with confidence and source, and what was ambiguous")


def run(args: argparse.Namespace) -> int:
    kb = load_kb(args)
    if args.explain:
        from fingerpost.kb.extract.explain import explain_lines  # start-up: loaded when the command runs

        print("\n".join(explain_lines(kb)))
    levels = ("error",) if args.errors_only else (("error", "warning", "info") if args.verbose else ("error", "warning"))
    shown = [p for p in kb.problems if p.severity in levels]
    for p in shown:
        print(p)
    errors = sum(p.severity == "error" for p in kb.problems)
    warnings = sum(p.severity == "warning" for p in kb.problems)
    print(f"{len(kb.documents)} pages: {errors} errors, {warnings} warnings", file=sys.stderr)
    return 1 if errors else 0
