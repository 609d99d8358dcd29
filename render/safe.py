"""What keeps document text inert in a generated page: link filtering, JSON for <script>, CSP hashes.

    >>> safe_href("javascript:alert(1)") is None
    True
    >>> safe_href("guides/install.md#ha")
    'guides/install.md#ha'
    >>> script_json({"t": "</script><b>"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'

HTML text and attributes are escaped by Jinja2's autoescape (markupsafe) and by the page
script, which only ever sets `textContent` and vetted `href`s.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Any

__all__ = ["safe_href", "script_json", "csp_source", "content_security_policy", "SAFE_SCHEMES"]

SAFE_SCHEMES = ("http", "https")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# Browsers drop tabs and newlines inside URLs and trim control characters and spaces around them,
# so `java\tscript:` would run: refuse any URL that contains them rather than guess.
_UNSAFE_CHARS = re.compile(r"[\x00-\x20\x7f-\x9f\\]")


def safe_href(href: Any) -> str | None:
    """The link if it is http(s) or relative (no scheme), else None."""
    if not isinstance(href, str):
        return None
    text = href.strip()
    if not text or _UNSAFE_CHARS.search(text.replace(" ", "%20")):
        return None
    m = _SCHEME.match(text)
    if m is not None:
        return text if m.group(1).lower() in SAFE_SCHEMES else None
    return text


_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_SPECIAL = re.compile("[<>&\u2028\u2029]")


def script_json(data: Any) -> str:
    """Compact JSON that is safe inside `<script type="application/json">`: it cannot close the tag.

    `<`, `>` and `&` become `\\u003c` … (so neither `</script>` nor `<!--` can appear), and the
    line separators U+2028/U+2029 are escaped too; JSON.parse reads the same data back. With no
    `<` or `&` left it is also plain text inside a `<template>`, where the decision page keeps it.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_SPECIAL.sub(lambda m: _JSON_ESCAPES[m.group(0)], text)


def csp_source(text: str) -> str:
    """The CSP source expression that allows exactly this inline script or style: `'sha256-…'`."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(scripts: list[str], styles: list[str]) -> str:
    """A policy with no external sources: only the page's own inline script and style run."""
    return "; ".join([
        "default-src 'none'",
        "script-src " + (" ".join(csp_source(s) for s in scripts) or "'none'"),
        "style-src " + (" ".join(csp_source(s) for s in styles) or "'none'"),
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ])
