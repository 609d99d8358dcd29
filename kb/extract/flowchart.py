"""Mermaid flowcharts in a page: nodes, labelled edges, and the decision tree they draw.

Docs often draw the choice instead of writing it: a `flowchart` whose diamond nodes ask (`Host OS`),
whose edges answer (`-- "Windows" -->`, `-->|Yes|`) and whose end nodes are the alternatives. This
module reads such charts from a page's text (no rendering); kb.extract.choices.flowchart proposes
their end nodes as the alternatives and kb.extract.structure turns each path into advice.

    >>> chart = charts("```mermaid\\nflowchart\\n  a{Host?} -- Linux --> b[One]\\n  a -->|Mac| c[Two]\\n```\\n")[0]
    >>> [(chart.nodes[e.source].label, e.label, chart.nodes[e.target].label) for e in chart.edges]
    [('Host?', 'Linux', 'One'), ('Host?', 'Mac', 'Two')]
    >>> [chart.nodes[n].label for n in chart.leaves()]
    ['One', 'Two']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Node", "Edge", "Chart", "charts", "label_text"]

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})\s*mermaid\b[^\n]*\n(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$",
                    re.M | re.S)
_HEADER = re.compile(r"^\s*(?:flowchart|graph)\b", re.I)
_SKIP = re.compile(r"^\s*(?:%%|subgraph\b|end\b|style\b|classDef\b|class\b|click\b|linkStyle\b|acc\w+\s*:|direction\b)",
                   re.I)
_NODE = re.compile(r"(?P<id>[A-Za-z_][\w-]*)\s*(?:(?P<open>\[\[|\[\(|\[/|\[\\|\[|\(\(\(|\(\(|\(\[|\(|\{\{|\{|>)"
                   r"(?P<label>\"[^\"]*\"|[^\]\)\}\"]*?)(?:\]\]|\]\)|\)\]|/\]|\\\]|\)\)\)|\)\)|\}\}|\]|\)|\}))?"
                   r"(?::::\w+)?")
_EDGE = re.compile(r"\s*(?:(?:--|==|-\.)\s*(?:\"(?P<q>[^\"]*)\"|(?P<t>[^-=.>|\"][^>|\"]*?))\s*(?:-->|==>|\.->|---)"
                   r"|(?:-->|==>|-\.->|---|===|-\.-|--o|--x)\s*(?:\|\s*\"?(?P<p>[^|\"]*)\"?\s*\|)?)\s*")
_AMP = re.compile(r"\s*&\s*")
_BREAK = re.compile(r"<br\s*/?>", re.I)
_ENTITY = re.compile(r"#(\d+);")
_STATEMENT_END = re.compile(r"(?<!#\d)(?<!#\d\d)(?<!#\d\d\d);")
"""A `;` ends a statement, unless it ends an entity (`#40;`)."""


@dataclass(slots=True)
class Node:
    id: str
    label: str
    decision: bool
    """Drawn as a diamond (`{…}`): a question."""
    line: int
    """Line where it is first labelled (else first named)."""


@dataclass(slots=True)
class Edge:
    source: str
    target: str
    label: str
    line: int


@dataclass(slots=True)
class Chart:
    line: int
    """Line of the opening fence."""
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    before: str = ""
    """The text just above the chart (what announces it)."""

    def out(self, node: str) -> list[Edge]:
        return [e for e in self.edges if e.source == node]

    def leaves(self) -> list[str]:
        """Nodes reached by an edge and leading nowhere, in the order they are first drawn."""
        sources = {e.source for e in self.edges}
        targets = {e.target for e in self.edges}
        return [n for n in self.nodes if n in targets and n not in sources]

    def roots(self) -> list[str]:
        targets = {e.target for e in self.edges}
        return [n for n in self.nodes if n not in targets and self.out(n)]

    def paths(self, leaf: str, limit: int = 20) -> list[list[Edge]]:
        """Every way from a root to `leaf`, as the edges taken (acyclic; at most `limit`)."""
        found: list[list[Edge]] = []

        def back(node: str, taken: list[Edge], seen: frozenset[str]) -> None:
            if len(found) >= limit:
                return
            into = [e for e in self.edges if e.target == node and e.source not in seen]
            if not into:
                found.append(list(reversed(taken)))
                return
            for e in into:
                back(e.source, [*taken, e], seen | {e.source})

        back(leaf, [], frozenset({leaf}))
        return found


def label_text(raw: str) -> str:
    """A node or edge label as words: no quotes, line breaks, entities (`#40;` is `(`) or markup."""
    text = raw.strip().strip('"').strip()
    text = _ENTITY.sub(lambda m: chr(int(m.group(1))), _BREAK.sub(" ", text))
    text = re.sub(r"[*_`]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _node(chart: Chart, m: re.Match[str], line: int) -> str:
    nid, label = m.group("id"), m.group("label")
    known = chart.nodes.get(nid)
    if label is not None and label.strip():
        text = label_text(label)
        if known is None or known.label == known.id:
            chart.nodes[nid] = Node(nid, text, m.group("open") in ("{", "{{"), line)
    elif known is None:
        chart.nodes[nid] = Node(nid, nid, False, line)
    return nid


def _parse_line(chart: Chart, text: str, line: int) -> None:
    pos, previous, edge_label = 0, [], ""
    while pos < len(text):
        group = []
        while True:
            m = _NODE.match(text, pos)
            if m is None or not m.group("id"):
                return
            group.append(_node(chart, m, line))
            pos = m.end()
            amp = _AMP.match(text, pos)
            if amp is None or amp.end() == pos:
                break
            pos = amp.end()
        for source in previous:
            for target in group:
                chart.edges.append(Edge(source, target, edge_label, line))
        edge = _EDGE.match(text, pos)
        if edge is None or edge.end() == pos:
            return
        edge_label = label_text(edge.group("q") or edge.group("t") or edge.group("p") or "")
        previous, pos = group, edge.end()


def charts(source: str) -> list[Chart]:
    """The flowcharts drawn in a page's text (`source`), with their nodes and edges."""
    if "mermaid" not in source:
        return []
    out = []
    for fence in _FENCE.finditer(source):
        body = fence.group("body")
        first = source.count("\n", 0, fence.start()) + 1
        lines = body.split("\n")
        head = next((i for i, t in enumerate(lines) if t.strip()), None)
        if head is None or not _HEADER.match(lines[head]):
            continue
        chart = Chart(first, before=source[max(0, fence.start() - 400):fence.start()])
        for i, text in enumerate(lines[head + 1:], start=head + 1):
            for part in _STATEMENT_END.split(text):
                if part.strip() and not _SKIP.match(part):
                    _parse_line(chart, part.strip(), first + 1 + i)
        out.append(chart)
    return out
