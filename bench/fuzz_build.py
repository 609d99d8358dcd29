"""Fuzz the whole build with generated hostile documentation trees; print JSON.

Each example is a tree of one to three pages from tests/markdown_strategies.py (headings, tables,
links with `../`, absolute and `javascript:` targets, front matter with bad YAML, annotation
blocks with random YAML, HTML, admonitions, MDX, CRLF, BOM, NUL and invalid UTF-8). It is
written to a temporary folder and compiled with `kb.compile_path`; the graph is serialised and
the engine assesses it with no answers. A failure is any exception, or a problem that does not
name a page of the tree and a line inside it.

    python bench/fuzz_build.py --examples 10000 --seed 1

Prints {"examples", "failures", "max_seconds", "mean_seconds", "problems", "first_failures"};
exits 1 when any example failed.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from fingerpost.engine.reason.assess import assess  # noqa: E402
from fingerpost.kb import compile_path  # noqa: E402
from fingerpost.render.graph import graph_json  # noqa: E402
from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from markdown_strategies import check_diagnostics, doc_tree, write_tree  # noqa: E402


def one_example(tree: dict[str, bytes]) -> tuple[float, list[str], Counter[str]]:
    """Build one tree; returns (seconds, what was wrong, problem codes)."""
    with tempfile.TemporaryDirectory() as tmp:
        write_tree(Path(tmp), tree)
        start = time.perf_counter()
        kb = compile_path(tmp)
        json.dumps(graph_json(kb), default=str)
        assess(kb, {})
        took = time.perf_counter() - start
    return took, check_diagnostics(kb, tree), Counter(d.code for d in kb.problems)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)

    times: list[float] = []
    failures: list[dict[str, str]] = []
    codes: Counter[str] = Counter()

    @seed(args.seed)
    @settings(max_examples=args.examples, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(doc_tree())
    def run(tree: dict[str, bytes]) -> None:
        try:
            took, wrong, found = one_example(tree)
        except Exception:  # noqa: BLE001 - counting every crash is the point
            failures.append({"tree": repr(tree)[:2000], "error": traceback.format_exc(limit=6)})
            return
        times.append(took)
        codes.update(found)
        if wrong:
            failures.append({"tree": repr(tree)[:2000], "error": "; ".join(wrong[:3])})

    start = time.perf_counter()
    run()
    report = {
        "examples": len(times) + sum(1 for f in failures if "Traceback" in f["error"]),
        "failures": len(failures),
        "seed": args.seed,
        "max_seconds": round(max(times, default=0.0), 4),
        "mean_seconds": round(sum(times) / max(1, len(times)), 5),
        "total_seconds": round(time.perf_counter() - start, 1),
        "problems": dict(codes.most_common()),
        "first_failures": failures[:5],
    }
    print(json.dumps(report, indent=2))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
