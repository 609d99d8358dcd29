"""`fingerpost ask`: the JSON shape, the text a person reads, and clear errors for bad arguments."""

from __future__ import annotations

import io
import json
import subprocess

import pytest
from conftest import fingerpost_command
from engine_helpers import BACKUP_PACK, kb_at
from fingerpost.engine.turn import take_turn

from fingerpost.cli import main
from fingerpost.commands.ask_text import print_turn

KEYS = ["facts", "recommendation", "candidates", "next_question", "answer", "nearest", "set_aside"]
STATUSES = {"recommended", "feasible", "ruled_out", "open"}

rancher_kb = kb_at(None)
backup_kb = kb_at(str(BACKUP_PACK))


def ask_json(capsys, *argv: str) -> dict:  # noqa: ANN001
    assert main(["ask", *argv, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_has_exactly_the_documented_keys_and_shapes(capsys) -> None:
    doc = ask_json(capsys, "production, three nodes, air-gapped, rancher 2.4.8")
    assert list(doc) == KEYS
    assert doc["facts"] == {"purpose": "production", "nodes": 3, "internet": "airgap", "rancher_version": "2.4.8",
                            "grow_to_ha": True}
    rec = doc["recommendation"]
    assert list(rec) == ["id", "title", "status", "summary", "because", "docs"]
    # the distribution is open: K3s is preferred without a preference (and allowed from v2.4)
    assert rec["id"] == "k8s-ha-k3s" and rec["title"].endswith("Air-gapped (no internet access)")
    assert rec["status"] == "provisional"
    assert all(set(b) == {"text", "source"} for b in rec["because"])
    assert all(set(d) == {"title", "href"} for d in rec["docs"])
    assert any("air-gapped" in d["href"] for d in rec["docs"])
    assert [c["id"] for c in doc["candidates"]] == list(rancher_kb.options)
    for c in doc["candidates"]:
        assert list(c) == ["id", "title", "status", "reasons"] and c["status"] in STATUSES
        for r in c["reasons"]:
            path, line = r["source"].rsplit(":", 1)
            assert path in rancher_kb.documents and int(line) >= 1
    assert doc["next_question"] == {"id": "distro", "text": rancher_kb.questions["distro"].text,
                                    "choices": [{"value": c.value, "label": c.label}
                                                for c in rancher_kb.questions["distro"].choices]}
    assert doc["answer"] is None


def test_a_question_gets_an_answer_with_sources(capsys) -> None:
    doc = ask_json(capsys, "what is K3s?")
    assert list(doc["answer"]) == ["text", "sources"]
    assert "lightweight" in doc["answer"]["text"]
    assert all(set(s) == {"title", "href", "source"} for s in doc["answer"]["sources"])
    assert doc["facts"] == {} and doc["recommendation"]["status"] == "provisional"


def test_a_command_in_one_turn_answers_with_its_explanation(capsys) -> None:
    doc = ask_json(capsys, "production, 3 nodes. why not docker?")
    assert doc["facts"]["nodes"] == 3
    assert "ruled out" in doc["answer"]["text"]
    assert {s["source"].split(":")[0] for s in doc["answer"]["sources"]} == {"install-options.md"}


def test_set_wins_over_the_text_and_priorities_rank(capsys) -> None:
    doc = ask_json(capsys, "three nodes", "--set", "nodes=2", "--set", "purpose=prod")
    assert doc["facts"]["nodes"] == 2 and doc["facts"]["purpose"] == "production"
    cheap = ask_json(capsys, "testing, we may move to ha later", "--priority", "cost", "--priority", "simplicity")
    assert cheap["recommendation"]["id"] == "k8s-single-k3s"


@pytest.mark.parametrize(("argv", "message"), [
    (["--set", "nodes=many"], "--set nodes=many: `many` is not a number for `nodes` — give a number"),
    (["--set", "node=3"], "--set node=3: no question named `node` — did you mean `nodes`?"),
    (["--set", "nodes"], "--set nodes: expected QUESTION=VALUE"),
    (["--set", "internet=satellite"], "choose one of: direct"),
    (["--priority", "speed"], "--priority speed: not a priority of this knowledge base — choose from: availability"),
])
def test_bad_arguments_exit_2_with_one_clear_line(capsys, argv: list[str], message: str) -> None:
    assert main(["ask", "hello", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and err.count("\n") == 1


def test_another_pack_works_through_the_command(capsys) -> None:
    doc = ask_json(capsys, "about 200 gb, fast fibre, we need an offsite copy, tool 3.4", "--kb", str(BACKUP_PACK))
    assert doc["facts"] == {"size": 200, "uplink": "fast", "offsite": True, "tool_version": "3.4"}
    assert doc["recommendation"]["id"] == "cloud" and doc["next_question"] is None


def test_text_output_is_readable_without_colour_when_piped(capsys) -> None:
    assert main(["ask", "production, thre nodes, port 443", "--verbose"]) == 0
    out = capsys.readouterr().out
    assert "\x1b[" not in out
    lines = out.splitlines()
    assert lines[0].startswith("Understood: purpose = Production")
    assert "note: read 'thre' as 'three'" in out and "Not understood: port, 443" in out
    assert "Best fit so far: High-availability install on an RKE cluster" in out
    assert "✗ Docker install on a single node — ruled out: A Docker install is meant for testing" in out
    assert "[install-options.md:" in out
    assert "Next question: Which Kubernetes distribution" in out and "--set distro=rke" in out


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_on_a_terminal_and_never_with_no_color(monkeypatch) -> None:
    turn = take_turn(rancher_kb, "production")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    tty = _Terminal()
    print_turn(rancher_kb, turn, tty)
    assert "\x1b[" in tty.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    plain = _Terminal()
    print_turn(rancher_kb, turn, plain)
    assert "\x1b[" not in plain.getvalue() and "Best fit so far" in plain.getvalue()


def test_session_commands_say_they_belong_to_the_chat(capsys) -> None:
    assert main(["ask", "go back"]) == 0
    assert "works in the chat" in capsys.readouterr().out


def test_the_installed_command_prints_json() -> None:
    out = subprocess.run([fingerpost_command(), "ask", "is docker fine for production?", "--format", "json"],
                         capture_output=True, text=True, timeout=60, check=True).stdout
    doc = json.loads(out)
    assert list(doc) == KEYS and doc["answer"]["text"].startswith("No:")


def test_default_text_answers_first_in_a_few_lines_without_ids(capsys) -> None:
    assert main(["ask", "production, three nodes"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("★ Best fit so far: ")
    assert len(out.splitlines()) <= 12
    assert "purpose" not in out and "rancher_version" not in out and "==" not in out and ">=" not in out


def test_compare_by_default_is_a_compact_table_of_the_variants(capsys) -> None:
    for text in ("production. compare k3s rke", "production. k3s vs rke", "production. k3s or rke?"):
        assert main(["ask", text]) == 0
        out = capsys.readouterr().out
        header = out.splitlines()[0]
        assert "High-availability install on a K3s" in header and "High-availability install on an RKE" in header
        assert [line.split()[0] for line in out.splitlines() if line[:1].isalpha()][:4] == \
            ["Status", "Your", "Gains", "Costs"]
        assert len(out.splitlines()) <= 25, out


def test_compare_in_text_is_side_by_side_row_by_row(capsys) -> None:
    assert main(["ask", "production. compare docker and k3s ha", "--verbose"]) == 0
    out = capsys.readouterr().out
    rows = [line.strip() for line in out.splitlines() if line.startswith("  ") and not line.startswith("   ")]
    assert rows[:5] == ["Status", "Requirements", "Pros", "Cons", "Migration paths"]
    assert "Docker install on a single node: ruled out." in out
    block = out.split("  Requirements\n")[1].split("  Pros\n")[0]
    docker, k3s = block.split("    High-availability install on a K3s cluster\n")
    assert "✗ A Docker install is meant for testing" in docker
    assert "A highly available cluster needs at least two nodes" in k3s, "inherited constraints sit under the variant"


def test_docs_without_a_choice_still_answer_questions_and_list_near_misses(tmp_path, capsys) -> None:
    (tmp_path / "guide.md").write_text(
        "# Sizing\n\nEach worker should have at least four gigabytes of memory.\n\n"
        "## Which storage should I use?\n\nIt depends on what you run.\n", encoding="utf-8")
    assert main(["ask", "--kb", str(tmp_path), "--no-cache", "how much memory does a worker need?"]) == 0
    out, err = capsys.readouterr()
    assert "four gigabytes" in out and "guide.md:3" in out
    assert "found no options" in err and "near miss" in err
