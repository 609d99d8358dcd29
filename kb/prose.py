"""Sentences of prose, as the extraction and the engine both split them: light enough to import where a start-up
must not load the Markdown parser (kb.extract's package does).

    >>> [s for _, s in sentences("Set it to e.g. 2.7.x first. Then restart.")]
    ['Set it to e.g. 2.7.x first.', 'Then restart.']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["sentences", "line_of"]

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9`*_])")
_ABBREV = re.compile(r"(?:\b(?:e\.g|i\.e|etc|vs|cf|approx|incl|no|fig)\.|\b[A-Z]\.)$", re.I)


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """(offset, sentence) pairs; abbreviations such as `e.g.` and numbers do not end a sentence."""
    start = 0
    for m in _SENTENCE_END.finditer(text):
        head = text[start:m.start()].rstrip()
        if _ABBREV.search(head):
            continue
        if head.strip():
            yield start, head.strip()
        start = m.end()
    tail = text[start:].strip()
    if tail:
        yield start, tail


def line_of(first_line: int, breaks: tuple[int, ...], offset: int) -> int:
    """The source line of character `offset` of a paragraph that starts on `first_line`."""
    return first_line + sum(1 for b in breaks if b <= offset)
