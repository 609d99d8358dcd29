"""The performance report in one command: every benchmark of this folder, as one JSON document.

    .venv/bin/python bench/run.py                    # everything (about ten minutes on two cores)
    .venv/bin/python bench/run.py --quick            # fewer repeats and no 5,000-option pack
    .venv/bin/python bench/run.py --only build startup

Runs, each in its own process: build.py (the whole Rancher docs tree against a bare
markdown-it-py parse), startup.py (`fingerpost ask` against importing the dependencies),
scaling.py (generated packs of 10 to 5,000 options), and, when they are present,
engine_questions.py, engine_latency.py, html_weight.py and diff.py (`fingerpost diff`). A missing benchmark is listed under
`skipped`; a failing one under `failed` with the end of its error output. `met` gathers every
target a benchmark reports. See bench/README.md for the figures and the machine.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = {
    "build": (["--repeat", "3"], ["--repeat", "1"]),
    "startup": (["--rounds", "9"], ["--rounds", "5"]),
    "scaling": (["--timeout", "120"], ["--sizes", "10", "100", "1000", "--timeout", "60"]),
    "engine_questions": ([], ["--quick"]),
    "engine_latency": ([], ["--turns", "100"]),
    "html_weight": ([], ["--loads", "3"]),
    "diff": ([], ["--quick"]),
}
"""name → (arguments, arguments with --quick)."""


def run_one(name: str, args: list[str]) -> tuple[str, object]:
    """('ok', result) | ('skipped', why) | ('failed', why)."""
    script = HERE / f"{name}.py"
    if not script.exists():
        return "skipped", f"bench/{name}.py is not there"
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, cwd=HERE.parent)
    took = round(time.perf_counter() - start, 1)
    print(f"bench/run.py: {name} took {took}s (exit {proc.returncode})", file=sys.stderr)
    if proc.returncode != 0:
        return "failed", {"exit": proc.returncode, "stderr": proc.stderr.strip().splitlines()[-5:]}
    try:
        result = json.loads(proc.stdout)
    except json.JSONDecodeError:
        return "failed", {"exit": 0, "stdout": proc.stdout.strip().splitlines()[-5:]}
    if isinstance(result, dict):
        result.setdefault("bench_seconds", took)
    return "ok", result


def targets_met(results: dict[str, object]) -> dict[str, object]:
    """Every `met` a benchmark reports, by benchmark."""
    out: dict[str, object] = {}
    for name, result in results.items():
        if isinstance(result, dict):
            for key in ("met", "meets_target", "target_met", "within_target"):
                if key in result:
                    out[name] = result[key]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer repeats, no 5,000-option pack")
    ap.add_argument("--only", nargs="+", choices=sorted(BENCHES), metavar="NAME", help="run only these")
    args = ap.parse_args()
    sys.path.insert(0, str(HERE))
    from procs import machine

    report: dict[str, object] = {"started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "machine": machine()}
    results: dict[str, object] = {}
    skipped: dict[str, object] = {}
    failed: dict[str, object] = {}
    for name, (full, quick) in BENCHES.items():
        if args.only and name not in args.only:
            continue
        status, value = run_one(name, quick if args.quick else full)
        {"ok": results, "skipped": skipped, "failed": failed}[status][name] = value
    report.update(results=results, skipped=skipped, failed=failed, met=targets_met(results))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
