"""Weight and time to interactive of the exported decision page (default pack); prints JSON.

    python bench/html_weight.py              # 7 loads in Chromium
    python bench/html_weight.py --loads 15

Weight: bytes and gzip bytes of `fingerpost html` output without diagrams (the target is at
most 150 KB) and with them (when Graphviz `dot` is installed), and how much of the page each
part takes. Time to interactive: the median, over several fresh loads from file:// in
Debian's Chromium, of the time from navigation start to the page script's `fingerpost-ready`
mark (the first question rendered and its buttons live). Next to it, the same browser run's
median load of a blank page, and the ratio of the two — a figure that does not depend on how
fast this machine is.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from fingerpost.kb import compile_path
from fingerpost.render.html import HtmlOptions, build_page, write_page

TARGET_BYTES = 150 * 1024
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def _parts(html: str) -> dict[str, int]:
    def size(pattern: str) -> int:
        m = re.search(pattern, html, re.S)
        return len(m.group(1).encode("utf-8")) if m else 0

    return {
        "data_json": size(r'<script type="application/json" class="fp-data">(.*?)</script>'),
        "script": size(r"<script>(.*?)</script>"),
        "style": size(r"<style>(.*?)</style>"),
        "no_js_tree": size(r'<section class="fp-tree">(.*?)</section>'),
        "no_js_results": size(r'<section class="fp-outcomes">(.*?)</section>\s*</div>\s*<script'),
    }


def _weight(html: str) -> dict[str, object]:
    data = html.encode("utf-8")
    return {"bytes": len(data), "gzip_bytes": len(gzip.compress(data, 9)), "parts": _parts(html)}


def _median_ms(page, url: str, loads: int, ready: str | None) -> float:
    times = []
    for _ in range(loads):
        page.goto("about:blank")
        page.goto(url, wait_until="load")
        if ready:
            page.wait_for_function(f"performance.getEntriesByName('{ready}').length > 0")
            times.append(page.evaluate(f"performance.getEntriesByName('{ready}')[0].startTime"))
        else:
            times.append(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
    return round(statistics.median(times), 1)


def _interactive(path: Path, loads: int) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    blank = path.parent / "blank.html"
    blank.write_text("<!DOCTYPE html><title>blank</title><p>blank</p>", encoding="utf-8")
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=ARGS)
        page = browser.new_page()
        page_ms = _median_ms(page, path.as_uri(), loads, "fingerpost-ready")
        blank_ms = _median_ms(page, blank.as_uri(), loads, None)
        version = browser.version
        browser.close()
    return {"browser": f"Chromium {version}", "loads": loads, "median_ms": page_ms, "blank_page_median_ms": blank_ms,
            "ratio_to_blank": round(page_ms / blank_ms, 2) if blank_ms else None}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--loads", type=int, default=7, help="page loads per median (default 7)")
    args = ap.parse_args()
    kb = compile_path()
    start = time.perf_counter()
    plain = build_page(kb, HtmlOptions(diagrams=False))
    build_s = time.perf_counter() - start
    result: dict[str, object] = {
        "pack": "content/rancher (default)",
        "states": plain.states,
        "results": plain.results,
        "build_s": round(build_s, 3),
        "without_diagrams": _weight(plain.html),
        "target_bytes": TARGET_BYTES,
    }
    result["within_target"] = result["without_diagrams"]["bytes"] <= TARGET_BYTES  # type: ignore[index]
    if shutil.which("dot"):
        start = time.perf_counter()
        full = build_page(kb, HtmlOptions(diagrams=True))
        result["with_diagrams"] = {**_weight(full.html), "diagrams": full.diagrams,
                                   "build_s": round(time.perf_counter() - start, 3)}
    with tempfile.TemporaryDirectory() as tmp:
        path = write_page(plain, tmp)
        result["time_to_interactive"] = _interactive(path, args.loads)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
