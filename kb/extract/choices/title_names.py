"""Signal `title_names`: a title that names its alternatives itself, joined by `or` / `vs`
(`Which type is recommended for production - single-node or cluster?`, `Should I use Raft or
PostgreSQL?`, `Sidecar vs. ambient`), when the section's text speaks of each: 0.45; 0.5 when what it
says of each weighs it (`recommended`, `requires`, `easier`), and 0.6 when the title also asks to
choose (`Which …`). Names that are steps (`Adding or removing nodes`) are none. Each alternative
is presented where the section first names it, and described by the section's sentences that name it.
Alone it is not enough (a question may only mention two things); a title that can only announce a
choice (`which`, `should I use`) agrees with it.

    >>> named_in_title("Which type is recommended for use in production - single-node or cluster?")
    ['single-node', 'cluster']
    >>> named_in_title("Should I use Raft, Consul or PostgreSQL?")
    ['Raft', 'Consul', 'PostgreSQL']
    >>> named_in_title("How do I upgrade or downgrade?")
    []
    >>> named_in_title("Adding or removing nodes")
    []
    >>> named_in_title("Security vs Operability")
    []
"""

from __future__ import annotations

import re

from fingerpost.kb.extract.choices.cues import ASIDE, PROCEDURE, STRONG_CUE, weighs
from fingerpost.kb.extract.choices.scan import Item, Proposal, Scan
from fingerpost.kb.extract.words import content_stems, line_of, sentences
from fingerpost.kb.records import Document

CONFIDENCE, WEIGHED, ASKED = 0.45, 0.5, 0.6
"""Alone; when the sentences naming each alternative weigh it (what it is for, needs, is better at); and
when, besides, the title asks to choose (`Which …`, `Should I use …`)."""
_JOINED = re.compile(r"\s(?:or|vs\.?|versus)\s", re.I)
_PART = re.compile(r"\s[-–—]\s|:\s")
"""Where the names begin: after the last dash or colon of the title."""
_AFTER = re.compile(r"\b(?:use|between|choose|pick|prefer|run|deploy|install|with)\s+(?P<rest>.+)$", re.I)
_SPLIT = re.compile(r"\s*,\s*(?:or\s+)?|\s+(?:or|vs\.?|versus)\s+", re.I)
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.I)
_VERB = re.compile(r"^(?:is|are|do|does|can|should|how|what|why|when|where|upgrade|downgrade|enable|disable|"
                   r"add|remove|start|stop|read|write|create|delete|install|uninstall)\b", re.I)
_QUALITY = re.compile(r"^(?:[A-Za-z]+(?:ity|ness|ance|ence)|cost|speed|latency|throughput|control|safety|"
                      r"convenience|ease of use)$", re.I)
"""A name that is a quality (`Security vs Operability`, `Consistency or availability`): such a title weighs
two qualities against each other — a tradeoff within every alternative, not a choice between things."""
MAX_WORDS = 4
_COMPLEMENT = re.compile(r"\bcomplement(?:s|ary)?\s+(?:each other|one another)|\bdo (?:very )?different things\b|"
                         r"\b(?:are|is) not (?:alternatives|competitors|a replacement|replacements)\b|"
                         r"\bnot mutually exclusive\b|\b(?:work|are used|can be used) together\b", re.I)
"""What a page says of two things compared that are no alternatives (`The two solutions complement each other`)."""
_CODE = re.compile(r"--|[_=/<>{}$`]")
"""Flags, keys and paths are no alternatives (a hyphenated name such as `single-node` is one)."""


def named_in_title(title: str) -> list[str]:
    """The alternatives a title names, joined by `or` / `vs` ([] when it names none)."""
    t = title.strip().rstrip("?!. ")
    part = _PART.split(t)[-1]
    after = _AFTER.search(part)
    if after:
        part = after.group("rest")
    if not _JOINED.search(f" {part} "):
        return []
    names = [_ARTICLE.sub("", n.strip(" ,.")) for n in _SPLIT.split(part)]
    if len(names) < 2 or part == t and len(t.split()) > 2 * MAX_WORDS:
        return []
    if any(not n or len(n.split()) > MAX_WORDS or not content_stems(n) or _VERB.match(n) or ASIDE.match(n)
           or PROCEDURE.match(n)
           or _CODE.search(n) for n in names):
        return []
    if len({" ".join(content_stems(n)) for n in names}) < len(names) or all(_QUALITY.match(n) for n in names):
        return []
    return names


def signal(doc: Document, scan: Scan) -> None:
    for sec in doc.sections:
        names = named_in_title(sec.title or "") if sec.level else []
        if not names:
            continue
        scope = scan.scope(sec)
        items = []
        for name in names:
            want = set(content_stems(name))
            said = [(line_of(p.line, p.breaks, off), s) for p in doc.paragraphs if p.section in scope
                    for off, s in sentences(p.text) if want <= set(content_stems(s))]
            if not said:
                break
            items.append(Item(name, said[0][0], None, (said[0][0], said[-1][0]), " ".join(s for _, s in said)))
        if len(items) == len(names) and any(_COMPLEMENT.search(p.text) for p in doc.paragraphs if p.section in scope):
            scan.miss(sec.line, sec.title, "the text under it says they complement each other: different things, not "
                                           "alternatives")
        elif len(items) == len(names):
            weighed = all(weighs(i.text) for i in items)
            conf = (ASKED if STRONG_CUE.search(sec.title) else WEIGHED) if weighed else CONFIDENCE
            scan.propose(Proposal("title_names", sec, items, conf,
                                  "a title naming its alternatives, each spoken of under it", "list"))
