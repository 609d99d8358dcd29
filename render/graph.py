"""The decision graph as JSON (networkx node-link data), DOT and Mermaid.

Docs and sections are left out of DOT and Mermaid unless asked for: the picture is about the
decision. Labels are escaped for each format.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

import networkx as nx

__all__ = ["graph_json", "graph_dot", "graph_mermaid", "decision_subgraph", "wrap"]

DECISION_KINDS = ("decision", "question", "answer", "option", "constraint", "recommendation", "prerequisite",
                  "tradeoff", "term")
SHAPES = {"question": "diamond", "answer": "ellipse", "option": "box", "constraint": "note",
          "recommendation": "cds", "prerequisite": "folder", "tradeoff": "plain", "term": "plaintext",
          "decision": "doubleoctagon", "doc": "tab", "section": "component"}


def graph_json(kb: Any) -> dict[str, Any]:
    """networkx node-link data; every node has `kind`, `title` and `source`."""
    data = nx.node_link_data(kb.graph, edges="links")
    data["graph"] = {"root": str(kb.root), "title": kb.decision.title if kb.decision else ""}
    return data


def wrap(text: str, width: int = 28) -> list[str]:
    """Long titles broken into lines for diagrams."""
    return textwrap.wrap(" ".join(str(text).split()), width=width, break_long_words=True) or [""]


def decision_subgraph(kb: Any, include_docs: bool = False) -> Any:
    keep = DECISION_KINDS + (("doc", "section") if include_docs else ())
    nodes = [n for n, d in kb.graph.nodes(data=True) if d.get("kind") in keep]
    return kb.graph.subgraph(nodes)


def _dot_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("{", "\\{").replace(
        "}", "\\}").replace("<", "\\<").replace(">", "\\>").replace("|", "\\|")


def graph_dot(kb: Any, include_docs: bool = False) -> str:
    """DOT source of the decision graph."""
    g = decision_subgraph(kb, include_docs)
    lines = ["digraph decision {", '  rankdir=LR;', '  node [fontname="Helvetica", fontsize=10];',
             '  edge [fontname="Helvetica", fontsize=9];']
    for n, d in g.nodes(data=True):
        label = "\\n".join(_dot_escape(line) for line in wrap(d.get("title", n)))
        tip = _dot_escape(f"{d.get('kind')} — {d.get('source', '')}")
        lines.append(f'  "{_dot_escape(n)}" [label="{label}", shape={SHAPES.get(d.get("kind"), "box")}, tooltip="{tip}"];')
    for u, v, d in g.edges(data=True):
        lines.append(f'  "{_dot_escape(u)}" -> "{_dot_escape(v)}" [label="{_dot_escape(d.get("kind", ""))}"];')
    lines.append("}")
    return "\n".join(lines)


def _mermaid_id(node: str, ids: dict[str, str]) -> str:
    if node not in ids:
        ids[node] = "n" + str(len(ids)) + "_" + re.sub(r"[^A-Za-z0-9_]", "_", node)[:40]
    return ids[node]


def _mermaid_label(text: str) -> str:
    escaped = "".join(f"#{ord(ch)};" if ch in '"<>#&{}[]()|`' else ch for ch in " ".join(str(text).split()))
    return '"' + "<br/>".join(wrap(escaped, 32)) + '"'


def graph_mermaid(kb: Any, include_docs: bool = False) -> str:
    """Mermaid flowchart of the decision graph."""
    g = decision_subgraph(kb, include_docs)
    ids: dict[str, str] = {}
    brackets = {"question": ("{", "}"), "option": ("[", "]"), "answer": ("([", "])"), "constraint": ("[/", "/]"),
                "recommendation": ("[[", "]]"), "prerequisite": ("[(", ")]")}
    lines = ["flowchart LR"]
    for n, d in g.nodes(data=True):
        left, right = brackets.get(d.get("kind"), ("[", "]"))
        lines.append(f"  {_mermaid_id(n, ids)}{left}{_mermaid_label(d.get('title', n))}{right}")
    for u, v, d in g.edges(data=True):
        lines.append(f"  {_mermaid_id(u, ids)} -->|{d.get('kind', '')}| {_mermaid_id(v, ids)}")
    return "\n".join(lines)
