"""Signal `bold_bullets`: a list whose items each open with a bold name and weigh that alternative.

`- **Solo**: … useful for getting started …`, `- **Ring**: … plan for at least three …`: 0.35, and
0.5 when at least half the items weigh their alternative (what it is for, what it needs). Alone it
is not enough (glossaries look alike); a title that announces a choice, or a table whose columns
name the same things, must agree.
"""

from __future__ import annotations

from kb.extract.choices import Item, Proposal, Scan
from kb.extract.choices.cues import ASIDE, CODEISH, weighs
from kb.records import Document


def signal(doc: Document, scan: Scan) -> None:
    for items in scan.lists():
        led = [(first, it) for first, it in items if first.lead and len(first.lead.split()) <= 6
               and not ASIDE.match(first.lead) and not CODEISH.search(first.lead)]
        if len(led) < 2 or len(led) * 3 < len(items) * 2 or len(items) > 12:
            continue
        weighed = sum(1 for _, it in led if weighs(it.text))
        conf = 0.5 if weighed * 2 >= len(led) else 0.35
        sec = scan.section(items[0][0].section)
        scan.propose(Proposal("bold_bullets", sec if sec.level else None,
                              [Item(first.lead.strip(" :.-–—"), it.line, None, it.span, it.text) for first, it in led],
                              conf, "list items that open with a bold name" + (" and weigh it" if conf > 0.4 else ""),
                              "list"))
