"""Reading facts out of one statement: answers, numbers, versions, negation and priorities.

    >>> r = read_statement(lexicon_for(kb), tokenize("three nodes, no internet"), text)   # doctest: +SKIP
    >>> [(f.question, f.value) for f in r.facts]                                          # doctest: +SKIP
    [('nodes', 3), ('internet', 'airgap')]

Everything is driven by the knowledge base's own words (engine.language.lexicon). Comparisons map to
one value that satisfies them: "at least 3" → 3, "more than 3" → 4, "fewer than 3" → 2;
"before 2.4" → 2.3 (the last part lowered by one), "after 2.4" → 2.5, "2.4 or later" → 2.4.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from fingerpost.engine.excluded import conflicts, exclude
from fingerpost.engine.facts import Fact, display_value, merge_said
from fingerpost.engine.language.clauses import (
    CLAUSE_ENDS,
    accepted,
    clause_moods,
    familiar,
    indifferent,
    interjection,
    negated,
    negated_after,
    object_of_work,
    prefer_now,
    ruled_out,
    settled,
    unfamiliar,
    wanted,
)
from fingerpost.engine.language.commonness import is_english
from fingerpost.engine.language.lexicon import (
    COMMON,
    NEGATIONS,
    NUMBER_WORDS,
    PUNCTUATION,
    STOPWORDS,
    Entry,
    Lexicon,
    Token,
    keys_of,
    stem,
)
from fingerpost.kb import expr as ex
from fingerpost.kb.records import Question
from fingerpost.kb.values import Version

__all__ = ["Reading", "read_statement", "number_at", "clause_moods", "prefer_now", "CUES"]

CUES = frozenset("matter matters most important importantly priority priorities prioritise prioritize care focus "
                 "first key main top mainly optimise optimize prefer value crucial critical essential concern "
                 "biggest above all then second third over".split())
"""Words that make a priority name a stated priority ("cost matters most")."""

_BEFORE = {  # words before a number → comparison
    ("at", "least"): ">=", ("minimum",): ">=", ("min",): ">=", ("from",): ">=", ("since",): ">=",
    ("more", "than"): ">", ("over",): ">", ("above",): ">", ("greater", "than"): ">", ("newer", "than"): ">",
    ("after",): ">", ("later", "than"): ">", (">",): ">", (">=",): ">=", ("<",): "<", ("<=",): "<=",
    ("less", "than"): "<", ("fewer", "than"): "<", ("under",): "<", ("below",): "<", ("before",): "<",
    ("older", "than"): "<", ("earlier", "than"): "<", ("prior", "to"): "<", ("pre",): "<",
    ("at", "most"): "<=", ("up", "to"): "<=", ("maximum",): "<=", ("max",): "<=",
    ("no", "more", "than"): "<=", ("not", "more", "than"): "<=", ("no", "less", "than"): ">=",
    ("not", "less", "than"): ">=", ("no", "fewer", "than"): ">=", ("not", "fewer", "than"): ">=",
    ("no", "later", "than"): "<=", ("no", "newer", "than"): "<=", ("no", "older", "than"): ">=",
}
_AFTER = {  # words after a number → comparison
    ("or", "more"): ">=", ("or", "later"): ">=", ("or", "newer"): ">=", ("or", "above"): ">=",
    ("or", "higher"): ">=", ("and", "up"): ">=", ("and", "later"): ">=", ("and", "above"): ">=",
    ("plus",): ">=", ("onward",): ">=", ("onwards",): ">=",
    ("or", "less"): "<=", ("or", "fewer"): "<=", ("or", "earlier"): "<=", ("or", "older"): "<=",
    ("or", "below"): "<=", ("or", "lower"): "<=",
}
_COMPARISON_WORDS = frozenset({w for words in (*_BEFORE, *_AFTER) for w in words})
_AFTER_SKIP = frozenset({"or", "and", "more", "later", "newer", "above", "higher", "up", "plus", "onward",
                         "onwards", "less", "fewer", "earlier", "older", "below", "lower"})


@dataclass
class Reading:
    """What one statement says."""

    facts: list[Fact] = field(default_factory=list)
    priorities: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    options: list[str] = field(default_factory=list)
    """Options the statement names (not facts; a front end may explain them)."""
    used: set[int] = field(default_factory=set)
    """Indexes of tokens that were understood."""
    at: list[int] = field(default_factory=list)
    """For each fact, the index of its first token (facts are put in the order they were said)."""
    named: dict[str, str] = field(default_factory=dict)
    """Option id → the words that named it."""
    hinted: list[tuple[str, str]] = field(default_factory=list)
    """(option id, words) for everyday words that point at an option no question asks about."""
    wanted: list[str] = field(default_factory=list)
    """Options named as what the speaker wants ("we'd like K3s"): a leaning, not a fact."""
    unwanted: list[str] = field(default_factory=list)
    """Options named as what the speaker does not want ("don't want to babysit microservices")."""
    moods: dict[tuple[str, str], str] = field(default_factory=dict)
    """(question, words) of a fact → `past`, `future` or `now`: the time its clause speaks of."""


@dataclass(slots=True, frozen=True)
class _Match:
    start: int
    end: int
    entries: tuple[Entry, ...]


def _prerequisite_words(kb: Any) -> list[tuple[frozenset[str], tuple[str, ...]]]:
    """Per prerequisite of one option: its words that no option title uses ("btf", "ring buffer"), and
    that option."""
    own = [p for p in kb.prerequisites.values() if len(p.options) == 1]
    common = {k for o in kb.options.values() for k in keys_of(o.title)}
    out = []
    for p in own:
        words = frozenset(k for k in keys_of(f"{p.title} {p.text}") if len(k) >= 3 and k not in STOPWORDS and k not in COMMON
                          and k not in common and not k.isdigit())
        if words:
            out.append((words, tuple(p.options)))
    return out


def _lacking(lex: Lexicon, toks: list[Token], used: set[int]) -> list[str]:
    """ "a 3.10 kernel that doesn't expose BTF", "no BPF ring buffer support": what the reader says they lack,
    among what an option needs in place first — that option is not wanted (leaning to the others)."""
    prereqs = lex.kb.derived("engine.language.prerequisite-words", _prerequisite_words)
    if not prereqs:
        return []
    out: list[str] = []
    for words, options in prereqs:
        hits = [n for n, t in enumerate(toks) if t.key in words and n not in used]  # "no air gap" answers, lacks nothing
        if not hits or len({toks[n].key for n in hits}) < min(2, len(words)) and not _rare(toks[hits[0]].key, words):
            continue
        if any(negated(toks, n, set()) for n in hits) or negated_after(toks, hits[-1] + 1):
            out += [o for o in options if o not in out]
    return out


def _rare(key: str, words: frozenset[str]) -> bool:
    """A word of a prerequisite that is no everyday English word (`btf`, `ringbuf`): it names it alone."""
    return not is_english(key) and len(key) >= 3


def _activity(toks: list[Token], start: int, end: int) -> bool:
    """ "Now we are testing creating clusters from Rancher": a word of an answer used as the verb of what is being
    done to something (a gerund, `the`, `whether` after it), not as what the setup is for."""
    if end - start != 1 or not toks[start].word.endswith("ing") or end >= len(toks) or start == 0:
        return False
    after = toks[end].word
    return toks[start - 1].word in ("are", "were", "am", "is", "re", "m", "been") and (
        after in ("the", "whether", "if", "how", "our", "a", "an") or (after.endswith("ing") and len(after) > 5))


def _hint_within(lex: Lexicon, toks: list[Token], start: int, end: int) -> Entry | None:
    """A hint said inside a longer phrase that binds nothing here ("survive a server failure", read as data
    replication, which this knowledge base asks nothing about, holds "server failure": a cluster's hint)."""
    keys = [t.key for t in toks[start:end]]
    for n in range(len(keys) - 1, 1, -1):
        for i in range(len(keys) - n + 1):
            hint = next((e for e in lex.entries(tuple(keys[i:i + n]), ("hint",))), None)
            if hint is not None:
                return hint
    return None


def _find(lex: Lexicon, toks: list[Token], kinds: tuple[str, ...], whole: bool, pending: str | None) -> list[_Match]:
    """Longest phrases first, left to right, without overlap. A phrase that is one common word
    (`any`, `live`) counts only when it answers the pending question or is the whole utterance."""
    out, i = [], 0
    at = [j for j, t in enumerate(toks) if t.key not in _INTENSIFIERS or j == 0]  # "doesn't *really* matter"
    keys = [toks[j].key for j in at]
    while i < len(at):
        turned = _predicative(lex, keys, i, kinds)  # "the network is closed": before "network" alone
        if turned:
            out.append(_Match(at[i], at[i + turned] + 1, tuple(lex.entries((keys[i + turned], keys[i]), kinds))))
            i += turned + 1
            continue
        for n in range(min(lex.longest, len(at) - i), 0, -1):
            phrase = tuple(keys[i:i + n])
            if any(k in PUNCTUATION for k in phrase):
                continue
            entries = lex.entries(phrase, kinds)
            if n == 1 and phrase[0] in STOPWORDS and not whole:
                entries = [e for e in entries if e.target == pending]
            if n == 1 and phrase[0] in _ORDINAL_UNITS and i > 0 and keys[i - 1] in _POSSESSING:
                entries = []  # "our second office", "the second node": an ordinal, not a second of time
            if entries:
                out.append(_Match(at[i], at[i + n - 1] + 1, tuple(entries)))
                i += n
                break
        else:
            split = _separated(lex, keys, i, kinds) or _widened(lex, keys, i, kinds)
            if split:
                out.append(_Match(at[i], at[i + split] + 1, tuple(lex.entries((keys[i], keys[i + split]), kinds))))
                i += split + 1
            else:
                i += 1
    return out


_ORDINAL_UNITS = frozenset({"second"})
"""Ordinals that are also a unit of something counted."""
_POSSESSING = frozenset("the our my your their its his her this that every each".split())


_PARTICLES = frozenset("away down out off up".split())
"""Particles of a verb that may stand after its object ("throw this one away", "tear it all down")."""


_OBJECT_OPENERS = frozenset("it this that these those them the a an my our your his her their everything all "
                            "stuff things".split())
"""Words that open the object standing between a verb and its particle ("throw *this one* away")."""
_COPULA = frozenset("is are was were be being".split())


def _predicative(lex: Lexicon, keys: list[str], i: int, kinds: tuple[str, ...]) -> int:
    """ "the network is closed" reads as "closed network": a phrase of an adjective and a noun, said
    the other way round with `is` between them (2, the adjective's distance); 0 when it is not."""
    if i + 2 < len(keys) and keys[i + 1] in _COPULA and keys[i + 2] not in _PARTICLES \
            and keys[i] not in STOPWORDS and lex.entries((keys[i + 2], keys[i]), kinds):
        return 2
    return 0


def _widened(lex: Lexicon, keys: list[str], i: int, kinds: tuple[str, ...]) -> int:
    """ "an isolated *lab* network" reads as "isolated network": a two-word answer with one more
    word of description inside it (2); 0 when there is none — never a word that could turn it
    round ("no", "not", "with")."""
    if i + 2 >= len(keys) or keys[i] in STOPWORDS or keys[i] in NEGATIONS:
        return 0
    inner = keys[i + 1]
    if not inner.isalpha() or inner in STOPWORDS or inner in NEGATIONS or inner in _PARTICLES or inner in _COPULA:
        return 0
    entries = [e for e in lex.entries((keys[i], keys[i + 2]), kinds) if e.kind == "answer"]
    return 2 if entries and not lex.entries((keys[i], inner), kinds) else 0


def _separated(lex: Lexicon, keys: list[str], i: int, kinds: tuple[str, ...]) -> int:
    """How far the particle of a phrasal verb at `i` stands, when a short object sits between them
    ("throw *this one* away" reads as "throw away"); 0 when it does not."""
    if i + 1 >= len(keys) or keys[i + 1] not in _OBJECT_OPENERS:
        return 0  # "trying *to figure* out": what sits between is no object
    for k in range(2, 5):
        if i + k >= len(keys) or keys[i + k - 1] in PUNCTUATION:
            return 0
        if keys[i + k] in _PARTICLES and lex.entries((keys[i], keys[i + k]), kinds):
            return k
    return 0



_INTENSIFIERS = frozenset("really actually honestly truly very quite particularly especially totally entirely own".split())
"""Words that strengthen a phrase without changing it: skipped inside phrases ("on my *own* laptop")."""


_UPGRADE_WORDS = frozenset("upgrade upgraded upgrading update updated updating migrate migrated migrating "
                           "release version v".split())
"""Words before a number that make it a release ("upgraded to 13")."""

_STANDALONE = frozenset({"couple", "pair", "dozen", "single"})


_POINTING = frozenset("the this that which each every any other another same".split())
"""Words that make a following `one` point at a thing ("the current one") rather than count."""


def number_at(toks: list[Token], i: int) -> tuple[float | int, int] | None:
    """A number starting at token i (digits or words: "twenty five", "two hundred and ten"), and the index after it."""
    w = toks[i].word
    if w.rstrip("+").replace(",", "").isdigit():  # `10,000` is one number
        n = int(w.rstrip("+").replace(",", ""))
        scale = NUMBER_WORDS.get(toks[i + 1].word, 0) if i + 1 < len(toks) else 0
        if scale >= 100 and not w.endswith("+"):  # `10 million`, `2 thousand`
            return n * scale, i + 2
        return n, i + 1
    if w in ("a", "an") and i + 1 < len(toks) and toks[i + 1].word in _STANDALONE:
        i += 1
        w = toks[i].word
    if w not in NUMBER_WORDS or w == "none":
        return None
    if w == "one" and i > 0 and (toks[i - 1].word in _POINTING or i > 1 and toks[i - 2].word in _POINTING) \
            and not (i > 1 and toks[i - 1].word == "the" and toks[i - 2].word in ("just", "only")):
        return None  # "the current one", "which one", "the lightweight one": a pronoun, not a count ("just the one" is)
    if w in _STANDALONE:
        j = i + 1
        if j < len(toks) and toks[j].word == "of":
            j += 1
        return NUMBER_WORDS[w], j
    total, current, j = 0, 0, i
    while j < len(toks):
        word = toks[j].word
        if word == "and" and current >= 100 and j + 1 < len(toks) and toks[j + 1].word in NUMBER_WORDS:
            j += 1
            continue
        v = NUMBER_WORDS.get(word)
        if v is None or word in _STANDALONE or word == "none":
            break
        if v == 100:
            current = (current or 1) * 100
        elif v >= 1000:
            total, current = total + (current or 1) * v, 0
        elif current == 0 or (current % 100 == 0 and v < 100) or (current % 100 >= 20 and current % 10 == 0 and v < 10):
            current += v
        else:
            break
        j += 1
    return total + current, j


_SPREAD = frozenset("spread spreaded split distributed distribute replicated stretched stretch divided shared "
                    "deployed running run located hosted placed".split())
"""Verbs after which `over` means across, not more than."""


_PLACES_COUNTED = frozenset("site sites datacenter datacenters datacentre datacentres centre centres center centers dc dcs region regions zone zones az azs "
                            "location locations cloud clouds building buildings office offices campus campuses rack racks "
                            "continent continents country countries".split())
"""Places a setup is laid across: `over three sites` says where it runs, not how many more."""
_HAVING = frozenset("have has had got with need needs want wants is are be were was of for than just well way".split())


def _across_places(toks: list[Token], at: int, j: int) -> bool:
    """`Cluster mode over three sites`: `over` before a count of places, right after a word other than one of having
    or being, lays the setup across them (`we have over three sites`, `over three sites` alone: more than three)."""
    after = {t.word for t in toks[j:j + 2]}
    return bool(after & _PLACES_COUNTED) and at > 0 and toks[at - 1].word.isalpha() and toks[at - 1].word not in _HAVING


def _comparison(toks: list[Token], i: int, j: int) -> tuple[str, int, int]:
    """The comparison around a number at [i, j), and the widened span."""
    if toks[j - 1].word.endswith("+"):
        return ">=", i, j
    for words, op in sorted(_BEFORE.items(), key=lambda kv: -len(kv[0])):  # "no more than" before "more than"
        n = len(words)
        if i - n >= 0 and tuple(t.word for t in toks[i - n:i]) == words:
            if words in (("over",), ("above",)) and ((i - n > 0 and toks[i - n - 1].key in _SPREAD) or _across_places(toks, i - n, j)):
                break  # "spread over three data centres": across them, not more than three
            return op, i - n, j
    for words, op in _AFTER.items():
        n = len(words)
        if tuple(t.word for t in toks[j:j + n]) == words:
            return op, i, j + n
    return "==", i, j


def _satisfying(value: Any, op: str) -> Any:
    """One value that satisfies `op value`: the value itself, or the nearest one past it."""
    if op in ("==", ">=", "<="):
        return value
    if isinstance(value, Version):
        parts = list(value.parts)
        while len(parts) > 1 and parts[-1] == 0:
            parts.pop()
        if op == ">":
            return Version(tuple(parts[:-1]) + (parts[-1] + 1,))
        if parts[-1] == 0:
            return value.bump(-1)
        return Version(tuple(parts[:-1]) + (parts[-1] - 1,))
    return value + 1 if op == ">" else max(value - 1, 0)


def _span(text: str, toks: list[Token], i: int, j: int) -> str:
    return text[toks[i].start:toks[j - 1].end]


def _pick(entries: tuple[Entry, ...], lex: Lexicon, pending: str | None) -> Entry:
    order = {qid: q.order for qid, q in lex.kb.questions.items()}
    return sorted(entries, key=lambda e: (e.target != pending, e.derived, order.get(e.target, 0)))[0]


def _opposite(lex: Lexicon, q: Question, value: str, words: set[str]) -> Any:
    """What "not <value>" says: a choice whose words say so, the only other one, or — with two or
    more left — that the answer is not `value` (engine.excluded), which guesses nothing."""
    others = [c for c in q.choices if c.value != value]
    for c in others:
        for s in (c.label, *c.synonyms):
            ks = keys_of(s)
            if ks and ks[0] in NEGATIONS and words & set(ks[1:]):
                return c.value
    return exclude(q, [value])


def _negated_mention(lex: Lexicon, q: Question, words: set[str]) -> str | None:
    """For "no internet" when only the question is named: the choice whose words negate it."""
    for c in q.choices:
        for s in (c.label, *c.synonyms):
            ks = keys_of(s)
            if ks and ks[0] in NEGATIONS and words & set(ks[1:]):
                return c.value
    return None


def _in_total(toks: list[Token], j: int) -> bool:
    """ "… in total", "… altogether", "… total" right after a number."""
    words = [t.word for t in toks[j:j + 2]]
    return bool(words) and (words[0] in ("total", "altogether") or words == ["in", "total"])


_RUNNING = frozenset("on running run runs using use release version".split())
"""Words before a bare number that make it a release of the product named after it ("we're on 12 Ledger DB")."""


_ROUGHLY = frozenset("about around roughly approximately approx circa nearly almost maybe probably perhaps like "
                     "exactly just some currently total altogether".split())
"""Words between a counted thing and its number that only hedge it ("servers: roughly five")."""


def _other_word(lex: Lexicon, t: Token) -> bool:
    """A word of something the content does not ask about ("port", "answers"), beside a number."""
    return t.word not in STOPWORDS and t.word not in PUNCTUATION and t.key not in lex.own \
        and t.word not in NEGATIONS and not t.word[0].isdigit() and t.word not in _COMPARISON_WORDS


def _bind_number(lex: Lexicon, toks: list[Token], i: int, j: int, is_version: bool,
                 mentions: list[_Match], bound: set[int], pending: Question | None) -> tuple[Question | None, _Match | None]:
    """The question a number answers: a unit or question word next to it, else the pending question,
    else the only question of that kind when nothing unknown stands next to the number."""
    kinds = ("version",) if is_version else ("number", "version")
    best: tuple[float, int] | None = None
    for n, m in enumerate(mentions):
        q = lex.kb.questions[m.entries[0].target]
        if n in bound or q.kind not in kinds:
            continue
        if q.kind == "version" and not is_version and m.start >= j and not (i and toks[i - 1].word in _RUNNING):
            continue  # "the 3 Rancher pods": a bare number before the product's name counts things of it
        gap = m.start - j if m.start >= j else i - m.end + 0.5
        between = toks[j:m.start] if m.start >= j else toks[m.end:i]
        if any(t.word in PUNCTUATION or t.word[0].isdigit() or t.word in NUMBER_WORDS for t in between):
            continue  # "15, 3 nodes", "12 on three machines": the 3 counts them, not the 15
        if m.end <= i and any(_other_word(lex, t) and t.word not in _ROUGHLY for t in between):
            continue  # "a host with ports 80", "the server only answers 404": the number is what the other word says
        if 0 <= gap <= 3 and (best is None or gap < best[0]):
            best = (gap, n)
    if best is not None:
        bound.add(best[1])
        m = mentions[best[1]]
        return lex.kb.questions[m.entries[0].target], m
    if pending is not None and pending.kind in kinds:
        return pending, None
    for k in (i - 1, j):  # "tool 3.4" where the question is named "backup tool": one word of its name
        if 0 <= k < len(toks):
            named = [lex.kb.questions[q] for q in sorted(lex.question_words.get(toks[k].key, ()))]
            named = [q for q in named if q.kind in kinds and not (k == j and q.kind == "version" and not is_version
                                                                  and not (i and toks[i - 1].word in _RUNNING))]
            if len(named) == 1:
                return named[0], _Match(min(k, i), max(k + 1, j), ())
    versions = [q for q in lex.kb.questions.values() if q.kind == "version"]
    before = {t.word for t in toks[max(0, i - 2):i]}
    if len(versions) == 1 and (before & _UPGRADE_WORDS or is_version and "." in toks[i].word):  # "we upgraded to 13": a release, whatever the number
        return versions[0], None
    for k in (i - 1, j):
        if 0 <= k < len(toks) and _other_word(lex, toks[k]):
            return None, None  # "port 443": a number of something the content does not ask about
    if _in_total(toks, j):  # "two more VMs, so three in total": the total of what was counted before
        before_it = [m for m in mentions if m.end <= i and lex.kb.questions[m.entries[0].target].kind == "number"]
        if before_it:
            return lex.kb.questions[before_it[-1].entries[0].target], None
    if not toks[i].word[0].isdigit() and j < len(toks) and toks[j].word not in PUNCTUATION:
        return None, None  # "a single docker container": a number word counts the word after it
    if _of_people(toks, i, j):
        return None, None  # "a team of twelve", "five of us": people, not machines
    same = [q for q in lex.kb.questions.values() if q.kind == ("version" if is_version else "number")]
    if len(same) == 1 and not is_version and not _plausible(lex.kb, same[0], number_at(toks, i)):
        return None, None  # "squid on 3128": far beyond any count the docs speak of — a port, an id
    return (same[0] if len(same) == 1 else None), None


_REPLICAS = frozenset("replica replicas standby standbys follower followers secondary secondaries".split())
_PRIMARY = frozenset("primary primaries leader master".split())


def _beside_a_primary(toks: list[Token], i: int, j: int) -> bool:
    """Whether the number counts replicas said beside a primary (`one primary + 2 async replicas`): copies of it,
    not all there are."""
    return any(t.word in _REPLICAS for t in toks[j:j + 3]) and any(t.word in _PRIMARY for t in toks[max(0, i - 5):i])


_GROUPS = frozenset("team teams group crew squad staff company department org organisation organization class "
                    "family household lab".split())
_US = frozenset("us them you".split())


def _of_people(toks: list[Token], i: int, j: int) -> bool:
    """Whether a bare number counts people: the size of a group (`a team of twelve`) or of us (`five of us`)."""
    return (i >= 2 and toks[i - 1].word == "of" and toks[i - 2].word in _GROUPS) or \
        (j + 1 < len(toks) and toks[j].word == "of" and toks[j + 1].word in _US)


def _scales(kb: Any) -> dict[str, float]:
    """Question id → the largest number its conditions compare it with (`nodes >= 3` → 3)."""
    out: dict[str, float] = {}
    exprs = [c.expr for c in kb.constraints] + [r.when for r in kb.recommendations if r.when is not None]
    for e in exprs:
        for name, values in ex.literals(e).items():
            numbers = [float(v) for v in values if _NUMBER.fullmatch(v)]
            if numbers:
                out[name] = max(out.get(name, 0.0), *numbers)
    return out


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _plausible(kb: Any, q: Question, found: tuple[float | int, int] | None) -> bool:
    """Whether a number said with nothing to name what it counts can answer `q`: not when it is
    a hundred times any number the docs compare that answer with."""
    if found is None:
        return False
    scale = kb.derived("engine.number-scales", _scales).get(q.id)
    return scale is None or found[0] <= max(100.0, 100 * scale)


_FITS = frozenset("fit fits fitted fitting handled".split())


def _capacity(toks: list[Token], i: int) -> bool:
    """ "writes fit on one box", "handled by a single server": how much one thing can take, not a count."""
    k = i - 1
    while k >= 0 and toks[k].word in ("on", "in", "into", "onto", "by", "a", "an", "just", "easily", "still"):
        k -= 1
    return k >= 0 and k < i - 1 and toks[k].word in _FITS


_FAILING_AFTER = frozenset("dies dying died die fails failing failed fail crashes crashing crashed crash goes going "
                           "went breaks breaking broke dropping drops disappears vanishes".split())
_FAILING_BEFORE = frozenset("survive survives surviving tolerate tolerates tolerating withstand withstands lose "
                            "losing lost loses".split())


def _failing(toks: list[Token], start: int, end: int) -> bool:
    """ "survive a box dying", "if one server dies", "tolerate losing a node": one thing failing, an event the
    setup must live through — no count of what there is."""
    after = toks[end].word if end < len(toks) else ""
    k = start - 1
    while k >= 0 and toks[k].word in ("a", "an", "one", "single", "the"):
        k -= 1
    return after in _FAILING_AFTER or (k >= 0 and toks[k].word in _FAILING_BEFORE)


_INSTALL_NOUNS = frozenset("install installation installs setup deployment".split())


def _named_install(lex: Lexicon, toks: list[Token], start: int, end: int) -> bool:
    """ "the single node docker install", "a single node installation": a count said as the name of an install
    the docs offer (`Single-node install on RKE`, `Docker install on a single node`) — that install, not how many
    machines there are for the one being chosen."""
    k = end
    while k < len(toks) and k < end + 2 and toks[k].word not in _INSTALL_NOUNS and toks[k].word not in PUNCTUATION:
        k += 1  # "single node docker install": one word may come between
    if k >= len(toks) or toks[k].word not in _INSTALL_NOUNS:
        return False
    said = {t.key for t in toks[start:k + 1] if t.word not in STOPWORDS} - {"installation"} | {"install"}
    return any(said <= set(keys_of(" ".join([o.title, *o.synonyms]))) for o in lex.kb.options.values())


_BEYOND = frozenset("past beyond outgrow outgrows outgrew outgrown outgrowing".split())


def _outgrown(toks: list[Token], start: int) -> bool:
    """ "writes need to scale past one server", "we outgrew a single node": what is not enough, no count."""
    k = start - 1
    while k >= 0 and toks[k].word in ("a", "an", "the", "our", "my", "just"):
        k -= 1
    return k >= 0 and toks[k].word in _BEYOND


def _no_count(lex: Lexicon, toks: list[Token], start: int, end: int) -> bool:
    """Whether the counted words at [start, end) say how many there are not: one failing, what is outgrown, or an
    install named by its count (see `_failing`, `_outgrown`, `_named_install`)."""
    return _failing(toks, start, end) or _outgrown(toks, start) or _named_install(lex, toks, start, end)


_ADDED = frozenset("more extra additional further".split())
"""Words after a count that make it an increment ("one more node"), not a total."""


def _in_a_name(toks: list[Token], text: str, i: int) -> bool:
    """ "DB-HA-12": digits joined by a hyphen to the letters before them name a thing (a ticket, a
    host), they count nothing."""
    return i > 0 and toks[i].start == toks[i - 1].end + 1 and text[toks[i - 1].end:toks[i].start] == "-" \
        and toks[i - 1].word.isalpha()


def _numbers(lex: Lexicon, toks: list[Token], text: str, r: Reading, mentions: list[_Match],
             taken: set[int], pending: Question | None) -> None:
    bound: set[int] = set()
    i = 0
    while i < len(toks):
        w = toks[i].word
        version = Version.parse(w.rstrip("+")) if ("." in w or w.startswith("v")) else None
        if version is not None:
            value: Any = version
            j = i + 1
        elif i in taken:
            i += 1
            continue
        else:
            found = number_at(toks, i)
            if found is None or _capacity(toks, i) or _in_a_name(toks, text, i):
                i += 1
                continue
            value, j = found
        q, mention = _bind_number(lex, toks, i, j, version is not None, mentions, bound, pending)
        if q is None:
            i = j
            continue
        if q.kind == "number" and _no_count(lex, toks, i, max(j, mention.end if mention is not None else j)):
            r.notes.append(f"took '{_span(text, toks, i, max(j, mention.end if mention is not None else j))}' as "
                           "one failing or not enough, not how many there are")
            i = j
            continue
        op, a, b = _comparison(toks, i, j)
        said = _span(text, toks, a, b)
        if any(t.word in NEGATIONS for t in toks[max(0, a - 2):a]) or toks[a].word in ("no", "not"):
            if op == "==" or toks[a].word not in ("no", "not"):  # "the version is not 2.5": not a value
                r.notes.append(f"'{_span(text, toks, max(0, a - 2), b)}' says what it is not; not taken as an answer")
                r.used.update(range(max(0, a - 2), b))
                i = j
                continue
        if q.kind == "number" and _beside_a_primary(toks, i, j):
            r.notes.append(f"took '{_span(text, toks, i, min(j + 2, len(toks)))}' as beside the primary, not how many "
                           "there are")
            r.used.update(range(i, min(j + 2, len(toks))))
            i = j
            continue  # "one primary + 2 async replicas": three in all, not two
        if q.kind == "number" and op == "==" and j < len(toks) and toks[j].word in _ADDED:
            r.notes.append(f"took '{_span(text, toks, i, min(j + 2, len(toks)))}' as {q.unit or 'what is'} added, "
                           "not the total")
            r.used.update(range(i, min(j + 2, len(toks))))
            i = j
            continue  # "add one more node", "two extra servers": how many are added, not how many there are
        if mention is not None:
            a, b = min(a, mention.start), max(b, mention.end)
        if q.kind == "version" and not isinstance(value, Version):
            value = Version((int(value),))
        value = _satisfying(value, op)
        if op != "==" and op not in (">=", "<="):
            r.notes.append(f"read '{said}' as {display_value(q, value)}")
        r.facts.append(Fact(q.id, value, "stated", _span(text, toks, a, b)))
        r.at.append(a)
        r.used.update(range(a, b))
        i = j


_NTH = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7}
_ONE = frozenset({"a", "an", "one", "single", "my", "our", "this", "that", "the"})


def _named_ones(lex: Lexicon, toks: list[Token], text: str, r: Reading, mentions: list[_Match]) -> None:
    """ "The sites are Frankfurt and Dublin": counted things listed by name — as many as are named."""
    said = {f.question for f in r.facts}
    for m in mentions:
        q = lex.kb.questions[m.entries[0].target]
        if q.kind != "number" or q.id in said or m.end >= len(toks) or toks[m.end].word not in ("are", "will", ":"):
            continue
        k = m.end + (2 if toks[m.end].word == "will" else 1)
        if toks[m.end].word == "will" and (k > len(toks) or toks[k - 1].word != "be"):
            continue
        names, expect_name = 0, True
        while k < len(toks) and toks[k].word not in PUNCTUATION - {","}:
            t = toks[k]
            capital = text[t.start:t.start + 1].isupper()
            if expect_name and capital:
                names, expect_name = names + 1, False
            elif not expect_name and t.word in (",", "and"):
                expect_name = True
            elif not expect_name and capital:
                pass  # a name of two words: "New York"
            else:
                break
            k += 1
        if names >= 2 and not expect_name:
            r.facts.append(Fact(q.id, names, "stated", _span(text, toks, m.start, k)))
            r.at.append(m.start)
            r.used.update(range(m.start, k))


_THEM = frozenset("them those these".split())
_SPARED = frozenset("free available spare reserved dedicated usable for allocated assigned".split())
"""Words after "N of them" that set those N aside for the purpose ("three of them are free for it")."""


def _set_aside_for(lex: Lexicon, toks: list[Token], counted: list[tuple[int, Fact]], i: int,
                   got: tuple[Any, int]) -> bool:
    """ "I set up four machines, three for Rancher and one for the load balancer": right after a count, fewer
    of them set aside for the product itself (a word of the knowledge base's own, or `it`)."""
    j = got[1]
    if j + 1 >= len(toks) or toks[j].word != "for" or not counted or not i or toks[i - 1].word != ",":
        return False
    a, f = counted[-1]
    what = toks[j + 1]
    return 0 < i - a <= 4 and isinstance(f.value, int) and 0 < got[0] < f.value \
        and (what.word in ("it", "this") or what.key in lex.own)


def _some_of_them(lex: Lexicon, toks: list[Token], text: str, r: Reading) -> None:
    """ "a dozen hosts, but only three of them are free for it": a count of some of the things just
    counted is the count that matters — it follows the first, so it is the one kept."""
    counted = [(a, f) for a, f in zip(r.at, r.facts, strict=True) if lex.kb.questions[f.question].kind == "number"]
    if not counted:
        return
    for i in range(len(toks) - 2):
        got = None if i in r.used else number_at(toks, i)
        if got is not None and _set_aside_for(lex, toks, counted, i, got):  # "four machines, three for Rancher"
            a, total = counted[-1]
            k = next(n for n, f in enumerate(r.facts) if f is total)
            del r.facts[k], r.at[k]
            r.facts.append(Fact(total.question, got[0], "stated", _span(text, toks, i, got[1] + 2)))
            r.at.append(i)
            r.used.update(range(i, got[1] + 2))
            r.notes.append(f"took '{_span(text, toks, i, got[1] + 2)}' as the ones of '{total.text}' it runs on")
            continue
        if got is None or got[1] + 1 >= len(toks) or toks[got[1]].word != "of" or toks[got[1] + 1].word not in _THEM:
            continue
        said = {t.word for t in toks[got[1] + 2:got[1] + 6]}
        only = i > 0 and toks[i - 1].word in ("only", "just")
        before = [f for a, f in counted if a < i]
        if before and (only or said & _SPARED):
            r.facts.append(Fact(before[-1].question, got[0], "stated", _span(text, toks, i, got[1] + 2)))
            r.at.append(i)
            r.used.update(range(i, got[1] + 2))


def _one_of(lex: Lexicon, toks: list[Token], text: str, r: Reading, mentions: list[_Match]) -> None:
    """A counted thing named in the singular with an article and no number: "a normal cloud VM",
    "my own machine" → 1 ("the server" is not a count)."""
    said = {f.question for f in r.facts}
    for m in mentions:
        e = m.entries[0]
        q = lex.kb.questions[e.target]
        last = toks[m.end - 1].word
        if q.kind != "number" or q.id in said or last != toks[m.end - 1].key or last.endswith("s") and not last.endswith("ss"):
            continue
        for k in range(m.start - 1, max(m.start - 4, -1), -1):
            w = toks[k].word
            if w in PUNCTUATION or k in r.used or w[0].isdigit() or w in NUMBER_WORDS and w not in _ONE:
                break
            if w in _NTH or (w in _ONE and w != "the"):  # "a third data centre" makes three
                if _capacity(toks, k) or (w not in _NTH and _no_count(lex, toks, k, m.end)):
                    break  # "writes fit on one box": what one can take; "losing a node": one failing
                n = _NTH.get(w, 1)
                if w in _NTH and negated(toks, k, set()):
                    n -= 1  # "there is no second site": one
                r.facts.append(Fact(q.id, n, "stated", _span(text, toks, k, m.end)))
                r.at.append(k)
                r.used.update(range(k, m.end))
                said.add(q.id)
                break


def _readings(lex: Lexicon, matches: list[_Match], pending: Question | None) -> list[tuple[_Match, Entry]]:
    """The entry each match stands for; an everyday phrase may say two things ("on my laptop": a
    test, and one machine) — one entry for each question it answers."""
    out = []
    for m in matches:
        first = _pick(m.entries, lex, pending.id if pending else None)
        out.append((m, first))
        if first.concept:
            seen = {first.target}
            for e in m.entries:
                if e.concept and e.kind in ("answer", "count") and e.target not in seen:
                    seen.add(e.target)
                    out.append((m, e))
    return out


def _other_time(toks: list[Token], r: Reading, qid: str, at: int) -> bool:
    """Whether every number already read for `qid` was said of another time than the words at `at`:
    "three nodes eventually, but today a single box" answers twice, and the answer of now wins."""
    said = [a for a, f in zip(r.at, r.facts, strict=True) if f.question == qid]
    moods = clause_moods(toks)
    return bool(said) and all(moods[a] != moods[at] for a in said)


_NO_VALUES = frozenset("no none false n nope never".split())


def _labelled_no(toks: list[Token], text: str, end: int) -> bool:
    """ "HA later: no", "egress: none": words written as a label, answered no after the colon."""
    return end < len(toks) and toks[end].word in _NO_VALUES and ":" in text[toks[end - 1].end:toks[end].start] \
        and (end + 1 == len(toks) or toks[end + 1].word in PUNCTUATION)


def _answers(lex: Lexicon, toks: list[Token], text: str, r: Reading, matches: list[_Match],
             pending: Question | None, bound_questions: set[str]) -> None:
    taken = {k for m in matches for k in range(m.start, m.end)}
    for m, e in _readings(lex, matches, pending):
        q = lex.kb.questions[e.target]
        if e.kind == "answer" and _activity(toks, m.start, m.end):
            r.used.update(range(m.start, m.end))
            r.notes.append(f"took '{_span(text, toks, m.start, m.end + 1)}' as something being done, not as {q.id}")
            continue
        if e.kind == "answer" and object_of_work(toks, m.start, m.end):
            r.used.update(range(m.start, m.end))
            r.notes.append(f"took '{_span(text, toks, m.start, m.end)}' as naming what or whom the setup serves, not as {q.id}")
            continue
        neg = negated(toks, m.start, taken) or negated_after(toks, m.end) or _labelled_no(toks, text, m.end)
        said = _span(text, toks, m.start, m.end)
        words = set(keys_of(said))
        value: Any = None
        if e.kind == "count" and _named_install(lex, toks, m.start, m.end):
            continue  # its words are left to name the install
        if e.kind == "count":
            bound = q.id in bound_questions and not _other_time(toks, r, q.id, m.start)
            value = None if neg or bound or _capacity(toks, m.start) or _failing(toks, m.start, m.end) \
                or _outgrown(toks, m.start) else int(e.value)
        elif e.kind == "answer":
            if q.kind == "yesno":
                value = (e.value == "yes") != neg
            elif neg:
                value = _opposite(lex, q, e.value, words)
            else:
                value = e.value
        elif q.id not in bound_questions:
            if q.kind == "yesno":
                value = not neg
            elif q.kind == "choice" and neg:
                value = _negated_mention(lex, q, words)
        r.used.update(range(m.start, m.end))
        if value is not None:
            if neg:
                k = m.start - 1
                while k >= 0 and toks[k].word not in NEGATIONS:
                    k -= 1
                said = _span(text, toks, max(k, 0), m.end)
                r.used.add(max(k, 0))
            r.facts.append(Fact(q.id, value, "stated", said))
            r.at.append(m.start)


def _named_needs(lex: Lexicon, toks: list[Token], text: str, r: Reading) -> None:
    """A yes/no question whose name's words are all said close together in a sentence (within
    `_NEAR` words, not across `but`), in any order and form, is a yes (or a no, negated):
    "failed messages should be retried after a delay" → delayed retry; "when a consumer is too
    slow, it gets a timeout" → consumer timeout; "exclusive queues" → exclusivity (a long
    one-word name meets the words of its family)."""
    said = {f.question for f in r.facts}
    bounds = [-1, *(n for n, t in enumerate(toks) if t.word in _SENTENCE_ENDS or t.word in CLAUSE_ENDS), len(toks)]
    for q in lex.kb.questions.values():
        if q.kind != "yesno" or q.id in said:
            continue
        name = {stem(k) for k in keys_of(q.id.replace("_", " ")) if k not in STOPWORDS}
        if len(name) < 2 and not (len(name) == 1 and len(next(iter(name))) >= 4):
            continue  # a one-word name (`caching`): said in any form (`a pure cache`)
        for a, b in zip(bounds, bounds[1:], strict=False):
            found: dict[str, int] = {}
            for k in range(a + 1, b):
                w = next((w for w in name if w not in found and _same_word(stem(toks[k].key), w)), None)
                if w is not None:
                    found[w] = k
            if set(found) != name or not any(k not in r.used for k in found.values()):
                continue
            first, last = min(found.values()), max(found.values())
            if last - first > _NEAR:
                continue
            start = max([a + 1, *(k + 1 for k in range(a + 1, first) if toks[k].word in PUNCTUATION)])
            neg = any(toks[k].word in NEGATIONS for k in range(start, last + 1)) and not interjection(toks, a + 1)
            r.facts.append(Fact(q.id, not neg, "stated", _span(text, toks, first, last + 1)))
            r.at.append(first)
            r.used.update(found.values())
            break


GROW_LATER = "grow-later"
"""The everyday-words concept of an installation that is to grow later (engine/language/vocabulary.yaml)."""
_GROWTH = (("ha",), ("highly", "available"), ("high", "availability"), ("more", "hardware"), ("add", "more"),
           ("production",), ("prod",), ("scale", "out"), ("scale", "up"), ("grow",), ("bigger",))
"""Words of what an installation becomes as it grows (and `more` or `add` before a thing the knowledge base
counts: "more servers", "add nodes")."""
_LATER = frozenset("later eventually someday future next once soon afterwards".split())
"""Words that put a clause's growth later: "… next fiscal year", "once I buy more hardware"."""


def _growth_later(lex: Lexicon, toks: list[Token], text: str, r: Reading) -> None:
    """ "High availability would come next fiscal year", "we'll add nodes later", "turn it into HA once I buy
    more hardware": what the installation becomes, in a clause that puts it later ("we will use HA"
    wants it now), is the wish to grow later, when the knowledge base asks it (the everyday concept
    `grow-later`)."""
    grow = lex.concept_answers.get(GROW_LATER)
    if grow is None or any(f.question == grow.target for f in r.facts):
        return
    bounds = [-1, *(n for n, t in enumerate(toks) if t.word in PUNCTUATION or t.word in CLAUSE_ENDS), len(toks)]
    for a, b in zip(bounds, bounds[1:], strict=False):
        words = [t.word for t in toks[a + 1:b]]
        if not any(w in _LATER for w in words):
            continue  # "we will use HA" wants it now
        for i in range(len(words)):
            m = next((g for g in _GROWTH if tuple(words[i:i + len(g)]) == g), None)
            if m is None and words[i] in ("more", "add") and i + 1 < len(words) and _counted(lex, toks[a + 2 + i]):
                m = (words[i], words[i + 1])
            if m is None or negated(toks, a + 1 + i, set()):
                continue
            value = grow.value == "yes" if lex.kb.questions[grow.target].kind == "yesno" else grow.value
            r.facts.append(Fact(grow.target, value, "stated", _span(text, toks, a + 1, b)))
            r.at.append(a + 1 + i)
            return


def _counted(lex: Lexicon, t: Token) -> bool:
    """Whether the word names a thing a number question of the knowledge base counts ("servers")."""
    return any(lex.kb.questions[q].kind == "number" for q in lex.question_words.get(t.key, ()))


_SENTENCE_ENDS = frozenset(".?!;")
_NEAR = 8
"""How far apart (in words) the words of a yes/no question's name may be said."""


def _same_word(said: str, name: str) -> bool:
    """The same word, or (both long) one of its family: `exclusive` / `exclusivity`, `replica` / `replication`."""
    if said == name:
        return True
    if len(said) < 6 or len(name) < 6:
        return False
    n = 0
    for x, y in zip(said, name, strict=False):
        if x != y:
            break
        n += 1
    return n >= 6 and n >= min(len(said), len(name)) - 3


_ACCEPTING = frozenset("fine ok okay whatever works good both either acceptable".split())
"""Words that accept what was just named ("RKE or K3s, both fine")."""


def _either_is_fine(lex: Lexicon, toks: list[Token], text: str, r: Reading) -> None:
    """ "Either RKE or K3s is fine by me": two answers of one question joined by `or`, opened by
    `either` or accepted right after, mean no preference (the pack's answer for it)."""
    for i, (a, f) in enumerate(zip(r.at, r.facts, strict=True)):
        any_value = lex.indifferent.get(f.question)
        later = [(b, g) for b, g in zip(r.at[i + 1:], r.facts[i + 1:], strict=True)
                 if g.question == f.question and g.value != f.value and g.value != any_value]
        if any_value is None or f.value == any_value or not later:
            continue
        b, g = later[0]
        joined = "or" in {t.word for t in toks[a:b]} and not any(t.word in PUNCTUATION for t in toks[a:b] if t.word != ",")
        end = b + len(keys_of(g.text))
        opened = a > 0 and toks[a - 1].word == "either"
        accepted = any(t.word in _ACCEPTING for t in toks[end:end + 4])
        if joined and (opened or accepted):
            r.facts.append(Fact(f.question, any_value, "stated", _span(text, toks, max(a - opened, 0), end)))
            r.at.append(a)
            return


_ANY = frozenset("any either whatever whichever".split())
_WILL_DO = _ACCEPTING | frozenset("do does work goes suits".split())
"""Words that accept what was named before them (`… will do`, `… goes`)."""


def _any_will_do(lex: Lexicon, toks: list[Token], text: str, r: Reading) -> None:
    """ "Any distribution is fine", "either Kubernetes distribution works": `any` before a name of a question, accepted
    right after, means no preference (the pack's answer for it) — when nothing else answered the question."""
    for i, t in enumerate(toks):
        if t.word not in _ANY:
            continue
        for end in range(min(i + 4, len(toks)), i + 1, -1):  # the longest name right after `any`
            said = tuple(k.key for k in toks[i + 1:end])
            named = [e.target for e in lex.phrases.get(said, ()) if e.kind == "question" and e.target in lex.indifferent] \
                or [q for q in [lex.opened_by(said)] if q]  # "any Kubernetes is fine": the distribution of it
            if not named:
                continue
            q = named[0]
            if any(f.question == q for f in r.facts) or not any(k.word in _WILL_DO for k in toks[end:end + 3]):
                break
            r.facts.append(Fact(q, lex.indifferent[q], "stated", _span(text, toks, i, end)))
            r.at.append(i)
            r.used.update(range(i, end))
            return


def _priorities(lex: Lexicon, toks: list[Token], r: Reading) -> None:
    """Priority names said with a word like "matters", "most", "first" close by (within three words)."""
    names = list(lex.kb.decision.priorities) if lex.kb.decision else []
    if not names:
        return
    found: list[tuple[int, str]] = []
    for n, t in enumerate(toks):
        if n in r.used:
            continue  # already part of an answer: "writes must spread" is not the priority write_capacity
        for p in names:
            words = [w for w in p.replace("-", "_").split("_") if w]
            if any(t.key == w or (len(w) >= 5 and len(t.key) >= 5 and t.key[:5] == w[:5]) for w in words):
                found.append((n, p))
                break
    if not found:
        return
    content = [t for t in toks if t.word not in STOPWORDS and t.word not in PUNCTUATION]
    alone = len(content) == len(found)
    for n, p in found:
        near = [toks[k].word for k in range(max(0, n - 3), min(len(toks), n + 4)) if k != n]
        if alone or any(w in CUES for w in near):
            r.used.add(n)
            if p not in r.priorities:
                r.priorities.append(p)


def read_statement(lex: Lexicon, toks: list[Token], text: str, pending: Question | None = None,
                   whole: bool = False) -> Reading:
    """Facts, priorities and option names in one statement (tokens of `text`)."""
    r = Reading()
    pid = pending.id if pending else None
    matches = _find(lex, toks, ("answer", "question", "count"), whole, pid)
    for n in _find(lex, toks, ("noted", "hint"), whole, pid):
        inside = [m for m in matches if m.start < n.end and n.start < m.end]
        if all(m.end - m.start < n.end - n.start for m in inside):  # "only lives for": not "live"
            matches = [m for m in matches if m not in inside]
            r.used.update(range(n.start, n.end))
            hint = next((e for e in n.entries if e.kind == "hint"), None) or _hint_within(lex, toks, n.start, n.end)
            if hint is not None:
                r.hinted.append((hint.target, _span(text, toks, n.start, n.end)))
            else:
                r.notes.append(f"read '{_span(text, toks, n.start, n.end)}' ({n.entries[0].concept}); "
                               "nothing here depends on it")
    mentions = [m for m in matches if m.entries[0].kind == "question"
                and all(e.kind == "question" for e in m.entries)]
    taken = {k for m in matches for k in range(m.start, m.end)}
    _numbers(lex, toks, text, r, mentions, taken, pending)
    bound = {f.question for f in r.facts}
    for m in mentions:
        if lex.kb.questions[m.entries[0].target].id in bound:
            r.used.update(range(m.start, m.end))
    _one_of(lex, toks, text, r, mentions)
    _some_of_them(lex, toks, text, r)
    _named_ones(lex, toks, text, r, mentions)
    matches = [m for m in matches if not (m.start in r.used and toks[m.start].word in _NTH)]  # `second site`: not `seconds`
    bound |= {f.question for f in r.facts}
    _answers(lex, toks, text, r, matches, pending, bound)
    _named_needs(lex, toks, text, r)
    _growth_later(lex, toks, text, r)
    _any_will_do(lex, toks, text, r)
    _priorities(lex, toks, r)
    for m in _find(lex, toks, ("option", "term"), whole, pid):
        # words an answer already used ("won't need HA"), or a negated name, name no option to point at
        refused = negated(toks, m.start, set()) or unfamiliar(toks, m.end) or ruled_out(toks, m.end)
        free = not any(k in r.used for k in range(m.start, m.end)) and not refused
        r.used.update(range(m.start, m.end))
        for e in m.entries:
            if e.kind == "option" and refused and e.target not in r.unwanted:
                r.unwanted.append(e.target)
            if e.kind == "option" and e.target not in r.options:
                r.options.append(e.target)
                if free:
                    r.named[e.target] = _span(text, toks, m.start, m.end)
                    if (wanted(toks, m.start) or familiar(toks, m.start, m.end) or accepted(toks, m.end)) \
                            and e.target not in r.wanted:
                        r.wanted.append(e.target)
    for oid in _lacking(lex, toks, r.used):
        if oid not in r.unwanted:
            r.unwanted.append(oid)
            r.notes.append(f"what you lack leans away from {lex.kb.options[oid].title}, which needs it in place first")
    r.facts = [f for _, f in sorted(zip(r.at, r.facts, strict=True), key=lambda p: p[0])]
    r.at.sort()
    moods = clause_moods(toks)
    r.moods = {(f.question, f.text): moods[a] for a, f in zip(r.at, r.facts, strict=True)}
    _either_is_fine(lex, toks, text, r)
    r.facts = indifferent(lex, r.facts, r.notes)
    r.facts = settled(toks, r.facts, r.at, r.notes)
    r.facts = prefer_now(r.facts, r.moods, r.notes)
    unique: list[Fact] = []
    for f in r.facts:  # "fast fibre": two words for one answer
        if unique and unique[-1].question == f.question and unique[-1].value == f.value:
            continue
        unique.append(f)
    r.facts = merge_said(lex.kb.questions, unique, r.notes, text)
    seen: dict[str, Fact] = {}
    for f in r.facts:
        old = seen.get(f.question)
        if old is not None and conflicts(old.value, f.value):
            q = lex.kb.questions[f.question]
            r.notes.append(f"you gave two answers for {f.question} ({display_value(q, old.value)} and "
                           f"{display_value(q, f.value)}); using {display_value(q, f.value)}")
        seen[f.question] = f
    for n, t in enumerate(toks):
        if t.word in NEGATIONS or t.word in CUES or t.word in _COMPARISON_WORDS:
            r.used.add(n)
    return r
