"""Compact JSON for a page: every distinct string, number, list and object is stored once.

    >>> p = pack([{"a": "x"}, {"a": "x"}])
    >>> p["h"], p["n"]             # one object shape {a}; an object node; a list naming it twice
    ([[0]], ['BE', 'ABB'])
    >>> unpack(p) == [{"a": "x"}, {"a": "x"}]
    True

The answer table repeats the same reasons, titles and links in many states; sharing them
keeps the page small (the default pack's answers take about 40 KB instead of 700 KB) while
the page script rebuilds each document exactly (`unpack` here, `unpack` in fingerpost.js).

Layout: `s` strings, `k` numbers, `h` object shapes (lists of key indexes into `s`), `n`
nodes, `w` digits per integer, `r` the root reference. A node is a string of integers, each
`w` base-64 digits (A–Z a–z 0–9 - _): first `0` for a list or `1 + shape` for an object,
then one reference per item or per key of the shape. A reference `r` says by `r % 4` what it
refers to and by `r // 4` where: 0 a string, 1 a node, 2 a number, 3 a constant (0 null,
1 true, 2 false).
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["pack", "unpack", "DIGITS"]

DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_CONSTANTS = (None, True, False)


class _Packer:
    def __init__(self) -> None:
        self.strings: dict[str, int] = {}
        self.numbers: dict[tuple[type, Any, str], int] = {}
        self.shapes: dict[tuple[int, ...], int] = {}
        self.nodes: dict[tuple[int, ...], int] = {}

    def string(self, text: str) -> int:
        return self.strings.setdefault(text, len(self.strings))

    def ref(self, value: Any) -> int:
        if value is None or isinstance(value, bool):
            return _CONSTANTS.index(value) * 4 + 3
        if isinstance(value, str):
            return self.string(value) * 4
        if isinstance(value, (int, float)):
            if isinstance(value, float) and not math.isfinite(value):
                raise ValueError(f"cannot store {value!r} in JSON")
            # repr tells 0.0 from -0.0, which compare equal but print differently
            return self.numbers.setdefault((type(value), value, repr(value)), len(self.numbers)) * 4 + 2
        if isinstance(value, (list, tuple)):
            node: tuple[int, ...] = (0, *(self.ref(v) for v in value))
        elif isinstance(value, dict):
            if not all(isinstance(k, str) for k in value):
                raise TypeError("object keys must be text")
            shape = tuple(self.string(k) for k in value)
            node = (1 + self.shapes.setdefault(shape, len(self.shapes)), *(self.ref(v) for v in value.values()))
        else:
            raise TypeError(f"cannot store {type(value).__name__} in JSON")
        return self.nodes.setdefault(node, len(self.nodes)) * 4 + 1


def _width(largest: int) -> int:
    width = 1
    while 64 ** width <= largest:
        width += 1
    return width


def _digits(numbers: tuple[int, ...], width: int) -> str:
    out = []
    for n in numbers:
        out.append("".join(DIGITS[(n // 64 ** (width - 1 - i)) % 64] for i in range(width)))
    return "".join(out)


def pack(value: Any) -> dict[str, Any]:
    """The packed form of a JSON-like value (see the module docstring)."""
    p = _Packer()
    root = p.ref(value)
    width = _width(max((x for node in p.nodes for x in node), default=0))
    return {"s": list(p.strings), "k": [v for _, v, _ in p.numbers], "h": [list(s) for s in p.shapes],
            "n": [_digits(n, width) for n in p.nodes], "w": width, "r": root}


def _numbers(text: str, width: int) -> list[int]:
    out = []
    for i in range(0, len(text), width):
        n = 0
        for ch in text[i:i + width]:
            n = n * 64 + DIGITS.index(ch)
        out.append(n)
    return out


def unpack(packed: dict[str, Any], ref: int | None = None) -> Any:
    """The value `pack` stored (the page script does the same)."""
    r = packed["r"] if ref is None else ref
    tag, i = r % 4, r // 4
    if tag == 0:
        return packed["s"][i]
    if tag == 2:
        return packed["k"][i]
    if tag == 3:
        return _CONSTANTS[i]
    kind, *refs = _numbers(packed["n"][i], packed["w"])
    if kind == 0:
        return [unpack(packed, x) for x in refs]
    keys = packed["h"][kind - 1]
    return {packed["s"][k]: unpack(packed, x) for k, x in zip(keys, refs, strict=True)}
