"""Rule `sentences`: constraints and recommendations from what sentences state about options.

Only pages that present a choice (see `structure`) are read. Each sentence is attributed to the
options it names by their own words (`high availability`, `Docker`); failing that, to the option
whose section it is in; failing that, inside the section presenting the choice, to the options
sharing a word it uses (`Kubernetes` → both Kubernetes installs). Then:

- counts (`three nodes are required`, `a minimum of two replicas`) → `requires: nodes >= 3`
- purpose limits (`for testing purposes only`, `not suitable for production`) →
  `excludes: purpose == production`
- advice (`we recommend`, `strongly recommended`) → a recommendation, with `purpose ==
  production` when it speaks of production; `not advised` with a condition → `excludes`
- version bounds (`as of v2.4`, `before v2.4`, `v2.0-v2.4`) → conditions on `<product>_version`
- `no migration path from A to B` → A is ruled out for readers who will want B later
- fronted qualifiers in parallel (`For RKE clusters, …` / `For K3s clusters, …`) → a choice
  question (`cluster`: RKE or K3s) that conditions what those sentences state.

Sentences that look like a statement but name no option are reported as ambiguous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from fingerpost.kb import expr as ex
from fingerpost.kb.extract import patterns as pt
from fingerpost.kb.extract.choices.cues import FIT
from fingerpost.kb.extract.choices.purpose_headings import purpose_of
from fingerpost.kb.extract.conditions import NEW_USER, Condition, clauses, condition, within_chosen
from fingerpost.kb.extract.context import Context, cite
from fingerpost.kb.extract.inferred import (
    TESTING_LIMIT,
    Candidate,
    PageChoice,
    ask,
    newcomer_question,
    note,
    purpose_question,
    restart_question,
    state,
    yes_no,
)
from fingerpost.kb.extract.merits import side_subject
from fingerpost.kb.extract.words import contains_run, ident, line_of, sentences, singular, stem, stems, tokens
from fingerpost.kb.records import Choice, Citation, Constraint, Document, Question, Recommendation

__all__ = ["extract", "Sentence"]


@dataclass(slots=True)
class Sentence:
    """One sentence being read, with where it is and whom it is about."""

    text: str
    """The sentence."""
    line: int
    """Its source line."""
    section: str
    """Anchor of its section."""
    item: bool = False
    """It is (the start of) a list item."""
    owners: list[Candidate] = field(default_factory=list)
    """Options it is about."""
    confidence: float = 1.0
    """How sure the attribution is (multiplied into each record's confidence)."""
    conditions: list[str] = field(default_factory=list)
    """Expressions that restrict what it states (`cluster == "rke"`, `rancher_version < 2.4`)."""
    named: bool = False
    """It names one of its options in words (not only by being in the option's section)."""
    advice_elsewhere: bool = False
    """Its advice names what it is about, and that is none of the options (`it is recommended to use the
    fastest disks`): nothing to recommend an option by."""
    fronted_only: bool = False
    """Its options are named only in a fronted phrase (`For large clusters, a fast disk is suggested`):
    what it advises is for readers of them, not a reason to pick them."""


@dataclass(slots=True)
class Qualifier:
    """A choice question made from fronted qualifiers, and the values sentences may name."""

    qid: str
    head: str
    values: dict[str, list[str]]
    """value → stemmed words naming it."""


def _qualifiers(doc: Document, ctx: Context, items: list[Sentence]) -> dict[str, Qualifier]:
    """Parallel fronted qualifiers on the page → choice questions (by stemmed head noun)."""
    found: dict[str, dict[str, tuple[str, Sentence]]] = {}
    for s in items:
        q = pt.qualifier(s.text)
        if q:
            mod, head = q
            found.setdefault(stem(head), {}).setdefault(mod.lower(), (mod, s))
    out: dict[str, Qualifier] = {}
    for head_stem, mods in found.items():
        if len(mods) < 2:
            continue
        head = singular(next(iter(mods.values()))[1].text.split(",")[0].split()[-1])
        qid = ident(head)
        choices = []
        for mod, s in mods.values():
            value = ident(mod, "-")
            choices.append(Choice(value, f"{mod} {head}", (mod.lower(),), (),
                                  cite(doc, s.line, confidence=0.7, quote=s.text)))
        first = next(iter(mods.values()))[1]
        names = " or ".join(mod for mod, _ in mods.values())
        ask(ctx, Question(qid, f"Which {head} will you use: {names}?", "choice", tuple(choices), (head,), "", None, "",
                          ctx.next_order(), cite(doc, first.line, confidence=0.7, quote=first.text)))
        out[head_stem] = Qualifier(qid, head, {c.value: stems(c.synonyms[0]) for c in choices})
    return out


_WHO = (r"\bfor\s+(?:users|teams|people|those|customers|organi[sz]ations|operators|admins|administrators|companies|"
        r"anyone|everyone|developers|clusters|deployments|installations|environments)\s+(?:who|that|which)")
"""An audience a lead leaves to the list below (`for users who:`): read as the reader's case (`if you …`)."""
_WHO_END = re.compile(_WHO + r"\s*:$", re.I)
_LEAD_IF = re.compile(r"\b(?:if|when|whenever|unless)(?:\s+(?:you|your|the|it|this))?\s*:$|" + r"(?P<who>" + _WHO + r")\s*:$",
                      re.I)
"""A lead that leaves its condition to the list below: `Use monolithic mode when:`, `Choose it if you:`,
`Static provisioning makes sense for users who:`."""


def _read(doc: Document) -> list[Sentence]:
    """The page's sentences, each split into the clauses that say something on their own
    (`X is easy, but for production we recommend Y`). The first sentence of each item of a list
    whose lead leaves the condition to it (`Use X when:` / `- you need Y`) is read with the lead
    (`Use X when you need Y`)."""
    out = []
    lead, lead_list = "", None
    for p in doc.paragraphs:
        if p.kind == "term":
            continue
        if p.kind != "item":
            last = list(sentences(p.text))[-1:]
            lead = last[0][1] if last and _LEAD_IF.search(last[0][1]) else ""
            lead_list = None
        elif lead and lead_list is None:
            lead_list = p.within[0]
        joined = lead and p.kind == "item" and p.within[0] == lead_list
        for i, (offset, text) in enumerate(sentences(p.text)):
            line = line_of(p.line, p.breaks, offset)
            if joined and i == 0:
                text = f"{_WHO_END.sub('if you:', lead).rstrip(' :')} {text[:1].lower()}{text[1:]}"
            elif p.kind == "item" and i == 0:
                text = pt.glossed(text)  # `PostgreSQL - Recommended for …`: `PostgreSQL is recommended for …`
            parts = [text] if pt.contrast(text) else clauses(text)  # `A supports F, but B does not`: one statement
            out += [Sentence(part, line, p.section, item=p.kind == "item" and i == 0) for part in parts]
    return out


_FRONTED_PHRASE = re.compile(r"^(?:for|in|with|on|when using)\s+[^,]{1,60},", re.I)


def _weighed_in(doc: Document, choice: PageChoice) -> dict[str, list[Candidate]]:
    """Sections whose heading names a side of one option's merits (`Downsides of agent mode`): their
    sentences are about that option."""
    out = {}
    for sec in doc.sections:
        side, what = side_subject(sec.title) if sec.level else ("", "")
        if side and (named := choice.mentioned(what)):
            out[sec.anchor] = named
    return out


_ASIDE_IN_BRACKETS = re.compile(r"\s*\([^)]*\)")
_LABEL_END = re.compile(r":\s|\s[–—-]\s")
"""Where an item's name ends and its explanation begins (`Temporary queues: transient or …`)."""


def _fit_sections(doc: Document, choice: PageChoice) -> dict[str, tuple[bool, list[Candidate]]]:
    """Sections headed by what an alternative is for (`Use for` → True) or not (`Don't use for`, `When
    Not to Use Quorum Queues` → False), with the options the heading names."""
    out = {}
    for sec in doc.sections:
        m = FIT.match(sec.title.strip()) if sec.level else None
        if m is not None:
            out[sec.anchor] = (not m.group("not"), choice.mentioned(sec.title[m.end():]))
    return out


def _fit(doc: Document, ctx: Context, choice: PageChoice, s: Sentence, positive: bool, named: list[Candidate]) -> None:
    """An item under `Use for` / `Don't use for` (`Serverless services`): a yes/no question of whether
    the reader's case is that, which recommends the section's option or rules it out."""
    e = _Emit(doc, ctx, s)
    phrase = _LABEL_END.split(_ASIDE_IN_BRACKETS.sub("", s.text), maxsplit=1)[0].strip(" .;:")
    own = choice.by_section(s.section, s.line)
    if named or own is not None:  # whose `Use for` it is: the heading's or the section's, not what the item names
        s.owners = named or [own]
    if not phrase or not s.owners:
        return
    qid = ident(phrase)
    source = e.cite(0.7)
    words = phrase[0].lower() + phrase[1:] if sum(c.isupper() for c in phrase.split()[0]) == 1 else phrase
    ask(ctx, Question(qid, f"Is it for {words}?", "yesno",
                      yes_no(source),
                      tuple(dict.fromkeys([words.lower(), s.text.strip(" .;:").lower()])), "", None, "",
                      ctx.next_order(), source))
    for o in s.owners:
        if positive:
            e.recommendation(o.id, qid, "normal", 0.7)
        else:
            e.constraint(o.id, "excludes", qid, 0.7)
    better = [o for o in choice.mentioned(pt.better_pick(s.text)) if o not in s.owners] if not positive else []
    for o in better:  # `… (streams are likely to be a better fit)`: the case the other one is for
        e.recommendation(o.id, qid, "normal", 0.65)


_PRONOUN_SUBJECT = re.compile(r"^(?:it|they)\s+(?!is\s+(?:recommended|possible|important|required)\b)", re.I)


def _refers_back(s: Sentence, before: Sentence | None) -> bool:
    """Whether a sentence opened by `It`/`They`, naming no option itself and advising nothing, is about
    the one option the sentence just before it (in the same section, two lines on at most) named."""
    return before is not None and not s.named and not s.item and bool(_PRONOUN_SUBJECT.match(s.text)) \
        and not pt.advice(s.text) \
        and before.named and len(before.owners) == 1 and before.section == s.section and 0 <= s.line - before.line <= 2


def _attribute(choice: PageChoice, s: Sentence, weighed: dict[str, list[Candidate]] | None = None) -> None:
    """Decide which options a sentence is about (see the module docstring)."""
    clause = pt.main_clause(s.text)
    named = choice.mentioned(clause)
    s.named = bool(named)
    fronted = _FRONTED_PHRASE.match(clause)
    s.fronted_only = bool(named and fronted and not choice.mentioned(clause[fronted.end():]))
    thing = pt.advised_thing(clause)
    s.advice_elsewhere = bool(thing) and not pt.referring(thing) and not choice.mentioned(thing, allow_group=True)
    own = choice.by_section(s.section, s.line)
    if own is not None and own in named:
        s.owners, s.confidence = [own], 1.0
    elif own is not None and thing and pt.referring(thing):  # `we recommend this mode for users of the other`
        s.owners, s.confidence = [own], 0.9
    elif named:
        s.owners, s.confidence = named, 0.9
    elif own is not None:
        s.owners, s.confidence = [own], 0.9
    elif weighed and s.section in weighed:
        s.owners, s.confidence = weighed[s.section], 0.9
    elif s.section in choice.scope:
        s.owners, s.confidence = choice.mentioned(clause, allow_group=True), 0.8


def _version_id(doc: Document, ctx: Context, product: str, s: Sentence) -> str:
    qid = f"{ident(product)}_version" if product else "version"
    what = f"{product} version" if product else "version"
    ask(ctx, Question(qid, f"Which {what} will you use?", "version", (), (what.lower(),), "", None, "",
                      ctx.next_order(), cite(doc, s.line, confidence=0.75, quote=s.text)))
    return qid


def _conditions(doc: Document, ctx: Context, s: Sentence, quals: dict[str, Qualifier]) -> None:
    q = pt.qualifier(s.text)
    if q and stem(q[1]) in quals:
        qual = quals[stem(q[1])]
        s.conditions.append(f'{qual.qid} == "{ident(q[0], "-")}"')
    for b in pt.versions(s.text):
        s.conditions.append(f"{_version_id(doc, ctx, b.product, s)} {b.op} {b.version}")


class _Emit:
    """Adds records for one sentence, citing it."""

    def __init__(self, doc: Document, ctx: Context, s: Sentence) -> None:
        self.doc, self.ctx, self.s = doc, ctx, s

    def cite(self, confidence: float) -> Citation:
        return cite(self.doc, self.s.line, confidence=round(confidence * self.s.confidence, 2), quote=self.s.text)

    def constraint(self, oid: str, kind: str, text: str, confidence: float) -> None:
        recs = self.ctx.records.constraints
        same = next((i for i, c in enumerate(recs) if c.option == oid and c.kind == kind and c.text == text), None)
        if same is not None:  # stated twice: keep the clearer statement
            if recs[same].source.confidence < round(confidence * self.s.confidence, 2):
                recs[same] = replace(recs[same], because=self.s.text, source=self.cite(confidence))
            return
        n = self.ctx.next_number(recs, oid)
        recs.append(Constraint(f"{oid}/{n}", oid, kind, ex.parse(text), text, self.s.text, self.cite(confidence)))

    def recommendation(self, oid: str, when: str, strength: str, confidence: float) -> None:
        recs = self.ctx.records.recommendations
        if any(r.option == oid and r.text == when and r.source.line == self.s.line for r in recs):
            return
        n = sum(1 for r in recs if r.option == oid) + 1
        recs.append(Recommendation(f"{oid}/rec{n}", oid, ex.parse(when) if when else None, when, strength,
                                   self.s.text, self.cite(confidence)))


def _guarded(conditions: list[str], then: str) -> str:
    """`then`, only when every condition holds: `not (c1 and c2) or then`."""
    if not conditions:
        return then
    cond = " and ".join(conditions)
    return f"not ({cond}) or {then}"


def _state(doc: Document, ctx: Context, s: Sentence) -> None:
    """Counts, purpose limits and advice about the sentence's options."""
    e = _Emit(doc, ctx, s)
    above: list[str] = []  # a tier's lower bounds: exceeding any one of them is enough
    for c in [*pt.counts(s.text), *pt.compared(s.text)]:
        noun = c.unit.split()[0]
        qid = ask(ctx, Question(c.unit.replace("-", "_").replace(" ", "_"), f"How many {c.unit} will you have?",
                                "number", (), tuple(dict.fromkeys((c.unit, singular(c.unit), noun))), "", None, c.unit,
                                ctx.next_order(), e.cite(0.8)))
        kind, op = ("excludes", c.op[1:]) if c.op.startswith("!") else ("requires", c.op)
        if op == ">" and len([x for x in pt.compared(s.text) if x.op == ">"]) > 1:
            above.append(f"{qid} > {c.n}")
            continue
        for o in s.owners:
            e.constraint(o.id, kind, _guarded(s.conditions, f"{qid} {op} {c.n}"), 0.8 if op in (">=", "<=") else 0.7)
    for o in s.owners if above else ():
        e.constraint(o.id, "requires", _guarded(s.conditions, " or ".join(above)), 0.7)
    limit = pt.purpose_limit(s.text)
    if limit:
        qid = purpose_question(ctx, e.cite(limit))
        for o in s.owners:
            e.constraint(o.id, "excludes", " and ".join([f'{qid} == "production"', *s.conditions]), limit)
            # what the docs keep for trying out is what they offer for it (when it is the only one: kb.extract.assemble)
            e.recommendation(o.id, " and ".join([f'{qid} == "testing"', *s.conditions]), TESTING_LIMIT, limit)
    if pt.lost_on_restart(s.text) and s.confidence >= 0.9:  # `all data is lost when X restarts`
        qid = restart_question(ctx, e.cite(0.6))
        for o in s.owners:
            e.constraint(o.id, "excludes", _guarded(s.conditions, qid), 0.6)
    cond = None if limit else condition(s.text)
    conditional = cond is not None and (cond.purpose or not cond.judged)
    advice = None if within_chosen(s.text) else pt.advice(pt.main_clause(s.text))
    trying = False
    if advice is None and s.named and (pt.production(s.text) or pt.audience(s.text)):
        advice = pt.suited_for(pt.main_clause(s.text))  # `X is well suited for multi-cloud deployments`
    if advice is None and s.named and pt.good_for_trying(pt.main_clause(s.text)):
        advice, trying = ("normal", True), True  # `X is useful for getting started quickly to experiment`
    if advice and not limit and not s.fronted_only and not s.advice_elsewhere \
            and (s.named or not pt.advised_elsewhere(pt.main_clause(s.text))) \
            and (s.named or not pt.advises_an_action(s.text)):  # `we recommend you start looking at scaling`
        strength, positive = advice
        when = list(s.conditions)
        if trying or positive and pt.advised_for_trying(s.text):  # `… is recommended for local development`
            when.append(f'{purpose_question(ctx, e.cite(0.7))} == "testing"')
        elif pt.production(s.text):
            when.append(f'{purpose_question(ctx, e.cite(0.75))} == "production"')
        elif who := pt.audience(s.text):
            when.append(_audience_question(ctx, who, e.cite(0.6)))
        for o in s.owners:
            if positive and not (conditional and not when):  # `If you are new to X, we recommend Y`: only then
                e.recommendation(o.id, " and ".join(when), strength, 0.75)
            elif when:
                e.constraint(o.id, "excludes", " and ".join(when), 0.6)
    if conditional and cond is not None and (s.named or not pt.advises_an_action(s.text)):
        # `useful if you want to save …` is a pro; `if the Service exists, it is recommended to delete it`, naming
        # no option, is a step within the one the section is about
        when = [*s.conditions, _condition_text(ctx, cond, e.cite(0.65))]
        for o in s.owners:
            e.recommendation(o.id, " and ".join(when), "normal", 0.65)
    need = pt.requirement(pt.main_clause(s.text)) \
        if s.confidence >= 0.9 and (len(s.owners) == 1 or s.owners and pt.for_named(s.text)) else None
    # a need or limit is its option's even when the option is only named up front (`In V2, … are not supported`)
    if need is not None and not pt.counts(s.text):
        qid = _requirement_question(ctx, need, e.cite(0.7))
        for o in s.owners:
            if need.needed and set(pt.done_without(o.title)) & set(tokens(need.thing)):
                continue  # `decK requires a database … can't be used in DB-less mode`: not DB-less's own need
            e.constraint(o.id, "requires" if need.needed else "excludes", _guarded(s.conditions, qid), 0.7)
    if s.confidence >= 0.9 and pt.available(s.text):
        bounds = [c for c in s.conditions if c.split()[0].endswith("version")]
        since = [c for c in bounds if c.split()[1] == ">="]
        if since and since == bounds:  # only a lower bound: `as of v4.0`, `since 12`
            _available_since(ctx, e, s, " and ".join(since))


def _contrast(doc: Document, ctx: Context, choice: PageChoice, s: Sentence) -> bool:
    """`The cluster version supports multitenancy, but single-node does not`: the alternatives named after
    `but` / `while` cannot give what those named before it can; True when it was read so."""
    said = pt.contrast(s.text)
    if said is None:
        return False
    first, second = choice.mentioned(said[0]), choice.mentioned(said[1])
    lacking = [o for o in second if o not in first]
    if not first or not lacking:
        return False
    e = _Emit(doc, ctx, s)
    qid = _requirement_question(ctx, said[2], e.cite(0.7))
    for o in lacking:
        e.constraint(o.id, "excludes", _guarded(s.conditions, qid), 0.7)
    return True


def _where_not(doc: Document, ctx: Context, choice: PageChoice, s: Sentence) -> None:
    """`VXLAN is supported in some environments where IP in IP is not (for example, Azure)`: a yes/no question of
    whether the reader runs there, which rules out the one that does not work there."""
    said = pt.where_not(s.text)
    if said is None:
        return
    first, second = choice.mentioned(said[0]), choice.mentioned(said[1])
    lacking = [o for o in second if o not in first]
    if not first or not lacking:
        return
    e = _Emit(doc, ctx, s)
    where = said[2]
    source = e.cite(0.7)
    qid = ask(ctx, Question(ident(f"on {where}", limit=3), f"Do you run on {where}?", "yesno", yes_no(source),
                            tuple(dict.fromkeys([where.lower(), f"on {where.lower()}"])), "", None, "",
                            ctx.next_order(), source))
    for o in lacking:
        e.constraint(o.id, "excludes", _guarded(s.conditions, qid), 0.7)


def _requirement_question(ctx: Context, need: pt.Requirement, source: Citation) -> str:
    """A yes/no question for something an option needs (`Do you have a Kafka-compatible system?`)
    or cannot give (`Do you need high availability?`); its distinctive word names it too."""
    bare = need.bare
    qid = ident(bare, limit=3)
    words = [w for w in tokens(bare) if len(w) >= 4 and w not in ("system", "systems", "support", "service")]
    synonyms = tuple(dict.fromkeys([bare.lower(), *words[:1]]))
    text = f"Do you have {need.thing}?" if need.needed else f"Do you need {bare}?"
    return ask(ctx, Question(qid, text, "yesno", yes_no(source),
                             synonyms, "", None, "", ctx.next_order(), source))


def _available_since(ctx: Context, e: _Emit, s: Sentence, since: str) -> None:
    """`X is available as of v4.0` → X requires that version; `Strict priority support for X is
    available as of 4.3` → X requires it only for readers who need strict priority (a yes/no question)."""
    if not pt.of_a_part(s.text):
        for o in s.owners:
            e.constraint(o.id, "requires", since, 0.7)
        return
    part = pt.part_named(s.text)
    if not part:
        return
    qid = ident(part)
    source = e.cite(0.65)
    ask(ctx, Question(qid, f"Do you need {part}?", "yesno",
                      yes_no(source),
                      (part,), "", None, "", ctx.next_order(), source))
    for o in s.owners:
        e.constraint(o.id, "requires", f"not {qid} or ({since})", 0.65)


_FEW = frozenset("single one only standard default fewer".split())
_MORE = frozenset("many multiple several additional extra more custom".split())


def _quantified(phrase: str) -> tuple[int, tuple[str, ...]]:
    """(+1 for `many …`, -1 for `single …`, 0 for neither; the stems of the rest)."""
    words = tokens(phrase)
    lead = [w for w in words if w in _FEW or w in _MORE]
    rest = tuple(stem(singular(w)) for w in words if w not in _FEW and w not in _MORE)
    if not lead or not rest:
        return 0, rest
    return (1 if all(w in _MORE for w in lead) else -1 if all(w in _FEW for w in lead) else 0), rest


def _opposite_of(ctx: Context, path: str, phrase: str) -> str:
    """The yes/no question already asked on the page whose case is the opposite count of the same thing
    (`single gateway` for `many gateways`, `standard listener ports` for `additional listener ports`), or ''."""
    sign, rest = _quantified(phrase)
    if not sign:
        return ""
    for (where, qid), q in state(ctx).questions.items():
        if where == path and q.kind == "yesno" and q.synonyms:
            other, same = _quantified(q.synonyms[0])
            if other == -sign and same == rest:
                return qid
    return ""


def _same_thing(a: str, b: str) -> bool:
    """Two phrases of one case: the content words of one are all in the other."""
    x, y = set(stems(a)), set(stems(b))
    return x <= y or y <= x


def _condition_text(ctx: Context, cond: Condition, source: Citation) -> str:
    """The expression of a condition to pick an option: a purpose, or a yes/no question of what is needed or had."""
    if cond.purpose:
        return f'{purpose_question(ctx, source)} == "{cond.purpose}"'
    if cond.id == NEW_USER:
        qid = newcomer_question(ctx, cond.phrase, source)
        return f"not {qid}" if cond.negated else qid
    flipped = _opposite_of(ctx, source.path, cond.phrase)
    if flipped:  # `have many gateways` after `have only a single gateway`: the other answer to the same question
        return flipped if cond.negated else f"not {flipped}"
    old = state(ctx).questions.get((source.path, cond.id))
    if old is not None and old.synonyms and not _same_thing(old.synonyms[0], cond.phrase):
        cond = replace(cond, id=ident(cond.phrase))  # `standard listener ports`, `additional listener ports`: two cases
    synonyms = tuple(dict.fromkeys([cond.phrase, cond.id.replace("_", " ")]))
    said = set(tokens(cond.text))
    verb = ("Will you have" if said & {"have", "has", "had"} else "Do you need" if said & {"need", "needs", "want", "wants"}
            else "Do you already use" if said & {"run", "use", "uses", "already"} else "Does this apply:")
    ask(ctx, Question(cond.id, f"{verb} {cond.phrase}?", "yesno",
                      yes_no(source),
                      synonyms, "", None, "", ctx.next_order(), source))
    return f"not {cond.id}" if cond.negated else cond.id


_AUDIENCE_NOUNS = {"projects", "applications", "apps", "systems", "workloads", "teams", "users", "environments",
                   "deployments", "pipelines", "services", "organisations", "organizations", "companies", "sites"}


def _audience_question(ctx: Context, who: str, source: Citation) -> str:
    """A yes/no question for whom advice is meant: `open-source projects` → `open_source`."""
    words = [w for w in tokens(who) if w not in _AUDIENCE_NOUNS] or tokens(who)
    qid = ident(" ".join(words))
    ask(ctx, Question(qid, f"Is it for {who}?", "yesno",
                      yes_no(source),
                      (who.lower(), " ".join(words)), "", None, "", ctx.next_order(), source))
    return qid


def _migration(doc: Document, ctx: Context, choice: PageChoice, s: Sentence) -> None:
    m = pt.migration(s.text)
    if m is None:
        return
    sources = choice.mentioned(m.source) if m.source else []
    if not sources:
        own = choice.by_section(s.section, s.line)
        sources = [own] if own is not None else []
    targets = choice.mentioned(m.target)
    name = " ".join(w for w in tokens(m.target) if w not in ("a", "an", "the")) or "it"
    qid = "move_to_" + ident(name)
    e = _Emit(doc, ctx, s)
    if not sources:
        note(ctx, doc.path, s.line, f"“{s.text}” — no option on the page is the one you cannot move from")
        return
    ask(ctx, Question(qid, f"Will you want to move to {name} later?", "yesno",
                      tuple(Choice(v, v.capitalize(), (), (), e.cite(0.7)) for v in ("yes", "no")),
                      tuple(w for t in targets for w in (t.title,)), "", None, "", ctx.next_order(), e.cite(0.7)))
    for o in sources:
        if o not in targets:
            e.constraint(o.id, "excludes", " and ".join([qid, *s.conditions]), 0.7)


def _deprecation(doc: Document, ctx: Context, choice: PageChoice, s: Sentence) -> bool:
    """`X is deprecated in favour of Y`: with a release (`As of v2.4, …`) X is ruled out from that release on;
    the replacement named on the page is recommended over it (under the same release)."""
    d = pt.deprecation(s.text)
    if d is None:
        return False
    before, by = d
    replacing = choice.mentioned(by) if by else []
    old = choice.mentioned(before) or [o for o in s.owners if o not in replacing]
    new = [o for o in replacing if o not in old]
    if not old:
        return False
    e = _Emit(doc, ctx, s)
    bounds = [c for c in s.conditions if c.split()[0].endswith("version") and c.split()[1] == ">="]
    for o in old:
        if bounds:
            e.constraint(o.id, "excludes", " and ".join(bounds), 0.7)
    for o in new:
        e.recommendation(o.id, " and ".join(bounds), "normal", 0.7)
    return True


def _about_values(doc: Document, ctx: Context, choice: PageChoice, s: Sentence, quals: dict[str, Qualifier]) -> None:
    """Version statements about a qualifier's answer: `As of v2.4, … a K3s cluster`, `before v2.4, RKE must …`."""
    bounds = [c for c in s.conditions if "_version" in c.split()[0] or c.startswith("version ")]
    if not bounds or pt.qualifier(s.text):
        return
    seq = stems(s.text)
    for head_stem, qual in quals.items():
        named = [v for v, words in qual.values.items() if contains_run(seq, words)]
        if len(named) != 1:
            continue
        value = named[0]
        obliged = pt.must(s.text)
        available = any(c.split()[1] == ">=" for c in bounds) and not obliged
        if not (obliged or available):
            continue
        cond = " and ".join(bounds)
        text = (f'not ({cond}) or {qual.qid} == "{value}"' if obliged
                else f'{qual.qid} != "{value}" or ({cond})')
        e = _Emit(doc, ctx, s)
        for o in choice.options:
            if o.section is not None and head_stem in {stem(w) for w in tokens(o.title + " " + o.section.text)}:
                e.constraint(o.id, "requires", text, 0.65)


_TRYING = re.compile(r"\b(?:non-?\s*production|experiment\w*|test\w*|dev|development|demo\w*|evaluat\w*|trials?|"
                     r"learning|proofs? of concept|sandbox\w*|getting started)\b", re.I)


def _heading_purposes(doc: Document, ctx: Context, choice: PageChoice) -> None:
    """An alternative whose heading says what it is for (`… for production ready environments:`, `… for
    non-production experiments:`) is advised for that use; `non-production` also rules production out."""
    for o in choice.options:
        if o.section is None:
            continue
        use = purpose_of(o.section.title)
        if not use:
            continue
        s = Sentence(o.section.title.strip().rstrip(":"), o.section.line, o.section.anchor, owners=[o], named=True)
        e = _Emit(doc, ctx, s)
        if _TRYING.search(use):
            e.recommendation(o.id, f'{purpose_question(ctx, e.cite(0.7))} == "testing"', "normal", 0.7)
            if pt.NON_PRODUCTION.search(use):
                e.constraint(o.id, "excludes", f'{purpose_question(ctx, e.cite(0.7))} == "production"', 0.65)
        elif pt.production(use):
            e.recommendation(o.id, f'{purpose_question(ctx, e.cite(0.7))} == "production"', "normal", 0.7)


_PROBLEM = re.compile(r"^(?:the|one|a|another|the only|the main|the big)\s+(?:main\s+|big\s+|biggest\s+)?"
                      r"(?:problem|issue|downside|drawback|catch|risk|danger)\s+(?:with|of)\s+(?P<x>[^,]{2,60}?),?\s+"
                      r"is\s+(?:that\s+)?(?P<rest>(?:if|when|whenever)\s+.+)$", re.I)


def _problem_with(doc: Document, ctx: Context, choice: PageChoice, s: Sentence) -> bool:
    """`The problem with the branch strategy is that if users push branches that are out of date, …`: under that
    condition the other alternative (the one whose section says so, or the only other one) is advised."""
    m = _PROBLEM.match(s.text.strip())
    if m is None:
        return False
    named = choice.mentioned(m.group("x"))
    cond = condition(m.group("rest").split(",")[0] + ", use this.")  # what follows is what goes wrong, not advice
    if not named or cond is None:
        return False
    cond = replace(cond, id=ident(cond.phrase))  # the whole case (`out of date with main`), not its last noun
    own = choice.by_section(s.section, s.line)
    others = [o for o in choice.options if o not in named]
    helped = [own] if own is not None and own not in named else others if len(others) == 1 else []
    if not helped:
        return False
    e = _Emit(doc, ctx, s)
    when = _condition_text(ctx, cond, e.cite(0.65))
    for o in helped:
        e.recommendation(o.id, when, "normal", 0.65)
    return True


def extract(doc: Document, ctx: Context) -> None:
    """Read the sentences of a page that presents a choice."""
    choice = state(ctx).choices.get(doc.path)
    if choice is None:
        return
    _heading_purposes(doc, ctx, choice)
    items = _read(doc)
    quals = _qualifiers(doc, ctx, items)
    rec = ctx.records
    weighed = _weighed_in(doc, choice)
    fit = _fit_sections(doc, choice)
    last: Sentence | None = None
    for s in items:
        if pt.either_way(s.text):
            continue  # holds for every alternative: it picks none
        before = len(rec.constraints) + len(rec.recommendations)
        _attribute(choice, s, weighed)
        if _refers_back(s, last):  # "The single-node version scales vertically. It can handle up to …"
            s.owners, s.confidence = list(last.owners), 0.9
        last = s
        if s.section in fit and s.item:
            _fit(doc, ctx, choice, s, *fit[s.section])
            continue
        _conditions(doc, ctx, s, quals)
        if _problem_with(doc, ctx, choice, s):
            continue
        _migration(doc, ctx, choice, s)
        if _deprecation(doc, ctx, choice, s):
            continue
        _about_values(doc, ctx, choice, s, quals)
        if pt.migration(s.text):
            continue
        if _contrast(doc, ctx, choice, s):
            continue
        _where_not(doc, ctx, choice, s)
        if s.owners:
            _state(doc, ctx, s)
        elif pt.counts(s.text) or pt.compared(s.text) or pt.purpose_limit(s.text) or pt.advice(s.text):
            note(ctx, doc.path, s.line, f"“{s.text}” states a condition or advice but names no option of the choice")
            continue
        if s.owners and pt.versions(s.text) and len(rec.constraints) + len(rec.recommendations) == before:
            note(ctx, doc.path, s.line, f"“{s.text}” has a version condition, but what it applies to is unclear; "
                                        "nothing was inferred from it")
