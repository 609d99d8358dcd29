"""Constraint expressions: a small tree with one parser, one evaluator and one printer.

    >>> e = parse("nodes >= 3 and not airgap")
    >>> evaluate(e, {"nodes": 4, "airgap": False})
    True
    >>> evaluate(e, {"nodes": 4}) is None   # unknown answers give an unknown result
    True
    >>> to_text(e)
    'nodes >= 3 and not airgap'

Values are typed by the answer they are compared with: `rancher_version < 2.4`
compares versions when the answer is a version, numbers when it is a number.
Evaluation is three-valued (Kleene): True, False, or None for "not known yet".
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Union

from fingerpost.kb.errors import ExpressionError
from fingerpost.kb.values import Excluded, Version, coerce_literal

__all__ = [
    "Expr",
    "Name",
    "Compare",
    "Not",
    "And",
    "Or",
    "parse",
    "evaluate",
    "to_text",
    "names",
    "leaves",
    "literals",
    "operands",
    "satisfiable",
    "Span",
    "compared_points",
    "counts",
    "probe_spans",
    "probe_values",
    "compare_values",
    "TRUE",
]


@dataclass(slots=True, frozen=True)
class Name:
    """A yes/no answer used as a condition: `airgap`."""

    name: str


@dataclass(slots=True, frozen=True)
class Compare:
    """`name op literal`, or `name in [a, b]` with op `in`."""

    name: str
    op: str
    values: tuple[str, ...]
    """Literal texts as written (quotes removed); one, except for `in`."""


@dataclass(slots=True, frozen=True)
class Not:
    """Negation."""

    operand: Expr


@dataclass(slots=True, frozen=True)
class And:
    """Conjunction of two or more operands."""

    operands: tuple[Expr, ...]


@dataclass(slots=True, frozen=True)
class Or:
    """Disjunction of two or more operands."""

    operands: tuple[Expr, ...]


Expr = Union[Name, Compare, Not, And, Or]
TRUE: Expr = And(())

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<op>==|!=|<=|>=|<|>|=)
      | (?P<punct>[()\[\],])
      | (?P<bool>&&|\|\||!)
      | (?P<str>"[^"]*"|'[^']*')
      | (?P<word>[A-Za-z0-9_.\-+]+)
    )""",
    re.VERBOSE,
)
_KEYWORDS = {"and", "or", "not", "in"}


def _short(text: str, limit: int = 80) -> str:
    """`repr(text)`, cut so that a message about a huge expression stays readable."""
    return repr(text if len(text) <= limit else text[:limit] + "…")


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise ExpressionError(
                f"cannot read {text[pos:pos + 12]!r} in expression {_short(text)}",
                hint="use names, numbers, versions, quoted text, ==, !=, <, <=, >, >=, in [..], and, or, not",
            )
        tok = m.group(m.lastgroup or "word")
        out.append({"&&": "and", "||": "or", "!": "not", "=": "=="}.get(tok, tok))
        pos = m.end()
    return out


MAX_DEPTH = 100
"""Deeper nesting of parentheses and `not` is refused, so parsing and evaluating cannot exhaust the stack."""


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = _tokens(text)
        self.i = 0
        self.depth = 0

    def deeper(self, step: int) -> None:
        self.depth += step
        if self.depth > MAX_DEPTH:
            raise ExpressionError(f"the expression nests more than {MAX_DEPTH} levels of parentheses or `not`",
                                  hint="write it more simply")

    def peek(self) -> str | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self, expected: str | None = None) -> str:
        tok = self.peek()
        if tok is None or (expected is not None and tok.lower() != expected):
            want = repr(expected) if expected else "more"
            raise ExpressionError(f"expected {want} but found {_short(tok) if tok else 'the end'} in {_short(self.text)}")
        self.i += 1
        return tok

    def parse(self) -> Expr:
        if not self.toks:
            raise ExpressionError("empty expression", hint="write a condition such as `nodes >= 3`")
        e = self.or_()
        if self.peek() is not None:
            raise ExpressionError(f"unexpected {_short(self.peek() or '')} in {_short(self.text)}", hint="join conditions with and/or")
        return e

    def or_(self) -> Expr:
        parts = [self.and_()]
        while (self.peek() or "").lower() == "or":
            self.take()
            parts.append(self.and_())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def and_(self) -> Expr:
        parts = [self.not_()]
        while (self.peek() or "").lower() == "and":
            self.take()
            parts.append(self.not_())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def not_(self) -> Expr:
        if (self.peek() or "").lower() == "not":
            self.take()
            self.deeper(1)
            e = Not(self.not_())
            self.deeper(-1)
            return e
        return self.atom()

    def atom(self) -> Expr:
        tok = self.take()
        if tok == "(":
            self.deeper(1)
            e = self.or_()
            self.take(")")
            self.deeper(-1)
            return e
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_\-]*", tok) or tok.lower() in _KEYWORDS:
            raise ExpressionError(f"expected an answer name but found {_short(tok)} in {_short(self.text)}")
        nxt = self.peek()
        if nxt in ("==", "!=", "<", "<=", ">", ">="):
            self.take()
            return Compare(tok, nxt, (self.value(),))
        if (nxt or "").lower() == "in":
            self.take()
            self.take("[")
            values = [self.value()]
            while self.peek() == ",":
                self.take()
                values.append(self.value())
            self.take("]")
            return Compare(tok, "in", tuple(values))
        return Name(tok)

    def value(self) -> str:
        tok = self.take()
        if tok in ("(", ")", "[", "]", ",") or tok.lower() in _KEYWORDS:
            raise ExpressionError(f"expected a value but found {_short(tok)} in {_short(self.text)}")
        if tok[0] in "\"'":
            return tok[1:-1]
        return tok


def parse(text: str) -> Expr:
    """Parse an expression such as `nodes >= 3 and distro == "k3s"`."""
    return _Parser(str(text)).parse()


def _compare(actual: Any, op: str, raw: str) -> bool:
    return compare_values(actual, op, coerce_literal(raw, actual))


def compare_values(actual: Any, op: str, want: Any) -> bool:
    """`actual op want` for an answer and a literal already read as its type (None: unreadable)."""
    if want is None:
        return op == "!="
    if op == "==":
        return bool(actual == want)
    if op == "!=":
        return bool(actual != want)
    try:
        return bool({"<": actual < want, "<=": actual <= want, ">": actual > want, ">=": actual >= want}[op])
    except TypeError:
        return False


def evaluate(expr: Expr, facts: Mapping[str, Any]) -> bool | None:
    """True, False, or None when an answer it needs is not known."""
    if isinstance(expr, Name):
        value = facts.get(expr.name)
        return None if value is None else bool(value)
    if isinstance(expr, Compare):
        actual = facts.get(expr.name)
        if actual is None:
            return None
        if isinstance(actual, Excluded):  # known only by what it is not: as every answer left says
            return actual.decide(lambda v: evaluate(expr, {expr.name: v}))
        if expr.op == "in":
            return any(_compare(actual, "==", raw) for raw in expr.values)
        return _compare(actual, expr.op, expr.values[0])
    if isinstance(expr, Not):
        inner = evaluate(expr.operand, facts)
        return None if inner is None else not inner
    results = [evaluate(e, facts) for e in expr.operands]
    if isinstance(expr, And):
        if False in results:
            return False
        return None if None in results else True
    if True in results:
        return True
    return None if None in results else False


def _quote(raw: str) -> str:
    if re.fullmatch(r"v?\d+(\.\d+)*|[A-Za-z_][A-Za-z0-9_\-]*", raw) and raw.lower() not in _KEYWORDS:
        return raw
    return '"' + raw.replace('"', "'") + '"'


def _leaf_text(leaf: Name | Compare) -> str:
    if isinstance(leaf, Name):
        return leaf.name
    if leaf.op == "in":
        return f"{leaf.name} in [{', '.join(_quote(v) for v in leaf.values)}]"
    return f"{leaf.name} {leaf.op} {_quote(leaf.values[0])}"


def to_text(
    expr: Expr,
    leaf: Callable[[Name | Compare], str] = _leaf_text,
    words: tuple[str, str, str] = ("and", "or", "not"),
) -> str:
    """Print the expression; `leaf` says how each condition is shown (text, HTML, DOT)."""
    and_w, or_w, not_w = words

    def walk(e: Expr, parent: int) -> str:
        if isinstance(e, (Name, Compare)):
            return leaf(e)
        if isinstance(e, Not):
            return f"{not_w} {walk(e.operand, 3)}"
        if not e.operands:
            return "true" if isinstance(e, And) else "false"
        prec = 2 if isinstance(e, And) else 1
        word = and_w if isinstance(e, And) else or_w
        text = f" {word} ".join(walk(o, prec) for o in e.operands)
        return f"({text})" if prec < parent else text

    return walk(expr, 0)


def leaves(expr: Expr) -> Iterator[Name | Compare]:
    """The names and comparisons of an expression, in order (a name read twice comes twice)."""
    if isinstance(expr, (Name, Compare)):
        yield expr
    elif isinstance(expr, Not):
        yield from leaves(expr.operand)
    else:
        for o in expr.operands:
            yield from leaves(o)


def names(expr: Expr) -> set[str]:
    """The answer names an expression reads."""
    return {leaf.name for leaf in leaves(expr)}


def literals(expr: Expr) -> dict[str, set[str]]:
    """For each answer name, the literal values compared with it."""
    out: dict[str, set[str]] = {}
    for leaf in leaves(expr):
        out.setdefault(leaf.name, set())
        if isinstance(leaf, Compare):
            out[leaf.name].update(leaf.values)
    return out


def operands(expr: Expr) -> tuple[str, tuple[Expr, ...]]:
    """Split at the top level: ("and"|"or", parts), or ("leaf", (expr,))."""
    if isinstance(expr, And):
        return "and", expr.operands
    if isinstance(expr, Or):
        return "or", expr.operands
    return "leaf", (expr,)


@dataclass(slots=True, frozen=True)
class Span:
    """An interval of number or version answers."""

    low: Any
    """Lower end (None: unbounded below; numbers start at 0)."""
    low_closed: bool
    """Whether `low` itself belongs to the interval."""
    high: Any
    """Upper end (None: unbounded above)."""
    high_closed: bool
    """Whether `high` itself belongs to the interval."""

    def contains(self, value: Any) -> bool:
        if self.low is not None and (value < self.low or (value == self.low and not self.low_closed)):
            return False
        return not (self.high is not None and (value > self.high or (value == self.high and not self.high_closed)))


def compared_points(raws: Iterable[str], kind: str) -> list[Any]:
    """The literals compared with a number or version answer, read as its type, sorted and distinct.

    Numbers are 0 or more and finite; a whole one is an int: `compared_points({"3", "2.5"}, "number") == [2.5, 3]`.
    """
    found: set[Any] = set()
    for raw in raws:
        if kind == "version":
            v = Version.parse(raw)
            if v is not None:
                found.add(v)
        else:
            try:
                x = float(raw)
            except ValueError:
                continue
            if x >= 0 and math.isfinite(x):
                found.add(int(x) if x.is_integer() else x)
    return sorted(found)


def counts(kind: str, points: list[Any]) -> bool:
    """A number answer compared only with whole numbers is read as a count (no value between 2 and 3)."""
    return kind == "number" and all(isinstance(p, int) for p in points)


def probe_spans(raws: Iterable[str], kind: str) -> list[tuple[Span, Any]]:
    """The answers of a number or version question split at the literals compared with it.

    Each literal is a span, and so is each open interval below, between and above them that holds
    an answer; each span comes with one value inside it. Every comparison with these literals is
    decided alike for all the values of a span, so its value stands for all of them.

        >>> [v for _, v in probe_spans({"2", "3"}, "number")]
        [0, 2, 3, 4]
    """
    points = compared_points(raws, kind)
    whole = counts(kind, points)
    out: list[tuple[Span, Any]] = []
    if kind == "version":
        if not points:
            return [(Span(None, False, None, False), Version((1,)))]
        out.append((Span(None, False, points[0], False), _version_below(points[0])))
    else:
        if not points:
            return [(Span(0, True, None, False), 0)]
        if points[0] > 0:
            out.append((Span(0, True, points[0], False), _number_inside(0, True, points[0], whole)))
    for i, p in enumerate(points):
        out.append((Span(p, True, p, True), p))
        nxt = points[i + 1] if i + 1 < len(points) else None
        if kind == "version":
            out.append((Span(p, False, nxt, False), _version_above(p, nxt)))
        else:
            out.append((Span(p, False, nxt, False), _number_inside(p, False, nxt, whole)))
    return [(span, value) for span, value in out if value is not None]


def _version_below(v: Version) -> Version:
    parts = list(v.parts)
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    if parts[-1] > 0:  # 2.4 -> 2.3: a plain release just below
        return Version(tuple(parts[:-1]) + (parts[-1] - 1,))
    return v.bump(-1)


def _version_above(v: Version, limit: Version | None) -> Version | None:
    above = v.bump(+1)  # 2.4 -> 2.4.1
    while limit is not None and above >= limit and len(above.parts) < 12:
        above = Version(above.parts[:-1] + (0, 1))
    return above if limit is None or above < limit else None


def _number_inside(low: Any, low_closed: bool, high: Any, whole: bool) -> Any:
    if whole:
        n = math.floor(low) if low_closed else math.floor(low) + 1
        return n if high is None or n < high else None
    if high is None:
        return low + 1
    return low if low_closed else (low + high) / 2


def probe_values(raws: Iterable[str], kind: str, choices: Sequence[str] = ()) -> list[Any]:
    """Values that decide every comparison with the literals `raws`: the one value prober.

    yes/no: True and False; a choice: its answers (a name with no declared choices may hold
    anything: its literals and one other); a number or version: one value of each `probe_spans`.
    """
    if kind == "yesno":
        return [True, False]
    if kind == "choice":
        raws = sorted(raws)  # deterministic order whatever the set's hashing
        return list(dict.fromkeys([*choices, *raws] if choices else [*raws, "\x00other"]))
    return [value for _, value in probe_spans(raws, kind)]


def satisfiable(
    expr: Expr, kinds: Mapping[str, str], choices: Mapping[str, list[str]], limit: int = 20000,
    budget: int = 200_000,
) -> dict[str, Any] | None | bool:
    """A dict of answers that makes `expr` true, None when none exists, True when too big to search:
    more than `limit` combinations of answers, or more than `budget` comparisons to evaluate in all."""
    lits = literals(expr)
    keys = sorted(lits)
    grids = [probe_values(lits[k], kinds.get(k, "choice"), list(choices.get(k, []))) for k in keys]
    total, size = 1, sum(1 for _ in leaves(expr))
    for g in grids:
        total *= max(1, len(g))
        if total > limit or total * size > budget:
            return True
    for combo in itertools.product(*grids):
        facts = dict(zip(keys, combo))
        if evaluate(expr, facts):
            return facts
    return None
