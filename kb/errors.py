"""Domain errors and diagnostics: every problem names `path:line` and what to do.

Errors are values until the edge: kb and engine raise these, front ends print
`str(error)` and exit non-zero.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "Diagnostic",
    "FingerpostError",
    "ContentError",
    "ExpressionError",
    "UnknownName",
    "UnknownOption",
    "Unsatisfiable",
    "SessionError",
    "BadAnswer",
    "NoArchitecture",
    "BadDiagramPath",
    "TooManyStates",
    "GraphvizMissing",
    "RenderFailed",
    "BadOption",
    "StoreError",
]


@dataclass(slots=True, frozen=True)
class Diagnostic:
    """One finding about the content, printed as `path:line:col: severity: message`."""

    path: str
    """Path of the file, relative to the knowledge-base root."""
    line: int
    """1-based line number (0 when the whole file is meant)."""
    col: int
    """1-based column."""
    severity: str
    """`error`, `warning` or `info`."""
    code: str
    """Short stable name of the check, e.g. `broken-link`."""
    message: str
    """What is wrong — and what to do."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.code}]"


class FingerpostError(Exception):
    """Base of every error a front end turns into a message and an exit code."""

    exit_code = 2

    def __init__(self, message: str, *, path: str = "", line: int = 0, hint: str = "") -> None:
        self.path = path
        self.line = line
        self.hint = hint
        self.message = message
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: " if self.path and self.line else (f"{self.path}: " if self.path else "")
        tail = f" — {self.hint}" if self.hint else ""
        return f"{where}error: {self.message}{tail}"


class ContentError(FingerpostError):
    """The documentation or its annotations cannot be read as written."""


class ExpressionError(ContentError):
    """A constraint expression does not parse."""


class UnknownName(FingerpostError):
    """A question, answer or option name that the knowledge base does not have."""


class UnknownOption(UnknownName):
    """An option name that the knowledge base does not have."""


class Unsatisfiable(FingerpostError):
    """The facts given rule out every option."""


class SessionError(FingerpostError):
    """A saved session cannot be read; the file is kept untouched."""


# ---- errors of one stage each: every error class lives here; the module that raises one re-exports it


class BadAnswer(FingerpostError):
    """An answer that does not fit its question."""


class NoArchitecture(FingerpostError):
    """The option has no architecture description to draw."""


class BadDiagramPath(FingerpostError):
    """The output name does not say which format to write."""


class TooManyStates(FingerpostError):
    """The decision has more reachable answer combinations than a static page should carry."""


class GraphvizMissing(FingerpostError):
    """The Graphviz `dot` program is not installed."""

    exit_code = 3


class RenderFailed(FingerpostError):
    """`dot` could not lay out or write the picture."""


class BadOption(FingerpostError):
    """An option of the HTML export that cannot be used."""


class StoreError(OSError):
    """The page store could not be written."""


class NotRegular(OSError):
    """What was opened is not a regular file inside the root (a pipe, a device, a link leading out)."""
