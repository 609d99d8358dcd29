"""Score extraction against a hand-written gold file: precision and recall per kind of item.

A gold file (YAML) names what a careful reader finds on one page — options, questions with
their answers, constraints, recommendations, pros and cons (`tradeoffs`), doc links,
prerequisites and terms — in its own ids and words, each with the source `lines` that state it
(see `tests/gold/seed.yaml`).
Scoring first *aligns* the extracted options, questions and answers with the gold ones (by
line, title and label words, unit, kind), renames the extracted conditions into the gold's
names, and then counts an extracted item as right when it matches an unused gold item of the
same kind: same option, equivalent condition (compared by truth table over the answers), same
link target (file name and anchor), same side of a pro or con, and a citation on one of the gold
lines.

    >>> s = Score(tp=9, fp=1, fn=0)
    >>> s.precision, s.recall
    (0.9, 1.0)
"""

from __future__ import annotations

import itertools
import posixpath
import tarfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fingerpost.kb import expr as ex
from fingerpost.kb import yamlsafe
from fingerpost.kb.extract.words import content_stems, plural
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.values import Version

__all__ = ["Score", "load_gold", "gold_page", "score", "overall", "KINDS"]

KINDS = ("options", "questions", "answers", "constraints", "recommendations", "tradeoffs", "doclinks", "prerequisites",
         "terms")


@dataclass(slots=True)
class Score:
    """Counts for one kind of item."""

    tp: int = 0
    """Extracted items that match a gold item."""
    fp: int = 0
    """Extracted items that match none."""
    fn: int = 0
    """Gold items nothing matched."""
    misses: list[str] = field(default_factory=list)
    """What went wrong, for reading (`fp: …`, `fn: …`)."""

    @property
    def precision(self) -> float:
        return round(self.tp / (self.tp + self.fp), 3) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return round(self.tp / (self.tp + self.fn), 3) if self.tp + self.fn else 1.0

    def as_json(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": self.precision, "recall": self.recall}


def load_gold(path: Path) -> dict[str, Any]:
    """Read a gold file (safe YAML)."""
    data = yamlsafe.load(path.read_text(encoding="utf-8"), path=str(path))
    return data if isinstance(data, dict) else {}


def gold_page(gold: Mapping[str, Any], root: Path, workdir: Path) -> Path:
    """The page a gold file scores: `page` relative to `root`, or, when the gold names an
    `archive` (a .tar.gz relative to `root`), that member of it, unpacked into `workdir`.
    A missing archive or member gives a path that does not exist."""
    if not gold.get("archive"):
        return (root / gold["page"]).resolve()
    archive = (root / gold["archive"]).resolve()
    target = workdir / posixpath.basename(gold["page"])
    if not archive.exists():
        return archive
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar:  # stop at the member: the archive is large
            if member.name == gold["page"] and member.isfile():
                source = tar.extractfile(member)
                if source is not None:
                    target.write_bytes(source.read())
                break
    return target


def _similar(a: str, b: str, at_least: float = 0.5) -> bool:
    x, y = set(content_stems(a)), set(content_stems(b))
    return bool(x and y) and len(x & y) / len(x | y) >= at_least


def _align_options(gold: list[dict], kb: KnowledgeBase) -> dict[str, str]:
    """Extracted option id → gold option id."""
    out: dict[str, str] = {}
    for g in gold:
        for o in kb.options.values():
            if o.id not in out and (o.source.line == g.get("line") or _similar(o.title, g["title"])):
                out[o.id] = g["id"]
                break
    return out


def _align_answers(g: dict, q: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for a in g.get("answers") or []:
        for ch in q.choices:
            if ch.value not in out and (ch.value == a["value"] or _similar(ch.label, a["label"], 0.34)):
                out[ch.value] = a["value"]
                break
    return out


def _align_questions(gold: list[dict], kb: KnowledgeBase) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Extracted question id → gold id, and per extracted choice question its value → gold value."""
    names: dict[str, str] = {}
    values: dict[str, dict[str, str]] = {}
    for g in gold:
        best, best_score = None, 0.0
        for q in kb.questions.values():
            if q.id in names or q.kind != g["kind"]:
                continue
            if g["kind"] == "choice":
                s = float(len(_align_answers(g, q)))
            elif g["kind"] == "number":
                s = 1.0 if plural(q.unit or q.id) == plural(g.get("unit") or g["id"]) else 0.0
            elif g["kind"] == "yesno":
                s = 1.0 if q.source.line in (g.get("lines") or []) or q.id == g["id"] else 0.0
            else:
                s = 1.0
            if s > best_score:
                best, best_score = q, s
        if best is not None:
            names[best.id] = g["id"]
            if g["kind"] == "choice":
                values[best.id] = _align_answers(g, best)
    return names, values


def _rename(e: ex.Expr, names: Mapping[str, str], values: Mapping[str, Mapping[str, str]]) -> ex.Expr:
    if isinstance(e, ex.Name):
        return ex.Name(names.get(e.name, "?" + e.name))
    if isinstance(e, ex.Compare):
        vmap = values.get(e.name)
        vals = e.values if vmap is None else tuple(vmap.get(v, "?" + v) for v in e.values)
        return ex.Compare(names.get(e.name, "?" + e.name), e.op, vals)
    if isinstance(e, ex.Not):
        return ex.Not(_rename(e.operand, names, values))
    parts = tuple(_rename(o, names, values) for o in e.operands)
    return ex.And(parts) if isinstance(e, ex.And) else ex.Or(parts)


def _grid(name: str, kind: str, answers: list[str], raws: set[str]) -> list[Any]:
    if kind == "yesno":
        return [True, False]
    if kind == "choice":
        return list(answers) or sorted(raws) + ["\x00other"]
    out: list[Any] = []
    for raw in raws:
        if kind == "version":
            v = Version.parse(raw)
            if v is not None:
                out += [v, v.bump(-1), v.bump(+1)]
        else:
            try:
                x = float(raw)
            except ValueError:
                continue
            out += [x, x - 1, x + 1]
    return out or ([Version((1,))] if kind == "version" else [0.0])


def _equivalent(a: ex.Expr | None, b: ex.Expr | None, gold_questions: list[dict]) -> bool:
    if a is None or b is None:
        return a is None and b is None
    kinds = {q["id"]: q for q in gold_questions}
    lits: dict[str, set[str]] = {}
    for e in (a, b):
        for k, v in ex.literals(e).items():
            lits.setdefault(k, set()).update(v)
    keys = sorted(lits)
    grids = [_grid(k, kinds.get(k, {}).get("kind", "choice"),
                   [x["value"] for x in kinds.get(k, {}).get("answers") or []], lits[k]) for k in keys]
    for combo in itertools.islice(itertools.product(*grids), 5000):
        facts = dict(zip(keys, combo, strict=False))
        if ex.evaluate(a, facts) != ex.evaluate(b, facts):
            return False
    return True


def _href_key(href: str) -> str:
    path, _, anchor = str(href).partition("#")
    base = posixpath.basename(path.rstrip("/"))
    for suffix in (".md", ".mdx"):
        base = base.removesuffix(suffix)
    return base + (f"#{anchor}" if anchor else "")


def _parse(text: Any) -> ex.Expr | None:
    return ex.parse(str(text)) if text not in (None, "") else None


def _match(kind: str, gold: list[dict], extracted: list[Any], same: Any, label: Any) -> Score:
    """One-to-one matching of extracted items to gold items; `same(g, x)` decides a pair."""
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


def _cited(g: dict, x: Any) -> bool:
    lines = g.get("lines")
    return not lines or x.source.line in lines


def score(gold: dict[str, Any], kb: KnowledgeBase) -> dict[str, Score]:
    """Precision and recall of what `kb` holds against `gold`, per kind of item (see KINDS)."""
    opts = _align_options(gold.get("options") or [], kb)
    gq = gold.get("questions") or []
    names, values = _align_questions(gq, kb)
    out: dict[str, Score] = {}
    out["options"] = _match("options", gold.get("options") or [], list(kb.options.values()),
                            lambda g, o: opts.get(o.id) == g["id"], lambda o: f"{o.id} ({o.source})")
    out["questions"] = _match("questions", gq, list(kb.questions.values()),
                              lambda g, q: names.get(q.id) == g["id"], lambda q: f"{q.id} ({q.source})")
    answers = [(q.id, c) for q in kb.questions.values() if q.kind == "choice" for c in q.choices]
    gold_answers = [{"question": g["id"], **a} for g in gq for a in g.get("answers") or []]
    out["answers"] = _match("answers", gold_answers, answers,
                            lambda g, qa: names.get(qa[0]) == g["question"]
                            and values.get(qa[0], {}).get(qa[1].value) == g["value"],
                            lambda qa: f"{qa[0]}={qa[1].value}")

    def renamed(e: ex.Expr | None) -> ex.Expr | None:
        return _rename(e, names, values) if e is not None else None

    def constraint(g: dict, c: Any) -> bool:
        kind = "requires" if "requires" in g else "excludes"
        return (opts.get(c.option) == g["option"] and c.kind == kind and _cited(g, c)
                and _equivalent(_parse(g[kind]), renamed(c.expr), gq))

    out["constraints"] = _match("constraints", gold.get("constraints") or [], kb.constraints, constraint,
                                lambda c: f"{c.option} {c.kind} {c.text} ({c.source})")
    out["recommendations"] = _match(
        "recommendations", gold.get("recommendations") or [], kb.recommendations,
        lambda g, r: opts.get(r.option) == g["option"] and _cited(g, r)
        and _equivalent(_parse(g.get("when")), renamed(r.when), gq),
        lambda r: f"{r.option} when {r.text or 'always'} ({r.source})")
    out["tradeoffs"] = _match(
        "tradeoffs", gold.get("tradeoffs") or [], list(kb.tradeoffs),
        lambda g, t: opts.get(t.option) == g["option"] and t.side == g["side"] and _cited(g, t),
        lambda t: f"{t.option} {t.side} “{t.text[:70]}” ({t.source})")
    out["doclinks"] = _match(
        "doclinks", gold.get("doclinks") or [], kb.doclinks,
        lambda g, d: opts.get(d.option) == g["option"] and _href_key(d.href) == _href_key(g["href"])
        and _cited(g, d) and _equivalent(_parse(g.get("when")), renamed(d.when), gq),
        lambda d: f"{d.option} → {d.href} when {d.text or 'always'} ({d.source})")
    out["prerequisites"] = _match(
        "prerequisites", gold.get("prerequisites") or [], list(kb.prerequisites.values()),
        lambda g, p: _cited(g, p) and {opts.get(o, "?") for o in p.options} == set(g.get("options") or [])
        and (_href_key(p.href) == _href_key(g.get("href", "")) or _similar(p.title, g["title"])),
        lambda p: f"{p.id} ({p.source})")
    out["terms"] = _match("terms", gold.get("terms") or [], list(kb.terms.values()),
                          lambda g, t: _cited(g, t) and t.title.lower() == str(g["title"]).lower(),
                          lambda t: f"{t.title} ({t.source})")
    return out


def overall(scores: Mapping[str, Score]) -> Score:
    """All kinds together (micro-averaged)."""
    total = Score()
    for s in scores.values():
        total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
    return total
