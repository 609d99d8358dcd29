"""What inference contributed to a knowledge base, for `fingerpost lint --explain`.

Every inferred item is listed as `path:line: inferred <kind> <what> (confidence c) — “sentence”`,
then everything inference saw but could not settle as `path:line: ambiguous: …`. An item an
author annotated never appears here: annotations are not inferences.

    >>> from fingerpost.kb.build import compile_path                      # doctest: +SKIP
    >>> print("\\n".join(explain_lines(compile_path("docs/"))))  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fingerpost.kb import expr as ex

__all__ = ["Explained", "inferred_items", "ambiguities", "explain_lines"]


@dataclass(slots=True, frozen=True)
class Explained:
    """One inferred item, ready to print."""

    path: str
    """Page it was read from."""
    line: int
    """Line of the sentence, heading or table row."""
    kind: str
    """`option`, `question`, `constraint`, `recommendation`, `tradeoff`, `doc`, `prerequisite` or `term`."""
    what: str
    """The item in one line: `high-availability requires nodes >= 3`."""
    confidence: float
    """Below 1: how sure inference is."""
    quote: str
    """The text it came from."""

    def __str__(self) -> str:
        quote = self.quote if len(self.quote) <= 160 else self.quote[:157] + "…"
        return (f"{self.path}:{self.line}: inferred {self.kind} {self.what} (confidence {self.confidence:.2f})"
                + (f" — “{quote}”" if quote else ""))


def _question(q: Any) -> str:
    if q.kind in ("choice", "yesno"):
        return f"{q.id} ({q.kind}: {', '.join(c.value for c in q.choices)})"
    return f"{q.id} ({q.kind}{', ' + q.unit if q.unit else ''})"


def inferred_items(kb: Any) -> list[Explained]:
    """Every inferred record of a knowledge base, in page and line order."""
    rows: list[tuple[str, Any, str]] = []
    rows += [("question", q, _question(q)) for q in kb.questions.values()]
    rows += [("option", o, f"{o.id} “{o.title}”" + (f" (varies by {', '.join(o.variant_by)})" if o.variant_by else ""))
             for o in kb.options.values()]
    rows += [("constraint", c, f"{c.option} {c.kind} {c.text}") for c in kb.constraints]
    rows += [("recommendation", r, f"{r.option} ({r.strength}){' when ' + r.text if r.text else ''}")
             for r in kb.recommendations]
    rows += [("tradeoff", t, f"{t.option} {t.side}") for t in kb.tradeoffs]
    rows += [("doc", d, f"{d.option or 'all'} → {d.href}{' when ' + ex.to_text(d.when) if d.when else ''}")
             for d in kb.doclinks]
    rows += [("prerequisite", p, f"{p.id} for {', '.join(p.options) or 'every option'}"
              + (f" → {p.href}" if p.href else "") + (f" when {ex.to_text(p.when)}" if p.when else ""))
             for p in kb.prerequisites.values()]
    rows += [("term", t, f"“{t.title}”" + (f" (also {', '.join(t.synonyms)})" if t.synonyms else ""))
             for t in kb.terms.values()]
    out = [Explained(r.source.path, r.source.line, kind, what, r.source.confidence, r.source.quote)
           for kind, r, what in rows if r.source.confidence < 1]
    return sorted(out, key=lambda e: (e.path, e.line, e.kind, e.what))


def ambiguities(kb: Any) -> list[Any]:
    """Diagnostics inference raised about what it could not settle."""
    return sorted((p for p in kb.problems if p.code == "ambiguous"), key=lambda p: (p.path, p.line))


def explain_lines(kb: Any) -> list[str]:
    """The `--explain` report: inferred items, then ambiguities, then a count."""
    items = inferred_items(kb)
    unsure = ambiguities(kb)
    lines = [str(e) for e in items]
    lines += [f"{p.path}:{p.line}: ambiguous: {p.message}" for p in unsure]
    lines.append(f"{len(items)} inferred items, {len(unsure)} ambiguities"
                 + ("" if items else " — no page presents a choice that could be inferred; see docs/extraction.md"))
    return lines
