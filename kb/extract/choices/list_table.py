"""Signal `list_table`: a table of a name column and a description, one row per alternative.

Rows whose first cell is a short name (not code: flags, keys and paths are settings) and whose
other cells describe it: 0.4 alone; 0.7 when a sentence just before the table announces the
alternatives; +0.15 when the first header names a kind of alternative (`Deployment Type`, `Pattern`);
+0.1 when most descriptions weigh their row (what it is for, what it needs). A table of more than
three columns is a list only when its first header names such a kind (else it is a matrix).
Reference tables of settings have neither, and are reported as near misses only when announced.
"""

from __future__ import annotations

import re

from fingerpost.kb.extract.choices.cues import ANNOUNCE, ASIDE, CODEISH, weighs
from fingerpost.kb.extract.choices.scan import Item, Proposal, Scan
from fingerpost.kb.read import Table
from fingerpost.kb.records import Document

_KIND_HEADER = re.compile(r"\b(?:types?|kinds?|modes?|patterns?|options?|methods?|topolog(?:y|ies)|strateg(?:y|ies)|"
                          r"approach(?:es)?|models?|tiers?|editions?|flavou?rs?|variants?|architectures?|setups?|"
                          r"deployments?)\s*$", re.I)
"""A first header naming the kind of thing each row is (`Deployment Type`, `Pattern`)."""
KIND = 0.15


def _before(doc: Document, table: Table) -> str:
    """The text of the paragraph just before the table in its section ('' when there is none)."""
    prev = [p for p in doc.paragraphs if p.section == table.section and p.line < table.line]
    return prev[-1].text if prev and table.line - (prev[-1].line + len(prev[-1].breaks)) <= 3 else ""


def signal(doc: Document, scan: Scan) -> None:
    for table in doc.tables:
        kind = bool(_KIND_HEADER.search(table.header[0].text.strip())) if table.header else False
        if not 2 <= len(table.header) <= (5 if kind else 3) or not 2 <= len(table.rows) <= 15:
            continue
        names = [row[0].text.strip() if row else "" for row in table.rows]
        texts = [" ".join(c.text for c in row[1:]) for row in table.rows]
        if not all(names) or any(len(n.split()) > 5 or CODEISH.search(n) or ASIDE.match(n) for n in names):
            continue
        lengths = sorted(len(t.split()) for t in texts)
        if lengths[len(lengths) // 2] < 5:
            continue  # short cells: a comparison or a lookup, not descriptions
        announced = bool(ANNOUNCE.search(_before(doc, table)) or ANNOUNCE.search(table.header[0].text))
        conf = (0.7 if announced else 0.4) + (KIND if kind else 0.0) + (0.1 if sum(map(weighs, texts)) * 2 >= len(texts) else 0.0)
        sec = scan.section(table.section)
        items = [Item(n, line, None, (line, line), t) for n, line, t in zip(names, table.row_lines, texts, strict=False)]
        scan.propose(Proposal("list_table", sec if sec.level else None, items, round(conf, 2),
                              "a table naming alternatives in its first column and describing them", "rows"))
