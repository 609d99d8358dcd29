"""Signal `setting_values`: sibling sub-headings that each give the same setting another value.

    ### --vfs-cache-mode off
    ### --vfs-cache-mode minimal
    ### --vfs-cache-mode writes

Reference pages of command-line tools and configuration files present a choice this way: one
setting (a flag, a key) and a section per value it can take, saying what each does and when to
use it. The values are the alternatives and are named by the value (`off`, `minimal`); three or
more such sub-headings: 0.8, two: 0.6. A comparison of a value (`… == 0`, `… > 0`) is a branch on
the reader's setup, not a value to pick, and is no such sub-heading.
"""

from __future__ import annotations

import re

from fingerpost.kb.extract.choices.scan import Item, Proposal, Scan
from fingerpost.kb.records import Document, Section

_SET = re.compile(r"^`?(?P<key>--?[A-Za-z][\w.-]*|[A-Za-z][\w.-]*[_.-][\w.-]*)`?(?:\s*[= :]\s*|\s+)`?(?P<value>[\w.-]+)`?$")
"""A heading that is a setting and one value: `--vfs-cache-mode off`, `cache_mode: full`, `mode=fast`."""
SURE, PAIR = 0.8, 0.6


def _setting(title: str) -> tuple[str, str] | None:
    """(setting, value) of a heading that gives a setting one value, or None.

    >>> _setting("--vfs-cache-mode off"), _setting("`--vfs-read-chunk-streams` == 0"), _setting("Memory buffering")
    (('--vfs-cache-mode', 'off'), None, None)
    """
    m = _SET.match(title.strip())
    if m is None or m.group("value").lstrip("-").isdigit():
        return None
    return m.group("key").lower(), m.group("value")


def signal(doc: Document, scan: Scan) -> None:
    for sec in doc.sections:
        by: dict[str, list[tuple[str, Section]]] = {}
        for k in scan.kids(sec):
            got = _setting(k.title)
            if got is not None:
                by.setdefault(got[0], []).append((got[1], k))
        for key, values in by.items():
            named = {v.lower() for v, _ in values}
            if len(values) < 2 or len(named) < len(values):
                continue
            scan.propose(Proposal("setting_values", sec if sec.level else None,
                                  [Item(v, k.line, k) for v, k in values], SURE if len(values) >= 3 else PAIR,
                                  f"a sub-heading for each value of the setting `{key}`", "headings"))
