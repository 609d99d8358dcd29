"""Finisher `assemble`: turn what inference found on each page into one decision, and let
annotations override it.

- When authors declared options anywhere, inferred options (and everything said about them)
  are not used: the annotated decision stands. Inferred terms are still added.
- Otherwise the page with the strongest inferred choice is the decision (evidence: its options
  and the records citing it; then the links other pages make to it). Choices on other pages are
  reported as ambiguous, not mixed in.
- Prerequisites of pages that present no choice go to the options whose guides link there
  (only when that guide applies: the link's condition becomes the prerequisite's `when`).
- Invented questions are added only when a kept record reads them, and never under an id an
  author declared: the annotated question wins.
- Every inferred record carries a Citation with confidence below 1 and the sentence it came
  from; `is_inferred` tells them apart.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import replace
from typing import Any

from fingerpost.kb import expr as ex
from fingerpost.kb.extract import patterns as pt
from fingerpost.kb.extract.choices.cues import CUE, INDEX_PAGE, STRONG_CUE
from fingerpost.kb.extract.context import Context
from fingerpost.kb.extract.inferred import PURPOSE, TESTING_LIMIT, State, note, state
from fingerpost.kb.extract.linked import attach
from fingerpost.kb.extract.tradeoffs import attach_points
from fingerpost.kb.extract.words import GENERIC, STOP, content_stems, option_ident, stem, tokens
from fingerpost.kb.records import Citation, DocLink, Option, Recommendation, Records

__all__ = ["finish", "is_inferred", "inferred_records"]

_GENERIC = {stem(w) for w in GENERIC}
MAX_NEAR = 50
"""Near misses reported when no choice was found (the first, in page order)."""
_OPTION_LISTS = ("constraints", "recommendations", "tradeoffs", "doclinks")


def is_inferred(record: Any) -> bool:
    """Whether a record came from inference rather than an annotation."""
    source = getattr(record, "source", None)
    return source is not None and source.confidence < 1


def inferred_records(records: Records) -> list[tuple[str, Any]]:
    """(kind, record) for every inferred record, in a stable order."""
    out: list[tuple[str, Any]] = []
    for kind in ("questions", "options", "constraints", "recommendations", "tradeoffs", "prerequisites",
                 "doclinks", "terms"):
        out += [(kind, r) for r in getattr(records, kind) if is_inferred(r)]
    return out


def _names_their_kind(c: Any) -> bool:
    """Whether the page's title names the kind of thing its alternatives are: `Deployment modes` over
    `Monolithic mode` and `Microservices mode` (the word their titles share), `Runner types` over
    `Hosted runners`, `Hypervisors` over alternatives that each say they are one — the page that is about
    the choice, not a hub page that mentions it."""
    words = [set(content_stems(o.title)) for o in c.options]
    shared = set.intersection(*words) if len(words) >= 2 else set()
    title = set(content_stems(c.title))
    if shared & title:
        return True
    # `Hypervisors` over `QEMU`, `Firecracker`…, whose own sentences say what they are: "… is a minimal hypervisor"
    said = sum(1 for o in c.options if any(title & set(content_stems(m.group(1))) for m in _IS_A.finditer(o.summary)))
    return 0 < len(title) <= 2 and len(c.options) >= 2 and said * 2 >= len(c.options)


_IS_A = re.compile(r"\b(?:is|are)\s+(?:a|an|the)\s+((?:[\w-]+\s+){0,4}?[\w-]+)\b(?=\s+(?:that|which|for|with|written|"
                   r"created|built|made|designed|tuned|used|in|of|by|to|from)\b|[.,;:]|$)", re.I)
"""`X is a more modern hypervisor written in Rust`: what an alternative is, named by its noun."""


def _weighed_by_purpose(ctx: Context) -> set[str]:
    """Pages that advise one of their alternatives for production and another for trying out: a page that
    weighs the alternatives for the reader's use, not a how-to by means (`When using the UI`, `… the SDK`)."""
    uses: dict[str, set[str]] = {}
    for r in ctx.records.recommendations:
        for use in ("production", "testing"):
            if f'{PURPOSE} == "{use}"' in r.text:
                uses.setdefault(r.source.path, set()).add(use)
    return {path for path, seen in uses.items() if len(seen) == 2}


def _primary(ctx: Context, st: State) -> str | None:
    """The page that introduces the choice: weighed by how sure its signals are, the pages linking to it,
    a title that announces a choice, a shallow place in the tree, a choice that is the page's own
    (presented by its title section, not deep in its sub-sections) and alternatives weighed for production and
    for trying out — not by the amount of evidence.
    A page that another choosing page links to (and does not link back) is where a reader is sent
    for details, e.g. a large reference; it loses to the page that links to it."""
    if not st.choices:
        return None
    inbound = ctx.inbound
    order = list(st.choices)
    by_purpose = _weighed_by_purpose(ctx)

    def score(path: str) -> tuple[float, int]:
        c = st.choices[path]
        s = c.confidence + 0.06 * min(inbound.get(path, 0), 5)
        s += 0.3 if STRONG_CUE.search(c.title) else 0.15 if CUE.search(c.title) else 0.0
        s += 0.2 if _names_their_kind(c) else 0.0
        s += 0.2 if path in by_purpose else 0.0
        s -= 0.05 * path.count("/")
        level = c.section.level if c.section is not None else 0
        s += 0.1 if level <= 1 else -0.05 * (level - 2) if level > 2 else 0.0  # the page's own choice, or one deep in it
        if any(path in other.links and p not in c.links for p, other in st.choices.items() if p != path):
            s -= 0.4
        return round(s, 3), -order.index(path)

    return max(st.choices, key=score)


def _pages_alike(st: State, primary: str | None) -> set[str]:
    """When the decision is a folder's pages, one per alternative (`sibling_choice`): every page of that
    folder presenting the same alternatives so, each weighing its own."""
    first = st.choices.get(primary) if primary else None
    if first is None or first.how != "pages":
        return set()
    ids = {o.id for o in first.options}
    return {p for p, c in st.choices.items() if c.how == "pages" and {o.id for o in c.options} == ids}


def _own_pages(rec: Records, st: State, together: set[str]) -> None:
    """Each page of a layout one page per alternative names every option: keep each option's record from its
    own page (else from the first page naming it)."""
    def home(o: Option) -> bool:
        c = st.choices[o.source.path].get(o.id)
        return c is not None and c.section is not None

    homed = {o.id for o in rec.options if o.source.path in together and home(o)}
    seen: set[str] = set()
    out = []
    for o in rec.options:
        if o.source.path in together:
            if o.id in seen or (o.id in homed and not home(o)):
                continue
            seen.add(o.id)
        out.append(o)
    rec.options = out


def _joined_limits(rec: Records, st: State, primary: str) -> list[Any]:
    """An alternative the decision's page names on another page (`structure._linked_alternatives`) whose own page
    weighs it against the decision's options (`Classic` beside `Stream` in a feature matrix): what that page rules
    out for it holds for it here too — its exclusions, under its id in the decision. Without them an alternative
    nothing constrains would fit every answer the decision's own comparison rules its options out by."""
    first = st.choices.get(primary)
    if first is None:
        return []
    out: list[Any] = []
    for cand in first.options:
        other = st.choices.get(cand.page) if cand.page and cand.page != primary else None
        if other is None:
            continue
        own = set(content_stems(cand.title)) - _GENERIC
        rivals = [set(content_stems(o.title)) - _GENERIC for o in first.options if o.id != cand.id]
        alike = [o for o in other.options if (words := set(content_stems(o.title)) - _GENERIC) and words <= own
                 and not any(words <= r for r in rivals)]
        if len(alike) != 1 or not any(set(content_stems(o.title)) - _GENERIC <= r
                                      for o in other.options if o is not alike[0] for r in rivals):
            continue  # the other page weighs it against none of the decision's options
        taken = {c.id for c in rec.constraints}
        for c in rec.constraints:
            if is_inferred(c) and c.source.path == cand.page and c.option == alike[0].id and c.kind == "excludes":
                cid = _unused(f"{cand.id}/", taken)
                out.append(replace(c, id=cid, option=cand.id))
    return out


def _unused(prefix: str, taken: set[str]) -> str:
    """The first id `prefix` + 1, 2, … not in `taken` (which it joins)."""
    n = 1
    while f"{prefix}{n}" in taken:
        n += 1
    taken.add(f"{prefix}{n}")
    return f"{prefix}{n}"


def _sent_to_joined(rec: Records, st: State, primary: str) -> None:
    """`Very long queue backlogs ([streams](./streams) are likely to be a better fit)` under what an option is not
    for: the case that rules the option out recommends the alternative the same sentence sends the reader to."""
    first = st.choices.get(primary)
    names = {c.id: c.title for c in first.options if c.page and c.page != primary and c.section is None} if first else {}
    if not names:
        return
    made = {(r.option, r.text) for r in rec.recommendations}
    for c in list(rec.constraints):
        if c.kind != "excludes" or not is_inferred(c) or c.source.path != primary or c.option in names:
            continue
        said = c.source.quote or c.because
        for oid, title in names.items():
            short = next((w for w in tokens(title) if stem(w) not in _GENERIC and w not in STOP), "")
            if not short or (oid, c.text) in made or not any(
                    pt.BETTER_FIT.match(said[m.end():]) for m in re.finditer(rf"\b{re.escape(short)}\w*\b", said, re.I)):
                continue
            made.add((oid, c.text))
            rid = _unused(f"{oid}/rec", {r.id for r in rec.recommendations})
            rec.recommendations.append(Recommendation(rid, oid, c.expr, c.text, "normal", said, c.source))


def _joined_homes(rec: Records, st: State, primary: str) -> None:
    """An alternative the decision's page names by a link to its own page is cited at that page's title, as an
    alternative one page each is: its page describes it, not the section of the decision that names it."""
    first = st.choices.get(primary)
    pages = {c.id: c.page for c in first.options if c.page and c.page != primary and c.section is None} if first else {}
    for n, o in enumerate(rec.options):
        page = pages.get(o.id)
        if page in st.page_heads and is_inferred(o) and o.source.path == primary:
            title, line = st.page_heads[page]
            rec.options[n] = replace(o, source=Citation(page, line, title, "", o.source.confidence, title))


def _keep_options(ctx: Context, st: State) -> set[str]:
    """Drop inferred options that are not part of the decision; returns the pages kept."""
    rec = ctx.records
    authored = [o for o in rec.options if not is_inferred(o)]
    primary = None if authored else _primary(ctx, st)
    together = _pages_alike(st, primary)
    for path, choice in st.choices.items():
        if path == primary or path in together:
            continue
        names = ", ".join(o.title for o in choice.options[:4])
        why = (f"the decision is declared by annotations ({authored[0].source})" if authored
               else f"the decision inferred from {primary} has more evidence")
        line = choice.section.line if choice.section else 1
        note(ctx, path, line, f"this page presents a choice ({names}); not used: {why}")
    kept_pages = ({primary} if primary else set()) | together
    kept = {o.id for o in rec.options if is_inferred(o) and o.source.path in kept_pages}
    if together:
        _own_pages(rec, st, together)

    def keep(r: Any) -> bool:  # the same id may be inferred on several pages: the page decides
        return not is_inferred(r) or r.source.path in kept_pages

    joined = _joined_limits(rec, st, primary) if primary else []
    rec.options = [o for o in rec.options if keep(o)]
    for kind in _OPTION_LISTS:
        setattr(rec, kind, [r for r in getattr(rec, kind) if keep(r) and (r.option in kept or not is_inferred(r))])
    rec.constraints += joined
    if primary:
        _sent_to_joined(rec, st, primary)
        _joined_homes(rec, st, primary)
    rec.prerequisites = [p for p in rec.prerequisites
                         if not is_inferred(p) or (p.source.path in kept_pages and set(p.options) <= kept)]
    return kept_pages


def _sibling_pages(ctx: Context, st: State, kept_pages: set[str]) -> None:
    """When two or more options have a page of their own in one folder, titled alike (`PostgreSQL
    storage backend`, `Integrated Storage (Raft) backend`), the other pages of that folder titled the
    same way (`Filesystem storage backend`) are alternatives too: one page per alternative, as
    docs sites lay out backends and drivers, where the overview compares only some. Each becomes
    an option (0.5) whose guide is its page, so what the page requires is its own."""
    rec = ctx.records
    if len(kept_pages) != 1:
        return
    primary = next(iter(kept_pages))
    kept = {o.id for o in rec.options if is_inferred(o) and o.source.path == primary}
    own: dict[str, str] = {}
    for d in rec.doclinks:
        page = d.href.split("#", 1)[0]
        if is_inferred(d) and d.option in kept and d.when is None and page in st.page_heads and page != primary:
            own.setdefault(d.option, page)
    pages = set(own.values())
    if len(pages) < 2 or len(pages) != len(own) or len({posixpath.dirname(p) for p in pages}) != 1:
        return
    folder = posixpath.dirname(next(iter(pages)))
    shared = set.intersection(*(set(content_stems(st.page_heads[p][0])) for p in pages)) - _GENERIC
    if not shared:
        return
    taken = {o.id for o in rec.options}
    for path, (title, line) in sorted(st.page_heads.items()):
        if path in pages or path == primary or posixpath.dirname(path) != folder \
                or INDEX_PAGE.match(posixpath.basename(path)) or not shared <= set(content_stems(title)):
            continue
        oid = option_ident(title)
        if oid in taken:
            continue
        taken.add(oid)
        source = Citation(path, line, title, "", 0.5, title)
        own_words = tuple(w for w in tokens(title) if stem(w) not in shared and w not in STOP)
        rec.options.append(Option(oid, title, "", "", (), tuple(dict.fromkeys([" ".join(own_words)] if own_words else [])),
                                  (), ctx.next_order(), source))
        rec.doclinks.append(DocLink(f"{oid}/doc1", oid, title, path, None, "", source))
        note(ctx, path, line, f"“{title}” is taken as one more alternative: a page beside the options' own pages, "
                              "titled like them")


_KIND_TITLE = re.compile(r"\b[A-Za-z]{3,}[^s\W]s$|\b(?:options|modes|types|kinds|backends|providers|drivers|engines)\b", re.I)
"""A title naming a kind of thing in the plural (`Storage Backends`, `Hosting options`)."""
MAX_CHILDREN = 12


def _child_layout(st: State) -> tuple[str, list[str]] | None:
    """A folder's index page titled by a kind in the plural (`Storage Backends`), or opening with a sentence
    that announces alternatives (`you can deploy it in different ways`), whose pages (and those of a
    sub-folder without an index) each weigh one such thing — what it needs, cannot do, is not for:
    (the index, its pages), else None."""
    indexed = {posixpath.dirname(p) for p in st.page_heads if INDEX_PAGE.match(posixpath.basename(p))}
    for index, (title, _) in sorted(st.page_heads.items()):
        if not INDEX_PAGE.match(posixpath.basename(index)) or not (
                _KIND_TITLE.search(title.strip()) or index in st.page_announces):
            continue
        folder = posixpath.dirname(index)
        pages = sorted(p for p in st.page_heads if p != index and not INDEX_PAGE.match(posixpath.basename(p))
                       and (posixpath.dirname(p) == folder  # and a sub-folder's pages, when it has no index of its own
                            or posixpath.dirname(posixpath.dirname(p)) == folder and posixpath.dirname(p) not in indexed))
        weighed = [p for p in pages if p in st.page_weighs or st.page_statements.get(p)]
        if not 2 <= len(pages) <= MAX_CHILDREN or len(weighed) * 3 < len(pages) or len(weighed) < 2 \
                or any(len(st.page_heads[p][0].split()) > 5 for p in pages):
            continue
        return index, pages
    return None


def _inside_layout(ctx: Context, st: State) -> None:
    """Choices found only on pages that are themselves alternatives of a folder's layout (`Index management
    strategies` on the Elasticsearch page of `Storage Backends`) are choices within one alternative:
    the layout is the decision, and they are reported, not used."""
    layout = _child_layout(st)
    if layout is None or not st.choices or not set(st.choices) <= set(layout[1]):
        return
    for path, choice in st.choices.items():
        names = ", ".join(o.title for o in choice.options[:4])
        note(ctx, path, choice.section.line if choice.section else 1,
             f"this page presents a choice ({names}); not used: the page is one alternative of those "
             f"{layout[0]} lays out, so its choice is one within that alternative")
    st.choices.clear()


def _child_pages(ctx: Context, st: State) -> set[str]:
    """When no page presents a choice: a folder's layout (see `_child_layout`) lays the choice out one
    page per alternative. Each page becomes an option (0.5) whose guide is itself, so what the page
    says of itself becomes its constraints; returns the pages used."""
    rec = ctx.records
    layout = _child_layout(st)
    if layout is None:
        return set()
    index, pages = layout
    taken: set[str] = set()
    for path in pages:
        name, line = st.page_heads[path]
        oid = option_ident(name)
        if oid in taken:
            continue
        taken.add(oid)
        source = Citation(path, line, name, "", 0.5, name)
        rec.options.append(Option(oid, name, "", "", (), (), (), ctx.next_order(), source))
        rec.doclinks.append(DocLink(f"{oid}/doc1", oid, name, path, None, "", source))
    note(ctx, index, 1, f"“{st.page_heads[index][0]}” lays out a choice one page per alternative: "
                        + ", ".join(st.page_heads[p][0] for p in pages))
    return set(pages)


def _linked_prerequisites(ctx: Context, st: State) -> set[str]:
    """Give pages' prerequisites to the options whose guides link there, under the conditions those
    guides apply (none when one of the links is unconditional); returns the linked pages."""
    rec = ctx.records
    whens: dict[tuple[str, str], list[ex.Expr | None]] = {}
    for d in rec.doclinks:
        if is_inferred(d):
            whens.setdefault((d.href.split("#", 1)[0], d.option), []).append(d.when)
    groups: dict[tuple[str, str], tuple[ex.Expr | None, list[str]]] = {}
    for (page, oid), conds in whens.items():
        if page not in st.page_prerequisites:
            continue
        unique = list({ex.to_text(c): c for c in conds if c is not None}.values())
        when = None if None in conds else (unique[0] if len(unique) == 1 else ex.Or(tuple(unique)))
        groups.setdefault((page, ex.to_text(when) if when else ""), (when, []))[1].append(oid)
    taken = {p.id for p in rec.prerequisites}
    for (page, _), (when, oids) in groups.items():
        for p in st.page_prerequisites[page]:
            pid, n = p.id, 2
            while pid in taken:
                pid, n = f"{p.id}-{n}", n + 1
            taken.add(pid)
            rec.prerequisites.append(replace(p, id=pid, options=tuple(oids), when=when))
    return {page for page, _ in whens}


def _read_names(rec: Records) -> set[str]:
    names: set[str] = set()
    for c in rec.constraints:
        names |= ex.names(c.expr)
    for e in [r.when for r in rec.recommendations] + [d.when for d in rec.doclinks] + [p.when for p in rec.prerequisites]:
        if e is not None:
            names |= ex.names(e)
    for o in rec.options:
        names |= set(o.variant_by)
    return names


def _singled_out_for_testing(rec: Records) -> None:
    """A purpose limit (`not intended for production`) implies its option is the one to try things out with
    only when it singles one out: when several options are kept for testing, it picks none of them."""
    implied = [r for r in rec.recommendations if is_inferred(r) and r.strength == TESTING_LIMIT
               and r.text == f'{PURPOSE} == "testing"' and pt.purpose_limit(r.source.quote or r.because)]
    if len({r.option for r in implied}) > 1:
        rec.recommendations = [r for r in rec.recommendations if all(r is not i for i in implied)]


def finish(ctx: Context) -> None:
    """Assemble the inferred decision (see the module docstring)."""
    st = state(ctx)
    rec = ctx.records
    _inside_layout(ctx, st)
    kept_pages = _keep_options(ctx, st)
    _sibling_pages(ctx, st, kept_pages)
    if not kept_pages and not rec.options:
        kept_pages = _child_pages(ctx, st)
    if not kept_pages and not any(not is_inferred(o) for o in rec.options):
        for path, line, message in st.near[:MAX_NEAR]:  # never silent: what almost presented a choice
            note(ctx, path, line, message)
    linked = _linked_prerequisites(ctx, st) if kept_pages else set()
    if kept_pages:
        attach(ctx, st.page_statements)
        attach_points(ctx, st.page_points)
    _singled_out_for_testing(rec)
    term_ids = {t.id for t in rec.terms}
    term_pages = kept_pages | linked if kept_pages else set(st.page_terms)
    for path, terms in st.page_terms.items():
        if path in term_pages:
            for t in terms:
                if t.id not in term_ids:
                    term_ids.add(t.id)
                    rec.terms.append(t)
    declared = {q.id for q in rec.questions}
    used = _read_names(rec) - declared
    chosen: dict[str, Any] = {}
    for (path, qid), q in st.questions.items():  # the decision's own page first, then any other
        if qid in used and (qid not in chosen or (path in kept_pages and chosen[qid].source.path not in kept_pages)):
            chosen[qid] = q
    rec.questions.extend(sorted(chosen.values(), key=lambda q: q.order))
