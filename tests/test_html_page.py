"""The written page is self-contained and inert: one hashed inline script, a CSP with no external source, every
document text escaped, JSON that cannot close its tag, only http(s) and relative links; and the no-JS tree
holds every state. Also the command line: `fingerpost html`."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from conftest import FIXTURES, fingerpost_command, require_program
from fingerpost.kb import compile_path
from fingerpost.render.answer_table import answer_table
from fingerpost.render.html import BadOption, HtmlOptions, build_page
from fingerpost.render.html_diagrams import clean_svg
from fingerpost.render.packed import pack, unpack
from fingerpost.render.safe import csp_source, safe_href, script_json
from html_pages import Elements, page_data_of
from hypothesis import example, given
from hypothesis import strategies as st

from fingerpost.cli import main

INJECTION = FIXTURES / "html" / "injection"


@pytest.fixture(scope="module")
def page():
    return build_page(compile_path(), HtmlOptions(diagrams=False))


@pytest.fixture(scope="module")
def hostile():
    return build_page(compile_path(INJECTION), HtmlOptions(diagrams=False))


def _csp(html: str) -> dict[str, list[str]]:
    meta = [a for t, a in Elements(html).tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert len(meta) == 1
    return {part.split()[0]: part.split()[1:] for part in meta[0]["content"].split(";")}


@pytest.mark.parametrize("which", ["page", "hostile"])
def test_only_the_hashed_inline_script_and_style_may_run(which, request):
    html = request.getfixturevalue(which).html
    doc = Elements(html)
    runnable = [(a, text) for a, text in doc.scripts if a.get("type") != "application/json"]
    assert len(runnable) == 1 and not runnable[0][0]
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    csp = _csp(html)
    assert csp["default-src"] == ["'none'"]
    assert csp["script-src"] == [csp_source(runnable[0][1])]
    assert csp["style-src"] == [csp_source(style)]
    assert csp["base-uri"] == ["'none'"] and csp["form-action"] == ["'none'"]
    assert not any("http" in v or "unsafe" in v for values in csp.values() for v in values)
    assert html.index('http-equiv="Content-Security-Policy"') < html.index("<style>")


@pytest.mark.parametrize("which", ["page", "hostile"])
def test_nothing_is_loaded_from_elsewhere_and_no_attribute_runs_code(which, request):
    doc = Elements(request.getfixturevalue(which).html)
    for tag, attrs in doc.tags:
        assert tag not in ("link", "iframe", "object", "embed", "img", "base", "form", "frame"), tag
        assert "src" not in attrs and "srcset" not in attrs and "style" not in attrs, (tag, attrs)
        assert not [k for k in attrs if k.startswith("on")], (tag, attrs)
        if "href" in attrs:
            href = attrs["href"] or ""
            assert safe_href(href) == href, href
            assert not href.lower().lstrip().startswith(("javascript", "data", "vbscript")), href


def test_payloads_in_the_content_stay_text(hostile):
    html = hostile.html
    for payload in ("<script>alert", "<img src=x", "<svg onload", "<svg/onload", "<iframe", "<b onmouseover",
                    "</script><script>", "<style>*"):
        assert payload not in html, payload  # (a `javascript:` in text is harmless; attributes are checked above)
    assert "&lt;script&gt;alert(&#39;option&#39;)&lt;/script&gt;" in html  # shown, as text, in the no-JS tree
    assert "\u2028" not in html.split('class="fp-data" data-search-exclude>')[1].split("</template>")[0]
    data = page_data_of(html)
    assert data["title"] == "Pick </script><script>alert('title')</script> one"
    result = next(n for n in data["nodes"] if n.get("doc") and n["doc"]["recommendation"]
                  and n["doc"]["recommendation"]["id"] == "first")
    docs = {d["title"]: d["href"] for d in result["doc"]["recommendation"]["docs"]}
    # script, data and tab-split script links never leave the engine (lint reports them)
    assert not {"Script link <script>alert('doc')</script>", "Data link", "Tab link"} & set(docs)
    assert docs["Safe relative link"] == "guides/first.md"
    assert docs["Safe absolute link"] == "https://example.com/first?a=1&b=<2>"
    assert [c["href"] for c in result["result"]["checklist"]] == [None]


@pytest.mark.parametrize("href, kept", [
    ("https://docs.example.com/a#b", True), ("http://x.org", True), ("guides/install.md", True), ("#top", True),
    ("/abs/path", True), ("//cdn.example.com/x", True), ("HTTPS://X.ORG", True),
    ("javascript:alert(1)", False), (" JavaScript:alert(1)", False), ("java\tscript:alert(1)", False),
    ("java\nscript:x", False), ("data:text/html,x", False), ("vbscript:x", False), ("mailto:a@b.c", False),
    ("\x01javascript:x", False), ("", False), (None, False), ("ftp://x", False),
])
def test_only_http_and_relative_links_survive(href, kept):
    assert (safe_href(href) is not None) is kept


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
                    max_leaves=20))
def test_json_in_a_script_cannot_close_it_and_reads_back(value):
    text = script_json({"v": value})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"v": value}


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
                    | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=4), inner, max_size=5),
                    max_leaves=30))
@example([0.0, -0.0])
def test_packed_data_unpacks_to_the_same_value(value):
    packed = json.loads(json.dumps(pack(value)))
    assert unpack(packed) == value
    assert json.dumps(unpack(packed)) == json.dumps(value)  # same types too: 1 stays 1, 1.0 stays 1.0


def test_svg_pictures_keep_drawing_and_lose_everything_else():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10pt" '
           'onload="alert(1)" viewBox="0 0 10 10"><script>alert(2)</script><g id="n1" style="x">'
           '<title>n1</title><a xlink:href="javascript:alert(3)" xlink:title="Users &lt;b&gt;">'
           '<text x="1" onclick="alert(4)">&lt;script&gt;alert(5)&lt;/script&gt;</text></a>'
           '<foreignObject><div>x</div></foreignObject><image href="http://x/y.png"/></g></svg>')
    out = clean_svg(svg, 'Pic "1" <b>')
    for gone in ("onload", "onclick", "<script", "javascript", "href", "foreignObject", "image", "style=", 'id="n1"',
                 "<title>n1</title>", 'width="10pt"'):
        assert gone not in out, gone
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in out and "<title>Users &lt;b&gt;</title>" in out
    assert 'role="img"' in out and 'aria-label="Pic &quot;1&quot; &lt;b&gt;"' in out and 'viewBox="0 0 10 10"' in out


def test_the_no_script_tree_holds_every_state(page):
    kb = compile_path()
    table = answer_table(kb)
    html = page.html
    static = html.split('<div class="fp-static">')[1].split("<script")[0]
    inner = [n for n in table.nodes if n.question is not None and n.index != 0]
    assert static.count("<details>") == len(inner)
    assert static.count("→ recommended:") + static.count("→ no option fits") == len(table.leaves())
    linked = set(re.findall(r'href="#(fp-o\d+)"', static))
    assert linked == set(re.findall(r'<section class="fp-part" id="(fp-o\d+)"', static))
    assert static.count('<article class="fp-outcome">') == 5  # one per install option that can be recommended


def test_a_key_names_the_ids_and_the_address_part_and_must_be_a_short_name():
    html = build_page(compile_path(), HtmlOptions(diagrams=False, fragment=True, key="fp2")).html
    assert '<div class="fingerpost" id="fp2" data-fingerpost data-fp-key="fp2"' in html
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert ids and all(i.startswith("fp2") for i in ids), ids
    assert set(re.findall(r'href="#([^"]+)"', html)) <= set(ids)
    for bad in ("", "FP", "fp-2", "2fp", 'fp"x', "f" * 17):
        with pytest.raises(BadOption):
            build_page(compile_path(), HtmlOptions(diagrams=False, key=bad))


def test_docs_base_url_rebases_relative_doc_links_only():
    kb = compile_path()
    data = page_data_of(build_page(kb, HtmlOptions(diagrams=False, docs_base_url="https://docs.example.org/v2/")).html)
    hrefs = {d["href"] for n in data["nodes"] if n.get("doc") and n["doc"]["recommendation"]
             for d in n["doc"]["recommendation"]["docs"]}
    assert "https://docs.example.org/v2/pages-for-subheaders/air-gapped-helm-cli-install" in hrefs
    assert "https://rancher.com/docs/rke/latest/en/config-options/" in hrefs  # absolute links stay as written
    assert not [h for h in hrefs if h.startswith("https://ranchermanager.docs.rancher.com/v2.0-v2.4/how-to")]
    with pytest.raises(BadOption):
        build_page(kb, HtmlOptions(docs_base_url="javascript:alert(1)"))


def test_a_fragment_is_a_snippet_without_a_document_around_it():
    frag = build_page(compile_path(), HtmlOptions(diagrams=False, fragment=True, title="Pick an install"))
    tags = [t for t, _ in Elements(frag.html).tags]
    assert "html" not in tags and "head" not in tags and "body" not in tags and "meta" not in tags
    assert frag.html.startswith("<style>") and frag.name == "fingerpost-fragment.html"
    assert '<h2 class="fp-title">Pick an install</h2>' in frag.html and 'data-heading="2"' in frag.html
    assert frag.script_source.startswith("'sha256-")


@pytest.mark.graphviz
def test_each_result_names_a_picture_the_page_holds(tmp_path):
    require_program("dot")
    page = build_page(compile_path(), HtmlOptions(diagrams=True))
    figures = set(re.findall(r'<figure data-diagram="(d\d+)">', page.html))
    assert len(figures) == page.diagrams > 1
    named = {n["result"]["diagram"] for n in page_data_of(page.html)["nodes"] if n.get("result")}
    assert named - {None} == figures
    assert "<script" not in "".join(re.findall(r"<svg.*?</svg>", page.html, re.S))


def test_the_command_writes_the_page(tmp_path):
    done = subprocess.run([fingerpost_command(), "html", "-o", str(tmp_path / "site"), "--no-diagrams"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    written = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert written.startswith("<!DOCTYPE html>") and "answer states" in done.stdout
    assert page_data_of(written)["title"] == "How to install the Rancher management server"


@pytest.mark.parametrize("args, message", [
    (["--docs-base-url", "ftp://x"], "--docs-base-url `ftp://x` is not an http(s) address"),
    (["--max-states", "5"], "raise the limit with --max-states N"),
    (["--max-states", "0"], "--max-states must be at least 1"),
    (["--priority", "speed"], "--priority speed: not a priority"),
    (["--kb", "/nonexistent/docs"], "no such file or folder"),
])
def test_the_command_explains_bad_input_in_one_line(tmp_path, capsys, args, message):
    code = main(["html", "-o", str(tmp_path / "out"), "--no-diagrams", *args])
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_the_fragment_command_prints_what_a_site_policy_must_allow(tmp_path, capsys):
    assert main(["html", "-o", str(tmp_path), "--fragment", "--no-diagrams"]) == 0
    out = capsys.readouterr().out
    assert "script-src 'sha256-" in out and (tmp_path / "fingerpost-fragment.html").exists()


def test_a_fragment_pasted_beside_another_takes_its_own_key(tmp_path, capsys):
    assert main(["html", "-o", str(tmp_path), "--fragment", "--no-diagrams", "--key", "fp2"]) == 0
    html = (tmp_path / "fingerpost-fragment.html").read_text(encoding="utf-8")
    assert 'id="fp2"' in html and 'id="fp"' not in html
    assert main(["html", "-o", str(tmp_path / "bad"), "--fragment", "--no-diagrams", "--key", "Fp 2"]) == 2
    assert "is not a short lower-case name" in capsys.readouterr().err


def test_a_prerequisite_without_a_link_is_listed_without_one(tmp_path):
    (tmp_path / "a.md").write_text("""# Setup

```yaml fingerpost
option: only
title: The only way
prerequisites:
  - {id: power, title: Power on the machine}
  - {id: docs, title: Read the guide, href: "https://example.com/guide"}
```
""", encoding="utf-8")
    page = build_page(compile_path(tmp_path), HtmlOptions(diagrams=False))
    checklist = page_data_of(page.html)["nodes"][0]["result"]["checklist"]
    assert [(c["text"], c["href"]) for c in checklist] == [
        ("Power on the machine.", None), ("Read the guide.", "https://example.com/guide")]
    assert "<li><strong>Power on the machine.</strong> <cite" in page.html
