"""kb: the Markdown → decision-graph compiler.

    >>> from kb import compile_path
    >>> kb = compile_path()                     # the embedded content pack  # doctest: +SKIP

Names are imported lazily so that `import kb.errors` stays cheap for start-up.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "compile_path", "default_content", "discover", "lint", "KnowledgeBase", "Diagnostic", "FingerpostError",
    "ContentError", "ExpressionError", "UnknownName", "UnknownOption", "Unsatisfiable", "SessionError",
]

_WHERE = {
    "compile_path": "kb.build", "default_content": "kb.build", "discover": "kb.build", "lint": "kb.lint",
    "KnowledgeBase": "kb.graph", "Diagnostic": "kb.errors", "FingerpostError": "kb.errors",
    "ContentError": "kb.errors", "ExpressionError": "kb.errors", "UnknownName": "kb.errors",
    "UnknownOption": "kb.errors", "Unsatisfiable": "kb.errors", "SessionError": "kb.errors",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'kb' has no attribute {name!r}")
