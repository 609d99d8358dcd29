"""Commands said in plain words: "why not docker?", "what about k3s instead", "go back", "nodes=3".

    >>> command_of(kb, "what if we had 2 nodes", "what if we had 2 nodes", [])      # doctest: +SKIP
    Understanding(command='what_if', args=('nodes', '2'), …)

Patterns are plain English and generic; what they name (options, questions, answers) is looked
up in the knowledge base (engine.language.lexicon). Also here: the Understanding record, typo
correction of a turn's words, and `resolve_question`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from fingerpost.engine.facts import Fact, parse_answer
from fingerpost.engine.language.commonness import is_english
from fingerpost.engine.language.evidence import Hint, hints
from fingerpost.engine.language.lexicon import (
    COMMON,
    NEGATIONS,
    NUMBER_WORDS,
    PUNCTUATION,
    STOPWORDS,
    Lexicon,
    Token,
    key,
    keys_of,
    lexicon_for,
    resolve_options,
    tokenize,
)
from fingerpost.engine.language.statements import CUES, read_statement
from fingerpost.engine.language.vocabulary import spellings
from fingerpost.kb.errors import FingerpostError
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.records import Question

__all__ = ["Understanding", "Command", "COMMAND_TABLE", "COMMANDS", "SESSION_COMMANDS", "MAX_TEXT", "command_of", "corrected", "resolve_question", "POLITE"]

MAX_TEXT = 2000
"""Longest text read in one turn (characters)."""

@dataclass(slots=True, frozen=True)
class Command:
    """A command a person can give, in the chat or in one `ask` turn."""

    id: str
    """What understanding returns as Understanding.command (`why_not`)."""
    name: str
    """As typed (`why not`)."""
    usage: str
    """With its arguments (`why not X`)."""
    what: str
    """What it does, for help and completion."""
    example: str
    """A plain-language example; `{option}`, `{first}`, `{question}`, `{value}` are filled from the pack."""
    session: bool = False
    """It acts on a chat session: a one-turn front end (`ask`) can only say where to use it."""


COMMAND_TABLE: tuple[Command, ...] = (
    Command("help", "help", "help", "what you can type", "what can I say?"),
    Command("why", "why", "why", "why the current recommendation", "why is that?"),
    Command("why_not", "why not", "why not X", "why option X is not the recommendation", "why not {option}?"),
    Command("compare", "compare", "compare A B", "two options side by side", "compare {first} and {option}"),
    Command("what_if", "what if", "what if Q=V", "what would change with another answer", "what if {question}={value}"),
    Command("facts", "facts", "facts", "what is known so far, and how it was learned", "what do you know?"),
    Command("set", "set", "set Q=V", "give an answer directly", "set {question}={value}"),
    Command("unset", "unset", "unset Q", "forget an answer", "forget {question}"),
    Command("back", "back", "back", "undo the last answer", "undo", session=True),
    Command("restart", "restart", "restart", "forget every answer and start again", "start over", session=True),
    Command("docs", "docs", "docs [N|WORDS]", "list the linked pages; show a section's text", "docs 2"),
    Command("diagram", "diagram", "diagram [FILE]", "write the architecture diagram of the recommendation",
            "diagram plan.svg", session=True),
    Command("save", "save", "save [NAME]", "save the session under a name", "save staging", session=True),
    Command("load", "load", "load [NAME]", "continue a saved session (no name: list them)", "load staging",
            session=True),
    Command("export", "export", "export [FILE]", "write the decision as Markdown, with citations and links",
            "export decision.md", session=True),
    Command("quit", "quit", "quit", "leave (Ctrl-D does too); the session is kept", "bye", session=True),
)
"""The one command table: understanding, the chat's help and completion, and `ask` read it."""

COMMANDS = tuple(c.id for c in COMMAND_TABLE)
"""Every command id, in the table's order."""
SESSION_COMMANDS = tuple(c.id for c in COMMAND_TABLE if c.session)
"""Commands that act on a chat session."""


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
    hints: tuple[Hint, ...] = ()
    """Words the vocabulary does not know that the documentation's text points at an option or
    answer with (engine.language.evidence): evidence to show, never facts."""
    refused: tuple[str, ...] = ()
    """Options the words refuse ("we have no Kubernetes", "we don't want microservices"): the ranking takes
    another while one fits (engine.reason.assess `avoid`)."""
    leanings: tuple[str, ...] = ()
    """Options the words lean towards — pointed at by the documentation's text or the everyday
    vocabulary, or named as wanted — for the ranking (engine.reason.assess), never facts."""


POLITE = re.compile(r"^(?:(?:ok|okay|so|and|then|now|please|well|hmm|um|uh|oh|wait|right|alright|lets|let us|can we|could we|can you|"
                     r"could you|i want to|id like to|i would like to|i wanna)\s+)+")
_SIMPLE = [
    ("quit", r"quit|exit|bye|goodbye|good bye|q|stop|see you|im done|that is all|thats all"),
    ("help", r"help|h|\?|commands|what can you do|what can i (?:say|ask|do|type)|how does this work|usage|help me"),
    ("restart", r"(?:restart|reset|start again)(?: (?:from|at) (?:the )?(?:beginning|start|scratch|top))?|(?:start|begin) (?:over|again|afresh)(?: from (?:the )?(?:beginning|start|scratch|top))?|"
                r"(?:start|begin) from (?:the )?(?:beginning|start|scratch|top)|from (?:scratch|the (?:beginning|top))|"
                r"new session|clear(?: all| everything)?|forget everything|start a new session|start fresh"),
    ("back", r"back|go back|undo|undo that|previous|previous question|oops|take that back|step back|"
             r"one step back|go back one"),
    ("facts", r"facts|my facts|show (?:me )?(?:my |the )?(?:facts|answers)|what do you know|what do you know so far|"
              r"what have i (?:said|told you|given you)|what did i (?:say|tell you)|what have we (?:got|said)|(?:my )?answers|status|summary|"
              r"where are we|what do you know about (?:me|us|my setup|our setup)|"
              r"(?:summari[sz]e|recap|sum up)(?: (?:it|that|this|everything|all|what you know|what we have|what i said|"
              r"what i told you|what ive told you|the facts|my answers))?(?: (?:about|of|on) (?:me|us|my setup|our setup|"
              r"the setup|my situation|our situation))?"),
    ("why", r"why|why that|why this|why this one|why is that|why that one|how come|explain|remind me why|tell me why|"
            r"why again|and why|but why|so why|why so|"
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
_WHAT_IF = re.compile(r"^(?:hypothetically\s+)?(?:what if|what about if|and if|if instead|suppose|supposing|imagine|assuming|assume|"
                      r"what would change if|what changes if|what happens if|what would happen if)\s+(?P<rest>.+)$")
_WHY_NOT = re.compile(r"^(?:why not|why isnt it|why isnt|why cant (?:i|we) (?:use|have|pick|choose)|"
                      r"why (?:wouldnt|dont|didnt|wont|shouldnt) (?:you|i|we) (?:use|pick|choose|recommend|suggest|go with)|"
                      r"why shouldnt (?:i|we) (?:use|pick|choose)|whats wrong with|what is wrong with|why no|"
                      r"why not use|why not the)\s+(?P<rest>.+?)(?: instead)?$")
_WORTH_IT = re.compile(r"^(?:(?:is|would|will) (?:the |an? |that |this )?(?P<rest>.+?) (?:be )?(?:a good idea|a good fit|the right "
                       r"(?:choice|one|call|fit)|right|suitable|the way to go|worth it|a sensible choice)(?: for (?:us|me|our "
                       r"\w+|my \w+))?|should (?:i|we) (?:use|go with|pick|choose|take|run) (?:the |an? )?(?P<rest2>.+?))$")
"""`Is the HA install a good idea for us?`, `should we go with Docker?`: how one option fits what was said (why, or why
not), not a question for the docs."""
_WHAT_ABOUT = re.compile(r"^(?:what about|how about|and|or)\s+(?P<rest>.+?)(?: instead)?$")
_WHY_X = re.compile(r"^why\s+(?:is\s+|the\s+|recommend\s+|use\s+)*(?P<rest>.+?)(?: recommended| best)?$")
_COMPARE = re.compile(r"^(?:compare|comparison of|contrast)\s+(?P<rest>.+)$")
_SIDE_BY_SIDE = re.compile(r"^(?:put|show|lay out|place|set)\s+(?P<rest>.+)$")
"""`put A and B side by side` (the words `side by side` said, and dropped as filler): a comparison."""
_DIFF = re.compile(r"^(?:whats |what is |what are )?(?:the )?differences? between\s+(?P<rest>.+)$")
_VERSUS = re.compile(r"^(?P<a>.+?)\s+(?:vs|versus|compared to|compared with|against)\s+(?P<b>.+)$")
_EITHER = re.compile(r"^(?P<a>\S+(?: \S+){0,2}?)\s+or\s+(?P<b>\S+(?: \S+){0,2})$")
_SET = re.compile(r"^(?:set|change|make|update)\s+(?:the\s+)?(?P<q>.+?)\s+(?:to|=|is|as)\s+(?P<v>.+)$")
_NOT_EQUAL = re.compile(r"(?P<q>[A-Za-z][A-Za-z0-9_]*)\s*!=\s*(?P<v>\S.*)$")
_ASSIGN = re.compile(r"^(?P<q>[a-z][a-z0-9_ ]*?)\s*(?:=|:)\s*(?P<v>\S.*)$")
_UNSET = re.compile(r"^(?:unset|forget(?: about)?|clear|remove|drop|erase|delete|ignore)\s+(?:the\s+|my\s+|our\s+|that\s+)?"
                    r"(?P<q>.+?)(?: answer)?(?: (?:i|we) (?:said|gave|told you|mentioned|set)(?: you)?"
                    r"(?: before| earlier| previously)?)?$")
RECOMMEND = re.compile(r"(?:(?:what|which)(?: one| option| install| setup| shape| way| approach| install option)?"
                        r" (?:should|do|would|can|shall) (?:i|we|you) (?:use|do|choose|pick|install|go with|"
                        r"recommend|suggest|take|select|try)|what do you (?:recommend|suggest|advise)|"
                        r"what(?:s| is) (?:best|the best option|recommended|your recommendation)|"
                        r"which (?:is|one is) (?:best|better|recommended)|any (?:recommendations?|suggestions?)|"
                        r"which (?:\w+ ){0,2}(?:is|would be|will be|'?d be) (?:the )?(?:best|better|recommended|right|"
                        r"most suitable|the right one)|"
                        r"how should (?:i|we) (?:lay out|layout|design|architect|structure|arrange|organi[sz]e) \w+$|"
                        r"what (?:setup|layout|architecture|topology|mode|type|kind) (?:should|would|do you) (?:i|we|you)|"
                        r"(?:recommend|suggest) (?:something|one|an option)|"
                        r"^(?:so |and |then )?(?:which|what)(?:s| is)?(?: the)? (?:install|installation|option|one|setup|"
                        r"shape|way|approach|install option)(?: then| to use| to pick| to choose| fits| is best)?$)")
INTERROGATIVE = frozenset("what whats how hows which who when where why is are can could does do should will "
                           "would did shall may might".split())
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8}
YES = frozenset("yes y yeah yep yup sure correct right indeed definitely absolutely affirmative true ok okay "
                 "certainly aye".split())
NO = frozenset("no n nope nah negative false never".split())
SKIP = re.compile(r"^(?:i )?(?:dont know|do not know|not sure|no idea|unsure|skip|pass|dunno|no clue|"
                   r"cant say|no preference yet|not decided|undecided)(?: yet)?$")
_COMMON = COMMON
_COMPARATIVES = frozenset("newer older later earlier higher lower larger smaller bigger fewer greater".split())
_COMMAND_WORDS = frozenset("compare versus difference diagram picture architecture export restart documentation "
                           "checklist prerequisites explain suppose imagine assuming summary".split())


def corrected(lex: Lexicon, toks: list[Token]) -> tuple[list[Token], list[str]]:
    """Tokens with typos replaced by the content word they most likely meant (same first letter).
    A word of everyday English is not a typo, however close it is to a word the pack knows
    ("tracing" is not "training")."""
    out, notes = [], []
    protected = STOPWORDS | _COMMON | CUES | NEGATIONS | YES | NO | set(ORDINALS) | _COMPARATIVES
    misspelt = spellings()
    for t in toks:
        fixed = misspelt.get(t.word) if t.key not in lex.known else None
        if fixed is None and t.word.isalpha() and t.word not in protected and t.key not in lex.known \
                and t.word not in NUMBER_WORDS and not t.name:  # `NodeA` names a thing: it is no typo of `node`
            fixed = lex.correct(t.word, _COMMAND_WORDS)
            counted = bool(out) and (out[-1].word in NUMBER_WORDS or out[-1].word.isdigit())
            if fixed is not None and is_english(t.word) and (not counted or key(fixed) not in lex.question_words):
                fixed = None  # a real word, meant as written — after a number too, unless it becomes a counted thing
            if fixed is None and len(t.word) == 3 and counted:
                fixed = lex.correct_short(t.word)  # "single nod", "3 nods": a counted thing after a number
        if fixed and fixed[0] == t.word[0]:
            out.append(Token(fixed, key(fixed), t.start, t.end, t.word))
            notes.append(f"read '{t.word}' as '{fixed}'")
        else:
            out.append(t)
    return out, notes


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
    toks, _ = corrected(lex, tokenize(raw))
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
    toks, notes = corrected(lex, tokenize(text))
    r = read_statement(lex, toks, text, pending=pending, whole=len(toks) <= 2)
    unknown = [t.original or t.word for n, t in enumerate(toks) if n not in r.used and unknown_word(t)]
    return r.facts, unknown, notes + r.notes


def _hinted_in(kb: KnowledgeBase, text: str) -> list[Hint]:
    """What the everyday phrases of a supposition point to ("what if it must survive a server failure?")."""
    lex = lexicon_for(kb)
    toks, _ = corrected(lex, tokenize(text))
    return [Hint(words, kb.options[oid].title, kb.options[oid].source, option=oid)
            for oid, words in read_statement(lex, toks, text).hinted if oid in kb.options]


def unknown_word(t: Token) -> bool:
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
    parts = re.split(r"=|:|\bto\b|\bis\b|\bas\b", raw, maxsplit=1)
    raw_value = parts[-1].strip().rstrip(".!?") or m.group("v")
    if len(parts) == 2 and parts[0].rstrip().endswith("!"):  # `internet != airgap`: what it is not
        raw_value = f"not {raw_value}"
    return qid, _read_value(kb, kb.questions[qid], raw_value)


def _option_command(kb: KnowledgeBase, name: str, rest: str, notes: list[str]) -> Understanding | None:
    ids = resolve_options(lexicon_for(kb), rest)
    if ids:
        return Understanding(command=name, args=tuple(ids), notes=tuple(notes))
    return None


def _names_side_by_side(kb: KnowledgeBase, words: list[str]) -> list[str]:
    """Option ids named one after another without "and": the longest run of words naming options first."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            found = resolve_options(lexicon_for(kb), " ".join(words[i:j]))
            if found:
                out += [x for x in found if x not in out]
                i = j
                break
        else:
            i += 1
    return out


def _two_sides(a: Iterable[Any], b: Iterable[Any]) -> bool:
    """True when "A or B?" names options on both sides and no option on both: a comparison."""
    left, right = set(a), set(b)
    return bool(left) and bool(right) and not left & right


def _compare(kb: KnowledgeBase, rest: str, notes: list[str]) -> Understanding:
    ids: list[str] = []
    unknown: list[str] = []
    for part in re.split(r"\s+(?:and|with|to|vs|versus|against|or)\s+|\s*,\s*|\s+&\s+", rest):
        found = resolve_options(lexicon_for(kb), part) if part.strip() else []
        if not found and len(part.split()) > 1:  # "compare k3s rke": names side by side, no "and"
            found = _names_side_by_side(kb, part.split())
        if found:
            ids += [i for i in found if i not in ids]
        elif _words(part):
            unknown.append(part)
    return Understanding(command="compare", args=tuple(ids), unknown=tuple(unknown), notes=tuple(notes))


_WITH_ASIDE = frozenset({"restart", "facts", "help", "quit"})
"""Commands that may come with a reason after them, which is not read as facts."""


def _head_clause(raw: str) -> tuple[str, str]:
    """The first clause of the text, as command_of matches it, and the rest."""
    parts = re.split(r"[,;:—–]|\s-\s|\s(?=because\b|since\b|as\b)", raw.strip(), maxsplit=1)
    if len(parts) < 2:
        return "", ""
    return _bare(" ".join(t.word for t in tokenize(parts[0]) if t.word not in PUNCTUATION)), parts[1]


def _bare(norm: str) -> str:
    """A command's words without politeness before them or fillers after them."""
    s = POLITE.sub("", norm).strip()
    return _TRAILING_FILLER.sub("", s)


_TRAILING_FILLER = re.compile(r"(?:\s+(?:please|though|then|exactly|anyway|here|now|so far|side by side|for me|for us))+$")


def command_of(kb: KnowledgeBase, norm: str, raw: str, notes: list[str]) -> Understanding | None:
    """A command, if the text is one."""
    s = _bare(norm)
    if not s:
        return Understanding(command="help") if raw.strip() == "?" else None
    for name, pattern in _SIMPLE:
        if re.fullmatch(pattern, s):
            return Understanding(command=name, notes=tuple(notes))
    head, rest = _head_clause(raw)
    if rest and head != "q" and not rest.rstrip().endswith("?") \
            and not re.search(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b", rest.lower()):
        # "Q: where do the images come from?" labels a question; it does not quit
        for name, pattern in _SIMPLE:  # "let's start again, I mixed up the numbers": the reason is an aside
            if name in _WITH_ASIDE and re.fullmatch(pattern, head):
                return Understanding(command=name, notes=tuple(notes))
    if _CHECKLIST.fullmatch(s):
        return Understanding(command="docs", args=("checklist",), notes=tuple(notes))
    m = _DOCS.fullmatch(s)
    if m:
        return Understanding(command="docs", args=tuple(_words(m.group("rest") or "")), notes=tuple(notes))
    for name, pattern in _FILE_CMDS:
        m = re.fullmatch(rf"(?:{pattern})(?:\s+(?:it|this))?(?:\s+(?:to|as|in|into|from|at))?(?:\s+(?P<f>.+))?", s)
        if m and not (m.group("f") and len(m.group("f").split()) > 6 and not re.search(r"\S[./]\S", raw)):
            return Understanding(command=name, args=_file_arg(raw, bool(m.group("f"))), notes=tuple(notes))
    m = _UNSET.fullmatch(s)
    if m and resolve_question(kb, m.group("q")):
        return Understanding(command="unset", args=(resolve_question(kb, m.group("q")) or "",), notes=tuple(notes))
    return _reasoning_command(kb, s, raw, notes)


_IF = re.compile(r"^(?:(?:ok|okay|so|and|but|now|then|well|hmm|hypothetically|just|and say|so say|how about|what about|"
                 r"fine|alright|right|good|great|cool|thanks|yes|yeah|no|nope|hm)\s*,?\s+)*"
                 r"(?:if|say|suppose|supposing|imagine|assuming|in case|lets say|let us say|what if)\s+(?P<rest>.+)$")
_CONSEQUENCE = re.compile(r"^(?:then\s+)?(?:what|whats|how|would|does|do|will|is|are|which|any|then)\b")
_DOCS_ASK = re.compile(r"^(?:then\s+)?(?:(?:can|could|do|does|is|are|will|should|must|how)\s+(?:i|we|you|it|they|there|one|that|this)|"
                       r"(?:is|are|will|do|does)\s+(?:the|my|our|its|their|all|any)\b.*\b(?:still|there|kept|lost|gone)|"
                       r"why|where|who)\b")
"""A consequence that asks what the docs allow or say (`can I turn it into HA later?`), whether something is kept (`are the
images I pulled still there?`), where or why (`where do the images come from?`), not what changes."""
_ASKS_CHANGE = re.compile(r"\b(?:recommend\w*|chang\w*|differen\w*|pick|choose|fit\w*|option\w*|best|which|"
                          r"suggest\w*|advi[cs]e\w*|go with|open\w* (?:\w+ )?up|still (?:fine|ok|okay|good|right|the way))\b")
_CHANGES = re.compile(r"\b(?:chang\w*|happen\w*|differen\w*|still|same|then what|recommend\w*|affect\w*|matter\w*)\b")
_EVENT = re.compile(r"\b(?:fail|fails|failed|failing|dies|die|died|crash\w*|goes down|go down|went down|breaks|broke|"
                    r"goes dark|go dark|goes offline|is down|are down|loses power|lose power|is gone|"
                    r"restarts?|reboots?|is lost|gets lost|is unreachable|becomes unavailable|outage)\b")
_HAPPENS = re.compile(r"^(?:\w+\s+){0,2}?what (?:happens|would happen|will happen)\b")
"""`What happens if …`: the consequence of an event, which the docs tell, unless the event is a change of setup."""
_ASIDES = frozenset("ok okay so and but now then well hmm hm hypothetically say right alright wait fine good great cool "
                    "thanks sure yes yeah no nope".split())
_WITH = re.compile(r"^(?:(?:and|or|but)\s+)?(?:(?:the\s+)?same\s+(?:thing\s+)?(?:but\s+)?)?(?:with|on|using|for)\s+"
                   r"(?P<rest>.+)$")
_ASKS_IF = re.compile(r"^(?:how|what|which|would|does|do|will|is|are|could)\b.*?\b(?:if|with|assuming|supposing|when|behind|without)\s+"
                      r"(?P<rest>.+)$")
_INSTEAD = re.compile(r"^(?:and\s+|or\s+|what about\s+|how about\s+)?(?P<rest>.+?)\s+instead$")


_SEVERAL = re.compile(r"[.!?]\s+\S")
"""Text of more than one sentence: `Using Calico with Azure. Will it …?` is no short follow-up (`with BGP?`)."""


def _conditional(kb: KnowledgeBase, raw: str, notes: list[str]) -> Understanding | None:
    """ "If we need to scale the writes, what changes?", "and say we never need HA, then what?",
    "2 nodes instead?": a situation supposed, and a question about what it changes — a what-if.
    Without a question (no "?" and no clause asking) an "if" is a condition of a statement."""
    text = re.sub(r"\s+", " ", raw.strip().lower().replace("’", "'"))
    asks = text.endswith("?")
    clauses = [c.strip() for c in re.split(r"[,;]|\s+-\s+", text.rstrip("?.! ")) if c.strip()]
    while clauses and clauses[0] in _ASIDES:
        clauses = clauses[1:]
    if not clauses:
        return None
    words = " ".join(t.word for t in tokenize(clauses[0]))
    m = _IF.fullmatch(words)
    if m:
        kept = [m.group("rest")]
        for c in clauses[1:]:
            said = " ".join(t.word for t in tokenize(c))
            if _DOCS_ASK.match(said) and not _ASKS_CHANGE.search(said):
                return None  # "if I start with Docker, can I turn it into HA later?" asks the docs
            if _CONSEQUENCE.match(said):
                asks = True
                break
            kept.append(c)
        if not asks:
            return None
        condition = ", ".join(kept)
    elif asks and len(clauses) == 1 and not _SEVERAL.search(raw.strip()) and (i := _INSTEAD.fullmatch(" ".join(t.word for t in tokenize(clauses[0])))
                                         or _WITH.fullmatch(" ".join(t.word for t in tokenize(clauses[0])))):
        condition = i.group("rest")
    elif asks and (i := _ASKS_IF.match(" ".join(t.word for t in tokenize(text)))):
        condition = i.group("rest")  # "what would you recommend if it was for production?"
    else:
        return None
    if _EVENT.search(condition):
        return None  # "what happens if one node fails?" asks the docs about an event, not a change of setup
    facts, unknown, more = _facts_in(kb, condition)
    if not m and not _CHANGES.search(text) and not _INSTEAD.fullmatch(" ".join(t.word for t in tokenize(clauses[0]))) \
            and not (len(clauses) == 1 and _WITH.fullmatch(" ".join(t.word for t in tokenize(clauses[0])))):
        return None  # "how do I upgrade from X to HA?" asks the docs; only a change asked about is a what-if
    if not facts and not (m and _CHANGES.search(text)):
        return _supposed_options(kb, text, condition, notes + more)  # "and with BGP instead?" on a pack without answers
    return Understanding(command="what_if", args=_pairs(kb, facts), unknown=() if facts else tuple(unknown),
                         notes=tuple(notes + more))


_FOLLOW_UP = re.compile(r"^(?:(?:and|but|or|so|ok|okay|hypothetically)\s*,?\s+)+(?:what\s+)?(?:if|with|using|on|say)\b|"
                        r"^(?:and|or)\s+.+\binstead$|^what if\b")
"""A short follow-up that supposes something else ("and if it's only dev?", "and with BGP instead?")."""
_FOLLOW_UP_WORDS = 10


def _supposed_options(kb: KnowledgeBase, text: str, condition: str, notes: list[str]) -> Understanding | None:
    """A short follow-up whose supposition names no answer the knowledge base asks for, but names an option
    or words that point at one: a what-if that leans to it (its reply weighs the leaning); else None (a
    question for the docs)."""
    said = text.rstrip("?.! ")
    if len(said.split()) > _FOLLOW_UP_WORDS or not _FOLLOW_UP.search(said):
        return None
    lex = lexicon_for(kb)
    toks, _ = corrected(lex, tokenize(condition))
    r = read_statement(lex, toks, condition)
    found = [Hint(words, kb.options[oid].title, kb.options[oid].source, option=oid) for oid, words in r.hinted
             if oid in kb.options]
    named = [o for o in [*resolve_options(lex, condition), *r.options, *r.wanted] if o in kb.options]
    leaning = tuple(dict.fromkeys([*named, *(h.option for h in found)]))
    if not leaning:
        return None
    return Understanding(command="what_if", args=(), hints=tuple(found), leanings=leaning, notes=tuple(notes))


def _reasoning_command(kb: KnowledgeBase, s: str, raw: str, notes: list[str]) -> Understanding | None:
    found = _conditional(kb, raw, notes)
    if found is not None:
        return found
    m = _WHAT_IF.fullmatch(s)
    if m:
        rest = m.group("rest")
        pair = _assignment(kb, "set " + rest if not rest.startswith("set ") else rest, rest)
        facts, unknown, more = _facts_in(kb, rest)
        if _EVENT.search(rest) and not facts and not pair:
            return None  # "what happens if the bigger site goes dark?" asks the docs about an event
        args = pair if pair and "=" in rest else _pairs(kb, facts) if facts else (pair if pair else ())  # `internet=no`
        not_equal = _NOT_EQUAL.search(raw)  # `what if internet!=proxy`: the words alone lose the `!`
        if not_equal and (pair := _assignment(kb, f"{not_equal['q'].lower()} = {not_equal['v']}", not_equal[0])):
            args = pair
        found = hints(kb, unknown) if not args and unknown else ()  # "what if we later need tail sampling?"
        found = (*found, *(() if args else _hinted_in(kb, rest)))  # "what if it must survive a server failure?"
        if not args and not found and _HAPPENS.match(s):
            return None  # "what happens if somebody pushes after the plan ran?": nothing of the setup; asks the docs
        leaning = tuple(dict.fromkeys(h.option for h in found if h.option))
        return Understanding(command="what_if", args=tuple(args), unknown=() if args or found else tuple(unknown),
                             notes=tuple(notes + more), hints=found, leanings=leaning)
    pair = _assignment(kb, s, raw)
    if pair:
        return Understanding(command="set", args=pair, notes=tuple(notes))
    for pattern in (_COMPARE, _DIFF):
        m = pattern.fullmatch(s)
        if m:
            return _compare(kb, m.group("rest"), notes)
    m = _SIDE_BY_SIDE.fullmatch(s)
    if m and re.search(r"\bside by side\b|\bnext to each other\b", raw.lower()):
        return _compare(kb, m.group("rest"), notes)
    lex = lexicon_for(kb)
    m = _VERSUS.fullmatch(s)
    e = _EITHER.fullmatch(s) if raw.rstrip().endswith("?") else None
    if e and _two_sides(resolve_options(lex, e.group("a")), resolve_options(lex, e.group("b"))):
        m = e  # "etcd or sqlite?", "k3s or rke?": options on each side, none on both
    if m and resolve_options(lex, m.group("a")):
        b, rest = m.group("b"), ""
        if (cut := re.search(r"\s(?:for|with|on|in|given)\s", b)) is not None:
            b, rest = b[:cut.start()], b[cut.end():]
        if resolve_options(lex, b):  # "sqlite vs etcd for a 1-node dev box": compare, with the facts
            facts, _, more = _facts_in(kb, rest) if rest else ([], [], [])
            u = _compare(kb, f"{m.group('a')} and {b}", notes + more)
            return replace(u, facts=tuple(facts))
    m = _WORTH_IT.fullmatch(s)
    named = (m.group("rest") or m.group("rest2")) if m else ""
    if m and len(found := resolve_options(lex, named)) == 1 and not _facts_in(kb, named)[0]:
        return Understanding(command="why_not", args=tuple(found), notes=tuple(notes))  # how it fits what was said
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
