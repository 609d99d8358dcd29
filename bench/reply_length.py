"""How long the default replies are: `fingerpost ask`'s default text for every case of the reasoning
table's development part, wrapped at 100 columns; print JSON with the distribution of line counts.

    python bench/reply_length.py            # JSON on stdout

Each case gives facts (as explicit answers), wishes and text, as bench/reasoning.py reads them;
the reply is what `fingerpost ask` prints by default for that turn (render: ask text without
--verbose). The target is a median of at most 12 lines.
"""

from __future__ import annotations

import json
import statistics
import sys
import textwrap
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evalkit import REPO, load_cases, load_kb  # noqa: E402

CASES = REPO / "bench" / "eval" / "reasoning" / "dev.yaml"
WIDTH = 100
TARGET_MEDIAN = 12


def reply_lines(kb: object, case: dict) -> int:
    """Lines of the default ask text for one case, wrapped at WIDTH columns."""
    from fingerpost.engine.facts import Fact, parse_answer
    from fingerpost.engine.turn import take_turn

    from fingerpost.commands.ask_text import turn_text

    explicit = [Fact(q, parse_answer(kb.question(q), v), how, str(v))  # type: ignore[attr-defined]
                for how, given in (("set", case.get("set") or {}), ("wish", case.get("wish") or {}))
                for q, v in given.items()]
    text = turn_text(kb, take_turn(kb, case.get("text") or "", explicit)).plain  # type: ignore[arg-type]
    return sum(max(1, len(textwrap.wrap(line, WIDTH))) for line in text.rstrip("\n").splitlines())


def main() -> int:
    counts = []
    for case in load_cases(CASES):
        kb = load_kb(case["kb"])
        if not getattr(kb, "options", None):
            continue  # no choice extracted: ask answers from the docs instead
        counts.append(reply_lines(kb, case))
    hist = Counter(counts)
    report = {
        "cases": len(counts),
        "width": WIDTH,
        "median": statistics.median(counts) if counts else 0,
        "mean": round(statistics.fmean(counts), 2) if counts else 0,
        "p90": sorted(counts)[int(0.9 * (len(counts) - 1))] if counts else 0,
        "max": max(counts, default=0),
        "target_median": TARGET_MEDIAN,
        "met": bool(counts) and statistics.median(counts) <= TARGET_MEDIAN,
        "distribution": {str(k): hist[k] for k in sorted(hist)},
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
