"""The best fit under partial facts: the option most likely to be recommended once the open
questions are answered.

    >>> likeliest_leaf(kb, {"purpose": "testing"}, (), fits, shares).id      # doctest: +SKIP
    'docker'

The planner (engine.reason.exact, engine.reason.sampled) plays out every combination of answers
still consistent with the facts (or a fixed sample of them) and reports, for each leaf option, the
share of those combinations in which it is recommended. Going down the option tree, each level
picks the option not ruled out that what the user said already speaks for (the strengths of the
recommendations whose condition the answers make hold, stated priorities, and — weighing less than
any recommendation — the options their own words lean towards and the options an answer given picks
out among the others (`distro == "k3s"` is required by the K3s installs only), for an option with a
share above zero or shares from a sample), then the largest share
(its own and its variants'), then fitting before open; document order only breaks exact ties.
With no shares known the ranking is the score alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fingerpost.engine.reason.compiled import compiled
from fingerpost.engine.reason.fit import evidence, score_range
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.records import Option

__all__ = ["likeliest_leaf", "option_shares", "evidence", "leaning_ids", "LEANING"]

LEANING = 0.5
"""What words that lean towards an option (a textual hint, an option named as wanted) weigh in the
ranking: less than the weakest recommendation (1), so facts always speak first."""


def _chosen_by(kb: KnowledgeBase) -> dict[str, tuple[Any, ...]]:
    """Option id → the rules that require an answer of a choice question of it, its parents or its
    variants (`distro == "k3s"`): the answers that pick it out among its kind."""
    from fingerpost.kb import expr as ex

    own: dict[str, list[Any]] = {}
    for c in kb.constraints:
        asked = [kb.questions.get(n) for n in ex.names(c.expr)]
        if c.kind == "requires" and asked and all(q is not None and q.kind == "choice" for q in asked):
            own.setdefault(c.option, []).append(c.expr)
    lineage = compiled(kb).lineage
    out: dict[str, list[Any]] = {o: [] for o in kb.options}
    for oid in kb.options:
        for a in lineage.get(oid, (oid,)):  # an option shares its parents' rules, and they its own
            out[oid] += own.get(a, []) if a != oid else []
            out[a] += own.get(oid, [])
    return {k: tuple(v) for k, v in out.items()}


def _touched(kb: KnowledgeBase, facts: Mapping[str, Any], level: Sequence[Option]) -> frozenset[str]:
    """ "and with K3s?": the options of a level an answer picks out — one of them or of their
    variants requires the answer given (`distro == "k3s"`) — when it picks out not all of them:
    naming the Kubernetes distribution leans to the Kubernetes installs, not to Docker."""
    c = compiled(kb)
    rules = kb.derived("engine.reason.chosen_by", _chosen_by)
    picked = frozenset(o.id for o in level if any(c.evaluate(e, facts) is True for e in rules.get(o.id, ())))
    return picked if len(picked) < len(level) else frozenset()


def leaning_ids(kb: KnowledgeBase, leanings: Sequence[str]) -> frozenset[str]:
    """The options a ranking leans towards: each option leaned on and its parents."""
    lineage = compiled(kb).lineage
    return frozenset(a for oid in leanings if oid in kb.options for a in lineage.get(oid, (oid,)))


def option_shares(kb: KnowledgeBase, shares: Sequence[tuple[str, float]]) -> dict[str, float]:
    """Option id → its share of the consistent answer combinations, a parent summing its variants'."""
    lineage = compiled(kb).lineage
    out: dict[str, float] = {}
    for leaf, share in shares:
        for oid in lineage.get(leaf, (leaf,)):
            out[oid] = out.get(oid, 0.0) + share
    return out


def _key(o: Option, fits: bool | None, share: float, for_user: float, leaning: frozenset[str],
         worded: frozenset[str], said: float, first_for_user: bool, sampled: bool) -> tuple[float, float, float, int, int]:
    backed = for_user if share > 0 or sampled else 0.0  # what the user said for it (`evidence`), for an option
    # still recommendable — which one missing from a sample may be: an option ruled out by every feature it lacks
    # fits only when all of them are answered no
    if o.id in leaning and (share > 0 or (o.id in worded and fits is not False and first_for_user)):
        backed += LEANING  # the user's words may lift an option that fits, whose only lack is coming later in the docs
        # or a recommendation without a condition ("we generally recommend PostgreSQL"), which says nothing of the user
    return (-backed, -round(share, 9), -said, 0 if fits else 1, o.order)


def likeliest_leaf(kb: KnowledgeBase, facts: Mapping[str, Any], priorities: Sequence[str],
                   fits: Mapping[str, bool | None], shares: Sequence[tuple[str, float]],
                   leanings: Sequence[str] = (), avoid: frozenset[str] = frozenset(),
                   sampled: bool = False) -> Option | None:
    """The leaf option most likely to be recommended, choosing level by level from the top;
    `leanings`: options the user's words lean towards (engine.language.evidence hints); `avoid`: options they
    refuse, taken only when nothing else at their level fits; `sampled`: the shares come from a sample."""
    c = compiled(kb)
    leaning = leaning_ids(kb, leanings)
    by_option = option_shares(kb, shares)
    level: Sequence[Option] = c.top
    chosen: Option | None = None
    while level:
        alive = [o for o in level if fits[o.id] is not False]
        alive = [o for o in alive if o.id not in avoid] or alive  # what the user refuses, only when nothing else fits
        if not alive:
            break
        spoken = leaning | _touched(kb, facts, alive)
        said = {o.id: score_range(kb, facts, o.id, priorities)[0] for o in alive}  # once per option
        of_user = {o.id: evidence(kb, facts, o.id, priorities) for o in alive}
        top_of_user = max(of_user.values())
        chosen = min(alive, key=lambda o: _key(o, fits[o.id], by_option.get(o.id, 0.0), of_user[o.id], spoken,
                                               leaning, said[o.id], of_user[o.id] >= top_of_user, sampled))
        level = c.variants[chosen.id]
    return chosen
