"""Facts are data: a session is a list of entries (question, value, how it was learned).

    >>> from fingerpost.kb import compile_path
    >>> kb = compile_path()                                   # doctest: +SKIP
    >>> parse_answer(kb.question("nodes"), "3")               # doctest: +SKIP
    3

Undo, resume, what-if and export are operations on the list; `known()` folds it into the
typed values the evaluator reads, adding what answers imply.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from fingerpost.engine.excluded import Excluded, combine, conflicts, describe, exclude
from fingerpost.kb.errors import BadAnswer, UnknownName
from fingerpost.kb.records import Question
from fingerpost.kb.values import Version, parse_bool

__all__ = ["Fact", "parse_answer", "known", "display_value", "question_name", "parse_setting", "parse_settings", "left_note", "merge_said", "BadAnswer"]


@dataclass(slots=True, frozen=True)
class Fact:
    """One thing learned about the user's situation."""

    question: str
    """Question id."""
    value: Any
    """Typed value: str for a choice, int/float for a number, Version, bool for yes/no, or an
    Excluded for a choice known only by what it is not (engine.excluded)."""
    how: str = "stated"
    """`stated` (understood from text), `set` (explicit), `implied` (by another answer), `default`, or
    `wish` (what the user would like: set aside when it conflicts with the facts)."""
    text: str = ""
    """What the user wrote, if anything."""


def _norm(text: str) -> str:
    return " ".join(str(text).lower().replace("-", " ").replace("_", " ").split())


def parse_answer(q: Question, raw: Any) -> Any:
    """Read `raw` as an answer to `q`; raises BadAnswer with what to type instead.

    For a choice, `not X` (or `no X`, `!X`; `not X, Y` for several) is the fact that it is none
    of them (engine.excluded): the other answer when one is left."""
    if isinstance(raw, Excluded):
        return _excluding(q, raw.values, str(raw))
    if q.kind == "number":
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            value = float(raw)
        else:
            try:
                value = float(str(raw).strip())
            except ValueError:
                raise BadAnswer(f"`{raw}` is not a number for `{q.id}`", hint=f"give a number, e.g. {q.id}=3") from None
        if not math.isfinite(value):  # nan, inf, 1e999: no condition can compare them, and JSON cannot hold them
            raise BadAnswer(f"`{raw}` is not a finite number for `{q.id}`", hint=f"give a number, e.g. {q.id}=3")
        return int(value) if value.is_integer() else value
    if q.kind == "version":
        v = Version.parse(raw)
        if v is None:
            raise BadAnswer(f"`{raw}` is not a version for `{q.id}`", hint=f"give a version, e.g. {q.id}=2.4.8")
        return v
    if q.kind == "yesno":
        b = parse_bool(raw)
        if b is None:
            for ch in q.choices:
                if _norm(raw) in {_norm(ch.label), *(_norm(s) for s in ch.synonyms)}:
                    return ch.value == "yes"
            raise BadAnswer(f"`{raw}` is not yes or no for `{q.id}`", hint=f"answer {q.id}=yes or {q.id}=no")
        return b
    want = _norm(raw)
    for ch in q.choices:
        if want in {_norm(ch.value), _norm(ch.label), *(_norm(s) for s in ch.synonyms)}:
            return ch.value
    m = _NOT.match(want)
    if m and q.choices:
        try:
            values = [parse_answer(q, part) for part in m.group(1).split(",") if part.strip()]
        except BadAnswer:
            values = []
        if values and all(isinstance(v, str) for v in values):
            return _excluding(q, values, str(raw))
    raise BadAnswer(f"`{raw}` is not an answer to `{q.id}`",
                    hint="choose one of: " + ", ".join(f"{c.value} ({c.label})" for c in q.choices))


def parse_setting(questions: Mapping[str, Question], item: str, how: str = "set", *, prefix: str = "") -> Fact:
    """An answer given as text, `QUESTION=VALUE` or `QUESTION!=VALUE` (what it is not), as a Fact.

    The one reader of `--set` (ask, diagram), the chat's `set` and `what if`, and a typed `Q=V`.
    BadAnswer and UnknownName start with `prefix` (e.g. `--set nodes=x: `) and say what to type.

        >>> parse_setting(kb.questions, "internet!=airgap").value      # doctest: +SKIP
        Excluded(values=('airgap',), left=('direct', 'proxy'))
    """
    qid, sep, raw = item.partition("=")
    qid, raw = qid.strip(), raw.strip()
    if not sep or not qid.rstrip("!").strip():
        raise BadAnswer(f"{prefix}expected QUESTION=VALUE", hint="e.g. nodes=3, or internet!=airgap for what it is not")
    if qid.endswith("!"):  # `internet!=airgap`: known only by what it is not
        qid, raw = qid[:-1].strip(), f"not {raw}"
    if qid not in questions:
        from rapidfuzz import process  # start-up: rapidfuzz loads only when a name must be guessed

        near = process.extractOne(qid, list(questions))
        hint = f"did you mean `{near[0]}`? " if near and near[1] >= 60 else ""
        raise UnknownName(f"{prefix}no question named `{qid}`",
                          hint=hint + "known questions: " + (", ".join(questions) or "none"))
    try:
        value = parse_answer(questions[qid], raw)
    except BadAnswer as exc:
        raise BadAnswer(f"{prefix}{exc.message}", hint=exc.hint) from None
    return Fact(qid, value, how, item.strip())


def parse_settings(questions: Mapping[str, Question], items: Iterable[str], how: str = "set", *,
                   flag: str = "--set") -> list[Fact]:
    """Several `Q=V` / `Q!=V` answers as Facts; `q!=a` then `q!=b` rules out both, not only the last.
    Errors start with `flag` and the item (`--set nodes=x: …`)."""
    out: list[Fact] = []
    for item in items:
        fact = parse_setting(questions, item, how, prefix=f"{flag} {item}: ")
        before = next((f for f in out if f.question == fact.question), None)
        if before is not None and isinstance(before.value, Excluded) and isinstance(fact.value, Excluded):
            both = Excluded(tuple(dict.fromkeys(before.value.values + fact.value.values)))
            fact = Fact(fact.question, parse_answer(questions[fact.question], both), how, f"{before.text} {item}")
            out[out.index(before)] = fact
            continue
        out.append(fact)
    return out


_NOT = re.compile(r"^(?:(?:not|no)\s+|!\s*)(.+)$")


def _excluding(q: Question, values: Any, said: str) -> Any:
    value = exclude(q, values)
    if value is None:
        raise BadAnswer(f"`{said}` leaves no answer to `{q.id}`",
                        hint="choose one of: " + ", ".join(f"{c.value} ({c.label})" for c in q.choices))
    return value


def question_name(q: Question | None, qid: str = "") -> str:
    """A short name for a question in a sentence: its first synonym of several words (else its
    first synonym, else its id in words), e.g. `node count` for `nodes`."""
    if q is None:
        return qid.replace("_", " ")
    names = [s for s in q.synonyms if s.strip()]
    several = [s for s in names if " " in s.strip()]
    return (several or names or [q.id.replace("_", " ").replace("-", " ")])[0]


def display_value(q: Question | None, value: Any) -> str:
    """How a value is shown to a person: choice labels, yes/no, versions, whole numbers, `not X`."""
    if value is None:
        return "unknown"
    if isinstance(value, Excluded):
        return describe(q, value)
    if q is not None and q.kind in ("choice", "yesno"):
        key = value if q.kind == "choice" else ("yes" if value else "no")
        for ch in q.choices:
            if ch.value == key:
                return ch.label
        return str(key)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def known(questions: Mapping[str, Question], entries: Iterable[Fact]) -> dict[str, Any]:
    """The typed facts: the last entry per question wins; stated answers' implications are added."""
    facts: dict[str, Any] = {}
    for e in entries:
        q = questions.get(e.question)
        value = e.value if q is None else combine(q, facts.get(e.question), e.value)
        if value is None:
            facts.pop(e.question, None)
        else:
            facts[e.question] = value
    changed = True
    while changed:  # implications may chain
        changed = _contrapositive(questions, facts)
        for qid, value in list(facts.items()):
            q = questions.get(qid)
            if q is None:
                continue
            for other, raw in _implied(q, value):
                oq = questions.get(other)
                if oq is None:
                    continue
                want = parse_answer(oq, raw)
                now = facts.get(other)
                if now is None or (isinstance(now, Excluded) and not conflicts(want, now)):
                    facts[other] = want
                    changed = True
    return facts


def _implied(q: Question, value: Any) -> list[tuple[str, str]]:
    """What an answer implies; for an exclusion, what every answer left implies."""
    if isinstance(value, Excluded):
        sets = [set(ch.implies) for ch in q.choices if ch.value in value.left]
        return sorted(set.intersection(*sets)) if sets else []
    key = value if q.kind == "choice" else ("yes" if value is True else "no" if value is False else None)
    return [pair for ch in q.choices if ch.value == key for pair in ch.implies]


def _contrapositive(questions: Mapping[str, Question], facts: dict[str, Any]) -> bool:
    """`production ⇒ grow_to_ha=yes` and grow_to_ha=no: production is out; one choice left settles the question."""
    added = False
    for q in questions.values():
        now = facts.get(q.id)
        if (now is not None and not isinstance(now, Excluded)) or q.kind not in ("choice", "yesno"):
            continue
        possible = [ch for ch in q.choices if not isinstance(now, Excluded) or ch.value in now.left]
        left = [ch for ch in possible if not _broken(questions, facts, ch.implies)]
        if len(left) == 1 and len(possible) > 1:
            ch = left[0]
            facts[q.id] = ch.value if q.kind == "choice" else ch.value == "yes"
            added = True
        elif isinstance(now, Excluded) and 1 < len(left) < len(possible):
            facts[q.id] = exclude(q, [c.value for c in q.choices if c not in left])
            added = True
    return added


def _broken(questions: Mapping[str, Question], facts: Mapping[str, Any], implies: Any) -> bool:
    """Whether an answer's implications contradict what is known."""
    for other, raw in implies:
        oq = questions.get(other)
        if oq is not None and other in facts:
            try:
                if conflicts(facts[other], parse_answer(oq, raw)):
                    return True
            except BadAnswer:
                continue
    return False


def left_note(q: Question, value: Any) -> str:
    """What to say when exclusions leave one answer: it is settled."""
    return f"{question_name(q)}: {display_value(q, value)}, the only answer left"


def merge_said(questions: Mapping[str, Question], facts: list[Any], notes: list[str], text: str) -> list[Any]:
    """The facts one statement gave (in order), with its exclusions joined: "not air-gapped and no proxy"
    is one fact excluding both (the answer, when one is left, with a note); "a proxy, not air-gapped"
    is the answer alone, which the exclusion agrees with. Facts that conflict are all kept."""
    out: list[Any] = []
    for f in facts:
        n = next((i for i, o in enumerate(out) if o.question == f.question), None)
        if n is None or not (isinstance(f.value, Excluded) or isinstance(out[n].value, Excluded)):
            out.append(f)
            continue
        old = out[n]
        if conflicts(old.value, f.value):
            out.append(f)  # said two ways: the later wins, with a note
            continue
        q = questions[f.question]
        if isinstance(old.value, Excluded) and isinstance(f.value, Excluded):
            value = combine(q, old.value, f.value)
            i = text.find(old.text)
            j = text.find(f.text, max(i, 0))
            said = text[i:j + len(f.text)] if 0 <= i <= j else f"{old.text}, {f.text}"
            out[n] = replace(old, value=value, text=said)
            if not isinstance(value, Excluded):
                notes.append(left_note(q, value))
        elif isinstance(old.value, Excluded):
            out[n] = f
    return out
