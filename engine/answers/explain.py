"""Explanations: why, why not, what if, the checklist — every sentence with its Citation.

    >>> a = assess(kb, {"purpose": "production", "nodes": 3})      # doctest: +SKIP
    >>> for s in why(kb, a): print(s.text, s.source)                # doctest: +SKIP
    >>> why_not(kb, a, find_option(kb, "docker"))                   # doctest: +SKIP

Every explanation is a list (or an iterable) of `Statement`s, so front ends print them the
same way. `compare` lives in engine.answers.compare and `answer_question` in engine.answers.from_docs; both
are re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from fingerpost.engine.answers.compare import Column, Comparison, compare
from fingerpost.engine.answers.from_docs import Answer, Source, answer_question
from fingerpost.engine.answers.guides import prerequisites_for
from fingerpost.engine.answers.statement import Statement, decision_source, statement_of
from fingerpost.engine.facts import Fact, display_value, known, parse_answer, question_name
from fingerpost.engine.language.lexicon import lexicon_for, resolve_options
from fingerpost.engine.reason.assess import Assessment, assess
from fingerpost.engine.reason.fit import Candidate, Reason, recommendation_score
from fingerpost.engine.reason.likely import leaning_ids, option_shares
from fingerpost.engine.reason.offer import blocking_rule
from fingerpost.kb.errors import UnknownOption
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.records import Option

__all__ = [
    "Statement", "Change", "StatusChange", "why", "why_not", "what_if", "checklist", "find_option", "support",
    "compare", "Comparison", "Column", "answer_question", "Answer", "Source", "statement_of", "what_if_brief",
    "nearest_statements", "set_aside_statements",
]


def find_option(kb: KnowledgeBase, words: str) -> str:
    """The option id that `words` name (id, title, synonym, or a near miss); UnknownOption with suggestions."""
    from rapidfuzz import fuzz, process  # start-up: rapidfuzz loads only when a name must be guessed

    text = words.strip()
    if text in kb.options:
        return text
    ids = resolve_options(lexicon_for(kb), text)
    if len(ids) == 1:
        return ids[0]
    if ids:
        raise UnknownOption(f"`{text}` fits several options: {', '.join(ids)}",
                            hint="say which: " + "; ".join(f"{i} ({kb.options[i].title})" for i in ids))
    names = {**{o.id: o.id for o in kb.options.values()}, **{o.title: o.id for o in kb.options.values()}}
    near = process.extract(text, list(names), scorer=fuzz.WRatio, limit=3)
    hint = "did you mean " + " or ".join(dict.fromkeys(names[n] for n, _, _ in near)) + "?" if near else ""
    raise UnknownOption(f"no option matches `{text}`", hint=hint or "options: " + ", ".join(kb.options))


# ---- why ---------------------------------------------------------------------------------------------
def support(kb: KnowledgeBase, a: Assessment, oid: str) -> list[Statement]:
    """What speaks for an option: recommendations that apply and constraints that hold, parents first."""
    out, seen = [], set()
    for o in reversed(kb.lineage(oid)):
        for r in a.candidate(o.id).reasons:
            # an exclusion that does not apply is no reason for an option, nor is a need not known yet
            speaks = r.kind == "recommends" or (r.kind == "requires" and r.holds is True)
            if speaks and (r.text, r.source) not in seen:
                seen.add((r.text, r.source))
                out.append(statement_of(r))
    return out


def _ranking(kb: KnowledgeBase, a: Assessment, winner: Candidate, other: Candidate) -> Statement:
    """Why `winner` ranks above `other`: a recommendation, a stated priority, or document order."""
    w_rec, w_reasons = recommendation_score(kb, a.facts, winner.option.id, ())
    o_rec, _ = recommendation_score(kb, a.facts, other.option.id, ())
    if w_rec > o_rec and w_reasons:
        r = w_reasons[0]
        return Statement(f"{other.option.title} ranks lower: the documentation recommends "
                         f"{winner.option.title} for your answers.", r.source, "recommends", None, other.option.id)
    wq, oq = dict(winner.option.qualities), dict(other.option.qualities)
    for p in a.priorities:
        if p in wq and p in oq and wq[p] != oq[p]:
            return Statement(f"{other.option.title} ranks lower on your priority {p} "
                             f"({oq[p]} against {wq[p]}).", other.option.source, "priority", None, other.option.id)
    shares = option_shares(kb, a.shares)
    if round(shares.get(winner.option.id, 0.0), 9) > round(shares.get(other.option.id, 0.0), 9):
        return Statement(f"{other.option.title} is still possible, but {winner.option.title} fits more of the "
                         "answers still open.", other.option.source, "note", None, other.option.id)
    if other.fits is None and winner.fits is True:
        return Statement(f"{other.option.title} still depends on answers not given yet, while "
                         f"{winner.option.title} already fits.", other.option.source, "note", None, other.option.id)
    state = "fits too" if other.fits else "is still possible too"
    leaning = leaning_ids(kb, a.leanings)
    if winner.option.id in leaning and other.option.id not in leaning:  # the words said tipped it, not the order
        return Statement(f"{other.option.title} {state}; what you said points to {winner.option.title}.",
                         winner.option.source, "note", None, other.option.id)
    return Statement(f"{other.option.title} {state}; {winner.option.title} comes first in the documentation.",
                     winner.option.source, "note", None, other.option.id)


def _rivals(kb: KnowledgeBase, a: Assessment) -> list[Statement]:
    """For each level of the recommendation (top option, variant, …), the siblings still in play."""
    out = []
    rec = a.recommendation
    if rec is None:
        return out
    for chosen in reversed(kb.lineage(rec.option.id)):
        siblings = kb.variants(chosen.parent) if chosen.parent else kb.top_options()
        for s in siblings:
            c = a.candidate(s.id)
            if s.id != chosen.id and c.status != "ruled_out":
                out.append(_ranking(kb, a, a.candidate(chosen.id), c))
    return out


def why(kb: KnowledgeBase, a: Assessment) -> list[Statement]:
    """Why the recommendation: what speaks for it, why the others rank lower, what could still change it."""
    rec = a.recommendation
    if rec is None:
        out = [Statement("No option fits your answers.", decision_source(kb), "headline")]
        near = nearest_statements(kb, a)
        if near:
            return out + near
        for c in a.candidates:
            if not c.option.parent:
                out += [Statement(f"{c.option.title}: {r.text}", r.source, r.kind, False, c.option.id)
                        for r in c.reasons if r.holds is False][:1]
        return out
    lead = f"{a.title} is recommended." if a.decided else f"{a.title} is the best fit so far."
    out = [Statement(lead, rec.option.source, "headline", None, rec.option.id)]
    out += set_aside_statements(kb, a)
    out += support(kb, a, rec.option.id)
    out += _rivals(kb, a)
    for qid in a.could_change:
        q = kb.questions[qid]
        out.append(Statement(f"Your answer to “{q.text}” could still change this.", q.source, "question", None,
                             "", ref=qid))
    return out


def nearest_statements(kb: KnowledgeBase, a: Assessment, limit: int = 4) -> list[Statement]:
    """With no option fitting: the nearest fits, each with the rule that blocks it and what to change."""
    out = []
    for n in a.nearest[:limit]:
        o = kb.options[n.option]
        change = " and ".join(f"the {question_name(kb.questions.get(q), q)} to "
                              f"{display_value(kb.questions.get(q), v) if v is not None else 'another answer'}"
                              for q, v in n.to)
        rule = n.blocked_by[0] if n.blocked_by else None
        because = f" — {rule.text}" if rule is not None else ""
        out.append(Statement(f"{o.title} would fit if you changed {change}{because}",
                             rule.source if rule is not None else o.source, "nearest", False, o.id))
    return out


def set_aside_statements(kb: KnowledgeBase, a: Assessment) -> list[Statement]:
    """Wishes that conflict with the facts: reported, and set aside."""
    out = []
    for qid, value in a.set_aside:
        q = kb.questions.get(qid)
        rule = blocking_rule(kb, {**a.facts, qid: value}, q) if q is not None else None
        why = rule.text if rule is not None else "No option fits that with your other answers."
        cite = rule.source if rule is not None else (q.source if q is not None else decision_source(kb))
        out.append(Statement(f"Your wish of {display_value(q, value)} for the {question_name(q, qid)} is set aside: "
                             f"{why}", cite, "wish", False, "", ref=qid))
    return out


def why_not(kb: KnowledgeBase, a: Assessment, option_id: str) -> list[Statement]:
    """Why an option is not the recommendation (or, for the recommendation itself, why it is)."""
    c = a.candidate(kb.option(option_id).id)
    o = c.option
    if c.status == "recommended":
        return why(kb, a)
    if c.status == "ruled_out":
        out = [Statement(f"{o.title} is ruled out by your answers.", o.source, "headline", False, o.id)]
        out += [statement_of(r) for r in c.reasons if r.holds is False and r.condition]
        for v in kb.variants(o.id) if not any(r.holds is False and r.condition for r in c.reasons) else ():
            out += [Statement(f"{v.title}: {r.text}", r.source, r.kind, False, v.id)
                    for r in a.candidate(v.id).reasons if r.holds is False][:1]
        return out
    if c.status == "open":
        out = [Statement(f"{o.title} is still possible: it depends on answers not given yet.", o.source,
                         "headline", None, o.id)]
        out += [statement_of(r) for r in c.reasons if r.holds is None]
        if a.recommendation is not None:
            out.append(_ranking(kb, a, a.recommendation, c))
        return out
    out = [Statement(f"{o.title} fits your answers, but {a.title or 'another option'} is recommended.", o.source,
                     "headline", True, o.id)]
    if a.recommendation is not None:
        winner = _sibling_winner(kb, a, o)
        out.append(_ranking(kb, a, winner, c))
    return out


def _sibling_winner(kb: KnowledgeBase, a: Assessment, o: Option) -> Candidate:
    """The recommended option at the same level as `o` (its sibling on the recommended line)."""
    assert a.recommendation is not None
    for x in kb.lineage(a.recommendation.option.id):
        if x.parent == o.parent:
            return a.candidate(x.id)
    return a.recommendation


# ---- what if -----------------------------------------------------------------------------------------
@dataclass(slots=True, frozen=True)
class StatusChange:
    """An option whose status would change."""

    option: Option
    """The option."""
    before: str
    """Its status now."""
    after: str
    """Its status with the changed answer."""
    reasons: tuple[Statement, ...]
    """The statements that change, under the new answer."""


@dataclass(slots=True, frozen=True)
class Change:
    """What one different answer would change. Iterating yields its statements."""

    question: str
    """The question whose answer changes."""
    value: Any
    """The typed value tried."""
    before: Assessment
    """The assessment now."""
    after: Assessment
    """The assessment with the new answer."""
    changed: bool
    """True when the recommendation (option or variant) would change."""
    statuses: tuple[StatusChange, ...]
    """Options whose status would change, in document order."""
    statements: tuple[Statement, ...] = field(default=())
    """The explanation, every sentence cited."""

    def __iter__(self) -> Iterator[Statement]:
        return iter(self.statements)


def _entries(facts: Mapping[str, Any] | Iterable[Fact]) -> list[Fact]:
    if isinstance(facts, Mapping):
        return [Fact(k, v, "set") for k, v in facts.items()]
    return [f for f in facts if f.how != "implied"]


def _about(reasons: Iterable[Reason], qid: str) -> list[Reason]:
    out = []
    for r in reasons:
        if r.condition and (f"{qid} " in r.condition or r.condition.startswith(qid)):
            out.append(r)
    return out


def what_if(kb: KnowledgeBase, facts: Mapping[str, Any] | Iterable[Fact], question: str, value: Any,
            priorities: Sequence[str] = ()) -> Change:
    """The recommendation and statuses before and after answering `question` with `value` (nothing is kept)."""
    q = kb.question(question)
    typed = parse_answer(q, value) if isinstance(value, str) else value
    entries = _entries(facts)
    now = known(kb.questions, entries)
    then = known(kb.questions, [*entries, Fact(q.id, typed, "what-if")])
    before, after = assess(kb, now, priorities), assess(kb, then, priorities)
    said = display_value(q, typed)
    b_title = before.title or "no option"
    a_title = after.title or "no option"
    b_id = before.recommendation.option.id if before.recommendation else ""
    a_id = after.recommendation.option.id if after.recommendation else ""
    # naming a variant that was not known yet is no change; switching it from one answer to another is
    changed = b_id != a_id or (b_title != a_title and q.id in before.facts)
    statuses = []
    for cb, ca in zip(before.candidates, after.candidates, strict=True):
        if cb.status != ca.status:
            rs = _about(ca.reasons, q.id) or [r for r in ca.reasons if r.holds is False] or list(ca.reasons[:1])
            statuses.append(StatusChange(ca.option, cb.status, ca.status,
                                         tuple(_supposed(statement_of(r), said) for r in rs)))
    cite = q.source
    if changed and after.recommendation is not None:
        rs = _about(after.recommendation.reasons, q.id)
        cite = rs[0].source if rs else after.recommendation.option.source
    name = question_name(q)
    if changed:
        head = f"If the {name} were {said}, the recommendation would change from {b_title} to {a_title}."
    elif b_title != a_title:
        head = f"If the {name} were {said}, the recommendation would stay {b_title}, as {a_title}."
    else:
        head = f"If the {name} were {said}, the recommendation would stay {b_title}."
    out = [Statement(head, cite, "headline", None, after.recommendation.option.id if after.recommendation else "",
                     ref=q.id)]
    for s in statuses:
        lead = Statement(f"{s.option.title}: {s.before.replace('_', ' ')} → {s.after.replace('_', ' ')}.",
                         s.reasons[0].source if s.reasons else s.option.source, "change", None, s.option.id)
        out += [lead, *s.reasons]
    if not statuses:
        out.append(Statement("No option's status would change.", q.source, "note", ref=q.id))
    return Change(q.id, typed, before, after, changed, tuple(statuses), tuple(out))


def what_if_brief(kb: KnowledgeBase, change: Change) -> list[Statement]:
    """What a what-if changed, in a few lines: the headline, the caveat the new recommendation
    carries (its first trade-off), and each top-level option whose status changes with one reason."""
    out = list(change.statements[:1])
    rec = change.after.recommendation
    if rec is not None:
        cons = [t for t in kb.tradeoffs_for(rec.option.id) if t.side == "con"]
        out += [Statement(t.text, t.source, "con", None, rec.option.id) for t in cons[:1]]
    for s in change.statuses:
        if not s.option.parent:
            lead = Statement(f"{s.option.title}: {s.before.replace('_', ' ')} → {s.after.replace('_', ' ')}.",
                             s.reasons[0].source if s.reasons else s.option.source, "change", None, s.option.id)
            out += [lead, *s.reasons[:1]]
    if len(out) == 1 and not change.statuses:
        out += list(change.statements[1:2])
    return out


def _supposed(s: Statement, said: str) -> Statement:
    """A statement that turns on the supposed answer `said`: the user did not say it ("with", not
    "you said"); a statement about what the user did say is left as it is."""
    if f"(you said {said}" not in s.text and f" and {said})" not in s.text:
        return s
    return replace(s, text=s.text.replace("(you said ", "(with "))


# ---- checklist ---------------------------------------------------------------------------------------
def checklist(kb: KnowledgeBase, a: Assessment) -> list[Statement]:
    """Prerequisites of the recommendation that apply to the answers, dependencies first, with links."""
    rec = a.recommendation
    if rec is None:
        return []
    out = []
    for p in prerequisites_for(kb, rec.option.id, a.facts):
        text = p.title if p.title.endswith(".") else p.title + "."
        out.append(Statement(text, p.source, "prerequisite", None, rec.option.id,
                             kb.href(p.href) if p.href else "", p.id))
    return out
