"""Pros and cons inferred from plain prose: the cue words, whom a judgement is about, lists and
tables labelled by side, what is not read twice, and where the engine shows them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, require_external
from extraction_gold import gold_page, load_gold, score
from fingerpost.kb import compile_path
from fingerpost.kb.extract import merits
from fingerpost.kb.extract.words import sentences, tokens
from fingerpost.kb.read import read_text

SEED = REPO.parent / "shared" / "seed" / "installing-rancher.md"


JUDGEMENTS = [
    ("One advantage is that upgrades happen in place.", "pro"),
    ("The biggest benefit here is a shorter feedback loop.", "pro"),
    ("It is far easier to operate than a fleet of workers.", "pro"),
    ("Setting it up is quick to learn and quick to undo.", "pro"),
    ("This is the cheapest way to keep a copy offsite.", "pro"),
    ("Because the disk is local, there is nothing to configure.", "pro"),
    ("A warm standby survives the loss of the primary site.", "pro"),
    ("Moving reads to replicas reduces load on the leader.", "pro"),
    ("The sidecar is handy for local experiments.", "pro"),
    ("You only pay for storage that is actually written.", "pro"),
    ("A key drawback: every write crosses the ocean twice.", "con"),
    ("Its main limitation is the size of one volume.", "con"),
    ("The shared mode is more complex to debug.", "con"),
    ("It requires more memory on every worker.", "con"),
    ("Such a pool cannot span two regions.", "con"),
    ("The embedded queue does not survive a restart.", "con"),
    ("Archive tiers are not suitable for hot data.", "con"),
    ("The gateway is a single point of failure.", "con"),
    ("After a crash the broker can lose unacknowledged messages.", "con"),
    ("If the leader fails, the cluster is unavailable for a minute.", "con"),
    ("Egress is billed per gigabyte.", "con"),
    ("The toy backend is good only for demos and tests.", "con"),
]


@pytest.mark.parametrize("text, side", JUDGEMENTS)
def test_a_sentence_with_words_of_judgement_is_a_pro_or_a_con(text: str, side: str) -> None:
    assert [c.side for c in merits.cues(text)] == [side]


@pytest.mark.parametrize("text", [
    "The scheduler places each job on a free worker.",
    "It is not simpler to operate than the old one.",            # a negated pro judges nothing
    "Take advantage of the cache by pinning versions.",           # an idiom, not a benefit
    "The pros and cons of each layout are listed below.",        # announces, states none
    "Is it faster than the alternative?",                        # a question
    "Run the installer, which may need manual steps on Windows.",  # judges the noun before `which`
    "It does not require more memory than the default.",
    "If the node is unavailable, the job is retried elsewhere.",  # a situation, then a plain fact
])
def test_plain_statements_questions_and_idioms_are_not_judgements(text: str) -> None:
    assert merits.cues(text) == []


def test_both_sides_in_one_sentence_are_found_in_their_own_clauses() -> None:
    text = "The single box is cheaper to run, but it cannot fail over."
    parts = merits.clauses(text)
    assert [p for _, p in parts] == ["The single box is cheaper to run", "it cannot fail over."]
    assert [[c.side for c in merits.cues(p)] for _, p in parts] == [["pro"], ["con"]]


def test_labels_and_prefixes_name_a_side() -> None:
    assert merits.side_label("Pros") == "pro"
    assert merits.side_label("**Drawbacks:**") == "con"
    assert merits.side_label("Known limitations") == "con"
    assert merits.side_label("Benefits of a managed queue") == "pro"
    assert merits.side_label("Pros and cons") == ""
    assert merits.side_label("Drawbacks are rare when the disk is local") == ""
    assert merits.side_label("The main drawback of this is a slow first read.") == ""
    assert merits.labelled("Con: restores are slow.") == ("con", "restores are slow.")
    assert merits.labelled("**Advantage:** no agent to install.") == ("pro", "no agent to install.")
    assert merits.labelled("Conveyor: a product name.") == ("", "Conveyor: a product name.")


def _sentences_of(path: Path) -> list[str]:
    doc = read_text(path.name, path.read_text(encoding="utf-8"))
    return [s for p in doc.paragraphs for _, s in sentences(p.text)]


def test_every_shape_is_tried_only_when_the_clause_holds_one_of_its_words() -> None:
    """The quick word test before each pattern never hides a match."""
    texts = [*_sentences_of(FIXTURES / "unannotated" / "ci-runners.md"),
             *_sentences_of(FIXTURES / "unannotated" / "database-replication.md"),
             *_sentences_of(Path(__file__).resolve().parents[1] / "docs" / "extraction.md")]
    texts += [t for t, _ in JUDGEMENTS]
    hits = 0
    for text in texts:
        words = set(tokens(text))
        for shape in merits._SHAPES:
            if shape.pattern.search(text):
                hits += 1
                assert not shape.words.isdisjoint(words), (shape.pattern.pattern[:60], text)
    assert hits > 20


PAGE = """# Choosing a cache layout

A cache can sit in each process or in a shared service. Each layout has its drawbacks.

## Cache layouts

### In-process cache

Each worker keeps its own copy in memory. It is the fastest way to read a value, and there is
nothing to deploy. It is cheap to run, but it cannot share entries with its neighbours.
Unlike the shared cache, it is easy to debug.

It is intended for development and testing only.

### Shared cache

One cache service serves every worker.

Pros:

- Entries are shared, so a value is computed once.
- Con: one more service to run.

#### Drawbacks

- The network hop adds latency to every read.

We recommend the shared cache for production systems, because it is simpler to size.

### Tiered cache

Tiered caching combines both layouts.

| Layout | Pros | Cons |
|---|---|---|
| Tiered cache | Hot keys stay local | Two layers to invalidate |

## Operations

The hit ratio is easier to read on a dashboard.
"""


def _kb(tmp_path: Path, text: str = PAGE):  # noqa: ANN202
    page = tmp_path / "cache.md"
    page.write_text(text, encoding="utf-8")
    return compile_path(page)


def test_pros_and_cons_of_a_page_are_cited_numbered_and_attributed(tmp_path: Path) -> None:
    kb = _kb(tmp_path)
    ids = {o.title: o.id for o in kb.options.values()}
    inproc, shared, tiered = ids["In-process cache"], ids["Shared cache"], ids["Tiered cache"]
    got = {(t.option, t.side, t.source.line) for t in kb.tradeoffs}
    assert got == {
        (inproc, "pro", 9),      # `the fastest way`, in its own section
        (inproc, "pro", 10),     # `cheap to run, but it cannot share`: each clause on its side
        (inproc, "con", 10),
        (inproc, "pro", 11),     # `Unlike the shared cache, it is easy…`: not a pro of the shared cache
        (shared, "pro", 21),     # items under a `Pros:` lead-in
        (shared, "con", 22),     # an item opened by `Con:`
        (shared, "con", 26),     # items under a `Drawbacks` heading inside the option
        (tiered, "pro", 36),     # a `Pros` column, row named by the option
        (tiered, "con", 36),
    }
    points = {(t.side, t.source.line): t for t in kb.tradeoffs}
    assert points[("pro", 10)].text == "It is cheap to run"
    assert points[("con", 10)].text == "It cannot share entries with its neighbours."
    assert points[("con", 10)].source.quote == "It is cheap to run, but it cannot share entries with its neighbours."
    assert points[("con", 22)].text == "one more service to run."
    assert points[("pro", 36)].text == "Hot keys stay local"
    assert points[("con", 36)].source.quote == "Tiered cache | Hot keys stay local | Two layers to invalidate"
    assert all(0 < t.source.confidence < 1 and t.source.quote for t in kb.tradeoffs)
    for oid in (inproc, shared, tiered):
        mine = [t.id for t in kb.tradeoffs if t.option == oid]
        assert sorted(int(i.rsplit("/", 1)[1][3:]) for i in mine) == list(range(1, len(mine) + 1))
        assert all(i.startswith((f"{oid}/pro", f"{oid}/con")) for i in mine)


def test_a_sentence_that_is_already_a_limit_or_advice_is_not_also_a_tradeoff(tmp_path: Path) -> None:
    kb = _kb(tmp_path)
    limit = next(c for c in kb.constraints if c.source.line == 13)
    advice = next(r for r in kb.recommendations if r.source.line == 28)
    assert limit.kind == "excludes" and advice.option == next(o.id for o in kb.options.values()
                                                               if o.title == "Shared cache")
    assert not [t for t in kb.tradeoffs if t.source.line in (13, 28)]


def test_judgements_that_name_no_option_are_left_alone_and_explicit_ones_reported(tmp_path: Path) -> None:
    kb = _kb(tmp_path)
    assert not [t for t in kb.tradeoffs if t.source.line in (3, 40)]  # the intro and another section
    assert not [p for p in kb.problems if "names no option" in p.message and "pro" in p.message.split("“")[0]]
    page = PAGE.replace("## Cache layouts\n", "## Cache layouts\n\nThe main drawback of this is a slow first read.\n")
    kb = _kb(tmp_path, page)
    noted = [p for p in kb.problems if p.code == "ambiguous" and "states a con but names no option" in p.message]
    assert [p.line for p in noted] == [7]
    assert not [t for t in kb.tradeoffs if t.source.line == 7]


def test_a_page_without_a_choice_or_with_annotated_options_gets_no_inferred_tradeoffs(tmp_path: Path) -> None:
    plain = "# Tuning the cache\n\nA larger cache is faster, but it uses more memory.\n"
    assert not _kb(tmp_path, plain).tradeoffs
    annotated = PAGE + "\n```fingerpost\noption: manual\ntitle: Manual\npros: [Ours.]\n```\n"
    kb = _kb(tmp_path, annotated)
    assert [(t.id, t.source.confidence) for t in kb.tradeoffs] == [("manual/pro1", 1.0)]


GOLD = sorted((REPO / "tests" / "gold").glob("*.yaml"))


@pytest.mark.parametrize("gold_path", GOLD, ids=[p.stem for p in GOLD])
def test_tradeoffs_against_gold(gold_path: Path, tmp_path: Path) -> None:
    gold = load_gold(gold_path)
    page = gold_page(gold, REPO, tmp_path)
    require_external(page, f"the page of {gold_path.name}")
    s = score(gold, compile_path(page))["tradeoffs"]
    assert gold.get("tradeoffs"), f"{gold_path.name} names no pros or cons"
    assert s.precision >= 0.9 and s.recall >= 0.8, s.misses


def test_the_engine_shows_inferred_pros_and_cons_with_their_citations(capsys) -> None:  # noqa: ANN001
    require_external(SEED, "the seed page")
    from fingerpost.engine.reason.assess import assess
    from fingerpost.render.text import recommendation_text

    from fingerpost.cli import main

    assert main(["ask", "--kb", str(SEED), "compare single node and high availability", "--verbose"]) == 0
    out = capsys.readouterr().out
    pros = out[out.index("  Pros\n"):out.index("  Cons\n")]
    assert "save resources" in pros and "installing-rancher.md:31]" in pros
    cons = out[out.index("  Cons\n"):out.index("  Migration paths\n")]
    assert "doesn't have high availability" in cons and "installing-rancher.md:29]" in cons

    kb = compile_path(SEED)
    facts = {"purpose": "production", "cluster": "rke", "nodes": 3, "internet_access": "direct",
             "rancher_version": "2.5"}
    text = recommendation_text(kb, assess(kb, facts), full=True).plain()
    gain = text[text.index("What you gain:"):]
    assert "helps maintain consistent access" in gain and "installing-rancher.md:49" in gain


def test_a_gold_page_can_be_read_from_an_archive(tmp_path: Path) -> None:
    import tarfile

    page = tmp_path / "src" / "choose.md"
    page.parent.mkdir()
    page.write_text("# Choose\n", encoding="utf-8")
    with tarfile.open(tmp_path / "docs.tar.gz", "w:gz") as tar:
        tar.add(page, arcname="docs/choose.md")
    out = tmp_path / "out"
    out.mkdir()
    got = gold_page({"archive": "docs.tar.gz", "page": "docs/choose.md"}, tmp_path, out)
    assert got.read_text(encoding="utf-8") == "# Choose\n"
    assert not gold_page({"archive": "docs.tar.gz", "page": "docs/other.md"}, tmp_path, out).exists()
    assert not gold_page({"archive": "missing.tar.gz", "page": "docs/choose.md"}, tmp_path, out).exists()
    assert gold_page({"page": "src/choose.md"}, tmp_path, out) == page.resolve()


def test_a_side_named_after_its_alternative_is_a_label() -> None:
    assert merits.side_label("RDB advantages") == "pro"
    assert merits.side_label("AOF disadvantages") == "con"
    assert merits.side_label("Raft storage limitations") == "con"
    assert merits.side_label("Other benefits") == ""
    assert merits.side_label("Pros and cons") == ""
    assert merits.side_label("Why it has limitations") == ""
