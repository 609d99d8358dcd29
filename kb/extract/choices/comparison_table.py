"""Signal `comparison_table`: a table whose columns (or rows) are the alternatives.

Columns: two or more header cells that are short names, and cells that are marks (✓/✗, yes/no,
emoji, low/medium/high), whatever the first header says: 0.5; short text under headers that
name alternatives found elsewhere on the page (a matrix): 0.5; 0.75 when a column is the page's own
subject (a page weighing what it documents against the alternatives). Rows: the first column names things found elsewhere on the page (headings or bold
names) and the cells are marks: 0.5. A table whose column headers name alternatives another
signal found on the page agrees with it (the combination is what makes it a choice). Columns are
not alternatives when the row labels are marks or repeat (`🥇 | acme | 📄 | …`): such a table lists
entries, one per row.
"""

from __future__ import annotations

import re
from typing import Any

from fingerpost.kb.extract.choices.cues import ASIDE, CODEISH
from fingerpost.kb.extract.choices.scan import Item, Proposal, Scan
from fingerpost.kb.extract.words import content_stems, sentences
from fingerpost.kb.read import Cell
from fingerpost.kb.records import Document

MARK = re.compile(r"^(yes|no|y|n|✓|✔|✗|✘|x|—|–|-|partial|wip|beta|alpha|experimental|preview|planned|deprecated|partly|limited|n/?a|supported|not supported|"
                  r"required|optional|none|some|full|low|medium|high|very \w+|good|better|best|poor|fair|"
                  r"easy|hard|simple|complex|[\u2600-\u27bf\U0001f300-\U0001faff\ufe0f]+(\s.*)?)$", re.I)
"""Cells that rate or tick rather than describe."""
FOOTNOTE = re.compile(r"\[\^[^\]]*\]")
"""A footnote reference (`Supported[^win]`) and the brackets of a bare reference link (`[WIP]`) around a cell."""


def _mark(cell: str) -> bool:
    return bool(MARK.match(FOOTNOTE.sub("", cell).strip().removeprefix("[").removesuffix("]")))
NOTES = re.compile(r"^(?:(?:support|additional|other|more)\s+)?(?:notes?|comments?|remarks?|details?|descriptions?|"
                   r"explanations?|reasons?|caveats?|more info(?:rmation)?|references?|links?|see also)$", re.I)
"""A column that comments on its rows (`Support Notes`): not one of the alternatives."""


def notes_column(header: str) -> bool:
    """Whether a table column comments on its rows (`Notes`, `**Support Notes**`) — it is not an alternative."""
    return bool(NOTES.match(header.strip().strip("*_").strip()))
KIND = 0.15
"""More sure when the rows' first header names what the page's title names (`Hypervisor` on `Hypervisors`)."""
MAX_COLUMNS = 12
MAX_ROWS = 60
"""A longer table is a reference listing, not a comparison (and keeps the signal linear)."""


def _names_elsewhere(doc: Document, scan: Scan) -> set[str]:
    out = {" ".join(content_stems(s.title)) for s in doc.sections if s.level}
    out |= {" ".join(content_stems(p.lead)) for p in doc.paragraphs if p.lead}
    return {n for n in out if n}


def _named(name: str, known: set[str]) -> bool:
    words = content_stems(name)
    key = " ".join(words)
    return bool(words) and any(key == k or (set(words) <= set(k.split())) for k in known)


def _headers_are_the_choice(title: str, header: list) -> bool:
    """Column headers the section's title names (`Raft vs. PostgreSQL`) or that each link a page of
    their own: the columns are the alternatives, even when the cells describe at length."""
    stems = set(content_stems(title))
    if len(header) >= 2 and all(set(content_stems(c.text)) and set(content_stems(c.text)) <= stems for c in header):
        return True
    return _linked_pages(header)


def _linked_pages(cells: list) -> bool:
    """Whether each cell links a page of its own, and no two the same page (`[Docker](docker.md)`,
    `[Local](local.md)`): the row labels are alternatives documented one page each."""
    pages = [c.links[0].split("#")[0] for c in cells if c.links]
    return len(cells) >= 2 and len(pages) == len(cells) and all(pages) and len(set(pages)) == len(pages)


def _linked_sections(doc: Document, cells: list) -> bool:
    """Whether most cells (two in three) link a heading of this page each, no two the same
    (`[QEMU](#qemu)`): the row labels are alternatives that each have a section of their own below."""
    anchors = {s.anchor for s in doc.sections if s.level}
    linked = [c.links[0][1:] for c in cells if c.links and c.links[0].startswith("#") and c.links[0][1:] in anchors]
    return len(cells) >= 2 and len(linked) * 3 >= 2 * len(cells) and len(set(linked)) == len(linked)


def _row_item(doc: Document, name: str, cell: Cell, line: int) -> Item:
    """A row's alternative; one whose name links a heading of this page (`[QEMU](#qemu)`) is that section's."""
    links = cell.links
    own = next((s for s in doc.sections if s.level and links and links[0] == f"#{s.anchor}"), None)
    return Item(name, own.line, own) if own is not None else Item(name, line, None, (line, line))


def _kind_titled(doc: Document, header: str) -> bool:
    """Whether the first header names what the page's title names (`Hypervisor` under `Hypervisors`):
    each row is one of the things the page is about."""
    said = set(content_stems(header))
    return bool(said) and said == set(content_stems(doc.title))


def _the_setting(doc: Document, header: str) -> bool:
    """Whether the first header is the page's title word for word (`devtool` on `Devtool`): a page about one
    setting, the table giving a row to each of its values. A title naming a kind (`Executors`) over a table
    headed `Executor` is not one: its columns may be the things compared."""
    said = header.strip().strip("*_`").strip().lower()
    return bool(said) and said == doc.title.strip().strip("`").strip().lower()


_COMPARES = re.compile(r"\b(?:compar(?:es|ing|ison)|summari[sz]es the differences|(?:the )?differences between|side by side)\b",
                       re.I)
"""A sentence that says the table after it compares what its columns name."""


def _introduced(doc: Document, table: Any) -> bool:
    """Whether the paragraph just before a table, in its section, says the table compares (`The following table
    summarizes the differences between each option.`): its columns are the alternatives, whatever their cells."""
    before = [p for p in doc.paragraphs if p.section == table.section and p.line < table.line]
    said = [s for _, s in sentences(before[-1].text)] if before else []
    return bool(said) and bool(_COMPARES.search(said[-1]))


def signal(doc: Document, scan: Scan) -> None:
    known: set[str] | None = None
    for table in doc.tables:
        if len(table.header) < 3 or not 2 <= len(table.rows) <= MAX_ROWS or len(table.header) > MAX_COLUMNS + 1:
            continue
        kept = [i for i, c in enumerate(table.header[1:], start=1) if not notes_column(c.text)]
        heads = [table.header[i].text.strip() for i in kept]
        cells = [row[i].text.strip() for row in table.rows for i in kept if i < len(row)]
        if len(heads) < 2 or not cells or not all(heads) or any(len(h.split()) > 5 or CODEISH.search(h) for h in heads):
            continue
        marks = sum(1 for c in cells if _mark(c))
        short = sorted(len(c.split()) for c in cells)[len(cells) // 2] <= 4
        sec = scan.section(table.section)
        if not (marks * 2 >= len(cells) or short):
            if _headers_are_the_choice(sec.title, table.header[1:]):
                scan.propose(Proposal("comparison_table", sec if sec.level else None,
                                      [Item(h, table.line) for h in heads], 0.5,
                                      "a table describing, side by side, the alternatives its section's title names "
                                      "or whose columns link a page each", "table"))
            continue
        where = sec if sec.level else None
        if known is None:
            known = _names_elsewhere(doc, scan)
        rows = [row[0].text.strip() if row else "" for row in table.rows]
        firsts = [row[0] for row in table.rows if row]
        paged = _linked_pages(firsts) or _linked_sections(doc, firsts)
        if not paged and _the_setting(doc, table.header[0].text) and all(rows) and len(set(rows)) == len(rows):
            # `devtool | performance | production` on the page `Devtool`: the rows are the values of its setting
            items = [_row_item(doc, r, first, line) for r, first, line in zip(rows, firsts, table.row_lines, strict=False)
                     if not ASIDE.match(r)]
            scan.propose(Proposal("comparison_table", where, items, round(0.5 + KIND, 2),
                                  "a table rating each value of what the page documents, one per row", "rows"))
            continue
        if marks * 2 >= len(cells) and all(rows) and (paged or sum(_named(r, known) for r in rows) * 3 >= 2 * len(rows)) \
                and sum(_named(h, known) for h in heads) * 2 < len(heads):
            items = [_row_item(doc, r, first, line) for r, first, line in zip(rows, firsts, table.row_lines, strict=False)
                     if not ASIDE.match(r)]
            kind = KIND if table.header and _kind_titled(doc, table.header[0].text) else 0.0
            scan.propose(Proposal("comparison_table", where, items, round((0.6 if paged else 0.5) + kind, 2),
                                  "a table rating things that each have a page or a section of their own, one per row"
                                  if paged else "a table rating the things the page names, one per row", "rows"))
            continue
        if sum(1 for r in rows if r and not MARK.match(r)) * 2 < len(rows) or len(set(rows)) * 2 < len(rows):
            continue  # row labels that are marks or repeat (`🥇`, `🥈`): each row is an entry of a listing, not a feature
        named_heads = sum(_named(h, known) for h in heads) * 3 >= 2 * len(heads)
        said = _introduced(doc, table)
        if marks * 2 < len(cells) and not named_heads and not said:
            continue  # short text under headers that name nothing else on the page: a lookup, not a comparison
        conf = 0.6 if said else 0.5  # alone, a feature matrix may be a reference: a title, a list or headings must agree
        if marks * 2 >= len(cells) and any(_named(doc.title, {" ".join(content_stems(h))}) or _named(h, {" ".join(content_stems(doc.title))})
               for h in heads):
            conf = max(conf, 0.75)  # the page weighs its own subject against the other columns
        scan.propose(Proposal("comparison_table", where, [Item(h, table.line) for h in heads], conf,
                              "a table comparing its columns", "table"))
