"""Rule `structure`: options from headings and tables, answer-dependent links from tables.

A section *presents alternatives* when

- two or more of its sub-headings are labelled `Option A: …`, `Method 2 – …` and the like; or
- its title says so (`options`, `choose`, `which`, `ways`, `methods`, `types`…) and two or
  more sub-headings are parallel (their titles share a word, e.g. `… Install`) and carry text.

Sub-headings that are steps (`1. …`), questions, or asides (`Other options`, `Prerequisites`,
`Next steps`…) are not alternatives. A table on that page whose column headers name the
options and whose cells link guides is an *answer matrix*: its first column is a question
(the rows are the answers) and each cell's links are the guides for that option and answer.
A page with no such headings may still compare alternatives in a table whose columns are the
options. One choice is taken per page; the rest is reported as ambiguous.
"""

from __future__ import annotations

import re
from collections import Counter

from fingerpost.kb import expr as ex
from fingerpost.kb.extract import patterns as pt
from fingerpost.kb.extract.context import Context, cite
from fingerpost.kb.extract.inferred import Candidate, PageChoice, ask, note, state
from fingerpost.kb.extract.words import (
    GENERIC,
    content_stems,
    ident,
    line_of,
    sentences,
    stem,
    tokens,
    value_id,
    word_forms,
)
from fingerpost.kb.read import Table
from fingerpost.kb.records import Choice, Constraint, DocLink, Document, Link, Option, Question, Recommendation, Section

__all__ = ["extract", "find_choice", "CUE", "LABELLED", "ASIDE"]

CUE = re.compile(r"\b(options?|alternatives?|choices?|choos\w*|which|ways?|methods?|approach(es)?|architectures?|"
                 r"strateg(y|ies)|models?|types?|kinds?|modes?|topolog(y|ies)|flavou?rs?|editions?|variants?)\b", re.I)
"""Words in a title that announce alternatives."""
STRONG_CUE = re.compile(r"\b(which|choos\w*|alternatives?|compar\w*|versus|vs\.?|pick(ing)?|select(ing)?)\b|"
                        r"\bshould (i|you|we) (use|pick|choose)\b", re.I)
"""Title words that can only announce a choice (enough even when the alternatives share no word)."""
_PROCEDURE = re.compile(r"^\s*(\w+ing|step|install|configure|set|create|add|remove|enable|disable|run|use)\b", re.I)
_WEIGHS = re.compile(r"\b(recommend\w*|suitable|suited|only|required|requires?|needs?|must|should|best|ideal|"
                     r"if you|when you|production|testing|development|advantages?|drawbacks?|limitations?|"
                     r"trade-?offs?|pros|cons)\b", re.I)
LABELLED = re.compile(r"^(option|approach|method|alternative|choice|scenario|variant|path)\s+([A-Z]|\d+)\b", re.I)
"""`Option A: …` style headings."""
ASIDE = re.compile(r"^(other|more|additional|next|see also|related|further|prerequisites?|before you|requirements?|"
                   r"summary|overview|conclusion|troubleshoot|faq|what'?s next|compar|choos|how to|introduction|"
                   r"background|notes?\b|examples?\b|step\b|\d+[.)]|terminology|glossary)", re.I)
"""Sub-headings that are not alternatives."""
COMPARED = re.compile(r"^(features?|criteri(a|on)|capabilit(y|ies)|aspects?|considerations?|propert(y|ies)|"
                      r"characteristics?|attributes?|comparison|compare|categor(y|ies)|dimensions?|factors?|"
                      r"traits?|qualit(y|ies)|trade-?offs?)$", re.I)
"""First header cells of a table whose columns are the alternatives (rows are what is compared)."""
_MARK = re.compile(r"^(yes|no|y|n|✓|✔|✗|✘|x|—|-|partial|partly|limited|n/?a|supported|not supported|"
                   r"required|optional|none|some|full)$", re.I)
_NEGATIVE_CELL = re.compile(r"^(not possible|not supported|not available|unsupported|impossible|cannot|"
                            r"can't|✗|✘|❌|no)\.?$", re.I)
_NO_CELL = re.compile(r"^(no|✗|✘|❌|not supported|unsupported|none)\.?$", re.I)
_YES_CELL = re.compile(r"^(yes|✓|✔|✅|supported|full|built-in)\.?$", re.I)
_GENERIC_LINK_TEXT = re.compile(r"^(docs?|documentation|here|this|link|guide|instructions|more|read more|"
                                r"these docs|this page|see)$", re.I)
_RECOMMENDED = re.compile(r"\b(strongly\s+)?(recommended|preferred|suggested)\b", re.I)
_NOT_RECOMMENDED = re.compile(r"\bnot\s+(recommended|advised|suggested)\b", re.I)
_COLUMN_NOISE = {stem(w) for w in ("strongly", "recommended", "preferred", "suggested", "not", "default")}
_GENERIC_STEMS = {stem(w) for w in GENERIC}
_SETTINGS = {stem(w) for w in ("option", "options", "setting", "settings", "configuration", "parameters", "flags",
                               "variables", "fields", "properties", "attributes", "reference", "arguments",
                               "annotations", "labels", "values", "defaults")}
"""Words of headings that document settings rather than alternatives (`Advanced options`)."""


_CHILDREN: dict[int, tuple[list[Section], dict[str, list[Section]]]] = {}


MAX_ALTERNATIVES = 30
"""More sub-sections or table columns than this are not read as alternatives (keeps inference linear)."""


def _children(doc: Document) -> dict[str, list[Section]]:
    """Sections by their parent's anchor, built once per page, so that a page of many headings stays linear."""
    cached = _CHILDREN.get(id(doc))
    if cached is None or cached[0] is not doc.sections:
        index: dict[str, list[Section]] = {}
        for s in doc.sections:
            index.setdefault(s.parent, []).append(s)
        _CHILDREN.clear()  # one page at a time; holding `doc.sections` keeps the identity check sound
        cached = _CHILDREN[id(doc)] = (doc.sections, index)
    return cached[1]


def _kids(doc: Document, sec: Section) -> list[Section]:
    return [s for s in _children(doc).get(sec.anchor, ()) if s.level > sec.level and s is not sec]


def _scope(doc: Document, sec: Section) -> set[str]:
    """Anchors of `sec` and all its sub-sections."""
    out, todo, children = {sec.anchor}, [sec.anchor], _children(doc)
    while todo:
        for s in children.get(todo.pop(), ()):
            if s.level > sec.level and s.anchor not in out:
                out.add(s.anchor)
                todo.append(s.anchor)
    return out


def _parallel(titles: list[str], parent: str) -> bool:
    """Sibling titles read as a set of alternatives: they share a word, all end alike, or most of
    them share a word that the parent title also uses (`Runner types` → `Hosted runners`, …).
    A shared word that names settings (`… options`, `… configuration`) does not count."""
    words = [[w for w in content_stems(t) if w not in _SETTINGS] for t in titles]
    if not all(words):
        return False
    if set.intersection(*(set(w) for w in words)) or len({w[-1] for w in words}) == 1:
        return True
    counts = Counter(w for ws in words for w in set(ws) if w not in _GENERIC_STEMS)
    around = set(content_stems(parent))
    return any(n * 3 >= len(titles) * 2 and w in around for w, n in counts.items())


def _has_text(doc: Document, sec: Section) -> bool:
    return bool(sec.text.strip()) or bool(_kids(doc, sec))


def _alternatives(doc: Document, sec: Section) -> tuple[list[Section], str, float] | None:
    """The sub-sections of `sec` that are alternatives, how they were recognised, and confidence."""
    kids = _kids(doc, sec)
    if len(kids) > MAX_ALTERNATIVES:
        return None  # a list of that many headings is a reference, not a choice — and pairing them is quadratic
    labelled, labels = [], set()
    for k in kids:
        m = LABELLED.match(k.title)
        if m and m.group(2).lower() not in labels:
            labelled.append(k)
            labels.add(m.group(2).lower())
    if len(labelled) >= 2:
        return labelled, "labelled-headings", 0.85
    title = sec.title or doc.title
    words = set(content_stems(title)) - _GENERIC_STEMS
    named_by_page = bool(CUE.search(doc.title)) and bool(words) and words <= set(content_stems(doc.title))
    if not (CUE.search(title) or named_by_page):  # `Layouts` under a page `Choosing a broker layout` counts
        return None
    kept = [k for k in kids if not ASIDE.match(k.title) and not k.title.rstrip().endswith("?")]
    if len(kept) < 2 or not all(_has_text(doc, k) for k in kept):
        return None
    if sum(1 for k in kept if _PROCEDURE.match(k.title)) * 2 > len(kept):
        return None  # `Installing …`, `Configuring …`: steps of one path, not alternatives
    if _parallel([k.title for k in kept], title):
        return kept, "headings", 0.75 if sec.level else 0.65
    if STRONG_CUE.search(title) and _named_and_weighed(kept):
        return kept, "headings", 0.6
    return None


def _named_and_weighed(kept: list[Section]) -> bool:
    """Sub-sections that name things (not steps: `Installing …`) and weigh them (`only suitable`,
    `we recommend`, `required`…) — what a page answering `Which … should I use?` is made of."""
    if len(kept) > 8 or any(_PROCEDURE.match(k.title) or re.search(r"\d", k.title) for k in kept):
        return False
    weighed = sum(1 for k in kept if _WEIGHS.search(k.text))
    return weighed * 2 >= len(kept)


def find_choice(doc: Document) -> tuple[PageChoice | None, list[Section]]:
    """The first section presenting alternatives, and any other such sections (left unused)."""
    found: list[tuple[Section, list[Section], str, float]] = []
    for sec in doc.sections:
        alt = _alternatives(doc, sec)
        if alt is not None:
            found.append((sec, *alt))
    if not found:
        return None, []
    # the clearest evidence first; a section that presents options beats the page as a whole
    found.sort(key=lambda f: (-f[3], f[0].level == 0))
    sec, kids, how, conf = found[0]
    options = []
    for k in kids:
        summary = next((s for _, s in sentences(k.text)), "")
        options.append(Candidate(ident(k.title, "-", 5), k.title, k.line, k, conf, scope=_scope(doc, k),
                                 summary=summary))
    choice = PageChoice(doc.path, sec if sec.level else None, how, options, _scope(doc, sec))
    _name(choice)
    others = [f[0] for f in found[1:] if sec.anchor not in _scope(doc, f[0])]  # not the sections around it
    return choice, others


def _name(choice: PageChoice) -> None:
    """Give options the words that name them, and ids from those words."""
    choice.name_options()
    used: set[str] = set()
    for o in choice.options:
        run = set(o.runs[0]) if o.runs else set()
        words = [t for t in tokens(o.title) if stem(t) in run] or tokens(o.title)
        oid = "-".join(words[:4]) if run else ident(o.title, "-", 4)
        while oid in used:
            oid += "-2"
        used.add(oid)
        o.id = oid


# ---- tables -------------------------------------------------------------------------------------

def _column_options(choice: PageChoice, header: str) -> list[Candidate]:
    """The options a column header names (`Kubernetes Installation` → both Kubernetes installs)."""
    words = set(content_stems(header)) - _COLUMN_NOISE - _GENERIC_STEMS
    if not words:
        return []
    named = choice.mentioned(header, allow_group=True)
    if named:
        return named
    return [o for o in choice.options if words <= set(content_stems(o.title))]


def _cell_links(doc: Document, line: int, hrefs: list[str]) -> list[Link]:
    """The resolved links of a table cell (matched by line and target)."""
    out = []
    for h in hrefs:
        link = next((lk for lk in doc.links if lk.line == line and lk.target == h), None)
        if link is not None and link not in out:
            out.append(link)
    return out


def link_href(link: Link) -> str:
    """Where a doc link should point: the page in the knowledge base, else the target as written."""
    if link.kind in ("page", "anchor", "missing-anchor", "missing-page") and link.resolved:
        return link.resolved + (f"#{link.anchor}" if link.anchor else "")
    return link.target.strip()


def _matrix(doc: Document, ctx: Context, choice: PageChoice, table: Table) -> dict[str, str]:
    """An answer × option table: adds its records; returns {option id: question id} (empty if not one)."""
    if len(table.header) < 3 or len(table.rows) < 2:
        return {}
    columns = [_column_options(choice, c.text) for c in table.header[1:]]
    if not all(columns):
        return {}
    linked = sum(1 for row in table.rows if any(c.links for c in row[1:]))
    labels = [row[0].text.strip() if row else "" for row in table.rows]
    if linked * 2 < len(table.rows) or not all(labels):
        return {}
    qid, values = _matrix_question(doc, ctx, choice, table, labels)
    for col, (head, opts) in enumerate(zip(table.header[1:], columns, strict=False), start=1):
        _column_recommendation(doc, ctx, table, head.text, opts)
        for row, line, value in zip(table.rows, table.row_lines, values, strict=False):
            if col >= len(row):
                continue
            if _NEGATIVE_CELL.match(row[col].text.strip()):
                for o in opts:
                    _exclude(doc, ctx, o.id, f'{qid} == "{value}"', line,
                             f"{row[0].text}: {row[col].text} ({head.text}).")
            for link in _cell_links(doc, line, row[col].links):
                for o in opts:
                    _doclink(doc, ctx, o, link, f'{qid} == "{value}"', line, 0.8,
                             f"{row[0].text} | {head.text} | {row[col].text}")
    return {o.id: qid for opts in columns for o in opts}


def _matrix_question(doc: Document, ctx: Context, choice: PageChoice, table: Table,
                     labels: list[str]) -> tuple[str, list[str]]:
    head = table.header[0].text.strip() or (choice.section.title if choice.section else doc.title)
    qid = ident(head)
    drop = set(content_stems(head)) | _GENERIC_STEMS
    values: list[str] = []
    choices = []
    for label, line in zip(labels, table.row_lines, strict=False):
        value = value_id(label, drop)
        while value in values:
            value += "-2"
        values.append(value)
        words = value.split("-")
        alone = [words[-1]] if len(words) > 1 and len(words[-1]) > 3 and words[0] != "no" else []
        synonyms = [*word_forms(" ".join(words)), *alone]
        choices.append(Choice(value, label, tuple(dict.fromkeys(s for s in synonyms if s != value)), (),
                              cite(doc, line, confidence=0.8, quote=label)))
    wh = head.split()[0].lower() in ("what", "where", "which", "how", "who", "when", "why", "do", "does", "is", "are")
    text = head.rstrip("?:") + "?" if wh else f"Which {head[0].lower() + head[1:]} applies to you?"
    ask(ctx, Question(qid, text, "choice", tuple(choices), tuple(word_forms(head)[:1]), "", None, "",
                      ctx.next_order(), cite(doc, table.line, confidence=0.8, quote=" | ".join(labels))))
    return qid, values


def _exclude(doc: Document, ctx: Context, oid: str, when: str, line: int, because: str) -> None:
    recs = ctx.records.constraints
    if any(c.option == oid and c.kind == "excludes" and c.text == when for c in recs):
        return
    n = sum(1 for c in recs if c.option == oid) + 1
    recs.append(Constraint(f"{oid}/{n}", oid, "excludes", ex.parse(when), when, because,
                           cite(doc, line, confidence=0.75, quote=because)))


def _features(doc: Document, ctx: Context, choice: PageChoice, table: Table) -> bool:
    """A comparison table (`Feature | A | B`): each yes/no row is a need that rules out the `No` columns."""
    first = table.header[0].text.strip()
    if len(table.header) < 3 or (first and not COMPARED.match(first)):
        return False
    columns = [_column_options(choice, c.text) for c in table.header[1:]]
    if not all(columns):
        return False
    for row, line in zip(table.rows, table.row_lines, strict=False):
        cells = [c.text.strip() for c in row[1:len(columns) + 1]]
        label = row[0].text.strip() if row else ""
        no = [i for i, c in enumerate(cells) if _NO_CELL.match(c)]
        if not label or not no or not any(_YES_CELL.match(c) for c in cells):
            continue
        qid = ident(label)
        source = cite(doc, line, confidence=0.7, quote=" | ".join([label, *cells]))
        ask(ctx, Question(qid, f"Do you need {label[0].lower() + label[1:]}?", "yesno",
                          tuple(Choice(v, v.capitalize(), (), (), source) for v in ("yes", "no")),
                          (label.lower(),), "", None, "", ctx.next_order(), source))
        for i in no:
            for o in columns[i]:
                _exclude(doc, ctx, o.id, qid, line, f"{label}: {cells[i]} ({table.header[i + 1].text}).")
    return True


def _column_recommendation(doc: Document, ctx: Context, table: Table, header: str, opts: list[Candidate]) -> None:
    m = _RECOMMENDED.search(header)
    if not m or _NOT_RECOMMENDED.search(header):
        return
    strength = "strong" if m.group(1) else "normal"
    for o in opts:
        n = sum(1 for r in ctx.records.recommendations if r.option == o.id) + 1
        ctx.records.recommendations.append(Recommendation(
            f"{o.id}/rec{n}", o.id, None, "", strength, f"The documentation marks “{header}”.",
            cite(doc, table.line, confidence=0.7, quote=header)))


def _doclink(doc: Document, ctx: Context, o: Candidate, link: Link, when: str, line: int, confidence: float,
             quote: str) -> None:
    href = link_href(link)
    if not href or link.kind in ("unsafe", "asset"):
        return
    if any(d.option == o.id and d.href == href and d.text == when for d in ctx.records.doclinks):
        return
    n = sum(1 for d in ctx.records.doclinks if d.option == o.id) + 1
    title = link.text.strip(" ,.")
    if not title or _GENERIC_LINK_TEXT.match(title):
        known = link.kind in ("page", "anchor") and link.resolved in ctx.titles
        title = ctx.titles[link.resolved] if known else (title or href)
    ctx.records.doclinks.append(DocLink(f"{o.id}/doc{n}", o.id, title, href, ex.parse(when) if when else None,
                                        when, cite(doc, line, confidence=confidence, quote=quote)))


def _comparison(doc: Document, table: Table) -> PageChoice | None:
    """A table whose columns are the alternatives (first column: what is compared)."""
    if len(table.header) < 3 or len(table.rows) < 2 or len(table.header) > MAX_ALTERNATIVES + 1:
        return None
    sec = next((s for s in doc.sections if s.anchor == table.section), doc.sections[0])
    first = table.header[0].text.strip()
    if first and not COMPARED.match(first):
        return None  # the first column names the rows' subject: rows, not columns, are the things compared
    cells = [c.text.strip() for row in table.rows for c in row[1:]]
    marks = sum(1 for c in cells if _MARK.match(c))
    if not cells or sorted(len(c.split()) for c in cells)[len(cells) // 2] > 4:
        return None
    if not (CUE.search(sec.title or "") or CUE.search(doc.title) or marks * 2 >= len(cells)):
        return None
    options = [Candidate(ident(c.text, "-", 4), c.text, table.line, None, 0.6) for c in table.header[1:]]
    choice = PageChoice(doc.path, sec if sec.level else None, "table", options, _scope(doc, sec))
    _name(choice)
    return choice


# ---- the rule -----------------------------------------------------------------------------------

def _authored_options(doc: Document) -> bool:
    for block in doc.blocks:
        items = block.data if isinstance(block.data, list) else [block.data]
        if any(isinstance(i, dict) and ("option" in i or "decision" in i) for i in items):
            return True
    return False


def _section_links(doc: Document, ctx: Context, choice: PageChoice) -> None:
    """Links in an option's own section, and lead links of sections whose titles name options."""
    firsts: dict[str, tuple[int, int]] = {}
    for p in doc.paragraphs:
        firsts.setdefault(p.section, (p.line, p.line + len(p.breaks)))
    by_anchor = {s.anchor: s for s in doc.sections}
    for link in doc.links:
        if link.kind in ("unsafe", "asset") or (link.kind == "anchor" and link.resolved == doc.path):
            continue
        owner = choice.by_section(link.section)
        if owner is not None:
            _doclink(doc, ctx, owner, link, "", link.line, 0.7, link.text)
            continue
        sec = by_anchor.get(link.section)
        if sec is None or not sec.level:
            continue
        inside = link.section in choice.scope
        named = choice.mentioned(link.text, allow_group=True) if inside else []
        if not named:  # a sentence that names an option by its own words: `Standalone servers need … [guide]`
            named = choice.mentioned(pt.main_clause(_sentence_at(doc, link.section, link.line)))
        lead = firsts.get(sec.anchor, (0, -1))
        if not named and lead[0] <= link.line <= lead[1]:
            named = choice.mentioned(sec.title, allow_group=True)
        for o in named:
            _doclink(doc, ctx, o, link, "", link.line, 0.6, link.text or sec.title)


def _sentence_at(doc: Document, anchor: str, line: int) -> str:
    """The sentence of section `anchor` that is on `line` ('' if none)."""
    for p in doc.paragraphs:
        if p.section != anchor or not p.line <= line <= p.line + len(p.breaks) or p.kind == "item":
            continue
        for offset, text in sentences(p.text):
            start = line_of(p.line, p.breaks, offset)
            end = line_of(p.line, p.breaks, offset + len(text) - 1)
            if start <= line <= end:
                return text
    return ""


def extract(doc: Document, ctx: Context) -> None:
    """Find the choice a page presents and add its options, answer-dependent links and column advice."""
    st = state(ctx)
    if _authored_options(doc):
        st.skipped.add(doc.path)
        return
    choice, others = find_choice(doc)
    variant_by: dict[str, list[str]] = {}
    for table in doc.tables:
        if choice is not None:
            matrix = _matrix(doc, ctx, choice, table)
            for oid, qid in matrix.items():
                variant_by.setdefault(oid, []).append(qid)
            if not matrix:
                _features(doc, ctx, choice, table)
        elif (found := _comparison(doc, table)) is not None:
            choice = found
    if choice is None:
        return
    for sec in others:
        note(ctx, doc.path, sec.line, f"“{sec.title or doc.title}” also presents alternatives; only one choice per "
                                      f"page is used ({choice.options[0].title} …)")
    st.choices[doc.path] = choice
    for o in choice.options:
        ctx.records.options.append(Option(
            o.id, o.title, o.summary, "", tuple(variant_by.get(o.id, ())), _synonyms(o), (), ctx.next_order(),
            cite(doc, o.line, o.section, confidence=o.confidence, quote=o.title)))
    _section_links(doc, ctx, choice)


def _synonyms(o: Candidate) -> tuple[str, ...]:
    words = [t for t in tokens(o.title) if o.runs and stem(t) in set(o.runs[0])]
    return tuple(dict.fromkeys(word_forms(" ".join(words))[:3])) if words else ()
