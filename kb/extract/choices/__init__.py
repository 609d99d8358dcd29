"""Where a page presents a choice: independent signals, each a named rule with a confidence, combined.

Each signal is `signal(doc, scan) -> None` and adds `Proposal`s — a set of alternatives, where they
are, how sure it is and why — to `scan.proposals`, or a near miss (what almost qualified and why
not) to `scan.near`. The signals run in the order of the `SIGNALS` Ruler:

    >>> SIGNALS.names()  # doctest: +NORMALIZE_WHITESPACE
    ['labelled_headings', 'parallel_headings', 'setting_values', 'means_headings', 'merit_headings', 'lead_list', 'linked_list',
     'bold_bullets',
     'list_table', 'linked_names', 'comparison_table', 'tab_group', 'flowchart', 'advised_heading', 'tagged_headings',
     'purpose_headings', 'supported_names', 'named_headings', 'title_names', 'choice_title']

Proposals naming the same alternatives are one candidate choice whose confidence combines them
as independent evidence (1 − Π(1 − cᵢ)); a candidate is taken when that reaches `THRESHOLD`.

    >>> combined([0.5, 0.5])
    0.75
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from fingerpost.kb.extract.choices import advised_heading as _advised_heading
from fingerpost.kb.extract.choices import bold_bullets as _bold_bullets
from fingerpost.kb.extract.choices import choice_title as _choice_title
from fingerpost.kb.extract.choices import comparison_table as _comparison_table
from fingerpost.kb.extract.choices import flowchart as _flowchart
from fingerpost.kb.extract.choices import labelled_headings as _labelled_headings
from fingerpost.kb.extract.choices import lead_list as _lead_list
from fingerpost.kb.extract.choices import linked_list as _linked_list
from fingerpost.kb.extract.choices import linked_names as _linked_names
from fingerpost.kb.extract.choices import list_table as _list_table
from fingerpost.kb.extract.choices import means_headings as _means_headings
from fingerpost.kb.extract.choices import merit_headings as _merit_headings
from fingerpost.kb.extract.choices import named_headings as _named_headings
from fingerpost.kb.extract.choices import parallel_headings as _parallel_headings
from fingerpost.kb.extract.choices import purpose_headings as _purpose_headings
from fingerpost.kb.extract.choices import setting_values as _setting_values
from fingerpost.kb.extract.choices import supported_names as _supported_names
from fingerpost.kb.extract.choices import tab_group as _tab_group
from fingerpost.kb.extract.choices import tagged_headings as _tagged_headings
from fingerpost.kb.extract.choices import title_names as _title_names
from fingerpost.kb.extract.choices.scan import Item, Near, Proposal, Scan
from fingerpost.kb.extract.ruler import Ruler
from fingerpost.kb.extract.words import content_stems, sentences, tokens
from fingerpost.kb.records import Document

__all__ = ["Item", "Proposal", "Near", "Scan", "Signal", "SIGNALS", "THRESHOLD", "combined", "scan_page", "Found"]

THRESHOLD = 0.55
"""Combined confidence from which a candidate choice is taken (a lone weak signal is a near miss)."""
REFERENCE_HEADINGS, REFERENCE_THRESHOLD = 30, 0.75
"""A page with more headings than this is a reference: a choice there needs a surer signal, or two kinds of
signal agreeing on it (a sentence announcing the alternatives and a heading for each)."""


Signal = Callable[[Document, Scan], None]
SIGNALS: Ruler[Signal] = Ruler("choice")
"""The signals that find choices on a page."""


def _words(title: str, memo: dict[str, frozenset[str]]) -> frozenset[str]:
    words = memo.get(title)
    if words is None:
        words = memo[title] = frozenset(content_stems(_TAG.sub("", title)))
    return words


_TAG = re.compile(r"\s*\(\s*(?:default|recommended|preferred|suggested|advanced|alternative|optional|experimental|legacy|"
                  r"deprecated|beta|alpha|manual|unsupported|unofficial|community)\s*\)\s*$", re.I)
"""A tag after a name (`cookie (default)`): what the docs say of the alternative, not part of its name."""


def agree(p: Proposal, q: Proposal, memo: dict[str, frozenset[str]] | None = None) -> bool:
    """Whether two proposals name the same alternatives: most of the smaller set's names are, or are
    part of, names of the other (`Standalone` column, `Standalone server` heading)."""
    small, large = (p.items, q.items) if len(p.items) <= len(q.items) else (q.items, p.items)
    if len(large) > 2 * len(small) + 1:
        return False
    memo = {} if memo is None else memo
    others = [_words(j.title, memo) for j in large]
    hits = 0
    for i in small:
        x = _words(i.title, memo)
        hits += bool(x) and any(y and (x <= y or y <= x) for y in others)
    return hits * 3 >= 2 * len(small) and hits >= 2


def _described(p: Proposal) -> int:
    """How many of a proposal's alternatives come with text of their own (a section, an item's text):
    of proposals as sure, the one that says most about each presents them (labels over table columns)."""
    return sum(1 for i in p.items if i.section is not None or i.text)


def _presenting(props: list[Proposal]) -> Proposal:
    """The proposal whose presentation a choice takes: the surest — but headings named as the columns of
    a surer table (or of a list of bare names) present the same alternatives with a section each, where the
    table says nothing of each but its name, so they are taken. A flowchart's end nodes name the alternatives
    in short (`Docker Podman`); written alternatives that agree with them present them."""
    lead = max(props, key=lambda p: (p.how != "support", p.how != "flowchart", p.confidence, _described(p),
                                     p.section is not None))
    named = [p for p in props if p.signal == _named_headings.SIGNAL and len(p.items) == len(lead.items)]
    said = any(i.section is not None or (i.text and i.text.strip().rstrip(".") != i.title) for i in lead.items)
    if said and named and lead.how == "list" and all(i.section is None for i in lead.items):
        # a list saying what each is for, a heading for each: the headings present them, and what the list says of
        # each (`- [PostgreSQL](#postgresql) - Recommended for single-region deployments`) stays with it
        return replace(named[0], items=[replace(h, span=i.span, text=i.text)
                                        for i, h in zip(lead.items, named[0].items, strict=True)])
    if said:
        return lead
    sectioned = [p for p in props if p.how != "list" and len(p.items) == len(lead.items)
                 and all(i.section is not None for i in p.items)]
    if not named and lead.how == "list" and sectioned:
        return max(sectioned, key=lambda p: p.confidence)  # bare names (`cookie (default)`, `redis`) whose headings
        # (`Cookie Storage`, `Redis Storage`) say what each is: the headings present them
    if not named:
        return lead
    if lead.how != "list":
        return named[0]
    # a list of bare names (links to the headings): the headings' sections, under the names and lines of the list
    # (`Command-line arguments` for `## Arguments`), the names in the list's order being the headings' order
    items = [replace(h, title=i.title, line=i.line) for i, h in zip(lead.items, named[0].items, strict=True)]
    return replace(named[0], items=items)


def _completed(lead: Proposal, props: list[Proposal]) -> Proposal:
    """Alternatives presented with a section each for some, and all of them as the columns of a comparison table
    (`Docker executor` … `Kubernetes executor`; the table's `Docker` … `Shell`, `SSH`, `Custom`): the ones only the
    table names are alternatives too, presented by their column."""
    if lead.how != "headings":
        return lead
    common = set.intersection(*(set(content_stems(i.title)) for i in lead.items)) if len(lead.items) > 1 else set()
    own = [frozenset(content_stems(i.title)) - common for i in lead.items]
    for p in props:
        if p.signal != "comparison_table" or len(p.items) <= len(lead.items):
            continue
        names = [frozenset(content_stems(i.title)) - common for i in p.items]
        if not all(o in names for o in own):
            continue
        extra = [i for i, n in zip(p.items, names, strict=True) if n and n not in own]
        return replace(lead, items=[*lead.items, *extra]) if extra else lead
    return lead


_BY_DEFAULT = re.compile(r"\bby default\b|\bdefaults? to\b|\bis the default\b", re.I)


def _with_default(doc: Document, lead: Proposal) -> Proposal:
    """Alternatives each with a heading, under an opening that says what is used by default and names it
    (`By default, release information is stored in Secrets.` over `ConfigMap storage backend`, `SQL storage
    backend`): the default is one more alternative, presented by that sentence — when the opening speaks of
    the alternatives' kind (`… how to configure different backends`) and names one thing no heading does."""
    if lead.how != "headings" or lead.section is None or len(lead.items) < 2:
        return lead
    first = min(i.line for i in lead.items)
    intro = [p for p in doc.paragraphs if p.section == lead.section.anchor and p.line < first and p.kind == "paragraph"]
    kind = set.intersection(*(set(content_stems(i.title)) for i in lead.items))
    if not intro or not kind or not kind & set(content_stems(" ".join(p.text for p in intro))):
        return lead
    known = {w for i in lead.items for w in content_stems(i.title)} | set(content_stems(doc.title)) \
        | set(content_stems(lead.section.title))
    for p in intro:
        for _, sentence in sentences(p.text):
            if not _BY_DEFAULT.search(sentence):
                continue
            names = {w.strip(".,;:()`*") for w in sentence.split()[1:] if w[:1].isupper() or w[:1] in "`*"}
            names = {n for n in names if n and not set(content_stems(n)) & known}
            if len(names) == 1:
                name = names.pop()
                return replace(lead, items=[Item(name, p.line, None, (p.line, p.line), sentence), *lead.items])
    return lead


def combined(confidences: list[float]) -> float:
    """Independent evidence: 1 − Π(1 − c)."""
    miss = 1.0
    for c in confidences:
        miss *= 1 - c
    return round(1 - miss, 3)


@dataclass(slots=True)
class Found:
    """A candidate choice: the proposals that agree on its alternatives."""

    lead: Proposal
    """The proposal whose presentation is used (the surest)."""
    support: list[Proposal]
    """Every proposal naming the same alternatives (the lead included)."""
    confidence: float
    """Their combined confidence."""


NESTED = 0.65
"""From this confidence, alternatives that each hold a small choice are one decision of two levels, not chapters."""


def _chapters(f: Found, found: list[Found], title: str) -> bool:
    """Whether most of a candidate's alternatives are sections that each hold another candidate's
    choice (`Kubernetes architecture` holding `Multi-zone` / `Single-zone`): chapters of the page."""
    sections = [i.section for i in f.lead.items if i.section is not None]
    if len(sections) < 2 or len(sections) < len(f.lead.items):
        return False
    inner = [g for g in found if g is not f and g.lead.section is not None]
    held = [[g for g in inner if s.line <= g.lead.section.line <= s.end_line] for s in sections]
    holding = sum(1 for h in held if h)
    shared = set.intersection(*(set(content_stems(s.title)) for s in sections))
    if f.confidence >= NESTED and all(len(h) == 1 and len(h[0].lead.items) <= 6 for h in held) \
            and not shared & set(content_stems(title)):
        return False  # a sure choice whose every alternative comes in a few kinds: one decision, two levels
        # (`Single-region`, `Multi-region` — not `Storage architecture`, `Query architecture` of `Architecture`)
    return holding >= 2 and holding * 2 >= len(sections)


def scan_page(doc: Document, disable: tuple[str, ...] = ()) -> tuple[list[Found], list[Near]]:
    """Run the signals over a page; the candidate choices, surest first, and the near misses."""
    scan = Scan(doc)
    for _, signal in SIGNALS.active(disable):
        signal(doc, scan)
    groups: list[list[Proposal]] = []
    memo: dict[str, frozenset[str]] = {}
    for p in scan.proposals:
        home = next((g for g in groups if agree(g[0], p, memo)), None)
        if home is None:
            groups.append([p])
        else:
            home.append(p)
    found = []
    for props in groups:
        # one signal counts once per set of alternatives: its surest proposal
        best: dict[str, float] = {}
        for p in props:
            best[p.signal] = max(best.get(p.signal, 0.0), p.confidence)
        lead = _with_default(doc, _completed(_presenting(props), props))
        found.append(Found(lead, props, combined(list(best.values()))))
    found.sort(key=lambda f: (-f.confidence, f.lead.section is None, f.lead.items[0].line))
    near = list(scan.near)
    for f in [f for f in found if _chapters(f, found, doc.title)]:
        found.remove(f)
        names = ", ".join(i.title for i in f.lead.items[:4])
        near.append(Near(f.lead.items[0].line, f"{names} ({f.lead.why})",
                         "most of them hold a choice of their own: they are the page's chapters, not alternatives"))
    for f in [f for f in found if _joined_in_title(f)]:
        found.remove(f)
        near.append(Near(f.lead.items[0].line, " / ".join(i.title for i in f.lead.items),
                         f"the title above them joins them with `and` (“{f.lead.section.title}”): parts of one thing, "
                         "not alternatives"))
    for f in [f for f in found if _condition_branches([i.title for i in f.lead.items])]:
        found.remove(f)
        near.append(Near(f.lead.items[0].line, " / ".join(i.title for i in f.lead.items),
                         "they differ only in having something or not (`with` / `without`): branches on the reader's "
                         "setup, not alternatives to choose"))
    for f in [f for f in found if _compared_features(doc, f, found)]:
        found.remove(f)
        near.append(Near(f.lead.items[0].line, " / ".join(i.title for i in f.lead.items),
                         "they are the features a comparison table on the page weighs the alternatives by, not "
                         "alternatives"))
    reference = len(doc.sections) > REFERENCE_HEADINGS

    def need(f: Found) -> float:  # a reference page needs a surer signal, or two kinds of signal agreeing
        return REFERENCE_THRESHOLD if reference and len({p.signal for p in f.support}) < 2 else THRESHOLD

    for f in found:
        if f.confidence < need(f):
            names = ", ".join(i.title for i in f.lead.items[:4])
            near.append(Near(f.lead.items[0].line, f"{names} ({f.lead.why})",
                             f"confidence {f.confidence:.2f} is below {need(f)} with no other signal agreeing"))
    return [f for f in found if f.confidence >= need(f)], near


_AND = re.compile(r"\s(?:and|&)\s", re.I)


def _joined_in_title(f: Found) -> bool:
    """Whether the section presenting the alternatives joins them by `and` in its title (`Limits & gates` over
    `Remote write request limits` and `… gates`): both are had, neither chosen."""
    sec = f.lead.section
    if sec is None or sec.level < 2 or f.lead.how != "headings" or len(f.lead.items) != 2 \
            or not _AND.search(f" {sec.title} ") or _JOINED_OR.search(f" {sec.title} "):
        return False
    title = content_stems(re.sub(r"\([^)]*\)", " ", sec.title))  # `Limits & gates (experimental)`
    words = [set(content_stems(i.title)) for i in f.lead.items]
    own = [w - words[1 - k] for k, w in enumerate(words)]
    # `Limits & gates` ends with the second one's own word; `Sidecar and ambient modes` names their kind after them
    return bool(title) and all(o and o & set(title) for o in own) and title[-1] in own[1]


_JOINED_OR = re.compile(r"\s(?:or|vs\.?|versus)\s", re.I)
_CONDITIONAL = re.compile(r"^(?:when|if|for|on)\b", re.I)
"""Titles that say under which setup what follows holds (`When using clusters with RBAC enabled`)."""
_HAVING = {"with": "", "without": "", "enabled": "", "disabled": "", "no": "", "non": ""}


_MARKUP = re.compile(r"\{ref\}|`|\*\*|<[^>]+>|\[|\]\([^)]*\)")


def _compared_features(doc: Document, f: Found, found: list[Found]) -> bool:
    """Headings that are row labels of a table another found choice compares its alternatives in (`Optimized image
    storage` under a `Feature | Directory | Btrfs | …` table): what the alternatives are weighed by."""
    if f.lead.how != "headings" or not any(g is not f and g.lead.signal == "comparison_table" for g in found):
        return False
    labels = [set(content_stems(_MARKUP.sub(" ", row[0].text).replace("-", " "))) for t in doc.tables for row in t.rows if row]
    titles = [set(content_stems(i.title.replace("-", " "))) for i in f.lead.items]
    return bool(titles) and all(t and any(t <= lab or lab and lab <= t for lab in labels) for t in titles)


def _condition_branches(titles: list[str]) -> bool:
    """Two titles saying under which setup what follows holds, the same but for having a thing or not (`When using
    clusters with RBAC enabled` / `… without RBAC enabled`) — not `Multus` / `Without Multus`, a choice.

    >>> _condition_branches(["When using clusters without RBAC enabled", "When using clusters with RBAC enabled"])
    True
    >>> _condition_branches(["Multus", "Without multus"])
    False
    """
    if len(titles) != 2 or not all(_CONDITIONAL.match(t) for t in titles):
        return False
    words = [tokens(t) for t in titles]
    if words[0] == words[1]:
        return False
    bare = [[w for w in ws if w not in _HAVING] for ws in words]
    return bare[0] == bare[1] and bool(bare[0])


SIGNALS.push("labelled_headings", _labelled_headings.signal)
SIGNALS.push("parallel_headings", _parallel_headings.signal)
SIGNALS.push("setting_values", _setting_values.signal)
SIGNALS.push("means_headings", _means_headings.signal)
SIGNALS.push("merit_headings", _merit_headings.signal)
SIGNALS.push("lead_list", _lead_list.signal)
SIGNALS.push(_linked_list.SIGNAL, _linked_list.signal)
SIGNALS.push("bold_bullets", _bold_bullets.signal)
SIGNALS.push("list_table", _list_table.signal)
SIGNALS.push("linked_names", _linked_names.signal)
SIGNALS.push("comparison_table", _comparison_table.signal)
SIGNALS.push("tab_group", _tab_group.signal)
SIGNALS.push("flowchart", _flowchart.signal)
SIGNALS.push("advised_heading", _advised_heading.signal)
SIGNALS.push("tagged_headings", _tagged_headings.signal)
SIGNALS.push("purpose_headings", _purpose_headings.signal)
SIGNALS.push(_supported_names.SIGNAL, _supported_names.signal)
SIGNALS.push(_named_headings.SIGNAL, _named_headings.signal)
SIGNALS.push("title_names", _title_names.signal)
SIGNALS.push("choice_title", _choice_title.signal)
