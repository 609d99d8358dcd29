"""Signal `bold_bullets`: a list whose items each open with a bold name and weigh that alternative.

`- **Solo**: … useful for getting started …`, `- **Ring**: … plan for at least three …`: 0.35, and
0.5 when at least half the items weigh their alternative (what it is for, what it needs); +0.15
when each links a guide page of its own. Paragraphs that open with a bold name (after an icon:
`📖 **helm**: …`) count as items too, and so do labels standing alone over the text that follows
each (`**Quickstart**:` then steps). Alone it
is not enough (glossaries look alike); a title that announces a choice, or a table whose columns
name the same things, must agree.
"""

from __future__ import annotations

from typing import Any

from fingerpost.kb.extract.choices.cues import ASIDE, CODEISH, lead_name, weighs
from fingerpost.kb.extract.choices.scan import Item, Proposal, Scan
from fingerpost.kb.records import Document


def _paragraph_runs(doc: Document) -> list[list[tuple[Any, Item]]]:
    """Runs of consecutive paragraphs of one section that each open with a bold name."""
    runs: list[list[tuple[Any, Item]]] = []
    run: list[tuple[Any, Item]] = []
    for p in doc.paragraphs:
        if p.kind == "paragraph" and p.lead and (not run or run[-1][0].section == p.section):
            run.append((p, Item("", p.line, None, (p.line, p.line + len(p.breaks)), p.text)))
            continue
        if p.kind in ("paragraph", "item") or (run and run[-1][0].section != p.section):
            if len(run) >= 2:
                runs.append(run)
            run = [(p, Item("", p.line, None, (p.line, p.line + len(p.breaks)), p.text))] if (
                p.kind == "paragraph" and p.lead) else []
    if len(run) >= 2:
        runs.append(run)
    return runs


def _label_only(p: Any) -> bool:
    """A paragraph that is nothing but a bold label (`**Quickstart**:`): a heading in all but markup."""
    return p.kind == "paragraph" and bool(p.lead) and p.text.strip(" :.-–—*_") == p.lead.strip(" :.-–—*_")


def _label_runs(doc: Document) -> list[list[tuple[Any, Item]]]:
    """Labels standing alone over the text that follows each (a list, steps, prose), two or more in one
    section: each item runs from its label to the next label or the section's end."""
    by_section: dict[str, list[Any]] = {}
    for p in doc.paragraphs:
        by_section.setdefault(p.section, []).append(p)
    runs = []
    for paragraphs in by_section.values():
        at = [i for i, p in enumerate(paragraphs) if _label_only(p)]
        if len(at) < 2 or len(at) == len(paragraphs) or any(j - i < 2 for i, j in zip(at, at[1:], strict=False)):
            continue  # labels with nothing under them (or only labels) are a list of names, read elsewhere
        run = []
        for k, i in enumerate(at):
            body = paragraphs[i + 1:at[k + 1] if k + 1 < len(at) else len(paragraphs)]
            label = paragraphs[i]
            end = max((b.line + len(b.breaks) for b in body), default=label.line)  # the last label may end the section
            run.append((label, Item("", label.line, None, (label.line, end), " ".join(b.text for b in body))))
        runs.append(run)
    return runs


def _own_guides(doc: Document, items: list[tuple[Any, Item]]) -> bool:
    """Whether most items link a page of their own (each alternative has its guide)."""
    targets = []
    for _, it in items:
        found = {lk.resolved for lk in doc.links if lk.kind in ("page", "anchor") and lk.resolved != doc.path
                 and it.span[0] <= lk.line <= it.span[1]}
        targets.append(found)
    linked = [t for t in targets if t]
    distinct = len({frozenset(t) for t in linked}) == len(linked)
    return distinct and len(linked) * 3 >= 2 * len(items)


def signal(doc: Document, scan: Scan) -> None:
    for items in [*scan.lists(), *_paragraph_runs(doc), *_label_runs(doc)]:
        led = [(first, it) for first, it in items if first.lead and len(first.lead.split()) <= 6
               and not ASIDE.match(first.lead) and not CODEISH.search(first.lead)]
        if len(led) < 2 or len(led) * 3 < len(items) * 2 or len(items) > 12:
            continue
        weighed = sum(1 for _, it in led if weighs(it.text))
        conf = (0.5 if weighed * 2 >= len(led) else 0.35) + (0.15 if _own_guides(doc, led) else 0.0)
        sec = scan.section(items[0][0].section)
        scan.propose(Proposal("bold_bullets", sec if sec.level else None,
                              [Item(lead_name(first.text, first.lead), it.line, None, it.span, it.text) for first, it in led],
                              conf, "list items that open with a bold name" + (" and weigh it" if conf > 0.4 else ""),
                              "list"))
