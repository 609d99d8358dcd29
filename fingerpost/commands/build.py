"""`fingerpost build [PATH]`: compile and summarise what was found."""

from __future__ import annotations

import argparse
import time

from fingerpost.commands.common import add_kb_arguments, build_kb, print_problems


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="compile the docs and summarise what was found")
    add_kb_arguments(p, positional=True)
    p.add_argument("--strict", action="store_true", help="exit 1 when the content has errors")


def run(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    kb, stats = build_kb(args)
    took = time.perf_counter() - start
    counts = kb.summary()
    errors = [p for p in kb.problems if p.severity == "error"]
    warnings = [p for p in kb.problems if p.severity == "warning"]
    title = kb.decision.title if kb.decision else "(no decision block)"
    print(f"built {kb.root}: {len(kb.documents)} pages in {took:.2f}s ({_how(stats)}) — {title}")
    shown = ("question", "answer", "option", "constraint", "recommendation", "tradeoff", "prerequisite", "term",
             "doc", "section")
    print("  " + ", ".join(f"{counts.get(k, 0)} {k}s" for k in shown) + f", {counts['edges']} edges")
    print(f"  {len(errors)} errors, {len(warnings)} warnings (run `fingerpost lint` for the list)")
    print_problems(warnings[:20], levels=("warning",))
    if len(warnings) > 20:
        print(f"  … and {len(warnings) - 20} more warnings")
    print_problems(errors, levels=("error",))
    return 1 if (errors and args.strict) else 0


def _how(stats: object) -> str:
    """How the cache served the build, in a few words."""
    status, read, pages = getattr(stats, "status", ""), getattr(stats, "read", 0), getattr(stats, "pages", 0)
    if status == "fresh":
        return "unchanged, from the cache"
    if status == "incremental":
        return f"{read} of {pages} pages read again"
    return "cache off" if status == "uncached" else "every page read"
