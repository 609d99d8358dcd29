"""The table of plain-language utterances (tests/fixtures/engine/utterances.yaml) on the Rancher pack."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from engine_helpers import kb_at
from fingerpost.engine.answers.from_docs import NOT_SAID, answer_question
from fingerpost.engine.language.understand import understand
from fingerpost.render.ask_json import fact_json

TABLE = yaml.safe_load((Path(__file__).parent / "fixtures" / "engine" / "utterances.yaml").read_text("utf-8"))

rancher_kb = kb_at(None)


def test_the_table_is_large_and_varied() -> None:
    assert len(TABLE) >= 60
    assert len({row["text"].lower() for row in TABLE}) == len(TABLE)
    kinds = {k for row in TABLE for k in row if k != "text"}
    assert {"facts", "command", "question", "answer", "pending", "priorities", "note"} <= kinds


@pytest.mark.parametrize("row", TABLE, ids=[row["text"][:40] for row in TABLE])
def test_utterance(row: dict) -> None:
    kb = rancher_kb
    u = understand(kb, row["text"], pending=row.get("pending"))
    if "facts" in row:
        got = {f.question: fact_json(f.value) for f in u.facts}
        assert got == row["facts"], (u.facts, u.notes, u.unknown)
        for f in u.facts:
            assert f.how == "stated" and f.text and f.text.lower() in row["text"].lower()
    assert u.command == row.get("command"), (u.command, u.args, u.question)
    if "args" in row:
        assert list(u.args) == [str(a) for a in row["args"]]
    if "question" in row:
        assert (u.question is not None) == row["question"], u.question
    if "priorities" in row:
        assert list(u.priorities) == row["priorities"]
    if "unknown" in row:
        assert list(u.unknown) == [str(w) for w in row["unknown"]]
    if "note" in row:
        assert any(row["note"] in n for n in u.notes), u.notes
    if "answer" in row:
        want = row["answer"]
        ans = answer_question(kb, u.question)
        assert ans.found == want["found"], ans.text
        if want["found"]:
            assert want["says"].lower() in ans.text.lower(), ans.text
            assert any(s.source.path == want["cites"] for s in ans.sources)
            assert NOT_SAID not in ans.text
        else:
            assert ans.text.startswith(NOT_SAID)
            assert all(s.source.path in kb.documents for s in ans.sources)
