"""Time Graphviz `dot` (and optionally another dot-compatible program) on our diagrams; print JSON.

    python bench/render_dot.py                         # dot only
    python bench/render_dot.py --other graphviz-pure   # dot and graphviz-pure, with ratios

Each diagram is rendered `--repeat` times to SVG and PNG from the same DOT source; the best time
is kept. The ratio other/dot compares programs measured in the same run on the same machine.
Also reported: whether each output kept every label (SVG text) and the output sizes.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET

from fingerpost.engine.facts import parse_answer
from fingerpost.kb import compile_path
from fingerpost.render.diagram import diagram_scene
from fingerpost.render.dot import to_dot

CASES = {
    "rke-4-proxy": ("architecture", {"purpose": "production", "nodes": "4", "distro": "rke", "internet": "proxy"}),
    "k3s-airgap": ("architecture", {"purpose": "production", "distro": "k3s", "rancher_version": "2.4.8",
                                    "internet": "airgap"}),
    "docker-proxy": ("architecture", {"purpose": "testing", "grow_to_ha": "no", "internet": "proxy"}),
    "decision-path": ("decision", {"purpose": "production", "distro": "k3s", "rancher_version": "2.4.8"}),
}


def _best(cmd: list[str], data: bytes, repeat: int) -> tuple[float, bytes]:
    best, out = float("inf"), b""
    for _ in range(repeat):
        start = time.perf_counter()
        out = subprocess.run(cmd, input=data, capture_output=True, check=True, timeout=120).stdout
        best = min(best, time.perf_counter() - start)
    return best, out


def _svg_text(svg: bytes) -> str:
    root = ET.fromstring(svg)
    return " ".join(t.strip() for el in root.iter() if el.tag.endswith("text") for t in el.itertext())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--other", help="another dot-compatible program to compare (e.g. graphviz-pure)")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    kb = compile_path()
    programs = {"dot": shutil.which("dot")}
    if args.other:
        programs[args.other] = shutil.which(args.other) or args.other
    results = {}
    for name, (kind, raw) in CASES.items():
        facts = {q: parse_answer(kb.question(q), v) for q, v in raw.items()}
        source = to_dot(diagram_scene(kb, facts, kind)).encode("utf-8")
        row: dict[str, dict[str, float | int | bool]] = {}
        for prog, path in programs.items():
            svg_s, svg = _best([path, "-Tsvg"], source, args.repeat)
            png_s, png = _best([path, "-Tpng"], source, args.repeat)
            text = _svg_text(svg)
            row[prog] = {"svg_s": round(svg_s, 4), "png_s": round(png_s, 4), "svg_bytes": len(svg),
                         "png_bytes": len(png), "svg_text_chars": len(text)}
        if args.other:
            row["ratio"] = {k: round(row[args.other][k] / row["dot"][k], 2) for k in ("svg_s", "png_s")}
        results[name] = row
    print(json.dumps({"programs": programs, "repeat": args.repeat, "results": results}, indent=2))


if __name__ == "__main__":
    main()
