"""What inference has found so far, shared by the inference rules: choices per page, and the
questions it had to invent, merged by id.

A *choice* is a section that presents alternatives (see `kb.extract.structure`); its options
know the words that name them, so a sentence elsewhere on the page can be attributed:

    >>> from fingerpost.kb.records import Citation
    >>> c = PageChoice("p.md", None, "headings", [
    ...     Candidate("ha", "High-availability Kubernetes install", 3, None, 0.8),
    ...     Candidate("single", "Single-node Kubernetes install", 9, None, 0.8),
    ...     Candidate("docker", "Docker install", 14, None, 0.8)], {""})
    >>> c.name_options()
    >>> [o.id for o in c.mentioned("Use a highly available cluster.")]
    ['ha']
    >>> [o.id for o in c.mentioned("Install it on a Kubernetes cluster.", allow_group=True)]
    ['ha', 'single']
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from fingerpost.kb.extract.context import Context
from fingerpost.kb.extract.words import GENERIC, NEGATIONS, STOP, stem, stems, tokens
from fingerpost.kb.records import Choice, Citation, Prerequisite, Question, Section, Term

__all__ = ["Candidate", "PageChoice", "State", "state", "ask", "yes_no", "note", "PURPOSE", "purpose_question",
           "INFERRED"]

INFERRED = "inference"
"""Key of the inference state in `Context.notes`."""

_GENERIC_STEMS = {stem(w) for w in GENERIC}


@dataclass(slots=True)
class Candidate:
    """An option inferred on a page, with the words that name it."""

    id: str
    """Stable id (from the heading or column text)."""
    title: str
    """The heading or column text."""
    line: int
    """Where it is presented."""
    section: Section | None
    """Its own section (for options presented as headings)."""
    confidence: float
    """How sure the structure makes us."""
    runs: list[list[str]] = field(default_factory=list)
    """Stemmed word runs that name only this option (`high avail`)."""
    group: set[str] = field(default_factory=set)
    """Stemmed words this option shares with some, not all, of its siblings (`kubernetes`)."""
    scope: set[str] = field(default_factory=set)
    """Anchors of its section and sub-sections."""
    summary: str = ""
    """First sentence of its section."""
    span: tuple[int, int] = (0, 0)
    """First and last line of its text, for options presented as list items or table rows."""
    page: str = ""
    """Its own page, for an alternative presented by a link to it (`The alternative is [X](x.md)`)."""
    parts: tuple[str, ...] = ()
    """Ids of the other options its title joins (`RDB + AOF`): said by `both` or `combine`."""


@dataclass(slots=True)
class PageChoice:
    """A section of a page that presents alternatives."""

    path: str
    """The page."""
    section: Section | None
    """The section presenting the choice (None: the page)."""
    how: str
    """`headings`, `labelled-headings` (`Option A: …`), `list`, `rows`, `table` or `flowchart`."""
    options: list[Candidate]
    """The alternatives, in document order."""
    scope: set[str]
    """Anchors of the presenting section and its sub-sections."""
    confidence: float = 0.0
    """How sure the signals that found it are, together."""
    signals: tuple[str, ...] = ()
    """The signals that agree on it."""
    links: frozenset[str] = frozenset()
    """Pages the page links to (for choosing the decision page among several)."""
    title: str = ""
    """The page's title."""
    headings: int = 0
    """How many headings the page has (a large reference page has many)."""
    shared: set[str] = field(default_factory=set)
    """Stemmed words every option's title has (`bootstrap`): a sentence using one is about all of them."""

    def name_options(self) -> None:
        """Work out the words that name each option, from what its title does not share."""
        words = [[w for w in stems(o.title) if w not in _STOP_STEMS] for o in self.options]
        counts = Counter(w for ws in words for w in set(ws))
        n = len(self.options)
        self.shared = {w for w, k in counts.items() if k == n and n > 1 and w not in _GENERIC_STEMS}
        for o, ws in zip(self.options, words, strict=False):
            own = [w if counts[w] == 1 and w not in _GENERIC_STEMS else None for w in ws]
            runs, run = [], []
            for w in own + [None]:
                if w is None:
                    if run:
                        runs.append(run)
                    run = []
                else:
                    run.append(w)
            full = [w for w in ws if w not in _GENERIC_STEMS] or ws
            o.runs = runs[:1] or [full]  # no word of its own: its whole title
            if full not in o.runs:
                o.runs.append(full)
            o.runs += [r for r in _short_forms(o.title) if r not in o.runs]
            o.group = {w for w in ws if 1 < counts[w] < n and w not in _GENERIC_STEMS}
            if tokens(o.title)[:1] and tokens(o.title)[0] in NEGATIONS:  # `No persistence`: said with its negation
                what = [w for w in full if w not in _DOING_WITHOUT] or full
                lead = stem(tokens(o.title)[0])  # its own word first: the id is made from the first run
                o.runs = [[lead, *what]] + [[neg, *what] for neg in _DOING_WITHOUT if neg != lead]
                o.group = set()
        for o, ws in zip(self.options, words, strict=False):
            joined = [p.id for p in self.options if p is not o and p.runs and set(p.runs[0]) < set(ws)]
            o.parts = tuple(joined) if len(joined) >= 2 else ()

    def by_section(self, anchor: str, line: int = 0) -> Candidate | None:
        """The option whose own section contains `anchor`, or whose list item or row holds `line`."""
        for o in self.options:
            if anchor in o.scope or (line and o.span[0] <= line <= o.span[1]):
                return o
        return None

    def mentioned(self, text: str, allow_group: bool = False) -> list[Candidate]:
        """Options a sentence names: by their own words first (the longest name wins where names
        overlap: `self-hosted runners` is not also `hosted runners`), else, if allowed, by words
        some options share (`Kubernetes`)."""
        said = stems(text)
        seq = [w for w in said if w not in _STOP_STEMS]  # as the runs are made: `IP in IP` is the run `ip ip`
        present = set(seq)  # most sentences name no option: test the words before looking for runs
        spans = [(o, span) for o in self.options for r in o.runs if present.issuperset(r) for span in _spans(seq, r)]
        hits = [o for o, (a, b) in spans
                if not any((c, d) != (a, b) and c <= a and b <= d for _, (c, d) in spans)]
        hits = [o for i, o in enumerate(hits) if all(o is not h for h in hits[:i])]
        if set(said) & _TOGETHER:  # `use both methods`, `combine both AOF and RDB`: the option joining them
            ids = {o.id for o in hits}
            joint = [o for o in self.options if o.parts and (not hits or ids <= {o.id, *o.parts})]
            if len(joint) == 1:
                return joint
        if hits or not allow_group:
            return hits
        if present & self.shared:
            return []  # `installing by the bootstrap procedure` is about every `Bootstrap with …`
        groups = [o for o in self.options if o.group & present]
        return groups if len(groups) < len(self.options) else []

    def get(self, oid: str) -> Candidate | None:
        return next((o for o in self.options if o.id == oid), None)


_SHORT_FORM = re.compile(r"\(\s*([A-Z][A-Za-z0-9./+-]{1,15})\s*[,)]")
"""`Quick Sync Video (QSV)`, `Video Acceleration API (VA-API, Linux only)`: the short name a title gives in brackets."""


_CAPITALISED_PAIR = re.compile(r"\b(?=([A-Z][a-z]+) ([A-Z][a-z]+)\b)")


def _short_forms(title: str) -> list[list[str]]:
    """The other ways a title's alternative is written: the short name in brackets as written and joined
    (`VA-API`, `VAAPI`), and two capitalised words written as one (`VideoToolbox` of `Video Toolbox`)."""
    out: list[list[str]] = []
    names = [m.group(1) for m in _SHORT_FORM.finditer(title)
             if sum(c.isupper() for c in m.group(1)) * 2 >= sum(c.isalpha() for c in m.group(1))]  # not `(the default)`
    for name in names:
        out += [stems(name), stems(re.sub(r"[-./+]", "", name))]
    out += [stems(a + b) for a, b in _CAPITALISED_PAIR.findall(title)]
    return [r for i, r in enumerate(out) if r and r not in out[:i]]


_STOP_STEMS = {stem(w) for w in STOP}
_DOING_WITHOUT = [stem(w) for w in ("no", "without", "disable", "non")]
"""How a text names the option of doing without the thing offered (`disable persistence`)."""
_TOGETHER = {stem(w) for w in ("both", "combine", "combined", "combining", "together")}


def _spans(seq: list[str], run: list[str]) -> list[tuple[int, int]]:
    n = len(run)
    return [(i, i + n) for i in range(len(seq) - n + 1) if n and seq[i:i + n] == run]


@dataclass
class State:
    """Inference state for one knowledge base."""

    choices: dict[str, PageChoice] = field(default_factory=dict)
    """Path → the choice the page presents."""
    questions: dict[tuple[str, str], Question] = field(default_factory=dict)
    """Invented questions by (page, id); one page's sentences that need the same question share it."""
    qualifiers: dict[str, dict[str, str]] = field(default_factory=dict)
    """Path → {stemmed head noun → question id} for `For RKE clusters, …` style qualifiers."""
    skipped: set[str] = field(default_factory=set)
    """Pages where authors declared options, so nothing is inferred on them."""
    page_prerequisites: dict[str, list[Prerequisite]] = field(default_factory=dict)
    """Prerequisites of pages that present no choice, for the options whose guides link there."""
    page_terms: dict[str, list[Term]] = field(default_factory=dict)
    """Terms each page defines."""
    near: list[tuple[str, int, str]] = field(default_factory=list)
    """(path, line, message) of what almost presented a choice on pages where none was found."""
    page_statements: dict[str, list[Any]] = field(default_factory=dict)
    page_points: dict[str, list[tuple[str, str, Citation]]] = field(default_factory=dict)
    """Pros and cons a page without a choice labels (`Pros:` then items): (side, point, where), kept for the
    option whose own page it is (kb.extract.tradeoffs)."""
    """What pages without a choice require (kb.extract.linked), for the options whose guides link there."""
    page_heads: dict[str, tuple[str, int]] = field(default_factory=dict)
    """Path → (title, line of the title) of every page that presents no choice: a page beside the
    options' own pages, titled like them, is one more alternative (kb.extract.assemble)."""

    page_weighs: set[str] = field(default_factory=set)
    """Pages without a choice that weigh their subject (pros, cons, what it is not for): one page per
    alternative, when a folder's index names their kind (kb.extract.assemble)."""

    page_announces: set[str] = field(default_factory=set)
    """Pages without a choice whose opening text announces alternatives (`you can deploy it in different
    ways`): as a folder's index, they introduce a choice laid out one page per alternative."""

    def absorb(self, other: State, order_offset: int) -> None:
        """Add what inference found on a later page (its invented questions' orders shifted)."""
        self.choices.update(other.choices)
        for key, q in other.questions.items():
            self.questions[key] = replace(q, order=q.order + order_offset) if order_offset else q
        self.qualifiers.update(other.qualifiers)
        self.skipped |= other.skipped
        self.page_prerequisites.update(other.page_prerequisites)
        self.page_terms.update(other.page_terms)
        self.page_statements.update(other.page_statements)
        self.page_points.update(other.page_points)
        self.page_heads.update(other.page_heads)
        self.page_weighs |= other.page_weighs
        self.page_announces |= other.page_announces
        self.near.extend(other.near)


def state(ctx: Context) -> State:
    """The inference state kept in the context."""
    st = ctx.notes.get(INFERRED)
    if st is None:
        st = ctx.notes[INFERRED] = State()
    return st


def yes_no(source: Citation) -> tuple[Choice, ...]:
    """The answers of a yes/no question, each citing where the question comes from."""
    return tuple(Choice(v, v.capitalize(), (), (), source) for v in ("yes", "no"))


def ask(ctx: Context, q: Question) -> str:
    """Record an invented question, merging choices with one of the same id on the same page; returns its id."""
    st = state(ctx)
    key = (q.source.path, q.id)
    old = st.questions.get(key)
    if old is None:
        st.questions[key] = q
        return q.id
    if old.kind == "choice" and q.kind == "choice":
        have = {c.value for c in old.choices}
        extra = tuple(c for c in q.choices if c.value not in have)
        if extra:
            st.questions[key] = replace(old, choices=old.choices + extra)
    return q.id


def note(ctx: Context, path: str, line: int, message: str) -> None:
    """Something inference saw but could not settle; `lint --explain` lists these."""
    ctx.problem(path, line, "info", "ambiguous", message)


PURPOSE = "purpose"
TESTING_LIMIT = "weak"
"""Strength of the recommendation a purpose limit implies (`not intended for production`: it is there to try
out); it stands only when the limit singles out one option (see kb.extract.assemble)."""
_PURPOSE_CHOICES = (
    ("production", "Production", ("prod", "production grade", "production-grade", "live", "business critical")),
    ("testing", "Testing, development or a demonstration",
     ("test", "tests", "testing", "demo", "demonstration", "development", "dev", "evaluation", "evaluate", "trial",
      "proof of concept", "poc", "experiment", "try it out", "non production", "non-production", "trying", "try",
      "short-lived", "short lived", "throwaway", "temporary", "getting started", "learn", "learning",
      "sandbox", "playground", "locally", "laptop")),
)


def purpose_question(ctx: Context, source: Citation) -> str:
    """The `purpose` question (production or testing) that purpose limits read."""
    choices = tuple(Choice(v, label, syn, (), source) for v, label, syn in _PURPOSE_CHOICES)
    return ask(ctx, Question(PURPOSE, "What is the installation for: production, or testing and demonstration?",
                             "choice", choices, ("purpose", "use", "environment"), "", None, "",
                             ctx.next_order(), source))


RESTART = "survives_restart"
"""The yes/no question of whether the data must survive a restart, that `lost on restart` statements read."""


def restart_question(ctx: Context, source: Citation) -> str:
    """`Must the data survive a restart?`: a yes is named by keeping data across restarts, a no by losing
    it on a restart (the everyday words bind to these names: engine/language/vocabulary.yaml)."""
    choices = (Choice("yes", "Yes", ("kept across restarts",), (), source),
               Choice("no", "No", ("lost on restart",), (), source))
    return ask(ctx, Question(RESTART, "Must the data survive a restart?", "yesno", choices,
                             ("survive a restart", "survive restarts", "data across restarts", "persist across restarts"),
                             "", None, "", ctx.next_order(), source))


NEW_USER = "new_user"
"""The yes/no question of whether the reader is new to the product (`if you're new to running X, we recommend Y`)."""


def newcomer_question(ctx: Context, phrase: str, source: Citation) -> str:
    """`Are you new to running X?`, named by the words newcomers say of themselves."""
    return ask(ctx, Question(NEW_USER, f"Are you {phrase}?", "yesno",
                             yes_no(source),
                             (phrase, "new to it", "beginner", "beginners", "newcomer", "first time", "never used",
                              "never run"), "", None, "", ctx.next_order(), source))


def words_of(text: str) -> set[str]:
    """Plain lower-case words, for quick tests."""
    return set(tokens(text))
