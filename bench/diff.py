"""Time of `fingerpost diff` for the default pack and a generated 1,000-option pack; prints JSON.

    python bench/diff.py              # 3 repeats
    python bench/diff.py --quick      # 1 repeat, a smaller generated pack

Each pack is compared with a copy in which one count in one condition is changed (so some
recommendations move). Compiling is measured apart from comparing; next to the comparison, in
the same run, the time to walk one side's answer table alone (what `fingerpost html` pays), so
`diff_over_table` — about 2 when the comparison itself is cheap — does not depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from fingerpost.content import __file__ as _content  # noqa: E402
from fingerpost.kb import compile_path  # noqa: E402
from fingerpost.render.answer_table import answer_table  # noqa: E402
from fingerpost.render.decision_diff import decision_diff  # noqa: E402
from packs import write_pack  # noqa: E402


def _edited(root: Path, into: Path) -> Path:
    """A copy with the first `>= N` condition raised by one."""
    shutil.copytree(root, into)
    for page in sorted(into.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        m = re.search(r"(- if: \w+ >= )(\d+)\b", text)
        if m:
            page.write_text(text[:m.start()] + m.group(1) + str(int(m.group(2)) + 1) + text[m.end():], encoding="utf-8")
            return into
    raise SystemExit(f"no `>= N` condition to edit under {root}")


def _measure(name: str, root: Path, tmp: Path, repeat: int) -> dict[str, object]:
    t = time.perf_counter()
    old = compile_path(root)
    new = compile_path(_edited(root, tmp / f"{name}-edited"))
    compile_seconds = time.perf_counter() - t
    tables, diffs, result = [], [], None
    for _ in range(repeat):
        t = time.perf_counter()
        table = answer_table(old)
        tables.append(time.perf_counter() - t)
        t = time.perf_counter()
        result = decision_diff(old, new)
        diffs.append(time.perf_counter() - t)
    assert result is not None
    table_s, diff_s = statistics.median(tables), statistics.median(diffs)
    return {"options": len(old.options), "questions": len(old.questions), "states": len(table.nodes),
            "combinations": result.combinations, "changed": result.changed,
            "compile_both_seconds": round(compile_seconds, 3),
            "table_seconds": round(table_s, 3), "diff_seconds": round(diff_s, 3),
            "diff_over_table": round(diff_s / table_s, 2) if table_s else None, "repeat": repeat}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="one repeat; the generated pack asks 4 questions, not 5")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    repeat = 1 if args.quick else args.repeat
    report: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="fingerpost-bench-diff-") as tmp_name:
        tmp = Path(tmp_name)
        report["default pack"] = _measure("default", Path(_content).parent / "rancher", tmp, repeat)
        generated = write_pack(tmp / "generated", options=1000, questions=4 if args.quick else 5, seed=3)
        report["generated 1000 options"] = _measure("generated", generated, tmp, repeat)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
