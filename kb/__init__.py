"""kb: the Markdown → decision-graph compiler.

    >>> from fingerpost.kb import compile_path
    >>> kb = compile_path()                     # the embedded content pack  # doctest: +SKIP

Names are imported lazily so that `import fingerpost.kb.errors` stays cheap for start-up.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "compile_path", "default_content", "discover", "lint", "KnowledgeBase", "Diagnostic", "FingerpostError",
    "ContentError", "ExpressionError", "UnknownName", "UnknownOption", "Unsatisfiable", "SessionError",
]

_WHERE = {
    "compile_path": "pipeline", "default_content": "files", "discover": "files", "lint": "lint",
    "KnowledgeBase": "graph", "Diagnostic": "errors", "FingerpostError": "errors",
    "ContentError": "errors", "ExpressionError": "errors", "UnknownName": "errors",
    "UnknownOption": "errors", "Unsatisfiable": "errors", "SessionError": "errors",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
