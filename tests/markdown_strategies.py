"""Hypothesis strategies for hostile documentation trees, shared by the tests and bench/fuzz_build.py.

A generated tree is a dict `{relative path: bytes}` of one to three pages. Pages mix every
construct the reader handles — headings with `{#id}`, tables, links (relative, `../`, absolute,
`javascript:`), front matter (good and bad YAML), fences including ```` ```fingerpost ```` blocks
with random YAML, HTML, `:::note` admonitions, `> **Note:**`, MDX imports and JSX tags — and the
byte-level trouble of real files: CRLF, a BOM, NUL bytes and invalid UTF-8.

    >>> from hypothesis import given
    >>> @given(doc_tree())
    ... def check(tree): ...
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import strategies as st

__all__ = ["doc_tree", "page", "annotation_yaml", "write_tree", "check_diagnostics", "PAGE_NAMES"]

PAGE_NAMES = ("index.md", "guide.md", "sub/page.md", "sub/deep/other.mdx", "README.markdown")

_WORDS = ("rancher", "k3s", "nodes", "HA", "docker", "air-gap", "proxy", "x", "é", "中文", "<b>", "&amp;",
          "`code`", "*em*", "**strong**", "_u_", "[", "]", "(", ")", "{#", "}", "|", "\\", "<!--", "-->",
          "'", '"', "\u202e", "\u200b", "😀", "${x}", "{{ x }}", "%s", "---", ":::", ">")
_IDS = ("a", "b", "k8s-ha", "docker", "nodes", "purpose", "internet", "x y", "ä", "", "1", "yes", "no",
        "null", "true", "-", "a/b", "<script>")
_EXPRS = ("nodes >= 3", "purpose == production", "internet in [proxy, airgap]", "not ha", "ha and (nodes < 2",
          "a == ", "x in []", "((((((((((a))))))))))", "a or b and not c", "rancher_version < 2.4",
          "nodes >= 1e309", "'quoted' == \"x\"", "1 == 1", "true", "a ==== b", "in in in")
_HREFS = ("guide.md", "sub/page.md", "sub/page.md#sec", "#local", "#missing", "../outside.md", "../../etc/passwd",
          "/etc/passwd", "/index", "file:///etc/passwd", "javascript:alert(1)", "JaVaScRiPt:alert(document.cookie)",
          " javascript:void(0)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox", "http://example.com",
          "https://example.com/a?b=c#d", "mailto:a@example.com", "//evil.example/x", "sub/", "sub/deep/other",
          "%2e%2e/%2e%2e/etc/passwd", "guide.md#%", "C:\\Windows\\win.ini", "\\\\server\\share", "", " ",
          "a b.md", "sub/../../x.md", "index.md?x=1", "image.png", "<script>.md")


def _text() -> st.SearchStrategy[str]:
    words = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8).map(" ".join)
    printable = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40)
    return st.one_of(words, words, printable, st.text(max_size=40))


def _scalar() -> st.SearchStrategy[Any]:
    return st.one_of(st.sampled_from(_IDS), st.sampled_from(_EXPRS), _text(), st.integers(-5, 10**12),
                     st.booleans(), st.none(), st.floats(allow_nan=True))


_VALUE = st.recursive(
    _scalar(),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(("if", "when", "because", "value", "label", "id", "from",
                                                             "to", "href", "title", "strength", "implies", "group")),
                                            inner, max_size=4)),
    max_leaves=12,
)

_KEYS = ("decision", "question", "option", "constraint", "recommend", "tradeoff", "prerequisite", "doc", "term",
         "architecture", "title", "text", "type", "choices", "requires", "excludes", "when", "ask_when", "because",
         "variant_of", "variant_by", "qualities", "pros", "cons", "prerequisites", "docs", "components", "groups",
         "connections", "links", "options", "strength", "synonyms", "unknown_key")


def _yaml_scalar(value: Any) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if not isinstance(value, float) else ("nan" if value != value else repr(value))


def _yaml_flow(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_yaml_flow(v)}" for k, v in value.items()) + "}"
    return _yaml_scalar(value)


_QIDS = ("q1", "q2", "nodes", "ver")
_OIDS = ("o1", "o2", "o3", "o1-a")
_VALUES = ("a", "b", "c", "yes", "no", "3", "2.4", "v2.5.1")

_EXPR = st.recursive(
    st.one_of(
        st.builds(lambda q, op, v: f"{q} {op} {v}", st.sampled_from(_QIDS),
                  st.sampled_from(("==", "!=", "<", "<=", ">", ">=")), st.sampled_from(_VALUES)),
        st.builds(lambda q, vs: f"{q} in [{', '.join(vs)}]", st.sampled_from(_QIDS),
                  st.lists(st.sampled_from(_VALUES), max_size=3)),
        st.sampled_from(_QIDS), st.sampled_from(_EXPRS),
    ),
    lambda inner: st.one_of(st.builds(lambda a, op, b: f"{a} {op} {b}", inner, st.sampled_from(("and", "or")), inner),
                            inner.map(lambda e: f"not ({e})"), inner.map(lambda e: f"({e})")),
    max_leaves=6,
)


@st.composite
def _plausible_yaml(draw: st.DrawFn) -> str:
    """A block that is mostly right, so that extraction, the graph and lint get exercised."""
    kind = draw(st.sampled_from(("question", "option", "option", "constraint", "prerequisite", "recommend", "doc",
                                 "architecture", "decision", "tradeoff", "term")))
    expr = lambda: _yaml_scalar(draw(_EXPR))  # noqa: E731
    if kind == "question":
        qtype = draw(st.sampled_from(("choice", "number", "version", "yesno", "bogus")))
        body = [f"question: {draw(st.sampled_from(_QIDS))}", f"text: {_yaml_scalar(draw(_text()))}", f"type: {qtype}"]
        if qtype in ("choice", "bogus") or draw(st.booleans()):
            values = draw(st.lists(st.sampled_from(_VALUES), max_size=4))
            body.append(f"choices: [{', '.join(values)}]")
        if draw(st.booleans()):
            body.append(f"ask_when: {expr()}")
        return "\n".join(body)
    if kind == "option":
        body = [f"option: {draw(st.sampled_from(_OIDS))}", f"title: {_yaml_scalar(draw(_text()))}"]
        if draw(st.booleans()):
            body.append(f"variant_of: {draw(st.sampled_from(_OIDS))}")
        for key in ("requires", "excludes"):
            if draw(st.booleans()):
                items = [f"{{if: {expr()}, because: {_yaml_scalar(draw(_text()))}}}" if draw(st.booleans()) else expr()
                         for _ in range(draw(st.integers(1, 3)))]
                body.append(f"{key}: [{', '.join(items)}]")
        if draw(st.booleans()):
            strength = draw(st.sampled_from(("weak", "normal", "strong", "huge")))
            body.append(f"recommend: [{{when: {expr()}, strength: {strength}}}]")
        if draw(st.booleans()):
            body.append(f"qualities: {{cost: {draw(st.sampled_from(('1', '3', 'x', '[1]')))}}}")
        if draw(st.booleans()):
            body.append(f"prerequisites: [{draw(st.sampled_from(('p1', 'p2', '{title: T, when: q1 == a}')))}]")
        if draw(st.booleans()):
            body.append(f"docs: [{{title: D, href: {_yaml_scalar(draw(st.sampled_from(_HREFS)))}, when: {expr()}}}]")
        return "\n".join(body)
    if kind == "constraint":
        return (f"constraint: c\noption: {draw(st.sampled_from(_OIDS))}\n"
                f"{draw(st.sampled_from(('requires', 'excludes')))}: {expr()}\nbecause: {_yaml_scalar(draw(_text()))}")
    if kind == "prerequisite":
        return (f"prerequisite: {draw(st.sampled_from(('p1', 'p2', 'p3')))}\ntitle: T\n"
                f"requires: [{', '.join(draw(st.lists(st.sampled_from(('p1', 'p2', 'p3')), max_size=2)))}]\n"
                f"options: [{', '.join(draw(st.lists(st.sampled_from(_OIDS), max_size=2)))}]\nwhen: {expr()}")
    if kind == "architecture":
        return (f"architecture: {draw(st.sampled_from(_OIDS))}\ntitle: {_yaml_scalar(draw(_text()))}\n"
                f"components: [{{id: n, label: {_yaml_scalar(draw(_text()))}, count: {draw(st.sampled_from(_QIDS))}}},"
                f" {{id: u, when: {expr()}}}]\nconnections: [{{from: u, to: n, label: {_yaml_scalar(draw(_text()))}}}]")
    if kind == "decision":
        return f"decision: d\ntitle: {_yaml_scalar(draw(_text()))}\npriorities: [cost]"
    return f"{kind}: {draw(st.sampled_from(_OIDS))}\nwhen: {expr()}\ntitle: {_yaml_scalar(draw(_text()))}\npro: x"


@st.composite
def annotation_yaml(draw: st.DrawFn) -> str:
    """YAML for an annotation block: mostly well-formed mappings of block keys, sometimes broken text."""
    choice = draw(st.integers(0, 9))
    if choice >= 5:
        return draw(_plausible_yaml())
    if choice == 0:  # arbitrary text, usually not valid YAML
        return draw(st.text(max_size=120))
    if choice == 1:  # known-bad YAML constructs
        return draw(st.sampled_from((
            "a: [1, 2", "a: 1\n  b: 2", "!!python/object/apply:os.system ['echo pwned']", "a: !!binary x",
            "a: &x 1\nb: *y", "? [a, b]\n: 1", "- - - -", "key: |\n bad\n  indent", "\t- tab", "a: b: c",
            "x: &a [*a]", "{a: 1, a: 2}", "a: " + "[" * 200, "!!set {a, b}", "%YAML 1.1\n---\na: 1",
            "a: 1\n---\nb: 2", "a: @x", "'unterminated",
        )))
    kind = draw(st.sampled_from(_KEYS[:10]))
    lines = [f"{kind}: {_yaml_scalar(draw(st.sampled_from(_IDS)))}"]
    for key in draw(st.lists(st.sampled_from(_KEYS), max_size=6, unique=True)):
        lines.append(f"{key}: {_yaml_flow(draw(_VALUE))}")
    return "\n".join(lines)


def _link() -> st.SearchStrategy[str]:
    return st.one_of(
        st.builds(lambda t, h: f"[{t}]({h})", _text(), st.sampled_from(_HREFS)),
        st.builds(lambda t, h: f'<a href="{h}">{t}</a>', _text(), st.sampled_from(_HREFS)),
        st.builds(lambda h: f"<{h}>", st.sampled_from(_HREFS)),
        st.builds(lambda t, h: f"[{t}]\n\n[{t}]: {h}", st.sampled_from(_IDS[:5]), st.sampled_from(_HREFS)),
        st.builds(lambda h: f"![img]({h})", st.sampled_from(_HREFS)),
    )


def _table() -> st.SearchStrategy[str]:
    cell = st.one_of(_text(), _link()).map(lambda c: c.replace("\n", " "))
    return st.integers(1, 4).flatmap(lambda cols: st.builds(
        lambda head, rows, sep: "\n".join(
            ["| " + " | ".join(head) + " |", sep * cols + "|"] + ["| " + " | ".join(r) + " |" for r in rows]),
        st.lists(cell, min_size=cols, max_size=cols),
        st.lists(st.lists(cell, min_size=cols, max_size=cols), max_size=5),
        st.sampled_from(("|---", "|:-:", "| - ", "|")),
    ))


def _front_matter() -> st.SearchStrategy[str]:
    good = st.builds(
        lambda title, aliases, blocks: "---\n" + f"title: {_yaml_scalar(title)}\naliases: {_yaml_flow(aliases)}\n"
        + (f"fingerpost:\n  - {blocks}\n" if blocks else "") + "---",
        _text(), st.lists(st.sampled_from(("/a", "/sub/page", "", "x")), max_size=3),
        st.one_of(st.just(""), st.sampled_from(("{option: fm, title: From front matter}", "{question: q}",
                                                "[not, a, mapping]", "{term: t, text: \"<script>\"}"))),
    )
    raw = st.builds(lambda y: f"---\n{y}\n---", annotation_yaml())
    broken = st.sampled_from(("---\ntitle: [unclosed\n---", "---\ntitle: x", "---\n- a list\n---", "---\n---",
                              "---\n: :\n---", "---\ntitle: &a x\nb: *a\n---", "---\r\ntitle: crlf\r\n---"))
    return st.one_of(good, raw, broken)


def _fence() -> st.SearchStrategy[str]:
    info = st.sampled_from(("fingerpost", "yaml fingerpost", "decision", "FINGERPOST", "yaml", "", "python",
                            "fingerpost extra words", "~~~"))
    return st.builds(
        lambda i, body, close: ("~~~" + ("fingerpost" if i == "~~~" else "") if i == "~~~" else "```" + i)
        + "\n" + body + "\n" + (close if i != "~~~" else "~~~"),
        info, st.one_of(annotation_yaml(), _text()), st.sampled_from(("```", "````", "", "```` ")),
    )


def _block() -> st.SearchStrategy[str]:
    heading = st.builds(lambda n, t, i: "#" * n + " " + t + (f" {{#{i}}}" if i else ""),
                        st.integers(1, 7), _text(), st.one_of(st.just(""), st.sampled_from(_IDS)))
    html = st.one_of(
        st.sampled_from(("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<div>\n\n*md*\n\n</div>",
                         "<details><summary>x</summary>\n\ntext\n</details>", "<!-- plain comment -->",
                         "<iframe src=javascript:alert(1)></iframe>", "<a href='javascript:alert(1)'>x</a>",
                         "<svg onload=alert(1)>", "</textarea><script>alert(1)</script>", "<!--", "-->")),
        st.builds(lambda y: f"<!-- fingerpost\n{y}\n-->", annotation_yaml()),
        st.builds(lambda y: f"<!-- decision {y} -->", annotation_yaml()),
    )
    admonition = st.builds(lambda kind, body: f":::{kind}\n{body}\n:::",
                           st.sampled_from(("note", "warning", "tip Title", "", "danger <script>", "caution")),
                           st.one_of(_text(), _link()))
    quote_note = st.builds(lambda kind, body: f"> **{kind}:** {body}",
                           st.sampled_from(("Note", "Warning", "Important", "Tip")), st.one_of(_text(), _link()))
    mdx = st.sampled_from(("import Tabs from '@theme/Tabs';", "import {a, b} from \"x\"", "export const x = 1;",
                           "<Tabs>\n<TabItem value=\"a\" label=\"A\">\n\ntext\n\n</TabItem>\n</Tabs>",
                           "<TabItem value='x'>", "{/* comment */}", "<Foo bar={1} />"))
    listing = st.lists(st.one_of(_text(), _link()), min_size=1, max_size=4).map(
        lambda items: "\n".join(f"{'  ' * (i % 3)}- {t}" for i, t in enumerate(items)))
    deflist = st.builds(lambda t, d: f"{t}\n: {d}", _text(), _text())
    annotated = st.one_of(_fence(), st.builds(lambda y: f"```fingerpost\n{y}\n```", _plausible_yaml()),
                          st.builds(lambda y: f"<!-- fingerpost\n{y}\n-->", _plausible_yaml()))
    return st.one_of(heading, annotated, _table(), annotated, _link(), html, admonition, annotated, quote_note, mdx,
                     listing, deflist, _text(), st.builds(lambda a, b: a + " " + b, _text(), _link()))


@st.composite
def page(draw: st.DrawFn) -> bytes:
    """The bytes of one page, maybe with front matter and byte-level damage."""
    parts = []
    if draw(st.booleans()):
        parts.append(draw(_front_matter()))
    parts += draw(st.lists(_block(), min_size=1, max_size=12))
    text = draw(st.sampled_from(("\n\n", "\n"))).join(parts)
    if draw(st.booleans()):
        text += "\n"
    if draw(st.integers(0, 5)) == 0:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8", "surrogatepass")
    damage = draw(st.integers(0, 9))
    if damage == 0:
        data = b"\xef\xbb\xbf" + data
    elif damage == 1 and data:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from((b"\x00", b"\xff\xfe", b"\x80", b"\xc3", b"\xed\xa0\x80"))) + data[at:]
    elif damage == 2:
        data = data[: draw(st.integers(0, len(data)))]  # a file cut short
    return data


@st.composite
def doc_tree(draw: st.DrawFn) -> dict[str, bytes]:
    """One to three pages under a root; the first is always `index.md`."""
    names = ["index.md"] + draw(st.lists(st.sampled_from(PAGE_NAMES[1:]), max_size=2, unique=True))
    return {name: draw(page()) for name in names}


def write_tree(root: Path, tree: dict[str, bytes]) -> None:
    """Write the pages of a generated tree under `root`."""
    for name, data in tree.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def check_diagnostics(kb: Any, tree: dict[str, bytes]) -> list[str]:
    """What is wrong with the problems of a compiled tree: each must name a page of it and a line inside it."""
    wrong = []
    lines = {name: data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n") + 1 for name, data in tree.items()}
    for d in kb.problems:
        if d.path not in lines:
            wrong.append(f"diagnostic names no page of the tree: {d}")
        elif not 0 <= d.line <= lines[d.path]:
            wrong.append(f"diagnostic line {d.line} outside 0..{lines[d.path]}: {d}")
        elif not d.message.strip() or "\n" in str(d):
            wrong.append(f"diagnostic message is empty or spans lines: {d!r}")
        elif d.severity not in ("error", "warning", "info"):
            wrong.append(f"unknown severity: {d!r}")
    return wrong
