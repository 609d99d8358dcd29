"""Plain language → facts, a command, or a question to answer from the docs. Deterministic, offline.

    >>> u = understand(kb, "production, three nodes, no internet")     # doctest: +SKIP
    >>> [(f.question, f.value) for f in u.facts]                          # doctest: +SKIP
    [('purpose', 'production'), ('nodes', 3), ('internet', 'airgap')]
    >>> understand(kb, "why not docker?").command, _.args                 # doctest: +SKIP
    ('why_not', ('docker',))

Every word comes from the knowledge base (engine.language.lexicon): question ids, synonyms and units,
answer values, labels and synonyms, option and term titles and synonyms, the decision's
priorities. Typos are corrected by edit distance against those words (rapidfuzz), and each
correction is reported in `notes`. `pending` is the question just asked, so a bare "3",
"yes", "the second one" or "k3s" answers it.

Commands (`command`, `args`):
  help · quit · restart · back · facts · why
  why_not (option ids; "why docker?" too — the explanation covers a recommended option;
           several ids when the words fit several options) · compare (option ids; one id means
           "against the recommendation") · what_if ((question, value) pairs) · set (question, value)
  unset (question) · docs (words; `checklist` for "what do I need first") · diagram, save,
  load, export (file, if given)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from fingerpost.engine.excluded import Excluded, combine, conflicts, offered
from fingerpost.engine.facts import Fact, display_value, left_note, parse_answer
from fingerpost.engine.language.clauses import NOBODY, negated, not_now, of_later, prefer_host, ruled_out
from fingerpost.engine.language.commands import (
    COMMANDS,
    INTERROGATIVE,
    MAX_TEXT,
    NO,
    ORDINALS,
    POLITE,
    RECOMMEND,
    SKIP,
    YES,
    Understanding,
    command_of,
    corrected,
    resolve_question,
    unknown_word,
)
from fingerpost.engine.language.evidence import Hint, feared, hints, said_denied, shown_words
from fingerpost.engine.language.lexicon import (
    NEGATIONS,
    NUMBER_WORDS,
    PUNCTUATION,
    STOPWORDS,
    Lexicon,
    Token,
    keys_of,
    lexicon_for,
    tokenize,
)
from fingerpost.engine.language.statements import prefer_now, read_statement
from fingerpost.kb.errors import FingerpostError
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.records import Question
from fingerpost.kb.values import Version

__all__ = ["Understanding", "understand", "COMMANDS", "resolve_question"]


def _norm(toks: list[Token]) -> str:
    return " ".join(t.word for t in toks if t.word not in PUNCTUATION)


_SIGN_OFFS = frozenset({"quit"})
_TOOL_COMMANDS = frozenset({"save", "load", "export", "diagram", "docs", "back", "restart", "unset"})
_TOOL_WORDS = 4
"""Commands that work the tool rather than ask of the decision: among other sentences, one of more words than this
that starts with the command's word is prose (`… load distribution with …`), not the command."""
"""Commands that, among statements, only close what was said ("that's all")."""
_TRAILING_HEDGES = {("i", "think"), ("i", "guess"), ("i", "suppose"), ("i", "believe"), ("i", "reckon"),
                    ("for", "now"), ("i", "hope")}
_HEDGE_WORDS = frozenset("probably maybe perhaps presumably sadly unfortunately honestly really".split())


def _pending_answer(kb: KnowledgeBase, q: Question, raw: str, toks: list[Token],
                    known: Mapping[str, Any]) -> Understanding | None:
    """A direct answer to the question just asked: its value, "the second one", "yes", "not sure".

    Numbers count the answers offered: those still possible when some were excluded."""
    text = raw.strip().rstrip(".!")
    try:
        return Understanding(facts=(Fact(q.id, parse_answer(q, text), "stated", text),))
    except FingerpostError:
        pass
    words = [t.word for t in toks if t.word not in PUNCTUATION]
    s = POLITE.sub("", " ".join(words)).strip()
    if SKIP.fullmatch(s):
        return Understanding(notes=(f"no answer to {q.id} yet",))
    core = [w for w in s.split() if w not in ("the", "one", "option", "answer", "number", "choice", "please", "a")]
    while len(core) > 1 and tuple(core[-2:]) in _TRAILING_HEDGES or core and core[-1] in _HEDGE_WORDS:
        core = core[:-2] if tuple(core[-2:]) in _TRAILING_HEDGES else core[:-1]  # "the middle one I think"
    choices = offered(q, known.get(q.id))
    if q.kind in ("choice", "yesno") and len(core) == 1:
        w = core[0]
        index = ORDINALS.get(w, len(choices) if w == "last" else (len(choices) + 1) // 2
                             if w in ("middle", "mid") and len(choices) % 2 else 0)
        if w.isdigit() and q.kind == "choice":
            index = int(w)
        if w.isdigit() and not 1 <= index <= len(choices):
            return Understanding(unknown=(w,), notes=(f"{q.id} has {len(choices)} answers; there is no answer {w}",))
        if 1 <= index <= len(choices):
            ch = choices[index - 1]
            value: Any = ch.value if q.kind == "choice" else ch.value == "yes"
            return Understanding(facts=(Fact(q.id, value, "stated", text),),
                                 notes=(f"read '{text}' as {display_value(q, value)}",))
    if q.kind == "choice" and NONE_OF.fullmatch(s):
        return Understanding(notes=(f"none of the answers to {q.id} fits: say what does, or skip it",))
    if q.kind == "yesno" and words:
        first = words[0]
        alone = len(words) == 1 or (len(toks) > 1 and toks[1].word in PUNCTUATION) \
            or (len(toks) > 1 and toks[1].word in ("its", "it", "im", "ill", "we", "i", "thats", "this")) \
            or (len(toks) > 1 and toks[1].word in _POLITE)  # "yes please", "no thanks"
        if alone and (first in YES or first in NO):
            fact = Fact(q.id, first in YES, "stated", toks[0].original or toks[0].word)
            if len(words) == 1:
                return Understanding(facts=(fact,))
            rest = raw[toks[1].end:]
            more = understand(kb, rest) if rest.strip() else Understanding()
            return Understanding(facts=(fact, *[f for f in more.facts if f.question != q.id]),
                                 priorities=more.priorities, unknown=more.unknown, notes=more.notes)
    return None


_POLITE = frozenset("please pls plz thanks thank thx cheers".split())
"""Courtesy after a yes or a no: the answer is still the yes or the no."""


_COLON_ASK = re.compile(r"(?::|\s[-–—])\s+(?=(?:how|what|whats|what's|which|why|where|when|can|could|should|is|are|do|"
                        r"does|will|(?:and|or|but)\s+(?:with|if|on|using|what|how)|(?:and|or)\s+[^.?!]{1,40}\binstead\s*\?)\b)",
                        re.IGNORECASE)
"""A topic, then a question after a colon or a dash ("docker install: how do I back it up?", "helm - what
is it?", "prod, 3 nodes, rke - and with K3s instead?"): two sentences."""
_DIGIT_WORDS = {w: n for w, n in NUMBER_WORDS.items() if n < 20 and w not in ("none", "single", "couple", "pair", "dozen")}
_DIGIT_WORD = "(?:" + "|".join(sorted(_DIGIT_WORDS, key=len, reverse=True)) + ")"
_SPOKEN_RELEASE = re.compile(rf"\b{_DIGIT_WORD}(?:\s+(?:point|dot)\s+{_DIGIT_WORD})+\b", re.IGNORECASE)
"""A release or a decimal said in words: `two point four`, `two dot four dot eight`."""


def _release_digits(m: re.Match[str]) -> str:
    return ".".join(str(_DIGIT_WORDS[w.lower()]) for w in re.split(r"\s+(?:point|dot)\s+", m.group(0), flags=re.IGNORECASE))


_ONE_DIGIT = "(?:zero|one|two|three|four|five|six|seven|eight|nine)"
_RELEASE_RUN = re.compile(rf"\b(?P<cue>version|release|pinned to|stuck on|on|running|run|upgrad\w* to|at)\s+"
                          rf"(?P<run>{_ONE_DIGIT}(?:\s+{_ONE_DIGIT}){{2,3}})\b", re.IGNORECASE)
"""A release said digit by digit after a word for what one runs: `pinned to two four three` is 2.4.3."""


def _release_run(m: re.Match[str]) -> str:
    return f"{m.group('cue')} " + ".".join(str(_DIGIT_WORDS[w.lower()]) for w in m.group("run").split())


NONE_OF = re.compile(r"(?:neither|none|none of (?:them|these|those|the above)|neither (?:one|of them)|no one of them)")


_SUPPOSING = frozenset("if suppose supposing assuming imagine".split())


def _supposing(toks: list[Token], start: int, end: int) -> bool:
    """Whether a sentence so far opens with a supposition ("Hypothetically, if this were production"): the question
    after its comma ("…, which install would it be?") is asked under it, not on its own."""
    return any(toks[k].word in _SUPPOSING for k in range(start, min(start + 3, end)))


def _sentences(toks: list[Token]) -> list[tuple[int, int, bool]]:
    """[start, end) token ranges of sentences, and whether each ends with a question mark.
    A comma before a question word starts a new sentence ("3 nodes, which should I use?"), unless what comes before
    it supposes ("if this were production, which install …?")."""
    out, start = [], 0
    for n, t in enumerate(toks):
        end_here = t.word in (".", "!", "?", ";")
        split_before = t.word == "," and n + 1 < len(toks) and toks[n + 1].word in INTERROGATIVE \
            and toks[n + 1].word not in _AUXILIARIES | {"was", "were"} \
            and not _relative(toks, n + 1) and not _supposing(toks, start, n) \
            or t.word == "," and n + 3 < len(toks) and toks[n + 1].word in ("but", "and", "so") \
            and toks[n + 2].word == "what" and toks[n + 3].word == "if"  # "…, but what if we later need …?"
        if end_here or split_before:
            if n > start:
                out.append((start, n, t.word == "?"))
            start = n + 1
    if start < len(toks):
        out.append((start, len(toks), False))
    return out


_WHICH_KIND = re.compile(r"^(?:so |and |then |ok |okay )?(?:which|what)(?: \w+){1,3}$")
"""`Which encapsulation?`, `what storage backend then?`: a short question that names only the kind of thing chosen."""
_SHOULD_HOLD = re.compile(r"^(?:so |and |then |ok |okay )?what should (?:i|we|it|they) (?:store|keep|put|run|host|deploy|save|"
                          r"back)(?: \w+){0,4} (?:in|on|into|with)$")
"""`What should it store its data in?`: what to put something in or run it on is the thing chosen."""
_WHICH_SHOULD = re.compile(r"^(?:so |and |then |ok |okay )?(?:which|what)(?P<what>(?: \w+){0,4}) should (?:\w+ ){0,2}(?:be )?"
                           r"(?:use|used|pick|picked|choose|chosen|go with|take|select|selected|deploy|deployed|run|"
                           r"install|installed|enable|enabled|kept|stored|hosted|point|pointed|back|backs)(?: \w+){0,3}$")
"""`Which way should Antrea be deployed there?`, `which of these should we go with?`: which one to take, when what is
chosen is the decision's kind (`_names_the_kind`) — not `which Linux distribution should the nodes run?`."""
_WHERE_SHOULD = re.compile(r"^(?:so |and |then )?(?:where should (?:\w+ ){1,3}(?:store|keep|put|save|host|persist)(?: \w+){0,3}|"
                           r"what should (?:\w+ ){1,4}(?:store|keep|put|save|persist)(?: \w+){0,3} (?:in|on|into))$")
"""After a statement of the situation, `where should Helm keep release info?`, `what should the new servers store
their data in?` ask what to choose to hold it."""
_ANY_ONE = frozenset("one ones of these those them the way ways option options".split())
_KIND_OF = re.compile(r"\b(?:types?|kinds?|modes?|options?|methods?|ways?|backends?|drivers?|strateg(?:y|ies)|"
                      r"providers?|architectures?|topolog(?:y|ies)|flavou?rs?|editions?)\b", re.I)


_NOT_KINDS = frozenset("how per support supported using use about overview introduction guide".split())


def _kind_words(kb: KnowledgeBase) -> frozenset[str]:
    """Words naming the kind of thing the decision chooses: its title, and the titles of the sections and pages
    presenting the options, other than the options' own names (`Encapsulation types` over `VXLAN`, `IP in IP`)."""
    def build(kb: KnowledgeBase) -> frozenset[str]:
        titles = [kb.decision.title] if kb.decision is not None else []
        own = {o.title.lower() for o in kb.options.values()}
        for o in kb.options.values():
            doc = kb.documents.get(o.source.path)
            for t in (o.source.section, getattr(doc, "title", "")):
                if t and t.lower() not in own:
                    titles.append(t)
        named = {k for o in kb.options.values() for k in keys_of(o.title)}
        return frozenset(k for t in titles for k in keys_of(_KIND_OF.sub(" ", t))
                         if k and k not in named and k not in STOPWORDS and k not in _NOT_KINDS)
    return kb.derived("engine.language.kind_words", build)


def _asks_for_the_kind(kb: KnowledgeBase, part: list[Token]) -> bool:
    """A short question whose words, besides `which`/`what`, name the kind the decision chooses."""
    content = [t.key for t in part if t.word not in PUNCTUATION and t.word not in INTERROGATIVE and t.key]
    return 0 < len(content) <= 3 and _names_the_kind(kb, content, [t.word for t in part])


def _names_the_kind(kb: KnowledgeBase, keys: list[str], words: list[str]) -> bool:
    """Words naming the kind of thing the decision chooses: its own words (`encapsulation`) or a word of any
    choice (`which storage backend?`)."""
    return any(k in _kind_words(kb) for k in keys) or bool(_KIND_OF.search(" ".join(words)))


def _which_should(kb: KnowledgeBase, norm: str) -> re.Match[str] | None:
    """`which of these should we pick?`, `which way should it be deployed?`: which one to take (`_WHICH_SHOULD`)."""
    m = _WHICH_SHOULD.match(norm)
    if m is None:
        return None
    said = m.group("what").split()
    if said[:2] in (["of", "these"], ["of", "those"], ["of", "them"]):
        return m  # `which of these stores …`: the ones offered, whatever they are called
    what = [w for w in said if w not in _ANY_ONE]
    return m if not what or _names_the_kind(kb, [k for w in what for k in keys_of(w)], what) else None


def _relative(toks: list[Token], n: int) -> bool:
    """ "our two sites, which are 25 ms apart", "the link drops, which happens a lot": a relative
    clause, not a new question (a verb after the comma's `which`, and no question mark to come)."""
    if toks[n].word not in ("which", "who", "where", "when") or n + 1 >= len(toks):
        return False
    after = toks[n + 1].word
    if after in ("is", "are", "was", "were", "has", "have", "had", "means", "makes", "runs", "sits"):
        return True
    return n > 0 and toks[n - 1].word == "," and after.endswith("s") and not after.endswith("ss") \
        and not any(t.word == "?" for t in toks[n:])


_REFERS = re.compile(r" (?:it|this|that|them|these|those) ")
"""A question that points back at what a statement before it named."""

_SHORT_ASKED = 12
"""Words up to which a question that points back ("is that fine or is it better to do it differently?")
asks about the statement before it, which is then part of what it asks."""

_ASKS_LIMIT = re.compile(r"\b(?:min|max|minimum|maximum|least|most|limit|how many|how much)\b")
"""Words that make a terse line with a question mark ask for a limit ("rancher ha min nodes k3s?"), not state facts."""

_TAGGED = re.compile(r"\b(?:or not|yes or no)$")
"""A statement turned into a question by its tail ("The Docker install is good for production or not?"); not a
tag that asks to confirm what it states ("production, 3 nodes, right?")."""
_ASKS_OF_IT = re.compile(r"\b(?:is|would|will|does|can|could|should) (?:that|this) (?:be )?(?:a problem|an issue|ok|okay|"
                         r"fine|enough|alright|possible|supported|work|going to work|a good idea)$")
"""A question put after the setup it asks about ("we only have two machines and we're on 2.3.2, is that a problem?"):
what the sentence tells before it is said of the setup."""
_HEDGES = frozenset("guess ish think suppose reckon believe probably presumably".split())
"""Words that soften a statement ("production-ish, I guess?"): it stays a statement."""

_TOPIC = frozenset("in on with for under behind inside within without across during at if when once assuming".split())
"""Words that start a topic before a question ("so in an air gap, where do images come from?")."""


_NO_SUBJECT = frozenset("for only just not about".split())
"""Words right after "is"/"are" when a speaker drops the subject ("is for test only, after we delete")."""
_BARE_VERBS = frozenset("be been have get become go keep stay take need".split())
"""Verbs right after an auxiliary when a clause lost its subject ("…, will be deleted after")."""
_AUXILIARIES = frozenset("is are can could does do should will would did shall may might".split())


_ASKING_AFTER = frozenset("from since until till in on at for with by to of".split())
"""Words that may come before the word that asks ("from which release …?", "in what order …?")."""


def _opens_asking(words: list[str]) -> bool:
    """Whether a sentence opens with a word that asks, or a preposition before one ("from which …")."""
    return bool(words) and (words[0] in INTERROGATIVE or (
        words[0] in _ASKING_AFTER and len(words) > 1 and words[1] in ("which", "what", "whom", "how", "when", "where")))


_FRONT = 6
"""Words up to which a phrase set before a question by a comma is a frame (`On RabbitMQ 4, can I still …?`)."""


def _asks_after_front(part: list[Token]) -> bool:
    """Whether a sentence asks after a short phrase set before it by a comma (`On RabbitMQ 4, can I still use
    mirrored queues?`): the phrase frames the question, it does not state a setup."""
    for n, t in enumerate(part[:_FRONT + 1]):
        if t.word == "," and n + 1 < len(part):
            return part[n + 1].word in INTERROGATIVE
    return False


def _is_question(words: list[str], mark: bool) -> bool:
    if not words:
        return False
    if words[0] in _AUXILIARIES and not mark and (len(words) < 2 or words[1] in _BARE_VERBS or words[1] in _NO_SUBJECT):
        return False  # "…, will be deleted after": a clause that lost its subject, not a question
    if words[0] in INTERROGATIVE:
        return not (len(words) > 1 and words[1] in NEGATIONS and words[0] not in ("what", "why", "how"))
    return mark


def _known_values(facts: Mapping[str, Any] | Iterable[Fact] | None) -> dict[str, Any]:
    if facts is None:
        return {}
    if isinstance(facts, Mapping):
        return dict(facts)
    return {f.question: f.value for f in facts}


def _change_notes(kb: KnowledgeBase, new: Iterable[Fact], known: Mapping[str, Any]) -> list[str]:
    """Answers this turn changes; an exclusion that settles the answer, or that the answer already agrees with."""
    out = []
    now = dict(known)
    for f in new:
        q = kb.questions[f.question]
        old = now.get(f.question)
        value = combine(q, old, f.value)
        now[f.question] = value
        if isinstance(f.value, Excluded) and value is not None and not isinstance(value, Excluded):
            out.append(f"{q.id} stays {display_value(q, value)}" if value == old else left_note(q, value))
        elif old is not None and old != value and not (isinstance(old, Excluded) and not conflicts(old, value)):
            out.append(f"changed {f.question} from {display_value(q, old)} to {display_value(q, value)}")
    return out


_ASSIGNED = re.compile(r"(?<![\w-])([\w-]+)\s*=\s*([^\s,;=]+)")
"""`nodes=2`: a question and its answer, typed as in the `set` command."""


def understand(kb: KnowledgeBase, text: str, facts: Mapping[str, Any] | Iterable[Fact] | None = None,
               pending: Question | str | None = None) -> Understanding:
    """What `text` says: facts to add, a command, a question for the docs, priorities; see the module doc.

    `facts` are the answers known so far (a mapping or Facts), used to note changed answers;
    `pending` is the question just asked (a Question or its id)."""
    if isinstance(pending, str):
        pending = kb.questions.get(pending)
    lex = lexicon_for(kb)
    known = _known_values(facts)
    raw = _COLON_ASK.sub("; ", text.strip())  # "docker install: how do I back it up?" — two sentences
    raw = _SPOKEN_RELEASE.sub(_release_digits, raw)  # "version two point four" is 2.4
    raw = _RELEASE_RUN.sub(_release_run, raw)  # "pinned to two four three" is 2.4.3
    if len(raw) > MAX_TEXT:  # a turn is a sentence or a few, not a document
        return _with_notes(understand(kb, raw[:MAX_TEXT], facts, pending),
                           [f"only the first {MAX_TEXT} characters were read"])
    if raw.count("=") > 1 and len(_ASSIGNED.findall(raw)) > 1:  # "sites=2 latency=4ms": several answers
        raw = _ASSIGNED.sub(r"\1 \2,", raw).rstrip(",")
    toks, notes = corrected(lex, tokenize(raw))
    if not toks:
        return Understanding()
    if pending is not None:
        got = _pending_answer(kb, pending, raw, toks, known)
        if got is not None:
            return _with_notes(got, notes + _change_notes(kb, got.facts, known))
    command = command_of(kb, _norm(toks), raw, notes)
    if command is not None:
        return command
    return _statements(kb, lex, raw, toks, pending, notes, known)


_DREADED = frozenset("worries worry worried worrying scares scary scared nightmare headache dread dreading hate "
                     "fear fears afraid risky".split())
"""Words that say the words around them are feared ("sharing one datastore across the clouds worries us"):
what they speak of is not wanted, so it points at nothing."""


_FRONT_ENDS = frozenset(", - – — :".split())


def _fronted(part: list[Token], r: Any, raw: str) -> list[Fact]:
    """Versions said before a question's first comma or dash ("on Rancher 2.0, is HA possible?", "Rancher 2.0 -
    Server HA available?"): the release the asker is on, which the question asks about, not supposes."""
    end = next((k for k, t in enumerate(part) if t.word in _FRONT_ENDS
                or k and set(raw[part[k - 1].end:t.start].split()) & _FRONT_ENDS), None)
    if not end or end > _FRONT or part[0].word in _ASKING or len(r.at) != len(r.facts):
        return []  # "how do I upgrade a 2.3 install to 2.4, step by step?": part of what is asked
    return [f for at, f in zip(r.at, r.facts, strict=True) if at < end and isinstance(f.value, Version)]


_ASKING = frozenset("how what which why when where who can could is are do does did should will would shall may "
                    "might must has have".split())


def _right_after_denial(part: list[Token], run: list[Token]) -> bool:
    """A run that is what a negation or a word of fear is about: it follows one closely ("not allowed to lose"),
    or is followed by one ("… worries us") — not the rest of a clause a negation began ("can't afford to lose one
    if a broker node dies": the broker is not what is feared)."""
    at = next((k for k, t in enumerate(part) if t is run[0]), 0)
    before = [t.word for t in part[max(0, at - 3):at]]
    return any(w in NEGATIONS or w in NOBODY or w in _DREADED for w in before) or any(
        t.word in _DREADED for t in run) or _feared_after(part, at + len(run))



def _feared_after(part: list[Token], n: int) -> bool:
    """A word of fear shortly after, in the same clause: "one datastore across the clouds worries us"."""
    for t in part[n:n + 6]:
        if t.word in PUNCTUATION or t.word in ("but", "though", "although", "yet"):
            return False
        if t.word in _DREADED:
            return True
    return False


WHOLE = 10
"""Plain words from which the runs of one sentence are first read together, as one description."""


def _hints(kb: KnowledgeBase, part: list[Token], used: set[int], plain: set[int], found: list[Hint],
           fears: list[str] | None = None) -> set[int]:
    """Runs of words not understood (with the plain words around them: "small log volume") that the
    documentation's text points at an option or answer with; the ids of the tokens they cover. A run that is
    denied or feared ("not allowed to lose", "… worries us") points at nothing, but the options whose cons
    speak of it go to `fears`, and those whose pros do become hints."""
    covered: set[int] = set()
    runs: list[tuple[list[Token], bool]] = []  # each run of words, and whether it is refused or feared
    run: list[Token] = []
    denied = False  # "we don't want any database outside the cluster": no hint for what is refused
    for n, t in enumerate([*part, Token(".", ".", 0, 0)]):
        if n < len(part) and n not in used and t.word not in PUNCTUATION:
            if t.word not in STOPWORDS and t.word not in NEGATIONS:
                denied = denied or negated(part, n, set()) or t.word in _DREADED or ruled_out(part, n + 1)
                run.append(t)  # "… so NodePorts are off the table": refused by what follows
            continue
        if denied and not _feared_after(part, n) and said_denied(kb, [w.original or w.word for w in run]):
            denied = False  # "none of the nodes has a public address": as the docs say where an option fits
        runs.append((run, denied or _feared_after(part, n)))
        run, denied = [], False
    told = [w for r, refused in runs if not refused for w in r]
    if sum(1 for r, refused in runs if not refused and r) >= 2 and sum(id(w) in plain for w in told) >= WHOLE:
        said = [w.original or w.word for w in told]
        got = tuple(shown_words(kb, h, said) for h in hints(kb, said))  # a long description read as one: its
        if got:  # parts, each too short to tell, together point at one option
            found.extend(h for h in got if h not in found)
            covered |= {id(w) for w in told}
            runs = [(r, refused) for r, refused in runs if refused]
    for run, denied in runs:
        if denied:
            covered |= {id(w) for w in run}  # read, and set aside: not evidence for anything
            if fears is not None and run and _right_after_denial(part, run):
                against, toward = feared(kb, [w.original or w.word for w in run])
                fears += [o for o in against if o not in toward and o not in fears]
                for oid in toward:
                    if oid not in against and all(h.option != oid for h in found):
                        o = kb.options[oid]
                        found.append(Hint(" ".join(w.original or w.word for w in run), o.title, o.source, option=oid))
        elif any(id(w) in plain for w in run):
            got = hints(kb, [w.original or w.word for w in run])
            if got:
                found.extend(h for h in got if h not in found)
                covered |= {id(w) for w in run}
    rest = [t for t in part if id(t) in plain and id(t) not in covered]
    if len(rest) > 1 and not covered:  # "huge fan-out to many subscribers": the words not understood, together
        got = hints(kb, [w.original or w.word for w in rest])
        if got:
            found.extend(h for h in got if h not in found)
            covered |= {id(w) for w in rest}
    return covered


def _alternatives(facts: list[Fact], words: list[str]) -> bool:
    """Two answers to one question joined by "or"."""
    return "or" in words and any(f.question == g.question and f.value != g.value for f in facts for g in facts)


def _option_hints(kb: KnowledgeBase, said: list[tuple[str, str]], found: list[Hint]) -> None:
    """Hints for options pointed at by words (option id, the words), each once."""
    for oid, words in said:
        o = kb.options[oid]
        h = Hint(words, o.title, o.source, option=oid)
        if h not in found:
            found.append(h)


def _is_topic(toks: list[Token], sentences: list[tuple[int, int, bool]], k: int, words: list[str]) -> bool:
    """ "so in an air gap, where do the images come from?": a phrase before a question is its topic."""
    a, b, _ = sentences[k]
    if k + 1 >= len(sentences) or toks[b].word != "," or not words:
        return False
    if not (words[0] in _TOPIC or (words[0] in ("so", "and", "but") and len(words) > 1 and words[1] in _TOPIC)):
        return False
    c, d, mark = sentences[k + 1]
    return _is_question([t.word for t in toks[c:d] if t.word not in PUNCTUATION], mark)


def _with_notes(u: Understanding, notes: list[str]) -> Understanding:
    return replace(u, notes=tuple(dict.fromkeys([*notes, *u.notes])))


def _statements(kb: KnowledgeBase, lex: Lexicon, raw: str, toks: list[Token], pending: Question | None,
                notes: list[str], known: Mapping[str, Any]) -> Understanding:
    facts: list[Fact] = []
    questions: list[str] = []
    priorities: list[str] = []
    unknown: list[str] = []
    options: list[str] = []
    sentences = _sentences(toks)
    moods: dict[tuple[str, str], str] = {}
    command: Understanding | None = None
    topic: list[str] = []
    before = ""  # the statement just said, which a short question may point back at
    found: list[Hint] = []
    named: dict[str, str] = {}
    leanings: list[str] = []
    weight: Counter[str] = Counter()  # how much the words lean towards each option
    refused: list[str] = []  # options named as not wanted
    asked_about: list[str] = []  # options a question names
    assigned: list[Fact] = []  # `ops = one guy` among other statements
    for k, (a, b, mark) in enumerate(sentences):
        part = toks[a:b]
        words = [t.word for t in part if t.word not in PUNCTUATION]
        norm = " ".join(words)
        if len(sentences) > 1 and command is None:
            command = command_of(kb, norm, raw[part[0].start:part[-1].end] + ("?" if mark else ""), [])
            if command is not None and command.command in _SIGN_OFFS and (facts or k + 1 < len(sentences)):
                command = None  # "Two servers, same rack. That's all.": the end of what was said, not `quit`
                continue
            if command is not None and command.command in _TOOL_COMMANDS and len(words) > _TOOL_WORDS:
                command = None  # "… and load distribution with an autoscaling replicaset": prose, not `load`
            if command is not None and command.command == "set" and (facts or k > 0):
                assigned += _assigned(kb, command.args, raw[part[0].start:part[-1].end])
                command = None  # "2 boxes. ops = one guy": one more thing said of the setup, read as a statement
            if command is not None and command.command in ("why", "why_not") and not command.args:
                command = None  # "Why not export directly?" in a post names no option: a question for the docs
            if command is not None and command.command == "what_if" and not command.args:
                command = _counted_back(kb, command, words, facts)
            if command is not None:
                continue
        rec = RECOMMEND.search(norm) or (_HOW_SHOULD.match(norm) or _WHERE_SHOULD.match(norm) if before else None) \
            or _which_should(kb, norm) \
            or (_WHICH_KIND.match(norm) if mark and _asks_for_the_kind(kb, part) else None) or _SHOULD_HOLD.match(norm)
        if rec and re.match(r" (?:as|for) (?:the|a|an|our|my) ", norm[rec.end():rec.end() + 12]):
            rec = None  # "what can I use as the registration address?" asks the docs about one thing
        skip: set[int] = set()
        if rec:
            first = len(norm[:rec.start()].split())
            skip = set(range(first, first + len(rec.group(0).split())))
        r = read_statement(lex, part, raw, pending=pending, whole=len(sentences) == 1 and len(words) <= 2)
        is_q = not rec and _is_question(words, mark)
        if not is_q and not rec and _is_topic(toks, sentences, k, words):
            topic.append(raw[part[0].start:part[-1].end])
            continue
        plain = [n for n, t in enumerate(part) if n not in r.used and unknown_word(t) and t.word not in _HEDGES]
        if is_q and _alternatives(r.facts, words):  # "rke or k3s?" asks which; it states neither
            questions.append(raw[part[0].start:part[-1].end])
            continue
        hedged = len(words) > 2 and (words[0] in _HEDGES or words[0] == "i" and words[1] in _HEDGES) and bool(r.facts) \
            and words[-1] not in ("enough", "sufficient", "ok", "okay", "fine")  # "I think 3 nodes is enough?" asks
        if is_q and not hedged and (not (not _opens_asking(words) and not _asks_after_front(part) and r.facts and not plain)
                                    or _ASKS_LIMIT.search(norm)
                                    or _TAGGED.search(norm)):
            asked = raw[part[0].start:part[-1].end]
            refers = _REFERS.search(f" {' '.join(words)} ")
            if options and refers:  # "… a docker container. How do we move it?"
                asked += " (" + ", ".join(kb.options[o].title for o in options) + ")"
            elif refers and before and len(words) <= _SHORT_ASKED:  # "I want to add workers to it. Is that fine?"
                asked = f"{before.rstrip('.!')}. {asked}"
            asked = ", ".join([*topic, asked])
            questions.append(asked if asked.rstrip().endswith("?") else asked.rstrip() + "?")  # each part ends asking
            topic = []
            if not _WEIGHS.search(norm):  # "how do we scale the HA install?": the way asked about, not weighed
                asked_about += [o for o in r.options if o not in r.unwanted and o not in asked_about]
            facts += r.facts if _ASKS_OF_IT.search(norm) else _fronted(part, r, raw)  # "Rancher 2.0 - is HA
            # available?": where the asker is, before asking; "… two machines, is that a problem?": all it tells
            continue
        before = raw[part[0].start:part[-1].end]
        facts += r.facts
        moods.update(r.moods)
        notes += r.notes
        options += [o for o in r.options if o not in options]
        named.update({o: w for o, w in r.named.items() if o not in named})
        priorities += [p for p in r.priorities if p not in priorities]
        content = [n for n, t in enumerate(part) if t.word not in PUNCTUATION]
        plain_words = [part[n] for n in plain if content.index(n) not in skip]
        _option_hints(kb, r.hinted, found)
        others = _instead_of(kb, r.unwanted)
        leanings += [o for o, _ in r.hinted] + r.wanted + others
        weight.update([o for o, _ in r.hinted] + 2 * r.wanted)
        weight.update({o: 1 / len(others) for o in others})  # "instead of etcd" leans to each of the rest a little
        refused += r.unwanted
        hinted = _hints(kb, part, r.used, {id(t) for t in plain_words}, found, refused)
        unknown += [t.original or t.word for t in plain_words if id(t) not in hinted]
    facts += [f for f in assigned if all(g.question != f.question for g in facts)]  # the words' own reading first
    facts = not_now(toks, prefer_host(toks, prefer_now(facts, moods, notes), notes), moods, notes,
                    kb.derived("engine.language.of_later", lambda k: of_later(k.questions.values())))
    if (not facts or len(toks) >= _POST_WORDS) and not questions and command is None and not priorities \
            and _reports_trouble(raw, len(toks)):
        questions.append(raw.strip())  # "… Prometheus does not start. The log says: …": asks what the docs say of it
    elif not questions and command is None and len(toks) >= _REQUEST_WORDS and _REQUEST.search(raw):
        questions.append(raw.strip())  # "Proposal: … It would be nice to enable …": a request, asked of the docs
    elif not questions and command is None and not priorities and len(toks) >= _POST_WORDS:
        questions.append(raw.strip())  # a tracker post that tells its story without asking: it asks the docs of it
    if not facts and not questions and not priorities and options and not unknown and not found and command is None \
            and not set(options) <= {*refused, *leanings}:  # "we don't want microservices", "we have run Raft for
        # years": a preference, which asks nothing
        return Understanding(command="why_not", args=tuple(options), notes=tuple(notes))
    if options and command is None:  # "we deploy everything with helm charts": the option it names, as a hint
        _option_hints(kb, [(o, named[o]) for o in options if o in named and all(h.option != o for h in found)], found)
    if command is not None:
        notes += list(command.notes)
        unknown += list(command.unknown)
    facts = _counted_first(kb, facts, notes)
    unknown = list(dict.fromkeys(unknown))
    if unknown and (facts or priorities or questions):  # nothing silently dropped: what was not used, once
        notes.append("not used: " + ", ".join(unknown))
    if command is not None and command.command == "what_if" and command.leanings:
        # "… one server today. What if it must survive a server failure?": the supposition is what leans
        found, leanings, weight, refused = [*command.hints], list(command.leanings), Counter(), []
    return Understanding(
        facts=tuple(facts), command=command.command if command else None, args=command.args if command else (),
        question=" ".join(questions) or None, priorities=tuple(priorities),
        unknown=tuple(dict.fromkeys(unknown)),
        notes=tuple(dict.fromkeys(notes + _change_notes(kb, facts, known) + [h.note for h in found])),
        hints=tuple(found), refused=tuple(dict.fromkeys(refused)),
        leanings=_strongest(kb, [o for o in [*leanings, *asked_about, *(h.option for h in found if h.option and (h.option not in named or h.score))]
                                 if o not in refused],
                            weight + Counter(h.option for h in found if h.option and h.score)),
    )


_WEIGHS = re.compile(r"\b(?:ok|okay|fine|good|suitable|enough|viable|recommended|advisable|sensible|wise|better|best|"
                     r"worse|should|would|could|vs|versus|or|instead|compared?|right|wrong|mistake|bad)\b")
"""Words of a question that weighs an option ("is Docker OK for production?") rather than asks how to use it."""


def _counted_first(kb: KnowledgeBase, facts: list[Fact], notes: list[str]) -> list[Fact]:
    """ "The cluster has 3 master nodes … one pod moved to a worker node": a thing named with an article in a
    later sentence ("a worker node") counts one only when no number was said of it before — it names one of
    those counted, not how many there are. So does a count said as an option's name ("three nodes … the single
    node install works fine"): it names the option."""
    counted: set[str] = set()
    titles = [set(keys_of(o.title)) for o in kb.options.values()]
    out = []
    for f in facts:
        q = kb.questions.get(f.question)
        if q is not None and q.kind == "number":
            first = f.text.split()[0].lower() if f.text.split() else ""
            named = any(set(keys_of(f.text)) <= t for t in titles)
            if (first in ("a", "an") or named) and f.question in counted:
                notes.append(f"took '{f.text}' as one of the {q.unit or q.id} counted before, not how many there are")
                continue
            if first[:1].isdigit() or first in NUMBER_WORDS:
                counted.add(f.question)
        out.append(f)
    return out


_HOW_SHOULD = re.compile(r"^(?:so |then |and )?how should (?:i|we|you|they|it|\w+)(?: \w+){1,5}$")
"""After a statement of the situation, "how should Velero back them up?" asks what to choose for it, as "what
do you recommend?" does — alone, "how should I configure the proxy?" asks the docs how."""
_TROUBLE = re.compile(
    r"\b(?:errors?|(?:does|do|did|will)\s*n[o']?t\s+(?:start|work|come up|get ready)|"
    r"won'?t\s+(?:start|work)|never\s+gets?\s+ready|stuck|crash\w*|crashloopbackoff|ignor\w+|root cause|"
    r"unsure of|would like to (?:know|understand|disable|enable|configure)|would be (?:great|nice|good) to "
    r"(?:explain|know|understand|have)|wonder\w*|curious|any idea|can (?:someone|anyone|you) (?:explain|help)|"
    r"logs? (?:say|says|show|shows)|the log says|out of order|not allowed|can ?not be used|unable to|"
    r"fail(?:s|ed|ing)? to|times? out|timed out|restarts? (?:endlessly|over and over|constantly|repeatedly)|"
    r"(?:does|do|did)\s*n[o']?t work|not working|is missing|not correct|incorrect|seems? to prevent|prevents? (?:us|me|using)|"
    r"(?:ui|console|dashboard|page|status) (?:says|shows|reports) .{0,40}?(?:unavailable|not available|down))\b", re.I)
"""Words of a problem report or an indirect request ("Prometheus does not start", "would be great to
explain why …"): a post that says them asks what the docs say of it, though it has no question mark."""
_REPORT_WORDS = 10
"""Fewer words than this make a remark, not a report."""
_POST_WORDS = 40
"""From this many words a report is a tracker post: it asks the docs about its trouble though it also tells of
its setup (what it tells is read as well)."""


_REQUEST = re.compile(r"\b(?:feature request|proposal\s*:|it would be (?:nice|great|good|helpful|useful|cool|awesome) (?:to|if)|"
                      r"we should (?:have (?:a |some )?)?document|(?:^|\s)\[docs?\]|should (?:have|add) (?:a |some )?doc(?:ument|s)\b|"
                      r"is there (?:a|any) (?:way|plan|option|chance)|are there (?:any )?plans|"
                      r"please (?:add|support|consider|document)|whether (?:we|i|you|it|this) (?:can|could|should|will)|"
                      r"(?:documentation|docs?) clarification|clarification (?:about|on|of)|should be (?:documented|clarified|explained)|"
                      r"^\s*(?:add|support|allow|document|expose|provide)\s+(?:an?\s+|the\s+|support\s+for\s+)?[\w-]+\s+"
                      r"(?:for|to|in|on|when|option|flag|setting|parameter|value))\b", re.I)
"""Words of a feature request or an indirect question in a long post, facts or not: it asks the docs."""
_REQUEST_WORDS = 15


_SUPPOSED_CRASH = re.compile(r"\b(?:after|in case of|on|during|survives?|from|through) an? crash\b|\bif it crash\w*", re.I)
"""A crash supposed, not reported (`can't lose a line on a crash`, `survive a crash`): the setup must live through it."""


def _reports_trouble(raw: str, n: int) -> bool:
    return n >= _REPORT_WORDS and bool(_TROUBLE.search(_SUPPOSED_CRASH.sub(" ", raw)))


_ONE_MORE = re.compile(r"\b(?:another(?: one)?|one more)\b")
_N_MORE = re.compile(r"\b(?P<n>\w+)\s+(?:more|additional|extra)\s+(?P<noun>[a-z]+)")
"""`two more servers`: that many added to what was counted."""


def _assigned(kb: KnowledgeBase, args: tuple[str, ...], said: str) -> list[Fact]:
    """The fact an assignment gives (`ops = one guy`), when its value is one the question takes."""
    try:
        return [Fact(args[0], parse_answer(kb.question(args[0]), args[1]), "stated", said)]
    except (FingerpostError, ValueError, KeyError):
        return []


def _counted_back(kb: KnowledgeBase, command: Understanding, words: list[str], facts: list[Fact]) -> Understanding:
    """ "Two nodes for prod. What if we added a third one?": a what-if naming no question, counting the
    thing a statement before it counted (`a third one`: 3; `another one`, `one more`: one more; `two more servers`:
    two more)."""
    counted = [f for f in facts if kb.questions[f.question].kind == "number" and isinstance(f.value, (int, float))]
    if not counted:
        return command
    said = " ".join(words)
    nth = next((ORDINALS[w] for w, after in zip(words, [*words[1:], ""], strict=True)
                if w in ORDINALS and ORDINALS[w] > 1 and after in ("one", "ones", "")), None)
    last = counted[-1]
    value = nth if nth is not None else int(last.value) + 1 if _ONE_MORE.search(said) else None
    more = _N_MORE.search(said) if value is None else None
    if more is not None and (n := _DIGIT_WORDS.get(more["n"], int(more["n"]) if more["n"].isdigit() else 0)) > 1:
        noun = more["noun"].rstrip("s")
        last = next((f for f in reversed(counted) if f.question.rstrip("s") == noun), last)  # `servers` counts servers
        value = int(last.value) + n
    if value is None:
        return command
    return replace(command, args=(last.question, str(value)), unknown=())


def _instead_of(kb: KnowledgeBase, unwanted: list[str]) -> list[str]:
    """The options beside those named as not wanted ("we don't want to babysit microservices" leans to
    the other modes): the same parent's other children, when one or more remain."""
    out: list[str] = []
    for oid in unwanted:
        o = kb.options.get(oid)
        if o is None:
            continue
        out += [s.id for s in kb.options.values() if s.parent == o.parent and s.id not in unwanted and s.id not in out]
    return out


def _strongest(kb: KnowledgeBase, leanings: list[str], weight: Counter[str]) -> tuple[str, ...]:
    """The options leaned towards, less any that another of its kind (same parent) is leaned towards
    more: "isolated network without internet, install with Docker Compose" leans to the offline
    installer twice and to the online one once, from the text around it; an option named as the
    way wanted (twice) outweighs one textual hint."""
    ids = list(dict.fromkeys(o for o in leanings if o in kb.options))
    return tuple(o for o in ids if not any(kb.options[p].parent == kb.options[o].parent and weight[p] > weight[o]
                                           for p in ids))
