"""The words a knowledge base understands, built from its own content — nothing pack-specific in code.

    >>> lex = lexicon_for(kb)                                   # doctest: +SKIP
    >>> [e.target for e in lex.phrases[("offline",)]]           # doctest: +SKIP
    ['internet']

Phrases come from question ids, synonyms and units, answer values, labels and synonyms,
option ids, titles and synonyms, term titles and synonyms, and the decision's priorities.
Titles are split at parentheses and commas, so `K3s (lightweight Kubernetes)` yields both
`k3s` and `lightweight kubernetes`. Every phrase is kept as a tuple of word *keys*: lower
case, apostrophes dropped, a plural `s` removed, so "nodes" and "node" meet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from fingerpost.engine.language.vocabulary import bind, load_vocabulary, pack_concepts
from fingerpost.kb.graph import KnowledgeBase
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

__all__ = [
    "Token", "Entry", "Lexicon", "lexicon_for", "tokenize", "key", "keys_of", "STOPWORDS", "NEGATIONS",
    "NUMBER_WORDS", "PUNCTUATION", "resolve_options", "COMMON", "stem", "root",
]

STOPWORDS = frozenset("""
a an the and or but if then so of to in on at by for with from into onto about as than that this these those
it its it's is are was were be been being am do does did done have has had having i me my we us our you your
they them their he she his her one's some any all each every both either neither such own same other
can could should would will shall may might must need needs want wants like would'd please thanks thank just
also only very really quite too more most less least much many few lot lots there here where when what which
who whom whose why how whats hows im ive id were weve were youre theyre thats theres let lets get got go going
use using used run running will ok okay well yeah sure hi hello hey youd youll youve theyd theyll itll thatll
""".split())
"""Common English words that are never typo-corrected and never reported as not understood."""

COMMON = frozenset("""
best better good fine great bad worse worst small large big little cheap expensive fast slow quick easy hard simple
able later soon today still already again once twice ever even though although because since while until unless
whether about above after before below under over between through during within along across behind beyond near
next last past several enough another different right wrong real maybe perhaps probably actually basically mostly
rather pretty fairly need want like have make take give keep know think tell show find look come work start begin
plan build deploy host setup move grow scale change choose pick select decide prefer recommend suggest compare
explain describe install runs instead option options answer question questions thing things people team company
needed required require requires wanted lose lost losing loses keep keeps kept spend spent
save saved break broke fail fails failed failure support supports run runs make made give given take taken
long short high low fine good real full empty same whole half most many several little time year years month months week weeks days hours money budget data test rest fast vast list save load draw
diagram export docs guide help quit exit back undo restart reset facts status summary what when where which while
""".split())
"""Frequent English words that are never corrected into a content word, nor reported as not understood."""

NEGATIONS = frozenset("no not non without never dont doesnt didnt isnt arent wasnt werent wont cant cannot "
                      "nor none lack lacking lacks nothing nobody hasnt havent hadnt shouldnt wouldnt".split())
"""Words that negate what follows them in a clause."""

PUNCTUATION = frozenset("?,.;!")
"""Tokens that end a clause."""

NUMBER_WORDS = {
    "zero": 0, "none": 0, "one": 1, "single": 1, "two": 2, "couple": 2, "pair": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "dozen": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "million": 1000000,
}
"""Numbers written as words (compounds like "twenty five" are added up by the reader)."""

INDIFFERENT = "no-preference"
"""The vocabulary concept whose answer, said of several answers, wins over them."""

_TOKEN = re.compile(r"v?\d+(?:\.\d+)+(?:\.x)?\+?|\d{1,3}(?:,\d{3})+(?![\d,])\+?|\d+(?:st|nd|rd|th)?\+?|"
                    r"[^\W\d_][^\W_]*(?:_[^\W_]+)+|[^\W\d_](?:[^\W_]|')*|[<>]=?|=|[?,.;!]")
"""Versions, numbers, words (`no_proxy`, a setting's name, is one word, not `no` and `proxy`), comparisons, punctuation."""


@dataclass(slots=True, frozen=True)
class Token:
    """One word of the user's text, with where it is."""

    word: str
    """The word as read (lower case, apostrophes dropped; corrected if it was a typo)."""
    key: str
    """The form used for matching (plural `s` removed)."""
    start: int
    """Offset of the first character in the original text."""
    end: int
    """Offset after the last character."""
    original: str = ""
    """The word as written, when it was corrected."""
    name: bool = False
    """Written as a name of its own (`NodeA`, `kubeProxy`: a capital inside the word): never a typo."""


@dataclass(slots=True, frozen=True)
class Entry:
    """What a phrase names."""

    kind: str
    """`answer`, `question`, `option`, `term`, `priority`, `count` (a phrase that states a number), or
    `noted` (everyday words this knowledge base asks nothing about: read, so no shorter phrase is guessed),
    or `hint` (everyday words for what an option is named for, when no question asks it: evidence only)."""
    target: str
    """Question, option, term or priority id."""
    value: str = ""
    """For answers: the choice value (`yes`/`no` for yes/no questions); for counts: the number."""
    derived: bool = False
    """True when derived from a title or label rather than declared as a synonym."""
    concept: str = ""
    """The everyday-words concept it came from (engine.language.vocabulary), or "" for the pack's own words."""


_SAME_NEGATION = {"doesnt": "dont", "didnt": "dont"}
"""Forms of "do not" that mean the same in a phrase: "didn't care", "doesn't care", "don't care"."""


_CLIPPED = {"secs": "second", "mins": "minute", "hr": "hour", "hrs": "hour", "yr": "year", "yrs": "year",
            "wks": "week", "approx": "approximately"}
"""Clipped words people type for units of time (`a few secs`, `10 mins`): matched as the whole word. A
clipped word the docs use itself (`admin`) is matched by the evidence, not here."""


def key(word: str) -> str:
    """The matching form of one word: `nodes` → `node`, `k3s` stays, `didn't` → `dont`, `secs` → `second`."""
    w = word.replace("'", "")
    w = _SAME_NEGATION.get(w, w)
    w = _CLIPPED.get(w, w)
    if w in STOPWORDS:
        return w
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")) and not w[-2].isdigit():
        return w[:-1]
    return w


_SUFFIXES = ("ations", "ation", "ising", "izing", "ised", "ized", "ises", "izes", "ise", "ize", "ing", "ed", "es", "e")


def stem(word: str) -> str:
    """A light stem, so "synchronise" meets "synchronised", "upgrade" "upgrading", "retry" "retried",
    "drop" "dropped"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and word.isalpha():
            word = word[: -len(suffix)]
            if suffix in ("ed", "ing") and word[-1] == word[-2] and word[-1] not in "lsz" and word[-1] not in "aeiou":
                word = word[:-1]  # "dropped" meets "drops", "running" "runs"
            break
    return word[:-1] + "y" if word.endswith("i") and len(word) > 4 else word


@lru_cache(maxsize=1 << 16)
def root(word: str) -> str:
    """The word's Snowball (Porter 2) stem, with which answers are looked up in the docs: a question's
    "deprecation" meets the docs' "deprecated", "migration" "migrate", "availability" "available" —
    forms `stem` keeps apart, since what people say of their setup is read by whole words."""
    return _english().stemWord(word) if word.isalpha() else word


@cache
def _english() -> Any:
    from snowballstemmer import stemmer  # start-up: loads when a question is first looked up

    return stemmer("english")


def tokenize(text: str) -> list[Token]:
    """Words, numbers, versions and comparison signs of `text`, with offsets."""
    out = []
    raw = text.replace("’", "'")
    for m in _TOKEN.finditer(raw.lower()):
        word = m.group(0).strip("'").replace("'", "")
        if word:
            written = raw[m.start():m.end()]
            out.append(Token(word, key(word), m.start(), m.end(), name=bool(_INNER_CAPITAL.search(written))))
    return out


_INNER_CAPITAL = re.compile(r"[a-z][A-Z]")
"""`NodeA`, `kubeProxy`: a word written as a name."""


_COUNTING = frozenset("one two three four five single multiple several many separate".split())
"""Words that count or set apart, which alone name no option ("behind one IP address")."""


def keys_of(text: str) -> tuple[str, ...]:
    """The phrase key of a text: `Air-gapped` → ('air', 'gapped')."""
    return tuple(t.key for t in tokenize(text) if t.word not in PUNCTUATION)


def initials(title: str) -> str:
    """The short form a title of two to four words is said by (`High Availability` → `ha`, `Single Sign-On` →
    `sso`), or "" — none for a title that is already one word or has a word not made of letters."""
    words = [w for w in re.split(r"[\s-]+", title.strip()) if w]
    if not 2 <= len(words) <= 4 or not all(w.isalpha() for w in words):
        return ""
    short = "".join(w[0] for w in words).lower()
    return "" if short in STOPWORDS or short in _SAID_SHORT else short


_SAID_SHORT = frozenset("im id ok oh hi ah eh uh um".split())
"""Two letters people write for other things (`I'm`, `OK`): no title's short form."""


def pieces(label: str) -> list[str]:
    """A title and its parts: `K3s (lightweight Kubernetes)` → the whole, `K3s`, `lightweight Kubernetes`."""
    parts = [p.strip() for p in re.split(r"[(),;:—–]| - ", label) if p.strip()]
    out = [label]
    for p in parts:
        words = p.split()
        denied = False
        while words and words[0].lower() in STOPWORDS | {"yes", "no"}:
            denied = denied or words[0].lower() in ("no", "not", "without", "none")
            words = words[1:]
        if words and not denied:  # "No Collector" is not named by "collector"
            out.append(" ".join(words))
    return out


@dataclass
class Lexicon:
    """Phrases of one knowledge base and what they name."""

    kb: KnowledgeBase
    phrases: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    longest: int = 1
    vocabulary: list[str] = field(default_factory=list)
    """Every word key the content uses, sorted (for typo correction)."""
    option_words: dict[str, set[str]] = field(default_factory=dict)
    """Option id → the word keys of its id, title and synonyms (for loose option look-up)."""
    known: set[str] = field(default_factory=set)
    """Every word key some phrase uses."""
    indifferent: dict[str, str] = field(default_factory=dict)
    """Question id → its answer that means "no preference" (bound by the everyday vocabulary)."""
    own: set[str] = field(default_factory=set)
    """Every word key the knowledge base's own phrases use (without the everyday vocabulary)."""
    question_words: dict[str, set[str]] = field(default_factory=dict)
    """Word key → the questions whose names (id, synonyms, unit) use it, for loose mentions."""
    choice_cache: dict[frozenset[str], list[str]] = field(default_factory=dict)
    concept_answers: dict[str, Entry] = field(default_factory=dict)
    """Everyday-words concept name → the answer it is bound to here (`grow-later` → grow_to_ha = yes)."""
    openings: dict[tuple[str, ...], set[str]] | None = None
    """The first words of the longer names of questions with a no-preference answer → those questions (made on first
    use, see `opened_by`)."""

    def opened_by(self, said: tuple[str, ...]) -> str | None:
        """The one question with a no-preference answer whose longer name opens with `said` (`kubernetes` of
        `kubernetes distribution`), else None."""
        if self.openings is None:
            openings: dict[tuple[str, ...], set[str]] = {}
            for phrase, entries in self.phrases.items():
                asked = {e.target for e in entries if e.kind == "question" and e.target in self.indifferent}
                for n in range(1, len(phrase)) if asked else ():
                    openings.setdefault(phrase[:n], set()).update(asked)
            self.openings = openings
        found = self.openings.get(said, ())
        return next(iter(found)) if len(found) == 1 else None

    def add(self, text: str, entry: Entry) -> None:
        phrase = keys_of(text)
        if not phrase:
            return
        entries = self.phrases.setdefault(phrase, [])
        if all((e.kind, e.target, e.value) != (entry.kind, entry.target, entry.value) for e in entries):
            entries.append(entry)
        self.longest = max(self.longest, len(phrase))

    def build(self) -> Lexicon:
        kb = self.kb
        for q in sorted(kb.questions.values(), key=lambda q: q.order):
            self.add(q.id.replace("_", " "), Entry("question", q.id))
            for s in q.synonyms:
                self.add(s, Entry("question", q.id))
            if q.unit:
                self.add(q.unit, Entry("question", q.id))
            for inner in re.findall(r"\(([^)]*)\)", q.text):
                self.add(inner, Entry("question", q.id, derived=True))
            for ch in q.choices:
                value = ch.value
                if q.kind == "choice":
                    self.add(ch.value.replace("_", " "), Entry("answer", q.id, value))
                for i, piece in enumerate(pieces(ch.label)):
                    if set(keys_of(piece)) <= {"yes", "no"}:
                        continue  # a bare yes/no answers only the question just asked
                    self.add(piece, Entry("answer", q.id, value, derived=i > 0))
                for s in ch.synonyms:
                    self.add(s, Entry("answer", q.id, value))
        for o in kb.options.values():
            words = set(keys_of(o.id.replace("-", " ")))
            if not words <= _COUNTING:  # an id made of a title's first word, `one` or `multiple`, names nothing
                self.add(o.id.replace("-", " "), Entry("option", o.id))
            for i, piece in enumerate(pieces(o.title)):
                self.add(piece, Entry("option", o.id, derived=i > 0))
                words |= set(keys_of(piece))
            short = initials(o.title)
            if short and short not in kb.questions and not self.phrases.get((short,)):
                self.add(short, Entry("option", o.id, derived=True))  # `High Availability`: "HA"
            for s in o.synonyms:
                if set(keys_of(s)) <= _COUNTING:
                    continue
                self.add(s, Entry("option", o.id))
                words |= set(keys_of(s))
            self.option_words[o.id] = {w for w in words if w not in STOPWORDS}
        for t in kb.terms.values():
            for piece in pieces(t.title):
                self.add(piece, Entry("term", t.id))
            for s in t.synonyms:
                self.add(s, Entry("term", t.id))
        for p in kb.decision.priorities if kb.decision else ():
            self.add(p, Entry("priority", p))
        self.own = {w for phrase in self.phrases for w in phrase}
        self._everyday_words()
        vocab = {w for phrase, es in self.phrases.items() if any(e.kind not in ("noted", "hint") for e in es)
                 for w in phrase}
        self.known = set(vocab)
        for phrase, entries in self.phrases.items():
            for e in entries:
                if e.kind == "question":
                    for w in phrase:
                        if w not in STOPWORDS:
                            self.question_words.setdefault(w, set()).add(e.target)
        vocab |= set(NUMBER_WORDS) | {"never", "without", "none", "nothing"}
        # never corrected into a negation: "went" must not become "wont"
        self.vocabulary = sorted(w for w in vocab if w.isalpha() and len(w) >= 3 and w not in STOPWORDS
                                 and w not in NEGATIONS)
        return self

    def _everyday_words(self) -> None:
        """Phrases of the everyday vocabulary bound to this knowledge base's answers; the pack's own
        words come first (a phrase the pack already uses keeps its meaning)."""
        for b in bind(pack_concepts(self.kb, load_vocabulary()), self.kb, keys_of, pieces):
            phrase = keys_of(b.phrase)
            if not phrase or any(e.kind in ("answer", "count") and (not e.concept or e.target == b.question)
                                 for e in self.phrases.get(phrase, ())):
                continue
            if not b.question:  # understood words that answer nothing here: a hint for an option, or read only
                if b.option and not any(e.kind in ("answer", "count", "option") for e in self.phrases.get(phrase, ())):
                    self.add(b.phrase, Entry("hint", b.option, concept=b.concept))
                elif len(phrase) > 1 and not self.phrases.get(phrase):
                    self.add(b.phrase, Entry("noted", "", concept=b.concept))
                continue
            kind = "question" if not b.value else "count" if self.kb.questions[b.question].kind == "number" else "answer"
            if b.concept == INDIFFERENT and kind == "answer":
                self.indifferent[b.question] = b.value
            entry = Entry(kind, b.question, b.value, derived=True, concept=b.concept)
            self.add(b.phrase, entry)
            if kind == "answer":
                self.concept_answers.setdefault(b.concept, entry)

    def correct(self, word: str, extra: frozenset[str] = frozenset()) -> str | None:
        """The content word a typo most likely meant (one edit for short words, two for long), or None."""
        if len(word) < 4 or not word.isalpha() or word in STOPWORDS or word in extra:
            return None
        if key(word) in self.known:
            return None
        limit = 1 if len(word) <= 6 else 2
        found = process.extract(word, self._choices(extra), scorer=OSA.distance, score_cutoff=limit, limit=None)
        found = [f for f in found if f[1] <= 1 or f[0] not in NUMBER_WORDS]  # "handled" is not "hundred"
        stem = key(word)
        if not found and stem != word:  # "ndoes": the plural's stem has two letters swapped ("node")
            found = [f for f in process.extract(stem, self._choices(extra), scorer=OSA.distance, score_cutoff=1,
                                                limit=None) if sorted(f[0]) == sorted(stem)]
        if not found:
            return None
        # the nearest; on a tie a command word, then one with the same first letter ("compair" → compare)
        best = min(found, key=lambda f: (f[1], f[0] not in extra, f[0][0] != word[0], f[0]))
        return best[0]

    def correct_short(self, word: str) -> str | None:
        """A three-letter typo of a question's name word ("nod" → "node"), one edit away, or None."""
        names = sorted(w for w in self.question_words if len(w) <= 5)
        found = process.extract(word, names, scorer=OSA.distance, score_cutoff=1, limit=None)
        best = sorted(f[0] for f in found if f[0][0] == word[0])
        return best[0] if len(best) == 1 else None

    def _choices(self, extra: frozenset[str]) -> list[str]:
        if extra not in self.choice_cache:
            self.choice_cache[extra] = sorted(set(self.vocabulary) | {w for w in extra if len(w) >= 3})
        return self.choice_cache[extra]

    def entries(self, phrase: tuple[str, ...], kinds: tuple[str, ...]) -> list[Entry]:
        return [e for e in self.phrases.get(phrase, ()) if e.kind in kinds]


def resolve_options(lex: Lexicon, text: str) -> list[str]:
    """Option ids the words name: an exact name first, then options whose names hold every word, then fuzzy."""
    phrase = tuple(k for k in keys_of(text) if k not in STOPWORDS or k in lex.known)
    phrase = tuple(k for k in phrase if k not in ("option", "install", "instead", "one")) or phrase
    if not phrase:
        return []
    entries = lex.entries(keys_of(text), ("option",)) or lex.entries(phrase, ("option",))
    declared = [e.target for e in entries if not e.derived]
    if entries:
        return list(dict.fromkeys(declared or [e.target for e in entries]))
    words = set(phrase)
    loose = [oid for oid, ws in lex.option_words.items() if words <= ws]
    if loose:
        return _drop_variants(lex, loose)
    names = {" ".join(p): e.target for p, es in sorted(lex.phrases.items()) for e in es if e.kind == "option"}
    found = process.extract(" ".join(phrase), list(names), scorer=fuzz.ratio, score_cutoff=80, limit=None)
    if not found:
        return []
    top = max(score for _, score, _ in found)
    return list(dict.fromkeys(names[name] for name, score, _ in found if score == top))


def _drop_variants(lex: Lexicon, ids: list[str]) -> list[str]:
    """Keep a parent when all its matching variants matched too (`ha` → the HA option, not each variant)."""
    kept = set(ids)
    out = []
    for oid in ids:
        parents = {o.id for o in lex.kb.lineage(oid)[1:]}
        if not parents & kept:
            out.append(oid)
    return out


def lexicon_for(kb: KnowledgeBase) -> Lexicon:
    """The lexicon of a knowledge base, built once and kept on it (KnowledgeBase.derived)."""
    return kb.derived("engine.language.lexicon", _build_lexicon)


def _build_lexicon(kb: KnowledgeBase) -> Lexicon:
    return Lexicon(kb).build()
