"""Rule `terms`: definitions from definition lists and bold lead-ins.

- A definition list (`Term` then `: definition`) defines each term.
- A list item or paragraph that opens with a bold or italic phrase followed by a definition
  (`**K3s** is …`, `**K3s** — …`, `**K3s**: …`) defines that phrase.

A parenthesis in the term gives a synonym: `RKE (Rancher Kubernetes Engine)` is `RKE`, also
called `Rancher Kubernetes Engine`. Terms are kept aside per page; `assemble` keeps those of the
pages the decision reads.

    >>> split_term("RKE (Rancher Kubernetes Engine)")
    ('RKE', ('Rancher Kubernetes Engine',))
"""

from __future__ import annotations

import re

from fingerpost.kb.extract.context import Context, cite
from fingerpost.kb.extract.inferred import state
from fingerpost.kb.extract.words import ident
from fingerpost.kb.records import Document, Term

__all__ = ["extract", "split_term"]

_DEFINES = re.compile(r"^\s*(?:[:—–-]\s*|(?:is|are|means|refers to|stands for)\b)", re.I)
_NOT_TERMS = re.compile(r"^(note|notes|important|warning|caution|tip|example|result|step\s*\d*|prerequisites?|"
                        r"optional|required|recommended|deprecated|new|update)\s*:?$", re.I)


def split_term(text: str) -> tuple[str, tuple[str, ...]]:
    """The term and the synonyms in its parentheses."""
    m = re.match(r"^(.*?)\s*\(([^()]+)\)\s*$", text)
    if m and m.group(1).strip():
        return m.group(1).strip(), (m.group(2).strip(),)
    return text.strip(), ()


def _add(doc: Document, ctx: Context, found: list[Term], line: int, raw: str, definition: str) -> None:
    raw = raw.strip().rstrip(":").strip()
    if not raw or len(raw.split()) > 6 or _NOT_TERMS.match(raw) or not definition.strip():
        return
    title, synonyms = split_term(raw)
    title = re.sub(r"^(the|a|an)\s+", "", title, flags=re.I)
    tid = ident(title, "-", 5)
    if any(t.id == tid for t in found):
        return
    found.append(Term(tid, title, definition.strip(), synonyms,
                      cite(doc, line, confidence=0.7, quote=f"{raw} {definition.strip()}"[:300])))


_GLOSSARY = re.compile(r"\b(terminology|glossary|definitions|terms|concepts|key words)\b", re.I)


def extract(doc: Document, ctx: Context) -> None:
    """Terms the page defines (kept aside for `assemble`)."""
    st = state(ctx)
    if doc.path in st.skipped:
        return
    found: list[Term] = []
    paras = doc.paragraphs
    glossary = {s.anchor for s in doc.sections if s.level and _GLOSSARY.search(s.title)}
    for i, p in enumerate(paras):
        if p.kind == "term" and i + 1 < len(paras) and paras[i + 1].kind == "definition":
            _add(doc, ctx, found, p.line, p.text, paras[i + 1].text)
        elif p.lead and p.kind in ("item", "paragraph", "definition"):
            rest = p.text[len(p.lead):] if p.text.startswith(p.lead) else ""
            if _DEFINES.match(rest) or (p.section in glossary and rest.strip()):
                definition = re.sub(r"^\s*[:—–-]\s*", "", rest).strip()
                if not re.match(r"^\s*[:—–-]", rest):  # `**K3s** is …`: the definition is the whole sentence
                    definition = f"{split_term(p.lead)[0]}{rest}"
                _add(doc, ctx, found, p.line, p.lead, definition)
    if found:
        st.page_terms[doc.path] = found
