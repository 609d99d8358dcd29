"""Compact, fast pickling of pages and records, for the build cache and the parallel reader.

Slotted dataclasses are written as their class and field values and rebuilt by calling the class, which
loads about twice as fast as pickle's generic path for slotted classes (a large docs tree holds
hundreds of thousands of paragraphs, sections and links).

    >>> from fingerpost.kb.records import Citation
    >>> loads(dumps([Citation("a.md", 3)]))
    [Citation(path='a.md', line=3, section='', anchor='', confidence=1.0, quote='')]
"""

from __future__ import annotations

import dataclasses
import io
import pickle
from typing import IO, Any

__all__ = ["dump", "dumps", "loads"]

_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _positional_fields(cls: type, obj: Any) -> tuple[str, ...] | None:
    """Names of the fields `cls(*values)` takes, or None when the class cannot be rebuilt that way."""
    if cls not in _FIELDS:
        fields = dataclasses.fields(cls)
        # Instances with a __dict__ may carry more than their fields, and __post_init__ may not be repeatable.
        ok = (not hasattr(obj, "__dict__") and all(f.init and not f.kw_only for f in fields)
              and not hasattr(cls, "__post_init__"))
        _FIELDS[cls] = tuple(f.name for f in fields) if ok else None
    return _FIELDS[cls]


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        if dataclasses.is_dataclass(cls):
            names = _positional_fields(cls, obj)
            if names is not None:
                return cls, tuple(getattr(obj, n) for n in names)
        return NotImplemented


def dumps(obj: Any) -> bytes:
    """Pickle `obj`, writing dataclasses as (class, field values)."""
    buf = io.BytesIO()
    _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    return buf.getvalue()


def dump(obj: Any, file: IO[bytes]) -> None:
    """Pickle `obj` into an open binary file, as `dumps` would."""
    _Pickler(file, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)


def loads(data: bytes) -> Any:
    """The object `dumps` wrote."""
    return pickle.loads(data)
