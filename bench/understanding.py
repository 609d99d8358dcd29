"""How well fingerpost understands people: score the utterance corpus in bench/eval/understanding/; print JSON.

    python bench/understanding.py                 # the development half
    python bench/understanding.py --sealed        # the sealed half (score it only at the end)
    python bench/understanding.py --misses        # and list each failed case with why
    python bench/understanding.py --fresh [--sealed]   # the second corpus, fresh.yaml, by its `half:`
    python bench/understanding.py --tracker [--sealed] # questions as posted in trackers, tracker.yaml
    python bench/understanding.py --third [--sealed]   # the third corpus, third.yaml (more packs, inferred ones)
    python bench/understanding.py --corpus fourth [--sealed]   # any corpus NAME.yaml by its halves (fourth, tracker2)

The cases were written from the docs alone, by someone who had not read the code. A case
passes when every expectation it states holds: the facts it must read (same values), the
values it must not read, the questions it must leave unset, the kind of turn (situation,
question, what-if, command; a question whose text also describes the reader's setup — facts, or
words leaning to an option — is a situation too, since its reply answers and recommends), the best fit, and for a question, an answer that cites the right
file and says the right words (or says the docs do not say). `flips` counts stated facts read
as their opposite or as another question's answer — the target for those is 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evalkit import REPO, load_cases, load_kb, option_matches, same_value, turn  # noqa: E402

CASES = REPO / "bench" / "eval" / "understanding"
TARGET = {"dev": 0.95, "sealed": 0.90, "flips": 0}
NOT_SAID = ("does not say", "doesn't say", "do not say", "not documented", "not covered")


def check(case: dict) -> tuple[list[str], int]:
    """The expectations a case misses, and how many stated facts were flipped."""
    kb = load_kb(case["kb"])
    exp = case.get("expect") or {}
    try:
        r = turn(kb, case["text"], asked=case.get("asked"))
    except Exception as e:  # noqa: BLE001 — a crash is a failed case, with its reason
        return [f"error: {type(e).__name__}: {e}"], 0
    misses, flipped = [], set()
    if exp.get("kind") and exp["kind"] != r.kind and not (exp["kind"] == "situation" and r.described):
        misses.append(f"kind {r.kind}, want {exp['kind']}")
    for q, v in (exp.get("facts") or {}).items():
        if q not in r.facts:
            misses.append(f"missed {q}={v}")
        elif not same_value(v, r.facts[q]):
            misses.append(f"read {q}={r.facts[q]}, want {v}")
            flipped.add(q)
    for q, v in (exp.get("not") or {}).items():
        if q in r.facts and same_value(v, r.facts[q]):
            misses.append(f"read {q}={v}, which the text does not say")
            flipped.add(q)
    for q in exp.get("absent") or ():
        if q in r.facts:
            misses.append(f"set {q}={r.facts[q]}, which the text leaves open")
    if exp.get("option") and not option_matches(kb, r, str(exp["option"])):
        misses.append(f"best fit {r.best}, want {exp['option']}")
    if exp.get("option_not") and option_matches(kb, r, str(exp["option_not"])):
        misses.append(f"best fit {r.best}, which should not win")
    if exp.get("what_if"):
        args = [str(a).lower() for a in r.args]
        for q, v in exp["what_if"].items():
            if r.kind != "what-if" or q not in args:
                misses.append(f"what-if {q}={v} not read ({r.command} {list(r.args)})")
    ans = exp.get("answer") or {}
    if ans:
        text = r.answer.lower()
        said_not = not r.answer_found or any(p in text for p in NOT_SAID)
        if ans.get("not_said"):
            if not said_not:
                misses.append("answered, though the docs do not say")
        else:
            if said_not or not r.answer:
                misses.append("said the docs do not say")
            if ans.get("cites") and not any(s.split(":")[0].endswith(ans["cites"]) for s in r.answer_sources):
                misses.append(f"cites {sorted(set(s.split(':')[0] for s in r.answer_sources))}, want {ans['cites']}")
            for w in ans.get("mentions") or ():
                if w.lower() not in text:
                    misses.append(f"answer does not mention {w!r}")
    return misses, len(flipped)


def score(files: list[Path], misses: bool) -> dict:
    return score_cases([c for f in files for c in load_cases(f)], misses)


def score_cases(cases: list[dict], misses: bool) -> dict:
    by_kb: Counter = Counter()
    ok_kb: Counter = Counter()
    out, flips = [], 0
    for c in cases:
        missed, flipped = check(c)
        flips += flipped
        by_kb[c["kb"]] += 1
        if not missed:
            ok_kb[c["kb"]] += 1
        elif misses:
            out.append({"id": c["id"], "kb": c["kb"], "text": c["text"], "misses": missed})
    total = sum(by_kb.values())
    report = {"cases": total, "passed": sum(ok_kb.values()),
              "score": round(sum(ok_kb.values()) / total, 3) if total else 0.0, "flips": flips,
              "by_kb": {k: {"cases": n, "passed": ok_kb[k], "score": round(ok_kb[k] / n, 3)} for k, n in by_kb.items()}}
    if misses:
        report["misses"] = out
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sealed", action="store_true", help="score the sealed half (only at the end)")
    parser.add_argument("--fresh", action="store_true",
                        help="score fresh.yaml, the second corpus (its dev half; with --sealed its sealed half)")
    parser.add_argument("--tracker", action="store_true",
                        help="score tracker.yaml, questions as people post them in trackers (by half, as --fresh)")
    parser.add_argument("--third", action="store_true",
                        help="score third.yaml, the third round's corpus over annotated and inferred packs (by half)")
    parser.add_argument("--corpus", metavar="NAME",
                        help="score NAME.yaml by its halves (fourth: the fourth round's corpus; tracker2: more tracker posts)")
    parser.add_argument("--misses", action="store_true", help="list the failed cases")
    args = parser.parse_args()
    half = "sealed" if args.sealed else "dev"
    if args.fresh or args.tracker or args.third or args.corpus:
        name = args.corpus or ("fresh" if args.fresh else "tracker" if args.tracker else "third")
        cases = [c for c in load_cases(CASES / f"{name}.yaml") if c.get("half", "dev") == half]
        report = {"half": f"{name}-{half}", **score_cases(cases, args.misses), "target": TARGET}
    else:
        report = {"half": half, **score([CASES / f"{half}.yaml"], args.misses), "target": TARGET}
    report["met"] = report["score"] >= TARGET[half] and report["flips"] <= TARGET["flips"]
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
