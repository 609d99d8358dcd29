"""Read one Markdown page into a Document: text, front matter, sections, links, blocks.

    >>> doc = read_text("guide.md", "---\\ntitle: T\\n---\\n# Hello {#hi}\\nSee [x](other.md).\\n")
    >>> doc.title, [s.anchor for s in doc.sections], doc.links[0].target
    ('T', ['', 'hi'], 'other.md')

Reading never fails on content: encoding problems, bad YAML and the like become
Diagnostics in `doc.problems`, each naming `path:line`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any

from fingerpost.kb import yamlsafe
from fingerpost.kb.errors import ContentError, Diagnostic
from fingerpost.kb.records import Block, Document, Link, Section
from fingerpost.kb.safeio import UNSAFE_TEXT, clean
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin

__all__ = ["read_text", "read_bytes", "decode", "slugify", "Table", "Cell", "Paragraph", "ANNOTATION_INFO"]

ANNOTATION_INFO = frozenset({"fingerpost", "decision"})
"""Fence info words that mark a decision annotation: ```` ```fingerpost ```` or ```` ```yaml fingerpost ````."""

MAX_LINE_CHARS = 100_000
"""Longer lines are cut before parsing, so that a pathological file stays fast."""

MAX_PAGE_CHARS = 1_000_000
"""Text past this many characters is not parsed, so time and memory stay bounded (the largest page of
the 9,000-page Rancher docs has 250,000); bench/pathological.py measures the worst cases."""

_EXPLICIT_ID = re.compile(r"\s*\{#([^}\s]+)\}\s*$")
_MDX_IMPORT = re.compile(r"^(import\s+[\w{}\s,*]+\s+from\s+['\"][^'\"]+['\"];?|export\s+.*)\s*$")
_HTML_HREF = re.compile(r"""<a\s[^>]*?href\s*=\s*["']([^"']+)["'][^>]*>(.*?)(?:</a>|$)""", re.I | re.S)
_HTML_TABLE = re.compile(r"<table\b", re.I)
_COMMENT_BLOCK = re.compile(r"^\s*<!--\s*(fingerpost|decision)\b(.*?)-->\s*$", re.S)


@dataclass(slots=True)
class Cell:
    """One table cell: its text and the links in it."""

    text: str
    links: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Table:
    """A table with its header row and body rows, for structural extraction."""

    line: int
    section: str
    header: list[Cell]
    rows: list[list[Cell]]
    row_lines: list[int]


@dataclass(slots=True)
class Paragraph:
    """A paragraph, list item or admonition text, for sentence extraction."""

    line: int
    section: str
    text: str
    kind: str
    """`paragraph`, `item`, `quote`, `admonition`, `term` (a definition-list term) or `definition`."""
    breaks: tuple[int, ...] = ()
    """Offsets in `text` where a new source line starts (line = `line` + number of breaks before)."""
    lead: str = ""
    """Text of a bold or italic span that opens the paragraph (`**Term** is …`), else ''."""
    within: tuple[int, int] = (0, 0)
    """For list text: the serial number of its innermost list and of its list item on the page, else (0, 0)."""


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    container_plugin(md, name="admonition", validate=lambda params, *a: bool(params.strip()))
    deflist_plugin(md)
    # markdown-it drops `javascript:` and similar links silently; keep them so lint can report them.
    # Nothing is ever rendered from these tokens.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def slugify(text: str) -> str:
    """Docusaurus (github-slugger) style anchor: lower case, punctuation dropped, spaces to `-`."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = "".join(ch for ch in text if ch.isalnum() or ch in " -_")
    return text.replace(" ", "-")


def decode(path: str, data: bytes) -> tuple[str, list[Diagnostic]]:
    """Bytes to text: BOM dropped, invalid UTF-8 and NUL bytes replaced and reported."""
    problems: list[Diagnostic] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problems.append(
            Diagnostic(path, line, 1, "warning", "encoding",
                       "the file is not valid UTF-8; bad bytes were replaced — save it as UTF-8")
        )
        text = data.decode("utf-8", errors="replace")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        problems.append(Diagnostic(path, line, 1, "warning", "nul-byte",
                                   "the file contains NUL bytes; they were ignored — is it really Markdown?"))
        text = text.replace("\x00", "\ufffd")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = UNSAFE_TEXT.search(text)
    if found:  # an escape sequence in a heading or text would drive the terminal it is printed on
        line = text.count("\n", 0, found.start()) + 1
        problems.append(Diagnostic(path, line, found.start() - text.rfind("\n", 0, found.start()), "warning",
                                   "control-character", f"the file contains the control character "
                                   f"U+{ord(found.group()):04X}; it is shown as `{clean(found.group())}` — remove it"))
    if UNSAFE_TEXT.search(path):
        problems.append(Diagnostic(path, 1, 1, "warning", "control-character",
                                   "the file name contains a control character — rename the file"))
    return text, problems


def _split_front_matter(path: str, lines: list[str], problems: list[Diagnostic]) -> tuple[dict[str, Any], int, int]:
    """Returns (front matter, first YAML line, number of lines it occupies). Blank lines before the opening `---`
    are allowed, as static site generators (Hugo) allow them."""
    start = next((i for i, line in enumerate(lines[:50]) if line.strip()), 0)
    if not lines or lines[start].strip() != "---":
        return {}, 0, 0
    for end in range(start + 1, min(len(lines), 5000)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        problems.append(Diagnostic(path, start + 1, 1, "warning", "front-matter",
                                   "front matter starts with --- but never ends — close it with a --- line"))
        return {}, 0, 0
    try:
        data = yamlsafe.load("\n".join(lines[start + 1:end]), path=path, first_line=start + 2)
    except ContentError as exc:
        problems.append(Diagnostic(path, exc.line or start + 2, 1, "error", "front-matter",
                                   f"{exc.message} — {exc.hint or 'fix the front matter'}"))
        data = {}
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.append(Diagnostic(path, start + 2, 1, "warning", "front-matter",
                                   "front matter is not a mapping of keys to values — write `key: value` lines"))
        data = {}
    return data, start + 2, end + 1


_BR = re.compile(r"<br\s*/?>", re.I)


def _is_br(child: Token) -> bool:
    """An HTML line break inside text (`fast<br>cheap`, common in table cells): a space in the text."""
    return child.type == "html_inline" and bool(_BR.fullmatch(child.content.strip()))


_ITEM_END = re.compile(r"</li>", re.I)


def _item_end(child: Token) -> bool:
    """The end of an HTML list item inside text (`<ul><li>1 node</li><li>No replication</li></ul>` in a
    table cell): the items are kept apart in the text."""
    return child.type == "html_inline" and bool(_ITEM_END.fullmatch(child.content.strip()))


_SHORTCODE = re.compile(r":(?P<name>[a-z0-9_+-]+):")
"""An emoji shortcode as GitHub and MkDocs write it (`:x:`, `:white_check_mark:`, `:material-check:`)."""
_SHORTCODE_MARKS = ((re.compile(r"check|tick|ok\b|thumbsup|\+1"), "✅"),
                    (re.compile(r"^(?:x|.*[-_]x(?:mark)?(?:-\d+)?|.*cross.*|.*close.*|.*times.*|no_entry.*|.*multiplication_x|"
                                r"thumbsdown|-1)$"), "❌"),
                    (re.compile(r"warning|alert"), "⚠️"), (re.compile(r"construction"), "🚧"),
                    (re.compile(r"question"), "❓"), (re.compile(r"minus"), "➖"))
"""Shortcodes that tick or cross a table cell, by what their names say, and the mark they draw."""


def _marks_drawn(text: str) -> str:
    """A table cell with its tick and cross shortcodes drawn as the marks they are (`:x:` → ❌)."""
    if ":" not in text:
        return text

    def drawn(m: re.Match[str]) -> str:
        return next((mark for pattern, mark in _SHORTCODE_MARKS if pattern.search(m.group("name"))), m.group(0))

    return _SHORTCODE.sub(drawn, text)


def _inline_text(tok: Token) -> str:
    parts: list[str] = []
    for child in tok.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak") or _is_br(child):
            parts.append(" ")
        elif _item_end(child):
            parts.append("; ")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts).strip().removesuffix(";").strip()


def _line_breaks(tok: Token) -> tuple[int, ...]:
    """Offsets in `_inline_text(tok)` where the source moves to a new line."""
    offsets, pos = [], 0
    for child in tok.children or []:
        if child.type in ("text", "code_inline", "image"):
            pos += len(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            pos += 1
            offsets.append(pos)
        elif _is_br(child):
            pos += 1
        elif _item_end(child):
            pos += 2
    lead = 0
    for child in tok.children or []:  # `_inline_text` strips leading blanks
        if child.type in ("softbreak", "hardbreak") or _is_br(child):
            lead += 1
            continue
        if child.type in ("text", "code_inline", "image"):
            lead += len(child.content) - len(child.content.lstrip())
            if child.content.strip():
                break
    return tuple(o - lead for o in offsets if o - lead > 0)


def _lead(tok: Token) -> str:
    """The text of an emphasis span that opens an inline token (`**K3s** is …` → `K3s`)."""
    children = [c for c in tok.children or [] if not (c.type == "text" and not c.content.strip())]
    while children and children[0].type == "text" and not any(ch.isalnum() for ch in children[0].content):
        children = children[1:]  # an icon before the bold name: `📖 **helm**: …`
    if not children or children[0].type not in ("strong_open", "em_open"):
        return ""
    close = children[0].type.replace("_open", "_close")
    parts = []
    for child in children[1:]:
        if child.type == close:
            return "".join(parts).strip()
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
    return ""


def _inline_links(tok: Token) -> list[tuple[int, str, str]]:
    """(line offset, href, link text) for every link in an inline token."""
    out: list[tuple[int, str, str]] = []
    offset = 0
    current: list[Any] | None = None
    for child in tok.children or []:
        if child.type in ("softbreak", "hardbreak"):
            offset += 1
        elif child.type == "link_open":
            current = [offset, str(child.attrs.get("href", "")), ""]
        elif child.type == "link_close" and current is not None:
            out.append((current[0], current[1], current[2].strip()))
            current = None
        elif child.type in ("text", "code_inline") and current is not None:
            current[2] += child.content
        elif child.type == "html_inline":
            for m in _HTML_HREF.finditer(child.content):
                out.append((offset, m.group(1), re.sub(r"<[^>]+>", "", m.group(2)).strip()))
    return out


class _HtmlTable(HTMLParser):
    """The rows of a raw HTML `<table>` (as MDX and Hugo pages write comparison tables): each row's
    first line and its cells' source text (Markdown inside cells is read by the caller)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[int, bool, list[str]]] = []
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._row_line = 0
        self._head = False
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._depth += 1
        elif self._depth != 1:
            return  # a table inside a cell is the cell's text
        elif tag == "thead":
            self._head = True
        elif tag == "tr":
            self._row, self._row_line = [], self.getpos()[0]
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._depth -= 1
        elif self._depth != 1:
            return
        elif tag == "thead":
            self._head = False
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append((self._row_line, self._head or tag == "th" and not self.rows, self._row))
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


class _Reader:
    """One pass over the tokens of one page."""

    def __init__(self, path: str, lines: list[str], problems: list[Diagnostic]) -> None:
        self.path = path
        self.lines = lines
        self.problems = problems
        self.sections: list[dict[str, Any]] = [
            {"anchor": "", "title": "", "level": 0, "line": 1, "parent": "", "text": []}
        ]
        self.stack: list[dict[str, Any]] = []
        self.slugs: dict[str, int] = {}
        self.raw_links: list[tuple[int, str, str, str]] = []
        self.blocks: list[tuple[int, str, str]] = []
        self.tables: list[Table] = []
        self.paragraphs: list[Paragraph] = []

    @property
    def current(self) -> dict[str, Any]:
        return self.sections[-1]

    def heading(self, level: int, line: int, inline: Token) -> None:
        title = _inline_text(inline)
        m = _EXPLICIT_ID.search(title)
        if m:
            anchor, title = m.group(1), title[: m.start()].strip()
            self.slugs.setdefault(anchor, 0)
        else:
            # github-slugger: count per base slug and skip suffixes already taken (a, a-1, a-2, "A 1" → a-1-1).
            base = slugify(title) or "section"
            anchor = base
            while anchor in self.slugs:
                self.slugs[base] += 1
                anchor = f"{base}-{self.slugs[base]}"
            self.slugs[anchor] = 0
        while self.stack and self.stack[-1]["level"] >= level:
            self.stack.pop()
        parent = self.stack[-1]["anchor"] if self.stack else ""
        sec = {"anchor": anchor, "title": title, "level": level, "line": line, "parent": parent, "text": []}
        self.sections.append(sec)
        self.stack.append(sec)

    def inline(self, tok: Token, line: int, kind: str, within: tuple[int, int] = (0, 0)) -> None:
        text = _inline_text(tok)
        if text:
            self.current["text"].append(text)
            self.paragraphs.append(Paragraph(line, self.current["anchor"], text, kind, _line_breaks(tok), _lead(tok),
                                             within))
        for offset, href, label in _inline_links(tok):
            self.raw_links.append((line + offset, href, label, self.current["anchor"]))

    def html(self, tok: Token, line: int) -> None:
        m = _COMMENT_BLOCK.match(tok.content)
        if m:
            body = m.group(2)
            first = line + (0 if "\n" not in tok.content.split(m.group(1), 1)[0] else 1)
            # YAML starts on the line after `<!-- fingerpost` when written on its own line.
            if body.startswith("\n"):
                body, first = body[1:], line + 1
            self.blocks.append((first, body, self.current["anchor"]))
            return
        for m in _HTML_HREF.finditer(tok.content):
            offset = tok.content.count("\n", 0, m.start())
            self.raw_links.append((line + offset, m.group(1), re.sub(r"<[^>]+>", "", m.group(2)).strip(),
                                   self.current["anchor"]))

    def html_table(self, line: int) -> int:
        """A raw HTML `<table>` starting on `line`, read like a Markdown table (its first row is the
        header when it has no `<thead>`); returns the table's last line (0: not a whole table)."""
        end = next((n for n in range(line - 1, len(self.lines)) if "</table>" in self.lines[n].lower()), -1)
        if end < 0:
            return 0
        parser = _HtmlTable()
        try:
            parser.feed("\n".join(self.lines[line - 1:end + 1]))
            parser.close()
        except Exception:  # noqa: BLE001 — malformed HTML is read as far as it goes, never a failure
            pass
        if not parser.rows:
            return end + 1
        cells: list[list[Cell]] = []
        for offset, _, texts in parser.rows:
            row = []
            for text in texts:
                inline = _parser().parseInline(text)[0] if text else None
                links = _inline_links(inline) if inline is not None else []
                row.append(Cell(_marks_drawn(_inline_text(inline)) if inline is not None else "", [h for _, h, _ in links]))
                for _, href, label in links:
                    self.raw_links.append((line + offset - 1, href, label, self.current["anchor"]))
                if row[-1].text:
                    self.current["text"].append(row[-1].text)
            cells.append(row)
        heads = [n for n, (_, head, _) in enumerate(parser.rows) if head]
        h = heads[0] if heads else 0
        body = [n for n in range(len(cells)) if n != h]
        self.tables.append(Table(line, self.current["anchor"], cells[h], [cells[n] for n in body],
                                 [line + parser.rows[n][0] - 1 for n in body]))
        return end + 1

    def table(self, tokens: list[Token], start: int) -> int:
        """Collect a table starting at tokens[start] (table_open); returns the index after it."""
        header: list[Cell] = []
        rows: list[list[Cell]] = []
        row_lines: list[int] = []
        row: list[Cell] = []
        in_head = False
        line0 = (tokens[start].map or [0])[0] + 1
        i = start + 1
        while i < len(tokens) and tokens[i].type != "table_close":
            t = tokens[i]
            if t.type == "thead_open":
                in_head = True
            elif t.type == "thead_close":
                in_head = False
            elif t.type == "tr_open":
                row = []
                row_line = (t.map or [line0 - 1])[0] + 1
            elif t.type == "tr_close":
                if in_head:
                    header = row
                else:
                    rows.append(row)
                    row_lines.append(row_line)
            elif t.type == "inline":
                line = (t.map or [row_line - 1])[0] + 1
                links = _inline_links(t)
                row.append(Cell(_marks_drawn(_inline_text(t)), [h for _, h, _ in links]))
                for offset, href, label in links:
                    self.raw_links.append((line + offset, href, label, self.current["anchor"]))
                if row[-1].text:
                    self.current["text"].append(row[-1].text)
            i += 1
        self.tables.append(Table(line0, self.current["anchor"], header, rows, row_lines))
        return i + 1

    def run(self, tokens: list[Token]) -> None:
        context: list[str] = []
        lists: list[int] = []  # serial numbers of the open lists and list items, innermost last
        items: list[int] = []
        serial = 0
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            line = (tok.map[0] + 1) if tok.map else 0
            t = tok.type
            if t == "heading_open" and i + 1 < len(tokens):
                self.heading(int(tok.tag[1:]), line, tokens[i + 1])
                for offset, href, label in _inline_links(tokens[i + 1]):
                    self.raw_links.append((line + offset, href, label, self.current["anchor"]))
                i += 3
                continue
            if t == "table_open":
                i = self.table(tokens, i)
                continue
            if t.endswith("_open") and t != "paragraph_open":
                context.append(t)
                if t in ("bullet_list_open", "ordered_list_open", "list_item_open"):
                    serial += 1
                    (items if t == "list_item_open" else lists).append(serial)
            elif t.endswith("_close") and t != "paragraph_close" and context:
                context.pop()
                if t in ("bullet_list_close", "ordered_list_close") and lists:
                    lists.pop()
                elif t == "list_item_close" and items:
                    items.pop()
            if t == "inline":
                kind = "paragraph"
                for c in reversed(context):
                    if c == "list_item_open":
                        kind = "item"
                        break
                    if c == "blockquote_open":
                        kind = "quote"
                        break
                    if c.startswith("container_"):
                        kind = "admonition"
                        break
                    if c == "dt_open":
                        kind = "term"
                        break
                    if c == "dd_open":
                        kind = "definition"
                        break
                self.inline(tok, line, kind, (lists[-1], items[-1]) if kind == "item" and lists and items else (0, 0))
            elif t == "fence":
                words = tok.info.strip().lower().split()
                if words and (words[0] in ANNOTATION_INFO or (len(words) > 1 and words[1] in ANNOTATION_INFO)):
                    # YAML starts below the fence line; a fence on the last line has none, so cite the fence
                    self.blocks.append((min(line + 1, len(self.lines)), tok.content, self.current["anchor"]))
            elif t == "html_block":
                if (table := _HTML_TABLE.search(tok.content)) is not None:
                    last = self.html_table(line + tok.content.count("\n", 0, table.start()))
                    while last and i + 1 < len(tokens) and (tokens[i + 1].map or [last])[0] < last:
                        i += 1  # the rest of the table: blank lines inside it split it into several blocks
                self.html(tok, line)
            i += 1


_CONTAINER_OPENER = re.compile(r"^\s*(?:!!!|\?\?\?\+?|===)\s+\S")
_SHORTCODE_LINE = re.compile(r"^\{\{[<%].*[%>]\}\}\s*$")
_LIQUID_LINK = re.compile(r"\{%\s*link\s+(?:\{\{[^}]*\}\}/)?(?P<page>[^\s%]+)\s*%\}")
"""A Jekyll page link (`{% link {{ page.version.version }}/regional-tables.md %}`) as a link target: the page."""
_LIQUID_LINE = re.compile(r"^(?:\{\{[^{}]*\}\}|\{%[^%]*%\})\s*$")
"""A line that is only a Liquid tag (`{{site.data.alerts.callout_info}}`, `{% include_cached … %}`): site markup."""
_PLUS_DELIMITER = re.compile(r"^\|?\s*:?-+:?\s*(?:[|+]\s*:?-+:?\s*)*\+\s*:?-+:?\s*(?:[|+]\s*:?-+:?\s*)*\|?\s*$")
"""A kramdown table's delimiter row with `+` where columns meet (`|----+----|`), read as `|----|----|`."""
_REF_SHORTCODE = re.compile(r"\{\{[<%]\s*(?:rel)?ref\s+\"?(?P<page>[^\"%>\s]+?)(?:\.md)?(?P<anchor>#[^\"%>\s]*)?\"?\s*[%>]\}\}")
"""A Hugo page reference (`{{% relref "concepts/bgp.md" %}}`) as a link target: the page it names, as a site path."""


_PARAM_SHORTCODE = re.compile(r"\{\{[<%]\s*param\s+\"?(?P<name>[\w.-]+)\"?\s*[%>]\}\}")
"""A Hugo site parameter in the text (`{{< param "PRODUCT_NAME" >}}`)."""


_LIQUID_VARIABLE = re.compile(r"\{\{\s*(?:site|page|layout|include)\.(?P<name>[\w.-]+)\s*\}\}")
"""A Jekyll/Liquid variable in the text (`{{site.base_gateway}}`), whose value the site's config holds."""
_NAME_NOISE = frozenset("name product value text".split())


_LIQUID_TAG = re.compile(r"\{%.*?%\}")


def _prose_variables(line: str) -> str:
    """A line with the Liquid variables of its prose read as words — not a line that is only markup
    (`{{site.data.alerts.callout_info}}`), nor a variable inside a tag (`{% link {{ page.version.version }}/… %}`),
    nor a lookup of the site's data."""
    stripped = line.strip()
    if stripped.startswith("{{") and stripped.endswith("}}") and stripped.count("{{") == 1:
        return line
    tags = [m.span() for m in _LIQUID_TAG.finditer(line)] if "{%" in line else []

    def words(m: re.Match[str]) -> str:
        if m.group("name").startswith("data.") or any(a <= m.start() < b for a, b in tags):
            return m.group(0)
        return _variable_words(m)

    return _LIQUID_VARIABLE.sub(words, line)


def _variable_words(m: re.Match[str]) -> str:
    """A Liquid variable read as the words of its name (`site.base_gateway` → `base gateway`): the value is in
    the site's config, which is not among the pages."""
    words = re.split(r"[_.-]+", m.group("name").lower())
    kept = [w for w in words if w and w not in _NAME_NOISE] or [w for w in words if w]
    return " ".join(kept)


def _params(front: dict[str, Any], lines: list[str]) -> dict[str, str]:
    """Values of the site parameters a page uses: from its front matter, else read off its title where a
    heading spells it with the parameter (`# Deploy {{% param "FULL_PRODUCT_NAME" %}}` under `title:
    Deploy Grafana Alloy`); a shorter name ending one known (`PRODUCT_NAME`) is the value's last word."""
    names = {m.group("name") for line in lines if "param" in line for m in _PARAM_SHORTCODE.finditer(line)}
    title = str(front.get("title") or "")
    out = {n: str(front[n.lower()]) for n in names if isinstance(front.get(n.lower()), str)}
    for line in lines:
        if not line.startswith("#") or "param" not in line or not title:
            continue
        heading = line.lstrip("#").strip()
        parts = _PARAM_SHORTCODE.split(heading)
        if len(parts) == 3:  # one parameter in the heading: what the title has in its place
            m = re.fullmatch(re.escape(parts[0]) + r"(.+?)" + re.escape(parts[2]), title)
            if m:
                out.setdefault(parts[1], m.group(1).strip())
    for n in names - out.keys():
        longer = next((v for k, v in out.items() if k.endswith("_" + n)), "")
        out[n] = longer.split()[-1] if longer else "it"
    return out


def read_text(path: str, text: str, problems: list[Diagnostic] | None = None) -> Document:
    """Parse the text of the page at `path` (relative to the knowledge-base root)."""
    problems = list(problems or [])
    lines = text.split("\n")
    front, fm_line, fm_len = _split_front_matter(path, lines, problems)
    body = [""] * fm_len + lines[fm_len:]
    if "param" in text and _PARAM_SHORTCODE.search(text):
        params = _params(front, body)
        body = [_PARAM_SHORTCODE.sub(lambda m: params.get(m.group("name"), "it"), line) if "param" in line else line
                for line in body]
    if "{{" in text and _LIQUID_VARIABLE.search(text):
        body = [_prose_variables(line) if "{{" in line else line for line in body]
    in_fence = False
    indented = 0  # indentation of the body of an open MkDocs admonition or tab, read as prose
    total = 0
    for n in range(fm_len, len(body)):
        line = body[n]
        stripped = line.lstrip()
        if indented and stripped and len(line) - len(stripped) < indented:
            indented = 0
        if indented:  # code fences in the body too: a closing fence indented four spaces would close nothing
            body[n] = line = line[indented:]
            stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            in_fence = not in_fence
        elif not in_fence and _CONTAINER_OPENER.match(line):
            body[n], indented = "", len(line) - len(stripped) + 4  # `!!! note`, `??? tip`, `=== "Tab"`
        elif not in_fence and "{{" in line and "ref" in line and _REF_SHORTCODE.search(line):
            body[n] = line = _REF_SHORTCODE.sub(lambda m: m.group("page") + (m.group("anchor") or ""), line)
        elif not in_fence and "{%" in line and "link" in line and _LIQUID_LINK.search(line):
            body[n] = line = _LIQUID_LINK.sub(lambda m: m.group("page"), line)
        elif not in_fence and "+" in line and "-" in line and _PLUS_DELIMITER.match(stripped):
            body[n] = line = line.replace("+", "|")
        elif not in_fence and stripped.startswith("{") and _LIQUID_LINE.match(stripped):
            body[n] = ""
        elif not in_fence and _SHORTCODE_LINE.match(stripped):
            body[n] = ""  # `{{< tab "K3s" >}}`, `{{% /notice %}}`: markup of the site, around prose
        elif not in_fence and stripped[:7] in ("import ", "export ") and _MDX_IMPORT.match(stripped):
            body[n] = ""  # MDX import/export lines are code for the site, not text
        if len(line) > MAX_LINE_CHARS:
            problems.append(Diagnostic(path, n + 1, 1, "warning", "long-line",
                                       f"line is {len(line):,} characters long; only the first {MAX_LINE_CHARS:,} were read"
                                       " — break it into shorter lines"))
            body[n] = line[:MAX_LINE_CHARS]
        total += len(body[n]) + 1
        if total > MAX_PAGE_CHARS:
            problems.append(Diagnostic(path, n + 1, 1, "warning", "too-long",
                                       f"the page is longer than {MAX_PAGE_CHARS:,} characters; from line {n + 1} on "
                                       "it was not read — split it into smaller pages"))
            del body[n:]
            break
    try:
        tokens = _parser().parse("\n".join(body))
    except RecursionError:
        problems.append(Diagnostic(path, 1, 1, "error", "too-deep",
                                   "the page is nested too deeply to read — flatten its lists or quotes"))
        tokens = []
    reader = _Reader(path, lines, problems)
    reader.run(tokens)

    sections = _finish_sections(path, reader.sections, len(lines))
    blocks: list[Block] = []
    by_anchor = {s.anchor: s for s in sections}
    for line, yaml_text, anchor in reader.blocks:
        try:
            data = yamlsafe.load(yaml_text, path=path, first_line=line)
        except ContentError as exc:
            problems.append(Diagnostic(path, exc.line or line, 1, "error", "annotation", f"{exc.message} — {exc.hint or 'fix the block'}"))
            continue
        blocks.append(Block(path, line, data, by_anchor.get(anchor)))
    fm_blocks = front.get("fingerpost")
    if fm_blocks is not None:
        if isinstance(fm_blocks, list):
            items, item_lines = fm_blocks, getattr(fm_blocks, "lines", None) or [fm_line] * len(fm_blocks)
        else:  # one mapping: its `.lines` maps keys to lines, so take the line of the mapping itself
            items, item_lines = [fm_blocks], [getattr(fm_blocks, "line", 0) or fm_line]
        for item, line in zip(items, item_lines):
            blocks.append(Block(path, line, item, sections[0]))

    title = str(front.get("title") or "").strip() or next((s.title for s in sections if s.level), "") or path.rsplit("/", 1)[-1]
    if UNSAFE_TEXT.search(title) and not UNSAFE_TEXT.search(text):  # written as a YAML escape such as "\e"
        problems.append(Diagnostic(path, fm_line or 1, 1, "warning", "control-character",
                                   f"the title has a control character (shown as `{clean(title)}`) — remove it"))
    aliases = front.get("aliases") or ()
    if isinstance(aliases, str):
        aliases = [aliases]
    links = [Link(path, line, _col(lines, line, href), label, href, "", section=anchor)
             for line, href, label, anchor in reader.raw_links]
    return Document(
        path=path,
        title=title,
        front_matter=dict(front),
        front_matter_line=fm_line,
        sections=sections,
        links=links,
        blocks=blocks,
        tables=reader.tables,
        paragraphs=reader.paragraphs,
        aliases=tuple(str(a) for a in aliases if isinstance(a, (str, int, float))),
        line_count=len(lines),
        problems=problems,
        source=text[:MAX_PAGE_CHARS],
    )


def _col(lines: list[str], line: int, href: str) -> int:
    if 0 < line <= len(lines) and href:
        idx = lines[line - 1].find(href)
        if idx >= 0:
            return idx + 1
    return 1


def _finish_sections(path: str, raw: list[dict[str, Any]], n_lines: int) -> list[Section]:
    out: list[Section] = []
    for i, sec in enumerate(raw):
        end = raw[i + 1]["line"] - 1 if i + 1 < len(raw) else n_lines
        out.append(Section(path, sec["anchor"], sec["title"], sec["level"], sec["line"], end,
                           sec["parent"], " ".join(sec["text"])))
    return out


def read_bytes(path: str, data: bytes) -> Document:
    """Decode and parse a page's bytes."""
    text, problems = decode(path, data)
    if not text.strip():
        problems.append(Diagnostic(path, 1, 1, "info", "empty", "the page is empty"))
    return read_text(path, text, problems)
