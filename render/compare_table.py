"""A comparison as a compact side-by-side table of plain lines, for the terminal and the chat.

    >>> print("\\n".join(compare_table(compare(kb, a, ["k8s-single", "docker"]))))   # doctest: +SKIP
                  Single-node Kubernetes install …    Docker install on a single node
    Status        best fit so far                    ruled out
    Your answers  fit                                not for production (you said …)

Each row holds a few words per option: its status, whether it fits your answers (the first rule
that blocks it or that it still depends on), what it gains and costs (the first two of each, so
its caveats travel with it) and its first guide. Cells wrap within their column; the full
statements stay in the Comparison (and `--verbose`).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from fingerpost.engine.answers.compare import Column, Comparison
from fingerpost.engine.answers.statement import Statement

__all__ = ["compare_table", "TABLE_ROWS"]

TABLE_ROWS = ("Status", "Your answers", "Gains", "Costs", "Guide")
"""The rows of the table, in order."""

_STATUS = {"recommended": "recommended", "feasible": "fits, ranks lower", "open": "still possible",
           "ruled_out": "ruled out"}
_LABEL = 13
_MAX_LINES = 3


def _own(items: Sequence[Statement], shared: set[str]) -> list[Statement]:
    """The statements not said of every option compared (what tells them apart), else all of them."""
    return [s for s in items if s.text not in shared] or list(items)


def _fit(col: Column, shared: set[str]) -> str:
    needs = _own(col.requirements, shared)
    blocked = [s for s in needs if s.holds is False]
    if blocked:
        return "no: " + blocked[0].text
    pending = [s for s in needs if s.holds is None]
    if pending:
        return "depends: " + pending[0].text
    return "yes"


def _first(items: Sequence[Statement], n: int) -> str:
    return "; ".join(s.text.rstrip(".") for s in items[:n]) or "—"


def _shared(cols: Sequence[Column], row: str) -> set[str]:
    """Texts of a row that every column has (nothing when only one option is shown)."""
    if len(cols) < 2:
        return set()
    sets = [{s.text for s in getattr(c, row)} for c in cols]
    return set.intersection(*sets)


def _cells(col: Column, status: str, cols: Sequence[Column]) -> list[str]:
    return [status, _fit(col, _shared(cols, "requirements")),
            _first(_own(col.pros, _shared(cols, "pros")), 2), _first(_own(col.cons, _shared(cols, "cons")), 2),
            _first(col.docs, 1)]


def compare_table(c: Comparison, width: int = 100, decided: bool = True) -> list[str]:
    """The comparison as lines at most `width` wide: a header of option titles, then one row per aspect.

    With `decided` False, the recommendation's status reads `best fit so far`."""
    cols = c.columns
    if not cols:
        return []
    col_width = max(16, (width - _LABEL) // len(cols) - 2)
    statuses = [("best fit so far" if col.status == "recommended" and not decided else _STATUS[col.status])
                for col in cols]
    table = [_cells(col, st, cols) for col, st in zip(cols, statuses, strict=True)]
    lines = _row("", [col.title for col in cols], col_width)
    for i, name in enumerate(TABLE_ROWS):
        lines += _row(name, [cells[i] for cells in table], col_width)
    return lines


def _row(label: str, cells: list[str], col_width: int) -> list[str]:
    wrapped = [textwrap.wrap(cell, col_width, max_lines=_MAX_LINES, placeholder=" …") or [""] for cell in cells]
    height = max(len(w) for w in wrapped)
    out = []
    for n in range(height):
        parts = [(w[n] if n < len(w) else "").ljust(col_width) for w in wrapped]
        out.append(((label if n == 0 else "").ljust(_LABEL) + "  ".join(parts)).rstrip())
    return out
