"""The one reply model: what a reply about a decision says, decided once for every front end.

    >>> r = decision_reply(kb, assess(kb, {"purpose": "production", "nodes": 3}))   # doctest: +SKIP
    >>> r.headline.text, [s.text for s in r.guides][:1]                            # doctest: +SKIP

The chat, `fingerpost ask` (text and JSON), the Markdown export and the HTML page each format a
Reply (render/); none picks statements of its own. A Reply holds the headline, why (what speaks
for the recommendation, why its rivals rank lower, which answers could still change it), what
you gain and the trade-offs you accept, the prerequisites checklist, the guides to follow, the
other options with why not, and — for a turn with a command or a question — the answer, every
sentence a Statement with its Citation.
"""

from __future__ import annotations

from dataclasses import dataclass

from fingerpost.engine.answers.explain import checklist, support, why, why_not
from fingerpost.engine.answers.guides import docs_for
from fingerpost.engine.answers.statement import Statement
from fingerpost.engine.reason.assess import Assessment
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.records import Option

__all__ = ["Reply", "Other", "decision_reply", "other_options"]


@dataclass(slots=True, frozen=True)
class Other:
    """An option beside the recommendation, and why it is not the one."""

    option: Option
    """The option."""
    status: str
    """Its status (engine.reason.fit STATUSES)."""
    headline: str
    """One sentence: ruled out, still possible, or fits but ranks lower."""
    reasons: tuple[Statement, ...]
    """Why not, each with its citation."""


@dataclass(slots=True, frozen=True)
class Reply:
    """What to say about the decision for some facts (and to a command or a question)."""

    assessment: Assessment
    """The engine's conclusions the reply is about."""
    headline: Statement
    """`X is recommended.`, `X is the best fit so far.` or `No option fits your answers.`"""
    support: tuple[Statement, ...]
    """What speaks for the recommendation: recommendations that apply and conditions not known to
    fail, parents first (the ask JSON's `because`)."""
    why: tuple[Statement, ...]
    """The support, why the other options still in play rank lower, and the answers that could still
    change the recommendation (kind `question`); with no recommendation, what rules each option out."""
    gains: tuple[Statement, ...]
    """The recommendation's pros (kind `pro`), its own and its ancestors'."""
    costs: tuple[Statement, ...]
    """The trade-offs accepted (kind `con`)."""
    checklist: tuple[Statement, ...]
    """Prerequisites that apply, dependencies first (kind `prerequisite`)."""
    guides: tuple[Statement, ...]
    """Doc links that apply (kind `doc`, with `href`)."""
    others: tuple[Other, ...]
    """At each level of the recommendation its siblings; with no recommendation, every top-level option."""
    answer: tuple[Statement, ...] = ()
    """The reply to a command or a question, if the turn had one."""
    answer_found: bool = True
    """False when a question was asked and the documentation does not say."""

    @property
    def caveats(self) -> tuple[str, ...]:
        """Questions whose answers could still change the recommendation."""
        return self.assessment.could_change


def other_options(kb: KnowledgeBase, a: Assessment) -> list[str]:
    """The options a reply explains besides the recommendation, in order: at each level of the
    recommendation (top option, variant, …) its siblings; with no recommendation, every top option."""
    rec = a.recommendation
    if rec is None:
        return [o.id for o in kb.top_options()]
    out = []
    for chosen in reversed(kb.lineage(rec.option.id)):
        siblings = kb.variants(chosen.parent) if chosen.parent else kb.top_options()
        out += [o.id for o in siblings if o.id != chosen.id]
    return out


def _other(kb: KnowledgeBase, a: Assessment, oid: str) -> Other:
    said = why_not(kb, a, oid)
    c = a.candidate(oid)
    headline = said[0] if said and said[0].kind == "headline" else None
    return Other(c.option, c.status, headline.text if headline else "", tuple(said[1:] if headline else said))


def decision_reply(kb: KnowledgeBase, a: Assessment, answer: tuple[Statement, ...] = (),
                   answer_found: bool = True) -> Reply:
    """The Reply for an assessment (and the answer to a turn's command or question)."""
    said = why(kb, a)
    headline, reasons = said[0], tuple(said[1:])
    rec = a.recommendation
    gains: tuple[Statement, ...] = ()
    costs: tuple[Statement, ...] = ()
    guides: tuple[Statement, ...] = ()
    backing: tuple[Statement, ...] = ()
    if rec is not None:
        oid = rec.option.id
        trade = kb.tradeoffs_for(oid)
        gains = tuple(Statement(t.text, t.source, "pro", None, oid) for t in trade if t.side == "pro")
        costs = tuple(Statement(t.text, t.source, "con", None, oid) for t in trade if t.side == "con")
        guides = tuple(Statement(d.title, d.source, "doc", None, d.option, kb.href(d.href))
                       for d in docs_for(kb, oid, a.facts))
        backing = tuple(support(kb, a, oid))
        leaned = [o for o in kb.lineage(oid) if o.id in a.leanings]
        if leaned and not any(s.kind == "recommends" for s in backing):  # chosen on the user's words alone
            backing += (Statement(f"{leaned[0].title} matches what you said you use or want; the documentation "
                                  "gives no reason here to prefer another.", leaned[0].source, "note", None, oid),)
    others = tuple(_other(kb, a, oid) for oid in other_options(kb, a))
    return Reply(a, headline, backing, reasons, gains, costs, tuple(checklist(kb, a)), guides, others,
                 tuple(answer), answer_found)
