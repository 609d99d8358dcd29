"""Signal `list_table`: a table of a name column and a description, one row per alternative.

Rows whose first cell is a short name (not code: flags, keys and paths are settings) and whose
other cell describes it: 0.4 alone; 0.7 when a sentence just before the table announces the
alternatives; +0.1 when most descriptions weigh their row (what it is for, what it needs).
Reference tables of settings have neither, and are reported as near misses only when announced.
"""

from __future__ import annotations

from fingerpost.kb.extract.choices.cues import ANNOUNCE, ASIDE, CODEISH, weighs
from fingerpost.kb.extract.choices.scan import Item, Proposal, Scan
from fingerpost.kb.read import Table
from fingerpost.kb.records import Document


def _before(doc: Document, table: Table) -> str:
    """The text of the paragraph just before the table in its section ('' when there is none)."""
    prev = [p for p in doc.paragraphs if p.section == table.section and p.line < table.line]
    return prev[-1].text if prev and table.line - (prev[-1].line + len(prev[-1].breaks)) <= 3 else ""


def signal(doc: Document, scan: Scan) -> None:
    for table in doc.tables:
        if not 2 <= len(table.header) <= 3 or not 2 <= len(table.rows) <= 15:
            continue
        names = [row[0].text.strip() if row else "" for row in table.rows]
        texts = [" ".join(c.text for c in row[1:]) for row in table.rows]
        if not all(names) or any(len(n.split()) > 5 or CODEISH.search(n) or ASIDE.match(n) for n in names):
            continue
        lengths = sorted(len(t.split()) for t in texts)
        if lengths[len(lengths) // 2] < 5:
            continue  # short cells: a comparison or a lookup, not descriptions
        announced = bool(ANNOUNCE.search(_before(doc, table)) or ANNOUNCE.search(table.header[0].text))
        conf = (0.7 if announced else 0.4) + (0.1 if sum(map(weighs, texts)) * 2 >= len(texts) else 0.0)
        sec = scan.section(table.section)
        items = [Item(n, line, None, (line, line), t) for n, line, t in zip(names, table.row_lines, texts, strict=False)]
        scan.propose(Proposal("list_table", sec if sec.level else None, items, round(conf, 2),
                              "a table naming alternatives in its first column and describing them", "rows"))
