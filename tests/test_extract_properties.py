"""Invariants of inference over generated decision-like pages (hypothesis): whatever the page says,
inferred records are unique, cite a real line with a quote and a confidence below 1, name options
that exist and read only questions that exist — so lint finds nothing wrong in what inference made."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fingerpost.kb import compile_path
from fingerpost.kb import expr as ex
from fingerpost.kb.extract.assemble import inferred_records
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

NOUNS = ["runner", "pool", "replica", "broker", "cache", "node", "server", "worker", "gateway", "queue"]
ADJECTIVES = ["hosted", "local", "shared", "replicated", "single", "managed", "tiered", "standalone", "edge"]
SENTENCES = [
    "{n} {unit}s are required.", "You need at least {n} {unit}s.", "It is only suitable for development.",
    "We recommend it for production systems.", "It is available as of Acme {v}.", "Before Acme {v}, it must be restarted.",
    "There is no migration path from {a} {u} to {b} {u}.", "For {A} {unit}s, {n} {unit}s are required.",
    "We strongly recommend {a} {u}s for open-source projects.", "It is not advised.", "Running it is fast.",
    "It is simpler than {b} {u}s, but it cannot grow past {n} {unit}s.", "The main drawback of {a} {u}s is cost.",
]


@st.composite
def decision_page(draw: st.DrawFn) -> str:
    unit = draw(st.sampled_from(NOUNS))
    kinds = draw(st.lists(st.sampled_from(ADJECTIVES), min_size=2, max_size=4, unique=True))
    noun = draw(st.sampled_from(NOUNS))
    lines = [f"# {draw(st.sampled_from(['Choosing a', 'Which', 'Picking a']))} {noun} setup", "",
             f"## {noun.capitalize()} {draw(st.sampled_from(['options', 'types', 'modes']))}", ""]
    for kind in kinds:
        lines += [f"### {kind.capitalize()} {noun}", ""]
        for _ in range(draw(st.integers(1, 3))):
            template = draw(st.sampled_from(SENTENCES))
            lines.append(template.format(n=draw(st.integers(1, 7)), unit=unit, v=draw(st.sampled_from(["2.4", "3", "1.10.2"])),
                                         a=draw(st.sampled_from(kinds)), b=draw(st.sampled_from(kinds)), u=noun,
                                         A=draw(st.sampled_from(["RKE", "K3s", "ARM"]))))
        lines.append("")
    if draw(st.booleans()):
        head = " | ".join(f"{k.capitalize()} {noun}" for k in kinds)
        lines += ["## Where to start", "", f"| Network | {head} |", "|" + "---|" * (len(kinds) + 1)]
        for row in draw(st.lists(st.sampled_from(["Public", "Private network", "No internet"]), min_size=1,
                                 max_size=3, unique=True)):
            cells = [draw(st.sampled_from(["[Guide](guide.md)", "Not possible", "[Setup](setup#x)", ""])) for _ in kinds]
            lines.append(f"| {row} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(decision_page())
def test_inferred_records_are_consistent(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.md"
        page.write_text(text, encoding="utf-8")
        kb = compile_path(page)
    n_lines = text.count("\n") + 1
    assert len(kb.top_options()) == text.count("\n### "), "every generated page presents its options"
    records = [(kind, r) for kind in ("options", "questions", "constraints", "recommendations", "tradeoffs",
                                      "doclinks", "prerequisites", "terms")
               for r in (getattr(kb, kind).values() if isinstance(getattr(kb, kind), dict) else getattr(kb, kind))]
    for _, r in records:
        assert 0 < r.source.confidence < 1 and r.source.quote, r
        assert 1 <= r.source.line <= n_lines, r
    assert len({c.id for c in kb.constraints}) == len(kb.constraints)
    assert len({r.id for r in kb.recommendations}) == len(kb.recommendations)
    assert len({t.id for t in kb.tradeoffs}) == len(kb.tradeoffs)
    for r in (*kb.constraints, *kb.recommendations, *kb.tradeoffs, *kb.doclinks):
        assert r.option in kb.options, r
    exprs = [c.expr for c in kb.constraints] + [r.when for r in kb.recommendations if r.when] + \
            [d.when for d in kb.doclinks if d.when]
    for e in exprs:
        assert ex.names(e) <= set(kb.questions), ex.to_text(e)
    bad = [p for p in kb.problems if p.code in ("duplicate", "unknown-name", "unknown-value", "bad-value", "expression")]
    assert not bad, [str(p) for p in bad]


def test_inferred_records_helper_lists_only_inferences(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_text("# Which cache?\n\n## Cache types\n\n### Local cache\n\nOnly suitable for development.\n\n"
                    "### Shared cache\n\nThree servers are required.\n", encoding="utf-8")
    from fingerpost.kb.extract import extract
    from fingerpost.kb.read import read_text

    records = extract([read_text("p.md", page.read_text(encoding="utf-8"))])
    kinds = {kind for kind, _ in inferred_records(records)}
    assert {"options", "questions", "constraints"} <= kinds
