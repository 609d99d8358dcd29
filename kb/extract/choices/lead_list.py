"""Signal `lead_list`: a sentence that announces alternatives, then the list, the bold-lead items or the
sub-headings that present them.

`… can run in one of three layouts:`, `… comes in two flavours`, `choose between …`, `the following
options` — then, before anything else in the section, a list whose items each open with a name (a
bold lead, the words before `:` or ` – `, or a short item): 0.7; or the section's sub-headings: 0.65; or a
table whose header cells after the first are short names: 0.5.
An announcing sentence followed by items that name nothing is a near miss.
"""

from __future__ import annotations

import re
from typing import Any

from fingerpost.kb.extract.choices.cues import (
    ANNOUNCE,
    ASIDE,
    CODEISH,
    CUE,
    EXCLUSIVE,
    PROCEDURE,
    SETTINGS,
    aside,
    name_of,
    parallel,
    weighs,
)
from fingerpost.kb.extract.choices.scan import Item, Proposal, Scan
from fingerpost.kb.extract.words import content_stems, sentences
from fingerpost.kb.records import Document

_KEYS = ("one of", "either", "exclusive", "only one", "choose", "pick", "select", "comes in", "come in", "ways", "option", "method", "mode",
         "type", "kind", "approach", "layout", "flavo", "variant", "edition", "choice", "configuration", "architect",
         "topolog", "strateg", "model", "setup", "deployment", "backend", "provider", "alternative", "categor", "class",
         "famil", "tier", "platform", "distribution", "operating system")
"""Words ANNOUNCE needs one of: a fast test before the pattern."""
LIST = 0.7
HEADINGS = 0.65
TITLED = 0.1
"""More when the headings a list points to sit under a title that announces them (`Provisioning methods`)."""
TABLE = 0.5
"""A table after the sentence: its columns may be the alternatives or criteria, so a second signal must agree."""
COUNTED = 0.35
"""`There are several supported drivers:` then a list: a sentence that counts things of any kind says less than
one that announces ways or options (`several prerequisites:` counts too), so another signal must agree."""
_COUNTED = re.compile(r"\b(?:two|three|four|five|six|several|multiple|a few|various|different)\s+(?:[\w-]+\s+){0,2}"
                      r"[\w-]+s\b[^:.;]*:$", re.I)
NAMED = "a sentence naming the alternatives, then a sub-heading for each"
"""Why a choice is proposed whose sentence names each alternative (`two types: multi-tenant and core`):
one of them may hold a choice of its own (kb.extract.structure flattens it)."""


def announcing(text: str) -> str:
    """The sentence announcing alternatives — not one that speaks of settings (`configure the options
    in one of two ways` is about where settings are written, not a choice between alternatives — unless the
    ways are mutually exclusive: then where settings are written is itself the choice)."""
    low = text.lower()
    if not any(k in low for k in _KEYS) or not ANNOUNCE.search(text):  # most paragraphs: no sentence splitting
        return ""
    for _, s in sentences(text):
        m = ANNOUNCE.search(s)
        if m and not s.rstrip().endswith("?"):
            after = _ONE_OF.sub(" ", s[m.end():], count=1)  # `Choose one| of the installation configuration options`
            rest = _SET_UP.sub(" ", s[:m.start()] + " " + after)  # `setting up X` speaks of no settings
            if EXCLUSIVE.search(s) or not any(w in SETTINGS for w in content_stems(rest)):
                return s
    return ""


_ONE_OF = re.compile(r"^\s*of (?:the |these |those )?(?:[\w-]+ ){0,2}(?:options|ways|methods|modes|types|kinds|"
                     r"configurations|setups)\b", re.I)
_SET_UP = re.compile(r"\bset(?:ting|s)?\s+up\b", re.I)
_BACK = re.compile(r"th(?:ese|ose)\b", re.I)
_NAMES = re.compile(r":\s*(?P<names>[^:]+?)\s*[.]?$|\b(?:either|between|from among|among)\s+(?P<named>[^:;]+?)\s*[.]?$|"
                    r"\b(?:two|three|four|five|2|3|4|5)\s+(?:[\w-]+\s+){0,2}?[\w-]+s,\s+(?P<listed>[^:;,]+(?:,\s*[^:;,]+)*"
                    r"\s+(?:and|or)\s+[^:;,]+?)\s*[.]?$", re.I)
"""Where a sentence names what it announces: after its colon, after `either`/`between`, or after the counted
noun and a comma (`bundled with two built-in providers, Kube-router and Calico`)."""


def _listed(m: re.Match[str]) -> str:
    return m.group("names") or m.group("named") or m.group("listed")
_ARTICLE = re.compile(r"^(?:the|an?)\s+", re.I)
_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


def _named_kids(said: str, kids: list[Any]) -> list[Any]:
    """`Argo CD has two types of installations: multi-tenant and core.`, `you can use either the CLI or
    Helm` — the sub-headings the announcing sentence names after its colon (or after `either`,
    `between`), when it names two or more and each has one."""
    m = _NAMES.search(said)
    if m is None:
        return []
    names = [set(content_stems(_ARTICLE.sub("", n.strip()))) for n in _SPLIT.split(_listed(m))
             if n.strip() and len(n.split()) <= 4]
    if len(names) < 2 or not all(names):
        return []
    titles = [set(content_stems(k.title)) for k in kids]
    common = {w for t in titles for w in t if sum(w in u for u in titles) > 1}  # `install` in every title
    picked = []
    for n in names:
        hit = [k for k, t in zip(kids, titles, strict=True) if t and (n <= t or t <= n)]
        if not hit:  # `YAML manifest` for `Install Kyverno using YAMLs`: the one title with its own word
            hit = [k for k, t in zip(kids, titles, strict=True) if (n - common) & t]
        if len(hit) != 1 or hit[0] in picked:
            return []
        picked.append(hit[0])
    return sorted(picked, key=lambda k: k.line)


def linked_headings(doc: Document, scan: Scan, p: Any, items: list[Item]) -> list[Item]:
    """`For a production installation, see [High Availability](#high-availability-installation) below`: items
    that each link to a different sub-heading of the section the sentence is in — those headings ([] if not)."""
    here = scan.scope(scan.section(p.section)) if p.section else {s.anchor for s in doc.sections}
    by_anchor = {sec.anchor: sec for sec in doc.sections if sec.level and sec.anchor in here and sec.anchor != p.section}
    out: list[Item] = []
    for it in items:
        first, last = it.span if it.span != (0, 0) else (it.line, it.line)
        targets = {lk.anchor for lk in doc.links if first <= lk.line <= last and lk.kind == "anchor"
                   and lk.resolved in ("", doc.path) and lk.anchor in by_anchor}
        if len(targets) != 1:
            return []
        sec = by_anchor[next(iter(targets))]
        if any(o.section is sec for o in out):
            return []
        out.append(Item(sec.title, sec.line, sec))
    return out if 2 <= len(out) <= 8 else []


def _named_as(items: list[Item], headings: list[Item]) -> bool:
    """Whether each item names the heading it points to (`[Static credentials](#static-credentials)`), so that the
    headings named like the list corroborate it (kb.extract.choices.named_headings)."""
    for it, h in zip(items, headings, strict=True):
        said, title = set(content_stems(it.title)), set(content_stems(h.title))
        if not said or not title or not (said <= title or title <= said):
            return False
    return True


def _heading_named(text: str, headings: set[str]) -> str:
    """An item that is only the title of a heading on the page (a link to it, `IAM Roles for Service Accounts`):
    its name, however long."""
    whole = text.strip().rstrip(".")
    return whole if whole.lower() in headings else ""


_HOW_MANY = re.compile(r"\b(?P<n>two|three|four|five|2|3|4|5)\s+(?:[\w-]+\s+){0,2}?(?:types?|kinds?|modes?|ways?|"
                       r"options?|methods?|flavou?rs?|variants?|backends?|drivers?|providers?|plugins?|strateg(?:y|ies)|models?|"
                       r"topolog(?:y|ies)|approaches|architectures?)\b", re.I)
_N = {"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5}


_PLATFORMS = re.compile(r"\b(?:platforms|distributions|operating systems)\b", re.I)
"""What a sentence may announce more of than other alternatives: the platforms something is packaged for."""


def _counts(said: str) -> int:
    """How many alternatives a sentence says there are (`in one of three ways`: 3), 0 when it does not count them."""
    m = _HOW_MANY.search(said) or _ONE_OF_N.search(said)
    return _N[m.group("n").lower()] if m else 0


_ONE_OF_N = re.compile(r"\bone of (?:the )?(?P<n>two|three|four|five)\b", re.I)

INLINE, INLINE_WEIGHED = 0.4, 0.5
"""A sentence counting the alternatives and naming as many inline (`supports two types of encapsulation: VXLAN
and IP in IP`), each spoken of again in the section; the more when what is said of each weighs it. Kinds named
so may also be used together (`two kinds of storage: primary and archive`): alone it is not enough, a title
announcing the kind (`Encapsulation types`) must agree."""
SPOKEN = "a sentence counting and naming the alternatives inline, each spoken of again"


def _spoken_of(doc: Document, scan: Scan, p: Any, said: str) -> tuple[float, list[Item]] | None:
    """(confidence, items) for alternatives a counting sentence names inline, with no list or heading of their
    own, when each is spoken of again in the section (and its sub-sections) outside that sentence."""
    count = _HOW_MANY.search(said)
    m = _NAMES.search(said)
    if count is None or m is None:
        return None
    names = [_ARTICLE.sub("", n.strip()) for n in _SPLIT.split(_listed(m)) if n.strip()]
    if len(names) != _N[count.group("n").lower()] or any(len(n.split()) > 4 or aside(n, said) or CODEISH.search(n)
                                                         for n in names):
        return None
    scope = scan.scope(scan.section(p.section)) if p.section else {s.anchor for s in doc.sections}
    items = []
    for name in names:
        want = set(content_stems(name))
        spoken = [(p2.line, s) for p2 in doc.paragraphs if p2.section in scope
                  for _, s in sentences(p2.text) if s.strip() != said.strip() and want and want <= set(content_stems(s))]
        if not spoken:
            return None
        items.append(Item(name, p.line, None, (spoken[0][0], spoken[-1][0]), " ".join(s for _, s in spoken)))
    return (INLINE_WEIGHED if all(weighs(i.text) for i in items) else INLINE), items


_BETTER = re.compile(r"\b(?:better|worse|faster|slower|preferred)\b", re.I)
"""Comparing words that weigh an alternative against another, beside the weighing words of `weighs`."""


def _weighed_one_by_one(text: str, kids: list[Any]) -> int:
    """How many of the sub-headings a paragraph weighs each in a sentence of its own that names no other
    (`… the KVM platform will provide the best performance. The systrap platform is a better choice when …`) —
    not a sentence naming several at once (`only supports Blue-Green and Canary`)."""
    titles = [set(content_stems(k.title)) for k in kids]
    weighed = set()
    for _, s in sentences(text):
        said = set(content_stems(s))
        named = [n for n, t in enumerate(titles) if t and t <= said]
        if len(named) == 1 and (weighs(s) or _BETTER.search(s)):
            weighed.add(named[0])
    return len(weighed)


def signal(doc: Document, scan: Scan) -> None:
    lists = scan.lists()
    by_start = {items[0][0].line: items for items in lists}
    paragraphs = doc.paragraphs
    tables: dict[str, list[Any]] = {}
    for t in doc.tables:
        tables.setdefault(t.section, []).append(t)
    for i, p in enumerate(paragraphs):
        if p.kind not in ("paragraph", "admonition", "quote"):
            continue
        nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        before_list = nxt is not None and nxt.kind == "item" and nxt.section == p.section and nxt.line in by_start
        last = nxt is None or nxt.section != p.section  # the paragraph just before the sub-headings (`… are provided:`)
        table = next((t for t in tables.get(p.section, ()) if p.line < t.line and (nxt is None or t.line < nxt.line)),
                     None)  # a table right after it
        if not before_list and table is None and (scan.first_paragraph(p.section) is not p and not last
                                                  or len(scan.children.get(p.section, ())) < 2):
            # announces nothing that follows — but it may name them itself (`two types of encapsulation: VXLAN and
            # IP in IP`), each spoken of again
            said = announcing(p.text) if _HOW_MANY.search(p.text) else ""
            inline = _spoken_of(doc, scan, p, said) if said else None
            if inline:
                sec = scan.section(p.section)
                scan.propose(Proposal("lead_list", sec if sec.level else None, inline[1], inline[0], SPOKEN, "list"))
            continue
        said = announcing(p.text)
        weak = not said and before_list and bool(_COUNTED.search(p.text.strip()))
        if weak:
            said = p.text.strip()
        if not said:
            continue
        if table is not None and not weak:
            heads = [c.text.strip() for c in table.header[1:]]
            if 2 <= len(heads) <= 8 and all(h and len(h.split()) <= 5 and not CODEISH.search(h) and not aside(h, said)
                                            for h in heads):
                scan.propose(Proposal("lead_list", scan.section(p.section) if p.section else None,
                                      [Item(h, table.line) for h in heads], TABLE,
                                      "a sentence announcing alternatives, then a table whose columns name them", "table"))
                continue
        if last and not before_list and not p.text.rstrip().endswith(":") and (
                not p.text.rstrip().endswith(said.rstrip()) or _BACK.match(ANNOUNCE.search(said).group(0))):
            last = False  # its last sentence introduces what follows, and not by pointing back (`These options …`)
        if not before_list and scan.first_paragraph(p.section) is not p and not last:
            continue
        if before_list:
            items = by_start[nxt.line]
            headings = {sec.title.strip().lower() for sec in doc.sections if sec.level}
            named = [Item(name_of(first.text, first.lead) or _heading_named(first.text, headings), it.line, None, it.span,
                          it.text) for first, it in items]
            good = [it for it in named if it.title and not aside(it.title, said)]
            linked = linked_headings(doc, scan, p, [it for _, it in items]) if not weak else []
            if linked and len(linked) == len(named) and not _named_as(named, linked):
                # `- Using [letsencrypt](#lets-encrypt-recommended)`: each item points to its heading, which names it
                above = scan.section(linked[0].section.parent) if linked[0].section.parent else None
                titled = above is not None and above.level and CUE.search(above.title)  # `Provisioning methods`
                scan.propose(Proposal("lead_list", scan.section(p.section) if p.section else None, linked,
                                      HEADINGS + TITLED if titled else HEADINGS,
                                      "a sentence announcing alternatives, then a list pointing to a heading for each"
                                      + (" under a title that announces them" if titled else ""),
                                      "headings"))  # as the docs do where they say what it is
            elif len(good) >= 2 and len(good) * 3 >= len(named) * 2 and len(named) <= 12:
                weighed = sum(1 for it in good if weighs(it.text)) * 2 >= len(good)
                conf = LIST if weighed or EXCLUSIVE.search(said) else LIST - 0.2  # `mutually exclusive`: a choice
                scan.propose(Proposal("lead_list", scan.section(p.section) if p.section else None, good,
                                      COUNTED if weak else conf,
                                      "a sentence counting things, then a list naming them" if weak else
                                      "a sentence announcing alternatives, then a list naming them", "list"))
            elif linked:
                scan.propose(Proposal("lead_list", scan.section(p.section) if p.section else None, linked, HEADINGS,
                                      "a sentence announcing alternatives, then a list pointing to a heading for each",
                                      "headings"))
            elif not weak:
                scan.miss(p.line, f"“{said}”", "it announces alternatives, but the list after it does not open "
                                                "each item with a name")
            continue
        sec = scan.section(p.section)
        kids = [k for k in scan.kids(sec) if not ASIDE.match(k.title)] if sec.level or p.section == "" else []
        first_here = scan.first_paragraph(p.section)
        if last:
            first_here = p  # the sentence just before the sub-headings introduces them as well as a first one
        named = _named_kids(said, kids)
        if named and first_here is p:
            scan.propose(Proposal("lead_list", sec if sec.level else None, [Item(k.title, k.line, k) for k in named],
                                  HEADINGS, NAMED))
            continue
        weighed = sum(1 for k in kids if weighs(k.text))
        alike = len(kids) >= 2 and parallel([k.title for k in kids], sec.title or doc.title)
        compared = _weighed_one_by_one(p.text, kids) >= 2  # `the KVM platform will provide the best performance.
        # The systrap platform is a better choice when …`
        if (2 <= len(kids) <= (12 if _PLATFORMS.search(said) else 8) and first_here is p
                and (alike and weighed * 2 >= len(kids) or weighed == len(kids) <= 4 or last and weighed * 3 >= len(kids) * 2
                     or compared  # the announcing paragraph weighs two or more of them, one sentence each
                     or _counts(said) == len(kids)  # `in one of three ways`, then three sub-headings
                     or bool(_PLATFORMS.search(said)))  # `available for a number of platforms`: one for each
                and sum(1 for k in kids if PROCEDURE.match(k.title)) * 2 <= len(kids)):
            scan.propose(Proposal("lead_list", sec if sec.level else None, [Item(k.title, k.line, k) for k in kids],
                                  HEADINGS, "a sentence announcing alternatives, then a sub-heading for each"))
