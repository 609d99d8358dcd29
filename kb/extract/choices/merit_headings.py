"""Signal `merit_headings`: a page weighing one thing in headings of its merits.

`Benefits of agent mode` / `Downsides of agent mode` under `Prometheus Agent Mode`: sub-headings
naming a side (see `merits.side_subject`) of one thing that the section or page title names present
the choice to use that thing or not. What it costs is what makes it a choice, so a heading of its
downsides is needed: 0.6. The alternatives are the thing and going without it, named as the page
names the usual way (`a normal Prometheus server` → `Normal Prometheus server`), else `Without
agent mode`.
"""

from __future__ import annotations

import re

from fingerpost.kb.extract.choices.scan import Item, Proposal, Scan
from fingerpost.kb.extract.merits import side_subject
from fingerpost.kb.extract.words import content_stems, sentences, stem
from fingerpost.kb.records import Document, Section

_USUAL = re.compile(r"\b(?:normal|usual|regular|standard|traditional|classic|plain)\s+"
                    r"(?P<what>(?:[A-Za-z][\w-]*\s+){0,2}[A-Za-z][\w-]*)", re.I)
"""How a page names the way things are without the thing it weighs (`a normal Prometheus server`)."""
_STOP_AT = re.compile(r"\s+(?:would|will|is|are|was|can|could|should|does|do|has|have|that|which|in|on|with|for|"
                      r"to|and|or|but|as|uses?)\b.*$", re.I)


_HEAD_NOUNS = {stem(w) for w in ("server", "instance", "mode", "setup", "deployment", "install", "installation",
                                  "cluster", "node", "process", "binary", "version", "way", "service")}


def _head(phrase: str, about: set[str]) -> str:
    """The phrase up to its last word naming what the page is about or a kind of setup (`collector
    server stores` → `collector server`)."""
    words = phrase.split()
    ends = [i for i, w in enumerate(words) if stem(w.lower()) in about | _HEAD_NOUNS]
    return " ".join(words[:ends[-1] + 1]) if ends else phrase


def _usual(doc: Document, thing: set[str], about: set[str]) -> tuple[str, int] | None:
    """The page's name for the usual way, and its line: a `normal …` phrase naming what the title is
    about but not the thing weighed."""
    for p in doc.paragraphs:
        for _, text in sentences(p.text):
            for m in _USUAL.finditer(text):
                what = _head(_STOP_AT.sub("", m.group("what")), about)
                words = set(content_stems(what))
                if words & about and not words & thing:
                    name = f"{m.group(0).split()[0]} {what}"
                    return name[0].upper() + name[1:], p.line
    return None


def signal(doc: Document, scan: Scan) -> None:
    for sec in [None, *(s for s in doc.sections if s.level)]:
        kids = scan.kids(sec) if sec is not None else [s for s in doc.sections if s.level and s.level <= 2]
        sides = [(k, *side_subject(k.title)) for k in kids]
        merits = [(k, side, what) for k, side, what in sides if side]
        if not merits or not any(side == "con" for _, side, _ in merits):
            continue
        subjects = {" ".join(content_stems(what)) for _, _, what in merits}
        if len(subjects) != 1:
            continue
        thing = set(next(iter(subjects)).split())
        title = (sec.title if sec is not None else "") or doc.title
        about = set(content_stems(title)) | set(content_stems(doc.title))
        if not thing or not thing <= about:
            continue
        what = merits[0][2]
        head: Section | None = sec if sec is not None else next((s for s in doc.sections if s.level == 1), None)
        line = head.line if head is not None else merits[0][0].line
        usual = _usual(doc, thing, about - thing)
        other = usual or (f"Without {what[0].lower() + what[1:]}", merits[-1][0].line)
        scan.propose(Proposal("merit_headings", sec, [Item(what[0].upper() + what[1:], line), Item(*other)], 0.6,
                              "headings weighing the merits of one thing the title names: use it or not"))
        return
