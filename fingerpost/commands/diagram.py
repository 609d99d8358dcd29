"""`fingerpost diagram [TEXT] [--set Q=V]... [--kind architecture|decision] -o FILE`: draw the decision.

The format follows the extension of FILE: .svg .png .pdf (rendered by Graphviz `dot`, with the
.dot source written beside), .dot/.gv (DOT source), .mmd (Mermaid). Without `-o` the DOT source
goes to standard output. When `dot` is missing the .dot file is still written, a message says how
to install Graphviz, and the exit code is 3.
"""

from __future__ import annotations

import argparse
import sys

from fingerpost.commands.ask import parse_sets
from fingerpost.commands.common import add_kb_arguments, load_kb


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("diagram", help="draw the recommended setup or the decision graph (SVG, PNG, PDF, DOT, Mermaid)",
                       description="Draw the architecture of the recommended setup for your answers, or the "
                       "decision graph with your path highlighted. The format follows the extension of -o FILE.")

    p.add_argument("text", nargs="*", metavar="TEXT", help='your situation in words, e.g. "production, four nodes, air gap"')
    add_kb_arguments(p)
    p.add_argument("--set", dest="sets", action="append", default=[], metavar="Q=V",
                   help="answer a question, e.g. --set nodes=4 --set internet=airgap, or what it is not: "
                        "--set internet!=airgap (repeatable; wins over TEXT)")
    p.add_argument("--kind", choices=("architecture", "decision"), default="architecture",
                   help="architecture of the recommended setup (default) or the decision graph")
    p.add_argument("--option", metavar="ID", help="draw this option's architecture instead of the recommended one")
    p.add_argument("--priority", dest="priorities", action="append", default=[], metavar="NAME",
                   help="what matters most (e.g. availability, cost); repeatable, most important first")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="output file: .svg .png .pdf .dot .gv .mmd (default: DOT source on standard output)")


def run(args: argparse.Namespace) -> int:
    from fingerpost.engine.facts import known  # start-up: loaded when the command runs
    from fingerpost.engine.turn import take_turn  # start-up: loaded when the command runs
    from fingerpost.render.diagram import diagram_scene, write_diagram  # start-up: loaded when the command runs
    from fingerpost.render.dot import to_dot  # start-up: loaded when the command runs

    kb = load_kb(args)
    turn = take_turn(kb, " ".join(args.text), parse_sets(kb, args.sets), args.priorities)  # the one dispatcher
    u = turn.understanding
    notes = [*u.notes, *turn.notes]
    if u.unknown:
        notes.append("not understood: " + ", ".join(u.unknown) + " (use --set QUESTION=VALUE)")
    for note in notes:
        print(f"fingerpost: note: {note}", file=sys.stderr)
    facts, priorities = known(kb.questions, turn.entries), turn.assessment.priorities
    if not args.output:
        sys.stdout.write(to_dot(diagram_scene(kb, facts, args.kind, priorities, args.option)) + "\n")
        return 0
    result = write_diagram(kb, facts, args.output, kind=args.kind, priorities=priorities, option=args.option)
    print(f"fingerpost: {result.message}", file=sys.stdout if result.ok else sys.stderr)
    return 0 if result.ok else 3
