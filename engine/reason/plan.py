"""A plan: what to ask next, and whether anything still could change the recommendation.

Both planners return one: `engine.reason.exact` (search over answer classes) and
`engine.reason.sampled` (a sampled search for spaces too large to enumerate).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Plan"]


@dataclass(slots=True, frozen=True)
class Plan:
    """What to ask next."""

    decided: bool
    next_question: str | None
    could_change: tuple[str, ...]
    expected: float = 0.0
    """Expected number of further questions (exact mode), else an estimate."""
    shares: tuple[tuple[str, float], ...] = ()
    """Leaf option id → the share of the answer combinations still consistent with the facts (all of
    them, or a sample) in which it is the recommendation, weighted uniformly; empty when unknown."""
    sampled: bool = False
    """True when the shares come from a sample of those combinations: an option with no share may still be
    recommended in one the sample missed."""
