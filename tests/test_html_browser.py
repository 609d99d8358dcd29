"""The exported page in a real browser (Debian's Chromium driven by Playwright): clicking through paths gives
what `fingerpost ask` says, Back / Start over / shared links work, keyboard only works, the page reads without
JavaScript, axe-core finds no serious or critical violation, and content carrying script payloads runs none."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlencode

import pytest
from conftest import FIXTURES, REPO
from fingerpost.kb import compile_path
from fingerpost.render.answer_table import answer_table
from fingerpost.render.html import HtmlOptions, build_page, write_page
from html_pages import ask_cli, ask_in_process, chromium, page_data_of

pytestmark = pytest.mark.browser

AXE = REPO / "tests" / "vendor" / "axe-core" / "axe.min.js"

PATHS = [  # (labels clicked, the same answers for `fingerpost ask --set`)
    (["Production", "3 or more", "RKE", "Direct internet access"],
     ["purpose=production", "nodes=3", "distro=rke", "internet=direct"]),
    (["Production", "2", "No preference", "2.4.x", "Air-gapped (no internet access)"],
     ["purpose=production", "nodes=2", "distro=any", "rancher_version=2.4", "internet=airgap"]),
    (["Testing, development or a demo", "Yes, keep a path to high availability", "1", "K3s", "2.5 or later",
      "Behind an HTTP proxy"],
     ["purpose=testing", "grow_to_ha=yes", "nodes=1", "distro=k3s", "rancher_version=2.5", "internet=proxy"]),
    (["Testing, development or a demo", "No, it is throw-away", "Air-gapped (no internet access)"],
     ["purpose=testing", "grow_to_ha=no", "internet=airgap"]),
    (["Production", "1", "RKE", "Behind an HTTP proxy"],
     ["purpose=production", "nodes=1", "distro=rke", "internet=proxy"]),
    (["Production", "0"], ["purpose=production", "nodes=0"]),
]


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> str:
    """The default pack's page, with diagrams when Graphviz is there, as a file:// URL."""
    folder = tmp_path_factory.mktemp("site")
    page = build_page(compile_path(), HtmlOptions(diagrams=shutil.which("dot") is not None))
    return write_page(page, folder).as_uri()


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("hostile")
    page = build_page(compile_path(FIXTURES / "html" / "injection"), HtmlOptions(diagrams=shutil.which("dot") is not None))
    return write_page(page, folder).as_uri()


@pytest.fixture
def page(browser):
    ctx = browser.new_context()
    p = ctx.new_page()
    p.errors = []
    p.on("pageerror", lambda e: p.errors.append(str(e)))
    p.on("dialog", lambda d: (p.errors.append("dialog: " + d.message), d.dismiss()))
    yield p
    ctx.close()
    assert p.errors == []


def _state(page) -> dict:
    return json.loads(page.evaluate(
        "() => { const r = document.querySelector('[data-fingerpost]');"
        " return JSON.stringify(r.fingerpostData.nodes[+r.getAttribute('data-state')]); }"))


def _hash(settings: list[str]) -> str:
    """The page's URL fragment for these answers."""
    return "#fp:" + urlencode([tuple(s.split("=", 1)) for s in settings])


def _title(page) -> str:
    return page.locator(".fp-step-title").inner_text().strip()


_STATE = "document.querySelector('[data-fingerpost]').getAttribute('data-state')"


def _press(page, target) -> None:
    """Click (a locator) or press a key (a string) and wait until the page shows the next state."""
    before = page.evaluate(_STATE)
    if isinstance(target, str):
        page.keyboard.press(target)
    elif callable(target):
        target()
    else:
        target.click()
    page.wait_for_function(f"b => {_STATE} !== b", arg=before)


def _answer(page, label: str) -> None:
    _press(page, page.get_by_role("button", name=label, exact=True))


@pytest.mark.parametrize("labels, settings", PATHS, ids=[p[1][-1] + "-" + str(i) for i, p in enumerate(PATHS)])
def test_clicking_through_a_path_shows_what_ask_says(page, site, labels, settings):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site)
    for label in labels:
        _answer(page, label)
    cli = ask_cli(settings)
    rec = cli["recommendation"]
    assert _title(page) == (f"Recommended: {rec['title']}" if rec else "No option fits these answers")
    assert _state(page)["doc"] == cli  # the document the page shows is the command's, field for field
    assert page.evaluate("location.hash") == _hash(settings)
    assert page.locator(".fp-cli code").inner_text() == "fingerpost ask " + " ".join(f"--set {s}" for s in settings)
    statuses = {c["id"]: c["status"] for c in cli["candidates"]}
    shown = page.locator(".fp-why-not li[data-option]")
    assert shown.count() > 0
    for i in range(shown.count()):
        li = shown.nth(i)
        assert li.get_attribute("class") == "fp-" + statuses[li.get_attribute("data-option")]
    if rec:
        links = page.locator(".fp-docs a")
        assert [(links.nth(i).inner_text(), links.nth(i).get_attribute("href")) for i in range(links.count())] == [
            (d["title"], d["href"]) for d in rec["docs"]]
        assert page.locator(".fp-checklist input[type=checkbox]").count() > 0
        if shutil.which("dot"):
            assert page.locator(".fp-diagram svg[role=img]").count() == 1
    assert all(u.startswith("file://") for u in requests), requests


def test_back_start_over_and_the_browser_history(page, site):
    page.goto(site)
    for label in PATHS[0][0]:
        _answer(page, label)
    _press(page, page.get_by_role("button", name="Back", exact=True))
    assert _title(page) == "How do your nodes reach the internet?"
    assert page.locator(".fp-answers li").count() == 3
    _press(page, page.locator(".fp-answers li").nth(1).get_by_role("button"))  # change the answer to the 2nd question
    assert _title(page) == "How many nodes (machines) can you dedicate to the Rancher server?"
    _press(page, page.go_back)
    assert _title(page) == "How do your nodes reach the internet?"
    _press(page, page.get_by_role("button", name="Start over", exact=True))
    assert _title(page) == "What will this Rancher installation be used for?"
    assert page.get_by_role("button", name="Back", exact=True).is_disabled()


def test_a_shared_link_opens_the_result_and_a_bad_one_the_start(page, site):
    settings = ["purpose=testing", "grow_to_ha=no", "internet=proxy"]
    page.goto(site + _hash(settings))
    assert _title(page) == "Recommended: " + ask_cli(settings)["recommendation"]["title"]
    page.goto(site + "#fp:purpose=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&nodes=1")
    page.reload()
    assert _title(page) == "What will this Rancher installation be used for?"


def test_every_result_reached_by_link_equals_ask(page, site):
    kb = compile_path()
    page.goto(site)
    for n in answer_table(kb).leaves():
        page.evaluate("h => { location.hash = h; }", _hash(n.settings))
        page.wait_for_function("i => document.querySelector('[data-fingerpost]').getAttribute('data-state') == i",
                               arg=str(n.index))
        expected = ask_in_process(kb, n.settings)
        rec = expected["recommendation"]
        assert _title(page) == (f"Recommended: {rec['title']}" if rec else "No option fits these answers"), n.settings
        assert _state(page)["doc"] == expected


def test_the_script_reads_the_data_as_python_does(page, site):
    page.goto(site)
    in_browser = json.loads(page.evaluate("JSON.stringify(document.querySelector('[data-fingerpost]').fingerpostData)"))
    assert in_browser == page_data_of(Path(site.removeprefix("file://")).read_text(encoding="utf-8"))


def test_keyboard_alone_reaches_a_result_with_visible_focus(page, site):
    page.goto(site)
    for label in ["Production", "3 or more", "RKE", "Direct internet access"]:
        for _ in range(12):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent") == label:
                break
        else:
            pytest.fail(f"Tab never reached the answer {label!r}")
        outline = page.evaluate("(() => { const s = getComputedStyle(document.activeElement);"
                                " return [s.outlineStyle, s.outlineWidth]; })()")
        assert outline[0] != "none" and outline[1] != "0px", outline
        _press(page, "Enter")
        heading = page.evaluate("document.activeElement.className")
        assert heading == "fp-step-title"  # focus moved to the new question (or the result)
        assert page.locator(".fp-live").text_content() == _title(page)
    assert _title(page).startswith("Recommended: High-availability install on an RKE cluster")
    assert page.locator(".fp-live").get_attribute("aria-live") == "polite"


def test_printing_hides_the_controls_and_keeps_the_result(page, site):
    page.goto(site)
    for label in PATHS[1][0]:
        _answer(page, label)
    page.emulate_media(media="print")
    assert not page.locator(".fp-controls").is_visible()
    assert page.locator(".fp-step-title").is_visible() and page.locator(".fp-checklist").is_visible()
    assert not page.locator(".fp-change").first.is_visible()


def test_without_javascript_the_whole_tree_reads_as_disclosures(browser, site):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    try:
        page.goto(site)
        assert not page.locator(".fp-app").is_visible()
        assert page.locator(".fp-tree").is_visible()
        labels, settings = PATHS[1]
        for label in labels[:-1]:
            summary = page.locator("summary:visible", has_text=re.compile("^" + re.escape(label) + "$"))
            assert summary.count() == 1, label
            summary.click()
        item = page.locator(".fp-tree li:visible", has_text=re.compile("^" + re.escape(labels[-1]) + " → "))
        assert item.count() == 1
        cli = ask_cli(settings)
        link = item.get_by_role("link")
        assert link.inner_text() == cli["recommendation"]["title"]
        target = link.get_attribute("href")
        link.click()
        part = page.locator(f"section{target}")
        assert part.locator("h4").inner_text() == cli["recommendation"]["title"]
        hrefs = [a.get_attribute("href") for a in part.locator("ul").last.get_by_role("link").all()]
        assert hrefs == [d["href"] for d in cli["recommendation"]["docs"]]
        assert page.locator("details").count() > 50
    finally:
        ctx.close()


def _axe(page) -> list[dict]:
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["html"][:120] for n in v["nodes"][:3]]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def test_axe_core_finds_no_serious_or_critical_violation(browser, site):
    ctx = browser.new_context(bypass_csp=True)  # only so that the test can add axe-core to the page
    page = ctx.new_page()
    try:
        page.goto(site)
        problems = {"question": _axe(page)}
        for label in PATHS[1][0]:
            _answer(page, label)
        problems["result"] = _axe(page)
        page.get_by_role("button", name="Browse every path").click()
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        problems["every path"] = _axe(page)
        page.evaluate("""() => { const r = document.querySelector('[data-fingerpost]');
            r.querySelector('.fp-app').hidden = true; r.querySelector('.fp-static').hidden = false; }""")
        problems["as read without JavaScript"] = _axe(page)
        assert problems == {k: [] for k in problems}
        page.evaluate("document.querySelector('.fp-tree').append(document.createElement('button'))")
        assert [v["id"] for v in _axe(page)] == ["button-name"]  # the check does see a nameless button
    finally:
        ctx.close()


@pytest.mark.parametrize("policy", ["enforced", "bypassed"])
def test_content_with_script_payloads_fires_no_dialog(browser, hostile_site, policy):
    """With the page's CSP, and without it: escaping alone must keep every payload inert."""
    ctx = browser.new_context(bypass_csp=policy == "bypassed")
    page = ctx.new_page()
    fired: list[str] = []
    page.on("dialog", lambda d: (fired.append(d.message), d.dismiss()))
    try:
        page.goto(hostile_site)
        data = json.loads(page.evaluate("JSON.stringify(document.querySelector('[data-fingerpost]').fingerpostData)"))
        assert page.locator(".fp-title").inner_text() == data["title"]  # the payload is shown as text
        results = 0
        for n in answer_table(compile_path(FIXTURES / "html" / "injection")).nodes:
            page.evaluate("h => { location.hash = h; }", _hash(n.settings))
            page.wait_for_function("i => document.querySelector('[data-fingerpost]').getAttribute('data-state') == i",
                                   arg=str(n.index))
            for a in page.locator(".fp-step a").all():
                href = a.get_attribute("href") or ""
                assert not href.lower().startswith(("javascript", "data", "vbscript")), href
            for b in page.locator(".fp-step button, .fp-step a, .fp-step label").all():
                b.hover()
            results += n.question is None
        assert results >= 2
        page.get_by_role("button", name="Browse every path").click()
        for s in page.locator("summary").all():
            if s.is_visible():
                s.click()
        page.goto(hostile_site + "#fp:size=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
        page.wait_for_timeout(200)
        assert fired == []
    finally:
        ctx.close()


# The lines README.md shows for Docusaurus: scripts set through innerHTML do not run, so each is replaced by a
# fresh <script> element, which does.
EMBED_AFTER_LOAD = """(fragment) => {
  const box = document.getElementById('decision');
  box.innerHTML = fragment;
  box.querySelectorAll('script:not([type])').forEach((old) => {
    const s = document.createElement('script');
    s.textContent = old.textContent;
    old.replaceWith(s);
  });
}"""

HOST = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Docs</title>
<style>button{{font-size:20px}} h2{{color:#222}}</style></head><body>
<h1 id="top">Install guide</h1><p>Some documentation.</p>
{middle}
<h2 id="later">Later section</h2><p>More documentation.</p></body></html>"""


@pytest.fixture(scope="module")
def fragment() -> str:
    return build_page(compile_path(), HtmlOptions(diagrams=False, fragment=True)).html


@pytest.mark.parametrize("how", ["pasted into the page (MkDocs)", "inserted after load (Docusaurus)"])
def test_a_fragment_works_inside_a_docs_page(page, tmp_path, fragment, how):
    host = tmp_path / "host.html"
    pasted = how.startswith("pasted")
    host.write_text(HOST.format(middle=fragment if pasted else '<div id="decision"></div>'), encoding="utf-8")
    page.goto(host.as_uri() + "#later")  # the docs page's own anchors are left alone
    if not pasted:
        page.evaluate(EMBED_AFTER_LOAD, fragment)
    assert page.locator(".fingerpost h2.fp-title").inner_text() == "How to install the Rancher management server"
    assert _title(page) == "What will this Rancher installation be used for?"
    for label in PATHS[3][0]:
        _answer(page, label)
    result = _title(page)
    assert result == "Recommended: " + ask_cli(PATHS[3][1])["recommendation"]["title"]
    page.evaluate("location.hash = '#top'")  # following the docs page's own link leaves the decision alone
    page.wait_for_timeout(100)
    assert _title(page) == result and page.evaluate("document.activeElement === document.body")
    assert page.locator("h2#later").is_visible()


def test_a_page_ranked_by_a_priority_says_what_ask_with_that_priority_says(page, tmp_path):
    """(On the Rancher pack the stated recommendations outweigh priorities, so the answer itself stays.)"""
    settings = ["purpose=testing", "grow_to_ha=yes", "nodes=3", "distro=any", "rancher_version=2.4",
                "internet=direct"]
    kb = compile_path()
    written = write_page(build_page(kb, HtmlOptions(diagrams=False, priorities=("cost",))), tmp_path)
    page.goto(written.as_uri() + _hash(settings))
    expected = ask_in_process(kb, settings, ["cost"])
    assert _state(page)["doc"] == expected
    assert page.locator(".fp-cli code").inner_text().endswith("--priority cost")
