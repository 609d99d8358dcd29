"""The `export` command: the decision as Markdown — situation, recommendation, why, trade-offs,
checklist, guides and the other options — every statement with its `path:line`.

    >>> print(export_markdown(kb, assess(kb, facts), entries))     # doctest: +SKIP
    # How to install the Rancher management server
    …
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fingerpost.engine.answers.reply import Reply, decision_reply
from fingerpost.engine.facts import Fact, display_value, question_name
from fingerpost.engine.reason.assess import Assessment
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.records import Citation
from fingerpost.kb.safeio import clean

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
            lines.append(f"| {_md(q.text)} | {_md(display_value(q, facts[q.id]))} | {learned} |")
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


def _others(reply: Reply) -> list[str]:
    lines = ["## The other options", ""]
    for other in reply.others:
        first = next((s for s in other.reasons if s.holds is False), None) or next(iter(other.reasons), None)
        status = {"ruled_out": "ruled out", "open": "still open", "feasible": "possible"}.get(other.status, other.status)
        tail = f": {_md(first.text)} — {_cite(first.source)}" if first else ""
        lines.append(f"- **{_md(other.option.title)}**, {status}{tail}")
    return lines + [""]


def export_markdown(kb: KnowledgeBase, a: Assessment | Reply, entries: Iterable[Fact] = ()) -> str:
    """The Markdown summary of the decision: a Reply (or an assessment's) as a document."""
    reply = a if isinstance(a, Reply) else decision_reply(kb, a)
    a = reply.assessment
    title = kb.decision.title if kb.decision else "Decision"
    lines = [f"# {_md(title)}", ""]
    lines += _situation(kb, dict(a.facts), list(entries))
    rec = a.recommendation
    if rec is None:
        lines += ["## Recommendation", "", "No option fits these answers.", ""]
        near = [s for s in reply.why if s.kind == "nearest"]
        if near:
            lines += ["## What would fit", "", *_explanation(near), ""]
        return clean("\n".join(lines + _others(reply)).rstrip() + "\n")
    oid = rec.option.id
    names = ", ".join(question_name(kb.questions.get(q), q) for q in a.could_change)
    state = "decided" if a.decided else f"best fit so far; your answers about {names} could still change it"
    lines += ["## Recommendation", "", f"**{_md(a.title)}** ({state}) — {_cite(rec.option.source)}", ""]
    if rec.option.summary:
        lines += [_md(rec.option.summary), ""]
    lines += ["## Why", "", *_explanation(reply.why), ""]
    for points, heading in ((reply.gains, "What you gain"), (reply.costs, "Trade-offs you accept")):
        if points:
            lines += [f"## {heading}", "", *[f"- {_md(s.text)} — {_cite(s.source)}" for s in points], ""]
    checklist = _explanation(reply.checklist, box="[ ] ")
    if checklist:
        lines += ["## Before you install", "", *checklist, ""]
    if reply.guides:
        lines += ["## Guides to follow", "", *[f"- [{_md(s.text)}]({s.href})" for s in reply.guides], ""]
    lines += _others(reply)
    if kb.architecture_for(oid) is not None:
        lines += ["## Diagram", "", "Draw the architecture for these answers with `diagram FILE.svg` in the chat.", ""]
    sources = kb.root if kb.decision is None else f"{kb.decision.id} ({kb.root})"
    lines += ["---", "", f"Written by fingerpost from {sources}; `path:line` points into the knowledge base."]
    return clean("\n".join(lines).rstrip() + "\n")  # no control character or escape sequence from the content
