"""Signal `tab_group`: a group of tabs — one panel per alternative (`Embedded SQLite`, `Embedded etcd`,
`PostgreSQL`), as docs sites write them: Docusaurus and Starlight `<Tabs>`/`<TabItem>`, Mintlify `<Tab>`,
GitBook `{% tab title=… %}`, Hugo `{{< tab … >}}`, Material for MkDocs `=== "…"`.

Most tab groups switch how the same thing is shown (`bash` / `PowerShell`, `fluent-bit.yaml` / `fluent-bit.conf`,
`Apply from stdin` / `Apply from file`), so a group alone is weak evidence: 0.3, or 0.45 when most of its panels
weigh their alternative (`only for testing`, `recommended for production`); announced by the sentence or label
just before it (`The available backing store options:`), 0.2 more. A group whose set of labels recurs on the
page is a display switcher, and one whose labels are code or file names is not proposed at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fingerpost.kb.extract.choices.cues import CODEISH, CUE, weighs
from fingerpost.kb.extract.choices.lead_list import announcing
from fingerpost.kb.extract.choices.scan import Item, Proposal, Scan
from fingerpost.kb.records import Document

__all__ = ["signal", "tab_groups", "TabGroup"]

ALONE, WEIGHED, ANNOUNCED = 0.3, 0.45, 0.2
WHY = "a group of tabs, one panel for each alternative"

_OPEN = re.compile(r"^\s*(?:<Tabs\b|\{%-?\s*tabs\b|\{\{[<%]\s*(?:tabs|tabpane)\b)", re.I)
_CLOSE = re.compile(r"</Tabs>|\{%-?\s*endtabs\b|\{\{[<%]\s*/\s*(?:tabs|tabpane)\s*[>%]\}\}", re.I)
_TAB = re.compile(
    r"<TabItem\b(?P<item>[^>]*)>|<Tab\b(?P<tab>[^>]*)>|"
    r"\{%-?\s*tab\s+(?P<liquid>[^%]*)%\}|"
    r"\{\{[<%]\s*tab\s+(?P<hugo>[^>%]*)[>%]\}\}", re.I)
_MATERIAL = re.compile(r"^(?P<indent>\s*)===\+?\s+\"(?P<label>[^\"]+)\"\s*$")
_ATTR = re.compile(r"\b(?P<key>label|title|header|name|value|tabid)\s*=\s*(?:\{\s*)?[\"'](?P<val>[^\"']*)[\"']", re.I)
_NUMBERED = re.compile(r"\btab(?P<key>ID|Name)(?P<n>\d+)\s*=\s*[\"'](?P<val>[^\"']*)[\"']", re.I)
"""Hugo themes that name the tabs on the group (`{{< tabs tabID1="pipx" tabName1="With pipx" … >}}`), each tab
then giving only its id (`{{< tab tabID="pipx" >}}`)."""
_BARE = re.compile(r"^\s*[\"']?(?P<val>[^\"'=]+?)[\"']?\s*$")
_VALUES = re.compile(r"\{\s*label\s*:\s*[\"'](?P<label>[^\"']+)[\"']\s*,\s*value\s*:\s*[\"'](?P<value>[^\"']+)[\"']", re.I)
_TAG = re.compile(r"<[^>]*>|\*\*|`")
_MEANS = re.compile(r"^(?:with|via|using|through|by|from|manually|by hand)\b", re.I)
"""Labels that name the means of doing one thing (`With pipx`, `With the official installer`, `Manually`): the tabs
are ways to choose between, as an announcing sentence would say."""
_ANY_TAB = re.compile(r"tab|^\s*===", re.I | re.M)


@dataclass(slots=True)
class TabGroup:
    """One group of tabs: where it starts and ends, and each tab's label and first line."""

    line: int
    end: int = 0
    tabs: list[tuple[str, int]] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    """Docusaurus `values={[{label, value}]}`: the label of each value."""


def _label(attrs: str, names: dict[str, str]) -> str:
    found = {m.group("key").lower(): m.group("val") for m in _ATTR.finditer(attrs)}
    for key in ("label", "title", "header", "name"):
        if found.get(key):
            return found[key]
    if found.get("value"):
        return names.get(found["value"], found["value"])
    if found.get("tabid"):
        return names.get(found["tabid"], "")
    bare = _BARE.match(attrs.replace("text=true", ""))
    return bare.group("val").strip() if bare and "=" not in attrs else ""


def tab_groups(source: str) -> list[TabGroup]:
    """The tab groups of a page, in order (a group inside another tab's panel is a group of its own)."""
    out: list[TabGroup] = []
    stack: list[TabGroup] = []
    material: TabGroup | None = None
    indent = ""
    lines = source.splitlines()
    for n, line in enumerate(lines, 1):
        m = _MATERIAL.match(line)
        if m:
            if material is None or m.group("indent") != indent:
                material, indent = TabGroup(n), m.group("indent")
                out.append(material)
            material.tabs.append((m.group("label"), n))
            continue
        if material is not None and line.strip() and not line.startswith(indent + " ") and not line.startswith(indent + "\t"):
            material.end, material = n - 1, None
        if _OPEN.match(line):
            group = TabGroup(n)
            stack.append(group)
            out.append(group)
        if stack:
            block = line
            if "values={" in line or stack[-1].line == n:  # Docusaurus labels may be given on the `<Tabs>` tag
                k = n
                while "]}" not in block and k < len(lines) and k - n < 30:
                    block += " " + lines[k]
                    k += 1
                stack[-1].names.update((v.group("value"), v.group("label")) for v in _VALUES.finditer(block))
                numbered: dict[str, dict[str, str]] = {}
                for v in _NUMBERED.finditer(block):
                    numbered.setdefault(v.group("n"), {})[v.group("key").lower()] = v.group("val")
                stack[-1].names.update((d["id"], d["name"]) for d in numbered.values() if d.get("id") and d.get("name"))
            for t in _TAB.finditer(line):
                label = _label(next(g for g in t.groups() if g is not None), stack[-1].names)
                if label:
                    stack[-1].tabs.append((_TAG.sub("", label).strip(), n))
        if stack and _CLOSE.search(line):
            stack.pop().end = n
    if material is not None:
        material.end = len(lines)
    for g in out:
        g.end = g.end or len(lines)
    return [g for g in out if len(g.tabs) >= 2]


def _switcher(labels: list[str], groups: list[list[str]]) -> bool:
    """Labels that are code, file names, or the same set as another group's: the tabs switch how one
    thing is shown, they do not offer alternatives."""
    key = {x.lower() for x in labels}
    return any(CODEISH.search(x.replace(" / ", " or ")) for x in labels) or sum(1 for g in groups if {x.lower() for x in g} == key) > 1


def _before(doc: Document, line: int) -> str:
    """The text just before a line in its section: the paragraph, or a bold label line, that introduces it."""
    sec = doc.section_at(line)
    prior = [p for p in doc.paragraphs if p.line < line and p.section == sec.anchor]
    return prior[-1].text if prior else sec.title or ""


def signal(doc: Document, scan: Scan) -> None:
    if not _ANY_TAB.search(doc.source):
        return  # most pages: no tabs, and no copy of the page to find that out
    groups = tab_groups(doc.source)
    labels = [[label for label, _ in g.tabs] for g in groups]
    for g, names in zip(groups, labels, strict=True):
        if _switcher(names, labels) or len(g.tabs) > 8 or len(set(x.lower() for x in names)) < len(names):
            continue
        items = []
        for k, (label, line) in enumerate(g.tabs):
            last = g.tabs[k + 1][1] - 1 if k + 1 < len(g.tabs) else g.end
            text = " ".join(p.text for p in doc.paragraphs if line <= p.line <= last)
            items.append(Item(label, line, None, (line, last), text))
        weighed = sum(1 for i in items if i.text and weighs(i.text)) * 2 >= len(items)
        said = _before(doc, g.line)
        announced = bool(announcing(said)) or (len(said.split()) <= 6 and bool(CUE.search(said)))
        means = sum(1 for x in names if _MEANS.match(x)) * 2 > len(names)  # `With pipx`, `Manually (advanced)`
        conf = (WEIGHED if weighed else ALONE) + (ANNOUNCED if announced or means else 0.0)
        sec = doc.section_at(g.line)
        scan.propose(Proposal("tab_group", sec if sec.level else None, items, round(conf, 2), WHY, "list"))
