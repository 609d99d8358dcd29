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

import posixpath
import re
from dataclasses import replace

from fingerpost.kb import expr as ex
from fingerpost.kb.extract import flowchart as fc
from fingerpost.kb.extract import patterns as pt
from fingerpost.kb.extract.choices import Found, Item, Near, Scan, scan_page
from fingerpost.kb.extract.choices import linked_list as _linked_list
from fingerpost.kb.extract.choices.comparison_table import FOOTNOTE, notes_column
from fingerpost.kb.extract.choices.cues import ASIDE, CUE, FIT, INDEX_PAGE, LABELLED
from fingerpost.kb.extract.choices.flowchart import asks, decision_tree
from fingerpost.kb.extract.choices.lead_list import NAMED, announcing
from fingerpost.kb.extract.context import Context, cite
from fingerpost.kb.extract.inferred import Candidate, PageChoice, ask, note, purpose_question, state, yes_no
from fingerpost.kb.extract.merits import side_label
from fingerpost.kb.extract.words import (
    GENERIC,
    content_stems,
    ident,
    in_sentence,
    line_of,
    option_ident,
    sentences,
    stem,
    tokens,
    value_id,
    word_forms,
)
from fingerpost.kb.read import Table
from fingerpost.kb.records import (
    Choice,
    Citation,
    Constraint,
    DocLink,
    Document,
    Link,
    Option,
    Question,
    Recommendation,
    Section,
)

__all__ = ["extract", "find_choice", "CUE", "LABELLED", "ASIDE"]

COMPARED = re.compile(r"^(features?|criteri(a|on)|capabilit(y|ies)|aspects?|considerations?|propert(y|ies)|"
                      r"characteristics?|attributes?|comparison|compare|categor(y|ies)|dimensions?|factors?|"
                      r"traits?|qualit(y|ies)|trade-?offs?)$", re.I)
"""First header cells of a table whose columns are the alternatives (rows are what is compared)."""
_MARK = re.compile(r"^(yes|no|y|n|✓|✔|✗|✘|x|—|-|partial|partly|limited|n/?a|supported|not supported|"
                   r"required|optional|none|some|full)$", re.I)
_NEGATIVE_CELL = re.compile(r"^(not possible|not supported|not available|unsupported|impossible|cannot|"
                            r"can't|✗|✘|❌|no)\.?$", re.I)
_NO_CELL = re.compile(r"^(no|✗|✘|❌|⛔|🚫|not supported|unsupported|none|no support|not (?:yet )?(?:available|planned|"
                      r"implemented)|not supported yet|planned|coming soon|on the roadmap)(?!\w)\.?(?:\s*[(*\[].*)?$", re.I)
_YES_CELL = re.compile(r"^(yes|✓|✔|✅|☑|supported|full|built-in|available|experimental|beta|preview)(?!\w)\.?(?:\s*[(*\[].*)?$",
                       re.I)
"""Cells that say an alternative does not (or does) have a feature; a note in brackets may follow (`✔ (beta)`)."""
_PRESENTATION = re.compile(r"[\ufe0e\ufe0f\u200d]")
"""Emoji presentation selectors and joiners: `✔️` is `✔`."""


def cell_mark(text: str) -> str:
    """A cell's text as compared with the marks: stripped, without emoji presentation selectors or bold."""
    return _PRESENTATION.sub("", text).strip().strip("*_").strip()

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


def _scope(doc: Document, sec: Section) -> set[str]:
    """Anchors of `sec` and all its sub-sections."""
    return Scan(doc).scope(sec)


def find_choice(doc: Document, disable: tuple[str, ...] = ()) -> tuple[PageChoice | None, list[Section], list[Near]]:
    """The surest choice the signals find on the page, the sections of other choices (left unused),
    and the near misses (see kb.extract.choices)."""
    found, near = scan_page(doc, disable)
    if not found:
        return None, [], near
    scan = Scan(doc)
    best = _outermost(scan, found)
    p = best.lead
    options = []
    for item in _flattened(scan, p.items, [f for f in found if f is not best]):
        scope = scan.scope(item.section) if item.section is not None else set()
        text = item.section.text if item.section is not None else item.text
        summary = next((s for _, s in sentences(text)), "")
        options.append(Candidate(option_ident(item.title), item.title, item.line, item.section, p.confidence,
                                 scope=scope, summary=summary, span=item.span))
    how = {"list": "list", "rows": "rows", "table": "table"}.get(p.how, p.how)
    choice = PageChoice(doc.path, p.section, how, options, scan.scope(p.section) if p.section else {""},
                        best.confidence, tuple(dict.fromkeys(q.signal for q in best.support)))
    _name(choice)
    around = choice.scope
    others = []
    for f in found:
        sec = f.lead.section
        if f is best or sec is None or sec.anchor in around or (p.section is not None and p.section.anchor in scan.scope(sec)):
            continue
        if f.lead.how == "table" or f.lead.items[0].line in {o.line for o in options}:
            continue
        others.append(sec)
    return choice, others, near


CHAPTERS_MARGIN = 0.15
"""How much surer a later chapter's choice must be to be taken over the first."""


def _leading_chapter(found: list[Found]) -> Found:
    """Of choices presented alike in sibling chapters titled alike (`Cluster models`, `Network models`,
    … `Tenancy models`), the first: a page of several decisions leads with the one the others build
    on. A later one is taken only when it is clearly surer."""
    best = found[0]
    sec = best.lead.section
    if sec is None:
        return best
    last = content_stems(sec.title)[-1:]
    chapters = [f for f in found if f.lead.section is not None and f.lead.section.parent == sec.parent
                and f.lead.section.level == sec.level and f.lead.section.anchor != sec.anchor
                and f.lead.signal == best.lead.signal and content_stems(f.lead.section.title)[-1:] == last]
    first = min(chapters, key=lambda f: f.lead.section.line, default=None)
    if first is not None and first.lead.section.line < sec.line and first.confidence + CHAPTERS_MARGIN >= best.confidence:
        return first
    return best


def _outermost(scan: Scan, found: list[Found]) -> Found:
    """The surest choice, or the choice one of whose alternatives holds it (`Multi-Tenant` or `Core`,
    where `Multi-Tenant` comes as `Non-High Availability` or `High Availability`) — when a sentence names
    the outer alternatives one by one, or a list points to a heading for each and says what each is for, so that
    they are surely alternatives and not chapters."""
    best = _leading_chapter(found)
    if best.lead.section is None:
        return best
    for f in found[1:]:
        if (f.lead.why == NAMED or any(p.signal == _linked_list.SIGNAL for p in f.support)) and any(i.section is not None and best.lead.section.anchor in scan.scope(i.section)
                                          for i in f.lead.items):
            return f
    return best


_EXAMPLE = re.compile(r"^\W*(?:an?\s+)?examples?\b", re.I)
"""A heading that shows an example (`Example using Docker for …`)."""


def _flattened(scan: Scan, items: list[Item], others: list[Found]) -> list[Item]:
    """The alternatives, with one whose own sub-headings are a choice replaced by that choice's
    alternatives (`Multi-Tenant` holding `Non-High Availability` and `High Availability`): each is one
    option of the same decision, beside `Core`. A choice deeper inside it (`Installation options` of
    the CLI install) is a detail of that alternative."""
    out: list[Item] = []
    for item in items:
        inner = None
        if item.section is not None and len(items) >= 2:
            inner = next((f for f in others if f.lead.section is not None and f.lead.section.anchor == item.section.anchor
                          and (f.lead.how == "headings" and all(i.section is not None for i in f.lead.items)
                               or f.lead.how == "rows") and 2 <= len(f.lead.items) <= 6), None)
        if inner is None or all(_EXAMPLE.match(i.title) for i in inner.lead.items):
            out.append(item)  # `Example using Docker for Let's Encrypt`, …: how to do one alternative, not others
            continue
        for i in inner.lead.items:
            out.append(Item(i.title.rstrip(": "), i.line, i.section, i.span, i.text))
    return _grouped(scan, items, out)


_STATUS = frozenset("recommended experimental supported unsupported deprecated legacy stable beta alpha preview official "
                    "community other additional advanced basic core optional external production".split())
"""Words that say how a group of alternatives stands (`Recommended backends`, `Experimental backends`), not what
they are about."""


def _grouped(scan: Scan, items: list[Item], out: list[Item]) -> list[Item]:
    """Alternatives grouped under headings of one kind (`Recommended backends`, `Experimental backends`): a group
    opens into its sub-headings when another group titled alike opened into its alternatives, or when every
    group's title is only how its alternatives stand and their kind."""
    titles = [tokens(i.title) for i in items]
    kind = {content_stems(i.title)[-1] for i in items if content_stems(i.title)}
    by_status = len(kind) == 1 and len(items) >= 2 and all(
        len(t) == 2 and t[0].lower() in _STATUS for t in titles)
    opened = [i for i in items if i.section is not None and all(o.line != i.line for o in out)]
    kinds = kind if by_status else {content_stems(i.title)[-1] for i in opened if content_stems(i.title)}
    if not kinds:
        return out
    grouped: list[Item] = []
    for o in out:
        stems = content_stems(o.title)
        kids = scan.kids(o.section) if o in items and o.section is not None and stems and stems[-1] in kinds else []
        if len(kids) >= 2 and len(stems) >= 2:
            grouped += [Item(k.title.rstrip(": "), k.line, k) for k in kids]
        else:
            grouped.append(o)
    return grouped


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
    n = ctx.next_number(recs, oid)
    recs.append(Constraint(f"{oid}/{n}", oid, "excludes", ex.parse(when), when, because,
                           cite(doc, line, confidence=0.75, quote=because)))


_PER = re.compile(r"\b(?:per|by|for each|on each|across)\s+(?:the\s+)?([A-Za-z][\w-]*(?:\s+[a-z][\w-]*)?)\s*$", re.I)
"""What a support table's columns are, named by its heading (`Backend support per platform`)."""
_DASH_CELL = re.compile(r"^[-–—]$")


def _option_rows(doc: Document, ctx: Context, choice: PageChoice, table: Table) -> bool:
    """A support table whose rows are the alternatives and whose columns are the places each runs on
    (`Backend | Linux | Windows | macOS` under `Backend support per platform`): one choice question of
    the columns, named by the heading's `per …`; a cell that says no (`–`, `✗`, `not supported`) rules
    its row's alternative out for that column."""
    if len(table.header) < 3 or len(table.rows) < 2:
        return False
    rows = [_column_options(choice, row[0].text) if row else [] for row in table.rows]
    heads = [c.text.strip() for c in table.header[1:]]
    if sum(bool(r) for r in rows) < 2 or any(_column_options(choice, h) for h in heads) or not all(heads):
        return False
    marks = [cell_mark(FOOTNOTE.sub("", c.text)) for row in table.rows for c in row[1:]]
    said = [m for m in marks if _YES_CELL.match(m) or _NO_CELL.match(m) or _DASH_CELL.match(m)]
    if len(said) * 3 < 2 * len(marks) or not any(_YES_CELL.match(m) for m in said):
        return False
    sec = next((x for x in doc.sections if x.anchor == table.section), None)
    per = _PER.search(sec.title.strip()) if sec is not None and sec.level else None
    if per is None:
        return False  # columns that are features, each its own need: `_features` reads those the other way round
    kind = per.group(1)
    qid = ident(kind)
    values = [value_id(h) or ident(h) for h in heads]
    source = cite(doc, table.line, confidence=0.7, quote=" | ".join(c.text for c in table.header))
    ask(ctx, Question(qid, f"Which {in_sentence(kind)} will you use?", "choice",
                      tuple(Choice(v, h, tuple(word_forms(h)[:2]), (), source) for v, h in zip(values, heads, strict=True)),
                      (in_sentence(kind),), "", None, "", ctx.next_order(), source))
    for opts, row, line in zip(rows, table.rows, table.row_lines, strict=False):
        for col, value in enumerate(values, start=1):
            cell = cell_mark(FOOTNOTE.sub("", row[col].text)) if col < len(row) else ""
            if cell and (_NO_CELL.match(cell) or _DASH_CELL.match(cell)):
                for o in opts:
                    _exclude(doc, ctx, o.id, f'{qid} == "{value}"', line,
                             f"{row[0].text}: not on {heads[col - 1]} ({in_sentence(sec.title)}).")
    return True


_NOT_APPLICABLE = re.compile(r"^n/?a\.?$", re.I)


def _lookup_grid(doc: Document, ctx: Context, choice: PageChoice, table: Table) -> bool:
    """A table that looks the alternative up by two answers (`GPU Vendor | Windows | macOS | Linux`, cells
    `AMF (Windows)`, `VideoToolbox`, `N/A`): its rows answer one question, named by its first header, and
    its columns another. A cell that names one alternative advises it for its row and column; an
    alternative named in some rows (or columns) only needs one of those."""
    if len(table.header) < 3 or len(table.rows) < 2:
        return False
    heads = [c.text.strip() for c in table.header[1:]]
    labels = [row[0].text.strip() if row else "" for row in table.rows]
    if not all(heads) or not all(labels):
        return False
    cells: dict[tuple[int, int], Candidate] = {}
    empty = 0
    for r, row in enumerate(table.rows):
        for c in range(len(heads)):
            text = cell_mark(row[c + 1].text) if c + 1 < len(row) else ""
            named = choice.mentioned(text) if text else []
            if len(named) == 1:
                cells[(r, c)] = named[0]
            elif not text or _NOT_APPLICABLE.match(text) or _NO_CELL.match(text) or _DASH_CELL.match(text):
                empty += 1
    total = len(labels) * len(heads)
    if len(cells) * 2 < total or (len(cells) + empty) * 5 < total * 4 or len({o.id for o in cells.values()}) < 2:
        return False
    by_row, rows = _matrix_question(doc, ctx, choice, table, labels)
    by_column, columns = _grid_columns_question(doc, ctx, table, heads)
    for (r, c), o in cells.items():
        when = f'{by_row} == "{rows[r]}" and {by_column} == "{columns[c]}"'
        n = sum(1 for x in ctx.records.recommendations if x.option == o.id) + 1
        because = f"{labels[r]} on {heads[c]}: {table.rows[r][c + 1].text.strip()}."
        ctx.records.recommendations.append(Recommendation(
            f"{o.id}/rec{n}", o.id, ex.parse(when), when, "normal", because,
            cite(doc, table.row_lines[r], confidence=0.75, quote=because)))
    for oid in dict.fromkeys(o.id for o in cells.values()):
        at = [rc for rc, o in cells.items() if o.id == oid]
        for qid, values, seen, n in ((by_row, rows, {r for r, _ in at}, len(labels)),
                                     (by_column, columns, {c for _, c in at}, len(heads))):
            if len(seen) < n:
                when = " or ".join(f'{qid} == "{values[i]}"' for i in sorted(seen))
                recs = ctx.records.constraints
                k = sum(1 for x in recs if x.option == oid) + 1
                shown = ", ".join((labels if qid == by_row else heads)[i] for i in sorted(seen))
                recs.append(Constraint(f"{oid}/{k}", oid, "requires", ex.parse(when), when,
                                       f"The table offers it only for {shown}.",
                                       cite(doc, table.line, confidence=0.65, quote=shown)))
    return True


def _grid_columns_question(doc: Document, ctx: Context, table: Table, heads: list[str]) -> tuple[str, list[str]]:
    """The question a lookup table's columns answer, which no header names: `Windows, macOS or Linux?`."""
    qid = ident(" ".join(heads), limit=3)
    values = []
    for h in heads:
        value = value_id(h) or ident(h)
        while value in values:
            value += "-2"
        values.append(value)
    source = cite(doc, table.line, confidence=0.75, quote=" | ".join(heads))
    said = f"{', '.join(heads[:-1])} or {heads[-1]}"
    ask(ctx, Question(qid, f"Which of {said} will you use?", "choice",
                      tuple(Choice(v, h, tuple(word_forms(h)[:2]), (), source) for v, h in zip(values, heads, strict=True)),
                      (), "", None, "", ctx.next_order(), source))
    return qid, values


def _feature_columns(doc: Document, ctx: Context, choice: PageChoice, table: Table) -> bool:
    """A support table whose rows are the alternatives and whose columns are features (`Hypervisor | GPU
    Support | Intel TDX` with ✓ / ✗ cells): each column that says yes for some rows and no for others is a
    need, which rules out the rows that say no (for a `Needs …` column, the rows that say yes when it is
    not had). The other way round from `_features`; columns of text (`Written in`) are not read."""
    if len(table.header) < 3 or len(table.rows) < 2:
        return False
    rows = [_column_options(choice, row[0].text) if row else [] for row in table.rows]
    heads = [c.text.strip() for c in table.header[1:]]
    if sum(bool(r) for r in rows) < 2 or any(_column_options(choice, h) for h in heads if h):
        return False
    read = False
    for col, head in enumerate(heads, start=1):
        if not head or notes_column(head):
            continue
        cells = [cell_mark(FOOTNOTE.sub("", row[col].text)) if col < len(row) else "" for row in table.rows]
        no = [n for n, c in enumerate(cells) if c and _NO_CELL.match(c)]
        yes = [n for n, c in enumerate(cells) if c and _YES_CELL.match(c)]
        if not no or not yes:
            continue
        qid, needs, _ = _ask_feature(ctx, head, cite(doc, table.line, confidence=0.7,
                                                     quote=" | ".join(c.text for c in table.header)))
        for n in yes if needs else no:
            for o in rows[n]:
                _exclude(doc, ctx, o.id, f"not {qid}" if needs else qid, table.row_lines[n],
                         f"{table.rows[n][0].text}: {cells[n]} ({head}).")
        read = True
    return read


def _features(doc: Document, ctx: Context, choice: PageChoice, table: Table) -> bool:
    """A comparison table (`Feature | A | B`): each yes/no row is a need that rules out the `No` columns.
    A notes column is not an alternative; a row with no marks at all (`**Backing Image** | | |`)
    heads the rows under it, and names them when their own label is not enough (`Backing Image
    backup`, not `backup`)."""
    if len(table.header) < 3:
        return False
    heads = [c.text for c in table.header[1:]]
    columns = [[] if notes_column(h) else _column_options(choice, h) for h in heads]
    compared = [i for i, h in enumerate(heads) if not notes_column(h)]
    if len(compared) < 2 or not all(columns[i] for i in compared):
        return False
    if len({tuple(o.id for o in columns[i]) for i in compared}) < len(compared):
        return False  # columns that are kinds of one option (`Local PV Hostpath`, `Local PV LVM`): not the choice
    group = ""
    for row, line in zip(table.rows, table.row_lines, strict=False):
        cells = [cell_mark(row[i + 1].text) if i + 1 < len(row) else "" for i in compared]
        label = cell_mark(row[0].text) if row else ""
        if label and not any(cells):
            group = label
            continue
        if _purpose_row(doc, ctx, [heads[i] for i in compared], [columns[i] for i in compared], label, cells, line):
            continue
        if _categorical_row(doc, ctx, [columns[i] for i in compared], label, cells, line):
            continue
        no = [i for i, c in zip(compared, cells, strict=True) if _NO_CELL.match(c)]
        yes = [i for i, c in zip(compared, cells, strict=True) if _YES_CELL.match(c)]
        if not label or not no or not yes:
            continue
        qid, needs, name = _ask_feature(ctx, label, cite(doc, line, confidence=0.7, quote=" | ".join([label, *cells])),
                                        group if group and _ambiguous(row, table) else "")
        if needs:  # `Needs traffic provider | No | Yes`: what the `Yes` column cannot do without
            for i in yes:
                for o in columns[i]:
                    _exclude(doc, ctx, o.id, f"not {qid}", line, f"{label}: {cell_mark(row[i + 1].text)} ({heads[i]}).")
            continue
        for i in no:
            for o in columns[i]:
                _exclude(doc, ctx, o.id, qid, line, f"{name}: {cell_mark(row[i + 1].text)} ({heads[i]}).")
    return True


_NEEDS_LABEL = re.compile(r"^(?:needs?|requires?|required|depends on|relies on)\s+(?:an?\s+|the\s+)?(?P<what>.+)$", re.I)
"""A row of what each alternative needs (`Needs traffic provider`), not of what it offers."""
_VERB_LABEL = re.compile(r"^(?P<verb>works|supports|handles|runs|allows|scales|survives|tolerates)\b(?P<rest>.*)$", re.I)


def _ask_feature(ctx: Context, label: str, source: Citation, group: str = "") -> tuple[str, bool, str]:
    """The yes/no question a feature's label asks (`Snapshots`: do you need snapshots?; `Needs traffic
    provider`: do you have one?), named with its `group` when the label alone is not enough: (its id,
    whether the label says what an alternative needs, its name)."""
    needs = _NEEDS_LABEL.match(label)
    name = in_sentence(needs.group("what") if needs else label)
    if group:
        name = f"{in_sentence(group)} {name}"
    qid = ident(name)
    ask(ctx, Question(qid, _feature_question(name, label, bool(needs)), "yesno", yes_no(source),
                      (name.lower(),), "", None, "", ctx.next_order(), source))
    return qid, bool(needs), name


def _feature_question(name: str, label: str, needs: bool) -> str:
    """`Do you need snapshots?`; `Do you have a traffic provider?` for what an alternative needs; `Do you
    need it to work with queue workers?` for a row that says what an alternative does."""
    if needs:
        article = "" if name.endswith("s") or name.split()[0] in ("a", "an", "the", "your") else "a "
        return f"Do you have {article}{name}?"
    verb = _VERB_LABEL.match(label.strip())
    if verb:
        base = verb.group("verb").lower()
        base = base[:-2] if base.endswith("hes") else base[:-1]
        return f"Do you need it to {base}{verb.group('rest')}?"
    return f"Do you need {name}?"


def _ambiguous(row: list, table: Table) -> bool:
    """Whether another row's label says all this one does (`Encryption` beside `Volume Encryption`,
    or twice in two groups): then the group the row sits in must name it."""
    words = set(content_stems(row[0].text))
    others = [set(content_stems(r[0].text)) for r in table.rows if r and r is not row]
    return bool(words) and any(words <= o for o in others)


_SAME_AS = re.compile(r"^(?:same as|as for|like|see)\b", re.I)


def _categorical_row(doc: Document, ctx: Context, columns: list[list[Candidate]], label: str, cells: list[str],
                     line: int) -> bool:
    """A row of what each alternative runs on (`Kubernetes deployment | local, either kind or Minikube |
    existing | existing`): a choice question of the row's label, each alternative requiring its own
    value — when the cells name a few kinds, one shared by several alternatives (so the row sorts
    them), and neither rate nor tick (see `_features`)."""
    if not label or len(cells) < 3 or any(not c or _SAME_AS.match(c) or _YES_CELL.match(c) or _NO_CELL.match(c)
                                          or _MARK.match(c) or len(c.split(",")[0].split()) > 4 for c in cells):
        return False
    heads = [c.split(",")[0].replace("`", "").strip() for c in cells]
    values = [value_id(h, limit=2) for h in heads]
    kinds = list(dict.fromkeys(values))
    if not 2 <= len(kinds) < len(values) or any(re.search(r"\d", v) for v in kinds):
        return False  # every cell its own (a description), or a number (a size, read elsewhere)
    qid = ident(label)
    source = cite(doc, line, confidence=0.65, quote=" | ".join([label, *cells]))
    first = {v: h for v, h in zip(values, heads, strict=True)}
    ask(ctx, Question(qid, f"Which {in_sentence(label)} will you have?", "choice",
                      tuple(Choice(v, first[v][:1].upper() + first[v][1:], (), (), source) for v in kinds),
                      (in_sentence(label),), "", None, "", ctx.next_order(), source))
    for opts, v in zip(columns, values, strict=True):
        for o in opts:
            recs = ctx.records.constraints
            n = ctx.next_number(recs, o.id)
            when = f'{qid} == "{v}"'
            recs.append(Constraint(f"{o.id}/{n}", o.id, "requires", ex.parse(when), when,
                                   f"{label}: {first[v]}.", source))
    return True


_PURPOSE_ROW = re.compile(r"^(?:purpose|use cases?|intended (?:for|use)|(?:recommended|suitable|best|good|meant) for|"
                          r"when to use|usage|environments?)\b", re.I)
_NOT_PRODUCTION = re.compile(r"\b(?:local\w*|test\w*|dev\w*|demo\w*|learn\w*|evaluat\w*|experiment\w*|try\w*|trial|"
                             r"playground|getting started|proof of concept|poc|laptop|sandbox)\b", re.I)


def _purpose_row(doc: Document, ctx: Context, heads: list[str], columns: list[list[Candidate]], label: str,
                 cells: list[str], line: int) -> bool:
    """A row of what each alternative is for (`Purpose | local | production | production`): the
    columns for trying things out, when another column is for production, are not for production."""
    if not _PURPOSE_ROW.match(label):
        return False
    prod = [pt.production(c) for c in cells]
    trial = [i for i, c in enumerate(cells) if not prod[i] and _NOT_PRODUCTION.search(c)]
    if not any(prod) or not trial:
        return False
    qid = purpose_question(ctx, cite(doc, line, confidence=0.7, quote=" | ".join([label, *cells])))
    for i in trial:
        for o in columns[i]:
            _exclude(doc, ctx, o.id, f'{qid} == "production"', line,
                     f"{label}: {cells[i]} ({heads[i]}).")
    return True


_RECOMMENDING_LABEL = re.compile(r"\b(?:recommended|suggested|preferred|best|suitable)\b", re.I)
_GENERIC_HEADER = re.compile(r"^(?:criteria|criterion|feature|features|aspect|property|attribute|capabilit(?:y|ies)|)$",
                             re.I)


def _recommending_row(doc: Document, ctx: Context, choice: PageChoice, table: Table) -> bool:
    """A table whose columns are situations and whose `Recommended …` row names the option for each
    (`Criteria | Single Node | Multi-Node … / Recommended Data Engines | Local Storage | Local Storage and
    Replicated Storage | …`): a choice question of the columns, each answer recommending the options its
    cell names."""
    if len(table.header) < 3 or any(len(c.text.split()) > 5 or not c.text.strip() for c in table.header[1:]):
        return False
    row, line = next(((r, ln) for r, ln in zip(table.rows, table.row_lines, strict=False)
                      if r and _RECOMMENDING_LABEL.search(r[0].text) and not _NOT_RECOMMENDED.search(r[0].text)),
                     (None, 0))
    if row is None or len(row) < len(table.header):
        return False
    named = [choice.mentioned(c.text) for c in row[1:len(table.header)]]
    if not all(named) or len({o.id for opts in named for o in opts}) < 2:
        return False
    qid, values = _columns_question(doc, ctx, table)
    source = cite(doc, line, confidence=0.7, quote=" | ".join(c.text.strip() for c in row))
    for col, (value, head_cell, opts) in enumerate(zip(values, table.header[1:], named, strict=False), start=1):
        when = f'{qid} == "{value}"'
        for o in opts:
            n = sum(1 for r in ctx.records.recommendations if r.option == o.id) + 1
            ctx.records.recommendations.append(Recommendation(
                f"{o.id}/rec{n}", o.id, ex.parse(when), when, "normal" if len(opts) == 1 else "weak",
                f"{row[0].text.strip()}: {row[col].text.strip()} ({head_cell.text.strip()}).", source))
    return True


def _columns_question(doc: Document, ctx: Context, table: Table) -> tuple[str, list[str]]:
    """The question whose answers are a table's columns (`Which of these describes your case: node
    capabilities?` — Single Node, Multi-Node …), named by its first header unless that is generic
    (`Criteria`), then by its section: its id and the answers' values, column by column."""
    head = table.header[0].text.strip()
    sec = next((x for x in doc.sections if x.anchor == table.section), None)
    name = head if not _GENERIC_HEADER.match(head) else (sec.title if sec is not None and sec.level else doc.title)
    values: list[str] = []
    choices = []
    for c in table.header[1:]:
        label = c.text.strip()
        value = value_id(label)
        while value in values:
            value += "-2"
        values.append(value)
        choices.append(Choice(value, label, tuple(v for v in word_forms(label) if v != value), (),
                              cite(doc, table.line, confidence=0.7, quote=label)))
    qid = ident(name)
    ask(ctx, Question(qid, f"Which of these describes your case: {in_sentence(name)}?", "choice", tuple(choices),
                      tuple(word_forms(name)[:1]), "", None, "", ctx.next_order(),
                      cite(doc, table.line, confidence=0.7, quote=" | ".join(c.text.strip() for c in table.header))))
    return qid, values


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
    alternatives = {o.page for o in choice.options if o.page}
    for link in doc.links:
        if link.kind in ("unsafe", "asset") or (link.kind == "anchor" and link.resolved == doc.path):
            continue
        if link.resolved in alternatives:
            continue  # the page of another alternative is not this option's guide
        owner = choice.by_section(link.section, link.line)
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


def _sentence_with(doc: Document, link: Link) -> str:
    """The sentence on the link's line that holds its text ('' if none)."""
    for p in doc.paragraphs:
        if p.section == link.section and p.line <= link.line <= p.line + len(p.breaks):
            for _, text in sentences(p.text):
                if link.text and link.text in text:
                    return text
    return ""


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
    choice, others, near = find_choice(doc)
    top = next((sec for sec in doc.sections if sec.level == 1), None)
    st.page_heads[doc.path] = (doc.title, top.line if top is not None and top.title == doc.title else 1)
    if choice is None or _facets_of_the_page(choice, doc.title):
        choice = sibling_choice(doc, ctx.titles) or choice
    if choice is None:
        opening = {"", top.anchor} if top is not None else {""}
        if any(p.section in opening and p.kind == "paragraph" and announcing(p.text) for p in doc.paragraphs):
            st.page_announces.add(doc.path)
        for n in near[:3]:  # the first few per page: enough to act on, and light to carry across processes
            st.near.append((doc.path, n.line, f"near miss: {n.what} — {n.why}"))
        return
    variant_by: dict[str, list[str]] = {}
    for table in doc.tables:
        matrix = _matrix(doc, ctx, choice, table)
        for oid, qid in matrix.items():
            variant_by.setdefault(oid, []).append(qid)
        if not matrix and not _recommending_row(doc, ctx, choice, table) and not _option_rows(doc, ctx, choice, table) \
                and not _feature_columns(doc, ctx, choice, table) and not _lookup_grid(doc, ctx, choice, table):
            _features(doc, ctx, choice, table)
    for sec in others:
        note(ctx, doc.path, sec.line, f"“{sec.title or doc.title}” also presents alternatives; only one choice per "
                                      f"page is used ({choice.options[0].title} …)")
    _linked_alternatives(doc, ctx, choice)
    if "flowchart" in choice.signals:
        _flowchart_advice(doc, ctx, choice)
    choice.links = frozenset(lk.resolved for lk in doc.links if lk.kind in ("page", "anchor") and lk.resolved
                             and lk.resolved != doc.path)
    choice.title, choice.headings = doc.title, len(doc.sections)
    st.choices[doc.path] = choice
    for o in choice.options:
        ctx.records.options.append(Option(
            o.id, o.title, o.summary, "", tuple(variant_by.get(o.id, ())),
            _synonyms(o) + (_DEFAULT_NAMES if _the_default(doc, o) else ()), (), ctx.next_order(),
            cite(doc, o.line, o.section, confidence=o.confidence, quote=o.title)))
        _only_in_title(doc, ctx, o)
    _section_links(doc, ctx, choice)
    _supported_with(doc, ctx, choice)


_NAME = re.compile(r"^[`*_]*[A-Za-z][\w.+/-]*(?:\s+[A-Za-z0-9][\w.+/-]*){0,3}[`*_]*$")
"""A name in a list of them (`Istio`, `Gloo Edge`, `Gateway API`): a few words, no sentence."""
_SUPPORT_QUESTION = "works_with"


def _names_listed(text: str) -> list[str]:
    """The names a list item gives, comma-separated (`Istio, Linkerd, App Mesh`), else []."""
    parts = [p.strip().strip("`*_").strip() for p in re.split(r",\s*|\s+and\s+", text.strip().rstrip("."))]
    return parts if len(parts) >= 2 and all(p and _NAME.match(p) for p in parts) else []


def _named_item(choice: PageChoice, lead: str) -> str | None:
    """The alternative a list item's bold lead names (`**Blue/Green**` → `Blue/Green Deployments`): the one whose
    title holds its words and shares most of them."""
    said = set(content_stems(lead))
    best, score = None, 0.0
    for o in choice.options:
        title = set(content_stems(o.title))
        if said and said <= title and len(said) / len(title) > score:
            best, score = o.id, len(said) / len(title)
    return best


def _supported_with(doc: Document, ctx: Context, choice: PageChoice) -> None:
    """Alternatives presented with a nested item naming what each works with (`**Blue/Green**` → `Kubernetes
    CNI, Istio, Linkerd, …`): a choice question of those names, each alternative requiring one of its own —
    when the lists differ and share names, so the names sort the alternatives."""
    lists: dict[str, tuple[int, dict[str, str]]] = {}  # option id → (line, answer value → the name as written)
    items = [p for p in doc.paragraphs if p.kind == "item"]
    for k, p in enumerate(items[:-1]):
        nested = items[k + 1]
        oid = _named_item(choice, p.lead) if p.lead else None
        if oid and oid not in lists and nested.within[0] != p.within[0] and p.line < nested.line <= p.line + 3 \
                and (names := _names_listed(nested.text)):
            lists[oid] = (nested.line, {value_id(n, limit=3): n for n in names})
    if len(lists) < 2:
        return
    sets = [set(named) for _, named in lists.values()]
    every = set().union(*sets)
    if all(s == every for s in sets) or not any(a & b for i, a in enumerate(sets) for b in sets[i + 1:]):
        return  # the same everywhere (says nothing), or disjoint (the parts of each, not what each works with)
    shown: dict[str, str] = {}
    for _, named in lists.values():
        for v, n in named.items():
            shown.setdefault(v, n)
    line = min(at for at, _ in lists.values())
    source = cite(doc, line, confidence=0.6, quote=", ".join(shown.values()))
    names = list(shown.values())
    asked = f"Which of these do you use ({', '.join(names[:3])}{', …' if len(names) > 3 else ''})?"
    ask(ctx, Question(_SUPPORT_QUESTION, asked, "choice",
                      tuple(Choice(v, n, (), (), source) for v, n in shown.items()),
                      ("works with", "used with"), "", None, "", ctx.next_order(), source))
    recs = ctx.records.constraints
    titles = {o.id: o.title for o in choice.options}
    for oid, (at, named) in lists.items():
        if set(named) == every:
            continue  # works with every one: nothing to require
        when = f"{_SUPPORT_QUESTION} in [{', '.join(chr(34) + v + chr(34) for v in named)}]"
        said = ", ".join(named.values())
        recs.append(Constraint(f"{oid}/{ctx.next_number(recs, oid)}", oid, "requires", ex.parse(when), when,
                               f"{titles[oid]} works with {said}.", cite(doc, at, confidence=0.6, quote=said)))


_ONLY_IN_TITLE = re.compile(r"\((?:[^()]*,\s*)?(?P<what>[A-Z][\w.+-]*(?:\s[A-Z0-9][\w.+-]*)?)\s+only\)")
"""`Video Acceleration API (VA-API, Linux only)`: a name that says where alone the alternative works."""


def _only_in_title(doc: Document, ctx: Context, o: Candidate) -> None:
    """An alternative named with `(… Linux only)` requires that: a yes/no question of its own."""
    m = _ONLY_IN_TITLE.search(o.title)
    if m is None:
        return
    what = m.group("what")
    qid = ident(what)
    source = cite(doc, o.line, confidence=0.7, quote=o.title)
    ask(ctx, Question(qid, f"Will you run it on {what}?", "yesno",
                      yes_no(source),
                      (what.lower(),), "", None, "", ctx.next_order(), source))
    recs = ctx.records.constraints
    n = ctx.next_number(recs, o.id)
    recs.append(Constraint(f"{o.id}/{n}", o.id, "requires", ex.parse(qid), qid, f"{o.title}: {what} only.", source))


def _facets_of_the_page(choice: PageChoice, title: str) -> bool:
    """Whether every alternative a page presents is named with the page's own title (`DB-less mode with
    Kubernetes`, `DB-less mode limitations` on `DB-less mode`): facets of the page's subject, not a choice."""
    own = set(content_stems(title)) - {stem(w) for w in GENERIC}
    return bool(own) and all(own <= set(content_stems(o.title)) for o in choice.options)


MAX_SIBLINGS = 8
"""More pages titled alike than this are a catalogue (plugins, integrations), not a choice."""


def sibling_choice(doc: Document, titles: dict[str, str]) -> PageChoice | None:
    """A page that is one of a folder's pages all titled as one kind of thing (`Agent Architecture`,
    `Aggregator Architecture`, `Unified Architecture`), with no index page to introduce them, and that
    weighs its own subject under a heading (`When to use this architecture`, `DB-less mode limitations`): the folder
    lays out a choice one page per alternative. This page's text is about its own option; the others are
    on their pages, named where this one compares itself with them (`consider the aggregator
    architecture`)."""
    folder = posixpath.dirname(doc.path)
    pages = sorted(p for p in titles if posixpath.dirname(p) == folder)
    if doc.path not in pages or not 2 <= len(pages) <= MAX_SIBLINGS \
            or any(INDEX_PAGE.match(posixpath.basename(p)) for p in pages):
        return None
    if not any(sec.level and (FIT.match(sec.title.strip()) or side_label(sec.title.strip())) for sec in doc.sections):
        return None
    words = [set(content_stems(titles[p])) for p in pages]
    shared = set.intersection(*words)  # the kind of thing they are, however common a word (`mode`)
    if any(len(titles[p].split()) > 5 for p in pages) or not shared or not all(w - shared for w in words):
        return None
    options = []
    for path in pages:
        title = titles[path]
        if path != doc.path:
            options.append(Candidate(option_ident(title), title, 1, None, 0.5, page=path))
            continue
        text = " ".join(sec.text for sec in doc.sections if sec.text)
        summary = next((s for _, s in sentences(text)), "")
        options.append(Candidate(option_ident(title), title, doc.sections[0].line or 1, doc.sections[0], 0.5,
                                 scope={sec.anchor for sec in doc.sections}, summary=summary))
    choice = PageChoice(doc.path, None, "pages", options, {sec.anchor for sec in doc.sections}, 0.5, ("sibling_pages",))
    _name(choice)
    return choice


_ALTERNATIVE = re.compile(r"\b(?:the|an?|other|another)\s+alternatives?\b|\balternatively\b|\binstead\b|"
                          r"\b(?:we|it|you)\s+(?:can\s+)?also\s+(?:support|offer|provide|use|choose)s?\b|"
                          r"\b(?:is|are)\s+also\s+(?:supported|offered|available)\b", re.I)
"""Words that offer what a sentence names beside the choice: `the alternative is …`, `we also support …`."""


def _linked_alternatives(doc: Document, ctx: Context, choice: PageChoice) -> None:
    """`The alternative is [external databases](external.md)`: a sentence naming another page as the
    alternative, or as a better fit than the choice's own (`[streams](./streams) may be a better option`), adds that
    page, under its title, as one more option (0.6)."""
    known = {o.title.lower() for o in choice.options}
    titled = {t.lower(): path for path, t in ctx.titles.items() if t}
    for link in doc.links:
        if link.kind != "page" and link.text.lower() in titled:  # `[SQLite3]` to the project's site, beside a page
            link = replace(link, kind="page", resolved=titled[link.text.lower()])  # of that title: that page
        if link.kind != "page" or not link.resolved or link.resolved == doc.path or link.resolved not in ctx.titles:
            continue
        sentence = _sentence_with(doc, link)
        m = _ALTERNATIVE.search(sentence)
        at = sentence.find(link.text)
        better = at >= 0 and pt.BETTER_FIT.match(sentence[at + len(link.text):]) is not None
        if not (m and at >= m.start() or better) or choice.mentioned(link.text):
            continue
        title = ctx.titles[link.resolved]
        if title.lower() in known:
            continue
        known.add(title.lower())
        cand = Candidate(option_ident(title), title, link.line, None, 0.6, span=(0, 0), summary=sentence,
                         page=link.resolved)
        choice.options.append(cand)
        _name(choice)
        _doclink(doc, ctx, cand, link, "", link.line, 0.6, sentence)  # its page is its guide


_YES_NO = {"yes": True, "y": True, "true": True, "no": False, "n": False, "false": False}


def _flowchart_advice(doc: Document, ctx: Context, choice: PageChoice) -> None:
    """A decision tree drawn as a flowchart: each asking node is a question whose answers are its edges'
    labels (yes / no, or a choice), and each way from the top to an alternative advises that alternative
    when every answer on it holds. An alternative titled like a page of the same folder (`QEMU` beside
    `qemu.md` titled `QEMU`) has that page as its guide, so what the page requires is its own."""
    names = {o.title.lower(): o for o in choice.options}
    for chart in fc.charts(doc.source):
        ends = [n for n in decision_tree(chart) if chart.nodes[n].label.lower() in names]
        if not ends:
            continue
        qids: dict[str, str] = {}
        for node in chart.nodes:
            if not asks(chart, node):
                continue
            n = chart.nodes[node]
            answers = [e.label for e in chart.out(node) if e.label]
            yesno = bool(answers) and all(a.lower() in _YES_NO for a in answers)
            source = cite(doc, n.line, confidence=0.75, quote=n.label)
            text = n.label if n.label.endswith("?") else f"Which {in_sentence(n.label.rstrip(':. '))}?"
            choices = () if yesno else tuple(dict.fromkeys(
                Choice(value_id(a) or ident(a), a, tuple(word_forms(a)[:2]), (), source) for a in answers))
            qids[node] = ask(ctx, Question(ident(n.label), text, "yesno" if yesno else "choice", choices,
                                           tuple(word_forms(n.label)[:1]), "", None, "", ctx.next_order(), source))
        for end in ends:
            o = names[chart.nodes[end].label.lower()]
            for path in chart.paths(end):
                when = []
                for e in path:
                    if e.source not in qids or not e.label:
                        continue
                    answer = _YES_NO.get(e.label.lower())
                    qid = qids[e.source]
                    when.append(qid if answer is True else f"not {qid}" if answer is False
                                else f'{qid} == "{value_id(e.label) or ident(e.label)}"')
                if not when:
                    continue
                words = " → ".join(f"{chart.nodes[e.source].label}: {e.label}" for e in path if e.label)
                source = cite(doc, chart.nodes[end].line, confidence=0.7, quote=f"{words} → {o.title}")
                rec = ctx.records.recommendations
                # a need the reader does not mention is one they do not have: the `No` way, weakly, without it
                plain = [w for w in when if not w.startswith("not ")]
                for cond, strength in ((when, "normal"), (plain, "weak")):
                    if strength == "weak" and (len(plain) == len(when) or not plain):
                        continue
                    k = sum(1 for r in rec if r.option == o.id) + 1
                    rec.append(Recommendation(f"{o.id}/rec{k}", o.id, ex.parse(" and ".join(cond)), " and ".join(cond),
                                              strength, f"{words} → {o.title}", source))
    folder = posixpath.dirname(doc.path)
    for o in choice.options:
        page = next((p for p, t in ctx.titles.items() if t.lower() == o.title.lower() and p != doc.path
                     and posixpath.dirname(p) == folder), None)
        if page is not None:
            link = Link(doc.path, o.line, 1, o.title, posixpath.relpath(page, folder or "."), "page", page, "",
                        doc.section_at(o.line).anchor)
            _doclink(doc, ctx, o, link, "", o.line, 0.6, o.title)


_DEFAULT_TITLE = re.compile(r"\(\s*default\s*\)|^default\b|\bdefault$", re.I)
_DEFAULT_SAID = re.compile(r"^(?:this|it)\s+is\s+the\s+default\b|\bby\s+default\b[^.;]{0,50}\buses?\s+(?:it|this)\b|"
                           r"^(?:this|it)\s+is\s+(?:used|enabled|selected|installed)\s+by\s+default\b", re.I)
_DEFAULT_NAMES = ("default", "the default", "defaults", "the defaults")


def _the_default(doc: Document, o: Candidate) -> bool:
    """Whether the docs say the alternative is the one used when nothing is chosen (`Embedded SQLite (Default)`,
    `This is the default`, `by default the distribution uses it`, `If set to branch (the default), …`): readers
    name it `the default`."""
    if _DEFAULT_TITLE.search(o.title.strip()):
        return True
    own = [p for p in doc.paragraphs if (o.scope and p.section in o.scope and (o.section is None or p.line > o.section.line))
           or (o.span != (0, 0) and o.span[0] <= p.line <= o.span[1])]
    named = re.compile(rf"\b{re.escape(o.title.strip())}`?\s*\((?:the\s+|is\s+the\s+)?default\)", re.I)
    return any(_DEFAULT_SAID.search(s.strip()) or named.search(s) for p in own[:3] for _, s in sentences(p.text))


def _synonyms(o: Candidate) -> tuple[str, ...]:
    words = [t for t in tokens(o.title) if o.runs and stem(t) in set(o.runs[0])]
    out = list(dict.fromkeys(word_forms(" ".join(words))[:3])) if words else []
    for what in pt.done_without(o.title):  # `DB-less mode` is the one without a database
        out = [w for w in out if w not in (what, f"{what}-less", f"{what}less")]  # `DB` alone names no DB-less
        out += [f"no {what}", f"without {what}", f"without a {what}", f"{what}-less", f"{what}less"]
    return tuple(dict.fromkeys(out))
