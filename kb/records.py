"""Typed records that flow from extraction to the graph; every one carries its Citation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fingerpost.kb.expr import Expr, Not

__all__ = [
    "Citation",
    "Section",
    "Link",
    "Block",
    "Document",
    "PageInfo",
    "Choice",
    "Question",
    "Option",
    "Constraint",
    "Recommendation",
    "Tradeoff",
    "Prerequisite",
    "DocLink",
    "Term",
    "Component",
    "Group",
    "Connection",
    "Architecture",
    "Decision",
    "Records",
    "STRENGTHS",
]

STRENGTHS = {"weak": 1, "normal": 2, "strong": 3}


@dataclass(slots=True, frozen=True)
class Citation:
    """Where a statement was read."""

    path: str
    """File path relative to the knowledge-base root, with `/` separators."""
    line: int
    """1-based line of the statement."""
    section: str = ""
    """Title of the enclosing section, if any."""
    anchor: str = ""
    """Anchor of the enclosing section (`path#anchor` links to it)."""
    confidence: float = 1.0
    """1.0 for authored annotations; below 1 for inferences."""
    quote: str = ""
    """For inferences: the sentence it came from."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"

    @property
    def href(self) -> str:
        return f"{self.path}#{self.anchor}" if self.anchor else self.path


@dataclass(slots=True, frozen=True)
class Section:
    """A heading and the text under it, up to the next heading of the same or higher level."""

    path: str
    """File the section is in."""
    anchor: str
    """Docusaurus-style slug, or the explicit `{#id}`."""
    title: str
    """Heading text, without the `{#id}`."""
    level: int
    """1 for `#`, 2 for `##`, …; 0 for the page itself (text before the first heading)."""
    line: int
    """Line of the heading."""
    end_line: int
    """Last line of the section's own text."""
    parent: str
    """Anchor of the enclosing section, '' at the top."""
    text: str
    """Plain text of the section (without its sub-sections), for answering questions."""


@dataclass(slots=True, frozen=True)
class Link:
    """A link in a page and what it resolves to."""

    path: str
    """File the link is in."""
    line: int
    """Line of the link."""
    col: int
    """Column of the link target in that line (1-based)."""
    text: str
    """Link text."""
    target: str
    """The target as written."""
    kind: str
    """`page`, `anchor`, `external`, `missing-page`, `missing-anchor`, `unresolved`, `outside-root`, `unsafe`."""
    resolved: str = ""
    """For page and anchor links: the path of the target file in the knowledge base."""
    anchor: str = ""
    """The `#anchor` part, if any."""
    section: str = ""
    """Anchor of the section the link is in."""


@dataclass(slots=True, frozen=True)
class Block:
    """A decision annotation: a YAML mapping from a fenced block, an HTML comment or front matter."""

    path: str
    """File the block is in."""
    line: int
    """Line where the YAML text starts."""
    data: Any
    """The YAML value, with a `.line` attribute on mappings (see kb.yamlsafe)."""
    section: Section | None
    """The section the block lies in."""


@dataclass(slots=True)
class Document:
    """One Markdown page as read: front matter, sections, links and annotation blocks."""

    path: str
    """Path relative to the knowledge-base root."""
    title: str
    """Front-matter title, else the first heading, else the file name."""
    front_matter: dict[str, Any]
    """The page's YAML front matter (safe-loaded)."""
    front_matter_line: int
    """Line where the front matter's YAML starts (2 when present)."""
    sections: list[Section]
    """Sections in document order; the first is the page itself (level 0)."""
    links: list[Link]
    """Links in document order; resolved by kb.links."""
    blocks: list[Block]
    """Decision annotations in document order."""
    tables: list[Any] = field(default_factory=list)
    """Tables (kb.read.Table) for structural extraction."""
    paragraphs: list[Any] = field(default_factory=list)
    """Paragraph and list-item texts (kb.read.Paragraph) for sentence extraction."""
    aliases: tuple[str, ...] = ()
    """Hugo `aliases` from the front matter: other URLs of this page."""
    line_count: int = 0
    """Number of lines in the file."""
    problems: list[Any] = field(default_factory=list)
    """Diagnostics found while reading (encoding, YAML, …)."""
    source: str = ""
    """The text as read (what `docs N` shows: never read again from the file)."""

    def section_at(self, line: int) -> Section:
        """The section whose own text contains `line` (sections are in document order)."""
        best = self.sections[0]
        for s in self.sections:
            if s.line > line:
                break
            best = s
        return best

    def anchors(self) -> set[str]:
        return {s.anchor for s in self.sections if s.anchor}


@dataclass(slots=True, frozen=True)
class PageInfo:
    """What other pages and the knowledge base need of a page, without its text."""

    path: str
    """Path relative to the knowledge-base root."""
    title: str
    """The page's title."""
    anchors: frozenset[str]
    """Every anchor a link may name."""
    aliases: tuple[str, ...]
    """Hugo `aliases`: other URLs of the page."""
    sections: tuple[str, ...]
    """Anchors of its headed sections (level 1 and below), in order: the graph's section nodes."""
    problems: tuple[Any, ...]
    """Diagnostics found while reading it."""

    @classmethod
    def of(cls, doc: Document) -> PageInfo:
        return cls(doc.path, doc.title, frozenset(doc.anchors()), doc.aliases,
                   tuple(s.anchor for s in doc.sections if s.level), tuple(doc.problems))


@dataclass(slots=True, frozen=True)
class Choice:
    """One answer to a choice question (also used for yes/no answers)."""

    value: str
    """Stable id of the answer, used in expressions: `internet == "airgap"`."""
    label: str
    """How the answer is shown."""
    synonyms: tuple[str, ...]
    """Other words a person may use for it."""
    implies: tuple[tuple[str, str], ...]
    """Other answers this one settles: ((question, value), …)."""
    source: Citation
    """Where the answer is declared."""


@dataclass(slots=True, frozen=True)
class Question:
    """Something the user is asked, whose answer the constraints read."""

    id: str
    """Name used in expressions."""
    text: str
    """The question as asked."""
    kind: str
    """`choice`, `number`, `version` or `yesno`."""
    choices: tuple[Choice, ...]
    """For choice and yes/no questions."""
    synonyms: tuple[str, ...]
    """Words that name this question in free text."""
    help: str
    """One or two sentences on why it matters."""
    ask_when: Expr | None
    """Only ask when this holds (None: always relevant)."""
    unit: str
    """For numbers: the unit words (`nodes`)."""
    order: int
    """Position in the documentation (for document-order asking)."""
    source: Citation
    """Where the question is declared."""


@dataclass(slots=True, frozen=True)
class Option:
    """A path the documentation offers; variants refine a parent option."""

    id: str
    """Stable id."""
    title: str
    """Human title."""
    summary: str
    """One or two sentences."""
    parent: str
    """Id of the option this one is a variant of ('' for a top-level option)."""
    variant_by: tuple[str, ...]
    """Questions whose answers name this option's variant in its title (e.g. network access)."""
    synonyms: tuple[str, ...]
    """Other names a person may use."""
    qualities: tuple[tuple[str, int], ...]
    """Scores for priorities a user may state, e.g. (("availability", 3), ("cost", 1))."""
    order: int
    """Position in the documentation."""
    source: Citation
    """Where the option is declared."""


@dataclass(slots=True, frozen=True)
class Constraint:
    """A condition on an option: `requires` must hold, `excludes` must not."""

    id: str
    """Stable id (`option/n`)."""
    option: str
    """The option it applies to."""
    kind: str
    """`requires` or `excludes`."""
    expr: Expr
    """The condition."""
    text: str
    """The condition as written."""
    because: str
    """Why, in the content's words."""
    source: Citation
    """Where it is stated."""

    @property
    def fit_condition(self) -> Expr:
        """What must hold for the option to fit: the condition (`requires`) or its negation (`excludes`)."""
        return self.expr if self.kind == "requires" else Not(self.expr)


@dataclass(slots=True, frozen=True)
class Recommendation:
    """The content recommends an option when a condition holds."""

    id: str
    """Stable id."""
    option: str
    """The option recommended."""
    when: Expr | None
    """Condition (None: always)."""
    text: str
    """The condition as written ('' when always)."""
    strength: str
    """`weak`, `normal` or `strong`."""
    because: str
    """Why."""
    source: Citation
    """Where it is stated."""


@dataclass(slots=True, frozen=True)
class Tradeoff:
    """A pro or con of an option."""

    id: str
    """Stable id."""
    option: str
    """The option."""
    side: str
    """`pro` or `con`."""
    text: str
    """The point, in the content's words."""
    source: Citation
    """Where it is stated."""


@dataclass(slots=True, frozen=True)
class Prerequisite:
    """Something to have in place before following an option."""

    id: str
    """Stable id."""
    title: str
    """Checklist line."""
    text: str
    """More detail."""
    options: tuple[str, ...]
    """Options it applies to (empty: all)."""
    href: str
    """Where to read about it."""
    requires: tuple[str, ...]
    """Prerequisites to meet first."""
    source: Citation
    """Where it is stated."""
    when: Expr | None = None
    """Only needed when this holds (None: always)."""


@dataclass(slots=True, frozen=True)
class DocLink:
    """A page that covers an option, possibly only for some answers."""

    id: str
    """Stable id."""
    option: str
    """The option ('' for all)."""
    title: str
    """Link text."""
    href: str
    """Target: absolute URL or path relative to the page that declares it."""
    when: Expr | None
    """When this page applies (None: always)."""
    text: str
    """The condition as written."""
    source: Citation
    """Where it is declared."""


@dataclass(slots=True, frozen=True)
class Term:
    """A defined term: what K3s is, what a load balancer does here."""

    id: str
    """Stable id."""
    title: str
    """The term."""
    text: str
    """Its definition."""
    synonyms: tuple[str, ...]
    """Other names."""
    source: Citation
    """Where it is defined."""


@dataclass(slots=True, frozen=True)
class Component:
    """A box in an architecture diagram."""

    id: str
    """Stable id within the architecture."""
    label: str
    """Shown text."""
    kind: str
    """`node`, `service`, `container`, `load-balancer`, `registry`, `proxy`, `cluster`, `user`, `internet`…"""
    group: str
    """Id of the group it is drawn in ('' for none)."""
    count: str
    """How many: a number, or a question name whose answer gives the number ('' means one)."""
    when: Expr | None
    """Drawn only when this holds."""


@dataclass(slots=True, frozen=True)
class Group:
    """A cluster of components in a diagram."""

    id: str
    """Stable id."""
    label: str
    """Shown text."""
    parent: str
    """Enclosing group ('' for none)."""
    when: Expr | None
    """Drawn only when this holds."""


@dataclass(slots=True, frozen=True)
class Connection:
    """A labelled edge between components or groups."""

    source_id: str
    """From."""
    target_id: str
    """To."""
    label: str
    """Edge label."""
    when: Expr | None
    """Drawn only when this holds."""


@dataclass(slots=True, frozen=True)
class Architecture:
    """What an option looks like once built."""

    option: str
    """The option it draws."""
    title: str
    """Diagram title."""
    components: tuple[Component, ...]
    """Boxes."""
    groups: tuple[Group, ...]
    """Clusters."""
    connections: tuple[Connection, ...]
    """Edges."""
    source: Citation
    """Where it is declared."""


@dataclass(slots=True, frozen=True)
class Decision:
    """What a knowledge base helps decide (from a `decision` block)."""

    id: str
    """Stable id."""
    title: str
    """One line: `How to install Rancher`."""
    intro: str
    """What the chat says first."""
    docs_base_url: str
    """Base URL of the real documentation site, for relative doc links."""
    priorities: tuple[str, ...]
    """Quality names users may rank by (availability, cost, simplicity)."""
    source: Citation
    """Where it is declared."""


@dataclass(slots=True)
class Records:
    """Everything extraction found, before the graph is built."""

    decisions: list[Decision] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    options: list[Option] = field(default_factory=list)
    constraints: list[Constraint] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    tradeoffs: list[Tradeoff] = field(default_factory=list)
    prerequisites: list[Prerequisite] = field(default_factory=list)
    doclinks: list[DocLink] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    architectures: list[Architecture] = field(default_factory=list)
    problems: list[Any] = field(default_factory=list)
    """Diagnostics from extraction."""
