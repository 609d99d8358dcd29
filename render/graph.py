"""The decision graph as JSON (networkx node-link data), DOT and Mermaid, for `fingerpost graph`.

DOT and Mermaid draw the same Scene as `fingerpost diagram --kind decision` (render.decision)
without facts, plus prerequisites, trade-offs and terms; docs and sections only when asked for.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from fingerpost.render.decision import ALL_KINDS, decision_scene
from fingerpost.render.dot import to_dot
from fingerpost.render.mermaid import to_mermaid
from fingerpost.render.scene import Scene, wrap

__all__ = ["graph_json", "graph_dot", "graph_mermaid", "graph_scene", "wrap"]


def graph_json(kb: Any) -> dict[str, Any]:
    """networkx node-link data; every node has `kind`, `title` and `source`."""
    data = nx.node_link_data(kb.graph, edges="links")
    data["graph"] = {"root": str(kb.root), "title": kb.decision.title if kb.decision else ""}
    return data


def graph_scene(kb: Any, include_docs: bool = False) -> Scene:
    """The whole decision graph, uncoloured; docs and sections too with `include_docs`."""
    return decision_scene(kb, None, kinds=ALL_KINDS + (("doc", "section") if include_docs else ()))


def graph_dot(kb: Any, include_docs: bool = False) -> str:
    """DOT source of the decision graph."""
    return to_dot(graph_scene(kb, include_docs))


def graph_mermaid(kb: Any, include_docs: bool = False) -> str:
    """Mermaid flowchart of the decision graph."""
    return to_mermaid(graph_scene(kb, include_docs))
