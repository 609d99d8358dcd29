"""Shapes of titles and sentences the choice signals share: cue words, asides, procedures, weighing.

    >>> bool(ANNOUNCE.search("The cache can run in one of three layouts."))
    True
    >>> parallel(["Hosted runners", "Self-hosted runners"], "Runner types")
    True
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from fingerpost.kb.extract.words import GENERIC, content_stems, stem

__all__ = ["CUE", "STRONG_CUE", "LABELLED", "ASIDE", "FIT", "INDEX_PAGE", "PROCEDURE", "WEIGHS", "ANNOUNCE", "SETTINGS", "parallel",
           "weighs", "name_of", "CODEISH", "aside"]

CUE = re.compile(r"\b(options?|alternatives?|choices?|choos\w*|which|ways?|methods?|approach(es)?|architectures?|"
                 r"strateg(y|ies)|models?|types?|kinds?|modes?|topolog(y|ies)|flavou?rs?|editions?|variants?)\b", re.I)
"""Words in a title that announce alternatives."""
STRONG_CUE = re.compile(r"\b(which|choos\w*|alternatives?|compar\w*|versus|vs\.?|pick(ing)?|select(ing)?|decid\w*)\b|"
                        r"\bshould (i|you|we) (use|pick|choose)\b", re.I)
"""Title words that can only announce a choice."""
PROCEDURE = re.compile(r"^\s*(\w+ing|step|install|configure|set|create|add|remove|enable|disable|run|use)\b", re.I)
WEIGHS = re.compile(r"\b(recommend\w*|suitable|suited|only|required|requires?|needs?|must|should|best|ideal|"
                    r"if you|when you|production|testing|development|advantages?|drawbacks?|limitations?|"
                    r"trade-?offs?|pros|cons|useful|good (fit|choice)|worth|deprecated|instead|at least|minimum|"
                    r"simpl\w+|easi\w+|small\w*|large\w*|scal\w+|highly available|high availability|experimental|beta|stable|"
                    r"advanced|quick\w*|customi[sz]\w*|automat\w+)\b", re.I)
"""Words that weigh an alternative: what it is for, what it needs, what it is not for."""
FIT = re.compile(r"^(?:(?P<not>(?:do not|don't|never|not)\s+use\s+(?:it\s+|this\s+)?(?:for|when|if)|when\s+not\s+to\s+use|"
                 r"avoid\s+(?:it\s+)?(?:when|if|for)|not\s+(?:recommended|suited|suitable)\s+for)|"
                 r"use\s+(?:it\s+|this\s+)?(?:for|when|if)|when\s+to\s+use|(?:best|good|ideal|suited|recommended)\s+for|"
                 r"use\s+cases?)\b", re.I)
"""Headings that say what an alternative is for (`Use for`, `When to use`) or not (`Don't use for`)."""
INDEX_PAGE = re.compile(r"^(?:_?index|readme|overview)\.\w+$", re.I)
"""File names of a folder's index page."""
LABELLED = re.compile(r"^(option|approach|method|alternative|choice|scenario|variant|path)\s+([A-Z]|\d+)\b", re.I)
"""`Option A: …` style headings."""
ASIDE = re.compile(r"^(other|more|additional|next|see also|related|further|prerequisites?|before you|requirements?|"
                   r"summary|overview|conclusion|troubleshoot|faq|what'?s next|compar|choos|how to|introduction|"
                   r"background|notes?\b|examples?\b|step\b|\d+[.)]|terminology|glossary|limitations?\b|"
                   r"known issues|caveats?\b|warnings?\b|important\b|tips?\b|where to go|learn more|what next|getting help|"
                   r"support\b|feedback|changelog|release notes|no\s|not\s|lack\b|without\b|differences?\b|"
                   r"similarities\b|main differences|(?:benefits?|advantages?|disadvantages?|downsides?|drawbacks?|"
                   r"upsides?|pros|cons|merits?|shortcomings?|pitfalls?|weakness(?:es)?|strengths?)\b)", re.I)
"""Headings and names that are not alternatives (nor is what one lacks: `No global primary`, nor a side of
the merits of one: `Benefits of agent mode`)."""
ANNOUNCE = re.compile(
    r"\bone of (?:the )?(?:two|three|four|five|six) (?:[\w-]+ ){0,2}[\w-]+s\b|"  # `in one of three stores`: counted, whatever they are
    r"\b(?:one of (?:the |these |those |several |two |three |four |five |\w+ )?(?:\w+ ){0,2}"
    r"(?:ways|options|methods|modes|types|kinds|approaches|layouts|flavou?rs|variants|editions|choices|"
    r"configurations|architectures|topologies|strategies|models|setups|deployments?|backends?|providers|categories|classes|families|tiers)\b|"
    r"(?:two|three|four|five|six|several|multiple|different|various|these|the following|following|main|"
    r"available|supported|a few|a couple of|some|many|numerous)\s+(?:\w+[- ]){0,2}(?:ways|options|methods|modes|types|kinds|approaches|layouts|flavou?rs|"
    r"variants|editions|choices|configurations|architectures|topologies|strategies|models|setups|deployment \w+|"
    r"backends|providers|alternatives|categories|classes|families|tiers)\b|"
    r"\b(?:a (?:wide |broad )?(?:range|number|variety|set|selection|handful|couple|choice)|a few) of (?:\w+[- ]){0,2}"
    r"(?:ways|options|methods|modes|types|kinds|approaches|layouts|flavou?rs|variants|editions|choices|"
    r"configurations|architectures|topologies|strategies|models|setups|backends|providers|alternatives|categories|classes|families|tiers|"
    r"platforms|distributions|operating systems)\b|"
    r"\b(?:determine|decide(?: on)?|choose|pick|select|identify) (?:which|the right|the best|your|the|an?)\s+(?:\w+[- ]){0,2}"
    r"(?:ways?|options?|methods?|modes?|types?|kinds?|approach(?:es)?|layouts?|flavou?rs?|variants?|editions?|"
    r"configurations?|architectures?|topolog(?:y|ies)|strateg(?:y|ies)|models?|setups?|backends?|providers?)\b|"
    r"\b(?:depending on|based on) (?:which|what) (?:\w+[- ]){0,2}(?:ways?|options?|methods?|modes?|types?|kinds?|"
    r"approach(?:es)?|layouts?|flavou?rs?|variants?|editions?|configurations?|architectures?|topolog(?:y|ies)|"
    r"strateg(?:y|ies)|models?|setups?|backends?|providers?) (?:is|are|you)\b|"
    r"\bchoose (?:between|from|among|one)\b|\b(?:pick|select) (?:between|from|among|one)\b|"
    r"\b(?:the )?choice of (?:an? |the )?(?:[\w-]+ ){0,2}(?:depends|is up to you|comes down)\b|"
    r"\b(?:which|what) (?:[\w-]+ ){0,2}to (?:use|choose|pick|run) depends\b|"
    r"\bcomes? in (?:two|three|four|several|\w+) \w+|\beither\b.*\bor\b|"
    r"\bmutually exclusive\b|\bonly one (?:of them )?at (?:a|the same) time\b|"
    r"\b(?:supported|available|validated|possible)\b[^.:]{0,60}\b(?:ways|options|methods|modes|types|kinds|approaches|"
    r"variants|editions|backends|providers|alternatives|drivers|engines|runtimes)\s+(?:\([^)]*\)\s+)?(?:are|include)\s*:)",
    re.I)
"""A sentence announcing the alternatives that follow (`… in one of three layouts`, `… comes in two flavours`,
`the supported and validated video acceleration methods are:`,
`three mutually exclusive ways`, `provides a range of persistence options`, `to determine your installation
method`)."""
EXCLUSIVE = re.compile(r"\bmutually exclusive\b|\bonly one (?:of them )?at (?:a|the same) time\b|"
                       r"\bonly one (?:[\w-]+ ){0,3}(?:will|can|may) (?:[\w-]+ )?(?:at a time|at the same time|at once)\b", re.I)
"""Words that make a set of ways a choice even when they are ways of writing settings."""
SETTINGS = {stem(w) for w in ("option", "options", "setting", "settings", "configuration", "parameters", "flags",
                              "variables", "fields", "properties", "attributes", "reference", "arguments",
                              "annotations", "labels", "values", "defaults")}
"""Words of headings that document settings rather than alternatives (`Advanced options`)."""
CODEISH = re.compile(r"(--|[_=<>{}$]|(?<![A-Za-z])/|/(?![A-Za-z])|/[A-Za-z]*\d|\w\.\w|^[a-z]+[A-Z](?![A-Z]*$)\w*$|"
                     r"^[a-z0-9]+(-[a-z0-9]+)+$)")
"""Names that are code (flags, keys, paths), as reference tables list them — not alternatives. Two words
joined by a slash (`Blue/Green`, `TCP/UDP`) are a name; a path (`/etc/x`, `api/v1`, `a/b.md`) is code. A lower-case
prefix before capitals only (`macOS`, `gRPC`) is a brand, not a `camelCase` key."""
_GENERIC_STEMS = {stem(w) for w in GENERIC}
_NAME_SPLIT = re.compile(r"\s*(?::|\s[-–—]\s|\.\s)")
_ENCLOSED = re.compile(r"\([^()]*\)|`[^`]*`")


def parallel(titles: list[str], parent: str) -> bool:
    """Sibling titles read as a set of alternatives: they share a word, all end alike, or most of
    them share a word that the parent title also uses (`Runner types` → `Hosted runners`, …).
    A shared word that names settings (`… options`, `… configuration`) does not count."""
    words = [[w for w in content_stems(t) if w not in SETTINGS] for t in titles]
    if not all(words):
        return False
    if set.intersection(*(set(w) for w in words)) or len({w[-1] for w in words}) == 1:
        return True
    counts = Counter(w for ws in words for w in set(ws) if w not in _GENERIC_STEMS)
    around = set(content_stems(parent))
    return any(n * 3 >= len(titles) * 2 and w in around for w, n in counts.items())


_DECLINE = re.compile(r"^(?:no|without)\s+(?P<what>.+)$", re.I)


def aside(title: str, announced: str = "") -> bool:
    """Whether a name is not an alternative (see ASIDE) — except the choice to do without the very
    thing offered: `No persistence` among the persistence options a sentence announced is one."""
    if not ASIDE.match(title):
        return False
    m = _DECLINE.match(title.strip())
    what = set(content_stems(m.group("what"))) if m else set()
    return not (what and announced and what <= set(content_stems(announced)))


@lru_cache(maxsize=4096)  # several signals weigh the same sections; a string keeps its hash, so a hit is cheap
def weighs(text: str) -> bool:
    return bool(WEIGHS.search(text))


_NAME_GOES_ON = re.compile(r"^\s*[A-Z][\w/+-]*")
"""After a bold lead, a capitalised word: the name goes on (`**Intel** Quick Sync Video (QSV)`)."""


def lead_name(text: str, lead: str, most: int = 6) -> str:
    """The name an item with a bold lead gives: the lead, or the whole item when it is only a name the lead
    begins (`**Intel** Quick Sync Video (QSV)`: the bold word is the maker, the item is the name)."""
    lead = lead.strip(" :.-–—")
    whole = text.strip().rstrip(".")
    rest = whole[len(lead):] if whole.startswith(lead) else ""
    if rest and _NAME_GOES_ON.match(rest) and len(whole.split()) <= most + 4 and not _NAME_SPLIT.search(rest):
        return whole
    return lead


def name_of(text: str, lead: str = "", most: int = 6) -> str:
    """The name a list item or cell opens with: its bold lead, the words before `:` / ` – `, or a short whole."""
    if lead and len(lead.split()) <= most:
        return lead_name(text, lead, most)
    masked = _ENCLOSED.sub(lambda m: "x" * len(m.group()), text)  # `Redis (`redis://`)`: no split inside brackets
    cut = _NAME_SPLIT.search(masked)
    head = (text[:cut.start()] if cut else text).strip()
    if head and head != text.strip() and len(head.split()) <= most:
        return head.strip(" :.-–—")
    short = text.strip().rstrip(".")
    return short if len(short.split()) <= min(4, most) else ""
