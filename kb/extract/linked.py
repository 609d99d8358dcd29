"""Rule `linked`: what a page requires outside any choice it presents, for the options that send readers there.

An option's own page or guide often states what that option needs — `It requires two or more
servers`, `It needs prepared statements support from the database`, `Tool 2.8.0+`, `Install Tool
version 3 or later`, `not recommended for production` — with no option named, since the whole page
is about one. The rule keeps such statements aside — on a page that presents a choice of its own,
only those outside the sections presenting it; a prefilter skips paragraphs with no word of need,
limit or release number, so large trees stay cheap — and `attach`, run by `assemble`, gives them
to the options whose unconditional guides link to the page:

    >>> requirement("Tidewater requires prepared statements support from the database.")
    'prepared statements support'
    >>> requirement("It requires you to restart."), requirement("Tool may require extra settings.")
    (None, None)
    >>> requirement("Each queue needs a file handle.") is None
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fingerpost.kb import expr as ex
from fingerpost.kb.extract import patterns as pt
from fingerpost.kb.extract.conditions import clauses, purpose_of
from fingerpost.kb.extract.context import Context, cite
from fingerpost.kb.extract.inferred import (
    PURPOSE,
    RESTART,
    TESTING_LIMIT,
    ask,
    purpose_question,
    restart_question,
    state,
    yes_no,
)
from fingerpost.kb.extract.words import STOP, ident, line_of, sentences, singular, tokens
from fingerpost.kb.records import Citation, Constraint, Document, Question, Recommendation

__all__ = ["Statement", "extract", "attach", "requirement"]

_HINT = re.compile(r"[Rr]equir|[Nn]eed|must|only|production|cannot|can't|\+|>=|or (?:later|newer|higher)|(?:not|n't) support|"
                   r"(?:useful|suitable|ideal) for|can be used|lost|persist|wiped")
"""Text without one of these states nothing this rule reads: most paragraphs stop here."""
_WEIGHS_ITSELF = re.compile(r"\b(?:pros|cons|advantages?|disadvantages?|drawbacks?|limitations?|only suitable|"
                            r"(?:not|never) (?:intended|recommended|suitable|meant|designed)|experimental|deprecated|"
                            r"recommended for|suitable for|best for|ideal for)\b", re.I)
"""Words with which a page weighs its own subject (`**Cons**:`, `not intended for production`)."""
_SUITED = re.compile(r"\b(?:is|are)\s+(?:\w+\s+)?(?:useful|suitable|ideal|intended|meant|designed|great|good)\b[^.]*?\bfor\b|"
                     r"\bcan be used\b[^.]*?\b(?:for|to)\b", re.I)
"""`This is useful for development`, `It can be used … to develop locally`: what the page's subject is for."""
_REQUIRES = re.compile(r"\b(?:requires?|needs?|must have|depends on)\s+(?:an?\s+|the\s+|some\s+)?"
                       r"(?P<np>(?:[A-Za-z][\w-]*\s+){0,3}?[A-Za-z][\w-]*)"
                       r"(?=\s+(?:from|for|to|with|on|in|that|which|so|when|if|and|or)\b|\s*[,.;:(]|\s*$)")
_NEGATIVE = re.compile(r"\b(?:not|never|no|n't|discouraged|avoid)\b", re.I)
_NEED_VERB = re.compile(r"\b(?:requires?|needs?|must)\b", re.I)
_MODAL = re.compile(r"\b(?:may|might|could|can|will|would|sometimes|also)\s+$", re.I)
_NOT_THINGS = frozenset("""
you it them this that these those to be more less some any all one two three four five version versions
access time changes change restart rebuild following steps step additional extra further
""".split())


@dataclass(slots=True, frozen=True)
class Statement:
    """What a page without a choice requires or rules out, waiting for the option that links there."""

    kind: str
    """`requires` or `excludes` (a constraint), or `recommends` (what the page's subject is for)."""
    text: str
    """The condition."""
    source: Citation
    """The sentence it comes from."""
    question: tuple[str, str, str, tuple[str, ...], str]
    """The question the condition reads — id, kind, text, synonyms, unit — asked only once the statement is
    attached (most pages' statements never are: they stay small in the page's cached fragment)."""
    strength: str = "normal"
    """For `recommends`: `weak` when only implied (kept for trying out: see `TESTING_LIMIT`)."""


def _about_page(before: str) -> bool:
    """Whether the words before a verb of need name what the page is about (`Tool`, `It`), not one of its
    parts (`each queue needs …`)."""
    subject = re.split(r"[,;:]", before)[-1].split()
    return len(subject) == 1 and (subject[0][0].isupper() or subject[0].lower() in ("it", "this"))


def requirement(sentence: str) -> str | None:
    """The thing a sentence says is required (`prepared statements support`), or None."""
    m = _REQUIRES.search(sentence)
    if m is None or _MODAL.search(sentence[:m.start()]) or sentence[m.end():].lstrip().startswith(":"):
        return None  # `may require …` is not a requirement; `requires the following:` introduces a list
    if not _about_page(sentence[:m.start()]):
        return None
    words = tokens(m.group("np"))
    if not words or words[0] in _NOT_THINGS or words[0].isdigit() or all(w in STOP for w in words):
        return None
    return " ".join(words)


def _statements(doc: Document, line: int, text: str) -> list[Statement]:
    out: list[Statement] = []

    def source(confidence: float) -> Citation:
        return cite(doc, line, confidence=confidence, quote=text)

    need = _NEED_VERB.search(text)
    about = need is not None and _about_page(text[:need.start()])
    for c in pt.counts(text) if about else ():
        qid = c.unit.replace("-", "_")
        out.append(Statement("requires", f"{qid} {c.op} {c.n}", source(0.7),
                             (qid, "number", f"How many {c.unit} will you have?", (c.unit, singular(c.unit)), c.unit)))
    limit = pt.purpose_limit(text) if "only" in text or "production" in text else 0.0
    if limit:
        out.append(Statement("excludes", f'{PURPOSE} == "production"', source(limit), (PURPOSE, "purpose", "", (), "")))
        # what the docs keep for trying out is what they offer for it: among the options that fit a test, it first
        out.append(Statement("recommends", f'{PURPOSE} == "testing"', source(limit), (PURPOSE, "purpose", "", (), ""),
                             TESTING_LIMIT))
    if pt.lost_on_restart(text):  # `all data is lost when it restarts`: not for data that must survive one
        out.append(Statement("excludes", RESTART, source(0.6), (RESTART, "restart", "", (), "")))
    bounds = [b for b in pt.versions(text) if b.product] if ("+" in text or " or " in text or ">=" in text) else []
    if bounds and all(b.op == ">=" for b in bounds):
        for b in bounds:
            qid = f"{ident(b.product)}_version"
            out.append(Statement("requires", f"{qid} >= {b.version}", source(0.65),
                                 (qid, "version", f"Which {b.product} version will you use?",
                                  (f"{b.product.lower()} version",), "")))
    thing = None if out or not about else requirement(text)
    if thing:
        qid = ident(thing)
        out.append(Statement("requires", qid, source(0.6), (qid, "yesno", f"Will you have {thing}?", (thing,), "")))
    for clause in clauses(text) if not out and _SUITED.search(text) else ():
        if _SUITED.search(clause) and purpose_of(clause) == "testing" and not _NEGATIVE.search(clause):
            out.append(Statement("recommends", f'{PURPOSE} == "testing"', source(0.55), (PURPOSE, "purpose", "", (), "")))
            break
    lacks = None if out or not (" support" in text or "not" in text or "n't" in text or "unable" in text) \
        else pt.requirement(pt.main_clause(text))
    if lacks is not None and not lacks.needed:  # `the file backend does not support high availability`
        what = lacks.bare
        qid = ident(what, limit=3)
        out.append(Statement("excludes", qid, source(0.6), (qid, "yesno", f"Do you need {what}?", (what.lower(),), "")))
    return out


_REQUIREMENT_CELL = re.compile(r"^(?:minimum\s+|system\s+)?(?:requirements?|prerequisites?|requires|dependencies|"
                               r"supported (?:versions?|platforms?|on))\s*:?$", re.I)
"""A table row that states what the page's subject needs (`| ⚡ Requirement | Lima >= 0.14, macOS >= 13.0 |`)."""
_PLAIN = re.compile(r"[^\w\s]")


def _ask(ctx: Context, s: Statement) -> None:
    qid, kind, text, synonyms, unit = s.question
    if kind == "purpose":
        purpose_question(ctx, s.source)
        return
    if kind == "restart":
        restart_question(ctx, s.source)
        return
    choices = yes_no(s.source) if kind == "yesno" else ()
    ask(ctx, Question(qid, text, kind, choices, synonyms, "", None, unit, ctx.next_order(), s.source))


def extract(doc: Document, ctx: Context) -> None:
    """Keep aside what a page without a choice requires."""
    st = state(ctx)
    if doc.path in st.skipped:
        return
    choice = st.choices.get(doc.path)
    outside = choice.scope if choice is not None else set()  # a page with its own choice: what holds for all of it
    found: list[Statement] = []
    for p in doc.paragraphs:
        if choice is None and doc.path not in st.page_weighs and _WEIGHS_ITSELF.search(p.text):
            st.page_weighs.add(doc.path)
        if p.kind == "term" or p.section in outside or not _HINT.search(p.text):
            continue
        for offset, text in sentences(p.text):
            if not pt.either_way(text):
                found += _statements(doc, line_of(p.line, p.breaks, offset), text)
    for table in doc.tables:
        if table.section in outside:
            continue
        for row, line in ((table.header, table.line), *zip(table.rows, table.row_lines, strict=False)):
            if len(row) >= 2 and _REQUIREMENT_CELL.match(_PLAIN.sub("", row[0].text).strip()):
                text = ", ".join(c.text.strip() for c in row[1:] if c.text.strip())
                found += [s for s in _statements(doc, line, f"It requires {text}.") if s.kind == "requires"]
    if found:
        st.page_statements[doc.path] = found


def attach(ctx: Context, pages: dict[str, list[Statement]]) -> None:
    """Give the kept statements of linked pages to the options whose unconditional guides lead there."""
    rec = ctx.records
    options = {o.id for o in rec.options}
    targets: dict[str, list[str]] = {}
    for d in rec.doclinks:
        page = d.href.split("#", 1)[0]
        if d.option in options and d.when is None and page in pages and d.option not in targets.get(page, []):
            targets.setdefault(page, []).append(d.option)
    for page, oids in targets.items():
        for s in pages[page]:
            for oid in oids:
                if s.kind == "recommends":
                    if not any(r.option == oid and r.text == s.text for r in rec.recommendations):
                        _ask(ctx, s)
                        n = sum(1 for r in rec.recommendations if r.option == oid) + 1
                        rec.recommendations.append(Recommendation(f"{oid}/rec{n}", oid, ex.parse(s.text), s.text,
                                                                  s.strength, s.source.quote, s.source))
                    continue
                if any(c.option == oid and c.text == s.text for c in rec.constraints):
                    continue
                _ask(ctx, s)
                n = sum(1 for c in rec.constraints if c.option == oid) + 1
                rec.constraints.append(Constraint(f"{oid}/{n}", oid, s.kind, ex.parse(s.text), s.text,
                                                  s.source.quote, s.source))
