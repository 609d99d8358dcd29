"""Signal `parallel_headings`: sibling sub-headings that read as a set of alternatives.

- the section's title (or the page's, for a section that only names the kind of thing) announces a
  choice and two or more sub-headings are parallel (`… Install`, `Docker Install`): 0.75 (0.65 for
  the page as a whole);
- the title can only announce a choice (`Which … should I use?`) and the sub-headings name things
  that their text weighs (`only suitable`, `we recommend`, `required`): 0.6;
- the title names a kind of choice and the section's opening sentence names most of the
  sub-headings (`From a single process to a global super-cluster …`): 0.6;
- no title cue, but the sub-headings are parallel and at least half of them weigh their
  alternative: 0.45 — not enough alone; another signal (a table whose columns name them, a
  choosing title) must agree.

Steps (`1. …`, `Installing …`), questions and asides (`Prerequisites`, `Next steps`) are never
alternatives, nor are more than `MAX_ALTERNATIVES` sub-headings (a reference, not a choice).
"""

from __future__ import annotations

import re

from fingerpost.kb.extract.choices.cues import (
    ASIDE,
    CODEISH,
    CUE,
    FIT,
    PROCEDURE,
    SETTINGS,
    STRONG_CUE,
    parallel,
    weighs,
)
from fingerpost.kb.extract.choices.scan import Item, Proposal, Scan
from fingerpost.kb.extract.merits import side_label
from fingerpost.kb.extract.words import GENERIC, content_stems, stem
from fingerpost.kb.records import Document, Section

MAX_ALTERNATIVES = 30
_GENERIC_STEMS = {stem(w) for w in GENERIC}


def _settings_or_intro(title: str, around: set[str]) -> bool:
    """`… Configuration Parameters` documents settings; `Datastore options` under `Embedded datastore`
    introduces the alternatives beside it: neither is an alternative."""
    words = set(content_stems(title))
    if words & SETTINGS and not words <= SETTINGS:
        own = words - SETTINGS - _GENERIC_STEMS
        return not own or own <= around or len(words & SETTINGS) >= 1
    return False


def _built_alike(doc: Document, kept: list[Section]) -> bool:
    """Every sub-section holds a table with the same header: one profile per alternative."""
    heads = []
    for k in kept:
        tables = [t for t in doc.tables if t.section == k.anchor]
        if not tables:
            return False
        heads.append(tuple(c.text.strip().lower() for c in tables[0].header))
    return len(set(heads)) == 1


def _has_text(scan: Scan, sec: Section) -> bool:
    return bool(sec.text.strip()) or bool(scan.kids(sec))


def _named_and_weighed(kept: list[Section]) -> bool:
    if len(kept) > 8 or any(PROCEDURE.match(k.title) or re.search(r"\d", k.title) for k in kept):
        return False
    return sum(1 for k in kept if weighs(k.text)) * 2 >= len(kept)


_DETAIL_OF = re.compile(r"^(?P<topic>.+?)\s+(?:with|for|in|across|on|of|between)\s+(?P<of>.+)$", re.I)


def _not_details(kept: list[Section]) -> list[Section]:
    """Without a sub-heading that is a topic of a sibling (`DNS with multiple clusters` beside
    `Multiple clusters`): it details that alternative, it is not one more."""
    titles = {" ".join(content_stems(k.title)) for k in kept}
    out = []
    for k in kept:
        m = _DETAIL_OF.match(k.title.strip())
        if m and " ".join(content_stems(m.group("of"))) in titles - {" ".join(content_stems(k.title))}:
            continue
        out.append(k)
    return out if len(out) >= 2 else kept


def _core(kept: list[Section]) -> list[Section]:
    """The sub-headings that are alternatives: one that shares no word with the others and whose
    text names two or more of them (`Reserving nodes for PostgreSQL workloads`: "whether you run
    in a multi-zone … or a single zone …") is about all of them, not one of the set — unless its
    text keeps to its own subject (`With Leaf Nodes`: "leaf node" again and again)."""
    stems = [set(content_stems(k.title)) - _GENERIC_STEMS for k in kept]
    if len(kept) < 3:
        return kept
    core = []
    for i, k in enumerate(kept):
        others = [o for j, o in enumerate(stems) if j != i]
        if stems[i] & set().union(*others):
            core.append(k)
            continue
        common = set.intersection(*others) if others else set()
        said = content_stems(k.text)
        text = set(said)
        named = sum(1 for o in others if (o - common) and (o - common) <= text)
        own = min((said.count(w) for w in stems[i]), default=0)
        if named < 2 or own >= _OWN_TOPIC:  # `With Leaf Nodes`, saying "leaf node" throughout: one more alternative
            core.append(k)
    return core if len(core) >= 2 else kept


_OWN_TOPIC = 3
"""Times each word of a sub-heading recurs in its text from which it is an alternative of its own, even
when its text names the others (a section about all of them repeats none of its title's words so)."""


_ACTION_NOUN = re.compile(r"(?:tion|sion|ment|ance|ence|ing|cycle|flow)$")


def _facets(titles: list[str]) -> bool:
    """Headings that each name a different activity or aspect of one shared thing (`Plugin
    registration`, `Plugin communication`, `External plugin lifecycle`): facets, not alternatives —
    alternatives differ in what they are, and share the head noun (`Hosted runners`, `Local runner`)."""
    heads = [words[-1] for words in (content_stems(t) for t in titles) if words]
    if len(heads) < 2 or len(set(heads)) < len(heads):
        return False
    shared = set.intersection(*(set(content_stems(t)) for t in titles))
    acting = sum(1 for t in titles if _ACTION_NOUN.search(t.lower().rstrip(" s")))
    return bool(shared) and acting * 3 >= 2 * len(titles)


def _profiled_alike(scan: Scan, kids: list[Section]) -> list[Section]:
    """The sub-headings each holding the same headings that weigh them (`Pros`, `Cons`, `Use for`,
    `Don't use for`): one profile per alternative, whatever else sits beside them."""
    by_profile: dict[tuple[str, ...], list[Section]] = {}
    for k in kids:
        inner = tuple(sorted({g.title.strip().lower() for g in scan.kids(k)
                              if side_label(g.title) or FIT.match(g.title.strip())}))
        if len(inner) >= 2:
            by_profile.setdefault(inner, []).append(k)
    best = max(by_profile.values(), key=len, default=[])
    return best if 2 <= len(best) <= MAX_ALTERNATIVES else []


def _judge(doc: Document, scan: Scan, sec: Section) -> tuple[list[Section], float, str] | None:
    kids = scan.kids(sec)
    if len(kids) < 2 or len(kids) > MAX_ALTERNATIVES:
        return None
    title = sec.title or doc.title
    words = set(content_stems(title)) - _GENERIC_STEMS
    named_by_page = bool(CUE.search(doc.title)) and bool(words) and words <= set(content_stems(doc.title))
    cue = bool(CUE.search(title) or named_by_page)
    around = set(content_stems(title)) | set(content_stems(doc.title))
    profiled = _profiled_alike(scan, kids)
    if profiled:
        return profiled, 0.7, "sub-headings each weighed under the same headings (Pros, Cons, Use for, …)"
    kept = [k for k in kids if not ASIDE.match(k.title) and not k.title.rstrip().endswith("?")
            and not _settings_or_intro(k.title, around)]
    if sum(1 for k in kept if CODEISH.search(k.title)) * 2 > len(kept):
        return None  # `memory.limit`, `--flag`: a reference of settings
    if len(kept) < 2 or not all(_has_text(scan, k) for k in kept):
        return None
    if sum(1 for k in kept if PROCEDURE.match(k.title)) * 2 > len(kept):
        if cue:
            scan.miss(sec.line, f"“{title}”", "its sub-headings read as steps of one procedure, not alternatives")
        return None
    kept = _core(_not_details(kept))
    if _facets([k.title for k in kept]):
        if cue:
            scan.miss(sec.line, f"“{title}”", "its sub-headings name aspects of one thing (registration, "
                                               "communication, …), not alternatives")
        return None
    alike = parallel([k.title for k in kept], title)
    if cue and alike:
        return kept, 0.75 if sec.level else 0.65, "parallel sub-headings under a title that announces a choice"
    if STRONG_CUE.search(title) and _named_and_weighed(kept):
        return kept, 0.6, "sub-headings weighed under a choosing title"
    if alike and len(kept) <= 8 and _built_alike(doc, kept):
        return kept, 0.6, "parallel sub-headings, each built alike (a table of the same columns)"
    if alike and len(kept) <= 8 and _named_and_weighed(kept):
        return kept, 0.45, "parallel sub-headings, each weighing its alternative"
    if sec.level and offered(title) and len(kept) <= 8:
        return kept, 0.6, "sub-headings under a title that lists what is on offer (`Available distributions`)"
    if cue and len(kept) <= 6 and _named_by_opening(scan, sec, kept):
        return kept, 0.6, "sub-headings the section's opening sentence names, under a title naming their kind"
    most = _most_alike(kept) if cue and sec.level else []  # a section's own title, not the page's kind
    if most:
        return most, 0.6, "sub-headings sharing a word, most of those under a title that announces a choice"
    if cue:
        scan.miss(sec.line, f"“{title}”", "the title announces a choice, but its sub-headings are not parallel "
                                           "and do not weigh alternatives")
    return None


_OFFERED = re.compile(r"^(?:the\s+)?(?:available|supported|alternative|possible)\s+(?:[\w-]+\s+){0,2}(?P<kind>[\w-]+s)$", re.I)
_LISTED = {stem(w) for w in ("commands", "metrics", "endpoints", "events", "apis", "resources", "versions", "releases",
                             "languages", "formats", "functions", "methods", "types", "fields", "tags", "headers")}
"""Kinds a reference lists rather than a reader chooses among (`Supported versions`, `Available metrics`); methods and
types are cue words in their own right."""


def offered(title: str) -> bool:
    """Whether a title lists what is on offer, as a plural of a kind (`Available distributions`, `Supported storage
    backends`): what follows is the set to choose from.

    >>> offered("Available distributions"), offered("Supported versions"), offered("Available options")
    (True, False, False)
    """
    m = _OFFERED.match(title.strip())
    kind = stem(m.group("kind")) if m else ""
    return bool(kind) and kind not in SETTINGS and kind not in _LISTED


def _most_alike(kept: list[Section]) -> list[Section]:
    """Under a title that announces a choice, the sub-headings that share a word, when they are most of
    them (`One GatewayClass per Envoy Gateway Controller`, `Separate Envoy Gateway Controllers`, … beside
    `Supported Modes` and `Multi-tenancy`): the alternatives; the others are about them."""
    words = [set(content_stems(k.title)) - SETTINGS - _GENERIC_STEMS for k in kept]
    counts: dict[str, int] = {}
    for ws in words:
        for w in ws:
            counts[w] = counts.get(w, 0) + 1
    best = max(counts.items(), key=lambda kv: (kv[1], kv[0]), default=("", 0))
    picked = [k for k, ws in zip(kept, words, strict=True) if best[0] in ws]
    if len(picked) < 2 or len(kept) < 3 or len(picked) == len(kept) or len(picked) * 2 <= len(kept) or len(picked) > 8:
        return []
    return picked


def _named_by_opening(scan: Scan, sec: Section, kept: list[Section]) -> bool:
    """Whether a paragraph of the section's opening names most of its sub-headings by the words that tell each
    apart (`From a single process to a global super-cluster with leaf nodes, …` over `A single server`,
    `A cluster of servers`, `A super-cluster`, `With leaf nodes`; `It supports branch and merge strategies.`)."""
    intro = [p for p in scan.doc.paragraphs if p.section == sec.anchor and p.kind == "paragraph" and p.line < kept[0].line]
    if not intro:
        return False
    return any(_names_most(set(content_stems(p.text)), kept) for p in intro)


def _names_most(said: set[str], kept: list[Section]) -> bool:
    own = [set(content_stems(k.title)) - _GENERIC_STEMS for k in kept]
    hits = 0
    for i, words in enumerate(own):
        others = set().union(*(w for j, w in enumerate(own) if j != i))
        telling = words - others or words
        hits += bool(telling) and bool(telling & said)
    return hits >= 2 and hits * 3 >= 2 * len(kept)


def signal(doc: Document, scan: Scan) -> None:
    for sec in doc.sections:
        judged = _judge(doc, scan, sec)
        if judged is not None:
            kept, conf, why = judged
            scan.propose(Proposal("parallel_headings", sec if sec.level else None,
                                  [Item(k.title, k.line, k) for k in kept], conf, why))
