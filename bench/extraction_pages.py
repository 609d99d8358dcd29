"""Zero-annotation extraction on whole docs trees of other products, against hand-written gold; print JSON.

Each gold file in bench/gold/decision-pages/<product>.yaml names a docs tree (`root:`, relative to
the repository root), the page that introduces the choice (`decision_page:`), whether it is held
out (`sealed: true`), and what a careful reader finds there — options, the questions that pick
between them, the key constraints — each with the `file:` (relative to `root`) and `lines:` that
state it, and situations in plain words with the option the docs say fits:

    options:     [{id: embedded, title: Embedded database, file: ha.md, lines: [12]}]
    questions:   [{id: nodes, kind: number, file: ha.md, lines: [20]}]
    constraints: [{option: embedded, requires: "nodes >= 3", file: ha.md, lines: [20]}]
    situations:  [{text: "a production cluster of five servers", option: embedded}]

The tree is compiled with inference only, then scored:

- options: precision and recall (an extracted option matches a gold one by its line or title);
- questions: recall and precision (matched by the line cited, the answers, the unit or the id);
- constraints: recall — a gold constraint is found when an inferred constraint, recommendation or
  pro/con about the same option cites one of its lines (`cited`), and, when the gold gives the
  condition, when a constraint's condition is equivalent by truth table (`exact`);
- situations: the share where the engine's recommendation for the text is the gold option, and
  the constant-answer baseline: the share the answer to "what do you recommend?" with no facts
  would get (and the best any single fixed option could get).

    python bench/extraction_pages.py [--set dev|sealed|all] [--product NAME] [--misses]

The default set is `dev`: the sealed products are scored only when asked for.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from extraction_gold import Score, _equivalent, _parse, _rename, _similar, load_gold  # noqa: E402
from fingerpost.kb.graph import KnowledgeBase  # noqa: E402
from fingerpost.kb.pipeline import compile_path  # noqa: E402

__all__ = ["score_tree", "measure", "summarise", "GOLD_DIR"]

GOLD_DIR = REPO / "bench" / "gold" / "decision-pages"
RECOMMEND = "what do you recommend?"
"""The turn whose answer is the constant baseline: no facts at all."""


def _lines(g: Mapping[str, Any]) -> set[int]:
    lines = g.get("lines") or ([g["line"]] if g.get("line") else [])
    return {int(x) for x in (lines if isinstance(lines, list) else [lines])}


def _same_file(g: Mapping[str, Any], path: str, default: str) -> bool:
    want = str(g.get("file") or default or "").lstrip("./")
    return not want or path == want or path.endswith("/" + want)


def _cites(g: Mapping[str, Any], source: Any, default: str) -> bool:
    """Whether a record's citation is on one of the gold item's lines (in its file)."""
    lines = _lines(g)
    return _same_file(g, source.path, default) and (not lines or source.line in lines)


def align_options(gold: list[dict], kb: KnowledgeBase, default: str) -> dict[str, str]:
    """Extracted option id → gold option id: same file and line first, then the most similar title."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for g in gold:
        for o in kb.options.values():
            if o.id not in out and _cites(g, o.source, default) and _lines(g):
                out[o.id], _ = g["id"], taken.add(g["id"])
                break
    for g in gold:
        if g["id"] in taken:
            continue
        best = max((o for o in kb.options.values() if o.id not in out),
                   key=lambda o: _overlap(o.title, str(g.get("title") or g["id"])), default=None)
        if best is not None and _overlap(best.title, str(g.get("title") or g["id"])) >= 0.34:
            out[best.id] = g["id"]
            taken.add(g["id"])
    return out


def _overlap(a: str, b: str) -> float:
    for at_least in (1.0, 0.75, 0.5, 0.34):
        if _similar(a, b, at_least):
            return at_least
    return 0.0


def _gold_of(kb: KnowledgeBase, oid: str | None, opts: Mapping[str, str]) -> str | None:
    """The gold option an extracted option (or its variant's parent) aligns with."""
    while oid:
        if oid in opts:
            return opts[oid]
        o = kb.options.get(oid)
        oid = o.parent if o is not None else None
    return None


def _question_match(g: Mapping[str, Any], q: Any, default: str) -> bool:
    if _lines(g) and _cites(g, q.source, default):
        return True
    kind = g.get("kind")
    if kind and kind != q.kind:
        return False
    if q.id == g["id"]:
        return True
    if kind == "number" and g.get("unit"):
        return (q.unit or q.id).rstrip("s") == str(g["unit"]).rstrip("s")
    labels = [str(a.get("label") or a.get("value")) for a in g.get("answers") or []]
    if kind == "choice" and labels:
        hits = sum(1 for lab in labels if any(_similar(c.label, lab, 0.34) for c in q.choices))
        return hits * 2 >= len(labels)
    return _similar(q.text, str(g.get("text") or g["id"]), 0.5)


def _match(kind: str, gold: list[dict], extracted: list[Any], same: Any, label: Any) -> Score:
    s = Score()
    used: set[int] = set()
    for g in gold:
        hit = next((i for i, x in enumerate(extracted) if i not in used and same(g, x)), None)
        if hit is None:
            s.fn += 1
            s.misses.append(f"fn {kind}: {g}")
        else:
            used.add(hit)
            s.tp += 1
    for i, x in enumerate(extracted):
        if i not in used:
            s.fp += 1
            s.misses.append(f"fp {kind}: {label(x)}")
    return s


def score_tree(gold: Mapping[str, Any], kb: KnowledgeBase) -> dict[str, Any]:
    """Scores of one product's tree (see the module docstring)."""
    page = str(gold.get("decision_page") or "")
    gopts = list(gold.get("options") or [])
    opts = align_options(gopts, kb, page)
    out: dict[str, Any] = {}
    options = _match("options", gopts, list(kb.options.values()),
                     lambda g, o: opts.get(o.id) == g["id"], lambda o: f"{o.id} “{o.title}” ({o.source})")
    gq = list(gold.get("questions") or [])
    questions = _match("questions", gq, list(kb.questions.values()),
                       lambda g, q: _question_match(g, q, page), lambda q: f"{q.id} ({q.source})")
    names = {}
    for g in gq:
        for q in kb.questions.values():
            if q.id not in names and _question_match(g, q, page):
                names[q.id] = g["id"]
                break
    said = [*kb.constraints, *kb.recommendations, *kb.tradeoffs]
    gc = list(gold.get("constraints") or [])

    def cited(g: Mapping[str, Any], r: Any) -> bool:
        return (_cites(g, r.source, page) and (not g.get("option") or _gold_of(kb, r.option, opts) == g["option"]))

    def exact(g: Mapping[str, Any], c: Any) -> bool:
        kind = "requires" if "requires" in g else "excludes" if "excludes" in g else None
        if kind is None:
            return cited(g, c)
        return (cited(g, c) and c.kind == kind
                and _equivalent(_parse(g[kind]), _rename(c.expr, names, {}), gq))

    constraints = _match("constraints", gc, said, cited, lambda r: f"{r.option} {r.text} ({r.source})")
    constraints.fp = 0  # a record that states no gold constraint is not wrong: the gold keeps the key ones
    constraints.misses = [m for m in constraints.misses if m.startswith("fn")]
    exact_score = _match("constraints", gc, list(kb.constraints), exact, lambda r: "")
    out["options"], out["questions"] = options, questions
    out["constraints"], out["constraints_exact"] = constraints, Score(exact_score.tp, 0, exact_score.fn)
    out["decision_page"] = _decision_pages(kb)
    out["situations"] = _situations(gold, kb, opts)
    return out


def _decision_pages(kb: KnowledgeBase) -> list[str]:
    return sorted({o.source.path for o in kb.options.values()})


def _situations(gold: Mapping[str, Any], kb: KnowledgeBase, opts: Mapping[str, str]) -> dict[str, Any]:
    from fingerpost.engine.turn import take_turn

    cases = list(gold.get("situations") or [])

    def answer(text: str) -> str | None:
        if not kb.options:
            return None
        try:
            rec = take_turn(kb, text).assessment.recommendation
        except Exception as exc:  # noqa: BLE001 — a crash on a situation is a wrong answer, reported
            return f"!{type(exc).__name__}"
        return _gold_of(kb, rec.option.id, opts) if rec is not None else None

    constant = answer(RECOMMEND)
    right, details = 0, []
    for c in cases:
        got = answer(str(c["text"]))
        ok = got == c["option"]
        right += ok
        details.append({"text": c["text"], "gold": c["option"], "got": got, "right": ok})
    counts = Counter(c["option"] for c in cases)
    return {"right": right, "total": len(cases), "constant_answer": constant,
            "constant_right": counts.get(constant, 0) if constant else 0,
            "best_constant_right": max(counts.values(), default=0), "cases": details}


def measure(gold_path: Path, misses: bool = False) -> dict[str, Any]:
    """Compile the tree one gold file names (inference only) and score it."""
    gold = load_gold(gold_path)
    root = (REPO / str(gold["root"])).resolve()
    if not root.exists():
        return {"error": f"{gold['root']} not found", "sealed": bool(gold.get("sealed"))}
    started = time.perf_counter()
    kb = compile_path(root)
    seconds = time.perf_counter() - started
    s = score_tree(gold, kb)
    out: dict[str, Any] = {"sealed": bool(gold.get("sealed")), "gold_decision_page": gold.get("decision_page"),
                           "decision_page": s["decision_page"], "build_seconds": round(seconds, 2)}
    for kind in ("options", "questions", "constraints", "constraints_exact"):
        out[kind] = s[kind].as_json()
    sit = dict(s["situations"])
    if not misses:
        sit.pop("cases")
    out["situations"] = sit
    if misses:
        out["misses"] = [m for kind in ("options", "questions", "constraints") for m in s[kind].misses]
    return out


def summarise(products: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Micro-averaged totals over products."""
    total: dict[str, Any] = {}
    ok = [p for p in products.values() if "error" not in p]
    for kind in ("options", "questions", "constraints", "constraints_exact"):
        s = Score(sum(p[kind]["tp"] for p in ok), sum(p[kind]["fp"] for p in ok), sum(p[kind]["fn"] for p in ok))
        total[kind] = s.as_json()
    n = sum(p["situations"]["total"] for p in ok) or 1
    total["situations"] = {
        "right": sum(p["situations"]["right"] for p in ok), "total": n,
        "share": round(sum(p["situations"]["right"] for p in ok) / n, 3),
        "constant_baseline": round(sum(p["situations"]["constant_right"] for p in ok) / n, 3),
        "best_constant_baseline": round(sum(p["situations"]["best_constant_right"] for p in ok) / n, 3)}
    total["decision_page_right"] = sum(1 for p in ok if p["gold_decision_page"] in p["decision_page"])
    total["products"] = len(products)
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", dest="which", choices=("dev", "sealed", "all"), default="dev")
    parser.add_argument("--product", action="append", default=[], help="only this product (repeatable)")
    parser.add_argument("--misses", action="store_true", help="list what was missed or extra, and each situation")
    parser.add_argument("--gold", type=Path, default=GOLD_DIR, help="folder of gold files")
    args = parser.parse_args()
    out: dict[str, Any] = {}
    for which in ("dev", "sealed"):
        if args.which not in (which, "all"):
            continue
        products = {}
        for path in sorted(args.gold.glob("*.yaml")):
            sealed = bool(load_gold(path).get("sealed"))
            if sealed != (which == "sealed") or (args.product and path.stem not in args.product):
                continue
            products[path.stem] = measure(path, args.misses)
        out[which] = {"total": summarise(products), "products": products}
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
