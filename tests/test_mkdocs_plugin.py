"""The MkDocs plugin: a real `mkdocs build` of a small site, with the default theme and with mkdocs-material.

The built page is checked as HTML (the block replaced, no inline script or style of ours, doc
links pointing at the site's pages, annotation blocks of the pack left alone) and in Chromium: a
path clicked through shows what `fingerpost ask` says for those answers, even under a
Content-Security-Policy that allows only the site's own scripts; axe-core finds no serious or
critical violation in the decision; without JavaScript the decision reads as nested sections.
A page with two blocks (the replication pack and the embedded Rancher pack) gives each its own
key, ids and data; in Chromium, clicking through one leaves the other as it was, each says what
`fingerpost ask` says for its own path, and the address keeps both (a reload and Back restore
them). A mkdocs-material site with `navigation.instant`: a link click from a page without a
block to one with a block swaps the page without a reload, and the block works there.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from conftest import EXAMPLE_PACK, REPO
from fingerpost.content import default_path
from fingerpost.kb import compile_path
from fingerpost.render.answer_table import answer_table
from html_pages import ask_cli, chromium, not_ready

AXE = REPO / "tests" / "vendor" / "axe-core" / "axe.min.js"
THEMES = ["mkdocs", "material"]

CHOOSE = """# Choose a replication setup

The decision below is built from the pages in this site.

```fingerpost
kb: docs/replication
title: Which replication setup?
```

Text after the decision.
"""

TWO = """# Two decisions

```fingerpost
kb: docs/replication
title: First decision
```

Between the two decisions.

```fingerpost
pack: rancher
title: Second decision
```
"""


def _mkdocs() -> str:
    found = Path(sys.executable).parent / "mkdocs"
    if not found.exists():
        not_ready("mkdocs is not installed — pip install -e '.[test]'")
    return str(found)


def make_site(root: Path, theme: str, features: tuple[str, ...] = (), site_url: str = "") -> Path:
    """A small MkDocs project under `root` whose docs hold the replication pack, a page with a block and a
    page with two; `features` are mkdocs-material's (`navigation.instant`)."""
    docs = root / "docs"
    shutil.copytree(EXAMPLE_PACK, docs / "replication")
    (docs / "index.md").write_text("# Home\n\nSee [the decision](choose.md), or [two decisions](two.md).\n",
                                   encoding="utf-8")
    (docs / "choose.md").write_text(CHOOSE, encoding="utf-8")
    (docs / "two.md").write_text(TWO, encoding="utf-8")
    (docs / "plain.md").write_text("# No decision here\n", encoding="utf-8")
    palette = ("\n  palette:\n    - scheme: default\n      toggle: {icon: material/brightness-7, name: dark}\n"
               "    - scheme: slate\n      toggle: {icon: material/brightness-4, name: light}") if theme == "material" else ""
    if features:
        palette += "\n  features: [" + ", ".join(features) + "]"
    url = f"site_url: '{site_url}'\n" if site_url else ""
    (root / "mkdocs.yml").write_text(f"site_name: Decision test\n{url}theme:\n  name: {theme}{palette}\n"
                                     "plugins:\n  - search\n  - fingerpost:\n      diagrams: false\n", encoding="utf-8")
    done = subprocess.run([_mkdocs(), "build", "--strict"], cwd=root, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return root / "site"


@pytest.fixture(scope="module", params=THEMES)
def site(request, tmp_path_factory) -> tuple[str, Path]:
    if request.param == "material":
        pytest.importorskip("material", reason="mkdocs-material is not installed — pip install -e '.[test]'")
    return request.param, make_site(tmp_path_factory.mktemp(request.param), request.param)


def test_the_plugin_is_registered_as_fingerpost() -> None:
    names = {e.name: e.value for e in entry_points(group="mkdocs.plugins")}
    assert names.get("fingerpost") == "fingerpost.mkdocs_plugin:FingerpostPlugin"


def _root(html: str) -> str:
    start = html.index('<div class="fingerpost"')
    return html[start:html.index("</template>", html.index('class="fp-data"')) + len("</template>")]


def test_the_block_becomes_the_decision_with_site_links_and_external_assets(site) -> None:
    theme, folder = site
    html = (folder / "choose" / "index.html").read_text(encoding="utf-8")
    assert "```fingerpost" not in html and "kb: docs/replication" not in html
    root = _root(html)
    assert "Which replication setup?" in root and "<details>" in root  # readable without JavaScript
    assert re.findall(r"<script(?![^>]*type=\"application/json\")", root) == []  # no inline script of ours
    assert "<style>" not in root and " style=" not in root
    assert '<script src="../assets/fingerpost/fingerpost.js"' in html
    assert 'href="../assets/fingerpost/fingerpost.css"' in html
    assert (folder / "assets" / "fingerpost" / "fingerpost.js").read_text(encoding="utf-8").startswith("(function")
    css = (folder / "assets" / "fingerpost" / "fingerpost.css").read_text(encoding="utf-8")
    assert "var(--md-typeset-color" in css and "var(--md-default-bg-color" in css
    assert "../replication/setups/" in root and "setups.md\"" not in root  # doc links go to the site's pages
    assert "Text after the decision." in html
    pack_page = (folder / "replication" / "setups" / "index.html").read_text(encoding="utf-8")
    assert "option: async-replicas" in pack_page and 'class="fingerpost"' not in pack_page  # annotations untouched
    assert 'class="fingerpost"' not in (folder / "plain" / "index.html").read_text(encoding="utf-8")


def test_two_blocks_on_a_page_get_their_own_key_ids_and_data(site) -> None:
    _, folder = site
    html = (folder / "two" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<div class="fingerpost" id="(\w+)" data-fingerpost data-fp-key="(\w+)"', html) == [
        ("fp", "fp"), ("fp2", "fp2")]
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)  # no id twice on the page
    first, second = html.split('data-fp-key="fp2"')
    assert first.count('<template class="fp-data"') == 1 and second.count('<template class="fp-data"') == 1
    assert 'href="#fp-o1"' in first and 'href="#fp2-o1"' in second and 'href="#fp-o' not in second
    assert "First decision" in first and "Second decision" in second
    assert "fp-data" not in "".join(re.findall(r"<script[^>]*>", html))  # no script element holds the data


def test_serve_watches_a_knowledge_base_outside_the_docs(tmp_path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = tmp_path / "project"
    (root / "docs").mkdir(parents=True)
    shutil.copytree(EXAMPLE_PACK, root / "decision")
    (root / "docs" / "index.md").write_text("```fingerpost\nkb: decision\n```\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - fingerpost:\n      diagrams: false\n",
                                     encoding="utf-8")
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)

    class Server:
        watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = Server()
    config.plugins["fingerpost"].on_serve(server, config=config, builder=None)
    assert server.watched == [str((root / "decision").resolve())]
    assert 'class="fp-title">How to replicate the Ledger DB database<' in (root / "site" / "index.html").read_text(
        encoding="utf-8")


def test_a_missing_knowledge_base_fails_the_build_with_one_message(tmp_path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("```fingerpost\nkb: nowhere\n```\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins: [fingerpost]\n", encoding="utf-8")
    done = subprocess.run([_mkdocs(), "build"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "the knowledge base" in done.stderr and "does not exist" in done.stderr


# ---- in Chromium --------------------------------------------------------------------------------------------------

class _Quiet(http.server.SimpleHTTPRequestHandler):
    csp = ""

    def log_message(self, *args) -> None:
        pass

    def end_headers(self) -> None:
        if self.csp:
            self.send_header("Content-Security-Policy", self.csp)
        super().end_headers()


@contextlib.contextmanager
def _served(folder: Path, csp: str = "") -> Iterator[str]:
    handler = type("Handler", (_Quiet,), {"csp": csp})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


RANCHER = str(Path(default_path()).parent / "rancher")


def _a_path(kb_path: Path | str = EXAMPLE_PACK) -> tuple[list[str], list[str]]:
    """The labels to click and the `--set` answers of the longest path that ends in a recommendation."""
    table = answer_table(compile_path(kb_path))
    leaf = max((n for n in table.leaves() if n.assessment.recommendation), key=lambda n: (len(n.path), -n.index))
    return [c.label for c in leaf.path], leaf.settings


def _state_of(root: str) -> str:
    return f"document.querySelector('{root}').getAttribute('data-state')"


_STATE = _state_of("[data-fingerpost]")


def _click_through(page, labels: list[str], root: str = "[data-fingerpost]") -> None:
    for label in labels:
        before = page.evaluate(_state_of(root))
        page.locator(root).get_by_role("button", name=label, exact=True).click()
        page.wait_for_function(f"b => {_state_of(root)} !== b", arg=before)


def _shown(page, root: str) -> tuple[str, str]:
    """A block's state and the title of its current step."""
    return page.evaluate(_state_of(root)), page.locator(root + " .fp-step-title").inner_text().strip()


def _axe(page) -> list[dict]:
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document.querySelector('[data-fingerpost]'), {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["html"][:120] for n in v["nodes"][:3]]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.browser
def test_a_path_clicked_through_says_what_ask_says_and_axe_finds_nothing_serious(browser, site) -> None:
    theme, folder = site
    labels, settings = _a_path()
    expected = ask_cli(settings, str(EXAMPLE_PACK))["recommendation"]["title"]
    for scheme in (["default", "slate"] if theme == "material" else ["default"]):  # material's light and dark
        ctx = browser.new_context(bypass_csp=True)  # axe-core is added to the page by the test
        page = ctx.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        try:
            with _served(folder) as base:
                page.goto(base + "choose/")
                if scheme == "slate":
                    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
                problems = {"question": _axe(page)}
                _click_through(page, labels)
                assert page.locator(".fp-step-title").inner_text().strip() == f"Recommended: {expected}"
                problems["result"] = _axe(page)
                hrefs = [a.get_attribute("href") for a in page.locator(".fp-docs a").all()]
                assert hrefs and all(h.startswith("../replication/") for h in hrefs), hrefs
            assert [e for e in errors if "hljs" not in e] == []  # the default theme loads highlight.js from a CDN
            assert not any(problems.values()), (scheme, problems)
        finally:
            ctx.close()


@pytest.mark.browser
def test_it_works_under_a_policy_allowing_only_the_sites_own_scripts(browser, site) -> None:
    theme, folder = site
    labels, settings = _a_path()
    expected = ask_cli(settings, str(EXAMPLE_PACK))["recommendation"]["title"]
    ctx = browser.new_context()
    page = ctx.new_page()
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        with _served(folder, csp="script-src 'self'; style-src 'self' 'unsafe-inline'; object-src 'none'") as base:
            page.goto(base + "choose/")
            _click_through(page, labels)
            assert page.locator(".fp-step-title").inner_text().strip() == f"Recommended: {expected}"
        assert not [b for b in blocked if "fingerpost" in b], blocked
    finally:
        ctx.close()


@pytest.mark.browser
def test_without_javascript_the_decision_reads_as_sections(browser, site) -> None:
    _, folder = site
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    try:
        with _served(folder) as base:
            for address, blocks in (("choose/", 1), ("two/", 2)):
                page.goto(base + address)
                assert page.locator("[data-fingerpost]").count() == blocks
                for i in range(blocks):
                    root = page.locator("[data-fingerpost]").nth(i)
                    assert root.locator(".fp-static").is_visible() and root.locator("details").count() > 5
                    assert root.locator(".fp-app").is_hidden()
    finally:
        ctx.close()


FIRST, SECOND = '[data-fp-key="fp"]', '[data-fp-key="fp2"]'


@pytest.mark.browser
def test_two_blocks_on_a_page_keep_their_answers_apart(browser, site) -> None:
    _, folder = site
    paths = {FIRST: _a_path(EXAMPLE_PACK), SECOND: _a_path(RANCHER)}
    expected = {FIRST: ask_cli(paths[FIRST][1], str(EXAMPLE_PACK))["recommendation"]["title"],
                SECOND: ask_cli(paths[SECOND][1], RANCHER)["recommendation"]["title"]}
    ctx = browser.new_context()
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        with _served(folder) as base:
            page.goto(base + "two/")
            for one, other in ((FIRST, SECOND), (SECOND, FIRST)):
                before = _shown(page, other)
                _click_through(page, paths[one][0], one)
                assert _shown(page, one)[1] == f"Recommended: {expected[one]}"
                assert _shown(page, other) == before  # the other block is where it was
            results = {root: _shown(page, root) for root in (FIRST, SECOND)}
            hash_ = page.evaluate("location.hash")
            assert hash_.startswith("#fp:") and "|fp2:" in hash_, hash_
            page.reload()  # the address holds both blocks' answers
            assert {root: _shown(page, root) for root in (FIRST, SECOND)} == results
            page.go_back()  # Back undoes the last answer, in the block it was given in
            page.wait_for_function(f"s => {_state_of(SECOND)} !== s", arg=results[SECOND][0])
            assert _shown(page, FIRST) == results[FIRST] and _shown(page, SECOND) != results[SECOND]
            page.go_forward()
            page.wait_for_function(f"s => {_state_of(SECOND)} === s", arg=results[SECOND][0])
            assert {root: _shown(page, root) for root in (FIRST, SECOND)} == results
        assert [e for e in errors if "hljs" not in e] == []
    finally:
        ctx.close()


@pytest.fixture(scope="module")
def instant_site(tmp_path_factory) -> Iterator[str]:
    """A mkdocs-material site with `navigation.instant`, served: the theme takes the site's pages from its
    sitemap, whose addresses must be the served ones (port included), so the server starts first."""
    pytest.importorskip("material", reason="mkdocs-material is not installed — pip install -e '.[test]'")
    root = tmp_path_factory.mktemp("instant")
    with _served(root / "site") as base:
        make_site(root, "material", ("navigation.instant",), site_url=base)
        yield base


@pytest.mark.browser
def test_a_block_works_on_a_page_reached_by_instant_navigation(browser, instant_site) -> None:
    labels, settings = _a_path()
    expected = ask_cli(settings, str(EXAMPLE_PACK))["recommendation"]["title"]
    ctx = browser.new_context()
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(instant_site, wait_until="networkidle")  # the theme has read the sitemap it intercepts links by
        assert page.locator("[data-fingerpost]").count() == 0
        page.evaluate("window.notReloaded = true")
        page.get_by_role("link", name="the decision", exact=True).click()
        page.wait_for_selector("[data-fingerpost][data-fp-started] .fp-step-title")
        assert page.evaluate("window.notReloaded === true && location.pathname.endsWith('/choose/')")
        assert page.locator(".fp-static").is_hidden()
        _click_through(page, labels)
        result = _shown(page, "[data-fingerpost]")
        assert result[1] == f"Recommended: {expected}"
        page.go_back()  # Back and Forward walk the answers, without leaving the page
        page.wait_for_function(f"s => {_STATE} !== s", arg=result[0])
        page.go_forward()
        page.wait_for_function(f"s => {_STATE} === s", arg=result[0])
        assert page.evaluate("window.notReloaded === true")
        page.get_by_role("link", name="Home").first.click()  # and on to a page with two blocks
        page.wait_for_function("!document.querySelector('[data-fingerpost]')")
        page.get_by_role("link", name="two decisions", exact=True).click()
        page.wait_for_selector(f"{SECOND}[data-fp-started] .fp-step-title")
        assert page.evaluate("window.notReloaded === true")
        assert page.locator("[data-fingerpost][data-fp-started]").count() == 2
        before = _shown(page, SECOND)
        _click_through(page, labels, FIRST)
        assert _shown(page, FIRST)[1] == f"Recommended: {expected}" and _shown(page, SECOND) == before
        assert errors == []  # (data the theme re-ran as a script would throw here)
    finally:
        ctx.close()
