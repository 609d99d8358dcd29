"""Build speed and memory on the whole Rancher docs tree, against a bare markdown-it-py parse; prints JSON.

    python bench/build.py                 # about two minutes on two cores
    python bench/build.py --repeat 5

The tarball ../shared/corpus/rancher-docs-all-md.tar.gz is extracted to a temporary folder.
In the same run, and on the same files:

- `bare`: one process parses every page with markdown-it-py, configured as kb.read configures
  it (the texts are read first and not timed); measured before and after the cold build, and
  the mean is the reference. A plain `MarkdownIt("commonmark")` parse is reported as well.
- `cold`: `fingerpost build DIR` with an empty cache (the whole command: start-up, reading
  with one process per core, links, extraction, graph, lint, writing the cache).
- `unchanged`: the same command again (median of `--repeat` runs).
- `one_changed`: the same command after a sentence is appended to one page (a different page
  each time; median).

Each figure is divided by the bare parse time (`ratio_to_bare`, the target's measure); CPU
time (all processes of the build) is divided by the bare parse's CPU time too, which a busy
machine distorts less than wall time. Memory: the peak of the summed PSS of the command and
its worker processes, sampled from /proc.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from procs import Run, machine, measure  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
TARBALL = REPO.parent / "shared" / "corpus" / "rancher-docs-all-md.tar.gz"
TARGETS = {"cold": 1.0, "unchanged": 0.05, "one_changed": 0.1, "peak_memory_mb": 1024}

BARE = """
import json, sys, time
files = sys.stdin.read().split("\\n")
texts = [open(f, encoding="utf-8", errors="replace").read() for f in files if f]
if sys.argv[1] == "kb.read":
    from fingerpost.kb.read import _parser
    md = _parser()
else:
    from markdown_it import MarkdownIt
    md = MarkdownIt("commonmark")
start, cpu = time.perf_counter(), time.process_time()
for text in texts:
    md.parse(text)
print(json.dumps({"seconds": time.perf_counter() - start, "cpu_seconds": time.process_time() - cpu,
                  "pages": len(texts)}))
"""


def bare_parse(files: list[str], config: str) -> tuple[float, float]:
    """Wall and CPU seconds of the parse."""
    out = subprocess.run([sys.executable, "-c", BARE, config], input="\n".join(files), capture_output=True,
                         text=True, check=True, cwd=REPO)
    found = json.loads(out.stdout)
    return float(found["seconds"]), float(found["cpu_seconds"])


def run_build(folder: Path, cache_home: Path) -> tuple[Run, int, str]:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache_home))
    run = measure([sys.executable, "-m", "fingerpost", "build", str(folder)], env=env, cwd=REPO)
    if run.returncode not in (0, 1):
        raise SystemExit(f"bench/build.py: `fingerpost build` failed ({run.returncode}):\n{run.stderr[-2000:]}")
    m = re.search(r"built .*?: (\d+) pages in [\d.]+s \(([^)]*)\)", run.stdout)
    return run, int(m.group(1)) if m else -1, m.group(2) if m else run.stdout[:200]


def figures(runs: list[Run], bare: float, bare_cpu: float) -> dict[str, object]:
    seconds = statistics.median(r.seconds for r in runs)
    cpu = statistics.median(r.cpu_seconds for r in runs)
    return {"seconds": round(seconds, 3), "runs": [round(r.seconds, 3) for r in runs],
            "ratio_to_bare": round(seconds / bare, 4), "cpu_seconds": round(cpu, 3),
            "cpu_ratio_to_bare": round(cpu / bare_cpu, 4),
            "peak_pss_mb": round(max(r.peak_pss_mb for r in runs), 1),
            "max_rss_mb": round(max(r.max_rss_mb for r in runs), 1)}


def pages_to_touch(folder: Path, files: list[str], n: int) -> list[Path]:
    """`n` ordinary pages, spread over the tree (mid-sized, under docs/ when possible)."""
    candidates = [f for f in files if "/docs/" in f] or files
    by_size = sorted(candidates, key=lambda f: os.path.getsize(f))
    middle = by_size[len(by_size) // 4: 3 * len(by_size) // 4]
    step = max(1, len(middle) // (n + 1))
    return [Path(middle[step * (i + 1)]) for i in range(n)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs of the unchanged and one-changed builds")
    ap.add_argument("--tarball", type=Path, default=TARBALL)
    args = ap.parse_args()
    if not args.tarball.exists():
        raise SystemExit(f"bench/build.py: {args.tarball} not found — pass --tarball PATH")
    from fingerpost.kb.files import discover_relative

    with tempfile.TemporaryDirectory(prefix="fingerpost-bench-") as tmp:
        with tarfile.open(args.tarball) as tar:
            members = [m for m in tar.getmembers() if m.isfile()]
            tar.extractall(tmp, members=members, filter="data")
        folder = Path(tmp) / "rancher-docs"
        rels, _ = discover_relative(folder)
        files = [str(folder / r) for r in rels]
        in_tar = sorted(m.name.split("/", 1)[1] for m in members if m.name.endswith((".md", ".mdx")))
        cache_home = Path(tmp) / "cache"
        total_bytes = sum(os.path.getsize(f) for f in files)

        bare_before, cpu_before = bare_parse(files, "kb.read")
        load_before = os.getloadavg()[0]
        cold, pages, how = run_build(folder, cache_home)
        bare_after, cpu_after = bare_parse(files, "kb.read")
        bare, bare_cpu = (bare_before + bare_after) / 2, (cpu_before + cpu_after) / 2
        commonmark, _ = bare_parse(files, "commonmark")
        unchanged = [run_build(folder, cache_home) for _ in range(args.repeat)]
        changed = []
        for page in pages_to_touch(folder, files, args.repeat):
            with open(page, "a", encoding="utf-8") as fh:
                fh.write("\nOne more sentence, added by the benchmark.\n")
            changed.append(run_build(folder, cache_home))

    result = {
        "corpus": {"tarball": args.tarball.name, "files_in_tarball": len(in_tar), "pages_found": len(rels),
                   "bytes": total_bytes,
                   "not_read": sorted(set(in_tar) - set(rels)),
                   "pages_built": {"cold": pages, "unchanged": [p for _, p, _ in unchanged],
                                   "one_changed": [p for _, p, _ in changed]},
                   "how": {"cold": how, "unchanged": unchanged[0][2], "one_changed": [h for _, _, h in changed]}},
        "bare_parse_seconds": {"kb_read_config": round(bare, 3), "before": round(bare_before, 3),
                               "after": round(bare_after, 3), "cpu": round(bare_cpu, 3),
                               "commonmark_preset": round(commonmark, 3)},
        "cold": figures([cold], bare, bare_cpu),
        "unchanged": figures([r for r, _, _ in unchanged], bare, bare_cpu),
        "one_changed": figures([r for r, _, _ in changed], bare, bare_cpu),
        "load_average_before_cold": load_before,
        "targets": TARGETS,
        "machine": machine(),
    }
    peak = max(result[k]["peak_pss_mb"] for k in ("cold", "unchanged", "one_changed"))  # type: ignore[index]
    result["met"] = {k: result[k]["ratio_to_bare"] <= TARGETS[k] for k in ("cold", "unchanged", "one_changed")}  # type: ignore[index]
    result["met"]["peak_memory_mb"] = peak <= TARGETS["peak_memory_mb"]
    result["cold"]["ratio_to_commonmark_preset"] = round(cold.seconds / commonmark, 4)  # type: ignore[index]
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
