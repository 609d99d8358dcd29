"""A diagram as plain data: boxes, groups and labelled edges, before any output format.

The architecture and decision renderers build a Scene from the KnowledgeBase and an
Assessment; `render.dot` and `render.mermaid` turn the same Scene into DOT and Mermaid, so the
two formats cannot disagree about what is drawn.

    >>> s = Scene("Example", nodes=(Node("a", "Load balancer", "load-balancer"),), groups=(), edges=())
    >>> s.node("a").title
    'Load balancer'
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["Node", "Group", "Edge", "Scene", "wrap", "one_line", "safe_ids", "STATES"]

STATES = ("normal", "chosen", "ruled_out", "violated", "open", "conditional", "muted")
"""How an item is emphasised: on the user's path, ruled out, the reason for that, not decided yet,
drawn only for some answers, not chosen."""


@dataclass(slots=True, frozen=True)
class Node:
    """A box in the picture."""

    id: str
    """Identifier, unique in the scene (any text; each format makes its own safe ids)."""
    title: str
    """Main label."""
    kind: str
    """What it is (`node`, `load-balancer`, `question`, `option`…); picks the shape."""
    subtitle: str = ""
    """Smaller second label (e.g. `2 of 4`, `you said 3`)."""
    group: str = ""
    """Id of the group it is drawn in ('' for none)."""
    state: str = "normal"
    """One of STATES."""
    tooltip: str = ""
    """Shown on hover in SVG: what it is and where the content says so."""


@dataclass(slots=True, frozen=True)
class Group:
    """A cluster of nodes drawn inside one frame."""

    id: str
    """Identifier, unique in the scene."""
    title: str
    """Frame label."""
    parent: str = ""
    """Enclosing group ('' at the top)."""
    state: str = "normal"
    """One of STATES."""


@dataclass(slots=True, frozen=True)
class Edge:
    """An arrow between two nodes, or between a node and the frame of a group."""

    source: str
    """Node id it starts at."""
    target: str
    """Node id it ends at."""
    label: str = ""
    """Text on the arrow."""
    state: str = "normal"
    """One of STATES."""
    tooltip: str = ""
    """Shown on hover in SVG."""
    source_group: str = ""
    """When set, the arrow starts at this group's frame (the node is one of its members)."""
    target_group: str = ""
    """When set, the arrow ends at this group's frame (the node is one of its members)."""


@dataclass(slots=True, frozen=True)
class Scene:
    """Everything one diagram shows."""

    title: str
    """Caption drawn above the picture."""
    nodes: tuple[Node, ...]
    """Boxes, in drawing order."""
    groups: tuple[Group, ...]
    """Frames, parents before children."""
    edges: tuple[Edge, ...]
    """Arrows."""
    subtitle: str = ""
    """Second caption line (e.g. the facts the picture follows)."""
    direction: str = "LR"
    """`LR` (left to right) or `TB` (top to bottom)."""
    legend: tuple[tuple[str, str], ...] = field(default=())
    """(state, explanation) pairs worth explaining under the picture."""
    ranks: tuple[tuple[str, ...], ...] = field(default=())
    """Sets of node ids drawn side by side (the instances of one component)."""

    def node(self, nid: str) -> Node:
        for n in self.nodes:
            if n.id == nid:
                return n
        raise KeyError(nid)


def one_line(text: str) -> str:
    """Whitespace (newlines too) folded to single spaces; control characters dropped."""
    return " ".join("".join(ch for ch in str(text) if ch.isprintable() or ch.isspace()).split())


def wrap(text: str, width: int = 28) -> list[str]:
    """Long titles broken into lines: whitespace (newlines too) is folded first."""
    return textwrap.wrap(one_line(text), width=width, break_long_words=True,
                         break_on_hyphens=False) or [""]


def safe_ids(names: Iterable[str], prefix: str) -> dict[str, str]:
    """Identifiers for DOT and Mermaid: `prefix` + the name's letters and digits, made unique."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for name in names:
        base = prefix + (re.sub(r"[^A-Za-z0-9_]+", "_", name).strip("_") or "x")
        safe, i = base, 2
        while safe in used:
            safe, i = f"{base}_{i}", i + 1
        used.add(safe)
        out[name] = safe
    return out
