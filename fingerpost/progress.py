"""A progress bar on standard error for builds that take more than a second.

Silent when standard error is not a terminal, and until the build has run for `delay` seconds,
so quick builds and piped output stay clean:

    >>> import io
    >>> bar = ProgressBar(io.StringIO(), delay=0.0, clock=iter(range(100)).__next__)
    >>> bar("reading", 50, 200); bar.stream.getvalue().strip()
    'reading [#######---------------------]    50/200 pages  1s'
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

__all__ = ["ProgressBar", "terminal_progress"]

_WIDTH = 28
_LABELS = {"assembling": "assembling the knowledge base"}


class ProgressBar:
    """`bar(phase, done, total)` draws one line, at most ten times a second; `bar.close()` clears it."""

    def __init__(self, stream: TextIO, *, delay: float = 1.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.delay = delay
        self.clock = clock
        self.start = clock()
        self.last = float("-inf")
        self.shown = 0

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = self.clock()
        elapsed = now - self.start
        if elapsed < self.delay or (now - self.last < 0.1 and 0 < done < total):
            return
        self.last = now
        if total:
            filled = _WIDTH * done // total
            line = f"{phase} [{'#' * filled}{'-' * (_WIDTH - filled)}] {done:>5}/{total} pages  {elapsed:.0f}s"
        else:
            line = f"{_LABELS.get(phase, phase)}…  {elapsed:.0f}s"
        self.stream.write("\r" + line.ljust(self.shown))
        self.stream.flush()
        self.shown = len(line)

    def close(self) -> None:
        """Erase the bar, if it was drawn."""
        if self.shown:
            self.stream.write("\r" + " " * self.shown + "\r")
            self.stream.flush()
            self.shown = 0


def terminal_progress(stream: TextIO | None = None) -> ProgressBar | None:
    """A bar on `stream` (standard error) when it is a terminal; None otherwise."""
    out = stream if stream is not None else sys.stderr
    try:
        return ProgressBar(out) if out.isatty() else None
    except (AttributeError, ValueError):  # closed or replaced streams
        return None
