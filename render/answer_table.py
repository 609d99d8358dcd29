"""Every answer the engine gives on the way through a decision, precomputed for a static page.

    >>> from fingerpost.kb import compile_path                          # doctest: +SKIP
    >>> table = answer_table(compile_path())                  # doctest: +SKIP
    >>> table.nodes[0].question.id, len(table.nodes)          # doctest: +SKIP
    ('purpose', 184)

The walk starts from no facts and asks `engine.reason.assess` what to ask next; for each
answer the page offers (`render.answer_classes`) it adds that answer, exactly as
`fingerpost ask --set question=key` would, and asks again, until the engine has nothing
left to ask. Each node keeps the engine's Assessment, so a page built from the table
answers every combination of answers as the engine does — by construction.

The table is finite because every question is asked at most once; `max_states` bounds its
size (MAX_STATES by default) and the walk stops with TooManyStates when the decision has
more reachable answer combinations than a page should carry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fingerpost.engine.facts import Fact, known
from fingerpost.engine.reason.assess import Assessment, assess
from fingerpost.kb.errors import FingerpostError, TooManyStates
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.records import Question
from fingerpost.render.answer_classes import AnswerClass, answer_classes

__all__ = ["TreeNode", "AnswerTable", "answer_table", "facts_for", "TooManyStates", "MAX_STATES"]

MAX_STATES = 5000
MAX_ANSWERS_PER_STATE = 40
"""On average over the states, the answers and options a page may list; bounds the page (and the work) before
the work is done."""
"""Most nodes (answered-so-far states) a page precomputes; the default pack has 184."""


@dataclass(slots=True, frozen=True)
class TreeNode:
    """One state on the way through the decision: the answers so far and the engine's conclusions."""

    index: int
    """Position in AnswerTable.nodes (the root is 0)."""
    path: tuple[AnswerClass, ...]
    """The answers given to reach this state, in the order they were asked."""
    facts: Mapping[str, Any]
    """The typed facts (answers plus what they imply) the engine was asked with."""
    assessment: Assessment
    """What the engine concludes from those facts."""
    question: Question | None
    """The engine's next question (None: decided, this is a result)."""
    children: tuple[tuple[AnswerClass, int], ...]
    """For each answer offered to `question`, the index of the state it leads to."""

    @property
    def settings(self) -> list[str]:
        """The answers as `fingerpost ask --set` arguments: ['purpose=production', 'nodes=3']."""
        return [f"{c.question}={c.key}" for c in self.path]


@dataclass(slots=True, frozen=True)
class AnswerTable:
    """The whole decision as the engine walks it."""

    kb: KnowledgeBase
    """The knowledge base walked."""
    nodes: tuple[TreeNode, ...]
    """Every reachable state; the root first, a parent before its children."""
    classes: Mapping[str, tuple[AnswerClass, ...]]
    """For every question asked somewhere in the tree, the answers offered."""
    priorities: tuple[str, ...] = ()
    """The priority order the engine ranked by (as `ask --priority`)."""

    def leaves(self) -> list[TreeNode]:
        return [n for n in self.nodes if n.question is None]


def facts_for(kb: KnowledgeBase, path: Sequence[AnswerClass]) -> dict[str, Any]:
    """The typed facts for answers given in order, with what they imply (as `ask --set` builds them)."""
    return known(kb.questions, [Fact(c.question, c.value, "set", c.key) for c in path])


def answer_table(kb: KnowledgeBase, priorities: Sequence[str] = (), max_states: int = MAX_STATES) -> AnswerTable:
    """Walk the engine's questions from no facts through every answer offered."""
    classes: dict[str, tuple[AnswerClass, ...]] = {}
    nodes: list[TreeNode | None] = [None]
    stack: list[tuple[int, tuple[AnswerClass, ...]]] = [(0, ())]
    shown = 0
    widest = max(kb.questions.values(), key=lambda q: len(q.choices), default=None)
    if widest is not None and len(widest.choices) * max(1, len(kb.options)) > max_states * MAX_ANSWERS_PER_STATE:
        raise TooManyStates(  # said before the engine is run once: each of those states costs an assessment
            f"question `{widest.id}` offers {len(widest.choices):,} answers among {len(kb.options):,} options, too "
            f"many to precompute a page for (over {max_states * MAX_ANSWERS_PER_STATE:,} answers and options shown)",
            hint="group its answers into fewer choices (or ask it as a number), or split the content into smaller "
                 "decisions; --max-states N raises the limit")
    while stack:
        index, path = stack.pop()
        facts = facts_for(kb, path)
        a = assess(kb, facts, priorities)
        q = a.next_question
        kids: list[tuple[AnswerClass, int]] = []
        if q is not None:
            if any(c.question == q.id for c in path):
                raise FingerpostError(f"the engine asked `{q.id}` twice on the path {_path_text(path)}",
                                      hint="report this as a bug with the content that shows it")
            shown += len(q.choices) + len(kb.options)  # a state lists its answers and the options: the page grows so
            if shown > max_states * MAX_ANSWERS_PER_STATE:
                raise TooManyStates(
                    f"question `{q.id}` offers {len(q.choices):,} answers among {len(kb.options):,} options, too "
                    f"many to precompute a page for (over {max_states * MAX_ANSWERS_PER_STATE:,} answers and "
                    "options shown in all)",
                    hint="group its answers into fewer choices (or ask it as a number), or split the content "
                         "into smaller decisions; --max-states N raises the limit")
            offered = classes.setdefault(q.id, tuple(answer_classes(kb, q.id, tuple(priorities))))
            for cls in offered:
                if len(nodes) >= max_states:
                    raise TooManyStates(
                        f"the decision has more than {max_states:,} reachable answer combinations, "
                        "too many to precompute for a static page",
                        hint="raise the limit with --max-states N (the page grows with it), or split the content "
                             "into smaller decisions")
                kids.append((cls, len(nodes)))
                nodes.append(None)
            for cls, child in reversed(kids):
                stack.append((child, path + (cls,)))
        nodes[index] = TreeNode(index, path, facts, a, q, tuple(kids))
    done = tuple(n for n in nodes if n is not None)
    return AnswerTable(kb, done, classes, tuple(priorities))


def _path_text(path: Sequence[AnswerClass]) -> str:
    return ", ".join(f"{c.question}={c.key}" for c in path) or "(no answers)"
