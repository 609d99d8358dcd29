"""Signal `linked_names`: a sentence that offers alternatives by linking each one's name.

`Users have the option of [containerd], which …, or [dockerd (moby)], which …` — after a word of offering
(`the option of`, `choose between`, `either`) in a sentence that does not announce them otherwise (see
kb.extract.choices.lead_list), two to six short link texts, the last two joined by `or`: 0.5;
when the paragraph also says only one works at a time (`Only one container runtime will function at a time`,
`mutually exclusive`): 0.6. What each alternative is said to do is the text after its name.
"""

from __future__ import annotations

import re

from fingerpost.kb.extract.choices.cues import CODEISH, EXCLUSIVE, aside
from fingerpost.kb.extract.choices.lead_list import announcing
from fingerpost.kb.extract.choices.scan import Item, Proposal, Scan
from fingerpost.kb.extract.words import sentences
from fingerpost.kb.records import Document

OR, ONE_AT_A_TIME = 0.5, 0.6
WHY = "a sentence offering alternatives, each named by a link"
_OFFER = re.compile(r"\b(?:the|a) (?:option|choice) (?:of|between)\b|\b(?:choose|pick|select) (?:between|from|among)\b|"
                    r"\beither\b|\boptions? (?:are|include)\b", re.I)
_MOST = 6


def _names(sentence: str, texts: list[str]) -> list[tuple[int, str]]:
    """The link texts the sentence says after its word of offering, in order, with where each starts."""
    m = _OFFER.search(sentence)
    if m is None:
        return []
    out: list[tuple[int, str]] = []
    at = m.end()
    for t in texts:
        k = sentence.find(t, at)
        if k < 0:
            continue
        out.append((k, t))
        at = k + len(t)
    return out


def signal(doc: Document, scan: Scan) -> None:
    for p in doc.paragraphs:
        if p.kind != "paragraph":
            continue
        last = p.line + len(p.breaks)
        texts = [lk.text.strip() for lk in doc.links if p.line <= lk.line <= last and lk.text.strip()]
        if len(texts) < 2 or announcing(p.text):
            continue  # a sentence that announces them is kb.extract.choices.lead_list's: one piece of evidence
        for _, s in sentences(p.text):
            found = _names(s, texts)
            if not 2 <= len(found) <= _MOST or any(len(t.split()) > 4 or CODEISH.search(t) or aside(t) for _, t in found):
                continue
            between = s[found[-2][0] + len(found[-2][1]):found[-1][0]]
            if not re.search(r"\bor\b", between):
                continue
            ends = [k for k, _ in found[1:]] + [len(s)]
            items = [Item(t, p.line, None, (p.line, last), s[k + len(t):end].strip(" ,;."))
                     for (k, t), end in zip(found, ends, strict=True)]
            sure = ONE_AT_A_TIME if EXCLUSIVE.search(p.text) else OR
            sec = scan.section(p.section)
            scan.propose(Proposal("linked_names", sec if sec.level else None, items, sure, WHY, "list"))
            break
