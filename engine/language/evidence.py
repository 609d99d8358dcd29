"""Words the vocabulary does not know, matched against the knowledge base's own text (BM25).

    >>> hints(kb, ["small", "log", "volume"])                                   # doctest: +SKIP
    (Hint(words='small log volume', option='classic', question='', value='', title='Classic queues', …),)

Every answer (its label, synonyms and question) and every option (its title, synonyms, summary,
trade-offs, the reasons of its constraints and recommendations, the text of the section that
declares it and of its sub-sections — not the ones on what it is not for — and paragraphs anywhere
that link to it) is one document, ranked with BM25 (rank-bm25). A hint is textual evidence only: it is shown as such ("I took 'small log volume'
as a hint for Classic queues — say so if not") and never becomes a fact on its own.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from itertools import takewhile
from typing import Any

from fingerpost.engine.language.lexicon import COMMON, NEGATIONS, NUMBER_WORDS, PUNCTUATION, STOPWORDS, keys_of
from fingerpost.engine.language.vocabulary import alike_words, doc_words
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.prose import sentences
from fingerpost.kb.records import Citation

__all__ = ["Hint", "hints", "feared", "evidence_for", "home_sections", "said_denied", "shown_words", "MIN_SCORE", "LEAD"]

MIN_SCORE = 1.0
"""Smallest BM25 score a document needs to count as a hint."""
LEAD = 1.5
"""How far the best document must lead the second (ratio of scores) to be named."""


@dataclass(slots=True, frozen=True)
class Hint:
    """Words that point at an option or an answer only because the documentation uses them."""

    words: str
    """The user's words, as written."""
    title: str
    """What they point at, as shown."""
    source: Citation
    """Where the knowledge base says it."""
    option: str = ""
    """The option id, when the words point at an option."""
    question: str = ""
    """The question id, when the words point at an answer."""
    value: str = ""
    """The answer's value."""
    score: float = 0.0
    """BM25 score of the best document."""

    @property
    def note(self) -> str:
        return f"I took '{self.words}' as a hint for {self.title} — say so if not"


@dataclass(slots=True, frozen=True)
class _Doc:
    title: str
    source: Citation
    option: str = ""
    question: str = ""
    value: str = ""


@dataclass
class _Evidence:
    docs: list[_Doc]
    ranker: Any
    vocabulary: set[str]
    ordered: list[str] = field(default_factory=list)
    """The vocabulary sorted, for the words a clipped word begins (`docs_form`)."""
    names: set[str] = field(default_factory=set)
    """Words the options' texts write as names of products (`MySQL`, `PostgreSQL`, `MariaDB`): evidence alone."""
    ids: list[int] = field(default_factory=list)
    """Indices of `docs` in the ranker's corpus (its first documents)."""
    shared: frozenset[str] = frozenset()
    """Words every document uses that the headings over the options name (`cache` on a page choosing a cache backend):
    what they all are, no evidence for one."""


def _single(text: str) -> list[str]:
    return [k for k in keys_of(text) if k not in STOPWORDS and k not in PUNCTUATION and not k[0].isdigit()]


_CAMEL = re.compile(r"\b[A-Z]?[a-z]+(?:[A-Z][a-z]+)+\b")
_NAMED = re.compile(r"\b(?=[A-Za-z]*[a-z])[A-Za-z]*[A-Z][A-Za-z]*[A-Z][A-Za-z]*\b")
"""A word of two capitals or more and lower-case letters, as product names are written (`MySQL`, `SQLite`)."""


def _names(texts: list[str]) -> set[str]:
    return {k for t in texts for m in _NAMED.finditer(t) for k in keys_of(m.group(0)) if len(k) > 3}


def _words(text: str) -> list[str]:
    """The words of a document, each pair of them joined, and the parts of a word written in camel case:
    "fan-outs", "fan out" and "fanouts" meet, and so do "EnvoyProxy" and "Envoy proxy"."""
    words = _single(text)
    parts = [p for m in _CAMEL.finditer(text) for p in _single(" ".join(re.findall(r"[A-Z]?[a-z]+", m.group(0))))]
    return words + [a + b for a, b in zip(words, words[1:], strict=False) if a.isalpha() and b.isalpha()] + parts


_AGAINST = re.compile(r"\b(?:when not|not to use|don'?t use|do not use|avoid|not recommended|limitations?|caveats?|"
                      r"downsides?|drawbacks?|not suitable|unsupported)\b", re.I)
"""Titles of sections that say what an option is not for: their text is no evidence for it."""


def _subtree(doc: Any, anchor: str) -> set[str]:
    """The anchors of a section and of the sections below it, leaving out the ones that say what
    the option is not for ("When not to use …", "Limitations"); the whole page for its top."""
    if not anchor:
        return {s.anchor for s in doc.sections if not _AGAINST.search(s.title)}
    kept = {anchor}
    for s in doc.sections:  # document order: a parent comes before its children
        if s.parent in kept and not _AGAINST.search(s.title):
            kept.add(s.anchor)
    return kept


def _pointed_at(kb: KnowledgeBase) -> dict[tuple[str, int], str]:
    """(page, line) of a link → the option whose page or section it links to: "large fan-outs
    ([streams](…) are a better fit)" speaks for streams wherever it is written."""
    targets: dict[tuple[str, str], str] = {}
    by_page: dict[str, list[str]] = {}
    for o in kb.options.values():
        targets.setdefault((o.source.path, o.source.anchor or ""), o.id)
        by_page.setdefault(o.source.path, []).append(o.id)
    for path, ids in by_page.items():  # a link to a page that declares one option is a link to it
        if len(ids) == 1:
            targets.setdefault((path, ""), ids[0])
    out: dict[tuple[str, int], str] = {}
    for path in kb.documents:
        doc = kb.documents.get(path)
        for link in doc.links if doc is not None else ():
            if link.kind not in ("page", "anchor") or not link.resolved:
                continue
            oid = targets.get((link.resolved, link.anchor or "")) or targets.get((link.resolved, ""))
            if oid is not None:
                out.setdefault((link.path, link.line), oid)
    return out


_BRACKETED = re.compile(r"\([^)]*(?:\)|$)|`[^`]*`")
"""A short form or a literal written beside a name (`(fs)`, `(`redis://`)`): not part of what a heading calls it."""


def _titled(kb: KnowledgeBase, o: Any) -> list[tuple[Any, str]]:
    """The first section of each page titled with the option's name ("Classic Queues" for the column
    "Classic queues" of a comparison table), not one on what it is not for."""
    out: list[tuple[Any, str]] = []
    bare = _BRACKETED.sub(" ", o.title).strip()  # `Local File System (fs)` is titled `Local File System`
    name = set(_words(bare or o.title)[:4]) - {""}
    if not name:
        return out
    for path in kb.documents:
        page = kb.documents.get(path)
        for sec in page.sections if page is not None else ():
            title = set(_words(sec.title or (page.title if not sec.level else "")))
            if name <= title and len(title) <= 2 * len(name) + 1 and not _AGAINST.search(sec.title or ""):
                out.append((page, sec.anchor))
                break  # the first such section of a page holds the rest below it
    return out


def _homes(kb: KnowledgeBase, o: Any) -> list[tuple[Any, str]]:
    """The (page, section anchor) places that describe an option: the section that declares it, and any page or
    section titled with its name. A section several options share (a list naming them all) describes none of
    them when each has a section of its own, and otherwise each of them, unless it is a page's top."""
    doc = kb.documents.get(o.source.path)
    every = kb.derived("engine.language.titled", lambda k: {p.id: _titled(k, p) for p in k.options.values()})
    titled = every.get(o.id) or []
    sharing = [p for p in kb.options.values()
               if p.source.path == o.source.path and p.id != o.id and p.source.anchor == o.source.anchor]
    shared = bool(sharing) and (not o.source.anchor or bool(titled) and all(every.get(p.id) for p in sharing))
    out: list[tuple[Any, str]] = [] if doc is None or shared else [(doc, o.source.anchor or "")]
    return out + [(d, a) for d, a in titled if all((d.path, a) != (e.path, b) for e, b in out)]


def home_sections(kb: KnowledgeBase, oid: str) -> frozenset[tuple[str, str]]:
    """(page, section anchor) of every section that describes an option: the one that declares it and those below,
    and any page or section titled with its name (`Kubernetes` for the row `Kubernetes` of a support table)."""
    o = kb.options.get(oid)
    if o is None:
        return frozenset()
    return frozenset((doc.path, a) for doc, anchor in _homes(kb, o) for a in _subtree(doc, anchor))


_ELSEWHERE = re.compile(r"\b(?:better (?:fit|option|choice|suited)|instead|rather than|alternatively|consider (?:using|switching))\b",
                        re.I)
"""Words that send the reader to something else."""

_NOT_FOR = re.compile(r"\b(?:benefit(?:s)? less|not at all|should not|shouldn'?t|must not|not (?:be )?(?:suitable|recommended|"
                      r"a good fit|a fit|designed|meant|intended|ideal|appropriate)|unsuitable|poor fit|do(?:es)? not (?:need|"
                      r"benefit|support|work well|suit)|avoid(?:ed)?|worse)\b", re.I)
"""Words that say what something is not for: a paragraph with them is no evidence for it."""


def _sent_away(kb: KnowledgeBase) -> set[tuple[str, int]]:
    """(page, line) of every link to another page of the knowledge base."""
    out = set()
    for path in kb.documents:
        doc = kb.documents.get(path)
        for link in doc.links if doc is not None else ():
            if link.kind in ("page", "anchor") and link.resolved and link.resolved != link.path:
                out.add((link.path, link.line))
    return out


def _paragraph_lines(p: Any) -> range:
    return range(p.line, p.line + len(p.breaks) + 1)


def _described(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Option id → the text that describes it: the paragraphs of the section that declares it and
    of the sections below it (not the ones on what it is not for), and paragraphs anywhere that
    link to it. A paragraph that links to another option speaks for that one instead."""
    pointed = _pointed_at(kb)
    away = _sent_away(kb)
    out: dict[str, list[str]] = {}
    guides: dict[str, list[str]] = {}
    for d in kb.doclinks:  # a page of the knowledge base one option alone is sent to describes it too
        page = d.href.split("#", 1)[0]
        if d.option and d.when is None and page in kb.documents and d.option not in guides.get(page, []):
            guides.setdefault(page, []).append(d.option)
    for o in kb.options.values():
        own = [kb.documents.get(page) for page, ids in guides.items() if ids == [o.id]]
        for doc, anchor in [*_homes(kb, o), *((d, "") for d in own if d is not None and d.path != o.source.path)]:
            anchors = _subtree(doc, anchor)
            for p in doc.paragraphs:
                if p.section not in anchors:
                    continue
                if _ELSEWHERE.search(p.text) and any((doc.path, n) in away for n in _paragraph_lines(p)):
                    continue  # "… (e.g. fan-out), [streams](…) may be a better option": not for this one
                if _NOT_FOR.search(p.text):
                    continue  # "stock tickers … benefit less or not at all from it": no evidence for it
                other = next((pointed[(doc.path, n)] for n in _paragraph_lines(p) if (doc.path, n) in pointed), o.id)
                if other == o.id:
                    out.setdefault(o.id, []).append(p.text)
    for path in kb.documents:
        doc = kb.documents.get(path)
        for p in doc.paragraphs if doc is not None else ():
            oid = next((pointed[(doc.path, n)] for n in _paragraph_lines(p) if (doc.path, n) in pointed), None)
            if oid is not None and not _NOT_FOR.search(p.text):
                out.setdefault(oid, []).append(p.text)
    return out


def _build(kb: KnowledgeBase) -> _Evidence:
    docs: list[_Doc] = []
    corpus: list[list[str]] = []
    for q in sorted(kb.questions.values(), key=lambda q: q.order):
        if q.kind not in ("choice", "yesno"):
            continue
        for c in q.choices:
            docs.append(_Doc(f"{q.id} = {c.label}", c.source, question=q.id, value=c.value))
            corpus.append(_words(" ".join([c.label, *c.synonyms, q.text if q.kind == "yesno" else ""])))
    said: dict[str, list[str]] = {}
    for t in kb.tradeoffs:
        said.setdefault(t.option, []).append(t.text)
    for c in kb.constraints:
        if c.because:
            said.setdefault(c.option, []).append(c.because)
    for r in kb.recommendations:
        if r.because:
            said.setdefault(r.option, []).append(r.because)
    described = kb.derived("engine.language.described", _described)
    names: set[str] = set()
    for o in kb.options.values():
        docs.append(_Doc(o.title, o.source, option=o.id))
        texts = [o.title, *o.synonyms, o.summary, *(t for t in said.get(o.id, ()) if not _NOT_FOR.search(t)),
                 *dict.fromkeys(described.get(o.id, ()))]
        corpus.append(_words(" ".join(texts)))
        names |= _names(texts)
    from rank_bm25 import BM25Okapi  # start-up: numpy loads only when a turn has words the vocabulary lacks

    keep = [i for i, words in enumerate(corpus) if words]
    docs, corpus = [docs[i] for i in keep], [corpus[i] for i in keep]
    vocabulary = {w for words in corpus for w in words}
    # The rest of the documentation weighs how telling a word is (two options alone cannot: a word one of
    # two documents uses would weigh nothing); only options and answers are ever named.
    told = {t for texts in described.values() for t in texts}
    background = [words for words in (_words(" ".join(p.text for p in paragraphs)) for paragraphs in _sections(kb)
                                      if not any(p.text in told for p in paragraphs)) if words]
    ranker = BM25Okapi(corpus + background) if corpus else None
    shared = frozenset.intersection(*(frozenset(words) for words in corpus)) & _kind_words(kb) if len(corpus) > 1 \
        else frozenset()
    shared |= _pages_kind(kb)
    return _Evidence(docs, ranker, vocabulary, sorted(vocabulary), names & vocabulary, list(range(len(docs))), shared)


def _kind_words(kb: KnowledgeBase) -> set[str]:
    """Words of the headings the options are declared under and of those above them (`Scan Cache Backend` over
    `Local File System`, `Memory`, `Redis`): what the options all are."""
    out: set[str] = set()
    pages: dict[str, dict[str, Any]] = {}
    for o in kb.options.values():
        if o.source.path not in pages:
            doc = kb.documents.get(o.source.path)
            pages[o.source.path] = {s.anchor: s for s in doc.sections} if doc is not None else {}
        by = pages[o.source.path]
        sec = by.get(o.source.anchor or "")
        for _ in range(2):
            if sec is None:
                break
            out.update(_words(sec.title))
            sec = by.get(sec.parent)
    return out


def _pages_kind(kb: KnowledgeBase) -> frozenset[str]:
    """Words the titles of two or more of the options' own pages share (`Embedded datastore`, `External datastore`):
    what the options all are, laid out a page or two each — naming it ("we have to pick a datastore") points at none."""
    titles = {o.source.path: kb.documents[o.source.path].title for o in kb.options.values()
              if o.source.path in kb.documents and kb.documents[o.source.path].title}
    counts: dict[str, int] = {}
    for title in titles.values():
        for w in set(_words(title)):
            counts[w] = counts.get(w, 0) + 1
    return frozenset(w for w, n in counts.items() if n >= 2) if len(titles) >= 2 else frozenset()


def _sections(kb: KnowledgeBase) -> list[list[Any]]:
    """The paragraphs of every section of every page, one list per section."""
    out: list[list[Any]] = []
    for path in kb.documents:
        doc = kb.documents.get(path)
        if doc is None:
            continue
        by: dict[str, list[Any]] = {}
        for p in doc.paragraphs:
            by.setdefault(p.section, []).append(p)
        out.extend(by.values())
    return out


def evidence_for(kb: KnowledgeBase) -> _Evidence:
    """The ranked documents of a knowledge base, built once and kept on it (KnowledgeBase.derived)."""
    return kb.derived("engine.language.evidence", _build)


_GENERAL = frozenset("""
documentation recommended recommend installed install possibly simply missing manage create created place
forward offer offers stay meant added leave report serve touch catch received variant things something
sometimes sometime usually often always never rarely occasionally mostly mainly generally typically normally
""".split())
"""Words too general to point at anything on their own."""


_FORMS = (("iest", "ier"), ("est", "er"), ("ier", "iest"), ("er", "est"),
          ("iest", "y"), ("ier", "y"), ("est", "e"), ("est", ""), ("er", "e"), ("er", ""), ("ing", "e"), ("ing", ""),
          ("ied", "y"), ("ed", "e"), ("ed", ""), ("ly", ""), ("ily", "y"))
"""Endings of the forms a word takes (`simplest`, `easier`, `scaling`, `quickly`) and what the plain word ends with."""


def docs_form(word: str, vocabulary: set[str], ordered: list[str] | None = None) -> str:
    """`word` as the documents say it: another form of it (`known_form`), the word docs use for the same
    thing (the vocabulary's `words`: `dies` → `fail`), or the one word the docs spell it out as
    (`admin` → `administrator`); else `word`. `ordered`: the vocabulary sorted, when the caller keeps it."""
    form = known_form(word, vocabulary)
    if form in vocabulary:
        return form
    for alias in keys_of(doc_words().get(word, "")):
        if alias in vocabulary:
            return alias
    if len(word) >= _SHORTEST_CLIPPED and word.isalpha():
        ordered = ordered if ordered is not None else sorted(vocabulary)
        at = bisect_left(ordered, word)
        longer = list(takewhile(lambda v: v.startswith(word), ordered[at:]))
        longer = [v for v in longer if len(v) >= len(word) + 3 and v.isalpha()]
        if longer and all(v.startswith(longer[0][:len(word) + 3]) for v in longer):
            return longer[0]  # a clipped word (`admin`, `repo`, `config`): the docs' one word it begins
    return word


_SHORTEST_CLIPPED = 4


def known_form(word: str, vocabulary: set[str]) -> str:
    """`word` in the form the documents use, when they use only another: `easiest` → `easier`,
    `simplest` → `simple`, `bigger` → `big`, `scaling` → `scale`; else `word`."""
    if word in vocabulary or len(word) < 5:
        return word
    for end, plain in _FORMS:
        if not word.endswith(end) or len(word) - len(end) < 3:
            continue
        base = word[:-len(end)]
        for form in (base + plain, base[:-1] if len(base) > 3 and base[-1] == base[-2] else ""):
            if form and form in vocabulary:
                return form
    return word


_ONE = frozenset("one single a an 1 sole lone just only".split())
_MANY = frozenset("two three four five six several multiple many some few couple 2 3 4 5 6".split())
_TITLE_ONE = frozenset("single one mono sole".split())
_TITLE_MANY = frozenset("multiple multi several many".split())


def _counted(kb: KnowledgeBase, words: list[str]) -> Hint | None:
    """ "one Kubernetes cluster" between `Single cluster` and `Multiple clusters`: the option whose title
    counts the thing named as the words count it (the docs' text says `cluster` far more often of the many);
    the thing may be named by a word said alike ("one dev machine" for `A single server`)."""
    alike = alike_words()
    low = [w.lower().strip(".,;:!?") for w in words]
    for i, w in enumerate(low):
        many = w in _MANY
        if w not in _ONE and not many:
            continue
        for noun in low[i + 1:i + 4]:
            stemmed = noun.rstrip("s")
            if len(stemmed) < 3:
                continue
            same = {stemmed, *(w.rstrip("s") for w in alike.get(noun, alike.get(stemmed, ())))}  # a machine is a server
            hits = []
            for o in kb.options.values():
                title = [t.rstrip("s") for t in re.findall(r"[a-z0-9]+", o.title.lower())]
                if same & set(title) and (set(title) & (_TITLE_MANY if many else _TITLE_ONE)):
                    hits.append(o)
            if len(hits) == 1:
                o = hits[0]
                return Hint(" ".join(words[i:low.index(noun, i) + 1]), o.title, o.source, o.id, score=1.0)
    return None


DECISIVE_WORDS = 3
"""Words the docs use, among many they never do, that still point at an option when it leads the others clearly."""
DECISIVE = 2.0
"""How much clearer than usual (MIN_SCORE, LEAD) that lead must be."""


def hints(kb: KnowledgeBase, words: list[str]) -> tuple[Hint, ...]:
    """The option or answer a run of the user's words points at, if one clearly does."""
    counted = _counted(kb, words)
    if counted is not None:
        return (counted,)
    ev = evidence_for(kb)
    singles = [docs_form(k, ev.vocabulary, ev.ordered) for k in _single(" ".join(words))]
    query = [k for k in singles if k not in NEGATIONS and k not in NUMBER_WORDS and k not in _GENERAL and len(k) > 3]
    query += [a + b for a, b in zip(singles, singles[1:], strict=False) if a + b in ev.vocabulary]  # "fan out" meets "fan-outs"
    if not query or not any(k not in COMMON for k in query):
        return ()
    if ev.ranker is None or not any(k in ev.vocabulary and k not in COMMON for k in query):
        return ()
    content = [k for k in query if k not in COMMON and not (k.endswith("ly") and k not in ev.vocabulary)]  # "properly": how
    known = sum(k in ev.vocabulary for k in content)
    few = 2 * known <= len(content) and not any(k in ev.names for k in content)
    if few and known < DECISIVE_WORDS:
        return ()  # "port 443 open": one word the docs use among words they never do is no evidence, unless a name
    query = [k for k in query if k not in ev.shared]  # what every option is (`cache`) tells none of them apart
    if not query:
        return ()
    scores = ev.ranker.get_batch_scores(query, ev.ids)  # the options and answers alone: the background only weighs
    ranked = sorted(range(len(scores)), key=lambda i: -scores[i])
    best = ranked[0]
    second = scores[ranked[1]] if len(ranked) > 1 else 0.0
    if scores[best] < MIN_SCORE or (second > 0 and scores[best] < LEAD * second):
        return ()
    if few and (scores[best] < DECISIVE * MIN_SCORE or second > 0 and scores[best] < DECISIVE * LEAD * second):
        return ()  # a long description the docs say little of: only a clear lead of one option is evidence
    d = ev.docs[best]
    return (Hint(" ".join(words), d.title, d.source, d.option, d.question, d.value, round(float(scores[best]), 2)),)


def shown_words(kb: KnowledgeBase, hint: Hint, words: list[str]) -> Hint:
    """The hint with only those of its words that the text of what it points at uses ("nodes public address
    hardware appliance" of a long description), in their order — the words that made it."""
    ev = evidence_for(kb)
    at = next((i for i, d in enumerate(ev.docs) if (d.option, d.question, d.value) == (hint.option, hint.question,
                                                                                       hint.value)), None)
    if at is None or ev.ranker is None:
        return hint
    used = ev.ranker.doc_freqs[at]
    kept = [w for w in words if (k := docs_form(next(iter(_single(w)), ""), ev.vocabulary, ev.ordered)) and k in used
            and k not in ev.shared and k not in COMMON]
    return replace(hint, words=" ".join(kept)) if len(kept) >= 2 else hint


def _negated_sentences(kb: KnowledgeBase) -> list[frozenset[str]]:
    """The word keys of every sentence describing an option that says something is not so ("none of the nodes
    has a public IP address"), built once per knowledge base."""
    out = []
    for texts in kb.derived("engine.language.described", _described).values():
        for text in dict.fromkeys(texts):
            for _, sentence in sentences(text):
                keys = set(keys_of(sentence))
                if keys & NEGATIONS:
                    out.append(frozenset(k for k in keys if k not in STOPWORDS and k not in NEGATIONS))
    return out


def said_denied(kb: KnowledgeBase, words: list[str]) -> bool:
    """Whether the docs themselves say what the words deny, in a sentence describing an option: "none of the
    nodes has a public address" describes the reader's setup as the docs describe where an option fits — it is
    evidence, not something refused."""
    said = {k for k in keys_of(" ".join(words)) if k not in STOPWORDS and k not in NEGATIONS and k not in PUNCTUATION}
    if len(said) < 2:
        return False
    return any(len(said & s) >= 2 and len(said & s) * 3 >= 2 * len(said)
               for s in kb.derived("engine.language.denials", _negated_sentences))


_LACKS = re.compile(r"\b(?:no|not|cannot|can't|without|lacks?|unable|none)\b", re.I)


def _sides(kb: KnowledgeBase) -> dict[str, dict[str, frozenset[str]]]:
    """Side (`pro`, `con`) → option id → the words of its points on that side."""
    out: dict[str, dict[str, set[str]]] = {"pro": {}, "con": {}}
    for t in kb.tradeoffs:
        if t.side == "con" and _LACKS.search(t.text):
            continue  # `No local queries`: what it lacks, which a reader who needs none of it does not fear
        if t.side in out:
            out[t.side].setdefault(t.option, set()).update(_words(t.text))
    return {side: {o: frozenset(w) for o, w in by.items()} for side, by in out.items()}


_DOES_WITHOUT = re.compile(r"\b(?:without(?:\s+(?:any|an?|the))?|no\s+need\s+(?:for|of)|(?:does|do)\s*n[o']?t\s+(?:need|require)|"
                           r"needs\s+no|requires\s+no)\s+(?P<what>(?:[\w-]+\s+){0,2}[\w-]+)", re.I)
"""`… without external dependencies`, `needs no database`: what an option's own text says it does without."""


def _free_of(kb: KnowledgeBase) -> dict[str, frozenset[str]]:
    """Option id → the words of what its own description says it does without."""
    out: dict[str, set[str]] = {}
    for oid, texts in kb.derived("engine.language.described", _described).items():
        for t in texts:
            for m in _DOES_WITHOUT.finditer(t):
                out.setdefault(oid, set()).update(_single(m.group("what")))
    return {o: frozenset(w) for o, w in out.items()}


def feared(kb: KnowledgeBase, words: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What the user fears or rules out ("we are not allowed to lose data", "… worries us"), read against the
    options' trade-offs: (options whose cons speak of it, options whose pros speak of it or whose own text says
    they do without it). The words must be rarer than everyday ones, and one side must single out fewer options
    than there are."""
    ev = evidence_for(kb)
    query = {docs_form(k, ev.vocabulary, ev.ordered) for k in _single(" ".join(words))}
    query = {k for k in query if k not in NEGATIONS and k not in COMMON and k not in _GENERAL and len(k) > 3}
    if not query:
        return (), ()
    sides = kb.derived("engine.language.sides", _sides)

    def most(by: dict[str, frozenset[str]]) -> tuple[str, ...]:
        hits = {o: len(query & w) for o, w in by.items()}
        best = max(hits.values(), default=0)
        top = tuple(o for o, n in hits.items() if n == best) if best else ()
        return top if len(top) < len(kb.options) else ()

    free = most(kb.derived("engine.language.free_of", _free_of))  # `I don't want any external database`: Badger
    return most(sides["con"]), tuple(dict.fromkeys([*most(sides["pro"]), *free]))  # runs `without external dependencies`
