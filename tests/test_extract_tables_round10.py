"""Support tables as product docs write them: rows that are the alternatives with ✓ / ✗ feature columns
(ticks written as emoji shortcodes), a vendor × platform table that looks the alternative up, and a list
of alternatives each opening with its maker in bold and saying where alone it runs."""

from __future__ import annotations

from pathlib import Path

from fingerpost.engine.facts import known
from fingerpost.engine.language.understand import understand
from fingerpost.engine.reason.assess import assess
from fingerpost.kb import compile_path
from fingerpost.kb.read import read_text

SANDBOXES = """# Sandboxes

## Overview

The runtime can start each container inside one of several sandboxes.

## Comparison

| Sandbox | Language | GPU passthrough | Memory encryption |
|-|-|-|-|
|[Harbourvm](#harbourvm) | Go | :x: | :x: |
|[Lanternvm](#lanternvm) | C | :white_check_mark: | :heavy_check_mark: |
|[Pebblevm](#pebblevm) | Go | :x: | :x: |

## Harbourvm

Harbourvm is a small sandbox that starts in a few milliseconds.

## Lanternvm

Lanternvm is the sandbox with the widest device support.

## Pebblevm

Pebblevm is a sandbox tuned for dense packing of short jobs.
"""


def test_emoji_shortcodes_in_a_table_cell_are_the_marks_they_draw() -> None:
    doc = read_text("page.md", "| A | B | C |\n|-|-|-|\n| x | :x: | :white_check_mark: (beta) |\n| y | :smile: | 10:30: |\n")
    cells = [[c.text for c in row] for row in doc.tables[0].rows]
    assert cells[0][1:] == ["❌", "✅ (beta)"]
    assert cells[1][1:] == [":smile:", "10:30:"]  # shortcodes that neither tick nor cross stay as written


def test_rows_linking_their_own_sections_with_feature_marks_are_the_choice_and_its_needs(tmp_path: Path) -> None:
    (tmp_path / "sandboxes.md").write_text(SANDBOXES, encoding="utf-8")
    kb = compile_path(tmp_path)
    titles = {o.title for o in kb.options.values()}
    assert titles == {"Harbourvm", "Lanternvm", "Pebblevm"}
    harbour = next(o for o in kb.options.values() if o.title == "Harbourvm")
    assert harbour.source.line == SANDBOXES.splitlines().index("## Harbourvm") + 1  # the row's own section
    assert "starts in a few milliseconds" in harbour.summary
    gpu = next(q for q in kb.questions.values() if "gpu passthrough" in q.text.lower())
    ruled_out = {c.option for c in kb.constraints if c.kind == "excludes" and gpu.id in c.text}
    assert ruled_out == {o.id for o in kb.options.values() if o.title in ("Harbourvm", "Pebblevm")}
    u = understand(kb, "our pods need GPU passthrough")
    facts = known(kb.questions, list(u.facts))
    assert assess(kb, facts).recommendation.option.title == "Lanternvm"


ENCODERS = """# Video encoding

The server can hand transcoding to the graphics card.

## Encoders

The supported and tested video encoding methods are:

- **Contoso** Rapid Encode (CRE)
- **Fabrikam** Stream Engine (FSE)
- **Contoso/Fabrikam** Open Video Layer (OVL, Linux only)

## Which one

See the table below to pick the encoder for your hardware:

| GPU maker | Windows | Linux |
|-|-|-|
| Contoso | [CRE (Windows)](#encoders) | [OVL (Contoso)](#encoders) |
| Fabrikam | [FSE](#encoders) | [FSE](#encoders) |
| Northwind | N/A | N/A |
"""


def test_a_maker_in_bold_before_a_name_is_part_of_the_name_and_a_lookup_table_advises(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text(ENCODERS, encoding="utf-8")
    kb = compile_path(tmp_path)
    by_title = {o.title: o.id for o in kb.options.values()}
    assert set(by_title) == {"Contoso Rapid Encode (CRE)", "Fabrikam Stream Engine (FSE)",
                             "Contoso/Fabrikam Open Video Layer (OVL, Linux only)"}
    ovl = by_title["Contoso/Fabrikam Open Video Layer (OVL, Linux only)"]
    assert any(c.option == ovl and c.kind == "requires" and "linux" in c.text for c in kb.constraints)
    advised = {(r.option, r.text) for r in kb.recommendations if r.when is not None}
    assert any(o == by_title["Contoso Rapid Encode (CRE)"] and '"windows"' in t and '"contoso"' in t for o, t in advised)
    assert any(o == ovl and '"linux"' in t and '"contoso"' in t for o, t in advised)  # `OVL (Contoso)`: its short name

    def best(text: str) -> str:
        u = understand(kb, text)
        return assess(kb, known(kb.questions, list(u.facts))).recommendation.option.title

    assert best("Contoso card on a Linux box") == "Contoso/Fabrikam Open Video Layer (OVL, Linux only)"
    assert best("Contoso card in a Windows 11 desktop") == "Contoso Rapid Encode (CRE)"


VENDORS = """# Offloading

## Methods

The supported offload methods are:

- **AMD** Tensor Path (ATP)
- **NVIDIA** Grid Offload (NGO)
- **Intel** Matrix Lane (IML)

## Pick one

See the table below to pick the method for your hardware:

| GPU maker | Windows | Linux |
|-|-|-|
| AMD | [ATP](#methods) | [ATP](#methods) |
| NVIDIA | [NGO](#methods) | [NGO](#methods) |
| Intel | [IML](#methods) | [IML](#methods) |
"""


def test_everyday_names_of_chips_say_who_makes_them(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text(VENDORS, encoding="utf-8")
    kb = compile_path(tmp_path)
    made = {"a Radeon RX 6600 in a Windows 11 box": "amd", "GeForce RTX 3060 on Ubuntu": "nvidia",
            "old Core i5 desktop running Debian": "intel"}
    for text, maker in made.items():
        said = {f.question: f.value for f in understand(kb, text).facts}
        assert maker in said.values(), (text, said)


def test_pros_and_cons_on_an_alternatives_own_page_are_its_own(tmp_path: Path) -> None:
    pages = {"_index.md": "# Deploy the shipper\n\nYou can deploy the shipper in different ways for different "
                          "needs.\n",
             "sidecar.md": "# Sidecar deployment pattern\n\nA shipper runs next to each app.\n\n## Trade-offs\n\nPros:\n\n"
                           "- Easy to try out in test environments\n- Nothing shared between apps\n\nCons:\n\n"
                           "- One shipper per app costs memory\n",
             "daemon.md": "# Daemon deployment pattern\n\nOne shipper runs on every node.\n\n## Trade-offs\n\nPros:\n\n"
                          "- Fewer shippers to run\n"}
    for name, text in pages.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    kb = compile_path(tmp_path)
    by_title = {o.title: o.id for o in kb.options.values()}
    assert {"Sidecar deployment pattern", "Daemon deployment pattern"} <= set(by_title)
    points = {(t.option, t.side, t.text) for t in kb.tradeoffs}
    assert (by_title["Sidecar deployment pattern"], "con", "One shipper per app costs memory") in points
    assert (by_title["Daemon deployment pattern"], "pro", "Fewer shippers to run") in points
    assert all(t.source.path == ("sidecar.md" if t.option == by_title["Sidecar deployment pattern"] else "daemon.md")
               for t in kb.tradeoffs)
