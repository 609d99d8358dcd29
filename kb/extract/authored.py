"""Rule `annotations` (module `authored`): decision blocks written by authors (see docs/authoring.md).

A block is a YAML mapping whose first kind key says what it declares:
`decision`, `question`, `option`, `constraint`, `recommend`, `tradeoff`, `prerequisite`,
`doc`, `term` or `architecture`. Problems become Diagnostics naming `path:line`.
"""

from __future__ import annotations

import difflib
from typing import Any

from kb import expr as ex
from kb.errors import ExpressionError
from kb.extract import Context, cite
from kb.records import (
    STRENGTHS,
    Architecture,
    Block,
    Choice,
    Component,
    Connection,
    Constraint,
    Decision,
    DocLink,
    Document,
    Group,
    Option,
    Prerequisite,
    Question,
    Recommendation,
    Term,
    Tradeoff,
)

__all__ = ["extract", "KINDS", "FIELDS"]

QUESTION_KINDS = ("choice", "number", "version", "yesno")

FIELDS: dict[str, set[str]] = {
    "decision": {"title", "intro", "docs_base_url", "priorities"},
    "question": {"text", "type", "choices", "synonyms", "help", "ask_when", "unit"},
    "option": {"title", "summary", "variant_of", "variant_by", "synonyms", "qualities", "requires", "excludes",
               "recommend", "pros", "cons", "prerequisites", "docs", "architecture"},
    "constraint": {"option", "options", "requires", "excludes", "because"},
    "recommend": {"when", "strength", "because"},
    "tradeoff": {"pro", "con", "pros", "cons"},
    "prerequisite": {"title", "text", "options", "href", "requires", "when"},
    "doc": {"title", "href", "when", "links"},
    "term": {"title", "text", "synonyms"},
    "architecture": {"title", "components", "groups", "connections"},
}
KINDS = tuple(FIELDS)


def _line(data: Any, key: str | int, default: int) -> int:
    lines = getattr(data, "lines", None)
    if isinstance(lines, dict) and isinstance(key, str):
        return lines.get(key, default)
    if isinstance(lines, list) and isinstance(key, int) and key < len(lines):
        return lines[key]
    return getattr(data, "line", default) or default


def _words(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(w.strip() for w in str(value).split(",") if w.strip())


def _text(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


class _Block:
    """Helpers bound to one block: citing lines, parsing expressions, reporting problems."""

    def __init__(self, doc: Document, block: Block, ctx: Context, kind: str) -> None:
        self.doc, self.block, self.ctx, self.kind = doc, block, ctx, kind
        self.data = block.data

    def cite(self, line: int):  # noqa: ANN201
        return cite(self.doc, line, self.block.section)

    def problem(self, line: int, message: str, severity: str = "error", code: str = "annotation") -> None:
        self.ctx.problem(self.doc.path, line, severity, code, message)

    def expr(self, text: Any, line: int) -> ex.Expr | None:
        if text is None or (isinstance(text, str) and not text.strip()):
            return None
        if isinstance(text, bool):
            text = "true" if text else "false"
        try:
            return ex.parse(str(text))
        except ExpressionError as exc:
            self.problem(line, f"{exc.message}{' — ' + exc.hint if exc.hint else ''}", code="expression")
            return None

    def conditions(self, value: Any, line: int) -> list[tuple[ex.Expr, str, str, int]]:
        """`requires:`-style lists: strings or {if, because} mappings → (expr, text, because, line)."""
        items = value if isinstance(value, list) else [value]
        out = []
        for i, item in enumerate(items):
            item_line = _line(value, i, line) if isinstance(value, list) else line
            because = ""
            if isinstance(item, dict):
                because = _text(item.get("because"))
                text = item.get("if", item.get("when"))
                if text is None:
                    self.problem(item_line, "a condition needs `if:` — e.g. `{if: nodes >= 3, because: ...}`")
                    continue
            else:
                text = item
            e = self.expr(text, item_line)
            if e is not None:
                out.append((e, str(text), because, item_line))
        return out

    def check_fields(self) -> None:
        allowed = FIELDS[self.kind] | {self.kind}
        for key in self.data:
            if key not in allowed:
                near = difflib.get_close_matches(key, sorted(allowed), n=1)
                hint = f"did you mean `{near[0]}`?" if near else f"allowed: {', '.join(sorted(allowed))}"
                self.problem(_line(self.data, key, self.block.line),
                             f"unknown key `{key}` in a {self.kind} block — {hint}", severity="warning")


def _choices(b: _Block, qid: str, value: Any, line: int) -> tuple[Choice, ...]:
    out: list[Choice] = []
    if isinstance(value, dict):
        value_items = [({"value": k, "label": v} if not isinstance(v, dict) else {"value": k, **v}, _line(value, k, line))
                       for k, v in value.items()]
    elif isinstance(value, list):
        value_items = [(v if isinstance(v, dict) else {"value": v}, _line(value, i, line)) for i, v in enumerate(value)]
    else:
        b.problem(line, f"question `{qid}`: `choices` must be a list — e.g. `- {{value: direct, label: Direct}}`")
        return ()
    for item, item_line in value_items:
        raw = item.get("value")
        val = ("yes" if raw else "no") if isinstance(raw, bool) else _text(raw)  # YAML reads `yes` as True
        if not val:
            b.problem(item_line, f"question `{qid}`: a choice has no `value`")
            continue
        implies = item.get("implies") or {}
        pairs = tuple((str(k), _text(v) if not isinstance(v, bool) else ("yes" if v else "no"))
                      for k, v in implies.items()) if isinstance(implies, dict) else ()
        out.append(Choice(val, _text(item.get("label")) or val, _words(item.get("synonyms")), pairs, b.cite(item_line)))
    return tuple(out)


def _question(b: _Block) -> None:
    d = b.data
    qid = _text(d["question"])
    kind = _text(d.get("type") or ("choice" if "choices" in d else "yesno")).lower()
    if kind not in QUESTION_KINDS:
        b.problem(_line(d, "type", b.block.line), f"question `{qid}`: type `{kind}` is not one of {', '.join(QUESTION_KINDS)}")
        kind = "choice"
    choices: tuple[Choice, ...] = ()
    if kind == "choice":
        choices = _choices(b, qid, d.get("choices") or [], _line(d, "choices", b.block.line))
        if not choices:
            b.problem(b.block.line, f"question `{qid}` is a choice with no choices — add `choices:`")
    elif kind == "yesno":
        given = _choices(b, qid, d["choices"], _line(d, "choices", b.block.line)) if d.get("choices") else ()
        labels = {c.value: c for c in given}
        choices = tuple(labels.get(v) or Choice(v, v.capitalize(), (), (), b.cite(b.block.line)) for v in ("yes", "no"))
    text = _text(d.get("text"))
    if not text:
        b.problem(b.block.line, f"question `{qid}` has no `text` — write the question as it should be asked")
    b.ctx.records.questions.append(Question(
        id=qid, text=text or qid, kind=kind, choices=choices, synonyms=_words(d.get("synonyms")),
        help=_text(d.get("help")), ask_when=b.expr(d.get("ask_when"), _line(d, "ask_when", b.block.line)),
        unit=_text(d.get("unit")), order=b.ctx.next_order(), source=b.cite(b.block.line)))


def _add_constraints(b: _Block, option: str, d: Any, default_because: str = "") -> None:
    for kind in ("requires", "excludes"):
        if kind not in d:
            continue
        for e, text, because, line in b.conditions(d[kind], _line(d, kind, b.block.line)):
            n = b.ctx.next_number(b.ctx.records.constraints, option)
            b.ctx.records.constraints.append(Constraint(
                f"{option}/{n}", option, kind, e, text, because or default_because, b.cite(line)))


def _add_recommendations(b: _Block, option: str, value: Any, line: int) -> None:
    items = value if isinstance(value, list) else [value]
    for i, item in enumerate(items):
        item_line = _line(value, i, line) if isinstance(value, list) else line
        if not isinstance(item, dict):
            item = {"when": item}
        strength = _text(item.get("strength") or "normal").lower()
        if strength not in STRENGTHS:
            b.problem(item_line, f"strength `{strength}` is not one of weak, normal, strong", severity="warning")
            strength = "normal"
        when_text = item.get("when")
        n = b.ctx.next_number(b.ctx.records.recommendations, option)
        b.ctx.records.recommendations.append(Recommendation(
            f"{option}/rec{n}", option, b.expr(when_text, item_line), "" if when_text is None else str(when_text),
            strength, _text(item.get("because")), b.cite(item_line)))


def _add_tradeoffs(b: _Block, option: str, d: Any) -> None:
    for key, side in (("pro", "pro"), ("pros", "pro"), ("con", "con"), ("cons", "con")):
        if key not in d:
            continue
        value = d[key]
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            line = _line(value, i, _line(d, key, b.block.line)) if isinstance(value, list) else _line(d, key, b.block.line)
            n = b.ctx.next_number(b.ctx.records.tradeoffs, option)
            b.ctx.records.tradeoffs.append(Tradeoff(f"{option}/{side}{n}", option, side, _text(item), b.cite(line)))


def _add_docs(b: _Block, option: str, value: Any, line: int) -> None:
    items = value if isinstance(value, list) else [value]
    for i, item in enumerate(items):
        item_line = _line(value, i, line) if isinstance(value, list) else line
        if not isinstance(item, dict) or not item.get("href"):
            b.problem(item_line, "a doc link needs `href:` (and a `title:`)")
            continue
        when_text = item.get("when")
        n = b.ctx.next_number(b.ctx.records.doclinks, option)
        b.ctx.records.doclinks.append(DocLink(
            f"{option}/doc{n}" if option else f"doc{n}", option, _text(item.get("title")) or str(item["href"]), str(item["href"]).strip(),
            b.expr(when_text, item_line), "" if when_text is None else str(when_text), b.cite(item_line)))


def _add_prerequisite(b: _Block, pid: str, d: Any, options: tuple[str, ...], line: int) -> None:
    b.ctx.records.prerequisites.append(Prerequisite(
        pid, _text(d.get("title")) or pid, _text(d.get("text")), options, _text(d.get("href")),
        _words(d.get("requires")), b.cite(line), b.expr(d.get("when"), _line(d, "when", line))))


def _architecture(b: _Block, option: str, d: Any, line: int) -> None:
    def when(item: Any, item_line: int) -> ex.Expr | None:
        return b.expr(item.get("when"), item_line) if isinstance(item, dict) else None

    groups, components, connections = [], [], []
    for i, g in enumerate(d.get("groups") or []):
        gl = _line(d.get("groups"), i, line)
        if isinstance(g, dict) and g.get("id"):
            groups.append(Group(_text(g["id"]), _text(g.get("label")) or _text(g["id"]), _text(g.get("parent")), when(g, gl)))
        else:
            b.problem(gl, "an architecture group needs `id:`")
    for i, c in enumerate(d.get("components") or []):
        cl = _line(d.get("components"), i, line)
        if isinstance(c, dict) and c.get("id"):
            components.append(Component(_text(c["id"]), _text(c.get("label")) or _text(c["id"]),
                                        _text(c.get("kind") or "service"), _text(c.get("group")),
                                        _text(c.get("count")), when(c, cl)))
        else:
            b.problem(cl, "an architecture component needs `id:`")
    for i, c in enumerate(d.get("connections") or []):
        cl = _line(d.get("connections"), i, line)
        if isinstance(c, dict) and c.get("from") and c.get("to"):
            connections.append(Connection(_text(c["from"]), _text(c["to"]), _text(c.get("label")), when(c, cl)))
        else:
            b.problem(cl, "an architecture connection needs `from:` and `to:`")
    b.ctx.records.architectures.append(Architecture(
        option, _text(d.get("title")), tuple(components), tuple(groups), tuple(connections), b.cite(line)))


def _option(b: _Block) -> None:
    d = b.data
    oid = _text(d["option"])
    qualities = d.get("qualities") or {}
    if not isinstance(qualities, dict):
        b.problem(_line(d, "qualities", b.block.line), "`qualities` must map a quality to a score, e.g. `{cost: 2}`")
        qualities = {}
    pairs = []
    for k, v in qualities.items():
        try:
            pairs.append((str(k), int(v)))
        except (TypeError, ValueError):
            b.problem(_line(qualities, k, b.block.line), f"quality `{k}` needs a whole-number score")
    title = _text(d.get("title"))
    if not title:
        b.problem(b.block.line, f"option `{oid}` has no `title`")
    b.ctx.records.options.append(Option(
        oid, title or oid, _text(d.get("summary")), _text(d.get("variant_of")), _words(d.get("variant_by")),
        _words(d.get("synonyms")), tuple(pairs), b.ctx.next_order(), b.cite(b.block.line)))
    _add_constraints(b, oid, d)
    if "recommend" in d:
        _add_recommendations(b, oid, d["recommend"], _line(d, "recommend", b.block.line))
    _add_tradeoffs(b, oid, d)
    if "docs" in d:
        _add_docs(b, oid, d["docs"], _line(d, "docs", b.block.line))
    for i, p in enumerate(d.get("prerequisites") or []):
        pl = _line(d.get("prerequisites"), i, b.block.line)
        if isinstance(p, dict):
            pid = _text(p.get("id")) or f"{oid}/pre{i + 1}"
            _add_prerequisite(b, pid, p, (oid,), pl)
        else:
            b.ctx.records.prerequisites.append(Prerequisite(
                _text(p), "", "", (oid,), "", (), b.cite(pl)))  # a reference to a declared prerequisite
    if isinstance(d.get("architecture"), dict):
        _architecture(b, oid, d["architecture"], _line(d, "architecture", b.block.line))


def _constraint(b: _Block) -> None:
    d = b.data
    options = _words(d.get("options")) or _words(d.get("option"))
    if not options:
        b.problem(b.block.line, "a constraint block needs `option:` — the option it applies to")
        return
    if "requires" not in d and "excludes" not in d:
        b.problem(b.block.line, "a constraint block needs `requires:` or `excludes:`")
    for option in options:
        _add_constraints(b, option, d, _text(d.get("because")))


def _decision(b: _Block) -> None:
    d = b.data
    b.ctx.records.decisions.append(Decision(
        _text(d["decision"]), _text(d.get("title")) or _text(d["decision"]), _text(d.get("intro")),
        _text(d.get("docs_base_url")), _words(d.get("priorities")), b.cite(b.block.line)))


def _recommend(b: _Block) -> None:
    _add_recommendations(b, _text(b.data["recommend"]), b.data, b.block.line)


def _tradeoff(b: _Block) -> None:
    _add_tradeoffs(b, _text(b.data["tradeoff"]), b.data)


def _prerequisite(b: _Block) -> None:
    d = b.data
    _add_prerequisite(b, _text(d["prerequisite"]), d, _words(d.get("options")), b.block.line)


def _doc(b: _Block) -> None:
    d = b.data
    option = "" if d["doc"] in (None, "*", "all") else _text(d["doc"])
    if "links" in d:
        _add_docs(b, option, d["links"], _line(d, "links", b.block.line))
    else:
        _add_docs(b, option, d, b.block.line)


def _term(b: _Block) -> None:
    d = b.data
    b.ctx.records.terms.append(Term(_text(d["term"]), _text(d.get("title")) or _text(d["term"]), _text(d.get("text")),
                                    _words(d.get("synonyms")), b.cite(b.block.line)))


def _architecture_block(b: _Block) -> None:
    _architecture(b, _text(b.data["architecture"]), b.data, b.block.line)


HANDLERS = {
    "decision": _decision, "question": _question, "option": _option, "constraint": _constraint,
    "recommend": _recommend, "tradeoff": _tradeoff, "prerequisite": _prerequisite, "doc": _doc,
    "term": _term, "architecture": _architecture_block,
}


def extract(doc: Document, ctx: Context) -> None:
    """Turn each annotation block of `doc` into records."""
    for block in doc.blocks:
        data = block.data
        items = data if isinstance(data, list) else [data]
        for i, item in enumerate(items):
            line = _line(data, i, block.line) if isinstance(data, list) else block.line
            if not isinstance(item, dict):
                ctx.problem(doc.path, line, "error", "annotation",
                            "an annotation block must be a YAML mapping such as `option: my-id` with its fields")
                continue
            kind = next((k for k in item if k in HANDLERS), None)
            if kind is None or item.get(kind) in (None, ""):
                ctx.problem(doc.path, line, "error", "annotation",
                            f"the block does not say what it declares — start it with one of: {', '.join(KINDS)}")
                continue
            b = _Block(doc, Block(block.path, getattr(item, "line", line) or line, item, block.section), ctx, kind)
            b.check_fields()
            HANDLERS[kind](b)
