"""Plain language → facts, a command, or a question to answer from the docs. Deterministic, offline.

    >>> u = understand(kb, "production, three nodes, no internet")     # doctest: +SKIP
    >>> [(f.question, f.value) for f in u.facts]                          # doctest: +SKIP
    [('purpose', 'production'), ('nodes', 3), ('internet', 'airgap')]
    >>> understand(kb, "why not docker?").command, _.args                 # doctest: +SKIP
    ('why_not', ('docker',))

Every word comes from the knowledge base (engine.lexicon): question ids, synonyms and units,
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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from engine.facts import Fact, display_value, parse_answer
from engine.lexicon import (
    COMMON,
    NEGATIONS,
    NUMBER_WORDS,
    PUNCTUATION,
    STOPWORDS,
    Lexicon,
    Token,
    keys_of,
    lexicon_for,
    resolve_options,
    tokenize,
)
from engine.reading import CUES, read_statement
from kb.errors import FingerpostError
from kb.graph import KnowledgeBase
from kb.records import Question

__all__ = ["Understanding", "understand", "COMMANDS", "resolve_question"]

MAX_TEXT = 2000
"""Longest text read in one turn (characters)."""

COMMANDS = ("help", "why", "why_not", "compare", "what_if", "facts", "set", "unset", "back", "restart", "docs",
            "diagram", "save", "load", "export", "quit")


@dataclass(slots=True, frozen=True)
class Understanding:
    """What one turn of user text means."""

    facts: tuple[Fact, ...] = ()
    """Facts stated (how="stated", text = the words that said it), in the order said."""
    command: str | None = None
    """One of COMMANDS, or None."""
    args: tuple[str, ...] = ()
    """Command arguments: option ids, (question, value) pairs, a question id, a file, or words."""
    question: str | None = None
    """A question to answer from the documentation."""
    priorities: tuple[str, ...] = ()
    """Quality names from the decision's `priorities`, most important first."""
    unknown: tuple[str, ...] = ()
    """Words not understood."""
    notes: tuple[str, ...] = ()
    """How the text was read where it was not literal (typos, comparisons, guesses)."""


_POLITE = re.compile(r"^(?:(?:ok|okay|so|and|then|now|please|well|hmm|um|lets|let us|can we|could we|can you|"
                     r"could you|i want to|id like to|i would like to|i wanna)\s+)+")
_SIMPLE = [
    ("quit", r"quit|exit|bye|goodbye|good bye|q|stop|see you|im done|that is all|thats all"),
    ("help", r"help|h|\?|commands|what can you do|what can i (?:say|ask|do|type)|how does this work|usage|help me"),
    ("restart", r"restart|reset|start (?:over|again|afresh|from scratch)|begin again|from scratch|new session|"
                r"clear(?: all| everything)?|forget everything|start a new session"),
    ("back", r"back|go back|undo|undo that|previous|previous question|oops|take that back|step back|"
             r"one step back|go back one"),
    ("facts", r"facts|my facts|show (?:me )?(?:my |the )?(?:facts|answers)|what do you know|what do you know so far|"
              r"what have i (?:said|told you)|what did i (?:say|tell you)|(?:my )?answers|status|summary|"
              r"where are we|what do you know about (?:me|us|my setup|our setup)"),
    ("why", r"why|why that|why this|why this one|why is that|why that one|how come|explain|"
            r"explain (?:that|this|it|why)|reasons?|why do you (?:recommend|say|suggest) (?:that|this|it)|"
            r"why is (?:that|this|it) (?:recommended|the recommendation|best)|why the recommendation"),
]
_DOCS = re.compile(r"^(?:docs|documentation|doc|links|guides?|read more|more info|"
                   r"(?:show|give|open|send)(?: me)? (?:the )?(?:docs|documentation|links|guides?)|"
                   r"where (?:are|is) the (?:docs|documentation|guides?)|which guide)"
                   r"(?: (?:for|on|about|to) (?P<rest>.+))?$")
_CHECKLIST = re.compile(r"^(?:checklist|(?:the )?prerequisites|what do (?:i|we) need(?: to (?:prepare|have))?"
                        r"(?: first| in place| before)?|what (?:should|must) (?:i|we) (?:prepare|have) "
                        r"(?:first|in place|ready)|todo|to do list|before i start)$")
_FILE_CMDS = [
    ("diagram", r"diagram|draw|draw it|draw (?:a |the |me a )?(?:diagram|picture|architecture)|"
                r"show (?:me )?(?:the |a )?(?:diagram|picture|architecture)|architecture|picture"),
    ("save", r"save|save (?:it|this|the session|session|my session|progress)"),
    ("load", r"load|resume|restore|load (?:a |the |my )?session|resume (?:a |the |my )?session"),
    ("export", r"export|export (?:it|this|the session|session|the answers|answers|the result|results)"),
]
_WHAT_IF = re.compile(r"^(?:what if|what about if|and if|if instead|suppose|supposing|imagine|assuming|assume|"
                      r"what would change if|what changes if|what happens if|what would happen if)\s+(?P<rest>.+)$")
_WHY_NOT = re.compile(r"^(?:why not|why isnt it|why isnt|why cant (?:i|we) (?:use|have|pick|choose)|"
                      r"why shouldnt (?:i|we) (?:use|pick|choose)|whats wrong with|what is wrong with|why no|"
                      r"why not use|why not the)\s+(?P<rest>.+?)(?: instead)?$")
_WHAT_ABOUT = re.compile(r"^(?:what about|how about|and|or)\s+(?P<rest>.+?)(?: instead)?$")
_WHY_X = re.compile(r"^why\s+(?:is\s+|the\s+|recommend\s+|use\s+)*(?P<rest>.+?)(?: recommended| best)?$")
_COMPARE = re.compile(r"^(?:compare|comparison of|contrast)\s+(?P<rest>.+)$")
_DIFF = re.compile(r"^(?:whats |what is |what are )?(?:the )?differences? between\s+(?P<rest>.+)$")
_VERSUS = re.compile(r"^(?P<a>.+?)\s+(?:vs|versus|compared to|compared with|against)\s+(?P<b>.+)$")
_SET = re.compile(r"^(?:set|change|make|update)\s+(?:the\s+)?(?P<q>.+?)\s+(?:to|=|is|as)\s+(?P<v>.+)$")
_ASSIGN = re.compile(r"^(?P<q>[a-z][a-z0-9_ ]*?)\s*(?:=|:)\s*(?P<v>\S.*)$")
_UNSET = re.compile(r"^(?:unset|forget|clear|remove|drop|erase|delete)\s+(?:the\s+|my\s+|our\s+)?(?P<q>.+?)"
                    r"(?: answer)?$")
_RECOMMEND = re.compile(r"(?:(?:what|which)(?: one| option| install| setup| shape| way| approach| install option)?"
                        r" (?:should|do|would|can|shall) (?:i|we|you) (?:use|do|choose|pick|install|go with|"
                        r"recommend|suggest|take|select|try)|what do you (?:recommend|suggest|advise)|"
                        r"what(?:s| is) (?:best|the best option|recommended|your recommendation)|"
                        r"which (?:is|one is) (?:best|better|recommended)|any (?:recommendations?|suggestions?)|"
                        r"(?:recommend|suggest) (?:something|one|an option))")
_INTERROGATIVE = frozenset("what whats how hows which who when where why is are can could does do should will "
                           "would did shall may might".split())
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8}
_YES = frozenset("yes y yeah yep yup sure correct right indeed definitely absolutely affirmative true ok okay "
                 "certainly aye".split())
_NO = frozenset("no n nope nah negative false never".split())
_SKIP = re.compile(r"^(?:i )?(?:dont know|do not know|not sure|no idea|unsure|skip|pass|dunno|no clue|"
                   r"cant say|no preference yet|not decided|undecided)(?: yet)?$")
_COMMON = COMMON
_COMMAND_WORDS = frozenset("compare versus difference diagram picture architecture export restart documentation "
                           "checklist prerequisites explain suppose imagine assuming summary".split())


def _corrected(lex: Lexicon, toks: list[Token]) -> tuple[list[Token], list[str]]:
    """Tokens with typos replaced by the content word they most likely meant (same first letter)."""
    out, notes = [], []
    protected = STOPWORDS | _COMMON | CUES | NEGATIONS | _YES | _NO | set(_ORDINALS)
    for t in toks:
        fixed = None
        if t.word.isalpha() and t.word not in protected and t.key not in lex.known and t.word not in NUMBER_WORDS:
            fixed = lex.correct(t.word, _COMMAND_WORDS)
        if fixed and fixed[0] == t.word[0]:
            from engine.lexicon import key

            out.append(Token(fixed, key(fixed), t.start, t.end, t.word))
            notes.append(f"read '{t.word}' as '{fixed}'")
        else:
            out.append(t)
    return out, notes


def _norm(toks: list[Token]) -> str:
    return " ".join(t.word for t in toks if t.word not in PUNCTUATION)


def _words(text: str) -> list[str]:
    return [t for t in text.split() if t not in STOPWORDS]


def resolve_question(kb: KnowledgeBase, words: str) -> str | None:
    """The question id that `words` names: its id, a synonym or unit, one of its answers, or a near miss."""
    lex = lexicon_for(kb)
    text = words.strip().lower()
    for cand in (text, text.replace(" ", "_"), text.replace("-", "_")):
        if cand in kb.questions:
            return cand
    phrase = keys_of(text)
    trimmed = tuple(k for k in phrase if k not in STOPWORDS) or phrase
    for p in (phrase, trimmed):
        entries = lex.entries(p, ("question", "answer"))
        if entries:
            return entries[0].target
    names: dict[str, set[str]] = {}
    for p, es in lex.phrases.items():
        for e in es:
            if e.kind == "question":
                names.setdefault(e.target, set()).update(p)
    loose = [qid for qid, ws in names.items() if trimmed and set(trimmed) <= ws]
    if len(loose) == 1:
        return loose[0]
    fixed = tuple(lex.correct(k) or k for k in trimmed)
    if fixed != trimmed:
        return resolve_question(kb, " ".join(fixed))
    return None


def _value_text(q: Question, value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_value(kb: KnowledgeBase, q: Question, raw: str) -> str:
    """The answer `raw` gives to `q`, as text for `set`/`what_if` args (the raw text if unreadable)."""
    try:
        return _value_text(q, parse_answer(q, raw))
    except FingerpostError:
        pass
    lex = lexicon_for(kb)
    toks, _ = _corrected(lex, tokenize(raw))
    r = read_statement(lex, toks, raw, pending=q, whole=True)
    for f in r.facts:
        if f.question == q.id:
            return _value_text(q, f.value)
    return raw.strip()


def _file_arg(raw: str, has_rest: bool) -> tuple[str, ...]:
    pieces = raw.strip().rstrip("?!").split()
    if len(pieces) > 1 and (has_rest or "." in pieces[-1] or "/" in pieces[-1]):
        return (pieces[-1],)
    return ()


def _facts_in(kb: KnowledgeBase, text: str, pending: Question | None = None) -> tuple[list[Fact], list[str], list[str]]:
    """Facts in a piece of text, with the words not understood and the notes."""
    lex = lexicon_for(kb)
    toks, notes = _corrected(lex, tokenize(text))
    r = read_statement(lex, toks, text, pending=pending, whole=len(toks) <= 2)
    unknown = [t.original or t.word for n, t in enumerate(toks) if n not in r.used and _unknown_word(t)]
    return r.facts, unknown, notes + r.notes


def _unknown_word(t: Token) -> bool:
    return t.word not in STOPWORDS and t.word not in PUNCTUATION and t.word not in _COMMON


def _pairs(kb: KnowledgeBase, facts: Iterable[Fact]) -> tuple[str, ...]:
    out: list[str] = []
    for f in facts:
        out += [f.question, _value_text(kb.questions[f.question], f.value)]
    return tuple(out)


def _assignment(kb: KnowledgeBase, s: str, raw: str) -> tuple[str, str] | None:
    """`set nodes to 3`, `nodes=3`, `change the version to 2.5` → (question, value text)."""
    m = _SET.fullmatch(s) or _ASSIGN.fullmatch(s)
    if not m:
        return None
    qid = resolve_question(kb, m.group("q"))
    if qid is None:
        return None
    raw_value = re.split(r"=|:|\bto\b|\bis\b|\bas\b", raw, maxsplit=1)[-1].strip().rstrip(".!?") or m.group("v")
    return qid, _read_value(kb, kb.questions[qid], raw_value)


def _option_command(kb: KnowledgeBase, name: str, rest: str, notes: list[str]) -> Understanding | None:
    ids = resolve_options(lexicon_for(kb), rest)
    if ids:
        return Understanding(command=name, args=tuple(ids), notes=tuple(notes))
    return None


def _compare(kb: KnowledgeBase, rest: str, notes: list[str]) -> Understanding:
    ids: list[str] = []
    unknown: list[str] = []
    for part in re.split(r"\s+(?:and|with|to|vs|versus|against|or)\s+|\s*,\s*|\s+&\s+", rest):
        found = resolve_options(lexicon_for(kb), part) if part.strip() else []
        if found:
            ids += [i for i in found if i not in ids]
        elif _words(part):
            unknown.append(part)
    return Understanding(command="compare", args=tuple(ids), unknown=tuple(unknown), notes=tuple(notes))


def _command(kb: KnowledgeBase, norm: str, raw: str, notes: list[str]) -> Understanding | None:
    """A command, if the text is one."""
    s = _POLITE.sub("", norm).strip()
    s = re.sub(r"\s+please$", "", s)
    if not s:
        return Understanding(command="help") if raw.strip() == "?" else None
    for name, pattern in _SIMPLE:
        if re.fullmatch(pattern, s):
            return Understanding(command=name, notes=tuple(notes))
    if _CHECKLIST.fullmatch(s):
        return Understanding(command="docs", args=("checklist",), notes=tuple(notes))
    m = _DOCS.fullmatch(s)
    if m:
        return Understanding(command="docs", args=tuple(_words(m.group("rest") or "")), notes=tuple(notes))
    for name, pattern in _FILE_CMDS:
        m = re.fullmatch(rf"(?:{pattern})(?:\s+(?:it|this))?(?:\s+(?:to|as|in|into|from|at))?(?:\s+(?P<f>.+))?", s)
        if m:
            return Understanding(command=name, args=_file_arg(raw, bool(m.group("f"))), notes=tuple(notes))
    m = _UNSET.fullmatch(s)
    if m and resolve_question(kb, m.group("q")):
        return Understanding(command="unset", args=(resolve_question(kb, m.group("q")) or "",), notes=tuple(notes))
    return _reasoning_command(kb, s, raw, notes)


def _reasoning_command(kb: KnowledgeBase, s: str, raw: str, notes: list[str]) -> Understanding | None:
    m = _WHAT_IF.fullmatch(s)
    if m:
        rest = m.group("rest")
        pair = _assignment(kb, "set " + rest if not rest.startswith("set ") else rest, rest)
        facts, unknown, more = _facts_in(kb, rest)
        args = _pairs(kb, facts) if facts else (pair if pair else ())
        return Understanding(command="what_if", args=tuple(args), unknown=() if args else tuple(unknown),
                             notes=tuple(notes + more))
    pair = _assignment(kb, s, raw)
    if pair:
        return Understanding(command="set", args=pair, notes=tuple(notes))
    for pattern in (_COMPARE, _DIFF):
        m = pattern.fullmatch(s)
        if m:
            return _compare(kb, m.group("rest"), notes)
    m = _VERSUS.fullmatch(s)
    if m and resolve_options(lexicon_for(kb), m.group("a")) and resolve_options(lexicon_for(kb), m.group("b")):
        return _compare(kb, f"{m.group('a')} and {m.group('b')}", notes)
    m = _WHY_NOT.fullmatch(s)
    if m:
        found = _option_command(kb, "why_not", m.group("rest"), notes)
        if found:
            return found
        facts, unknown, more = _facts_in(kb, m.group("rest"))
        if facts:
            return Understanding(command="what_if", args=_pairs(kb, facts), notes=tuple(notes + more))
        return Understanding(command="why_not", unknown=tuple(unknown or _words(m.group("rest"))), notes=tuple(notes))
    m = _WHAT_ABOUT.fullmatch(s)
    if m:
        facts, unknown, more = _facts_in(kb, m.group("rest"))
        if facts and not unknown:
            return Understanding(command="what_if", args=_pairs(kb, facts), notes=tuple(notes + more))
        found = _option_command(kb, "why_not", m.group("rest"), notes)
        if found:
            return found
    m = _WHY_X.fullmatch(s)
    if m and s.startswith("why "):
        return _option_command(kb, "why_not", m.group("rest"), notes)
    return None


def _pending_answer(kb: KnowledgeBase, q: Question, raw: str, toks: list[Token]) -> Understanding | None:
    """A direct answer to the question just asked: its value, "the second one", "yes", "not sure"."""
    text = raw.strip().rstrip(".!")
    try:
        return Understanding(facts=(Fact(q.id, parse_answer(q, text), "stated", text),))
    except FingerpostError:
        pass
    words = [t.word for t in toks if t.word not in PUNCTUATION]
    s = _POLITE.sub("", " ".join(words)).strip()
    if _SKIP.fullmatch(s):
        return Understanding(notes=(f"no answer to {q.id} yet",))
    core = [w for w in s.split() if w not in ("the", "one", "option", "answer", "number", "choice", "please", "a")]
    if q.kind in ("choice", "yesno") and len(core) == 1:
        w = core[0]
        index = _ORDINALS.get(w, len(q.choices) if w == "last" else 0)
        if w.isdigit() and q.kind == "choice":
            index = int(w)
        if w.isdigit() and not 1 <= index <= len(q.choices):
            return Understanding(unknown=(w,), notes=(f"{q.id} has {len(q.choices)} answers; there is no answer {w}",))
        if 1 <= index <= len(q.choices):
            ch = q.choices[index - 1]
            value: Any = ch.value if q.kind == "choice" else ch.value == "yes"
            return Understanding(facts=(Fact(q.id, value, "stated", text),),
                                 notes=(f"read '{text}' as {display_value(q, value)}",))
    if q.kind == "yesno" and words:
        first = words[0]
        alone = len(words) == 1 or (len(toks) > 1 and toks[1].word in PUNCTUATION)
        if alone and (first in _YES or first in _NO):
            fact = Fact(q.id, first in _YES, "stated", toks[0].original or toks[0].word)
            if len(words) == 1:
                return Understanding(facts=(fact,))
            rest = raw[toks[1].end:]
            more = understand(kb, rest) if rest.strip() else Understanding()
            return Understanding(facts=(fact, *[f for f in more.facts if f.question != q.id]),
                                 priorities=more.priorities, unknown=more.unknown, notes=more.notes)
    return None


def _sentences(toks: list[Token]) -> list[tuple[int, int, bool]]:
    """[start, end) token ranges of sentences, and whether each ends with a question mark.
    A comma before a question word starts a new sentence: "3 nodes, which should I use?"."""
    out, start = [], 0
    for n, t in enumerate(toks):
        end_here = t.word in (".", "!", "?", ";")
        split_before = t.word == "," and n + 1 < len(toks) and toks[n + 1].word in _INTERROGATIVE \
            and toks[n + 1].word not in ("is", "are", "was", "were", "do", "does", "did")
        if end_here or split_before:
            if n > start:
                out.append((start, n, t.word == "?"))
            start = n + 1
    if start < len(toks):
        out.append((start, len(toks), False))
    return out


def _is_question(words: list[str], mark: bool) -> bool:
    if not words:
        return False
    if words[0] in _INTERROGATIVE:
        return not (len(words) > 1 and words[1] in NEGATIONS and words[0] not in ("what", "why", "how"))
    return mark


def _known_values(facts: Mapping[str, Any] | Iterable[Fact] | None) -> dict[str, Any]:
    if facts is None:
        return {}
    if isinstance(facts, Mapping):
        return dict(facts)
    return {f.question: f.value for f in facts}


def _change_notes(kb: KnowledgeBase, new: Iterable[Fact], known: Mapping[str, Any]) -> list[str]:
    out = []
    for f in new:
        old = known.get(f.question)
        if old is not None and old != f.value:
            q = kb.questions[f.question]
            out.append(f"changed {f.question} from {display_value(q, old)} to {display_value(q, f.value)}")
    return out


def understand(kb: KnowledgeBase, text: str, facts: Mapping[str, Any] | Iterable[Fact] | None = None,
               pending: Question | str | None = None) -> Understanding:
    """What `text` says: facts to add, a command, a question for the docs, priorities; see the module doc.

    `facts` are the answers known so far (a mapping or Facts), used to note changed answers;
    `pending` is the question just asked (a Question or its id)."""
    if isinstance(pending, str):
        pending = kb.questions.get(pending)
    lex = lexicon_for(kb)
    known = _known_values(facts)
    raw = text.strip()
    if len(raw) > MAX_TEXT:  # a turn is a sentence or a few, not a document
        return _with_notes(understand(kb, raw[:MAX_TEXT], facts, pending),
                           [f"only the first {MAX_TEXT} characters were read"])
    toks, notes = _corrected(lex, tokenize(raw))
    if not toks:
        return Understanding()
    if pending is not None:
        got = _pending_answer(kb, pending, raw, toks)
        if got is not None:
            return _with_notes(got, notes + _change_notes(kb, got.facts, known))
    command = _command(kb, _norm(toks), raw, notes)
    if command is not None:
        return command
    return _statements(kb, lex, raw, toks, pending, notes, known)


def _with_notes(u: Understanding, notes: list[str]) -> Understanding:
    from dataclasses import replace

    return replace(u, notes=tuple(dict.fromkeys([*notes, *u.notes])))


def _statements(kb: KnowledgeBase, lex: Lexicon, raw: str, toks: list[Token], pending: Question | None,
                notes: list[str], known: Mapping[str, Any]) -> Understanding:
    facts: list[Fact] = []
    questions: list[str] = []
    priorities: list[str] = []
    unknown: list[str] = []
    options: list[str] = []
    sentences = _sentences(toks)
    command: Understanding | None = None
    for a, b, mark in sentences:
        part = toks[a:b]
        words = [t.word for t in part if t.word not in PUNCTUATION]
        norm = " ".join(words)
        if len(sentences) > 1 and command is None:
            command = _command(kb, norm, raw[part[0].start:part[-1].end], [])
            if command is not None:
                continue
        rec = _RECOMMEND.search(norm)
        skip: set[int] = set()
        if rec:
            first = len(norm[:rec.start()].split())
            skip = set(range(first, first + len(rec.group(0).split())))
        r = read_statement(lex, part, raw, pending=pending, whole=len(sentences) == 1 and len(words) <= 2)
        is_q = not rec and _is_question(words, mark)
        plain = [n for n, t in enumerate(part) if n not in r.used and _unknown_word(t)]
        if is_q and not (words[0] not in _INTERROGATIVE and r.facts and not plain):
            questions.append(raw[part[0].start:part[-1].end])
            continue
        facts += r.facts
        notes += r.notes
        options += [o for o in r.options if o not in options]
        priorities += [p for p in r.priorities if p not in priorities]
        content = [n for n, t in enumerate(part) if t.word not in PUNCTUATION]
        plain_words = [part[n] for n in plain if content.index(n) not in skip]
        unknown += [t.original or t.word for t in plain_words]
    if not facts and not questions and not priorities and options and not unknown and command is None:
        return Understanding(command="why_not", args=tuple(options), notes=tuple(notes))
    if command is not None:
        notes += list(command.notes)
        unknown += list(command.unknown)
    return Understanding(
        facts=tuple(facts), command=command.command if command else None, args=command.args if command else (),
        question=" ".join(questions) or None, priorities=tuple(priorities),
        unknown=tuple(dict.fromkeys(unknown)), notes=tuple(dict.fromkeys(notes + _change_notes(kb, facts, known))),
    )
