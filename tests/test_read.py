"""kb.read: bytes to Document, with every oddity reported as `path:line`."""

from __future__ import annotations

from fingerpost.kb.read import MAX_LINE_CHARS, decode, read_bytes, read_text, slugify

PAGE = "---\ntitle: T\n---\n# Hello {#hi}\n\nSee [x](other.md).\n\n```fingerpost\nterm: t\ntitle: A term\n```\n"


def _codes(doc: object) -> list[tuple[int, str, str]]:
    return [(p.line, p.severity, p.code) for p in doc.problems]


def test_bom_is_dropped_and_nothing_is_reported() -> None:
    doc = read_bytes("p.md", b"\xef\xbb\xbf" + PAGE.encode())
    assert doc.title == "T" and doc.front_matter == {"title": "T"}
    assert [s.anchor for s in doc.sections] == ["", "hi"]
    assert doc.problems == []


def test_crlf_gives_the_same_document_as_lf() -> None:
    lf = read_bytes("p.md", PAGE.encode())
    crlf = read_bytes("p.md", PAGE.replace("\n", "\r\n").encode())
    assert [(s.anchor, s.line) for s in crlf.sections] == [(s.anchor, s.line) for s in lf.sections]
    assert [(link.line, link.target) for link in crlf.links] == [(6, "other.md")]
    assert [(b.line, dict(b.data)) for b in crlf.blocks] == [(9, {"term": "t", "title": "A term"})]
    assert crlf.problems == []


def test_invalid_utf8_is_replaced_and_reported_with_its_line() -> None:
    doc = read_bytes("p.md", b"# Title\n\nline three \xff\xfe here\n")
    assert _codes(doc) == [(3, "warning", "encoding")]
    assert "save it as UTF-8" in doc.problems[0].message
    assert "\ufffd" in doc.sections[1].text


def test_nul_bytes_are_reported_with_their_line() -> None:
    doc = read_bytes("p.md", b"# Title\n\nfine\nbad\x00byte\n")
    assert _codes(doc) == [(4, "warning", "nul-byte")]
    assert "\x00" not in doc.sections[1].text


def test_decode_reports_both_problems_in_order() -> None:
    text, problems = decode("p.md", b"a\n\xff\nb\x00\n")
    assert [(p.line, p.code) for p in problems] == [(2, "encoding"), (3, "nul-byte")]
    assert text == "a\n\ufffd\nb\ufffd\n"


def test_empty_file_is_a_note_not_an_error() -> None:
    for data in (b"", b"\n\n  \n", b"\xef\xbb\xbf"):
        doc = read_bytes("empty.md", data)
        assert _codes(doc) == [(1, "info", "empty")]
        assert doc.title == "empty.md"
        assert doc.links == [] and doc.blocks == []


def test_title_falls_back_from_front_matter_to_heading_to_file_name() -> None:
    assert read_text("a/b.md", "---\ntitle: Front\n---\n# Head\n").title == "Front"
    assert read_text("a/b.md", "text\n\n## Head\n").title == "Head"
    assert read_text("a/b.md", "only text\n").title == "b.md"


def test_invalid_front_matter_yaml_is_reported_at_its_line() -> None:
    doc = read_text("p.md", "---\ntitle: ok\nbad: [\n---\n# H\n")
    assert [(p.line, p.severity, p.code) for p in doc.problems] == [(3, "error", "front-matter")]
    assert doc.front_matter == {}


def test_invalid_block_yaml_is_reported_at_its_line_and_the_block_skipped() -> None:
    doc = read_text("p.md", "# H\n\n```fingerpost\noption: a\n  title: b\n```\n")
    assert _codes(doc) == [(5, "error", "annotation")]
    assert doc.blocks == []


def test_mdx_imports_are_dropped_but_not_inside_fences() -> None:
    text = "import A from './a.md';\nexport const x = 1;\n\n# T\n\n```js\nimport B from 'b';\n```\n"
    doc = read_text("p.mdx", text)
    assert [p.text for p in doc.paragraphs] == []
    assert doc.sections[1].title == "T" and doc.sections[1].line == 4


def test_very_long_lines_are_cut_and_reported() -> None:
    doc = read_text("p.md", "# T\n\n" + "x" * (MAX_LINE_CHARS + 5) + "\n")
    assert _codes(doc) == [(3, "warning", "long-line")]
    assert len(doc.paragraphs[0].text) == MAX_LINE_CHARS


def test_deep_nesting_does_not_crash() -> None:
    doc = read_text("p.md", "> " * 3000 + "deep\n")
    assert doc.path == "p.md"  # read, maybe with a too-deep error, but never an exception


def test_slugify_matches_docusaurus() -> None:
    assert slugify("Install `tool` (v1.2)!") == "install-tool-v12"
    assert slugify("Ünïcödé  and spaces") == "ünïcödé--and-spaces"
    assert slugify("A_b-C") == "a_b-c"


def test_sections_know_their_parent_and_text() -> None:
    doc = read_text("p.md", "# A\n\none\n\n## B\n\ntwo\n\n### C\n\n## D\n")
    rows = [(s.anchor, s.level, s.parent, s.line, s.end_line, s.text) for s in doc.sections]
    assert rows == [
        ("", 0, "", 1, 0, ""),
        ("a", 1, "", 1, 4, "one"),
        ("b", 2, "a", 5, 8, "two"),
        ("c", 3, "b", 9, 10, ""),
        ("d", 2, "a", 11, 12, ""),
    ]


def test_front_matter_blocks_cite_their_own_lines() -> None:
    one = read_text("p.md", "---\ntitle: T\nfingerpost:\n  option: a\n  title: A\n---\n# H\n")
    assert [(b.line, b.data["option"]) for b in one.blocks] == [(4, "a")]
    many = read_text("p.md", "---\nfingerpost:\n  - term: t\n  - option: a\n    title: A\n---\n")
    assert [b.line for b in many.blocks] == [3, 4]


def test_html_line_breaks_separate_words_in_cells_and_paragraphs() -> None:
    doc = read_text("p.md", "# T\n\n| A | B |\n|---|---|\n| fast<br>cheap | one<br/>two<BR />three |\n\n"
                            "A line<br>and more\nnext line.\n")
    assert [[c.text for c in row] for row in doc.tables[0].rows] == [["fast cheap", "one two three"]]
    (para,) = doc.paragraphs
    assert para.text == "A line and more next line."
    assert para.breaks == (para.text.index("next"),)  # the <br> is no line of the source


def test_a_code_fence_inside_an_mkdocs_admonition_closes_and_the_headings_after_it_are_read() -> None:
    text = ("# Page\n\n!!! example\n    Given this:\n\n    ```console\n    $ run it\n    ```\n\n"
            "    and then more prose.\n\n## Later heading\n\nText.\n\n### Deeper\n\nMore.\n")
    doc = read_text("p.md", text)
    assert [(s.title, s.line) for s in doc.sections if s.level] == [("Page", 1), ("Later heading", 12), ("Deeper", 16)]
    assert any(p.text == "and then more prose." and p.line == 10 for p in doc.paragraphs)


def test_a_hugo_page_reference_is_read_as_a_link_to_the_page_it_names() -> None:
    doc = read_text("concepts/_index.md", '# C\n\nThe [layer 2 mode]({{% relref "concepts/layer2.md" %}}) page and '
                                          'the [BGP mode]({{< ref "bgp.md#limits" >}}) page.\n')
    assert [(lk.target, lk.text) for lk in doc.links] == [("concepts/layer2", "layer 2 mode"), ("bgp#limits", "BGP mode")]
