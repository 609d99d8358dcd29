"""Rule `tradeoffs`: pros and cons of the page's inferred options, read from plain prose.

Only pages that present a choice (see `structure`) are read, after `sentences`. A pro or con is
found in three shapes:

- a sentence with words of judgement (see `merits`): `the main drawback is …`, `X is simpler to
  run`, `Y requires more nodes`, `it cannot fail over`, `Z is not suitable for large teams`;
- list items under a heading or lead-in that names a side (`Pros`, `**Disadvantages:**`,
  `Advantages of X`), and items or paragraphs opened by one (`Con: slower restores`);
- cells of a table column headed `Pros` / `Cons` (rows name the options), or of a row so labelled
  (columns name the options).

A sentence belongs to the options its *subject* names — the words before the judgement, leaving
out a fronted `Unlike X,` — so `it doesn't have high availability` in the single-node section is
a con of single-node, not of high availability; failing that, to the option whose section it is
in; failing that, to an option its main clause names, or inside the section presenting the
choice to those sharing a word it uses. A sentence that already gave a constraint or a
recommendation is not read again: `for testing only` is a limit, not also a con.

Ids are numbered per option (`docker/pro1`, `docker/con2`) so that merging pages renumbers them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from fingerpost.kb.extract import patterns as pt
from fingerpost.kb.extract.context import Context, cite
from fingerpost.kb.extract.inferred import Candidate, PageChoice, note, state
from fingerpost.kb.extract.merits import clauses, cues, labelled, side_label
from fingerpost.kb.extract.words import line_of, sentences
from fingerpost.kb.read import Paragraph, Table
from fingerpost.kb.records import Citation, Document, Tradeoff

__all__ = ["extract", "owners", "attach_points"]

LABELLED = 0.8
"""Confidence of a point a heading, lead-in or table column names as a pro or a con."""
_FRONTED = re.compile(r"^\s*(?:unlike|compared\s+(?:with|to)|in\s+contrast\s+to|as\s+opposed\s+to|rather\s+than|"
                      r"instead\s+of|like|as\s+with)\s+[^,]+,\s*", re.I)
_EMPTY_CELL = re.compile(r"^(?:|-|—|–|n/?a|none|\?)$", re.I)


def owners(choice: PageChoice, sentence: str, section: str, at: int, line: int = 0) -> tuple[list[Candidate], float]:
    """The options a judgement starting at `at` is about, and how sure that is (see the module docstring)."""
    own = choice.by_section(section, line)
    named = choice.mentioned(_FRONTED.sub("", sentence[:at]))
    if named:
        return named, 1.0 if named == [own] else 0.9
    if own is not None:
        return [own], 0.9
    named = choice.mentioned(pt.main_clause(sentence))
    if named:
        return named, 0.8
    if section in choice.scope:
        return choice.mentioned(sentence[:at], allow_group=True), 0.8
    return [], 0.0


@dataclass(slots=True)
class _Emit:
    """Adds tradeoffs of one page, citing where each is stated."""

    doc: Document
    ctx: Context
    choice: PageChoice
    stated: set[str]
    """Sentences that already gave a constraint or a recommendation."""

    def add(self, oid: str, side: str, text: str, line: int, confidence: float, quote: str) -> None:
        recs = self.ctx.records.tradeoffs
        text = text.strip()
        if not text or any(t.option == oid and t.side == side and t.text == text for t in recs):
            return
        n = self.ctx.next_number(recs, oid)
        recs.append(Tradeoff(f"{oid}/{side}{n}", oid, side, text,
                             cite(self.doc, line, confidence=round(confidence, 2), quote=quote)))


def _stated(ctx: Context) -> set[str]:
    rec = ctx.records
    return {t for r in [*rec.constraints, *rec.recommendations] for t in (r.because, r.source.quote) if t}


def _judged(e: _Emit, text: str, line: int, section: str) -> None:
    """A sentence's pros and cons: the sentence as one point, or each clause when it has both sides."""
    if text in e.stated:
        return
    if e.choice.by_section(section, line) is None and section not in e.choice.scope and not e.choice.mentioned(text):
        return  # about none of the options: not worth reading for judgements
    found = [(off, clause, c) for off, clause in clauses(text) for c in cues(clause)]
    if not found:
        return
    subject, sure = owners(e.choice, text, section, found[0][0] + found[0][2].start, line)
    both = len({c.side for _, _, c in found}) > 1
    own = e.choice.by_section(section, line)
    for off, clause, c in found if both else found[:1]:
        opts, conf = subject, sure
        named = e.choice.mentioned(_FRONTED.sub("", clause[:c.start])) if off else []
        if named:  # `A is simpler, but B is faster`: a later clause with a subject of its own
            opts, conf = named, 1.0 if named == [own] else 0.9
        point = clause[:1].upper() + clause[1:] if both else text
        for o in opts:
            e.add(o.id, c.side, point, line, c.confidence * conf, text)
        if not opts and c.confidence >= 0.75 and section in e.choice.scope:
            note(e.ctx, e.doc.path, line, f"“{text}” states a {c.side} but names no option of the choice")


def _labelled_point(e: _Emit, side: str, text: str, line: int, section: str, label: str) -> None:
    """A point a heading or lead-in (`label`) names as a pro or a con: of the options the label
    names (`Advantages of X`), else of the option whose section it is in, else of those it names."""
    if text in e.stated:
        return
    own = e.choice.by_section(section, line)
    named = e.choice.mentioned(label) if label else []
    opts = named or ([own] if own is not None else e.choice.mentioned(pt.main_clause(text)))
    sure = 1.0 if named and named == [own] else 0.9
    for o in opts:
        e.add(o.id, side, text, line, LABELLED * sure, text)


def _labels(doc: Document) -> Iterator[tuple[Paragraph, str, str, str]]:
    """Each paragraph of a page (not a term, not a `Pros:` lead-in itself) with the side a label gives it and
    its point: (paragraph, side, point, label) — side `""` when nothing labels it. A label is a prefix
    (`Con: slower restores`), a lead-in over the items below it (`Pros:`), or the section's heading (`Cons`)."""
    headed = {s.anchor: (side_label(s.title), s.title) for s in doc.sections if s.level and side_label(s.title)}
    lead: tuple[str, str, str] | None = None  # (section, side, label) of a `Pros:` lead-in over the items below it
    for p in doc.paragraphs:
        if p.kind == "term":
            continue
        if lead is not None and (p.section != lead[0] or p.kind not in ("item", "definition")):
            lead = None
        side = side_label(p.text)
        if side:
            lead = (p.section, side, p.text)
            continue
        prefixed, rest = labelled(p.text)
        if prefixed:
            yield p, prefixed, rest, ""
        elif lead is not None:
            yield p, lead[1], p.text, lead[2]
        elif p.section in headed:
            yield p, headed[p.section][0], p.text, headed[p.section][1]
        else:
            yield p, "", p.text, ""


def _prose(e: _Emit) -> None:
    for p, side, point, label in _labels(e.doc):
        if side:
            _labelled_point(e, side, point, p.line, p.section, label)
        else:
            for offset, text in sentences(p.text):
                _judged(e, text, line_of(p.line, p.breaks, offset), p.section)


def _table(e: _Emit, table: Table) -> None:
    """Pros / Cons columns (rows name options), or Pros / Cons rows (columns name options)."""
    own = e.choice.by_section(table.section)
    columns = [(i, side_label(c.text)) for i, c in enumerate(table.header) if i and side_label(c.text)]
    for row, line in zip(table.rows, table.row_lines, strict=False):
        cells = [c.text.strip() for c in row]
        quote = " | ".join(cells)
        if columns and cells:
            opts = e.choice.mentioned(cells[0]) or ([own] if own is not None else [])
            for i, side in columns:
                if i < len(cells) and not _EMPTY_CELL.match(cells[i]):
                    for o in opts:
                        e.add(o.id, side, cells[i], line, LABELLED * 0.9, quote)
        elif cells and (side := side_label(cells[0])):
            for i, cell in enumerate(cells[1:len(table.header)], start=1):
                if not _EMPTY_CELL.match(cell):
                    for o in e.choice.mentioned(table.header[i].text):
                        e.add(o.id, side, cell, line, LABELLED * 0.9, quote)


def _labelled_aside(doc: Document, ctx: Context) -> None:
    """On a page without a choice, the points its labels name as pros or cons (`Pros:` then items, a `Cons`
    heading, `Con: …`): kept for the option whose own page it is (`attach_points`)."""
    points = [(side, point.strip(), cite(doc, p.line, confidence=LABELLED * 0.9, quote=p.text))
              for p, side, point, _ in _labels(doc) if side and point.strip()]
    if points:
        state(ctx).page_points[doc.path] = points


def attach_points(ctx: Context, pages: dict[str, list[tuple[str, str, Citation]]]) -> None:
    """Give the pros and cons kept aside on a page to the one option whose own page it is."""
    recs = ctx.records.tradeoffs
    for page, points in pages.items():
        owners = [o.id for o in ctx.records.options if o.source.path == page and o.source.line <= 2]
        if len(owners) != 1:
            continue
        oid = owners[0]
        for side, text, source in points:
            if any(t.option == oid and t.side == side and t.text == text for t in recs):
                continue
            n = sum(1 for t in recs if t.option == oid) + 1
            recs.append(Tradeoff(f"{oid}/{side}{n}", oid, side, text, source))


def extract(doc: Document, ctx: Context) -> None:
    """Read the pros and cons of the options a page presents."""
    choice = state(ctx).choices.get(doc.path)
    if choice is None:
        _labelled_aside(doc, ctx)
        return
    e = _Emit(doc, ctx, choice, _stated(ctx))
    for table in doc.tables:
        _table(e, table)
    _prose(e)
