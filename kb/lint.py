"""Checks over a compiled knowledge base: each returns Diagnostics naming `path:line`.

    >>> [name for name, _ in CHECKS][:3]
    ['names', 'references', 'links']
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterator

from fingerpost.kb import expr as ex
from fingerpost.kb.errors import Diagnostic
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.links import LINK_SEVERITY, classify
from fingerpost.kb.records import Citation
from fingerpost.kb.safeio import UNSAFE_TEXT, clean
from fingerpost.kb.values import Version

__all__ = ["lint", "CHECKS", "LINK_SEVERITY"]

MAX_PAIRED = 60
"""Only the first constraints of an option are paired to name a contradiction, so lint stays fast."""


def _d(c: Citation, severity: str, code: str, message: str) -> Diagnostic:
    return Diagnostic(c.path, c.line, 1, severity, code, message)


def _expressions(kb: KnowledgeBase) -> Iterator[tuple[ex.Expr, Citation, str]]:
    """Every expression in the knowledge base, with where it is and what it belongs to."""
    for c in kb.constraints:
        yield c.expr, c.source, f"constraint on `{c.option}`"
    for r in kb.recommendations:
        if r.when is not None:
            yield r.when, r.source, f"recommendation of `{r.option}`"
    for q in kb.questions.values():
        if q.ask_when is not None:
            yield q.ask_when, q.source, f"`ask_when` of question `{q.id}`"
    for p in kb.prerequisites.values():
        if p.when is not None:
            yield p.when, p.source, f"prerequisite `{p.id}`"
    for d in kb.doclinks:
        if d.when is not None:
            yield d.when, d.source, f"doc link `{d.title}`"
    for a in kb.architectures.values():
        for item in (*a.components, *a.groups, *a.connections):
            if item.when is not None:
                yield item.when, a.source, f"architecture of `{a.option}`"


def check_names(kb: KnowledgeBase) -> Iterator[Diagnostic]:
    """Unknown answer names and values in expressions."""
    for e, src, what in _expressions(kb):
        for name, values in sorted(ex.literals(e).items()):
            q = kb.questions.get(name)
            if q is None:
                near = difflib.get_close_matches(name, list(kb.questions), n=1)
                hint = f"did you mean `{near[0]}`?" if near else "declare it with a `question:` block"
                yield _d(src, "error", "unknown-name", f"{what} reads `{name}`, which is not a question — {hint}")
                continue
            for v in sorted(values):
                if q.kind == "choice" and v not in {c.value for c in q.choices}:
                    near = difflib.get_close_matches(v, [c.value for c in q.choices], n=1)
                    hint = f"did you mean `{near[0]}`?" if near else f"choices: {', '.join(c.value for c in q.choices)}"
                    yield _d(src, "error", "unknown-value", f"{what} compares `{name}` with `{v}`, which is not one of its answers — {hint}")
                elif q.kind == "version" and Version.parse(v) is None:
                    yield _d(src, "error", "bad-value", f"{what} compares version `{name}` with `{v}` — write a version like 2.4")
                elif q.kind == "number":
                    try:
                        float(v)
                    except ValueError:
                        yield _d(src, "error", "bad-value", f"{what} compares number `{name}` with `{v}` — write a number")
    for q in kb.questions.values():
        for ch in q.choices:
            for other, value in ch.implies:
                oq = kb.questions.get(other)
                if oq is None or (oq.choices and value not in {c.value for c in oq.choices}):
                    yield _d(ch.source, "error", "unknown-name",
                             f"answer `{q.id}={ch.value}` implies `{other}={value}`, which is not a known answer")


def check_references(kb: KnowledgeBase) -> Iterator[Diagnostic]:
    """Records that name options or prerequisites that do not exist."""
    def missing(oid: str, src: Citation, what: str) -> Iterator[Diagnostic]:
        if oid and oid not in kb.options:
            near = difflib.get_close_matches(oid, list(kb.options), n=1)
            hint = f"did you mean `{near[0]}`?" if near else "declare it with an `option:` block"
            yield _d(src, "error", "unknown-option", f"{what} names option `{oid}`, which does not exist — {hint}")

    for o in kb.options.values():
        yield from missing(o.parent, o.source, f"option `{o.id}` (variant_of)")
        for qid in o.variant_by:
            if qid not in kb.questions:
                yield _d(o.source, "error", "unknown-name", f"option `{o.id}` is named by `{qid}`, which is not a question")
    for c in kb.constraints:
        yield from missing(c.option, c.source, "a constraint")
    for r in kb.recommendations:
        yield from missing(r.option, r.source, "a recommendation")
    for t in kb.tradeoffs:
        yield from missing(t.option, t.source, "a tradeoff")
    for d in kb.doclinks:
        yield from missing(d.option, d.source, "a doc link")
    for a in kb.architectures.values():
        yield from missing(a.option, a.source, "an architecture")
    for p in kb.prerequisites.values():
        for oid in p.options:
            yield from missing(oid, p.source, f"prerequisite `{p.id}`")
        for dep in p.requires:
            if dep not in kb.prerequisites:
                yield _d(p.source, "error", "unknown-prerequisite", f"prerequisite `{p.id}` requires `{dep}`, which is not declared")
        if p.title == p.id and not p.text and not p.href:
            yield _d(p.source, "warning", "undeclared-prerequisite",
                     f"prerequisite `{p.id}` is named but never declared — add a `prerequisite: {p.id}` block with a title")


def check_links(kb: KnowledgeBase) -> Iterator[Diagnostic]:
    """Broken pages and anchors, links outside the tree, unsafe schemes."""
    yield from kb.link_problems()
    unsafe = LINK_SEVERITY["unsafe"]
    for d in kb.doclinks:
        if classify(d.href) == "unsafe":
            yield _d(d.source, unsafe[0], unsafe[1], unsafe[2].format(target=d.href))
    for p in kb.prerequisites.values():
        if p.href and classify(p.href) == "unsafe":
            yield _d(p.source, unsafe[0], unsafe[1], unsafe[2].format(target=p.href))


def _condition(kb: KnowledgeBase, oid: str) -> tuple[ex.Expr, list]:
    parts, cons = [], kb.constraints_for(oid)
    for c in cons:
        parts.append(c.fit_condition)
    return ex.And(tuple(parts)), cons


def check_contradictions(kb: KnowledgeBase) -> Iterator[Diagnostic]:
    """Constraints that cannot hold together, and options that no answers can reach."""
    kinds = kb.kinds()
    choices = {q.id: [c.value for c in q.choices] for q in kb.questions.values()}
    for oid in kb.options:
        cond, cons = _condition(kb, oid)
        if not cons or ex.satisfiable(cond, kinds, choices) is not None:
            continue
        pair = None
        for i, a in enumerate(cons[:MAX_PAIRED]):
            for b in cons[i + 1:]:
                both = ex.And((a.fit_condition, b.fit_condition))
                if ex.satisfiable(both, kinds, choices) is None:
                    pair = (a, b)
                    break
            if pair:
                break
        src = cons[-1].source
        if pair:
            a, b = pair
            yield _d(b.source, "error", "contradiction",
                     f"option `{oid}`: `{a.kind} {a.text}` ({a.source}) and `{b.kind} {b.text}` ({b.source}) "
                     "cannot both hold — no answers can reach this option; correct one of them")
        else:
            more = f" and {len(cons) - 5} more" if len(cons) > 5 else ""
            yield _d(src, "error", "unreachable-option",
                     f"option `{oid}`: no answers satisfy its constraints together — check "
                     + ", ".join(f"{c.text} ({c.source})" for c in cons[:5]) + more)
    for o in kb.options.values():
        kids = kb.variants(o.id)
        if kids and all(ex.satisfiable(_condition(kb, k.id)[0], kinds, choices) is None for k in kids):
            yield _d(o.source, "error", "unreachable-option", f"option `{o.id}`: none of its variants can be reached")


def check_unused_questions(kb: KnowledgeBase) -> Iterator[Diagnostic]:
    """Questions whose answer no condition reads: asking them changes nothing."""
    used: set[str] = set()
    for e, _, _ in _expressions(kb):
        used |= ex.names(e)
    for o in kb.options.values():
        used |= set(o.variant_by)
    for a in kb.architectures.values():
        used |= {c.count for c in a.components if c.count}
    for q in kb.questions.values():
        for ch in q.choices:
            if ch.implies and any(other in used for other, _ in ch.implies):
                used.add(q.id)
    for q in kb.questions.values():
        if q.id not in used:
            yield _d(q.source, "warning", "unused-question",
                     f"question `{q.id}` changes nothing: no constraint, recommendation or link reads it — use it or remove it")


def check_prerequisite_cycles(kb: KnowledgeBase) -> Iterator[Diagnostic]:
    """Prerequisites that require each other, reported as a readable chain."""
    state: dict[str, int] = {}
    reported: set[frozenset[str]] = set()

    def visit(pid: str, path: list[str]) -> Iterator[Diagnostic]:
        state[pid] = 1
        for dep in kb.prerequisites[pid].requires:
            if dep not in kb.prerequisites:
                continue
            if state.get(dep) == 1:
                cycle = path[path.index(dep):] + [pid, dep] if dep in path else [pid, dep]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    chain = " → ".join(f"`{p}` ({kb.prerequisites[p].source})" for p in cycle)
                    yield _d(kb.prerequisites[pid].source, "error", "prerequisite-cycle",
                             f"prerequisites form a loop: {chain} — remove one of these `requires`")
            elif state.get(dep) is None:
                yield from visit(dep, path + [pid])
        state[pid] = 2

    for pid in kb.prerequisites:
        if pid not in state:
            yield from visit(pid, [])


def check_shape(kb: KnowledgeBase) -> Iterator[Diagnostic]:
    """A knowledge base with annotations but no options, or a choice with one answer."""
    for q in kb.questions.values():
        if q.kind == "choice" and len(q.choices) == 1:
            yield _d(q.source, "warning", "one-choice", f"question `{q.id}` has a single answer — add the others")


_PATH_ID = re.compile(r"[/\\]|^\.|\.\.")
"""What would let an id steer a file name: a folder separator, a leading dot, `..`."""


def _invisible(text: str) -> str | None:
    """The first character of `text` that a reader cannot see or could mistake for another, if any."""
    for ch in text:
        if ord(ch) < 128:
            if not ch.isprintable() or ch.isspace():
                return ch
            continue
        return ch  # non-ASCII in an id: invisible (zero-width, bidi) or a look-alike (Cyrillic а for a)
    return None


def check_text(kb: KnowledgeBase) -> Iterator[Diagnostic]:
    """Ids that could steer a file name or hide a look-alike, and control characters in what is shown."""
    named = [*(("option", o.id, o.source, (o.title, o.summary)) for o in kb.options.values()),
             *(("question", q.id, q.source, (q.text, q.help, *(c.label for c in q.choices))) for q in kb.questions.values()),
             *(("prerequisite", p.id, p.source, (p.title, p.text)) for p in kb.prerequisites.values()),
             *(("answer", c.value, c.source, ()) for q in kb.questions.values() for c in q.choices),
             *(("decision", d.id, d.source, (d.title, d.intro)) for d in [kb.decision] if d is not None)]
    for what, ident, src, texts in named:
        ident = str(ident)
        if UNSAFE_TEXT.search(ident) or (what != "prerequisite" and _PATH_ID.search(ident)):  # `o/pre1` is generated
            yield _d(src, "error", "bad-id", f"{what} id `{clean(ident)}` contains a control character, `/`, `\\`, "
                                             "`..` or a leading dot — use letters, digits, `-`, `_` and `.`")
        elif (ch := _invisible(ident)) is not None:
            yield _d(src, "warning", "lookalike-id",
                     f"{what} id `{clean(ident)}` contains U+{ord(ch):04X} ({unicodedata.name(ch, 'unnamed')}), which "
                     "is invisible or looks like another character — use ASCII letters, digits, `-`, `_` and `.`")
        for text in texts:
            if isinstance(text, str) and UNSAFE_TEXT.search(text):
                yield _d(src, "warning", "control-character",
                         f"the {what} `{clean(ident)}` has a control character in its text (shown as "
                         f"`{clean(UNSAFE_TEXT.search(text).group())}`), which could drive a terminal — remove it")
                break


def check_implies(kb: KnowledgeBase) -> Iterator[Diagnostic]:
    """An answer whose `implies`, followed from answer to answer, give one question two answers."""
    choice = {(q.id, ch.value): ch for q in kb.questions.values() for ch in q.choices}
    for q in kb.questions.values():
        for ch in q.choices:
            given = {q.id: (ch.value, f"`{q.id}={ch.value}`")}
            stack = [(q.id, ch.value, f"`{q.id}={ch.value}`")]
            clash = None
            while stack and clash is None:  # each question is given once, so this ends
                qid, val, chain = stack.pop()
                at = choice.get((qid, val))
                for other, value in at.implies if at is not None else ():
                    via = f"{chain} → `{other}={value}`"
                    if other not in given:
                        given[other] = (value, via)
                        stack.append((other, value, via))
                    elif given[other][0] != value:
                        clash = (given[other][1], via)
                        break
            if clash is not None:
                yield _d(ch.source, "error", "conflicting-implies",
                         f"answer `{q.id}={ch.value}` implies two answers to one question: {clash[0]} and {clash[1]} "
                         "— correct one of these `implies`")


def check_counts(kb: KnowledgeBase) -> Iterator[Diagnostic]:
    """Architecture counts that are neither a whole number nor a number question."""
    for a in kb.architectures.values():
        for c in a.components:
            raw = c.count.strip()
            if not raw or raw.isdigit():
                continue
            q = kb.questions.get(raw)
            if q is None or q.kind != "number":
                yield _d(a.source, "error", "bad-count",
                         f"component `{clean(c.id)}` of the `{clean(a.option)}` architecture counts by `{clean(raw)}`, "
                         "which is neither a whole number nor a number question — write `count: 3` or name one")


CHECKS: list[tuple[str, Callable[[KnowledgeBase], Iterator[Diagnostic]]]] = [
    ("names", check_names),
    ("references", check_references),
    ("links", check_links),
    ("contradictions", check_contradictions),
    ("unused-questions", check_unused_questions),
    ("prerequisite-cycles", check_prerequisite_cycles),
    ("shape", check_shape),
    ("text", check_text),
    ("implies", check_implies),
    ("counts", check_counts),
]


def lint(kb: KnowledgeBase) -> list[Diagnostic]:
    """Every problem: what reading and extraction found, then every check, sorted by place."""
    found = list(kb.problems)
    for _, check in CHECKS:
        found.extend(check(kb))
    unique = list(dict.fromkeys(found))
    return sorted(unique, key=lambda d: (d.path, d.line, d.col, d.code))
