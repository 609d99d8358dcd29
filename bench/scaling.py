"""Scaling: build time and turn latency for generated packs of 10 to 5,000 options; prints JSON.

    python bench/scaling.py
    python bench/scaling.py --sizes 10 100 1000 --turns 5

Each pack has 8 questions (choice, yes/no, number and version, twice) on one page and its
options on pages of 25, each option requiring or excluding conditions on one to three
questions, some recommended, with pros and cons (about 20 lines of annotation per option).
For each size, in a fresh process: the compile without the cache (`compile_path`), a cold
cached build and an unchanged rebuild; then, in another, the engine's turn latency on the
cached knowledge base: the first `ask` turn (which includes the engine's preparation of the
knowledge base), then the median of `--turns` turns with no answer and with one answer.
A probe that takes longer than `--timeout` is reported as such, with what it measured before. The growth exponent k in time ∝ size^k is
the least-squares slope of log(time) against log(size), over all sizes and over the last two.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from procs import machine  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
PER_PAGE = 25
KINDS = ("choice", "yesno", "number", "version")


def _questions() -> tuple[str, list[tuple[str, str]]]:
    blocks, metas = [], []
    for i in range(8):
        kind, qid = KINDS[i % 4], f"q{i}"
        lines = [f"question: {qid}", f"text: How is setting {i} chosen?", f"type: {kind}"]
        if kind == "choice":
            lines += ["choices:"] + [f"  - value: c{i}{v}\n    label: Way {v} of setting {i}" for v in "abc"]
        elif kind == "number":
            lines.append("unit: units")
        blocks.append(f"## Setting {i} {{#{qid}}}\n\nWhy setting {i} matters.\n\n```fingerpost\n"
                      + "\n".join(lines) + "\n```\n")
        metas.append((qid, kind))
    head = ("---\ntitle: A generated decision\nfingerpost:\n  decision: generated\n  title: Choose a setup\n"
            "  intro: A pack written by the benchmark.\n  priorities: [speed, cost]\n---\n\n# A generated decision\n\n")
    return head + "\n".join(blocks), metas


def _condition(rng: random.Random, qid: str, kind: str) -> str:
    i = qid[1:]
    if kind == "choice":
        return f"{qid} == c{i}{rng.choice('abc')}"
    if kind == "yesno":
        return qid if rng.random() < 0.5 else f"not {qid}"
    if kind == "number":
        return f"{qid} {rng.choice(['>=', '<'])} {rng.randint(2, 5)}"
    return f"{qid} {rng.choice(['>=', '<'])} {rng.choice(['1.2', '2.0', '2.4'])}"


def _option(rng: random.Random, j: int, metas: list[tuple[str, str]]) -> str:
    lines = [f"option: o{j}", f"title: Setup number {j}", f"summary: One of the generated setups, number {j}.",
             f"qualities: {{speed: {rng.randint(0, 3)}, cost: {rng.randint(0, 3)}}}", "requires:"]
    picked = rng.sample(metas, rng.randint(1, 3))
    for qid, kind in picked[:2]:
        lines += [f"  - if: {_condition(rng, qid, kind)}", f"    because: Setup {j} needs it."]
    if len(picked) == 3:
        lines += ["excludes:", f"  - if: {_condition(rng, *picked[2])}", f"    because: Setup {j} breaks then."]
    if rng.random() < 0.3:
        lines += ["recommend:", f"  - when: {_condition(rng, *rng.choice(metas))}", "    strength: normal",
                  f"    because: Setup {j} shines then."]
    lines += [f"pros: [Quick to set up, number {j}.]", f"cons: [Needs a tool, number {j}.]"]
    return "\n".join(lines)


def write_pack(root: Path, options: int, seed: int = 7) -> Path:
    """A pack of `options` options under `root` (the same arguments write the same files)."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    index, metas = _questions()
    (root / "index.md").write_text(index, encoding="utf-8")
    for start in range(0, options, PER_PAGE):
        parts = [f"# Setups {start} to {min(options, start + PER_PAGE) - 1}\n"]
        for j in range(start, min(options, start + PER_PAGE)):
            parts.append(f"## Setup {j} {{#o{j}}}\n\nWhat setup {j} is.\n\n```fingerpost\n{_option(rng, j, metas)}\n```\n")
        (root / f"setups-{start // PER_PAGE:04d}.md").write_text("\n".join(parts), encoding="utf-8")
    return root


BUILD = """
import json, sys, time
from pathlib import Path
root, cache_root = Path(sys.argv[1]), Path(sys.argv[2])
from fingerpost.kb.pipeline import compile_path
from fingerpost.kb.cache import build
compile_path(root / "index.md")  # imports and first-call costs are paid here, not in the figures
t = time.perf_counter(); kb = compile_path(root); uncached = time.perf_counter() - t
t = time.perf_counter(); build(root, cache_root=cache_root); cold = time.perf_counter() - t
t = time.perf_counter(); kb, stats = build(root, cache_root=cache_root); fresh = time.perf_counter() - t
assert stats.status == "fresh"
print(json.dumps({"options": len(kb.options), "pages": len(kb.documents), "problems": len(kb.problems),
                  "compile_seconds": uncached, "cold_build_seconds": cold, "unchanged_build_seconds": fresh}))
"""

TURN = """
import json, statistics, sys, time
from pathlib import Path
from fingerpost.kb.cache import build
from fingerpost.engine.facts import Fact
from fingerpost.engine.turn import take_turn
kb, stats = build(Path(sys.argv[1]), cache_root=Path(sys.argv[2]))
turns = int(sys.argv[3])
q = kb.questions["q0"]
one = [Fact("q0", q.choices[0].value if q.choices else "yes", "set", "q0")]
t = time.perf_counter(); take_turn(kb, "", []); first = time.perf_counter() - t
print(json.dumps({"first_turn_seconds": first}), flush=True)
def median(facts):
    out = []
    for _ in range(turns):
        t = time.perf_counter(); take_turn(kb, "", facts); out.append(time.perf_counter() - t)
    return statistics.median(out)
print(json.dumps({"turn_seconds_no_answer": median([]), "turn_seconds_one_answer": median(one)}))
"""


def probe(code: str, args: list[str], timeout: float) -> dict[str, object]:
    """Run a probe in a fresh process; the JSON lines it printed, and whether it ran out of time or failed."""
    try:
        out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=REPO,
                             timeout=timeout)
        stdout, failure = out.stdout, ({"error": out.stderr.strip().splitlines()[-1:]} if out.returncode else {})
    except subprocess.TimeoutExpired as exc:
        stdout = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        failure = {"timeout_seconds": timeout}
    found: dict[str, object] = {}
    for line in stdout.splitlines():
        found.update(json.loads(line))
    return {**{k: round(v, 4) if isinstance(v, float) else v for k, v in found.items()}, **failure}


def exponent(sizes: list[int], values: list[float]) -> float:
    xs, ys = [math.log(s) for s in sizes], [math.log(max(v, 1e-9)) for v in values]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 5000])
    ap.add_argument("--turns", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=300, help="seconds a build or turn probe may take")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="fingerpost-scaling-") as tmp:
        for n in args.sizes:
            root, cache = write_pack(Path(tmp) / f"pack-{n}", n), str(Path(tmp) / f"cache-{n}")
            row: dict[str, object] = {"size": n, **probe(BUILD, [str(root), cache], args.timeout)}
            row.update({f"turn_{k}" if k in ("timeout_seconds", "error") else k: v
                        for k, v in probe(TURN, [str(root), cache, str(args.turns)], args.timeout).items()})
            rows.append(row)
    growth = {}
    for key in ("compile_seconds", "cold_build_seconds", "unchanged_build_seconds", "first_turn_seconds",
                "turn_seconds_no_answer", "turn_seconds_one_answer"):
        ok = [r for r in rows if isinstance(r.get(key), float)]
        if len(ok) >= 2:
            sizes, values = [r["size"] for r in ok], [r[key] for r in ok]
            growth[key] = {"all_sizes": round(exponent(sizes, values), 3),  # type: ignore[arg-type]
                           "last_two": round(exponent(sizes[-2:], values[-2:]), 3),  # type: ignore[arg-type]
                           "sizes": sizes}
    print(json.dumps({"packs": rows, "growth_exponent": growth, "machine": machine()}, indent=2))


if __name__ == "__main__":
    main()
