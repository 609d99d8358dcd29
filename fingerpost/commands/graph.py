"""`fingerpost graph [PATH] --format json|dot|mermaid`: the decision graph."""

from __future__ import annotations

import argparse
import json
import sys

from fingerpost.commands.common import add_kb_arguments, load_kb


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("graph", help="print the decision graph as JSON (node-link), DOT or Mermaid")

    add_kb_arguments(p, positional=True)
    p.add_argument("--format", choices=("json", "dot", "mermaid"), default="json")
    p.add_argument("--all", action="store_true", help="include doc and section nodes in DOT and Mermaid")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def run(args: argparse.Namespace) -> int:
    from fingerpost.render.graph import graph_dot, graph_json, graph_mermaid  # start-up: loaded when the command runs

    kb = load_kb(args)
    if args.format == "json":
        text = json.dumps(graph_json(kb), indent=2, ensure_ascii=False, default=str)
    elif args.format == "dot":
        text = graph_dot(kb, include_docs=args.all)
    else:
        text = graph_mermaid(kb, include_docs=args.all)
    if args.output:
        from fingerpost.kb.safeio import write_atomic

        write_atomic(args.output, text + "\n")  # a planted link is replaced, a full disk leaves the old file
    else:
        sys.stdout.write(text + "\n")
    return 0
