"""Generated decision packs for benchmarks and tests: Markdown pages with annotation blocks.

    >>> root = write_pack(Path(tmp), options=8, questions=5, seed=1)     # doctest: +SKIP
    >>> kb = compile_path(root)                                          # doctest: +SKIP

The packs are about nothing real (gadgets with made-up words), so nothing in them can match a
word the engine might know from the Rancher pack. The same arguments always write the same
files. Questions cycle through the four kinds (choice, yes/no, number, version); every option
requires or excludes conditions on two or three distinct questions, some options have
variants, some are recommended under a condition, and each has qualities for the priorities.
"""

from __future__ import annotations

import random
from pathlib import Path

__all__ = ["write_pack", "KINDS"]

KINDS = ("choice", "yesno", "number", "version")
_WORDS = ("zorb", "quill", "fennet", "brask", "lumo", "tarrow", "vessic", "mondrel", "plink", "gauze", "orrin",
          "sable", "twine", "kettle", "wisp", "harrow", "dulse", "mica", "prong", "ember")
_VERSIONS = ("1.2", "1.4", "2.0", "2.3")


def _word(i: int) -> str:
    return _WORDS[i % len(_WORDS)] + ("" if i < len(_WORDS) else str(i // len(_WORDS)))


def _question(i: int, rng: random.Random) -> tuple[str, dict]:
    kind = KINDS[i % len(KINDS)]
    qid = f"q{i}"
    lines = [f"question: {qid}", f"text: What about the {_word(i)} setting?", f"type: {kind}",
             f"synonyms: [{_word(i)} setting, {_word(i)} level]"]
    meta: dict = {"id": qid, "kind": kind}
    if kind == "choice":
        n = 3 + (i // 4) % 2
        values = [f"{_word(i)}{chr(97 + k)}" for k in range(n)]
        lines.append("choices:")
        for v in values:
            lines += [f"  - value: {v}", f"    label: The {v} way"]
        meta["values"] = values
    elif kind == "number":
        lines.append(f"unit: {_word(i)}s")
    if i >= 4 and i % 5 == 4:
        first = 0
        lines.append(f"ask_when: q{first} != {_question_values(first)[0]}")
    return "\n".join(lines), meta


def _question_values(i: int) -> list[str]:
    n = 3 + (i // 4) % 2
    return [f"{_word(i)}{chr(97 + k)}" for k in range(n)]


def _condition(meta: dict, rng: random.Random) -> str:
    q, kind = meta["id"], meta["kind"]
    if kind == "choice":
        picked = rng.sample(meta["values"], rng.randint(1, len(meta["values"]) - 1))
        return f"{q} == {picked[0]}" if len(picked) == 1 else f"{q} in [{', '.join(picked)}]"
    if kind == "yesno":
        return q if rng.random() < 0.5 else f"not {q}"
    if kind == "number":
        return f"{q} {rng.choice(['>=', '<'])} {rng.randint(2, 5)}"
    return f"{q} {rng.choice(['>=', '<'])} {rng.choice(_VERSIONS)}"


def _option(j: int, metas: list[dict], rng: random.Random, priorities: list[str], parent: str = "",
            used: set[str] | None = None) -> str:
    oid = f"{parent}-v{j}" if parent else f"opt{j}"
    title = f"The {_word(j + 3)} gadget" + (f", variant {j}" if parent else "")
    lines = [f"option: {oid}", f"title: {title}", f"summary: A {_word(j + 5)} way to build the gadget."]
    if parent:
        lines.append(f"variant_of: {parent}")
    lines.append("qualities: {" + ", ".join(f"{p}: {rng.randint(0, 3)}" for p in priorities) + "}")
    free = [m for m in metas if m["id"] not in (used or set())] or metas
    chosen = rng.sample(free, min(len(free), rng.randint(1, 2) if parent else rng.randint(2, 3)))
    if used is not None:
        used.update(m["id"] for m in chosen)
    lines.append("requires:")
    for m in chosen[:-1] if len(chosen) > 1 else chosen:
        lines += [f"  - if: {_condition(m, rng)}", f"    because: The {_word(j)} part needs it."]
    if len(chosen) > 1:
        lines += ["excludes:", f"  - if: {_condition(chosen[-1], rng)}", f"    because: The {_word(j)} part breaks then."]
    if rng.random() < 0.4:
        m = rng.choice(metas)
        lines += ["recommend:", f"  - when: {_condition(m, rng)}", f"    strength: {rng.choice(['weak', 'normal', 'strong'])}",
                  f"    because: The {_word(j)} gadget shines then."]
    lines += [f"pros: [Quick {_word(j + 1)} assembly.]", f"cons: [Needs a {_word(j + 2)} tool.]",
              "docs:", f"  - title: Guide for {oid}", f"    href: guides/{oid}"]
    return "\n".join(lines)


def write_pack(root: Path, options: int = 8, questions: int = 5, seed: int = 1, variant_every: int = 4) -> Path:
    """Write a pack with `options` top-level options and `questions` questions under `root`; returns `root`."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    priorities = ["speed", "price", "ease"]
    metas = []
    blocks = []
    for i in range(questions):
        text, meta = _question(i, rng)
        metas.append(meta)
        blocks.append(f"## The {_word(i)} setting {{#{meta['id']}}}\n\nIt matters for some gadgets.\n\n"
                      f"```fingerpost\n{text}\n```\n")
    head = ("---\ntitle: Building a gadget\nfingerpost:\n  decision: gadget\n  title: How to build the gadget\n"
            "  intro: Tell me about your workshop.\n  docs_base_url: https://gadgets.example.org/\n"
            f"  priorities: [{', '.join(priorities)}]\n---\n\n# Building a gadget\n\n")
    (root / "index.md").write_text(head + "\n".join(blocks), encoding="utf-8")
    parts = ["---\ntitle: Gadget options\n---\n\n# Gadget options\n"]
    for j in range(options):
        used: set[str] = set()
        parts.append(f"## Gadget {j} {{#opt{j}}}\n\nOne way to build it.\n\n```fingerpost\n"
                     f"{_option(j, metas, rng, priorities, used=used)}\n```\n")
        if variant_every and j % variant_every == variant_every - 1:
            for k in range(2):
                parts.append(f"### Variant {k} {{#opt{j}-v{k}}}\n\n```fingerpost\n"
                             f"{_option(k, metas, rng, priorities, parent=f'opt{j}', used=set(used))}\n```\n")
    (root / "options.md").write_text("\n".join(parts), encoding="utf-8")
    return root
