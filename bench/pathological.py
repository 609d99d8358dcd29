"""Time and peak memory of `fingerpost lint` on each pathological page, at full size; prints JSON.

The cases are those of tests/pathological.py grown by `--scale`, plus the costliest Markdown
per character we know of, filled up to the page budget (kb.read.MAX_PAGE_CHARS), where reading
stops. Each case runs in its own process under a memory and CPU limit; a real page of the same
run (the largest of the embedded content) gives the ratio against ordinary text.

    python bench/pathological.py --scale 4

Prints {"cases": [{"name", "bytes", "seconds", "peak_mib", "exit", "message"}], "baseline": {...},
"worst": {...}}; exits 1 when a case crashed, was killed or printed a traceback.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from fingerpost.kb.read import MAX_PAGE_CHARS  # noqa: E402
from pathological import Case, cases, run_limited  # noqa: E402

MEMORY_MIB = 2048
SECONDS = 300


def budget_cases() -> list[Case]:
    """The slowest constructs per character, repeated up to the page budget."""
    def fill(unit: bytes) -> bytes:
        return unit * (MAX_PAGE_CHARS // len(unit) + 1)

    return [
        Case("budget-list-items", fill(b"- a\n"), ""),
        Case("budget-open-brackets", fill(b"[a\n"), ""),
        Case("budget-image-runs", fill(b"![x]( " * 1000 + b"\n"), ""),
        Case("budget-nested-lists", fill(b"1. a\n   - b\n"), ""),
        Case("budget-table-rows", b"| a | b |\n|---|---|\n" + fill(b"| x | [y](z.md) |\n"), ""),
        Case("budget-headings", fill(b"# h\n"), ""),
        Case("budget-emphasis", fill(b"*a_" * 30 + b"\n"), ""),
        Case("budget-html-links", fill(b'<a href="x.md">x</a>\n'), ""),
    ]


def fingerpost() -> str:
    beside = Path(sys.executable).parent / "fingerpost"
    return str(beside) if beside.exists() else (shutil.which("fingerpost") or "fingerpost")


def measure(case: Case, folder: Path) -> dict[str, object]:
    page = folder / f"{case.name}.md"
    page.write_bytes(case.data)
    r = run_limited([fingerpost(), "lint", "--no-cache", str(page)], seconds=SECONDS, memory_mib=MEMORY_MIB)
    page.unlink()
    said = [line for line in r.stdout.splitlines() if line.startswith(page.name)]
    return {"name": case.name, "bytes": len(case.data), "seconds": round(r.seconds, 2),
            "peak_mib": round(r.peak_mib, 1), "exit": r.returncode,
            "traceback": "Traceback" in r.stderr, "message": said[0][len(page.name) + 1:][:160] if said else ""}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=4.0, help="grow the size-dependent test cases by this factor")
    ap.add_argument("--only", default="", help="run only the cases whose name contains this")
    args = ap.parse_args(argv)
    all_cases = [c for c in cases(args.scale) + budget_cases() if args.only in c.name]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        real = max((REPO / "content").rglob("*.md"), key=lambda p: p.stat().st_size)
        baseline = measure(Case("baseline-" + real.stem, real.read_bytes(), ""), folder)
        rows = [measure(c, folder) for c in all_cases]
    bad = [r for r in rows if r["exit"] not in (0, 1) or r["traceback"]]
    worst = max(rows, key=lambda r: float(r["seconds"])) if rows else {}
    report = {"max_page_chars": MAX_PAGE_CHARS, "memory_limit_mib": MEMORY_MIB, "baseline": baseline,
              "worst": {"name": worst.get("name"), "seconds": worst.get("seconds"),
                        "x_baseline": round(float(worst.get("seconds", 0)) / max(0.01, float(baseline["seconds"])), 1)},
              "max_peak_mib": max((float(r["peak_mib"]) for r in rows), default=0.0),
              "failed": [r["name"] for r in bad], "cases": rows}
    print(json.dumps(report, indent=2))
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
