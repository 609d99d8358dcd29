"""Extraction: ordered, named rules that turn Documents into Records.

Each rule is `rule(doc, ctx) -> None` and adds records to `ctx.records`. Rules run in the
order of the `RULES` Ruler (kb.extract.ruler); it can be reordered, extended or switched off like
markdown-it's (`RULES.before`, `RULES.after`, `RULES.disable`):

    >>> names()
    ['annotations', 'structure', 'sentences', 'tradeoffs', 'prerequisites', 'terms', 'linked']

Rules see one page at a time (`extract_page`), with only the titles of the other pages: what
they find on a page depends on that page, its resolved links and those titles, so a build can
run them in parallel and cache them per page. `merge` then joins the pages' fragments in page
order — numbering records as if one context had seen every page — and the *finishers* run
once over the whole knowledge base (`assemble` merges what inference found and lets
annotations override it).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from fingerpost.kb.extract import assemble as _assemble
from fingerpost.kb.extract import authored as _authored
from fingerpost.kb.extract import linked as _linked
from fingerpost.kb.extract import prereqs as _prereqs
from fingerpost.kb.extract import sentences as _sentences
from fingerpost.kb.extract import structure as _structure
from fingerpost.kb.extract import terms as _terms
from fingerpost.kb.extract import tradeoffs as _tradeoffs
from fingerpost.kb.extract.context import Context, cite
from fingerpost.kb.extract.ruler import Ruler
from fingerpost.kb.records import Document, Records

__all__ = ["Context", "Fragment", "Rule", "RULES", "FINISHERS", "Ruler", "register", "register_finish", "names",
           "extract", "extract_page", "merge", "cite"]


Rule = Callable[[Document, Context], None]
RULES: Ruler[Rule] = Ruler("page")
"""The page rules."""
Finisher = Callable[[Context], None]
FINISHERS: Ruler[Finisher] = Ruler("finish")
"""Steps that run once over the whole knowledge base."""


def register(name: str, rule: Rule, *, before: str | None = None, after: str | None = None) -> None:
    """Add a rule, optionally before or after a named one."""
    names_now = RULES.names()
    if before is not None and before in names_now and before != name:
        RULES.before(before, name, rule)
    elif after is not None and after in names_now and after != name:
        RULES.after(after, name, rule)
    else:
        RULES.push(name, rule)


def register_finish(name: str, finisher: Finisher) -> None:
    """Add (or replace) a step that runs once after every page was extracted."""
    FINISHERS.push(name, finisher)


def names() -> list[str]:
    return RULES.names()


@dataclass(slots=True)
class Fragment:
    """What the rules found on one page, numbered as if it were the only page."""

    path: str
    """The page."""
    records: Records
    """Its records, with orders from 1 and per-option numbers from 1."""
    notes: dict[str, Any]
    """The rules' notes about it (see `Context.notes`)."""
    orders: int
    """How many order numbers the page used."""


NUMBERED = ("constraints", "recommendations", "tradeoffs", "doclinks")
"""Record lists whose ids end in a number counted per option (`k8s-ha/rec2`)."""
_ORDERED = ("questions", "options")
_TRAILING_NUMBER = re.compile(r"^(.*?)(\d+)$")


def extract_page(doc: Document, titles: Mapping[str, str] | None = None, disable: Iterable[str] = ()) -> Fragment:
    """Run every enabled rule over one page whose links are resolved."""
    ctx = Context(titles=titles if titles is not None else {doc.path: doc.title})
    for name, rule in RULES.active(disable):
        try:
            rule(doc, ctx)
        except Exception as exc:  # noqa: BLE001 — one rule that trips on a page costs that rule's findings, not the build
            ctx.problem(doc.path, 1, "warning", "rule-failed",
                        f"the `{name}` rule could not read this page ({type(exc).__name__}: {exc}), so what it "
                        f"would find here is missing; the rest of the page was read — please report this page")
    return Fragment(doc.path, ctx.records, ctx.notes, ctx.order)


def merge(fragments: Iterable[Fragment], inbound: Mapping[str, int] | None = None,
          disable: Iterable[str] = ()) -> Records:
    """Join pages' fragments in page order, then run the finishers over the whole.

    Orders continue from page to page and numbered ids count on from the earlier pages'
    records about the same option, so the result is what one pass over every page would give.
    """
    ctx = Context(inbound=inbound or {})
    counted: dict[str, dict[str, int]] = {kind: {} for kind in NUMBERED}
    for fragment in fragments:
        _append(ctx, fragment, counted)
    for _, finisher in FINISHERS.active(disable):
        finisher(ctx)
    return ctx.records


def _append(ctx: Context, fragment: Fragment, counted: dict[str, dict[str, int]]) -> None:
    offset = ctx.order
    for f in fields(Records):
        items = getattr(fragment.records, f.name)
        if not items:
            continue
        if f.name in _ORDERED and offset:
            items = [replace(r, order=r.order + offset) for r in items]
        elif f.name in NUMBERED:
            items = _renumber(items, counted[f.name])
        getattr(ctx.records, f.name).extend(items)
    for name, note in fragment.notes.items():
        if name not in ctx.notes:
            ctx.notes[name] = type(note)()
        ctx.notes[name].absorb(note, offset)
    ctx.order += fragment.orders


def _renumber(items: list[Any], counted: dict[str, int]) -> list[Any]:
    """Shift each id's trailing number by how many records earlier pages had about the same option."""
    out = []
    for r in items:
        shift = counted.get(r.option, 0)
        m = _TRAILING_NUMBER.match(r.id) if shift else None
        out.append(replace(r, id=f"{m.group(1)}{int(m.group(2)) + shift}") if m else r)
    for r in items:
        counted[r.option] = counted.get(r.option, 0) + 1
    return out


def extract(documents: Iterable[Document], disable: Iterable[str] = ()) -> Records:
    """Run every enabled rule over every document (links resolved), then the finishers."""
    docs = list(documents)
    titles = {d.path: d.title for d in docs}
    inbound = Counter(target for d in docs for target in {link.resolved for link in d.links  # pages linking in
                                                           if link.kind in ("page", "anchor") and link.resolved != d.path})
    return merge([extract_page(d, titles, disable) for d in docs], inbound, disable)


register("annotations", _authored.extract)
register("structure", _structure.extract, after="annotations")
register("sentences", _sentences.extract, after="structure")
register("tradeoffs", _tradeoffs.extract, after="sentences")
register("prerequisites", _prereqs.extract, after="tradeoffs")
register("terms", _terms.extract, after="prerequisites")
register("linked", _linked.extract, after="terms")
register_finish("assemble", _assemble.finish)
