"""How the chat shows things: styled text built from the engine's answers, never new reasoning.

    >>> t = Styled().line("Recommendation", "heading").bullet("It fits.", cite="index.md:3")
    >>> print(t.plain(), end="")
    Recommendation
      • It fits. [index.md:3]

`Styled` is a list of `(style, text)` fragments — the shape prompt_toolkit prints — so the
terminal shows colour (unless NO_COLOR is set) and scripts and tests read `plain()`.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Mapping
from typing import Any

from fingerpost.engine.answers.compare import Comparison
from fingerpost.engine.answers.guides import docs_for
from fingerpost.engine.answers.reply import Reply, decision_reply
from fingerpost.engine.excluded import Excluded, offered
from fingerpost.engine.facts import Fact, display_value, question_name
from fingerpost.engine.reason.assess import Assessment
from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.records import Citation, Question
from fingerpost.render.compare_table import compare_table

__all__ = ["Styled", "wrap", "fit", "question_text", "facts_text", "toolbar_text", "open_options", "understood_text", "STYLES"]

STYLES = {
    "heading": "bold",
    "title": "bold ansicyan",
    "question": "bold ansiyellow",
    "choice": "ansiyellow",
    "good": "ansigreen",
    "bad": "ansired",
    "open": "ansiyellow",
    "cite": "ansibrightblack",
    "dim": "ansibrightblack",
    "link": "underline ansiblue",
    "note": "italic",
    "error": "bold ansired",
    "toolbar": "noreverse bg:ansiblack fg:ansiwhite",
}
"""Style names used by the chat and how a colour terminal shows them."""


class Styled:
    """Text with a style name per fragment; `plain()` drops the styles."""

    __slots__ = ("frags",)

    def __init__(self, frags: Iterable[tuple[str, str]] = ()) -> None:
        self.frags: list[tuple[str, str]] = list(frags)

    def add(self, text: str, style: str = "") -> Styled:
        if text:
            self.frags.append((f"class:{style}" if style else "", text))
        return self

    def line(self, text: str = "", style: str = "") -> Styled:
        return self.add(text, style).add("\n")

    def bullet(self, text: str, cite: str | Citation = "", mark: str = "•", style: str = "") -> Styled:
        self.add(f"  {mark} ").add(text, style)
        if cite:
            self.add(f" [{cite}]", "cite")
        return self.add("\n")

    def extend(self, other: Styled) -> Styled:
        self.frags.extend(other.frags)
        return self

    def plain(self) -> str:
        return "".join(t for _, t in self.frags)

    def __bool__(self) -> bool:
        return bool(self.frags)


def wrap(text: str, width: int, indent: str = "") -> str:
    """Text filled to the terminal's width (one column spare), every line indented."""
    return textwrap.fill(" ".join(text.split()), width=max(40, width - 1), initial_indent=indent,
                         subsequent_indent=indent)


_HANG = re.compile(r"^\s*(?:(?:[•✓✗·*\-]|\d+[.)]|\[\d+\])\s+)?")
"""A line's indent and bullet or number: continuation lines start under the text after it."""


def fit(text: Styled, width: int) -> Styled:
    """Lines wider than `width` columns broken at spaces, keeping each word's style; a bullet's or
    numbered item's continuation lines are indented under its text. Lines holding pre-formatted
    (`ansi`) text are left as they are: they were laid out for the terminal already."""
    lines: list[list[tuple[str, str]]] = [[]]
    for style, part in text.frags:
        for i, piece in enumerate(part.split("\n") if style != "class:ansi" else [part]):
            if i:
                lines.append([])
            if piece:
                lines[-1].append((style, piece))
    out = Styled()
    for n, line in enumerate(lines):
        out.frags += _fit_line(line, max(20, width - 1))
        if n < len(lines) - 1:
            out.frags.append(("", "\n"))
    return out


def _fit_line(line: list[tuple[str, str]], width: int) -> list[tuple[str, str]]:
    from prompt_toolkit.utils import get_cwidth  # start-up: prompt_toolkit loads only for a terminal

    plain = "".join(t for _, t in line)
    if get_cwidth(plain) <= width or any(style == "class:ansi" for style, _ in line):
        return line
    hang = get_cwidth(_HANG.match(plain).group(0))  # type: ignore[union-attr]
    out: list[tuple[str, str]] = []
    col, space, started = 0, ("", ""), False
    for style, part in line:
        for token in re.findall(r"\s+|\S+", part):
            if token.isspace():
                if not started:
                    out.append((style, token))
                    col += get_cwidth(token)
                else:
                    space = (style, token)
                continue
            size = get_cwidth(token)
            if started and col > hang and col + get_cwidth(space[1]) + size > width:
                out.append(("", "\n" + " " * hang))
                col = hang
            elif space[1]:
                out.append(space)
                col += get_cwidth(space[1])
            out.append((style, token))
            col += size
            space, started = ("", ""), True
    return out


def question_text(q: Question, width: int = 100, value: Any = None,
                  blocked: Mapping[str, Any] | None = None) -> Styled:
    """A question with its choices (or the kind of value it wants) and why it matters; when
    `value` excludes some answers ("not air-gapped"), only the answers left, numbered 1, 2, …;
    an answer in `blocked` (choice value → the rule, engine.reason.offer) is shown as a dead end."""
    out = Styled().line(q.text, "question")
    if q.help:
        out.line(wrap(q.help, width, "   "), "dim")
    if isinstance(value, Excluded):
        out.line(f"   (you said {display_value(q, value)}; the answers left:)", "dim")
    if q.kind in ("choice", "yesno"):
        for i, ch in enumerate(offered(q, value), 1):
            rule = (blocked or {}).get(ch.value)
            out.add(f"   {i}) ").add(ch.label, "choice" if rule is None else "dim")
            out.add(f"  ({ch.value})" if ch.value.lower() != ch.label.lower() else "", "dim")
            if rule is not None:
                out.add(f" — no option fits with this: {rule.text}", "note").add(f" [{rule.source}]", "cite")
            out.line()
    elif q.kind == "number":
        out.line(f"   (a number{', in ' + q.unit if q.unit else ''})", "dim")
    elif q.kind == "version":
        out.line("   (a version such as 2.4.8)", "dim")
    return out


def facts_text(kb: KnowledgeBase, facts: Mapping[str, Any], entries: Iterable[Fact]) -> Styled:
    """What is known, in document order, with how each fact was learned."""
    how: dict[str, Fact] = {}
    for e in entries:
        if e.value is None:
            how.pop(e.question, None)
        else:
            how[e.question] = e
    out = Styled()
    if not facts:
        return out.line("Nothing is known yet.", "dim")
    out.line("What I know so far:", "heading")
    for q in sorted(kb.questions.values(), key=lambda q: q.order):
        if q.id not in facts:
            continue
        e = how.get(q.id)
        if e is None:
            learned = "implied by another answer"
        elif e.how == "set":
            learned = "set"
        else:
            learned = f'from "{e.text}"' if e.text else e.how
        out.add(f"  {question_name(q)}", "title").add(f": {display_value(q, facts[q.id])}").line(f"   ({learned})", "dim")
    return out


def understood_text(kb: KnowledgeBase, facts: Iterable[Fact]) -> str:
    """`node count: 2, network access: Air-gapped (no internet access)` for the facts one turn stated."""
    parts = []
    for f in facts:
        q = kb.questions.get(f.question)
        name = question_name(q, f.question)
        parts.append(f"{name}: {display_value(q, f.value)}" if f.value is not None else f"{name} forgotten")
    return ", ".join(parts)


def open_options(assessment: Assessment) -> list[str]:
    """Ids of the leaf options not ruled out, recommended first."""
    leaves = [c for c in assessment.candidates if not any(o.option.parent == c.option.id for o in assessment.candidates)]
    alive = [c for c in leaves if c.status != "ruled_out"]
    alive.sort(key=lambda c: c.status != "recommended")
    return [c.option.id for c in alive]


def toolbar_text(kb: KnowledgeBase, assessment: Assessment) -> Styled:
    """One line: the facts so far and the options still open."""
    facts = assessment.facts
    shown = [f"{question_name(kb.questions.get(qid), qid)}: {display_value(kb.questions.get(qid), v)}"
             for qid, v in facts.items()]
    out = Styled().add(" facts: ", "toolbar").add("; ".join(shown) or "none yet", "toolbar")
    alive = open_options(assessment)
    if assessment.decided and assessment.recommendation is not None:
        return out.add(" | decided: ", "toolbar").add(assessment.title, "toolbar")
    best = f"best so far {assessment.title}; " if assessment.recommendation is not None else ""
    return out.add(" | open: ", "toolbar").add(f"{best}{len(alive)} options possible" if alive else "none", "toolbar")


def headline_text(a: Assessment) -> Styled:
    """The recommendation in one line (or that nothing fits)."""
    if a.recommendation is None:
        return Styled().line("Now no option fits these answers.", "bad")
    lead = "Recommendation" if a.decided else "Best fit so far"
    return Styled().add(f"{lead}: ", "heading").line(a.title, "title")


def changes_text(before: Assessment, after: Assessment) -> Styled:
    """Options a turn ruled out or brought back, and a change of recommendation."""
    out = Styled()
    was = {c.option.id: c for c in before.candidates}
    for c in after.candidates:
        old = was.get(c.option.id)
        if old is None or c.option.parent:
            continue
        if c.status == "ruled_out" and old.status != "ruled_out":
            why = next((r for r in c.reasons if r.holds is False), None)
            out.add("  ✗ ", "bad").add(f"{c.option.title} is ruled out")
            if why is not None:
                out.add(f": {why.text}").add(f" [{why.source}]", "cite")
            out.line()
        elif old.status == "ruled_out" and c.status != "ruled_out":
            out.add("  ✓ ", "good").line(f"{c.option.title} is possible again")
    return out


BRIEF_WHY = 2
"""Reasons a brief reply shows (`why` shows them all)."""


def _no_fit_text(reply: Reply, out: Styled) -> Styled:
    """Nothing fits: the nearest fits (what to change, the rule that blocks each), else what rules each out."""
    out.line("No option fits these answers.", "bad")
    near = [s for s in reply.why if s.kind == "nearest"]
    for s in near:
        out.bullet(s.text, s.source, "→", "")
    if not near:
        for other in reply.others:
            why = next((s for s in other.reasons if s.holds is False), None)
            out.bullet(f"{other.option.title}: {why.text if why else 'ruled out'}", why.source if why else "", "✗", "bad")
    return out.line('Type "back" to undo the last answer, "facts" to review them, or "what if …".', "dim")


def lead_reasons(reply: Reply, n: int = BRIEF_WHY) -> list[Any]:
    """The reasons a brief shows: why it is recommended first, then what it needs that holds."""
    return sorted(reply.support, key=lambda s: s.kind != "recommends")[:n]


def brief_text(kb: KnowledgeBase, reply: Reply) -> Styled:
    """The recommendation in a few lines: the answer first, then why, what it costs, what could change
    it and the guide; "why", "docs" and "export" give the rest."""
    a = reply.assessment
    rec = a.recommendation
    out = Styled()
    if rec is None:
        return _no_fit_text(reply, out)
    lead = "Recommendation" if a.decided else "Best fit so far"
    out.add(f"{lead}: ", "heading").line(a.title, "title")
    if rec.option.summary:
        out.line(f"  {rec.option.summary}")
    for s in reply.why:
        if s.kind == "wish":
            out.bullet(s.text, s.source, "!", "note")
    for s in lead_reasons(reply):
        out.bullet(s.text, s.source, "✓", "good")
    for s in reply.costs[:1]:
        out.bullet(s.text, s.source, "−", "bad")
    if not a.decided and reply.caveats:
        names = ", ".join(question_name(kb.questions.get(q), q) for q in reply.caveats[:3])
        out.line(f"  Could still change it: your answers about {names}.", "dim")
    if reply.guides:
        out.add(f"  Guide: {reply.guides[0].text}: ").line(reply.guides[0].href, "link")
    return out.line('"why", "docs", "compare A B", "export" or "diagram" for more.', "dim")


def recommendation_text(kb: KnowledgeBase, a: Assessment | Reply, entries: Iterable[Fact] = (),
                        full: bool = False) -> Styled:
    """The decision: by default a brief (brief_text); with `full`, why, the trade-offs accepted, the
    checklist, the guides and the diagram."""
    reply = a if isinstance(a, Reply) else decision_reply(kb, a)
    a = reply.assessment
    out = Styled()
    rec = a.recommendation
    if rec is None:
        return _no_fit_text(reply, out)
    if not full:
        return brief_text(kb, reply)
    oid = rec.option.id
    lead = "Recommendation" if a.decided else "Best fit so far"
    out.add(f"{lead}: ", "heading").line(a.title, "title")
    if rec.option.summary:
        out.line(f"  {rec.option.summary}")
    if not a.decided and reply.caveats:
        names = ", ".join(question_name(kb.questions.get(q), q) for q in reply.caveats)
        out.line(f"  (your answers about {names} could still change this.)", "dim")
    out.line().line("Why:", "heading").extend(explanation_text(reply.why))
    if reply.gains:
        out.line("What you gain:", "heading")
        for s in reply.gains:
            out.bullet(s.text, s.source, "+", "good")
    if reply.costs:
        out.line("Trade-offs you accept:", "heading")
        for s in reply.costs:
            out.bullet(s.text, s.source, "−", "bad")
    if reply.checklist:
        out.line("Before you install:", "heading").extend(explanation_text(reply.checklist, mark="[ ]"))
    if reply.guides:
        out.line("Guides to follow:", "heading")
        for s in reply.guides:
            out.add(f"  • {s.text}: ").line(s.href, "link")
    arch = kb.architecture_for(oid)
    out.line()
    if arch is not None:
        out.line(f'Type "diagram" to draw {arch.title} (or "diagram FILE.png"); "export" writes all of this as Markdown.', "dim")
    else:
        out.line('"export" writes all of this as Markdown; "diagram decision" draws the decision.', "dim")
    return out.line('Ask "why not X" about another option, or "compare A B".', "dim")


def docs_list(kb: KnowledgeBase, a: Assessment, sections: list[Any], limit: int = 12) -> Styled:
    """The guides linked for the current recommendation, then numbered sections to read here."""
    out = Styled()
    rec = a.recommendation
    if rec is not None:
        links = docs_for(kb, rec.option.id, a.facts)
        if links:
            out.line(f"Guides for {a.title}:", "heading")
            for d in links:
                out.add(f"  • {d.title}: ").add(kb.href(d.href), "link").line(f" [{d.source}]", "cite")
    return out.extend(sections_list(sections, sections, limit))


def sections_list(shown: list[Any], numbered: list[Any], limit: int = 12) -> Styled:
    """Sections with the number `docs N` shows them by."""
    out = Styled().line("Sections in this knowledge base (type `docs N`, or `docs WORDS` to search):", "heading")
    index = {(s.path, s.line): i for i, s in enumerate(numbered, 1)}
    for s in shown[:limit]:
        out.add(f"  {index[(s.path, s.line)]:>2}. ").add(s.title).line(f" [{s.path}:{s.line}]", "cite")
    if len(shown) > limit:
        out.line(f"  … and {len(shown) - limit} more", "dim")
    return out


_MARKS = {True: ("✓", "good"), False: ("✗", "bad"), None: ("?", "open")}
_KIND_MARKS = {"pro": ("+", "good"), "con": ("−", "bad"), "prerequisite": ("[ ]", ""), "doc": ("→", ""),
               "change": ("→", "heading"), "question": ("?", "open")}


def explanation_text(items: Iterable[Any], indent: str = "", mark: str = "") -> Styled:
    """Statements one per line: headlines bold, conditions marked ✓ ✗ ?, each with `[path:line]`."""
    if hasattr(items, "columns"):
        return comparison_text(items)
    out = Styled()
    for s in items:
        if s.kind == "headline":
            out.add(indent).add(s.text, "heading")
        else:
            if mark:
                sign, style = mark, ""
            elif s.kind in ("requires", "excludes") and s.holds in _MARKS:
                sign, style = _MARKS[s.holds]
            else:
                sign, style = _KIND_MARKS.get(s.kind, ("•", ""))
            out.add(f"{indent}  {sign} ", style).add(s.text)
        if getattr(s, "href", ""):
            out.add(" ").add(s.href, "link")
        src = getattr(s, "source", None)
        if src is not None and getattr(src, "path", ""):
            out.add(f" [{src}]", "cite")
        out.line()
    return out


def comparison_text(c: Comparison, decided: bool = True) -> Styled:
    """Options side by side in a compact table (render.compare_table); `comparison_blocks` has every statement."""
    out = Styled()
    for n, line in enumerate(compare_table(c, 100, decided)):
        out.line(line, "heading" if n == 0 else "")
    return out


def comparison_blocks(c: Comparison) -> Styled:
    """Options side by side, one block per option: status, then each row of cited statements."""
    out = Styled()
    names = {"requirements": "Needs", "pros": "Gains", "cons": "Costs", "migration": "Later", "docs": "Guides"}
    rows = list(c.rows())
    for i, col in enumerate(c.columns):
        sign, style = _MARKS.get({"ruled_out": False, "open": None}.get(col.status, True), ("•", ""))
        out.add(f"{sign} ", style).add(col.title, "title").line(f"  ({col.status.replace('_', ' ')})", style)
        for name, cells in rows:
            if cells[i]:
                out.line(f"  {names.get(name, name)}:", "heading")
                out.extend(explanation_text(cells[i], indent="  "))
        out.line()
    return out
