"""Records → KnowledgeBase: a networkx graph plus indexes. Only this module knows networkx.

Node ids are `kind:id` (`option:k8s-ha`, `question:nodes`, `answer:internet=airgap`,
`doc:path.md`, `section:path.md#anchor`). Every node has `kind`, `title` and `source`
(`path:line`); every edge has `kind` and `source`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TypeVar

from fingerpost.kb import expr as ex
from fingerpost.kb.errors import Diagnostic, UnknownName, UnknownOption
from fingerpost.kb.files import paused_gc
from fingerpost.kb.links import link_problems
from fingerpost.kb.records import (
    Architecture,
    Citation,
    Constraint,
    Decision,
    DocLink,
    Document,
    Option,
    PageInfo,
    Prerequisite,
    Question,
    Recommendation,
    Records,
    Term,
    Tradeoff,
)

if TYPE_CHECKING:
    from fingerpost.kb.links import LinkDigest

__all__ = ["KnowledgeBase", "LazyKnowledgeBase", "LazyDocuments", "build_graph", "knowledge_base", "NODE_KINDS", "EDGE_KINDS"]

NODE_KINDS = ("decision", "question", "answer", "option", "prerequisite", "constraint", "recommendation",
              "tradeoff", "term", "doc", "section")
EDGE_KINDS = ("answers", "requires", "excludes", "recommends", "refines", "reads", "tradeoff-of",
              "implies", "cites", "links-to", "contains", "documents")

_T = TypeVar("_T")


@dataclass
class KnowledgeBase:
    """The compiled decision graph and indexes over it."""

    root: str
    """Folder the content was read from (or a label for embedded content)."""
    graph: Any
    """networkx.MultiDiGraph with the node and edge kinds above."""
    decision: Decision | None
    questions: dict[str, Question]
    options: dict[str, Option]
    constraints: list[Constraint]
    recommendations: list[Recommendation]
    tradeoffs: list[Tradeoff]
    prerequisites: dict[str, Prerequisite]
    doclinks: list[DocLink]
    terms: dict[str, Term]
    architectures: dict[str, Architecture]
    documents: dict[str, Document]
    problems: list[Diagnostic] = field(default_factory=list)

    # ---- look-ups -------------------------------------------------------------------------
    def question(self, qid: str) -> Question:
        try:
            return self.questions[qid]
        except KeyError:
            raise UnknownName(f"no question named `{qid}`",
                              hint=f"known questions: {', '.join(self.questions) or 'none'}") from None

    def option(self, oid: str) -> Option:
        try:
            return self.options[oid]
        except KeyError:
            raise UnknownOption(f"no option named `{oid}`",
                                hint=f"known options: {', '.join(self.options) or 'none'}") from None

    def top_options(self) -> list[Option]:
        """Options that are not variants, in document order."""
        return [o for o in self.options.values() if not o.parent]

    def variants(self, oid: str) -> list[Option]:
        """Direct variants of an option, in document order."""
        return [o for _, o in self._by_option("variants").get(oid, ())]

    def _by_option(self, kind: str) -> dict[str, list[tuple[int, Any]]]:
        """(position, record) by option id, built on first use: look-ups per option stay linear overall."""
        indexes = self.__dict__.setdefault("_indexes", {})
        if kind not in indexes:
            index: dict[str, list[tuple[int, Any]]] = {}
            if kind == "variants":
                for i, o in enumerate(self.options.values()):
                    index.setdefault(o.parent, []).append((i, o))
            else:
                for i, r in enumerate(getattr(self, kind)):
                    index.setdefault(r.option, []).append((i, r))
            indexes[kind] = index
        return indexes[kind]

    def derived(self, name: str, build: Callable[[KnowledgeBase], _T]) -> _T:
        """`build(self)`, made on first use and kept on this knowledge base under `name` (e.g. the
        engine's indexes): it lives exactly as long as the knowledge base and is never pickled or
        copied with it. Two threads asking at once may both build; both get the one kept first."""
        try:
            return self.__dict__["_derived"][name]
        except KeyError:
            store = self.__dict__.setdefault("_derived", {})
            return store.setdefault(name, build(self))

    def __getstate__(self) -> dict[str, Any]:
        """For pickle and copy: everything but the derived state, which refers to this instance."""
        return {k: v for k, v in self.__dict__.items() if k != "_derived"}

    def _for(self, kind: str, ids: list[str]) -> list[Any]:
        """Records of `kind` about any of `ids`, in their list order."""
        index = self._by_option(kind)
        found = [item for oid in dict.fromkeys(ids) for item in index.get(oid, ())]
        return [r for _, r in (sorted(found, key=lambda item: item[0]) if len(ids) > 1 else found)]

    def lineage(self, oid: str) -> list[Option]:
        """The option and its ancestors, the option first."""
        out: list[Option] = []
        seen: set[str] = set()
        while oid and oid in self.options and oid not in seen:
            seen.add(oid)
            out.append(self.options[oid])
            oid = self.options[oid].parent
        return out

    def constraints_for(self, oid: str, inherited: bool = True) -> list[Constraint]:
        """Constraints on an option (and, by default, on its ancestors)."""
        ids = [o.id for o in self.lineage(oid)] if inherited else [oid]
        return self._for("constraints", ids)

    def recommendations_for(self, oid: str) -> list[Recommendation]:
        return self._for("recommendations", [oid])

    def tradeoffs_for(self, oid: str, inherited: bool = True) -> list[Tradeoff]:
        ids = [o.id for o in self.lineage(oid)] if inherited else [oid]
        return self._for("tradeoffs", ids)

    def prerequisites_for(self, oid: str) -> list[Prerequisite]:
        """Prerequisites of an option, its ancestors and all options, with their own prerequisites first."""
        ids = {o.id for o in self.lineage(oid)}
        direct = [p for p in self.prerequisites.values() if not p.options or ids & set(p.options)]
        out: list[Prerequisite] = []
        seen: set[str] = set()

        def visit(p: Prerequisite, path: tuple[str, ...]) -> None:
            if p.id in seen or p.id in path:
                return
            for dep in p.requires:
                if dep in self.prerequisites:
                    visit(self.prerequisites[dep], path + (p.id,))
            seen.add(p.id)
            out.append(p)

        for p in direct:
            visit(p, ())
        return out

    def doclinks_for(self, oid: str) -> list[DocLink]:
        ids = {o.id for o in self.lineage(oid)}
        return [d for d in self.doclinks if d.option in ids or not d.option]

    def architecture_for(self, oid: str) -> Architecture | None:
        for o in self.lineage(oid):
            if o.id in self.architectures:
                return self.architectures[o.id]
        return None

    def kinds(self) -> dict[str, str]:
        """Question id → answer kind, for typing expression literals."""
        return {q.id: q.kind for q in self.questions.values()}

    def link_problems(self) -> Iterator[Diagnostic]:
        """What lint says of every page's links, page by page."""
        for doc in self.documents.values():
            yield from link_problems(doc.path, doc.links)

    def summary(self) -> dict[str, int]:
        counts: dict[str, int] = {k: 0 for k in NODE_KINDS}
        for _, data in self.graph.nodes(data=True):
            counts[data["kind"]] = counts.get(data["kind"], 0) + 1
        counts["edges"] = self.graph.number_of_edges()
        return counts

    def href(self, link: str, base_path: str = "") -> str:
        """An absolute URL for a doc link, using the decision's docs_base_url for relative ones."""
        if "://" in link or link.startswith(("mailto:", "#")):
            return link
        base = self.decision.docs_base_url if self.decision else ""
        return base.rstrip("/") + "/" + link.lstrip("/") if base else link


def _src(c: Citation) -> str:
    return f"{c.path}:{c.line}"


def _merge_prerequisites(items: list[Prerequisite]) -> dict[str, Prerequisite]:
    out: dict[str, Prerequisite] = {}
    for p in items:
        old = out.get(p.id)
        if old is None:
            out[p.id] = p
            continue
        declared = old if old.title else p
        out[p.id] = replace(declared, options=tuple(dict.fromkeys(old.options + p.options)),
                            requires=tuple(dict.fromkeys(old.requires + p.requires)))
    for pid, p in list(out.items()):
        if not p.title:
            out[pid] = replace(p, title=pid)
    return out


def _break_variant_loops(options: dict[str, Option], problems: list[Diagnostic]) -> None:
    """Options that are variants of each other: reported as a chain, and the loop cut so reasoning terminates."""
    for o in list(options.values()):
        chain: list[str] = []
        oid = o.id
        while oid in options and oid not in chain:
            chain.append(oid)
            oid = options[oid].parent
        if oid == o.id:  # the chain came back to where it started
            steps = " → ".join(f"`{x}` ({options[x].source})" for x in [*chain, o.id])
            problems.append(Diagnostic(o.source.path, o.source.line, 1, "error", "variant-cycle",
                                       f"options are variants of each other: {steps} — remove one `variant_of`"))
            options[o.id] = replace(o, parent="")


def build_graph(root: str, documents: list[Document], records: Records) -> KnowledgeBase:
    """Assemble the graph from documents and extracted records."""
    import networkx as nx  # start-up: loading a cached KnowledgeBase must not pay for networkx

    g = nx.MultiDiGraph()
    _doc_layer(g, documents)
    problems: list[Diagnostic] = [p for d in documents for p in d.problems]
    fields = _record_layer(g, records, problems)
    return KnowledgeBase(root=root, graph=g, documents={d.path: d for d in documents}, problems=problems, **fields)


def _doc_layer(g: Any, documents: Iterable[Document]) -> None:
    """Pages, their sections (`contains`) and the links between them (`links-to`)."""
    documents = list(documents)
    for doc in documents:
        g.add_node(f"doc:{doc.path}", kind="doc", title=doc.title, source=f"{doc.path}:1")
        for sec in doc.sections:
            if sec.level == 0:
                continue
            nid = f"section:{doc.path}#{sec.anchor}"
            g.add_node(nid, kind="section", title=sec.title, source=f"{doc.path}:{sec.line}", anchor=sec.anchor)
            parent = f"section:{doc.path}#{sec.parent}" if sec.parent else f"doc:{doc.path}"
            g.add_edge(parent, nid, kind="contains", source=f"{doc.path}:{sec.line}")
    for doc in documents:  # after every page's sections exist, so links to later pages find their anchors
        for link in doc.links:
            if link.kind in ("page", "anchor"):
                frm = f"section:{doc.path}#{link.section}" if link.section else f"doc:{doc.path}"
                to = f"section:{link.resolved}#{link.anchor}" if link.anchor else f"doc:{link.resolved}"
                if to in g or to.startswith("doc:"):
                    g.add_edge(frm, to, kind="links-to", source=f"{doc.path}:{link.line}")


def _record_layer(g: Any, records: Records, problems: list[Diagnostic]) -> dict[str, Any]:
    """Decision, questions, answers, options and what is said about them; returns the
    KnowledgeBase's record fields, and adds what is wrong with them to `problems`."""
    problems.extend(records.problems)

    def cites(nid: str, c: Citation) -> None:
        target = f"section:{c.path}#{c.anchor}" if c.anchor else f"doc:{c.path}"
        if target in g:
            g.add_edge(nid, target, kind="cites", source=_src(c))

    decision = records.decisions[0] if records.decisions else None
    for d in records.decisions:
        g.add_node(f"decision:{d.id}", kind="decision", title=d.title, source=_src(d.source), intro=d.intro)
        cites(f"decision:{d.id}", d.source)
    questions = _question_layer(g, records.questions, problems, cites)
    options = _option_layer(g, records.options, problems, cites)

    def reads(nid: str, e: ex.Expr | None, c: Citation) -> None:
        for name in sorted(ex.names(e)) if e is not None else ():
            if f"question:{name}" in g:
                g.add_edge(nid, f"question:{name}", kind="reads", source=_src(c))

    for c in records.constraints:
        nid = f"constraint:{c.id}"
        g.add_node(nid, kind="constraint", title=c.because or c.text, source=_src(c.source), expr=ex.to_text(c.expr),
                   constraint_kind=c.kind, option=c.option)
        if f"option:{c.option}" in g:
            g.add_edge(f"option:{c.option}", nid, kind=c.kind, source=_src(c.source))
        reads(nid, c.expr, c.source)
        cites(nid, c.source)
    for r in records.recommendations:
        nid = f"recommendation:{r.id}"
        g.add_node(nid, kind="recommendation", title=r.because or f"recommend {r.option}", source=_src(r.source),
                   when=r.text, strength=r.strength, option=r.option)
        if f"option:{r.option}" in g:
            g.add_edge(nid, f"option:{r.option}", kind="recommends", source=_src(r.source))
        reads(nid, r.when, r.source)
        cites(nid, r.source)
    for t in records.tradeoffs:
        nid = f"tradeoff:{t.id}"
        g.add_node(nid, kind="tradeoff", title=t.text, source=_src(t.source), side=t.side, option=t.option)
        if f"option:{t.option}" in g:
            g.add_edge(nid, f"option:{t.option}", kind="tradeoff-of", source=_src(t.source))
        cites(nid, t.source)
    prerequisites = _prerequisite_layer(g, records.prerequisites, cites)
    for t in records.terms:
        g.add_node(f"term:{t.id}", kind="term", title=t.title, source=_src(t.source), text=t.text)
        cites(f"term:{t.id}", t.source)
    for dl in records.doclinks:
        target = f"doc:{dl.href}"
        if target not in g:  # a page outside the knowledge base, named only by this link
            g.add_node(target, kind="doc", title=dl.title, source=_src(dl.source), href=dl.href, external=True)
        frm = f"option:{dl.option}" if f"option:{dl.option}" in g else None
        if frm:
            g.add_edge(frm, target, kind="documents", source=_src(dl.source), when=dl.text, title=dl.title)
    return dict(decision=decision, questions=questions, options=options,
                constraints=list(records.constraints), recommendations=list(records.recommendations),
                tradeoffs=list(records.tradeoffs), prerequisites=prerequisites, doclinks=list(records.doclinks),
                terms={t.id: t for t in records.terms}, architectures={a.option: a for a in records.architectures})


def _question_layer(g: Any, items: list[Question], problems: list[Diagnostic], cites: Callable) -> dict[str, Question]:
    questions: dict[str, Question] = {}
    for q in items:
        if q.id in questions:
            problems.append(Diagnostic(q.source.path, q.source.line, 1, "error", "duplicate",
                                       f"question `{q.id}` is declared twice (first at {questions[q.id].source}) — rename one"))
            continue
        questions[q.id] = q
        nid = f"question:{q.id}"
        g.add_node(nid, kind="question", title=q.text, source=_src(q.source), answer_kind=q.kind, order=q.order,
                   ask_when=ex.to_text(q.ask_when) if q.ask_when else "")
        cites(nid, q.source)
        for ch in q.choices:
            aid = f"answer:{q.id}={ch.value}"
            g.add_node(aid, kind="answer", title=ch.label, source=_src(ch.source), value=ch.value, question=q.id)
            g.add_edge(aid, nid, kind="answers", source=_src(ch.source))
        if q.kind in ("number", "version"):
            aid = f"answer:{q.id}=*"
            g.add_node(aid, kind="answer", title=f"any {q.kind}", source=_src(q.source), value="*", question=q.id)
            g.add_edge(aid, nid, kind="answers", source=_src(q.source))
    for q in questions.values():
        for ch in q.choices:
            for other, value in ch.implies:
                target = f"answer:{other}={value}"
                if target in g:
                    g.add_edge(f"answer:{q.id}={ch.value}", target, kind="implies", source=_src(ch.source))
    return questions


def _option_layer(g: Any, items: list[Option], problems: list[Diagnostic], cites: Callable) -> dict[str, Option]:
    options: dict[str, Option] = {}
    for o in items:
        if o.id in options:
            problems.append(Diagnostic(o.source.path, o.source.line, 1, "error", "duplicate",
                                       f"option `{o.id}` is declared twice (first at {options[o.id].source}) — rename one"))
            continue
        options[o.id] = o
        g.add_node(f"option:{o.id}", kind="option", title=o.title, source=_src(o.source), summary=o.summary,
                   parent=o.parent, order=o.order)
        cites(f"option:{o.id}", o.source)
    _break_variant_loops(options, problems)
    for o in options.values():
        g.nodes[f"option:{o.id}"]["parent"] = o.parent
        if o.parent and o.parent in options:
            g.add_edge(f"option:{o.id}", f"option:{o.parent}", kind="refines", source=_src(o.source))
    return options


def _prerequisite_layer(g: Any, items: list[Prerequisite], cites: Callable) -> dict[str, Prerequisite]:
    prerequisites = _merge_prerequisites(items)
    for p in prerequisites.values():
        nid = f"prerequisite:{p.id}"
        g.add_node(nid, kind="prerequisite", title=p.title, source=_src(p.source), href=p.href)
        cites(nid, p.source)
    for p in prerequisites.values():
        for oid in p.options:
            if f"option:{oid}" in g:
                g.add_edge(f"option:{oid}", f"prerequisite:{p.id}", kind="requires", source=_src(p.source))
        for dep in p.requires:
            if f"prerequisite:{dep}" in g:
                g.add_edge(f"prerequisite:{p.id}", f"prerequisite:{dep}", kind="requires", source=_src(p.source))
    return prerequisites


class LazyDocuments(Mapping[str, Document]):
    """The pages of a LazyKnowledgeBase, in order, each loaded on first use and kept.

    `load(rels)` returns at least the pages asked for and may return more: a compiled folder makes
    one page's Document at a time, the build cache reads every page from its store in one query.
    """

    def __init__(self, order: Iterable[str], load: Callable[[list[str]], Mapping[str, Document]]) -> None:
        self._order = dict.fromkeys(order)
        self._load = load
        self._loaded: dict[str, Document] = {}

    def __getitem__(self, rel: str) -> Document:
        doc = self._loaded.get(rel)
        if doc is None:
            if rel not in self._order:
                raise KeyError(rel)
            self._loaded.update(self._load([rel]))
            doc = self._loaded[rel]
        return doc

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, rel: object) -> bool:
        return rel in self._order


class LazyKnowledgeBase(KnowledgeBase):
    """A KnowledgeBase whose graph is built on first use, from pages that may be read on first use:
    commands that reason over records never pay for either. Its summary is counted when it is made."""

    _records: Records
    _summary: dict[str, int]
    _link_problems: list[Diagnostic] | None

    @property  # type: ignore[override]
    def graph(self) -> Any:
        g = self.__dict__.get("graph")
        if g is None:
            with paused_gc():
                g = build_graph(self.root, list(self.documents.values()), self._records).graph
            self.__dict__["graph"] = g
        return g

    @graph.setter
    def graph(self, value: Any) -> None:
        self.__dict__["graph"] = value

    def link_problems(self) -> Iterator[Diagnostic]:
        found = self.__dict__.get("_link_problems")
        return iter(found) if found is not None else super().link_problems()

    def summary(self) -> dict[str, int]:
        return dict(self._summary)


def knowledge_base(root: str, documents: Mapping[str, Document], pages: Sequence[PageInfo],
                   links: Sequence[LinkDigest], records: Records) -> LazyKnowledgeBase:
    """The knowledge base of pages (as PageInfo and a digest of their links, in the same order)
    and their records, without reading the pages or building their part of the graph:
    `documents` is only kept."""
    import networkx as nx  # start-up: networkx loads only when the graph is used

    g = nx.MultiDiGraph()
    stand_ins = _stand_ins(g, pages, records)
    problems: list[Diagnostic] = [p for page in pages for p in page.problems]
    fields = _record_layer(g, records, problems)
    kb = LazyKnowledgeBase(root=root, graph=None, documents=documents, problems=problems, **fields)  # type: ignore[arg-type]
    kb._records, kb._link_problems = records, [p for digest in links for p in digest.problems]
    kb._summary = _count(g, stand_ins, pages, links)
    return kb


def _stand_ins(g: Any, pages: Sequence[PageInfo], records: Records) -> dict[str, int]:
    """Add the page and section nodes the records cite, so the record layer links to them as in the
    whole graph; returns how many of each kind were added."""
    sections = {p.path: set(p.sections) for p in pages}
    added = {"doc": 0, "section": 0}

    def stand_in(path: str, anchor: str) -> None:
        nid = f"section:{path}#{anchor}" if anchor else f"doc:{path}"
        if nid not in g and path in sections and (not anchor or anchor in sections[path]):
            kind = "section" if anchor else "doc"
            g.add_node(nid, kind=kind)
            added[kind] += 1

    for kind in ("decisions", "questions", "options", "constraints", "recommendations", "tradeoffs",
                 "prerequisites", "terms"):
        for r in getattr(records, kind):
            stand_in(r.source.path, r.source.anchor)
    for d in records.doclinks:
        stand_in(d.href, "")
    return added


def _count(g: Any, stand_ins: dict[str, int], pages: Sequence[PageInfo], links: Sequence[LinkDigest]) -> dict[str, int]:
    """What `KnowledgeBase.summary` counts on the whole graph: the record layer as built, plus the
    pages' nodes and edges counted from their PageInfo and link digests (a page or anchor link
    always has its target node: resolution checked the anchor)."""
    counts: dict[str, int] = {k: 0 for k in NODE_KINDS}
    for _, kind in g.nodes(data="kind"):
        counts[kind] = counts.get(kind, 0) + 1
    counts["doc"] += len(pages) - stand_ins["doc"]
    counts["section"] += sum(len(set(p.sections)) for p in pages) - stand_ins["section"]
    counts["edges"] = g.number_of_edges() + sum(len(p.sections) for p in pages) + sum(d.edges for d in links)
    return counts
