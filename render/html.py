"""A decision as one self-contained HTML page (or a fragment to embed in a docs site).

    >>> from fingerpost.kb import compile_path                                   # doctest: +SKIP
    >>> page = build_page(compile_path(), HtmlOptions(diagrams=False)) # doctest: +SKIP
    >>> write_page(page, "site")                                      # doctest: +SKIP
    PosixPath('site/index.html')

The page carries the engine's answers for every reachable combination of answers
(`render.answer_table`), so what it shows for some answers is what `fingerpost ask` says for
them. Its script walks that table; without JavaScript the same table is shown as nested
disclosure sections. Inline CSS and JS only, a Content-Security-Policy that allows nothing
else, all document text escaped (Jinja2 autoescape; JSON without `<`, `>` or `&`, kept in a
`<template>` that no script loader runs), and only http(s) and relative links. Each decision
has a key (`fp` unless given) naming its ids and its part of the address, so several can share
a page.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

from fingerpost.kb.errors import BadOption
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.records import Citation, Decision
from fingerpost.render.answer_table import MAX_STATES, AnswerTable, answer_table
from fingerpost.render.html_data import page_data
from fingerpost.render.html_diagrams import Diagram, diagrams_available, outcome_diagrams
from fingerpost.render.packed import pack
from fingerpost.render.safe import content_security_policy, csp_source, safe_href, script_json
from markupsafe import Markup

__all__ = ["HtmlOptions", "DecisionPage", "build_page", "write_page", "with_docs_base_url", "compact_script",
           "PAGE_NAME", "FRAGMENT_NAME", "BadOption"]

PAGE_NAME = "index.html"
FRAGMENT_NAME = "fingerpost-fragment.html"


@dataclass(slots=True, frozen=True)
class HtmlOptions:
    """How to export."""

    title: str = ""
    """Page title ('' uses the decision's title)."""
    docs_base_url: str = ""
    """Base URL that relative doc links are joined to ('' keeps the decision's own `docs_base_url`)."""
    fragment: bool = False
    """Write a snippet to embed in a docs page instead of a whole page."""
    diagrams: bool = True
    """Include architecture pictures (when Graphviz `dot` is installed)."""
    max_states: int = MAX_STATES
    """Most answered-so-far states to precompute."""
    priorities: tuple[str, ...] = ()
    """Priority order the engine ranks by (as `ask --priority`)."""
    key: str = "fp"
    """The decision's own name on its page: its element ids and its part of the address (`#fp:…`), so that
    several decisions on one page (`fp`, `fp2` …) keep apart."""


@dataclass(slots=True, frozen=True)
class DecisionPage:
    """An exported page."""

    html: str
    """The page (or fragment) text."""
    name: str
    """File name to write it under."""
    script_source: str
    """CSP source for the inline script (`'sha256-…'`), for sites that set their own policy."""
    style_source: str
    """CSP source for the inline style."""
    states: int
    """Number of precomputed states."""
    results: int
    """Number of states that are results."""
    diagrams: int
    """Number of pictures included."""


@functools.lru_cache(maxsize=1)
def _environment() -> Any:
    import jinja2  # start-up: Jinja2 loads only when a page is written

    return jinja2.Environment(loader=jinja2.PackageLoader(__package__, "templates"), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=False, lstrip_blocks=False)


def compact_script(text: str) -> str:
    """The page script without indentation, blank lines and whole-line comments (a fifth of its bytes).

    Only whole lines go: the script writes no string or regular expression across lines, and a
    line that starts with `/*` or `//` is a comment."""
    out, in_comment = [], False
    for line in text.splitlines():
        t = line.strip()
        if in_comment or t.startswith("/*"):
            if "*/" in t and not t.endswith("*/"):
                raise AssertionError(f"the page script has code after a comment: {t!r}")
            in_comment = "*/" not in t
        elif t and not t.startswith("//"):
            out.append(t)
    return "\n".join(out) + "\n"


@functools.cache
def _asset(name: str) -> str:
    text = resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")
    closer = "</script" if name.endswith(".js") else "</style"
    if closer in text.lower() or "<!--" in text:
        raise AssertionError(f"render/templates/{name} must not contain {closer} or <!--")
    return compact_script(text) if name.endswith(".js") else text


def with_docs_base_url(kb: KnowledgeBase, url: str) -> KnowledgeBase:
    """The knowledge base with relative doc links joined to `url` instead of the decision's base."""
    if not url:
        return kb
    if safe_href(url) is None or not url.lower().startswith(("http://", "https://")):
        raise BadOption(f"--docs-base-url `{url}` is not an http(s) address",
                        hint="give the docs site's address, e.g. --docs-base-url https://docs.example.com/")
    decision = kb.decision or Decision("decision", "", "", "", (), Citation(kb.root, 0))
    return replace(kb, decision=replace(decision, docs_base_url=url))


_KEY = re.compile(r"[a-z][a-z0-9]{0,15}")


def _check_key(key: str) -> str:
    """The key when it is a short lower-case name (it goes into ids and the address unescaped)."""
    if not _KEY.fullmatch(key):
        raise BadOption(f"the decision key `{key}` is not a short lower-case name",
                        hint="give letters and digits starting with a letter, e.g. fp2")
    return key


def _tree(table: AnswerTable, data: Mapping[str, Any], outcome_of: Mapping[int, str]) -> dict[str, Any]:
    """The states as nested dicts for the template (question text, answers, result link)."""
    built: dict[int, dict[str, Any]] = {}
    for n in reversed(table.nodes):
        doc = data["nodes"][n.index].get("doc")
        rec = doc["recommendation"] if doc else None
        built[n.index] = {
            "question": n.question.text if n.question else "",
            "kids": [(cls.label, built[child]) for cls, child in n.children],
            "outcome": outcome_of.get(n.index, ""),
            "title": rec["title"] if rec else "",
        }
    return built[0]


def _outcomes(table: AnswerTable, data: Mapping[str, Any], diagrams: Mapping[str, Diagram],
              decision_key: str) -> tuple[list[dict[str, Any]], dict[int, str]]:
    """Result sections for the page without script, and which section each result state links to.

    One section per recommended option (summary, pros and cons), holding one part per distinct
    outcome of it (title naming the variant, checklist, doc links, diagram): results that show
    the same thing share a part. Part ids start with `decision_key`.
    """
    options: dict[str, dict[str, Any]] = {}
    parts: dict[str, dict[str, Any]] = {}
    outcome_of: dict[int, str] = {}
    for n in table.leaves():
        entry = data["nodes"][n.index]
        rec, res = entry["doc"]["recommendation"], entry["result"]
        if rec is None:
            continue
        common = {"title": table.kb.options[rec["id"]].title, "summary": rec["summary"], "pros": res["pros"],
                  "cons": res["cons"]}
        option = options.setdefault(repr(common), {**common, "parts": []})
        part = {"title": rec["title"], "docs": rec["docs"], "checklist": res["checklist"],
                "diagram": diagrams.get(res["diagram"]) if res["diagram"] else None}
        key = repr((common, part))
        if key not in parts:
            parts[key] = {"id": f"{decision_key}-o{len(parts) + 1}", **part}
            option["parts"].append(parts[key])
        outcome_of[n.index] = parts[key]["id"]
    return list(options.values()), outcome_of


def build_page(kb: KnowledgeBase, options: HtmlOptions = HtmlOptions()) -> DecisionPage:
    """Precompute the decision and render the page."""
    kb = with_docs_base_url(kb, options.docs_base_url)
    key = _check_key(options.key)
    if options.max_states < 1:
        raise BadOption("--max-states must be at least 1", hint="give a positive number, e.g. --max-states 5000")
    table = answer_table(kb, options.priorities, options.max_states)
    pictures: list[Diagram] = []
    shown: dict[int, str] = {}
    if options.diagrams and kb.architectures and diagrams_available():
        pictures, shown = outcome_diagrams(kb, table.leaves())
    title = options.title or (kb.decision.title if kb.decision and kb.decision.title else "Decision")
    intro = kb.decision.intro if kb.decision else ""
    data = page_data(table, title, intro, shown)
    outcomes, outcome_of = _outcomes(table, data, {d.id: d for d in pictures}, key)
    for part in (part for o in outcomes for part in o["parts"]):
        if part["diagram"] is not None:
            d = part["diagram"]
            part["diagram"] = {"id": d.id, "svg": Markup(d.svg), "caption": d.caption}
    script, css = _asset("fingerpost.js"), _asset("fingerpost.css")
    heading = 2 if options.fragment else 1
    body = _environment().get_template("decision.html.j2").render(
        title=title, intro=intro, heading=heading, key=key, tree=_tree(table, data, outcome_of),
        outcomes=outcomes, data=Markup(script_json(pack(data))), script=Markup(script))
    if options.fragment:
        html = f"<style>{css}</style>\n{body}\n"
    else:
        csp = content_security_policy([script], [css])
        html = _environment().get_template("page.html.j2").render(
            lang="en", title=title, csp=csp, css=Markup(css), body=Markup(body))
    return DecisionPage(html, FRAGMENT_NAME if options.fragment else PAGE_NAME, csp_source(script), csp_source(css),
                        len(table.nodes), len(table.leaves()), len(pictures))


def write_page(page: DecisionPage, out_dir: str | Path) -> Path:
    """Write the page into `out_dir` (created if needed); returns the file written."""
    from fingerpost.kb.safeio import write_atomic

    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise BadOption(f"cannot write into `{folder}`: it is not a folder", hint="give a folder with -o DIR") from None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / page.name
        write_atomic(target, page.html)  # a planted link is replaced, a full disk leaves the old page
    except OSError as exc:
        raise BadOption(f"cannot write into `{folder}`: {exc.strerror}",
                        hint="give a folder you can write to with -o DIR") from None
    return target
