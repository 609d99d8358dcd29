"""A DecisionDiff as terminal text, as Markdown for a pull-request comment, and as JSON.

    >>> print(diff_markdown(decision_diff(old_kb, new_kb)))        # doctest: +SKIP
    ### fingerpost: what this change does to the advice
    …

The Markdown keeps to a summary table with every detail folded in `<details>`, and lists at
most MARKDOWN_EXAMPLES combinations per change so the comment stays short; the JSON has all.
"""

from __future__ import annotations

from typing import Any

from fingerpost.render.decision_diff import Added, Change, DecisionDiff

__all__ = ["diff_text", "diff_markdown", "diff_json", "MARKDOWN_EXAMPLES", "TEXT_EXAMPLES"]

MARKDOWN_EXAMPLES = 5
"""Combinations listed per change in Markdown (the count is always given)."""
TEXT_EXAMPLES = 10
"""Combinations listed per change in text."""

_KINDS = (("option", "Options"), ("question", "Questions"), ("answer", "Answers"))


def _side(oid: str | None, title: str, source: str) -> dict[str, Any]:
    return {"id": oid, "title": title, "source": source or None}


def _named(oid: str | None, title: str, source: str) -> str:
    if oid is None:
        return "no option fits"
    return f"{title} ({oid}{', ' + source if source else ''})"


def _plural(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def diff_json(d: DecisionDiff, old_label: str = "", new_label: str = "") -> dict[str, Any]:
    """Every finding, nothing left out."""
    def names(items: list[Added], kind: str) -> list[dict[str, str]]:
        return [{"id": a.id, "title": a.title, "source": a.source} for a in items if a.kind == kind]

    return {
        "old": old_label or d.old_root,
        "new": new_label or d.new_root,
        "combinations": d.combinations,
        "changed": d.changed,
        "only_old": d.only_old,
        "only_new": d.only_new,
        "recommendations": [{"from": _side(c.old, c.old_title, c.old_source), "to": _side(c.new, c.new_title, c.new_source),
                             "answers": [list(a) for a in c.answers]} for c in d.changes],
        "added": {f"{k}s": names(d.added, k) for k, _ in _KINDS},
        "removed": {f"{k}s": names(d.removed, k) for k, _ in _KINDS},
        "meaning": [{"option": m.option, "kind": m.kind, "old": m.old_text, "new": m.new_text,
                     "old_source": m.old_source, "new_source": m.new_source, "example": m.example} for m in d.meaning],
        "reworded": [{"option": o, "kind": k} for o, k in d.reworded],
        "new_errors": [str(e) for e in d.new_errors],
    }


def _headline(d: DecisionDiff) -> str:
    if not d.changes:
        return f"No recommendation changes over {_plural(d.combinations, 'combination')} of answers."
    return f"{d.changed} of {_plural(d.combinations, 'combination')} of answers get another recommendation."


def _change_lines(c: Change, limit: int, indent: str) -> list[str]:
    lines = [f"{_named(c.old, c.old_title, c.old_source)} → {_named(c.new, c.new_title, c.new_source)}: "
             f"{_plural(len(c.answers), 'combination')}"]
    lines += [f"{indent}{', '.join(a)}" for a in c.answers[:limit]]
    if len(c.answers) > limit:
        lines.append(f"{indent}… and {len(c.answers) - limit} more")
    return lines


def diff_text(d: DecisionDiff, old_label: str = "", new_label: str = "") -> str:
    """For a person at a terminal: the headline, then each group that has something."""
    out = [f"fingerpost diff: {old_label or d.old_root} → {new_label or d.new_root}", _headline(d)]
    if d.changes:
        out += ["", "Recommendations that change:"]
        for c in d.changes:
            first, *rest = _change_lines(c, TEXT_EXAMPLES, "    ")
            out += [f"  {first}", *rest]
    if d.only_old or d.only_new:
        out += ["", f"Combinations only one side offers: {d.only_old} only before, {d.only_new} only now "
                    "(answers added or removed)."]
    for items, verb in ((d.added, "added"), (d.removed, "removed")):
        for kind, heading in _KINDS:
            rows = [a for a in items if a.kind == kind]
            if rows:
                out += ["", f"{heading} {verb}:"] + [f"  {a.id}: {a.title} ({a.source})" for a in rows]
    if d.meaning:
        out += ["", "Conditions whose meaning changed:"]
        for m in d.meaning:
            out += [f"  {m.option} {m.kind}: `{m.old_text}` ({m.old_source or '-'}) → `{m.new_text}` "
                    f"({m.new_source or '-'})", f"    e.g. {m.example}"]
    if d.reworded:
        out += ["", "Reworded with the same meaning: " + ", ".join(f"{o} {k}" for o, k in d.reworded)]
    if d.new_errors:
        out += ["", "New lint errors:"] + [f"  {e}" for e in d.new_errors]
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _details(summary: str, lines: list[str]) -> list[str]:
    return ["", f"<details><summary>{summary}</summary>", "", *lines, "", "</details>"]


def diff_markdown(d: DecisionDiff, old_label: str = "", new_label: str = "") -> str:
    """Short enough for a pull-request comment: a summary table, the details folded."""
    counts = [("Recommendations changed", f"{d.changed} of {d.combinations} combinations of answers"
                                          if d.changes else "none")]
    for kind, heading in _KINDS:
        plus = sum(a.kind == kind for a in d.added)
        minus = sum(a.kind == kind for a in d.removed)
        counts.append((heading, ", ".join(p for p in (f"{plus} added" if plus else "", f"{minus} removed" if minus
                                                     else "") if p) or "no change"))
    counts += [("Conditions with a new meaning", str(len(d.meaning)) + (f" ({len(d.reworded)} reworded, same meaning)"
                                                                        if d.reworded else "")),
               ("New lint errors", str(len(d.new_errors)))]
    out = ["### fingerpost: what this change does to the advice", "",
           f"`{_cell(old_label or d.old_root)}` → `{_cell(new_label or d.new_root)}`: {_headline(d)}", "",
           "| | |", "|---|---|", *[f"| {k} | {_cell(v)} |" for k, v in counts]]
    if d.changes:
        lines = []
        for c in d.changes:
            first, *rest = _change_lines(c, MARKDOWN_EXAMPLES, "")
            lines.append(f"- **{_cell(first)}**")
            lines += [f"  - `{r}`" if not r.startswith("…") else f"  - {r}" for r in rest]
        out += _details(f"Recommendations that change ({d.changed})", lines)
    names = [f"- {verb} {a.kind} `{a.id}`: {_cell(a.title)} (`{a.source}`)"
             for items, verb in ((d.added, "added"), (d.removed, "removed")) for a in items]
    if names:
        out += _details(f"Options, questions and answers ({len(names)})", names)
    if d.meaning:
        out += _details(f"Conditions with a new meaning ({len(d.meaning)})",
                        [f"- `{m.option}` {m.kind}: `{_cell(m.old_text)}` → `{_cell(m.new_text)}` "
                         f"(`{m.new_source or m.old_source}`); e.g. {_cell(m.example)}" for m in d.meaning])
    if d.new_errors:
        out += _details(f"New lint errors ({len(d.new_errors)})", [f"- `{_cell(str(e))}`" for e in d.new_errors])
    return "\n".join(out) + "\n"
