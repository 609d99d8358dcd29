"""Signal `flowchart`: a drawn decision tree whose end nodes are the alternatives.

A Mermaid flowchart whose branching nodes ask (a diamond, or a node whose edges carry answers) and whose
end nodes name what to use: the end nodes are the alternatives — 0.7 when the chart is announced as a way
to choose (`See the following flowchart to choose …`) or its nodes say so (`Executor selection`), else 0.5
(a process chart may branch too: another signal must agree). A chart whose edges carry no answers draws a
process, not a choice.
"""

from __future__ import annotations

import re

from fingerpost.kb.extract.choices.scan import MAX_ALTERNATIVES, Item, Proposal, Scan
from fingerpost.kb.extract.flowchart import Chart, charts
from fingerpost.kb.records import Document

_CHOOSING = re.compile(r"\b(?:choos\w*|choice|which|select\w*|decid\w*|decision|pick|recommend\w*)\b", re.I)


def asks(chart: Chart, node: str) -> bool:
    """Whether a node asks: drawn as a diamond, or branching on answers."""
    out = chart.out(node)
    return (chart.nodes[node].decision and bool(out)) or (len(out) >= 2 and all(e.label for e in out))


def decision_tree(chart: Chart) -> list[str]:
    """The end nodes of a chart that draws a choice (none when no node asks), one per name."""
    if not any(asks(chart, n) for n in chart.nodes):
        return []
    seen: dict[str, str] = {}
    for n in chart.leaves():
        seen.setdefault(chart.nodes[n].label.lower(), n)
    return list(seen.values()) if 2 <= len(seen) <= MAX_ALTERNATIVES else []


def signal(doc: Document, scan: Scan) -> None:
    for chart in charts(doc.source):
        ends = decision_tree(chart)
        if not ends:
            continue
        lead = chart.before.strip().rsplit("\n\n", 1)[-1]
        cued = bool(_CHOOSING.search(lead)) or any(_CHOOSING.search(n.label) for n in chart.nodes.values())
        sec = doc.section_at(chart.line)
        items = [Item(chart.nodes[n].label, chart.nodes[n].line, None, (chart.nodes[n].line, chart.nodes[n].line))
                 for n in ends]
        scan.propose(Proposal("flowchart", sec if sec.level else None, items, 0.7 if cued else 0.5,
                              "a flowchart whose branches answer questions and whose ends name what to use", "flowchart"))
