"""The `export` command: the decision as Markdown — situation, recommendation, why, trade-offs,
checklist, guides and the other options — every statement with its `path:line`.

    >>> print(export_markdown(kb, assess(kb, facts), entries))     # doctest: +SKIP
    # How to install the Rancher management server
    …
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from engine.facts import Fact, display_value
from kb.graph import KnowledgeBase
from kb.records import Citation

__all__ = ["export_markdown"]


def _cite(c: Citation | str) -> str:
    if isinstance(c, Citation):
        where = f"{c.path}:{c.line}"
        return f"`{where}`" + (f" ({c.section})" if c.section else "")
    return f"`{c}`"


def _md(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _situation(kb: KnowledgeBase, facts: dict[str, Any], entries: Iterable[Fact]) -> list[str]:
    how = {e.question: e for e in entries if e.value is not None}
    lines = ["## Your situation", ""]
    if not facts:
        return lines + ["Nothing was stated yet.", ""]
    lines += ["| Question | Answer | How it was learned |", "|---|---|---|"]
    for q in sorted(kb.questions.values(), key=lambda q: q.order):
        if q.id in facts:
            e = how.get(q.id)
            learned = "implied by another answer" if e is None else (f'"{_md(e.text)}"' if e.text else e.how)
            lines.append(f"| {_md(q.text)} (`{q.id}`) | {_md(display_value(q, facts[q.id]))} | {learned} |")
    return lines + [""]


def _explanation(items: Any, box: str = "") -> list[str]:
    """Statements as a Markdown list (headlines left out: the section heading says it)."""
    out = []
    for st in items:
        if st.kind == "headline":
            continue
        link = f" ([read more]({st.href}))" if st.href else ""
        out.append(f"- {box}{_md(st.text)}{link} — {_cite(st.source)}")
    return out


def _others(kb: KnowledgeBase, a: Any) -> list[str]:
    rec_line = {o.id for o in kb.lineage(a.recommendation.option.id)} if a.recommendation else set()
    lines = ["## The other options", ""]
    for c in a.candidates:
        if c.option.parent or c.option.id in rec_line:
            continue
        first = next((r for r in c.reasons if r.holds is False), None) or next(iter(c.reasons), None)
        status = {"ruled_out": "ruled out", "open": "still open", "feasible": "possible"}.get(c.status, c.status)
        tail = f": {_md(first.text)} — {_cite(first.source)}" if first else ""
        lines.append(f"- **{_md(c.option.title)}** (`{c.option.id}`), {status}{tail}")
    return lines + [""]


def export_markdown(kb: KnowledgeBase, a: Any, entries: Iterable[Fact] = ()) -> str:
    """The Markdown summary of the decision for the facts in `a`."""
    from engine import explain
    from engine.report import docs_for
    from kb.safeio import clean

    title = kb.decision.title if kb.decision else "Decision"
    lines = [f"# {_md(title)}", ""]
    lines += _situation(kb, dict(a.facts), list(entries))
    rec = a.recommendation
    if rec is None:
        lines += ["## Recommendation", "", "No option fits these answers.", ""]
        return clean("\n".join(lines + _others(kb, a)).rstrip() + "\n")
    oid = rec.option.id
    state = "decided" if a.decided else "best fit so far; " + ", ".join(a.could_change) + " could still change it"
    lines += ["## Recommendation", "", f"**{_md(a.title)}** (`{oid}`, {state}) — {_cite(rec.option.source)}", ""]
    if rec.option.summary:
        lines += [_md(rec.option.summary), ""]
    lines += ["## Why", "", *_explanation(explain.why(kb, a)), ""]
    for side, heading in (("pro", "What you gain"), ("con", "Trade-offs you accept")):
        points = [t for t in kb.tradeoffs_for(oid) if t.side == side]
        if points:
            lines += [f"## {heading}", "", *[f"- {_md(t.text)} — {_cite(t.source)}" for t in points], ""]
    checklist = _explanation(explain.checklist(kb, a), box="[ ] ")
    if checklist:
        lines += ["## Before you install", "", *checklist, ""]
    links = docs_for(kb, oid, a.facts)
    if links:
        lines += ["## Guides to follow", "", *[f"- [{_md(d.title)}]({kb.href(d.href)})" for d in links], ""]
    lines += _others(kb, a)
    if kb.architecture_for(oid) is not None:
        lines += ["## Diagram", "", "Draw the architecture for these answers with `diagram FILE.svg` in the chat.", ""]
    sources = kb.root if kb.decision is None else f"{kb.decision.id} ({kb.root})"
    lines += ["---", "", f"Written by fingerpost from {sources}; `path:line` points into the knowledge base."]
    return clean("\n".join(lines).rstrip() + "\n")  # no control character or escape sequence from the content
