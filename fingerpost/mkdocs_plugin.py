"""The MkDocs plugin: a ```` ```fingerpost ```` block on any page becomes the interactive decision.

    # mkdocs.yml                              <!-- docs/choose.md -->
    plugins:                                  ```fingerpost
      - search                                kb: docs/replication
      - fingerpost                            title: Choose a replication setup
                                              priorities: [durability]
                                              ```

A block whose YAML holds only BLOCK_KEYS (or nothing) is the plugin's; an annotation block of a
decision pack (`option:`, `question:` …) is left alone. At build time the block is replaced by
`fingerpost html --fragment`'s output (render.html), minus its inline style and script: those are
written once into the site as `assets/fingerpost/fingerpost.css` and `.js` and added to every page,
so a site whose Content-Security-Policy allows only its own scripts and styles shows it — the
decision's data stays in the block as text in a `<template>`, which nothing runs. The style
takes the theme's colours and fonts through CSS custom properties (mkdocs-material's `--md-*`,
light and dark schemes; the default theme's Bootstrap text and background colours, but not its
light-blue links, which fall short of WCAG AA contrast: the page's own accent is kept there).
Doc links to pages of the site are rewritten to those pages' URLs. Without JavaScript the whole
decision reads as nested disclosure sections.

A page may hold several blocks: each gets its own key (`fp`, `fp2` … in page order, `block_key`)
for its element ids and its part of the address, so their answers never mix. The script starts
every block on the page once, and again on each page mkdocs-material's `navigation.instant` swaps
in (its `document$`). `mkdocs serve` watches the knowledge-base folders
the pages use; fingerpost's build cache makes the rebuild cheap.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.utils import get_relative_url

__all__ = ["FingerpostPlugin", "BLOCK_KEYS", "ASSETS", "THEME_CSS", "block_key"]

log = logging.getLogger("mkdocs.plugins.fingerpost")

BLOCK_KEYS = frozenset({"kb", "pack", "title", "priorities", "diagrams", "exclude"})
ASSETS = "assets/fingerpost"
_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})[ \t]*fingerpost[ \t]*\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.M | re.S)
_TOKEN = "FINGERPOSTBLOCK{}X"

THEME_CSS = """
.fingerpost{--fp-ink:var(--md-typeset-color,var(--bs-body-color,#1f2328));--fp-muted:var(--md-default-fg-color--light,#57606a);--fp-accent:var(--md-typeset-a-color,#0a58ca);--fp-line:var(--md-default-fg-color--lighter,var(--bs-border-color,#d0d7de));--fp-soft:var(--md-code-bg-color,#f6f8fa);--fp-bg:var(--md-default-bg-color,var(--bs-body-bg,#fff));font-family:var(--md-text-font-family,inherit)}
.fingerpost button{background:var(--fp-bg)}
.fingerpost button:hover{background:var(--fp-soft)}
.fingerpost .fp-cite,.fingerpost .fp-cli code{font-family:var(--md-code-font-family,ui-monospace,Menlo,Consolas,monospace)}
.fingerpost .fp-notice{color:#1f2328}
"""
"""Rules added after the page's own style: the theme's colours and fonts, with the page's as fallbacks."""


class FingerpostConfig(Config):
    kb = opt.Optional(opt.Type(str))
    """Default docs folder or Markdown file for blocks without `kb:` (relative to mkdocs.yml; default: docs_dir)."""
    diagrams = opt.Type(bool, default=True)
    """Architecture pictures (when Graphviz `dot` is installed)."""
    exclude = opt.ListOfItems(opt.Type(str), default=[])
    """Files to skip when reading a knowledge base (as `--exclude`)."""


def block_key(index: int) -> str:
    """The key of a page's `index`-th block (from 0): `fp`, then `fp2`, `fp3` …"""
    return "fp" if index == 0 else f"fp{index + 1}"


def _options(body: str) -> dict[str, Any] | None:
    """The block's options, or None when the block is not the plugin's (an annotation block)."""
    try:
        data = yaml.safe_load(body) if body.strip() else {}
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict) or not set(map(str, data)) <= BLOCK_KEYS:
        return None
    return data


class FingerpostPlugin(BasePlugin[FingerpostConfig]):
    """`plugins: [fingerpost]`; see the module docstring."""

    def __init__(self) -> None:
        self._used: set[Path] = set()
        self._blocks: dict[str, list[dict[str, Any]]] = {}
        self._assets: tuple[str, str] | None = None

    # ---- configuration ---------------------------------------------------------------------------------------
    def on_config(self, config: Any) -> Any:
        css, js = f"{ASSETS}/fingerpost.css", f"{ASSETS}/fingerpost.js"
        if css not in config.extra_css:
            config.extra_css.append(css)
        if js not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(js)
        return config

    def _base(self, config: Any) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def _kb_path(self, options: dict[str, Any], config: Any) -> Path | None:
        if options.get("pack"):
            from fingerpost.content import default_path

            root = default_path().parent / str(options["pack"])
            if not root.is_dir():
                raise PluginError(f"fingerpost: no embedded pack `{options['pack']}` — leave `pack:` out, or give "
                                  "`kb: PATH` (a docs folder)")
            return root
        given = options.get("kb") or self.config.kb
        path = (self._base(config) / str(given)) if given else Path(config.docs_dir)
        return path.resolve()

    # ---- pages -----------------------------------------------------------------------------------------------
    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Any) -> str:
        blocks: list[dict[str, Any]] = []

        def swap(m: re.Match[str]) -> str:
            options = _options(m.group("body"))
            if options is None:
                return m.group(0)
            blocks.append(options)
            return "\n" + _TOKEN.format(len(blocks) - 1) + "\n"

        out = _FENCE.sub(swap, markdown)
        if blocks:
            self._blocks[page.file.src_uri] = blocks
        return out

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        blocks = self._blocks.pop(page.file.src_uri, [])
        for i, options in enumerate(blocks):
            token = _TOKEN.format(i)
            fragment = self._render(options, block_key(i), page, config, files)
            html = html.replace(f"<p>{token}</p>", fragment).replace(token, fragment)
        return html

    def _render(self, options: dict[str, Any], key: str, page: Any, config: Any, files: Any) -> str:
        from fingerpost.kb.cache import build
        from fingerpost.kb.errors import FingerpostError
        from fingerpost.render.html import HtmlOptions, build_page
        from fingerpost.render.html_diagrams import diagrams_available

        root = self._kb_path(options, config)
        if root is None or not root.exists():
            raise PluginError(f"fingerpost: {page.file.src_uri}: the knowledge base `{root}` does not exist — "
                              "give `kb:` relative to mkdocs.yml")
        self._used.add(root if root.is_dir() else root.parent)
        priorities = options.get("priorities") or []
        if isinstance(priorities, str):
            priorities = [priorities]
        try:
            kb, _ = build(root, exclude=[*self.config.exclude, *(options.get("exclude") or [])])
            errors = [p for p in kb.problems if p.severity == "error"]
            if errors:
                log.warning(f"fingerpost: {root}: {len(errors)} errors in the content (`fingerpost lint` lists them)")
            kb = _site_links(kb, root, page, config, files)
            diagrams = bool(options.get("diagrams", self.config.diagrams)) and diagrams_available()
            made = build_page(kb, HtmlOptions(title=str(options.get("title") or ""), fragment=True, diagrams=diagrams,
                                              priorities=tuple(map(str, priorities)), key=key))
        except FingerpostError as exc:
            raise PluginError(f"fingerpost: {page.file.src_uri}: {exc}") from None
        return self._split(made.html)

    def _split(self, fragment: str) -> str:
        """The fragment without its inline style and script, which go into the site's asset files."""
        style = re.search(r"<style>(.*?)</style>\n?", fragment, re.S)
        script = re.search(r"<script>(.*?)</script>", fragment, re.S)
        if style is None or script is None:
            raise PluginError("fingerpost: the decision fragment has an unexpected shape — please report this")
        self._assets = (style.group(1) + THEME_CSS, script.group(1))
        return fragment[:style.start()] + fragment[style.end():script.start()] + fragment[script.end():]

    # ---- site --------------------------------------------------------------------------------------------------
    def on_post_build(self, *, config: Any) -> None:
        if self._assets is None:  # no page has a block: still write the files the pages link to
            from fingerpost.kb.files import default_content
            from fingerpost.kb.pipeline import compile_path
            from fingerpost.render.html import HtmlOptions, build_page

            self._split(build_page(compile_path(default_content() / "index.md"),
                                   HtmlOptions(fragment=True, diagrams=False)).html)
        assert self._assets is not None
        folder = Path(config.site_dir) / ASSETS
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "fingerpost.css").write_text(self._assets[0], encoding="utf-8")
        (folder / "fingerpost.js").write_text(self._assets[1], encoding="utf-8")

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        docs = Path(config.docs_dir).resolve()
        for folder in sorted(self._used):
            if docs != folder and docs not in folder.parents:
                server.watch(str(folder))  # a page's decision changes when its docs do
        return server


def _site_links(kb: Any, root: Path, page: Any, config: Any, files: Any) -> Any:
    """Doc links that name a page of this site, as that page's URL from `page`; others as they are."""
    docs = Path(config.docs_dir).resolve()
    folder = root if root.is_dir() else root.parent
    try:
        inside = folder.relative_to(docs).as_posix()
    except ValueError:
        return kb  # the knowledge base is not part of the site: links keep its docs_base_url
    inside = "" if inside == "." else inside + "/"

    def url(href: str, declared: str) -> str:
        if not href or "://" in href or href.startswith(("#", "mailto:", "/")):
            return href
        target, _, anchor = href.partition("#")
        for candidate in (inside + target, inside + str(Path(declared).parent / target)):
            f = files.get_file_from_path(str(Path(candidate)).replace("\\", "/"))
            if f is not None:
                return get_relative_url(f.url, page.url) + (f"#{anchor}" if anchor else "")
        return href

    links = [replace(d, href=url(d.href, d.source.path)) for d in kb.doclinks]
    prereqs = {k: replace(p, href=url(p.href, p.source.path)) for k, p in kb.prerequisites.items()}
    decision = replace(kb.decision, docs_base_url="") if kb.decision else None
    return replace(kb, doclinks=links, prerequisites=prereqs, decision=decision)
