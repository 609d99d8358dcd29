"""The guides and the checklist that apply to an option for the facts: doc links and prerequisites.

    >>> [d.title for d in docs_for(kb, "k8s-ha-rke", {"internet": "airgap"})]     # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fingerpost.kb import expr as ex
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.links import classify
from fingerpost.kb.records import DocLink, Prerequisite

__all__ = ["docs_for", "prerequisites_for"]


def docs_for(kb: KnowledgeBase, oid: str, facts: Mapping[str, Any]) -> list[DocLink]:
    """Doc links of an option (and its ancestors) that apply for the facts; unknown conditions excluded."""
    out, seen = [], set()
    depth = {o.id: i for i, o in enumerate(kb.lineage(oid))}
    # the guide for the user's answers first, then the option's own pages, then pages for every option
    ordered = sorted(kb.doclinks_for(oid), key=lambda d: (d.when is None, depth.get(d.option, len(depth))))
    for d in ordered:
        if d.when is not None and ex.evaluate(d.when, facts) is not True:
            continue
        if classify(d.href) == "unsafe":
            continue  # `fingerpost lint` reports it; no front end may hand it on
        href = kb.href(d.href)
        if href not in seen:
            seen.add(href)
            out.append(d)
    return out


def prerequisites_for(kb: KnowledgeBase, oid: str, facts: Mapping[str, Any]) -> list[Prerequisite]:
    """The checklist for an option: prerequisites that apply (dependencies first)."""
    return [p for p in kb.prerequisites_for(oid) if p.when is None or ex.evaluate(p.when, facts) is True]
