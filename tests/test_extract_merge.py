"""Extraction page by page: each page's fragment depends on that page, its links and the other
pages' titles only, survives serialization (the build cache stores it), and merging fragments
numbers records as one pass over every page would."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from fingerpost.kb import serial
from fingerpost.kb.extract import extract_page, merge
from fingerpost.kb.links import LinkIndex
from fingerpost.kb.pages import finish
from fingerpost.kb.pipeline import compile_path
from fingerpost.kb.read import read_text
from fingerpost.kb.records import PageInfo

HEAD = """# Databases

```fingerpost
question: size
text: How large is the database?
type: number
```

```fingerpost
option: {oid}
title: {title}
requires: size >= {n}
pros: [Fast.]
cons: [Costly.]
docs:
  - {{title: Guide, href: guide.md}}
```
"""

MORE = """# More about {oid}

```fingerpost
constraint: too-large
option: {oid}
excludes: size > 100
because: Too large.
```

```fingerpost
recommend: {oid}
when: size < 10
```

```fingerpost
option: {oid}-lite
variant_of: {oid}
title: A lighter {oid}
cons: [Fewer features.]
docs:
  - {{title: Lite guide, href: lite.md}}
```
"""


def pages(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    root.mkdir()
    (root / "a.md").write_text(HEAD.format(oid="db", title="A database", n=1), encoding="utf-8")
    (root / "b.md").write_text(MORE.format(oid="db"), encoding="utf-8")
    (root / "c.md").write_text(MORE.format(oid="db").replace("db-lite", "db-tiny"), encoding="utf-8")
    (root / "guide.md").write_text("# Guide\n", encoding="utf-8")
    (root / "lite.md").write_text("# Lite\n", encoding="utf-8")
    return root


def test_ids_count_on_across_pages_and_orders_continue(tmp_path: Path) -> None:
    kb = compile_path(pages(tmp_path))
    assert [c.id for c in kb.constraints] == ["db/1", "db/2", "db/3"]  # a.md's requires, then b.md's, c.md's
    assert [r.id for r in kb.recommendations] == ["db/rec1", "db/rec2"]
    assert [t.id for t in kb.tradeoffs if t.option == "db"] == ["db/pro1", "db/con2"]
    assert len({d.id for d in kb.doclinks}) == len(kb.doclinks) == 3
    orders = [o.order for o in kb.options.values()]
    assert orders == sorted(orders) and len(set(orders)) == 3
    assert [o.id for o in kb.options.values()] == ["db", "db-lite", "db-tiny"]
    assert not [p for p in kb.problems if p.severity == "error"]


def test_a_fragment_depends_only_on_its_page_its_links_and_titles(tmp_path: Path) -> None:
    root = pages(tmp_path)
    docs = {rel: read_text(rel, (root / rel).read_text(encoding="utf-8")) for rel in
            ("a.md", "b.md", "c.md", "guide.md", "lite.md")}
    index = LinkIndex(PageInfo.of(d) for d in docs.values())
    alone = finish(docs["b.md"], index)
    # the other pages say something else entirely, under the same titles: b.md's fragment is the same
    other = {rel: read_text(rel, f"# {d.title}\n\nNothing decided here.\n") for rel, d in docs.items()}
    other["b.md"] = read_text("b.md", (root / "b.md").read_text(encoding="utf-8"))
    again = finish(other["b.md"], LinkIndex(PageInfo.of(d) for d in other.values()))
    assert again == alone


def test_fragments_survive_serialization_and_merge_to_the_same_records(tmp_path: Path) -> None:
    root = pages(tmp_path)
    docs = [read_text(rel, (root / rel).read_text(encoding="utf-8")) for rel in
            ("a.md", "b.md", "c.md", "guide.md", "lite.md")]
    index = LinkIndex(PageInfo.of(d) for d in docs)
    fragments = [finish(d, index) for d in docs]
    inbound = Counter(link.resolved for d in docs for link in d.links if link.kind == "page")
    direct = merge(fragments, inbound)
    stored = merge([serial.loads(serial.dumps(f)) for f in fragments], inbound)
    assert stored == direct
    assert direct == merge([extract_page(d, index.titles) for d in docs], inbound)
