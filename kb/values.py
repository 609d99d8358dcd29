"""Typed answer values: versions, numbers, yes/no and choices.

    >>> Version.parse("v2.4.5") > Version.parse("2.4")
    True
    >>> coerce_literal("2.4", Version.parse("2.3.1"))
    Version(parts=(2, 4))
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Version", "Excluded", "coerce_literal", "parse_bool", "YES_WORDS", "NO_WORDS"]

YES_WORDS = frozenset({"yes", "y", "true", "on", "1"})
NO_WORDS = frozenset({"no", "n", "false", "off", "0"})
_VERSION = re.compile(r"^[vV]?(\d+(?:\.\d+)*)(?:\.x)?$")


@dataclass(slots=True, frozen=True, order=False)
class Version:
    """A dotted release number; missing parts compare as zero (2.4 == 2.4.0)."""

    parts: tuple[int, ...]

    @classmethod
    def parse(cls, text: Any) -> Version | None:
        if isinstance(text, Version):
            return text
        if isinstance(text, (int, float)) and not isinstance(text, bool):
            text = repr(text) if isinstance(text, float) else str(text)
        m = _VERSION.match(str(text).strip())
        if not m:
            return None
        return cls(tuple(int(p) for p in m.group(1).split(".")))

    def _key(self, width: int) -> tuple[int, ...]:
        return self.parts + (0,) * (width - len(self.parts))

    def _cmp(self, other: object) -> int:
        if not isinstance(other, Version):
            return NotImplemented  # type: ignore[return-value]
        w = max(len(self.parts), len(other.parts))
        a, b = self._key(w), other._key(w)
        return (a > b) - (a < b)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Version) and self._cmp(other) == 0

    def __hash__(self) -> int:
        parts = list(self.parts)
        while parts and parts[-1] == 0:
            parts.pop()
        return hash(tuple(parts))

    def __lt__(self, other: Version) -> bool:
        return self._cmp(other) < 0

    def __le__(self, other: Version) -> bool:
        return self._cmp(other) <= 0

    def __gt__(self, other: Version) -> bool:
        return self._cmp(other) > 0

    def __ge__(self, other: Version) -> bool:
        return self._cmp(other) >= 0

    def bump(self, step: int) -> Version:
        """A version just below (-1) or just above (+1) this one, for probing comparisons."""
        if step > 0:
            return Version(self.parts + (1,))
        parts = list(self.parts)
        while parts and parts[-1] == 0:
            parts.pop()
        if not parts:
            return Version((0,))
        parts[-1] -= 1
        return Version(tuple(parts) + (999,))

    def __str__(self) -> str:
        return ".".join(str(p) for p in self.parts)


@dataclass(slots=True, frozen=True)
class Excluded:
    """A choice answer known only by what it is not ("we are not air-gapped": internet is not airgap).

    A condition on it holds, fails or stays unknown as it does for every answer still possible:
    `internet == airgap` is false, `internet != airgap` true, `internet == proxy` unknown."""

    values: tuple[str, ...]
    """The answers ruled out, in the question's order."""
    left: tuple[str, ...] = field(default=(), compare=False)
    """The answers still possible, in the question's order (empty: not known here, so nothing is decided)."""

    def decide(self, test: Callable[[str], bool | None]) -> bool | None:
        """`test` of every answer still possible: the result when they all agree, else None."""
        seen = {test(v) for v in self.left}
        return seen.pop() if len(seen) == 1 else None

    def __str__(self) -> str:
        return "not " + ", ".join(self.values)


def parse_bool(text: Any) -> bool | None:
    """`yes`/`true`/`1` → True, `no`/`false`/`0` → False, anything else → None."""
    if isinstance(text, bool):
        return text
    t = str(text).strip().lower()
    if t in YES_WORDS:
        return True
    if t in NO_WORDS:
        return False
    return None


def coerce_literal(raw: str, like: Any) -> Any:
    """Read a literal as the same type as the answer it is compared with (None if it cannot be)."""
    if isinstance(like, bool):
        return parse_bool(raw)
    if isinstance(like, Version):
        return Version.parse(raw)
    if isinstance(like, (int, float)):
        try:
            return float(raw)
        except ValueError:
            return None
    return str(raw)
