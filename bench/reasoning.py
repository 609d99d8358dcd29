"""How fingerpost reasons when facts are missing or in conflict: score bench/eval/reasoning/; print JSON.

    python bench/reasoning.py                 # the development part
    python bench/reasoning.py --sealed        # the sealed part (score it only at the end)
    python bench/reasoning.py --misses        # and list each failed case with why

Each case, written from the docs alone, gives facts (or, for docs without annotations, a
situation in words), sometimes a wish, and what an experienced engineer would conclude: the
acceptable best fits, whether that is provisional, final or a conflict, which open questions
could still change it, which questions no longer matter, and for a conflict the nearest fits
(the answers to change for an option to fit). A case passes when all of that holds; each part
is also counted on its own.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evalkit import REPO, load_cases, load_kb, option_chain, option_matches, question_matches, turn  # noqa: E402

CASES = REPO / "bench" / "eval" / "reasoning"
PARTS = ("best", "status", "open", "irrelevant", "nearest")


def check(case: dict) -> dict[str, bool]:
    """For each part the case states: did the engine get it right?"""
    kb = load_kb(case["kb"])
    exp = case.get("expect") or {}
    try:
        r = turn(kb, case.get("text") or "", explicit=case.get("set") or {}, wishes=case.get("wish") or {})
    except Exception as e:  # noqa: BLE001 — a crash fails every part the case states
        return {p: False for p in PARTS if p in exp} | {"error": f"{type(e).__name__}: {e}"}
    got: dict = {}
    if "best" in exp or "not_best" in exp:
        want = [str(o) for o in exp.get("best") or []]
        ok = (r.best is None) if not want and "best" in exp else (not want or any(option_matches(kb, r, o) for o in want))
        ok = ok and not any(option_matches(kb, r, str(o)) for o in exp.get("not_best") or [])
        got["best"] = ok
    if "status" in exp:
        got["status"] = r.status == exp["status"]
    if exp.get("open"):
        asked = {*r.could_change, *([r.next_question] if r.next_question else [])}
        got["open"] = bool(asked & set(exp["open"]))
    if exp.get("irrelevant"):
        got["irrelevant"] = r.next_question not in set(exp["irrelevant"])
    if exp.get("nearest"):
        got["nearest"] = all(_suggested(kb, r, n) for n in exp["nearest"])
    got["_seen"] = {"best": r.best, "status": r.status, "next": r.next_question, "could_change": list(r.could_change)}
    return got


def _suggested(kb, r, want: dict) -> bool:
    """True when the engine names `want`'s option as a nearest fit, changing no more than `want` says."""
    for n in r.nearest:
        chain = option_chain(kb, n["option"])
        if str(want["option"]) in chain or option_matches(kb, chain, str(want["option"])):
            allowed = [str(c) for c in want.get("change") or []]
            return all(any(question_matches(kb, q, c) for c in allowed) for q in n["change"])
    return False


def score(files: list[Path], misses: bool) -> dict:
    cases = [c for f in files for c in load_cases(f)]
    parts: Counter = Counter()
    right: Counter = Counter()
    passed, by_kb, ok_kb, out = 0, Counter(), Counter(), []
    for c in cases:
        got = check(c)
        seen, error = got.pop("_seen", None), got.pop("error", None)
        for p, ok in got.items():
            parts[p] += 1
            right[p] += ok
        by_kb[c["kb"]] += 1
        if all(got.values()) and not error:
            passed += 1
            ok_kb[c["kb"]] += 1
        elif misses:
            out.append({"id": c["id"], "kb": c["kb"], "wrong": [p for p, ok in got.items() if not ok],
                        "expect": c.get("expect"), "seen": seen, **({"error": error} if error else {})})
    report = {"cases": len(cases), "passed": passed, "score": round(passed / len(cases), 3) if cases else 0.0,
              "parts": {p: {"cases": parts[p], "right": right[p], "score": round(right[p] / parts[p], 3)}
                        for p in PARTS if parts[p]},
              "by_kb": {k: {"cases": n, "passed": ok_kb[k]} for k, n in by_kb.items()}}
    if misses:
        report["misses"] = out
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sealed", action="store_true", help="score the sealed part (only at the end)")
    parser.add_argument("--misses", action="store_true", help="list the failed cases")
    args = parser.parse_args()
    half = "sealed" if args.sealed else "dev"
    print(json.dumps({"half": half, **score([CASES / f"{half}.yaml"], args.misses)}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
