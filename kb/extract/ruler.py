"""A Ruler: an ordered list of named rules that can be extended, reordered and switched off.

Each pipeline of extraction keeps one (the page rules, the finishers, the choice signals), in the
manner of markdown-it's Ruler:

    >>> r = Ruler("demo")
    >>> r.push("a", len); r.push("c", len); r.after("a", "b", len); r.before("a", "first", len)
    >>> r.names()
    ['first', 'a', 'b', 'c']
    >>> [name for name, _ in r.active({"b"})]
    ['first', 'a', 'c']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

__all__ = ["Ruler"]

R = TypeVar("R")


class Ruler(Generic[R]):
    """Named rules of one pipeline, in the order they run."""

    def __init__(self, pipeline: str) -> None:
        self.pipeline = pipeline
        self._rules: list[tuple[str, R]] = []
        self._off: set[str] = set()

    def _index(self, name: str) -> int:
        for i, (n, _) in enumerate(self._rules):
            if n == name:
                return i
        raise KeyError(f"{self.pipeline}: no rule named `{name}`")

    def _drop(self, name: str) -> None:
        self._rules = [(n, r) for n, r in self._rules if n != name]

    def push(self, name: str, rule: R) -> None:
        """Add (or move and replace) a rule at the end."""
        self._drop(name)
        self._rules.append((name, rule))

    def before(self, anchor: str, name: str, rule: R) -> None:
        """Add a rule just before `anchor`."""
        self._drop(name)
        self._rules.insert(self._index(anchor), (name, rule))

    def after(self, anchor: str, name: str, rule: R) -> None:
        """Add a rule just after `anchor`."""
        self._drop(name)
        self._rules.insert(self._index(anchor) + 1, (name, rule))

    def at(self, name: str, rule: R) -> None:
        """Replace the rule named `name`, keeping its place."""
        self._rules[self._index(name)] = (name, rule)

    def disable(self, names: Iterable[str]) -> None:
        """Switch rules off (they stay in place)."""
        self._off |= set(names)

    def enable(self, names: Iterable[str]) -> None:
        self._off -= set(names)

    def names(self) -> list[str]:
        return [n for n, _ in self._rules]

    def active(self, disable: Iterable[str] = ()) -> list[tuple[str, R]]:
        """The rules that run, in order, leaving out the disabled ones and `disable`."""
        off = self._off | set(disable)
        return [(n, r) for n, r in self._rules if n not in off]

    def __iter__(self):  # noqa: ANN204 — iterating a Ruler gives its (name, rule) pairs, as the old lists did
        return iter(list(self._rules))

    def __len__(self) -> int:
        return len(self._rules)
