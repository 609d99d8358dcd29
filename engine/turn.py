"""One turn without a session: text (and explicit answers) in, facts, assessment and a reply out.

    >>> t = take_turn(kb, "production, three nodes. why not docker?")     # doctest: +SKIP
    >>> t.assessment.title, [s.text for s in t.reply][:1]                   # doctest: +SKIP

This is what `fingerpost ask` runs, and what the latency benchmark times: understand → assess
→ explain (for a command or a question) → the `ask` JSON.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from fingerpost.engine.answers import explain
from fingerpost.engine.answers.from_docs import answer_question, passages_for, section_title
from fingerpost.engine.answers.guides import docs_for
from fingerpost.engine.answers.reply import Reply, decision_reply
from fingerpost.engine.answers.statement import Statement
from fingerpost.engine.facts import Fact, known, parse_answer
from fingerpost.engine.language.commands import SESSION_COMMANDS
from fingerpost.engine.language.evidence import evidence_for
from fingerpost.engine.language.lexicon import lexicon_for
from fingerpost.engine.language.understand import Understanding, understand
from fingerpost.engine.reason.assess import Assessment, assess
from fingerpost.engine.reason.compiled import compiled
from fingerpost.engine.reason.exact import space_for
from fingerpost.kb.graph import KnowledgeBase

__all__ = ["Turn", "take_turn", "command_turn", "answer_json", "prepare", "CHAT_ONLY"]

CHAT_ONLY = SESSION_COMMANDS
"""Commands that act on a session; one turn can only say where to use them."""


@dataclass(slots=True, frozen=True)
class Turn:
    """The result of one turn."""

    understanding: Understanding
    """How the text was read."""
    entries: tuple[Fact, ...]
    """The facts used: explicit answers, then what the text stated (explicit answers win)."""
    assessment: Assessment
    """The engine's conclusions for those facts."""
    reply: tuple[Statement, ...]
    """The reply to a command or a question (empty when the text only stated facts)."""
    answer_found: bool = True
    """False when a question was asked and the documentation does not say."""
    notes: tuple[str, ...] = ()
    """How the turn was handled where that is not obvious (chat-only commands, conflicts)."""
    said: Reply | None = None
    """The one reply model for this turn: what every front end shows (engine.answers.reply)."""


def _merge(stated: Iterable[Fact], explicit: Sequence[Fact]) -> tuple[list[Fact], list[str]]:
    fixed = {f.question: f for f in explicit}
    notes = []
    kept = []
    for f in stated:
        if f.question in fixed and fixed[f.question].value != f.value:
            notes.append(f"kept {f.question}={fixed[f.question].value} given with --set over '{f.text}'")
            continue
        kept.append(f)
    return [*kept, *explicit], notes


def _supposed_leaning(kb: KnowledgeBase, u: Understanding, entries: list[Fact],
                      priorities: Sequence[str]) -> list[Statement]:
    """A what-if no answer can express, only words the docs tie to an option: the recommendation
    those words would lead to, supposed and not kept."""
    facts = known(kb.questions, [f for f in entries if f.how != "wish"])
    before, after = assess(kb, facts, priorities), assess(kb, facts, priorities, leanings=u.leanings)
    hint = next(h for h in u.hints if h.option in u.leanings)
    if before.recommendation is not None and after.recommendation is not None \
            and before.recommendation.option.id != after.recommendation.option.id:
        head = f"If “{hint.words}” held, the recommendation would change from {before.title} to {after.title}."
    else:
        head = f"If “{hint.words}” held, the recommendation would be {after.title or 'no option'}."
    return [Statement(head, hint.source, "headline", None, after.recommendation.option.id if after.recommendation else ""),
            Statement(f"The documentation ties '{hint.words}' to {hint.title}; nothing is kept — say it as a fact "
                      "if it holds.", hint.source, "note", None, hint.option)]


def _command_reply(kb: KnowledgeBase, u: Understanding, a: Assessment, entries: list[Fact],
                   priorities: Sequence[str]) -> tuple[list[Statement], list[str]]:
    cmd, args = u.command, list(u.args)
    if cmd == "why":
        return explain.why(kb, a), []
    if cmd == "why_not":
        out: list[Statement] = []
        for oid in args:
            out += explain.why_not(kb, a, oid)
        return out, ([] if args else ["which option? say `why not` and its name"])
    if cmd == "compare":
        ids = args if len(args) != 1 or a.recommendation else []
        return (list(explain.compare(kb, a, ids)) if ids else []), ([] if ids else ["compare needs two options"])
    if cmd == "what_if" and len(args) >= 2:
        change = explain.what_if(kb, entries, args[0], args[1], priorities)
        return explain.what_if_brief(kb, change), []  # what changed, not everything
    if cmd == "what_if" and u.leanings:  # "what if we later need tail sampling?": what the docs tie those words to
        return _supposed_leaning(kb, u, entries, priorities), []
    if cmd == "docs":
        out = explain.checklist(kb, a)
        if a.recommendation is not None:
            out += [Statement(d.title, d.source, "doc", None, d.option, kb.href(d.href))
                    for d in docs_for(kb, a.recommendation.option.id, a.facts)]
        return out, []
    if cmd in CHAT_ONLY:
        return [], [f"`{cmd}` works in the chat (run `fingerpost`); ask answers one turn"]
    return [], []


def command_turn(kb: KnowledgeBase, u: Understanding, entries: Sequence[Fact],
                 priorities: Sequence[str] = ()) -> Turn:
    """The reply to a command already understood (the chat's why, why not, what if) on the facts
    `entries`: the same answers `take_turn` gives, without reading text again."""
    facts = known(kb.questions, [f for f in entries if f.how != "wish"])
    a = assess(kb, facts, priorities)
    reply, notes = _command_reply(kb, u, a, list(entries), priorities)
    return Turn(u, tuple(entries), a, tuple(reply), True, tuple(notes), decision_reply(kb, a, tuple(reply)))


def take_turn(kb: KnowledgeBase, text: str, explicit: Sequence[Fact] = (), priorities: Sequence[str] = ()) -> Turn:
    """Understand `text` on top of `explicit` answers, assess, and reply to a command or a question.

    An explicit Fact with `how="wish"` is a wish: it counts unless no option fits it with the facts,
    then it is set aside (the Assessment says so)."""
    base = known(kb.questions, explicit)
    u = understand(kb, text, facts=base) if text.strip() else Understanding()
    stated = list(u.facts)
    if u.command == "set" and len(u.args) == 2:
        q = kb.question(u.args[0])
        stated.append(Fact(q.id, parse_answer(q, u.args[1]), "stated", " ".join(u.args)))
    entries, notes = _merge(stated, list(explicit))
    if u.command == "unset" and u.args:
        entries = [f for f in entries if f.question != u.args[0]]
    ranked_by = tuple(dict.fromkeys([*priorities, *u.priorities]))
    stated_wishes = [*getattr(u, "wishes", ())]  # wishes the text stated, when understanding reads them
    entries += [f if f.how == "wish" else Fact(f.question, f.value, "wish", f.text) for f in stated_wishes]
    wishes = {f.question: f.value for f in entries if f.how == "wish"}  # set aside if they conflict
    facts = known(kb.questions, [f for f in entries if f.how != "wish"])
    supposed = u.command == "what_if"  # a what-if's words are supposed, not said: its reply weighs them
    a = assess(kb, facts, ranked_by, wishes={q: v for q, v in wishes.items() if q not in facts},
               leanings=() if supposed else u.leanings, avoid=() if supposed else u.refused)
    reply: list[Statement] = []
    found = True
    if u.command:
        reply, more = _command_reply(kb, u, a, entries, ranked_by)
        notes += more
    elif u.question:
        ans = answer_question(kb, u.question, post=text, toward=leaned_to(kb, a) if u.leanings else "")
        reply, found = list(ans.statements), ans.found
    said = decision_reply(kb, a, tuple(reply), found)
    return Turn(u, tuple(entries), a, tuple(reply), found, tuple(notes), said)


def leaned_to(kb: KnowledgeBase, a: Assessment) -> str:
    """The option a post's words lean to, as recommended (its top-level option): its pages answer the post first."""
    rec = a.recommendation
    if rec is None:
        return ""
    o = rec.option
    while o.parent and o.parent in kb.options:
        o = kb.options[o.parent]
    return o.id


def prepare(kb: KnowledgeBase, freeze: bool = True) -> None:
    """Build every per-knowledge-base index now (for a front end that will serve many turns).

    With `freeze`, the objects built so far are moved out of the garbage collector's way
    (gc.freeze): the indexes live as long as the process, and without this a full collection
    walking them adds tens of milliseconds to an unlucky turn on a large pack."""

    compiled(kb)
    lexicon_for(kb)
    evidence_for(kb)
    passages_for(kb)
    space_for(kb).plan({})
    if freeze:
        gc.collect()
        gc.freeze()


def answer_json(kb: KnowledgeBase, turn: Turn) -> dict[str, Any] | None:
    """The `answer` member of the ask JSON: the reply's text and its sources, or None."""
    if not turn.reply:
        return None
    sources, seen = [], set()
    for s in turn.reply:
        key = (s.source.path, s.source.line)
        if key in seen:
            continue
        seen.add(key)
        sources.append({"title": section_title(kb, s.source), "href": s.href or s.source.href,
                        "source": f"{s.source.path}:{s.source.line}"})
    return {"text": " ".join(s.text for s in turn.reply), "sources": sources}
