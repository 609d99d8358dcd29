"""Precision and recall of zero-annotation extraction against the hand-written gold files; print JSON.

Each gold file in tests/gold/*.yaml names one unannotated page (`page:`, relative to the
repository root; the seed page lives outside the repository, in ../shared/seed/; a gold with
`archive:` reads its page from that tarball, the corpus snapshot in ../shared/corpus/). The page
is compiled on its own, with inference only (no annotations), and scored with bench/extraction_gold.py.

    python bench/extraction_quality.py [--misses]

Prints {"pages": {name: {"overall": {...}, "kinds": {kind: {tp, fp, fn, precision, recall}}}},
"target": {...}, "met": bool}; exits 1 when a page is below the target (0.9 / 0.9 overall).
`--misses` adds what was missed or extra, per page.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

from extraction_gold import gold_page, load_gold, overall, score  # noqa: E402
from fingerpost.kb.pipeline import compile_path  # noqa: E402

TARGET = {"precision": 0.9, "recall": 0.9}


def measure(gold_path: Path, misses: bool = False) -> dict:
    """Score the page one gold file names."""
    gold = load_gold(gold_path)
    with tempfile.TemporaryDirectory() as work:
        page = gold_page(gold, REPO, Path(work))
        if not page.exists():
            return {"error": f"{gold.get('archive') or page}: {gold['page']} not found"}
        scores = score(gold, compile_path(page))
    total = overall(scores)
    out = {"page": gold["page"], "overall": total.as_json(), "kinds": {k: s.as_json() for k, s in scores.items()}}
    if misses:
        out["misses"] = [m for s in scores.values() for m in s.misses]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list what each page missed or added")
    args = parser.parse_args()
    pages = {p.stem: measure(p, args.misses) for p in sorted((REPO / "tests" / "gold").glob("*.yaml"))}
    met = all("overall" in r and r["overall"]["precision"] >= TARGET["precision"]
              and r["overall"]["recall"] >= TARGET["recall"] for r in pages.values())
    print(json.dumps({"pages": pages, "target": TARGET, "met": met}, indent=2))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
