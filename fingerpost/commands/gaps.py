"""`fingerpost gaps [--since DATE] [--format md|json]`: the questions the docs miss, grouped and counted.

Reads what `ask` and the chat kept on this machine (engine.gaps): questions the documentation
does not answer, words nobody understood, and answers for which no option fits. Alike records
are grouped (rapidfuzz), counted, and shown with the closest sections of the docs — a to-do
list for the docs team. Nothing is ever sent anywhere.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from typing import Any

LABELS = {"not-said": "the docs do not say", "not-understood": "words not understood", "no-fit": "no option fits"}


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gaps", help="the questions the docs miss, grouped and counted (kept locally by ask and chat)",
                       description="Groups what `fingerpost ask` and the chat recorded on this machine — questions "
                                   "the docs do not answer, words not understood, answers no option fits — by "
                                   "similarity, counts them and names the closest sections. Kept in "
                                   "$XDG_STATE_HOME/fingerpost/gaps (default ~/.local/state/fingerpost/gaps); "
                                   "--no-record or FINGERPOST_NO_RECORD=1 on ask and chat turns it off.")
    p.add_argument("--since", metavar="DATE", help="only records from DATE on (YYYY-MM-DD, or an ISO 8601 time)")
    p.add_argument("--format", choices=("md", "json"), default="md", help="Markdown (default) or JSON")


def _since(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        t = datetime.fromisoformat(text)
    except ValueError:
        from fingerpost.kb.errors import FingerpostError

        raise FingerpostError(f"--since {text}: not a date", hint="write it as YYYY-MM-DD, e.g. --since 2025-01-31") from None
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


def _group_json(g: Any) -> dict[str, Any]:
    return {"kind": g.kind, "decision": g.decision, "count": g.count, "examples": list(g.examples),
            "words": list(g.words), "sections": [dict(s) for s in g.sections], "first": g.first, "last": g.last}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(groups: list[Any], records: int, since: str | None) -> str:
    when = f" since {since}" if since else ""
    if not records:
        return f"# Questions the docs miss\n\nNothing recorded{when}.\n"
    out = ["# Questions the docs miss", "",
           f"{records} record{'s' if records != 1 else ''}{when}, in {len(groups)} group{'s' if len(groups) != 1 else ''}.",
           "", "| count | what | example | closest sections |", "|---:|---|---|---|"]
    for g in groups:
        example = g.examples[0] if g.kind != "not-understood" else f"{', '.join(g.words[:5])} — in “{g.examples[0]}”"
        more = f" (+{len(g.examples) - 1} alike)" if len(g.examples) > 1 else ""
        sections = "; ".join(f"{s['title']} (`{s['source']}`)" for s in g.sections) or "—"
        out.append(f"| {g.count} | {LABELS[g.kind]} ({_cell(g.decision)}) | {_cell(example)}{more} | {_cell(sections)} |")
    return "\n".join(out) + "\n"


def run(args: argparse.Namespace) -> int:
    from fingerpost.sessions.gaps import gaps_dir, group, read_gaps

    since = _since(args.since)
    gaps = read_gaps(since=since)
    groups = group(gaps)
    if args.format == "json":
        doc = {"folder": str(gaps_dir()), "records": len(gaps), "groups": [_group_json(g) for g in groups]}
        sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(markdown(groups, len(gaps), args.since))
    return 0
