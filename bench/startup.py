"""Start-up: `fingerpost ask "production, 3 nodes"` against importing fingerpost's dependencies; prints JSON.

    python bench/startup.py               # 9 rounds
    python bench/startup.py --rounds 21

Each round runs, one after the other (so that a busy machine slows all of them alike):
`python -c pass`, `python -c "import <every runtime dependency>"` (the list is read from
pyproject.toml), and `fingerpost ask "production, 3 nodes"` on the default pack, as text and as
JSON, with the build cache warm. Medians over the rounds; the target is ask ≤ 1.5 × the bare
import. The first, cold-cache ask and the dependencies ask imported are reported too.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
from importlib.metadata import packages_distributions
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from procs import machine, measure  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
TARGET = 1.5
QUESTION = "production, 3 nodes"


def dependency_modules() -> list[str]:
    """Import names of the runtime dependencies declared in pyproject.toml."""
    block = re.search(r"^dependencies = \[(.*?)^\]", (REPO / "pyproject.toml").read_text(), re.S | re.M)
    deps = re.findall(r'"([^"]+)"', block.group(1)) if block else []
    names = {re.split(r"[<>=!~;\[ ]", d, maxsplit=1)[0].lower().replace("_", "-") for d in deps}
    modules = sorted({m for m, dists in packages_distributions().items()
                      for dist in dists if dist.lower().replace("_", "-") in names and not m.startswith("_")})
    return [m for m in modules if m.isidentifier()]


def fingerpost() -> list[str]:
    script = Path(sys.executable).parent / "fingerpost"
    return [str(script)] if script.exists() else [sys.executable, "-m", "fingerpost"]


def imported(argv: list[str], env: dict[str, str], modules: list[str]) -> list[str]:
    """Which of `modules` the command imports (from -X importtime)."""
    run = measure([sys.executable, "-X", "importtime", "-m", "fingerpost", *argv[1:]], env=env, cwd=REPO)
    seen = {line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")}
    return sorted(m for m in modules if m in seen)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=9)
    args = ap.parse_args()
    modules = dependency_modules()
    with tempfile.TemporaryDirectory(prefix="fingerpost-startup-") as tmp:
        env = dict(os.environ, XDG_CACHE_HOME=tmp)
        commands = {
            "python": [sys.executable, "-c", "pass"],
            "import_dependencies": [sys.executable, "-c", "import " + ", ".join(modules)],
            "ask_text": [*fingerpost(), "ask", QUESTION],
            "ask_json": [*fingerpost(), "ask", "--format", "json", QUESTION],
        }
        first = measure(commands["ask_json"], env=env, cwd=REPO)
        if first.returncode != 0:
            raise SystemExit(f"bench/startup.py: ask failed:\n{first.stderr[-2000:]}")
        times: dict[str, list[float]] = {k: [] for k in commands}
        for _ in range(args.rounds):
            for name, argv in commands.items():
                times[name].append(measure(argv, env=env, cwd=REPO).seconds)
        uses = imported(["fingerpost", "ask", "--format", "json", QUESTION], env, modules)
    medians = {k: round(statistics.median(v), 4) for k, v in times.items()}
    base = medians["import_dependencies"]
    result = {
        "dependencies": modules,
        "seconds_median": medians,
        "seconds_all": {k: [round(x, 4) for x in v] for k, v in times.items()},
        "ask_first_run_cold_cache_seconds": round(first.seconds, 4),
        "ratio_ask_text_to_imports": round(medians["ask_text"] / base, 3),
        "ratio_ask_json_to_imports": round(medians["ask_json"] / base, 3),
        "dependencies_imported_by_ask_json": uses,
        "target_ratio": TARGET,
        "met": max(medians["ask_text"], medians["ask_json"]) / base <= TARGET,
        "machine": machine(),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
