"""Long posts as people file them in trackers — a title line, a story, a question — answered by the
section that speaks of them; and "how should …?" after a situation asks for a recommendation."""

from __future__ import annotations

from pathlib import Path

from engine_helpers import kb_at
from fingerpost.engine.answers.from_docs import answer_question
from fingerpost.engine.language.understand import understand
from fingerpost.engine.turn import take_turn

FAQ = """# Ledger store FAQ

## How big can a ring be?

A ring can grow to many members. Rings of more than seven members are rarely worth it, because
every write has to reach more of them.

## Why should a ring have an odd number of members?

A ring needs a majority of its members, a quorum, to agree on each write. With an even number of
members the quorum is no easier to reach than with one member less, so an even ring tolerates no
more failures and costs one machine more. A two member ring stops accepting writes when either
member is down.

## How do I take a backup?

Run the snapshot command against any member; it writes one file you can copy away.

## How do I rotate the certificates?

Replace the files on each member in turn and restart it.
"""

POST = ("two member ledger ring stops writing. Hello, I am trying to run a ledger ring of two members "
        "for our team. I have read somewhere that a ring of two members is not recommended, but I am not sure "
        "why an even number of members would be a problem, since each member has a vote. The service logs "
        "show the ring waiting and the unit restarts again and again. Can someone explain what is wrong here?")


def _page(tmp_path: Path, text: str):  # noqa: ANN202
    (tmp_path / "index.md").write_text(text, encoding="utf-8")
    return kb_at(tmp_path)


def test_a_long_post_is_answered_by_the_section_that_speaks_of_its_story(tmp_path: Path) -> None:
    kb = _page(tmp_path, FAQ)
    asked = understand(kb, POST).question
    assert asked and len(asked) < len(POST), "the question is read out of the post"
    a = answer_question(kb, asked, post=POST)
    assert a.found
    assert {s.source.section for s in a.statements} == {"Why should a ring have an odd number of members?"}
    assert "quorum" in a.text.lower()
    assert not answer_question(kb, asked).found, "the question alone, without its story, says too little"


def test_a_long_post_about_what_no_section_speaks_of_is_not_answered(tmp_path: Path) -> None:
    kb = _page(tmp_path, FAQ)
    post = ("Dashboard colours broken in dark mode. Hello, since the last upgrade our monitoring dashboard shows "
            "white text on a white background whenever the browser prefers a dark theme, and the legend of "
            "every chart overlaps the axis labels on narrow screens. Is there a setting for the colour palette?")
    a = answer_question(kb, understand(kb, post).question or post, post=post)
    assert not a.found


def test_the_turn_reads_the_whole_post_when_it_answers(tmp_path: Path) -> None:
    kb = _page(tmp_path, FAQ)
    t = take_turn(kb, POST)
    assert t.answer_found
    assert any("quorum" in s.text for s in t.reply)


SETUPS = """# Backup methods

Backups come in two ways.

## Snapshot backup

Snapshot backup asks the storage for a snapshot of each volume. It needs storage with snapshot
support and is the most consistent.

## File copy backup

File copy backup reads the files of each volume. It is recommended when the storage has no snapshot
support, such as shared file systems.
"""


def test_how_should_after_a_situation_asks_for_a_recommendation(tmp_path: Path) -> None:
    kb = _page(tmp_path, SETUPS)
    u = understand(kb, "Our volumes sit on a shared file system without snapshot support. How should we back them up?")
    assert u.question is None, "it asks what to choose for the situation just told"
    alone = understand(kb, "How should we back them up?")
    assert alone.question, "alone, it asks the docs"


MODES = """# Deployment modes

The store runs in one of three modes.

## Single mode

One process does everything. It suits small installs.

## HA Single mode

Several copies of the single process behind a load balancer, so one can fail.

## Microservices mode

Each part runs as its own service. It scales furthest but needs a team to run it.
"""


def test_an_option_the_speaker_does_not_want_leans_to_the_others_and_an_acronym_is_spelled_out(tmp_path: Path) -> None:
    kb = _page(tmp_path, MODES)
    u = understand(kb, "We are a tiny team and don't want to babysit a dozen microservices.")
    assert "microservices" not in u.leanings
    assert set(u.leanings) == {"single", "ha"}, "refusing one mode leans to the modes beside it"
    u = understand(kb, "It has to be highly available.")
    assert u.leanings == ("ha",), "'highly available' spells out the HA that tells that mode apart"
    assert any("highly available" in n for n in u.notes), "the hint is shown as a hint"


STORES = """# Storage backends

You can pick one of these backends.

## Raft storage

Built in, so nothing else is needed. It is recommended for most installs.

## PostgreSQL storage

It requires a PostgreSQL database, and suits teams that already run one.
"""


def test_what_the_team_already_runs_leans_towards_it_and_what_is_new_to_it_away(tmp_path: Path) -> None:
    kb = _page(tmp_path, STORES)
    u = understand(kb, "We've run PostgreSQL clusters for years, and Raft is new to the team.")
    assert u.leanings == ("postgresql",)
    u = understand(kb, "Our team knows Raft well.")
    assert u.leanings == ("raft",)
    u = understand(kb, "We have run Raft for years.")
    assert u.leanings == ("raft",), "what the team has run for years is familiar"


def test_a_feature_request_in_a_long_post_asks_the_docs_even_with_facts_in_it(tmp_path: Path) -> None:
    kb = _page(tmp_path, STORES)
    post = ("Allow Raft snapshots to go to object storage. Proposal: we are running Raft storage on three nodes "
            "with small disks and we push everything else to a bucket already. Unfortunately the snapshots stay "
            "on the local disk of each node. It would be nice to send the snapshots to the bucket as well.")
    assert understand(kb, post).question, "a request is asked of the docs"
    short = "It would be nice to use Raft."
    assert not understand(kb, short).question, "a short wish says what is wanted; it asks nothing"


def test_why_not_naming_nothing_in_a_post_is_a_question_not_a_command(tmp_path: Path) -> None:
    kb = _page(tmp_path, STORES)
    u = understand(kb, "Are there plans to store data in a bucket? Why not write directly to the bucket? "
                       "We would rather not run a database at all.")
    assert u.command is None
    assert u.question and "bucket" in u.question


def test_what_a_high_availability_option_is_for_is_a_hint_for_it_and_binds_no_question(tmp_path: Path) -> None:
    kb = _page(tmp_path, MODES)
    u = understand(kb, "The store has to keep serving if a node dies.")
    assert u.leanings == ("ha",) and not u.facts
    assert any("hint" in n for n in u.notes), "shown as a hint, never silently as a fact"


def test_a_best_fit_tipped_by_the_words_said_says_so_rather_than_citing_document_order(tmp_path: Path) -> None:
    kb = _page(tmp_path, MODES)
    t = take_turn(kb, "The store has to keep serving if a node dies.")
    text = str(t.said)
    assert "what you said points to HA Single mode" in text
    assert "comes first in the documentation" not in text


SERVERS = """# Deployment topologies

From a single server to a cluster of servers, the service grows with you.

## A single server

One process serves every client. It is recommended for development.

## A cluster of servers

Three or more servers share the load. It is recommended for production. Administrators can replace a
server that fails without stopping the service.
"""


def test_words_said_alike_count_the_thing_an_option_title_counts(tmp_path: Path) -> None:
    kb = _page(tmp_path, SERVERS)
    u = understand(kb, "Just one dev machine for now, trying out the client libraries.")
    assert u.leanings == ("single",), "one machine is one server"


def test_a_clipped_word_or_an_everyday_word_is_matched_as_the_docs_say_it(tmp_path: Path) -> None:
    from fingerpost.engine.language.evidence import docs_form, evidence_for

    kb = _page(tmp_path, SERVERS)
    vocabulary = evidence_for(kb).vocabulary
    assert docs_form("admin", vocabulary) == "administrator"
    assert "fail" in vocabulary and "die" not in vocabulary
    assert docs_form("die", vocabulary) == "fail", "what the vocabulary's words say docs call it"
    assert docs_form("replica", vocabulary) == "replica", "a word the docs do not use, nor begin, stays"


def test_a_word_written_as_a_name_is_never_read_as_a_typo(tmp_path: Path) -> None:
    kb = _page(tmp_path, SERVERS)
    u = understand(kb, "I have two servers, ServerA and ServerB; ServerA holds the data.")
    assert not any("as 'server'" in n for n in u.notes), "`ServerA` names one machine; it is no typo"


def test_a_what_if_counting_back_takes_the_count_said_before_it() -> None:
    from engine_helpers import kb_at as _kb

    rancher = _kb(None)
    u = understand(rancher, "Right now it's two K3s nodes for prod. What if we added a third one?")
    assert (u.command, u.args) == ("what_if", ("nodes", "3"))
    u = understand(rancher, "We have two nodes. What if we added another one?")
    assert (u.command, u.args) == ("what_if", ("nodes", "3"))
    u = understand(rancher, "We have two nodes. What if we took the second option?")
    assert u.args != ("nodes", "2"), "an ordinal naming an option counts nothing"
    u = understand(rancher, "straight out, no proxy or anything", pending="internet")
    assert {f.question: f.value for f in u.facts} == {"internet": "direct"}


DURABILITY = """# Durability

## Write-ahead log

With the log flushed every second, you may lose one second of writes. Flushing on every write loses
nothing but is slower.

## Snapshots

A snapshot copies the whole store to a file. Take one before every upgrade.
"""


def test_the_case_a_question_is_asked_for_weighs_less_than_what_it_asks(tmp_path: Path) -> None:
    (tmp_path / "durability.md").write_text(DURABILITY, encoding="utf-8")
    kb = kb_at(str(tmp_path))
    a = answer_question(kb, "with the log flushed every second, what could I lose if the process crashes?")
    assert a.found and "one second of writes" in a.statements[0].text
    b = answer_question(kb, "I was wondering if a snapshot copies the whole store?")  # asks it: no mere case
    assert b.found and "whole store" in " ".join(s.text for s in b.statements)


def test_everyday_phrases_and_greetings_do_not_hide_the_answer(tmp_path: Path) -> None:
    (tmp_path / "store.md").write_text(
        "# Store\n\n## Datastore\n\nThe server keeps its state in SQLite, the default datastore.\n\n"
        "## Glossary\n\nRing: a group of servers that agree on each write.\n", encoding="utf-8")
    kb = kb_at(str(tmp_path))
    a = answer_question(kb, "what datastore does the server use out of the box?")
    assert a.found and "SQLite" in a.statements[0].text
    b = answer_question(kb, "sorry, what is a ring compared to a server?")
    assert b.found and "agree on each write" in b.statements[0].text


def test_a_question_for_an_amount_gets_the_sentence_that_gives_the_figure(tmp_path: Path) -> None:
    (tmp_path / "sites.md").write_text(
        "# Sites\n\n## A standby in the other site\n\nA standby in the other site protects against losing a whole "
        "site, but only if the sites are close.\nBeyond about 10 ms round trip, every commit waits too long.\n\n"
        "## A standby in the same site\n\nA standby in the same site is close to the primary, but it is lost with the "
        "site.\n\n## Backups\n\nTake a backup every night.\n", encoding="utf-8")
    kb = kb_at(str(tmp_path))
    a = answer_question(kb, "how close do the sites have to be for a standby in the other site?")
    assert "10 ms" in " ".join(s.text for s in a.statements)


def test_a_long_post_that_asks_nothing_outright_asks_the_docs(tmp_path: Path) -> None:
    kb = _page(tmp_path, FAQ)
    post = ("Document how big a ring should be. We built a ring of two members for our ledger store and found out the "
            "hard way that it stops accepting writes as soon as either member is down, which nobody on the team "
            "expected from reading the pages, so an explanation of the odd number of members next to the sizing "
            "advice would save the next team a long night.")
    u = understand(kb, post)
    assert u.question  # no question mark, no trouble words: a post this long asks what the docs say of it
    said = answer_question(kb, u.question, post=post)
    assert said.found and "even number of members" in said.text  # the section on why a ring is odd


ROUTE_MODES = """# Announcing routes

The speaker can announce addresses in one of two modes.

## Flood mode

One node answers for each address on the local network. It needs no router support.

## Peering mode

Every node peers with your routers and announces the addresses it serves.
"""


def test_a_short_follow_up_naming_another_option_is_a_what_if_on_a_pack_without_answers(tmp_path: Path) -> None:
    kb = _page(tmp_path, ROUTE_MODES)
    u = understand(kb, "and with peering mode instead?")
    assert u.command == "what_if" and [kb.options[o].title for o in u.leanings] == ["Peering mode"]
    assert understand(kb, "if I start with flood mode, can I move to peering later?").command != "what_if"  # asks the docs
