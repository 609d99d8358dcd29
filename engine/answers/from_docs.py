"""Questions answered from the knowledge base's own sentences — never invented text.

    >>> answer_question(kb, "what is K3s?").text                               # doctest: +SKIP
    'K3s (lightweight Kubernetes): A fully conformant, lightweight Kubernetes distribution. …'
    >>> answer_question(kb, "what is the capital of France?").found            # doctest: +SKIP
    False

Three readings, tried in order:

1. *Does option X fit situation Y?* ("is Docker fine for production?") — when the question
   names an option and states facts, the option's constraints are evaluated on those facts
   and the answer is yes, no or "it depends", with the constraints that decide it.
2. Retrieval: every sentence of the pages, term definitions, option summaries, constraints,
   recommendations, trade-offs, questions and prerequisites is a passage. A passage scores the
   share of the question's words it contains (weighted by how rare each word is; a word the
   passage's option or question is named by counts half). The best passages are the answer.
3. When no passage covers enough of the question, or the question leans on words the
   knowledge base never uses, the answer says "The documentation does not say." and lists
   the closest sections.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from fingerpost.engine.answers import sections
from fingerpost.engine.answers.asking import (
    ACTIONS,
    COUNT_WORDS,
    DEF_RANK,
    DEFINITION,
    FILLER,
    FIT,
    HEADING,
    HOW_RANK,
    HOW_TO,
    KIND_RANK,
    NEED,
    NEED_RANK,
    STEP,
    bound_said,
    count_focus,
    counts,
    which_focus,
)
from fingerpost.engine.answers.statement import Statement, decision_source
from fingerpost.engine.facts import display_value, known
from fingerpost.engine.language.commands import corrected as _corrected
from fingerpost.engine.language.commonness import is_english, unseen_weight
from fingerpost.engine.language.evidence import home_sections
from fingerpost.engine.language.lexicon import (
    COMMON,
    NEGATIONS,
    PUNCTUATION,
    STOPWORDS,
    key,
    keys_of,
    lexicon_for,
    root,
    tokenize,
)
from fingerpost.engine.language.statements import read_statement
from fingerpost.engine.language.vocabulary import doc_words, docs_alternatives
from fingerpost.engine.reason.fit import option_state
from fingerpost.kb import expr as ex
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.prose import line_of, sentences
from fingerpost.kb.records import Citation

if TYPE_CHECKING:  # kb.read loads the Markdown parser; a warm ask never parses
    from fingerpost.kb.read import Table

__all__ = ["Answer", "Source", "Passage", "answer_question", "passages_for", "section_title", "NOT_SAID", "MIN_COVERAGE"]

NOT_SAID = "The documentation does not say."
MIN_COVERAGE = 0.52
"""Share of the question's (weighted) words the best passage must contain to count as an answer."""
_SHORT = 5
"""Content words up to which a question is short: every word it says is what it asks about."""
_LONG_COVERAGE = 0.35
_LONG_MISSING = 0.45
_COUNTED_COVERAGE = 0.5
"""For "how many X …?": a passage that counts X near a number may cover less of the rest of the question."""
_MAX_MISSING = 0.34
"""Largest share of the question's (weighted) words that may be absent from the whole knowledge base."""
_LIST_ITEMS = 6
"""How many items of a list an answer follows after the sentence that introduces it."""
_EXTRA = 0.6
"""How much a word counts when only what a passage is about (its section, option or question) says it."""

@dataclass(slots=True, frozen=True)
class Source:
    """A place an answer comes from."""

    title: str
    """Section or record title."""
    href: str
    """Link: `path#anchor` inside the knowledge base, or the page's URL."""
    source: Citation
    """`path:line`."""


@dataclass(slots=True, frozen=True)
class Answer:
    """An answer from the documentation. Iterating yields its statements."""

    text: str
    """The answer, in the content's own sentences (or NOT_SAID and the closest sections)."""
    sources: tuple[Source, ...]
    """Where each part comes from (for NOT_SAID: the closest sections)."""
    statements: tuple[Statement, ...] = ()
    """The answer sentence by sentence, each with its citation."""
    found: bool = True
    """False when the documentation does not say."""

    def __iter__(self) -> Iterator[Statement]:
        return iter(self.statements)


@dataclass(slots=True, frozen=True)
class Passage:
    """One sentence of the knowledge base that may answer a question."""

    text: str
    """The sentence as shown."""
    source: Citation
    """Where it is."""
    kind: str
    """`term`, `option`, `constraint`, `recommendation`, `pro`, `con`, `question`, `prerequisite`, `section`."""
    words: frozenset[str]
    """Word keys of the sentence (and of a term's or option's names)."""
    extra: frozenset[str]
    """Word keys of what it is about (its option's or question's names); they count half."""
    title: str
    """Title for the source list."""


def _content(text: str) -> set[str]:
    text = _IDIOMS.sub(" ", text)
    words = {root(k) for k in keys_of(text) if k not in STOPWORDS}
    if "." in text:
        words |= {root(k) for k in keys_of(_DOTTED.sub(" ", text)) if k not in STOPWORDS}
    return words


def section_title(kb: KnowledgeBase, c: Citation) -> str:
    doc = kb.documents.get(c.path)
    if doc is None:
        return c.path
    if c.anchor:
        for s in doc.sections:
            if s.anchor == c.anchor:
                return s.title or doc.title
    return doc.section_at(c.line).title or doc.title


def _question_words(kb: KnowledgeBase, qids: set[str]) -> set[str]:
    out: set[str] = set()
    for qid in qids:
        q = kb.questions.get(qid)
        if q is not None:
            out |= _content(qid.replace("_", " ")) | _content(q.unit)
            for s in q.synonyms:
                out |= _content(s)
    return out


def _record_passages(kb: KnowledgeBase) -> list[Passage]:
    lex = lexicon_for(kb)
    names = {oid: {root(w) for w in ws} for oid, ws in lex.option_words.items()}
    out = []
    for t in kb.terms.values():
        words = _content(t.title) | _content(t.text) | {w for s in t.synonyms for w in _content(s)}
        out.append(Passage(f"{t.title}: {t.text}", t.source, "term", frozenset(words), frozenset(), t.title))
    for o in kb.options.values():
        words = _content(o.title) | _content(o.summary)
        out.append(Passage(f"{o.title}: {o.summary}" if o.summary else o.title, o.source, "option",
                           frozenset(words), frozenset(names.get(o.id, ())), o.title))
    for c in kb.constraints:
        text = c.because or f"{kb.options[c.option].title if c.option in kb.options else c.option}: {c.text}."
        extra = names.get(c.option, set()) | _question_words(kb, ex.names(c.expr))
        out.append(Passage(text, c.source, "constraint", frozenset(_content(text)), frozenset(extra), c.option))
    for r in kb.recommendations:
        if r.because:
            extra = names.get(r.option, set()) | (_question_words(kb, ex.names(r.when)) if r.when else set())
            out.append(Passage(r.because, r.source, "recommendation", frozenset(_content(r.because)),
                               frozenset(extra), r.option))
    for t in kb.tradeoffs:
        title = kb.options[t.option].title if t.option in kb.options else t.option
        out.append(Passage(f"{title}: {t.text}", t.source, t.side, frozenset(_content(t.text)),
                           frozenset(names.get(t.option, ())), title))
    for q in kb.questions.values():
        text = f"{q.text} {q.help}".strip()
        out.append(Passage(text, q.source, "question", frozenset(_content(text)),
                           frozenset(_question_words(kb, {q.id})), q.id))
    for p in kb.prerequisites.values():
        text = p.title if not p.text else f"{p.title}: {p.text}"
        out.append(Passage(text, p.source, "prerequisite", frozenset(_content(text)), frozenset(), p.title))
    return out


def _section_passages(kb: KnowledgeBase, leads: dict[int, int] | None = None, offset: int = 0) -> list[Passage]:
    """The pages' sentences and table rows as passages; `leads` gets, for each sentence of a list item, the
    index (from `offset`) of the sentence that introduces its list (`… in one of three ways:`)."""
    out = []
    for doc in kb.documents.values():
        titles = {s.anchor: s.title for s in doc.sections}
        lead: tuple[str, frozenset[str]] = ("", frozenset())  # (section, words) of a paragraph ending in `:`
        said = -1  # the index of the last sentence of that paragraph
        for para in doc.paragraphs:
            title = titles.get(para.section, "") or doc.title
            extra = frozenset(_content(title))
            if para.kind == "item" and lead[0] == para.section:
                extra |= lead[1]  # `This mode:` / `- Runs three replicas`: an item is about what its lead says
            elif para.kind != "item":
                lead = (para.section, frozenset(_content(para.text))) if para.text.rstrip().endswith(":") else ("", frozenset())
                said = -1
            for start, sentence in sentences(para.text):  # `e.g. 2.7.x` does not end a sentence
                line = line_of(para.line, para.breaks, start)
                words = _content(sentence)
                if words:
                    cite = Citation(doc.path, line, title, para.section)
                    if para.kind == "item" and said >= 0 and leads is not None:
                        leads[offset + len(out)] = said
                    out.append(Passage(sentence.strip(), cite, "section", frozenset(words), extra, title))
            if para.kind != "item" and lead[0] and out:
                said = offset + len(out) - 1
        for table in doc.tables:
            title = titles.get(table.section, "") or doc.title
            out += _row_passages(doc.path, table, title)
    return out


_TAG = re.compile(r"<[^>]+>")
_WHOLE_TABLE = 6
"""Rows up to which a table is also one passage as a whole."""
_IDIOMS = re.compile(r"\b(?:in order (?:to|for)|in order that|(?:point|direct|refer) (?:me|us) (?:to|at|towards?)|"
                     r"let (?:me|us) know|shed (?:some )?light on|(?:get|got|have|has) (?:it|this|that) (?:set ?up|going))\b", re.I)
"""Phrases whose words say nothing of the topic (`in order to` is not about an order, `point me to` asks for
something, it is not about a point)."""
_DOTTED = re.compile(r"(?<=\w)[.](?=[A-Za-z])")
"""`core.replicas`: a setting's path, whose parts are words too."""


def _row_passages(path: str, table: Table, title: str) -> list[Passage]:
    """Each row of a table as one passage, its cells read with their column headers: `Hardware —
    Quickstart: 3 CPU, 3 GB RAM; YAML-based: …` answers "how much RAM does the quickstart need?"."""
    head = [_TAG.sub(" ", c.text).strip() for c in table.header]
    out = []
    for row, line in zip(table.rows, table.row_lines, strict=False):
        cells = [" ".join(_TAG.sub(" ", c.text).split()) for c in row]
        if not any(cells):
            continue
        said = [f"{head[i]}: {cell}" if i < len(head) and head[i] else cell
                for i, cell in enumerate(cells[1:], start=1) if cell]
        text = f"{cells[0]} — {'; '.join(said)}" if cells[0] else "; ".join(said)
        words = _content(text)
        if words:
            out.append(Passage(text, Citation(path, line, title, table.section), "section", frozenset(words),
                               frozenset(_content(title)), title))
    if 2 <= len(out) <= _WHOLE_TABLE:  # "minimum RAM and disk?": a small table answers across its rows
        text = f"{' | '.join(h for h in head if h)}: " + " / ".join(p.text for p in out)
        out.append(Passage(text, Citation(path, table.line, title, table.section), "section",
                           frozenset().union(*(p.words for p in out)) | frozenset(_content(" ".join(head))),
                           frozenset(_content(title)), title))
    return out


@dataclass
class _Index:
    kb: KnowledgeBase
    passages: list[Passage]
    postings: dict[str, list[int]]
    idf: dict[str, float]
    in_page_order: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    """(page, section title) → its section passages in the page's order (a table's come after the text's in
    `passages`, though the table may come first)."""
    position: dict[int, int] = field(default_factory=dict)
    """id() of a passage → its index in `passages`."""
    leads: dict[int, int] = field(default_factory=dict)
    """Index of a list item's sentence → index of the sentence that introduces the list (`… ways to define it:`)."""


def passages_for(kb: KnowledgeBase) -> list[Passage]:
    """Every passage a question may be answered from (kept on the knowledge base)."""
    return _index(kb).passages


def _index(kb: KnowledgeBase) -> _Index:
    """The passages and their word index, built once and kept on the knowledge base (KnowledgeBase.derived)."""
    return kb.derived("engine.passages", _build_index)


def _build_index(kb: KnowledgeBase) -> _Index:
    records = _record_passages(kb)
    leads: dict[int, int] = {}
    passages = records + _section_passages(kb, leads, len(records))
    postings: dict[str, list[int]] = {}
    for i, p in enumerate(passages):
        for w in p.words | p.extra:
            postings.setdefault(w, []).append(i)
    for phrase in _docs_phrases():  # "back up": a passage says it when it says both words
        parts = phrase.split()
        ids = set(postings.get(parts[0], ())).intersection(*(postings.get(w, ()) for w in parts[1:]))
        if ids:
            postings[phrase] = sorted(ids)
    n = len(passages)
    idf = {w: math.log(1 + n / (1 + len(ids))) for w, ids in postings.items()}
    in_page_order: dict[tuple[str, str], list[int]] = {}
    for i, p in enumerate(passages):
        if p.kind == "section":
            in_page_order.setdefault((p.source.path, p.title), []).append(i)
    for ids in in_page_order.values():
        ids.sort(key=lambda i: (passages[i].source.line, i))
    return _Index(kb, passages, postings, idf, in_page_order, {id(p): i for i, p in enumerate(passages)}, leads)


_ASIDES = frozenset("vice versa etc eg ie".split())
"""Words of a stock phrase (`vice versa`, `etc`) that no question is about."""


@cache
def _phrases() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The everyday phrases of the vocabulary's `words` (`out of the box`, `turn off`) and the docs' words for them."""
    return tuple((re.compile(rf"\b{re.escape(k)}\b", re.I), v) for k, v in doc_words().items() if " " in k)


def _docs_phrasing(text: str) -> str:
    """The question with its everyday phrases said as docs say them: `out of the box` → `default`."""
    for pattern, docs in _phrases():
        if pattern.search(text):
            text = pattern.sub(docs, text)
    return text


_MADE_OF = re.compile(r"(?<=\w)-(?:based|backed|powered|driven)\b", re.I)
"""A suffix that says what something is made of or runs on (`Kubernetes-based`, `Postgres-backed`): the thing."""


def _query(kb: KnowledgeBase, text: str) -> list[str]:
    """The question's content words (typos corrected), without question and filler words."""
    text = _MADE_OF.sub("", text)  # "the Kubernetes-based install" asks of the Kubernetes install
    toks, _ = _corrected(lexicon_for(kb), tokenize(_IDIOMS.sub(" ", _docs_phrasing(text)).replace("_", " ")))  # `http_proxy`: its words
    out = []
    for t in toks:
        w = t.key
        if t.word in PUNCTUATION or w in STOPWORDS or w in FILLER or t.word in COMMON or w[0].isdigit() \
                or w in NEGATIONS or not w[0].isalpha() or len(w) < 2 or w in _ASIDES:  # `can't reach` asks what the docs say of reaching, `cannot` or not
            continue
        w = root(w)
        if w not in out:
            out.append(w)
    return out


def _unseen_weights(idx: _Index, text: str, long: bool) -> dict[str, float]:
    """For each word of the question no page uses: how much it counts (see commonness). In a long
    question, everyday words are its context ("we need it for compliance"), not its topic."""
    out: dict[str, float] = {}
    for n, m in enumerate(re.finditer(r"[A-Za-z][A-Za-z0-9'-]*", text)):
        word = m.group(0)
        named = n > 0 and word[0].isupper() or any(c.isdigit() for c in word)
        for part in [word, *(word.split("-") if "-" in word else ())]:  # `mid-size`: the words `mid` and `size` too
            k = root(key(part.lower()))
            if part and k not in idx.postings and key(part.lower()) not in NEGATIONS:
                out[k] = min(out.get(k, 1.0), unseen_weight(word.lower(), named, context=long))
    return out


def _needs(n: int) -> tuple[float, float]:
    """For a question of `n` content words: the coverage its best passage needs, and the largest
    share of its words the docs may never use. A long question (a tracker post with its story)
    carries words no single sentence repeats, so it needs less of them covered."""
    if n <= _SHORT:
        return MIN_COVERAGE, _MAX_MISSING
    return max(_LONG_COVERAGE, MIN_COVERAGE - 0.0625 * (n - _SHORT)), (_MAX_MISSING if n < 8 else _LONG_MISSING)


def _plain_words(text: str) -> set[str]:
    """The question's common words ("keep", "data"), which `_query` leaves out."""
    return {root(t.key) for t in tokenize(text)
            if t.word in COMMON and t.key not in STOPWORDS and t.key not in FILLER and t.word not in PUNCTUATION}


def _compound(idx: _Index, w: str) -> list[str]:
    """The two words of the docs a word no page uses is written together from ("leafnode" → leaf,
    node; "superclusters" → super, cluster), or []."""
    for i in range(3, len(w) - 2):
        head = root(w[:i])
        tail = next((t for t in (root(key(w[i:])), root(key(w[i:] + "e"))) if t in idx.postings), None)
        if head in idx.postings and tail is not None:  # the stem may have lost a final `e` ("leafnod")
            return [head, tail]
    return []


def _english_stems(text: str) -> frozenset[str]:
    """The stems of a question's real English words ("leav" of "leave"), which are never read as typos."""
    return frozenset(root(key(w)) for w in re.findall(r"[a-z]+", text.lower()) if is_english(w))


def _spelled_as_docs(idx: _Index, words: list[str], english: frozenset[str] = frozenset()) -> list[str]:
    """Each word of a question the docs never use, read as the docs' word it is one slip away from
    ("numbr" → "number"; two slips for a long word), with the same first letter — not when it is a
    word of its own (`english`: the stems of the question's real words, "leav" of "leave")."""
    out = []
    for w in words:
        if w in idx.postings or len(w) < 4 or not w.isalpha() or is_english(w) or w in english:
            out.append(w)
            continue
        parts = _compound(idx, w)
        if parts:  # "leafnode" is the docs' "leaf node"
            out += parts
            continue
        from rapidfuzz import process  # start-up: loads only when a question has a word no page uses
        from rapidfuzz.distance import OSA
        limit = 1 if len(w) <= 7 else 2
        spelt = _spellings(idx)
        found = [f for f in process.extract(w, list(spelt), scorer=OSA.distance, score_cutoff=limit, limit=None)
                 if f[0][0] == w[0]]
        best = min(found, key=lambda f: (f[1], -len(idx.postings[spelt[f[0]]]), f[0]), default=None)
        out.append(spelt[best[0]] if best is not None else w)
    return list(dict.fromkeys(out))


@cache
def _docs_words() -> dict[str, tuple[str, ...]]:
    """An everyday word's stem → the docs' words for it, each one stem or a phrase of stems (`back up`)."""
    out: dict[str, tuple[str, ...]] = {}
    for k, alternatives in docs_alternatives().items():
        said = (" ".join(root(a) for a in keys_of(alt) if a not in STOPWORDS) for alt in alternatives)
        out[root(k)] = tuple(s for s in said if s)
    return out


@cache
def _docs_phrases() -> frozenset[str]:
    return frozenset(a for alternatives in _docs_words().values() for a in alternatives if " " in a)


def _said_in(words: frozenset[str], w: str) -> bool:
    """Whether a passage's words say `w`: a word, or every word of a phrase (`back up`)."""
    return w in words or " " in w and all(part in words for part in w.split())


def _spellings(idx: _Index) -> dict[str, str]:
    """Every word the passages write, as written (`register`), → its stem (`regist`): what a misspelt word
    of a question ("regster") is matched against, since a misspelling keeps the word's ending."""
    return idx.kb.derived("engine.spellings", lambda kb: {
        k: root(k) for p in idx.passages for k in keys_of(p.text) if k.isalpha() and root(k) in idx.postings})


def _in_docs_words(idx: _Index, words: list[str]) -> list[tuple[str, ...]]:
    """Each word of a question with the words docs use for the same thing ("dies" → "fail",
    "downside" → "cons", "backup" → "back up"): a passage that says either counts (vocabulary `words`)."""
    everyday = _docs_words()
    out: list[tuple[str, ...]] = []
    for w in words:
        group = tuple(dict.fromkeys([w, *(a for a in everyday.get(w, ()) if a in idx.postings)]))
        if group not in out:
            out.append(group)
    return out


_CONDITION = re.compile(r"[^,?]{3,}?(?<!wondering)(?<!wonder)(?<!know)(?<!sure)(?<!ask)(?<!see)(?<!check)(?<!tell me)"
                        r"\s(?P<cond>(?:if|when|once|in case|should)\s[^,?]+)\?*\s*$", re.I)
"""`how much data could I lose if the server dies?`: the case the question is asked for, after what it asks (not
`I was wondering if …`, which asks it)."""
_CONDITION_WEIGHT = 0.35


_PURPOSE = re.compile(r",\s*(?P<cond>(?:(?:just|only|mainly)\s+)?(?:to|so that|so as to|in order to)\s[^,?]+)\?*\s*$", re.I)
"""`… on the same cluster that hosts Rancher, to save hardware?`: why it is asked, after what it asks."""


def _condition_words(text: str) -> set[str]:
    """Stems of a trailing condition (`… if the server dies?`) or purpose (`…, to save hardware?`), when the
    question asks something before it."""
    m = _CONDITION.search(text.strip()) or _PURPOSE.search(text.strip())
    return {root(t.key) for t in tokenize(m.group("cond"))} if m else set()


def _scores(idx: _Index, groups: list[tuple[str, ...]],
            light: dict[str, float] | None = None, side: set[str] = frozenset()) -> tuple[dict[int, float], float]:
    """Coverage of the question's words per passage, and the share of words the knowledge base never
    uses (an everyday word no page uses weighs `light[word]` of a rare one; a word of the case the question
    is asked for, `side`, weighs less than what it asks)."""
    unseen = max(idx.idf.values(), default=1.0) + 1.0
    light = light or {}
    weights = {g: min(idx.idf.get(w, unseen * light.get(w, 1.0)) for w in g) * (_CONDITION_WEIGHT if g[0] in side else 1.0)
               for g in groups}
    total = sum(weights.values()) or 1.0
    missing = sum(wt for g, wt in weights.items() if not any(w in idx.postings for w in g)) / total
    scores: dict[int, float] = {}
    for g, wt in weights.items():
        best: dict[int, float] = {}
        for w in g:
            for i in idx.postings.get(w, ()):
                best[i] = max(best.get(i, 0.0), 1.0 if _said_in(idx.passages[i].words, w) else _EXTRA)
        for i, share in best.items():
            scores[i] = scores.get(i, 0.0) + wt * share
    return {i: s / total for i, s in scores.items()}, missing


def _source(kb: KnowledgeBase, c: Citation) -> Source:
    return Source(section_title(kb, c), c.href, c)


def _not_said(kb: KnowledgeBase, idx: _Index, ranked: list[int]) -> Answer:
    sections: list[Source] = []
    seen: set[tuple[str, str]] = set()
    for i in ranked:
        c = idx.passages[i].source
        title = section_title(kb, c)
        if (c.path, title) not in seen:
            seen.add((c.path, title))
            sections.append(_source(kb, c))
        if len(sections) == 3:
            break
    text = NOT_SAID
    if sections:
        text += " The closest sections: " + "; ".join(f"{s.title} ({s.source})" for s in sections) + "."
    # "does not say" cites the closest section, not the pack's title line; the title only when nothing is close
    where = sections[0].source if sections else decision_source(kb)
    if not where.path and kb.documents:  # no decision and nothing close: the docs' first page, never `:0`
        first = min(kb.documents)
        where = Citation(first, 1, kb.documents[first].title)
    statements = [Statement(NOT_SAID, where, "note")]
    statements += [Statement(f"Closest section: {s.title}.", s.source, "section", href=s.href) for s in sections]
    return Answer(text, tuple(sections), tuple(statements), found=False)


_TERSE_FIT = re.compile(r"\b(?:enough|enuf|sufficient|suffice|ok|okay|fine|viable)\s*\?+", re.IGNORECASE)
"""A terse fit question without its verb ("rancher ha rke nodes 2 enuf??")."""


def _said(kb: KnowledgeBase, facts: list[Any]) -> str:
    """What the question states, in words: `RKE and 2 nodes`."""
    parts = []
    for f in facts:
        q = kb.questions[f.question]
        shown = display_value(q, f.value)
        if q.kind == "yesno" and f.text:  # "(on Azure)", not "(Yes)": a bare yes says nothing of what was said
            parts.append(f.text)
            continue
        parts.append(f"{shown} {q.unit}" if q.kind == "number" and q.unit else str(shown))
    return " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts)


def _the_variant(kb: KnowledgeBase, facts: Any, oid: str) -> str:
    """For an option asked about by its family name ("HA … on RKE"), the variant the stated answers pick."""
    variants = kb.variants(oid)
    for v in variants:
        _, reasons = option_state(kb, facts, v.id)
        if any(x.holds is True and x.option == v.id and x.kind == "requires" for x in reasons):
            return v.id
    return oid


_STILL = re.compile(r"\b(?:still|any ?more|deprecated|removed|discontinued)\b", re.I)
"""Words that ask whether something is still there ("can I still use mirrored queues on 4.0?"): the docs say."""


def _verdict(kb: KnowledgeBase, text: str) -> Answer | None:
    """'Is X fine for Y?': the option's constraints evaluated on the facts the question states."""
    if not re.match(r"^\s*(?:is|are|can|could|should|would|will|does|do|may)\b", text, re.IGNORECASE) \
            and not _TERSE_FIT.search(text):
        return None
    if not FIT.search(text) and not _TERSE_FIT.search(text) or _STILL.search(text):
        return None  # "are mirrored queues still available in 4.0?" asks the docs, not whether an option fits
    lex = lexicon_for(kb)
    toks, _ = _corrected(lex, tokenize(text))
    r = read_statement(lex, toks, text)
    if not r.facts or not r.options:
        return None
    facts = known(kb.questions, r.facts)
    said = _said(kb, r.facts)
    statements: list[Statement] = []
    for oid in [_the_variant(kb, facts, o) for o in r.options[:2]]:
        o = kb.options[oid]
        fits, reasons = option_state(kb, facts, oid)
        if fits is False:
            head, chosen = f"No: {o.title} does not fit what you said ({said}).", [x for x in reasons if x.holds is False]
        elif fits is True:
            head, chosen = f"Yes: {o.title} fits what you said ({said}).", [x for x in reasons if x.condition]
        else:
            head, chosen = f"It depends: {o.title} also needs answers the question does not give.", \
                [x for x in reasons if x.holds is None]
        statements.append(Statement(head, o.source, "headline", fits, oid))
        statements += [Statement(x.text, x.source, x.kind, x.holds, x.option) for x in chosen[:3]]
    stated = {f.question for f in r.facts}
    if all(s.holds is None for s in statements if s.kind == "headline") and not any(
            stated & ex.names(c.expr) for oid in r.options[:2] for c in kb.constraints_for(oid)):
        return None  # "does the docker install work behind a proxy?": no rule of it reads what was said; the docs say
    sources = tuple(dict.fromkeys(_source(kb, s.source) for s in statements))
    return Answer(" ".join(s.text for s in statements), sources, tuple(statements))


def _following(idx: _Index, p: Passage, alone: bool = False) -> list[Passage]:
    """What a section sentence that does not end goes on with: the next sentence ("… placed in front
    of the servers"), or for a list it introduces ("the pros and cons:"), its items; for a sentence
    that answers `alone`, the next one of its section (what to do about it: "Keep backups …")."""
    text = p.text.rstrip()
    if p.kind != "section" or (text.endswith((".", "!", "?")) and not alone):
        return []
    limit = _LIST_ITEMS if text.endswith(":") else 1
    out: list[Passage] = []
    for nxt in _after(idx, p):
        if len(out) == limit:
            break
        if all(nxt.text not in o.text for o in out):  # a table's rows after the whole table
            out.append(nxt)
    return out


def _after(idx: _Index, p: Passage) -> list[Passage]:
    """The passages of a section sentence's section that come after it in the page, in the page's order."""
    ids = idx.in_page_order.get((p.source.path, p.title), [])
    n = idx.position.get(id(p))
    at = ids.index(n) + 1 if n in ids else len(ids)
    return [idx.passages[i] for i in ids[at:]]


_AMOUNT = re.compile(r"\bhow\s+(?:far|close|long|much|many|big|large|small|fast|slow|often|high|low)\b|"
                     r"\bwhat(?:'s|\s+is)?\s+the\s+(?:most|max(?:imum)?|min(?:imum)?|least|limit|largest|smallest)\b",
                     re.I)
"""A question that asks for an amount."""
_RELEASE = re.compile(r"\b(?:[vV]\d+(?:\.\d+)*|\d+\.\d+(?:\.\d+)*)\b(?!\s*(?:%|[kKMGT]i?B|ms|s|seconds?|minutes?|hours?|days?)\b)")
"""A release number (`RabbitMQ 4.0`, `v2.5`, `v1 queues`), which gives no amount."""
_MEASURE = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand)\b", re.I)


def _measured_next(idx: _Index, p: Passage) -> list[Passage]:
    """The next sentence of the passage's section when it gives a figure ("… only if the sites are close.
    Beyond about 10 ms round trip, …"), or introduces a list that does ("As a point of reference, the migration
    takes:" and its items): what a question for an amount needs."""
    nxt = next(iter(_after(idx, p)), None) if p.kind == "section" else None
    if nxt is None:
        return []
    if nxt.text.rstrip().endswith(":"):
        items = _following(idx, nxt)
        return [nxt, *items] if any(_MEASURE.search(i.text) for i in items) else []
    return [nxt] if _MEASURE.search(nxt.text) else []


def _beside(p: Passage, chosen: list[Passage], score: float, top: float) -> bool:
    """A sentence of the same section as the answer, nearly as relevant: the reason or the detail
    that goes with it ("… clocks agree" after "synchronised clocks on every server")."""
    return bool(chosen) and score >= 0.5 * top and p.kind == "section" and any(
        c.source.path == p.source.path and section_title_of(c) == section_title_of(p) for c in chosen)


def section_title_of(p: Passage) -> str:
    return p.source.section or p.title


_GREETING = re.compile(r"^\s*(?:(?:sorry|hi|hello|hey|thanks|thank you|ok|okay|so|um|uh|quick question|"
                       r"dumb question|silly question|noob question)\b[\s,!.:-]*)+", re.I)


def answer_question(kb: KnowledgeBase, text: str, post: str = "", toward: str = "") -> Answer:
    """An answer in the documentation's own sentences, with sources; NOT_SAID when it does not say.
    A long post (or the post the question was read out of, `post`) is answered by the section that
    speaks of it when no sentence answers the question itself. A post that asks several things ("What
    is the Rancher server? Is it the same as the agent?") is answered as a whole, else part by part:
    what the docs say of each part that they cover."""
    text = _GREETING.sub("", text) or text  # "sorry, what is K3s …?" asks what "what is K3s …?" asks
    whole = _answer_one(kb, text)
    if whole.found:
        return whole
    told = _post_answer(kb, post if len(post) > len(text) else text, asked=text, toward=toward)
    if told is not None:
        return told
    told = _section_answer(kb, text)
    if told is not None:
        return told
    parts = [p.strip() for p in _ASKED.findall(text) if len(p.split()) >= 3]
    found = [a for a in (_answer_one(kb, p) for p in parts) if a.found] if len(parts) >= 2 else []
    if not found:
        return whole
    statements = tuple(dict.fromkeys(st for a in found for st in a.statements))
    sources = tuple(dict.fromkeys(src for a in found for src in a.sources))
    return Answer(" ".join(a.text for a in found), sources, statements)


def _introduced(idx: _Index, chosen: list[Passage]) -> list[Passage]:
    """`chosen`, each list item after the sentence that introduces its list, unless that is shown already: an item
    (`In the command-line arguments`) says what it is one of only with its lead (`three mutually exclusive ways
    to define options:`)."""
    out: list[Passage] = []
    for p in chosen:
        n = idx.leads.get(idx.position.get(id(p), -1))
        lead = idx.passages[n] if n is not None else None
        if lead is not None and lead not in chosen and lead not in out:
            out.append(lead)
        if p not in out:
            out.append(p)
    return out


def _quoted(kb: KnowledgeBase, chosen: list[Passage]) -> Answer:
    """The answer that quotes `chosen`, each passage with its source."""
    statements = tuple(Statement(p.text, p.source, p.kind if p.kind in ("term", "section") else "note") for p in chosen)
    sources = tuple(dict.fromkeys(_source(kb, p.source) for p in chosen))
    return Answer(" ".join(p.text for p in chosen), sources, statements)


LONG_POST = 12
"""Content words beyond which a question is a post with its story (see engine.answers.sections)."""


def _post_answer(kb: KnowledgeBase, text: str, asked: str = "", toward: str = "") -> Answer | None:
    """A long post answered by the section that speaks of it (engine.answers.sections), or None.
    `asked`: the post's question sentences, when the question was read out of it; `toward`: the option
    the post's words lean to, whose sections weigh more."""
    idx = _index(kb)
    said = _spelled_as_docs(idx, _query(kb, text), _english_stems(text))
    words = [w for w in said if w in idx.postings]
    if len(said) <= LONG_POST or not words:
        return None
    secs = _sections(kb)
    query, asking = sections.post_weights(text, words, lambda w: root(key(w.lower())), asked)
    top = sections.best_section(secs, query, asking, idx.idf, _sections_of(kb, secs, toward))
    if top is None:
        return None
    chosen = [idx.passages[i] for i in sections.sentences_of(secs, top, idx.passages, query, idx.idf)]
    if not chosen:
        return None
    return _quoted(kb, _introduced(idx, chosen))


SECTION_COVERAGE = 0.8
"""Share of a short question's (weighted) words one section must say, spread over its sentences, for that
section to answer when no single sentence does."""


def _section_answer(kb: KnowledgeBase, text: str) -> Answer | None:
    """A question no one sentence covers, answered by the section that says nearly all of its words ("how much
    extra memory does the passt binding add?" by the passt section, whose sentences each say part of it): its
    sentences that say most of them, in its order. None when no section says enough."""
    idx = _index(kb)
    groups = _in_docs_words(idx, [w for w in _spelled_as_docs(idx, _query(kb, text), _english_stems(text))
                                  if w in idx.postings or w not in ACTIONS])
    if len(groups) < 2:
        return None
    unseen = max(idx.idf.values(), default=1.0) + 1.0
    weights = {g: min(idx.idf.get(w, unseen) for w in g) for g in groups}
    total = sum(weights.values()) or 1.0
    if sum(wt for g, wt in weights.items() if not any(w in idx.postings for w in g)) / total > _MAX_MISSING:
        return None
    secs = _sections(kb)
    covered = [sum(wt for g, wt in weights.items() if any(w in words for w in g)) / total for words in secs.words]
    top = max(range(len(covered)), key=lambda n: covered[n], default=None)
    if top is None or covered[top] < SECTION_COVERAGE:
        return None
    query = [w for g in groups for w in g]
    chosen = [idx.passages[i] for i in sections.sentences_of(secs, top, idx.passages, query, idx.idf)]
    said = " ".join(t.word for t in _corrected(lexicon_for(kb), tokenize(text))[0])
    focus, which = count_focus(said), which_focus(said)
    much = bool(re.search(r"\bhow\s+much\b", said, re.I))
    if focus and not any(counts(p.text, focus, much) and bound_said(said, p.text) for p in chosen):
        return None  # "how many users …?" is answered by a sentence that counts users, or not at all
    if which and not any(which[1] in p.words and which[0] in p.words | p.extra for p in chosen):
        return None  # "which docker version …?" by one that speaks of both
    return _quoted(kb, _introduced(idx, chosen)) if chosen else None


def _sections(kb: KnowledgeBase) -> sections.Sections:
    """The knowledge base's sections, as long posts and questions no one sentence covers are answered from; built once."""
    return kb.derived("engine.sections", lambda k: sections.build(_index(k).passages))


def _sections_of(kb: KnowledgeBase, secs: sections.Sections, oid: str) -> frozenset[int]:
    """The sections that describe an option (engine.language.evidence.home_sections)."""
    homes = home_sections(kb, oid) if oid else frozenset()
    idx = _index(kb)
    return frozenset(n for n, members in enumerate(secs.members)
                     if ((src := idx.passages[members[0]].source).path, src.anchor or "") in homes)


_ASKED = re.compile(r"[^?]+\?")
"""The questions of a post, each up to its question mark."""


_ASKS_OPTIONS = re.compile(
    r"^\W*(?:(?:so|ok|okay|and|hi|hey)\W+)*(?:"
    r"(?:what|which)\s+(?:are|r|were)\s+(?:all\s+)?(?:the\s+|my\s+|our\s+)?(?:\w+\s+)?"
    r"(?:options|choices|alternatives|possibilities|ways)\b(?!.*\b(?:for|if|when|with)\b.*\b(?:fit|best|recommend))|"
    r"(?:what|which)\s+(?:\w+\s+){0,2}(?:options|choices|alternatives|ways|methods|modes|types|kinds)\s+"
    r"(?:are there|exist|do (?:i|we|you) have|can (?:i|we) (?:choose|pick|use)|are available)\b|"
    r"(?:list|show)(?: me)? (?:all |the |my )*(?:options|choices|alternatives)\b|"
    r"what (?:can|could) (?:i|we) (?:choose|pick) from\b)", re.I)
"""Questions that ask what the alternatives are ("what are my options?", "which install methods are there?")."""


def _options_answer(kb: KnowledgeBase) -> Answer | None:
    """The alternatives, each with the sentence that says what it is, in the documentation's order."""
    top = sorted((o for o in kb.options.values() if not o.parent), key=lambda o: o.order)
    if len(top) < 2:
        return None
    statements = []
    for o in top:
        variants = sorted((v for v in kb.options.values() if v.parent == o.id), key=lambda v: v.order)
        what = f": {o.summary.rstrip('. ')}" if o.summary else ""
        more = f" (as {', '.join(v.title for v in variants)})" if variants else ""
        statements.append(Statement(f"{o.title}{what}{more}.", o.source, "note", option=o.id))
    head = Statement(f"The documentation offers {len(top)} options:", decision_source(kb), "note")
    sources = tuple(dict.fromkeys(_source(kb, st.source) for st in statements))
    return Answer(" ".join(st.text for st in [head, *statements]), sources, (head, *statements))


def _answer_one(kb: KnowledgeBase, text: str) -> Answer:
    if _ASKS_OPTIONS.search(text.strip()) and (listed := _options_answer(kb)) is not None:
        return listed
    verdict = _verdict(kb, text)
    if verdict is not None:
        return verdict
    idx = _index(kb)
    said = " ".join(t.word for t in _corrected(lexicon_for(kb), tokenize(text))[0])  # "wich" → "which"
    focus = count_focus(said)
    english = _english_stems(text)
    words = _in_docs_words(idx, [w for w in _spelled_as_docs(idx, _query(kb, text), english)
                                 if (w in idx.postings or w not in ACTIONS)
                                 and not (focus and w in COUNT_WORDS)])
    side = _condition_words(text) if 3 < len(words) <= _SHORT * 2 and not re.search(r"\bhow\s+many\b", text, re.I) \
        else set()  # not where the condition is what is counted: "how many nodes so it survives when one fails?"
    scores, missing = _scores(idx, words, _unseen_weights(idx, text, len(words) > _SHORT), side) if words else ({}, 1.0)
    coverage, most_missing = _needs(len(words))
    definition = bool(DEFINITION.match(text))
    rank = DEF_RANK if definition else HOW_RANK if HOW_TO.match(text) else NEED_RANK if NEED.search(text) \
        else KIND_RANK

    how_to = rank is HOW_RANK

    plain = _plain_words(text)  # "keep", "data": too common to decide, enough to order equals

    def key(i: int) -> tuple[float, int, int, int, int]:
        p = idx.passages[i]
        steps = 0 if not how_to else 0 if STEP.search(p.text) else 2 if HEADING.match(p.text) else 1
        return (-round(scores[i], 3), steps, -len(plain & p.words), rank.get(p.kind, 9), i)

    ranked = sorted(scores, key=key)
    focus |= {w for g in words if focus & set(g) for w in g}  # "RAM" is counted by a `Mem` row too
    need = min(_COUNTED_COVERAGE, coverage) if focus else coverage
    if focus and ranked:  # "how many users …?" is answered by a passage that counts users
        much = bool(re.search(r"\bhow\s+much\b", said, re.I))
        counted = [i for i in ranked if scores[i] >= need and counts(idx.passages[i].text, focus, much)
                   and bound_said(said, idx.passages[i].text)]
        if not counted:
            return _not_said(kb, idx, ranked)
        ranked = counted + [i for i in ranked if i not in counted]
    which = which_focus(said)
    if which and ranked:  # "which docker version …?" needs a passage that speaks of both
        named = [i for i in ranked if scores[i] >= MIN_COVERAGE and which[1] in idx.passages[i].words
                 and which[0] in idx.passages[i].words | idx.passages[i].extra]  # `Helm` may be its section's word
        if not named:
            return _not_said(kb, idx, ranked)
        ranked = named + [i for i in ranked if i not in named]
    if not ranked or missing > most_missing or scores[ranked[0]] < need:
        return _not_said(kb, idx, ranked)
    top = scores[ranked[0]]
    chosen: list[Passage] = []
    for i in ranked:
        p = idx.passages[i]
        if len(chosen) == (2 if definition else 3):
            break
        if scores[i] < max(need, 0.85 * top) and not _beside(p, chosen, scores[i], top):
            continue
        if definition and chosen and chosen[0].kind == "term":
            break  # a definition answers "what is X" on its own
        if all(p.text != c.text and p.text not in c.text for c in chosen):  # a table's row beside the whole table
            chosen.append(p)
    following = _following(idx, chosen[0], alone=len(chosen) == 1) if chosen and len(chosen) < 3 else []
    following += [f for c in chosen if c.text.rstrip().endswith(":") for f in _following(idx, c)]  # "… is the
    # following:" is answered by its list, wherever the sentence ranks
    if chosen and _AMOUNT.search(text) and not _MEASURE.search(_RELEASE.sub(" ", chosen[0].text)):
        following += next((m for c in [*chosen, *following] if (m := _measured_next(idx, c))), [])  # "how close
        # …?": the sentence that gives the figure, after whichever passage shown it goes on from
    more = list({id(f): f for f in following if all(f.text != c.text for c in chosen)}.values())
    chosen[1:1] = more  # a sentence that starts an explanation or a list goes on with what follows
    if more and len({(c.source.path, c.title) for c in chosen}) == 1:
        chosen.sort(key=lambda c: (c.source.line, idx.passages.index(c)))  # one section reads in its own order
    return _quoted(kb, _introduced(idx, chosen))
