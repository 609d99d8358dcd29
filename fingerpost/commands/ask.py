"""`fingerpost ask TEXT [--kb PATH] [--set Q=V]... [--priority NAME]... [--format text|json]`: one turn.

The JSON has exactly the keys facts, recommendation, candidates, next_question, answer, nearest and
set_aside (render.ask_json.to_json); the text is meant for a person at a terminal: the answer
first in a few lines, every option and the ids to type with --verbose.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from fingerpost.commands.common import add_kb_arguments, add_record_argument, load_kb
from fingerpost.kb.errors import UnknownName


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ask", help="one turn: describe your situation or ask a question; get the recommendation",
                       description="Reads your situation (or a question, or `why not X`, `compare A B`, "
                                   "`what if Q=V`) in plain words and prints the recommendation, every option's "
                                   "status with cited reasons, the next question to answer, and any answer.")
    p.add_argument("text", nargs="*", metavar="TEXT", help="what you would say, e.g. \"production, three nodes\"")
    add_kb_arguments(p)
    p.add_argument("--set", dest="sets", action="append", default=[], metavar="QUESTION=VALUE",
                   help="an explicit answer (repeatable), e.g. --set nodes=3, or what it is not: "
                        "--set internet!=airgap; wins over the text")
    p.add_argument("--priority", dest="priorities", action="append", default=[], metavar="NAME",
                   help="rank by this quality first (repeatable, most important first), e.g. --priority cost")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--verbose", action="store_true",
                   help="text: every option with its reasons, the guides, the checklist and the ids to type")
    add_record_argument(p)


def parse_sets(kb: Any, items: list[str]) -> list[Any]:
    """`--set Q=V` (or `Q!=V`) arguments as Facts; errors name the argument and what to type."""
    from fingerpost.engine.facts import parse_settings  # start-up: loaded when the command runs

    return parse_settings(kb.questions, items)


def check_priorities(kb: Any, names: list[str]) -> list[str]:
    known = list(kb.decision.priorities) if kb.decision else []
    for n in names:
        if n not in known:
            raise UnknownName(f"--priority {n}: not a priority of this knowledge base",
                              hint="choose from: " + (", ".join(known) or "(none declared)"))
    return names


def run(args: argparse.Namespace) -> int:
    from fingerpost.engine.turn import answer_json, take_turn  # start-up: loaded when the command runs
    from fingerpost.render.ask_json import to_json  # start-up: loaded when the command runs
    from fingerpost.sessions.gaps import note_ask  # start-up: loaded when the command runs

    kb = load_kb(args, need_options=True, unless_pages=True)
    if not kb.options:
        return _docs_only(kb, args)
    explicit = parse_sets(kb, args.sets)
    priorities = check_priorities(kb, args.priorities)
    turn = take_turn(kb, " ".join(args.text), explicit, priorities)
    note_ask(kb, " ".join(args.text), turn)  # what the docs miss, kept locally for `fingerpost gaps`
    if args.format == "json":
        doc = to_json(kb, turn.said, answer_json(kb, turn))
        sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
        for note in (*turn.understanding.notes, *turn.notes):
            print(f"fingerpost: note: {note}", file=sys.stderr)
        return 0
    from fingerpost.commands.ask_text import print_turn  # start-up: loaded when the command runs

    print_turn(kb, turn, verbose=args.verbose)
    return 0


def _docs_only(kb: Any, args: argparse.Namespace) -> int:
    """No choice was found: say so with the near misses, and still answer from the docs' sections."""
    from fingerpost.engine.answers.from_docs import answer_question

    where = getattr(args, "path", None) or getattr(args, "kb_path", None) or "the content"
    near = [p for p in kb.problems if p.code == "ambiguous" and "near miss" in p.message]
    print(f"fingerpost: found no options to choose between in {where}; answering from the docs' sections",
          file=sys.stderr)
    for p in near[:10]:
        print(f"fingerpost: {p.path}:{p.line}: {p.message}", file=sys.stderr)
    text = " ".join(args.text).strip()
    ans = answer_question(kb, text) if text else None
    if args.format == "json":
        doc = {"facts": [], "recommendation": None, "candidates": [], "next_question": None,
               "answer": None if ans is None else {"found": ans.found, "statements": [
                   {"text": st.text, "source": f"{st.source.path}:{st.source.line}"} for st in ans.statements]}}
        sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
        return 0
    if ans is None:
        print("Ask a question about the docs, e.g. \"what does it need?\"")
        return 0
    for st in ans.statements:
        print(f"{st.text} ({st.source.path}:{st.source.line})")
    return 0
