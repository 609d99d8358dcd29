"""Resolve links between pages: relative `.md`, anchors, Hugo-style links and front-matter aliases.

A link never leads outside the knowledge-base root: `../` escapes are reported, not followed.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import unquote

from fingerpost.kb.errors import Diagnostic
from fingerpost.kb.records import Link, PageInfo

__all__ = ["resolve", "classify", "link_problems", "LinkIndex", "LinkDigest", "LINK_SEVERITY",
           "SAFE_SCHEMES"]

LINK_SEVERITY = {
    "missing-page": ("error", "broken-link", "links to a page that does not exist: {target} — fix the path"),
    "missing-anchor": ("warning", "broken-anchor",
                       "the page {page} exists but has no section `#{anchor}` — link to an existing heading"),
    "unresolved": ("warning", "unresolved-link",
                   "cannot find a page for the site link {target} — link the .md file instead"),
    "outside-root": ("error", "outside-root",
                     "link {target} leads outside the documentation folder; it was not followed — link inside the tree"),
    "unsafe": ("error", "unsafe-link", "link {target} uses a scheme that is not allowed; it will be dropped — use http(s)"),
}
"""Link kinds lint reports: severity, code and message."""

SAFE_SCHEMES = ("http://", "https://", "mailto:")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_ASSET = re.compile(r"\.(png|jpe?g|gif|svg|webp|pdf|zip|gz|txt|ya?ml|json|sh)$", re.I)
_PAGE_EXT = (".md", ".mdx")
_GENERIC_TAILS = frozenset({"index", "_index", "readme", "docs", "latest", "next"})


class LinkIndex:
    """What pages exist, by path and by alias, which anchors each has, and their titles.

    Built from every page's PageInfo, in page order (a later page's alias wins).
    """

    def __init__(self, pages: Iterable[PageInfo]) -> None:
        self.anchors: dict[str, frozenset[str]] = {}
        self.aliases: dict[str, str] = {}
        self.titles: dict[str, str] = {}
        for page in pages:
            self.anchors[page.path] = page.anchors
            self.titles[page.path] = page.title
            for alias in page.aliases:
                self.aliases[alias.strip("/").lower()] = page.path

    def find_page(self, rel: str) -> str:
        """The page a site path names, trying Hugo and Docusaurus conventions; '' if none."""
        rel = rel.strip("/")
        if rel in self.anchors:
            return rel
        base = rel.rsplit("/", 1)[-1]
        for cand in (rel + ".md", rel + ".mdx", f"{rel}/index.md", f"{rel}/_index.md", f"{rel}/{base}.md",
                     f"{rel}/README.md"):
            if cand in self.anchors:
                return cand
        return ""

    def find_under_prefix(self, rel: str) -> str:
        """The page a site path names when the site serves these docs under a prefix
        (`/docs/tempo/latest/plan/size/` → `plan/size.md`): the longest tail of the path that
        names a page; '' if none. A lone tail like `index` names nothing."""
        parts = [p for p in rel.strip("/").split("/") if p]
        for start in range(1, len(parts)):
            tail = parts[start:]
            if len(tail) == 1 and tail[0].lower() in _GENERIC_TAILS:
                return ""
            page = self.find_page("/".join(tail))
            if page:
                return page
        return ""


def classify(target: str) -> str:
    """`external`, `unsafe`, `anchor` or `relative` for a link target as written."""
    t = re.sub(r"[\t\n\r]", "", target).strip()  # browsers drop these inside URLs: java\tscript: is javascript:
    if t.startswith("#"):
        return "anchor"
    m = _SCHEME.match(t)
    if m:
        return "external" if t.lower().startswith(SAFE_SCHEMES) or m.group(1).lower() in ("ftp", "tel") else "unsafe"
    if t.startswith("//"):
        return "external"
    return "relative"


def _as(link: Link, kind: str, resolved: str | None = None, anchor: str | None = None) -> Link:
    """The link with a new kind (and target page and anchor): `dataclasses.replace`, without its
    generic cost, which showed in builds of many pages."""
    return Link(link.path, link.line, link.col, link.text, link.target, kind,
                link.resolved if resolved is None else resolved, link.anchor if anchor is None else anchor,
                link.section)


def resolve(link: Link, index: LinkIndex) -> Link:
    """The link with its kind and target page worked out against `index`."""
    target = link.target.strip()
    kind = classify(target)
    if not target:
        return _as(link, kind="missing-page")
    if kind in ("external", "unsafe"):
        return _as(link, kind=kind)
    path_part, _, anchor = target.partition("#")
    path_part = unquote(path_part.split("?", 1)[0])
    anchor = unquote(anchor)
    if kind == "anchor":
        ok = anchor in index.anchors.get(link.path, set())
        return _as(link, kind="anchor" if ok else "missing-anchor", resolved=link.path, anchor=anchor)
    if path_part.startswith("/"):
        joined = posixpath.normpath(path_part.lstrip("/")) if path_part.strip("/") else "."
        from_root = True
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(link.path), path_part))
        from_root = False
    if joined == ".." or joined.startswith("../"):
        return _as(link, kind="outside-root", anchor=anchor)
    if _ASSET.search(path_part):
        return _as(link, kind="asset", resolved=joined, anchor=anchor)
    if joined.endswith(_PAGE_EXT):
        if joined not in index.anchors:
            return _as(link, kind="missing-page", resolved=joined, anchor=anchor)
        page = joined
    else:
        page = index.find_page(joined)
        if not page and not from_root:
            # Hugo-era links are often written relative to the site root.
            root_rel = posixpath.normpath(path_part.strip("/")) if path_part.strip("/") else ""
            page = index.find_page(root_rel) if root_rel and not root_rel.startswith("..") else ""
        if not page:
            page = index.aliases.get(path_part.strip("/").lower(), "")
        if not page and from_root:
            page = index.find_under_prefix(joined)
        if not page:
            return _as(link, kind="unresolved", resolved=joined, anchor=anchor)
    if anchor and anchor not in index.anchors.get(page, set()):
        return _as(link, kind="missing-anchor", resolved=page, anchor=anchor)
    return _as(link, kind="page", resolved=page, anchor=anchor)


def link_problems(path: str, links: Iterable[Link]) -> Iterator[Diagnostic]:
    """What lint says of a page's resolved links: broken pages and anchors, links outside the
    tree, unsafe schemes."""
    for link in links:
        if link.kind in LINK_SEVERITY:
            severity, code, msg = LINK_SEVERITY[link.kind]
            text = msg.format(target=link.target, page=link.resolved, anchor=link.anchor)
            yield Diagnostic(path, link.line, link.col, severity, code, text)


def _site_link(link: Link) -> bool:
    """A resolved link written as a site path (`../install/`), not as a file: a new page may win it."""
    target = link.target.strip().split("#", 1)[0].split("?", 1)[0]
    return link.kind in ("page", "missing-anchor") and bool(target) and not target.endswith(_PAGE_EXT)


@dataclass(slots=True, frozen=True)
class LinkDigest:
    """What a build needs of a page's resolved links, without the links (a page has dozens)."""

    problems: tuple[Diagnostic, ...]
    """What lint says of them."""
    edges: int
    """`links-to` edges they add to the graph: one per page or anchor link."""
    targets: tuple[str, ...]
    """The other pages its page and anchor links lead to, once per link (inbound counts)."""
    reach: frozenset[str]
    """Every page its links name, found or not: a change there can change how they resolve."""
    fragile: bool
    """It has a link a page added elsewhere could win: one that did not resolve, or a site path."""

    @classmethod
    def of(cls, path: str, links: Sequence[Link]) -> LinkDigest:
        followed = [link for link in links if link.kind in ("page", "anchor")]
        return cls(tuple(link_problems(path, links)), len(followed),
                   tuple(link.resolved for link in followed if link.resolved != path),
                   frozenset(link.resolved for link in links if link.resolved),
                   any(link.kind in ("unresolved", "missing-page") or _site_link(link) for link in links))
