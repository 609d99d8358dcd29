"""Which answers to a question can still lead somewhere.

    >>> [(c.value, d is None) for c, d in answers_offered(kb, {"rancher_version": "2.3"}, kb.questions["distro"])]
    ...                                                                       # doctest: +SKIP
    [('rke', True), ('k3s', False), ('any', True)]

An answer that would rule out every option is not offered as a plain choice: it comes with the
rule that excludes it (a Reason with its `path:line`), so a front end can show it as a dead end
instead of a trap.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fingerpost.engine.excluded import offered
from fingerpost.engine.facts import Fact, known
from fingerpost.engine.reason.compiled import compiled
from fingerpost.engine.reason.fit import Reason, constraint_reasons, fits_all
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.records import Choice, Question

__all__ = ["answers_offered", "leads_somewhere", "blocking_rule"]


def _with(kb: KnowledgeBase, facts: Mapping[str, Any], q: Question, c: Choice) -> dict[str, Any]:
    value = c.value if q.kind == "choice" else c.value == "yes"
    return known(kb.questions, [*(Fact(k, v, "set") for k, v in facts.items() if k != q.id), Fact(q.id, value, "set")])


def leads_somewhere(kb: KnowledgeBase, facts: Mapping[str, Any]) -> bool:
    """True when some top-level option is not ruled out by the facts."""
    fits = fits_all(kb, facts)
    return any(fits[o.id] is not False for o in compiled(kb).top)


def blocking_rule(kb: KnowledgeBase, facts: Mapping[str, Any], q: Question) -> Reason | None:
    """Why an answer leads nowhere: for an option the answer suits (its rules on the question hold),
    the rule that still rules it out; else a violated rule on the question itself."""
    index = compiled(kb)
    on_question = None
    for o in kb.options.values():
        reads = [c for c in index.constraints[o.id] if q.id in index.names_of(c.expr)]
        reasons = constraint_reasons(kb, facts, o.id, False)
        suits = bool(reads) and all(index.checks[id(c)](facts) is not False for c in reads)
        for r in reasons:
            if r.holds is not False:
                continue
            about_q = any(c.source == r.source for c in reads)
            if suits and not about_q:
                return r
            if about_q and on_question is None:
                on_question = r
    return on_question


def answers_offered(kb: KnowledgeBase, facts: Mapping[str, Any], q: Question) -> list[tuple[Choice, Reason | None]]:
    """The choices still possible for `q`, each with None when it can lead to an option, else the rule
    that, with the other answers, rules out every option."""
    if q.kind not in ("choice", "yesno") or not leads_somewhere(kb, facts):
        return [(c, None) for c in offered(q, facts.get(q.id))]
    out: list[tuple[Choice, Reason | None]] = []
    for c in offered(q, facts.get(q.id)):
        trial = _with(kb, facts, q, c)
        if leads_somewhere(kb, trial):
            out.append((c, None))
            continue
        rule = blocking_rule(kb, trial, q)
        out.append((c, rule if rule is not None else Reason("No option fits this answer with your other answers.",
                                                             q.source, "requires", False, "", "")))
    return out
