"""Safe YAML with line numbers and limits.

Only PyYAML's SafeLoader is used: no Python objects are ever constructed. Mappings come back
as `LineDict` and lists as `LineList`, which remember the line they start on, so an annotation
can cite the exact line of each item. Aliases that would expand past a bound are refused.

    >>> d = load("a: 1\\nb:\\n  - x\\n", first_line=10)
    >>> d["a"], d.line, d.lines["b"]
    (1, 10, 11)
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from fingerpost.kb.errors import ContentError

__all__ = ["LineDict", "LineList", "load", "MAX_YAML_BYTES", "MAX_YAML_NODES", "MAX_YAML_CHARS"]

MAX_YAML_BYTES = 256 * 1024
MAX_YAML_NODES = 50_000
MAX_YAML_CHARS = 1_000_000
"""Characters in the scalars of a YAML document once its aliases are expanded (a page's budget)."""


class LineDict(dict):  # type: ignore[type-arg]
    """A mapping that knows its line and the line of each key."""

    line: int = 0
    lines: dict[str, int]


class LineList(list):  # type: ignore[type-arg]
    """A sequence that knows its line and the line of each item."""

    line: int = 0
    lines: list[int]


class _TooLong(Exception):
    """The expanded scalars pass MAX_YAML_CHARS."""


def _count_nodes(node: yaml.Node) -> int:
    """Nodes visited when the tree is expanded, aliases included; stops past the bound (also when the
    text of the expanded scalars passes MAX_YAML_CHARS: one long scalar aliased many times)."""
    count = 0
    chars = 0
    stack = [node]
    while stack:
        n = stack.pop()
        count += 1
        if isinstance(n, yaml.ScalarNode):
            chars += len(n.value)
        if chars > MAX_YAML_CHARS:
            raise _TooLong
        if count > MAX_YAML_NODES:
            break
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                stack.append(k)
                stack.append(v)
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
    return count


_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


def _convert(node: yaml.Node, loader: yaml.SafeLoader, base: int) -> Any:
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
        # `!!python/object/apply:os.system [...]` on a list would otherwise be read as a plain list, without a word
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise ContentError(f"invalid YAML: the tag `{tag[:60]}` is not allowed (no object is ever constructed)",
                           line=node.start_mark.line + base)
    if isinstance(node, yaml.MappingNode):
        out = LineDict()
        out.line = node.start_mark.line + base
        out.lines = {}
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode):
                raise ContentError("a mapping key must be plain text", line=k.start_mark.line + base)
            # Keys are text as written: `{yes: …}` keeps `yes` (not True), `{2.10: …}` keeps `2.10`.
            key = str(k.value)
            out[key] = _convert(v, loader, base)
            out.lines[key] = k.start_mark.line + base
        return out
    if isinstance(node, yaml.SequenceNode):
        seq = LineList()
        seq.line = node.start_mark.line + base
        seq.lines = []
        for item in node.value:
            seq.append(_convert(item, loader, base))
            seq.lines.append(item.start_mark.line + base)
        return seq
    value = loader.construct_object(node, deep=True)
    if isinstance(value, str) and _SURROGATE.search(value):  # "\ud800" is an escape for half a character
        raise ContentError(f"invalid YAML: `{value.encode('utf-8', 'backslashreplace').decode()[:80]}` has a lone "
                           "surrogate escape, which is not a character", line=node.start_mark.line + base)
    return value


_SURROGATE = re.compile("[\ud800-\udfff]")


def load(text: str, *, path: str = "", first_line: int = 1) -> Any:
    """Parse YAML text whose first line is line `first_line` of `path`."""
    if len(text.encode("utf-8", "replace")) > MAX_YAML_BYTES:
        raise ContentError(
            f"YAML block is larger than {MAX_YAML_BYTES // 1024} KiB",
            path=path,
            line=first_line,
            hint="split it into smaller blocks",
        )
    if _FAST_LOADER is not None:
        try:
            return _load(text, path, first_line, _FAST_LOADER)
        except ContentError:
            pass  # read it again with the Python loader, whose messages the diagnostics are written for
    return _load(text, path, first_line, yaml.SafeLoader)


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)
"""libyaml's loader when PyYAML was built with it: same nodes and marks, about 15 times faster."""


def _load(text: str, path: str, first_line: int, loader_class: type) -> Any:
    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as exc:  # raised before parsing: a control character such as U+001F
        line = first_line + text.count("\n", 0, exc.position)
        raise ContentError(f"invalid YAML: the special character U+{exc.character:04X} is not allowed",
                           path=path, line=line, hint="remove it, or write it as an escape in double quotes") from None
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            too_many = _count_nodes(node) > MAX_YAML_NODES
        except _TooLong:
            raise ContentError(f"YAML expands to more than {MAX_YAML_CHARS:,} characters (an alias bomb?)",
                               path=path, line=first_line,
                               hint="write the values out instead of repeating aliases of long text") from None
        if too_many:
            raise ContentError(
                f"YAML expands to more than {MAX_YAML_NODES} values (an alias bomb?)",
                path=path,
                line=first_line,
                hint="write the values out instead of repeating aliases",
            )
        return _convert(node, loader, first_line)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = first_line + (mark.line if mark else 0)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ContentError(f"invalid YAML: {problem}", path=path, line=line, hint="fix the YAML syntax") from None
    except RecursionError:
        raise ContentError("YAML is nested too deeply", path=path, line=first_line,
                           hint="flatten its lists and mappings") from None
    finally:
        loader.dispose()
