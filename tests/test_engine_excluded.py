"""Answers known only by what they are not ("we are not air-gapped"): understanding, three-valued
assessment, planning with the answers left, the chat and `ask`, and sessions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from engine_helpers import BACKUP_PACK, FIXTURES, kb_at
from fingerpost.engine.excluded import Excluded, alternatives, exclude
from fingerpost.engine.facts import BadAnswer, Fact, display_value, known, parse_answer
from fingerpost.engine.language.understand import understand
from fingerpost.engine.reason.assess import assess
from fingerpost.engine.reason.compiled import evaluate as compiled_evaluate
from fingerpost.engine.reason.exact import space_for
from fingerpost.engine.reason.fit import best_leaf, fits_all, option_state
from fingerpost.engine.turn import take_turn
from fingerpost.kb import expr as ex
from fingerpost.kb.errors import SessionError
from fingerpost.render.ask_json import to_json
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_engine_properties import PACKS

from fingerpost.chat.conversation import Conversation, usable
from fingerpost.cli import main
from fingerpost.commands.ask_text import turn_text
from fingerpost.sessions.session import Session, from_json, load, save
from fingerpost.sessions.session import to_json as session_json

rancher = kb_at(None)
backup = kb_at(str(BACKUP_PACK))
ship = kb_at(str(FIXTURES / "excluded"))
"""A pack whose `net` question has four answers, with options that need, forbid or mix them."""

NOT_AIRGAP = {"not": ["airgap"], "one_of": ["direct", "proxy"]}
SITUATION = "production, 3 nodes, rke, rancher 2.5"


def _json(value):  # noqa: ANN001, ANN202
    from fingerpost.render.ask_json import fact_json

    return fact_json(value)


# ---- understanding ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["not air-gapped", "we are not air gapped", "no air gap", "we're not air-gapped",
                                  "it is not offline", "our network is not air gapped",
                                  "the nodes are not disconnected"])
def test_negating_one_of_three_answers_excludes_it_and_guesses_nothing(text: str) -> None:
    u = understand(rancher, text)
    assert [(f.question, _json(f.value)) for f in u.facts] == [("internet", NOT_AIRGAP)]
    assert not u.notes and not u.unknown
    assert display_value(rancher.questions["internet"], u.facts[0].value) == "not air-gapped"


@pytest.mark.parametrize(("kb", "text", "question", "ruled", "left"), [
    (rancher, "we do not use a proxy", "internet", ["proxy"], ["direct", "airgap"]),
    (rancher, "not direct", "internet", ["direct"], ["proxy", "airgap"]),
    (backup, "no fast upload", "uplink", ["fast"], ["slow", "none"]),
    (backup, "the upload is not slow", "uplink", ["slow"], ["fast", "none"]),
    (ship, "there is no vpn", "net", ["vpn"], ["direct", "proxy", "airgap"]),
])
def test_exclusions_on_other_questions_and_packs(kb, text: str, question: str, ruled: list, left: list) -> None:  # noqa: ANN001
    u = understand(kb, text)
    assert [(f.question, _json(f.value)) for f in u.facts] == [(question, {"not": ruled, "one_of": left})]


@pytest.mark.parametrize(("text", "facts"), [
    ("it is not for production", {"purpose": "testing"}),
    ("not for testing", {"purpose": "production"}),
    ("no migration path needed", {"grow_to_ha": False}),
    ("no internet", {"internet": "airgap"}),
    ("we don't have internet access", {"internet": "airgap"}),
])
def test_yes_no_and_two_answer_questions_and_negating_words_keep_their_reading(text: str, facts: dict) -> None:
    u = understand(rancher, text)
    assert {f.question: f.value for f in u.facts} == facts


def test_two_exclusions_in_one_sentence_leave_one_answer_which_is_said() -> None:
    u = understand(rancher, "we are not air-gapped and not behind a proxy")
    assert [(f.question, f.value) for f in u.facts] == [("internet", "direct")]
    assert "network access: Direct internet access, the only answer left" in u.notes
    assert u.facts[0].text == "not air-gapped and not behind a proxy"


@pytest.mark.parametrize("text", ["not air-gapped, we use a corporate proxy", "we use a corporate proxy, not air-gapped"])
def test_an_answer_and_an_exclusion_it_agrees_with_are_one_answer_without_a_conflict(text: str) -> None:
    u = understand(rancher, text)
    assert [(f.question, f.value) for f in u.facts] == [("internet", "proxy")]
    assert not any("two answers" in n for n in u.notes)


def test_an_exclusion_that_contradicts_the_answer_before_it_is_noted_and_wins() -> None:
    u = understand(rancher, "we use a proxy, well not a proxy")
    assert any("two answers for internet" in n for n in u.notes)
    assert known(rancher.questions, u.facts)["internet"] == Excluded(("proxy",))


@pytest.mark.parametrize(("raw", "want"), [
    ("not airgap", Excluded(("airgap",))), ("!airgap", Excluded(("airgap",))), ("no air gap", Excluded(("airgap",))),
    ("not Air-gapped (no internet access)", Excluded(("airgap",))), ("not airgap, proxy", "direct"),
    ("no internet", "airgap"), ("proxy", "proxy"),
])
def test_parse_answer_reads_not_x(raw: str, want: object) -> None:
    value = parse_answer(rancher.questions["internet"], raw)
    assert value == want
    if isinstance(value, Excluded):
        assert value.left == ("direct", "proxy")


def test_parse_answer_refuses_excluding_everything_and_two_answers_give_the_other() -> None:
    with pytest.raises(BadAnswer, match="leaves no answer"):
        parse_answer(rancher.questions["internet"], "not direct, proxy, airgap")
    with pytest.raises(BadAnswer, match="not an answer"):
        parse_answer(rancher.questions["internet"], "not sure")
    assert parse_answer(rancher.questions["purpose"], "not testing") == "production"


def test_answers_to_the_pending_question_are_counted_among_the_answers_left() -> None:
    facts = known(rancher.questions, [Fact("internet", Excluded(("direct",)))])
    first = understand(rancher, "the first one", facts=facts, pending="internet")
    assert [f.value for f in first.facts] == ["proxy"]
    third = understand(rancher, "3", facts=facts, pending="internet")
    assert not third.facts and "internet has 2 answers; there is no answer 3" in third.notes
    settle = understand(rancher, "not proxy", facts=facts, pending="internet")
    assert known(rancher.questions, [Fact("internet", Excluded(("direct",))), *settle.facts])["internet"] == "airgap"
    assert "network access: Air-gapped (no internet access), the only answer left" in settle.notes


# ---- assessment ----------------------------------------------------------------------------------------
LEAVES = [
    ('internet == "airgap"', False), ('internet != "airgap"', True), ('internet == "proxy"', None),
    ("internet != proxy", None), ("internet in [direct, proxy]", True), ("internet in [proxy, airgap]", None),
    ("internet in [airgap]", False), ("not internet == airgap", True), ("internet == airgap or nodes >= 3", None),
    ("internet == airgap and nodes >= 3", False),
]


@pytest.mark.parametrize(("text", "want"), LEAVES)
def test_conditions_on_an_excluded_answer_are_three_valued(text: str, want: object) -> None:
    facts = known(rancher.questions, [Fact("internet", Excluded(("airgap",)))])
    e = ex.parse(text)
    assert ex.evaluate(e, facts) is want
    assert compiled_evaluate(e, facts) is want


def test_a_condition_reading_the_answer_twice_is_decided_by_the_answers_left() -> None:
    e = ex.parse("net == direct or net == proxy")
    both = known(ship.questions, [Fact("net", Excluded(("airgap", "vpn")))])
    one = known(ship.questions, [Fact("net", Excluded(("airgap",)))])
    assert compiled_evaluate(e, both) is True
    assert compiled_evaluate(e, one) is None, "a VPN is still possible and fails it"


def _statuses(kb, facts) -> dict[str, str]:  # noqa: ANN001
    return {c.option.id: c.status for c in assess(kb, facts).candidates}


def test_excluding_an_answer_rules_out_exactly_what_needs_it() -> None:
    s = _statuses(ship, {"net": Excluded(("airgap",)), "machines": 3})
    assert s["mirror"] == "ruled_out", "it needs net == airgap"
    assert s["pull"] == "recommended", "it fits every answer left"
    assert s["relay"] == "open" and s["open-or-proxy"] == "open", "they fit some answers left, not all"
    assert _statuses(ship, {"net": Excluded(("airgap", "vpn")), "machines": 3})["open-or-proxy"] == "feasible"


def test_an_option_each_answer_left_rules_out_is_ruled_out_with_a_reason_naming_them() -> None:
    a = assess(ship, {"net": Excluded(("vpn",))})
    split = a.candidate("split")
    assert split.status == "ruled_out"
    conditions = [r for r in split.reasons if r.condition]
    assert len(conditions) == 2 and all(r.holds is None for r in conditions), "each alone fits some answer left"
    first = split.reasons[0]
    assert first.holds is False and first.text == ("It fits none of the answers still possible: network is Direct "
                                                   "access or Through a proxy or Air-gapped (no access).")
    assert option_state(ship, a.facts, "split")[0] is False


# ---- planning ------------------------------------------------------------------------------------------
def _rancher_facts(**more: object) -> dict:
    return {"purpose": "production", "nodes": 3, "distro": "rke", "rancher_version": "2.5", **more}


def test_the_planner_still_asks_the_question_offering_only_the_answers_left() -> None:
    facts = known(rancher.questions, [Fact(k, parse_answer(rancher.questions[k], v)) for k, v in _rancher_facts().items()]
                  + [Fact("internet", Excluded(("airgap",)))])
    a = assess(rancher, facts)
    assert not a.decided and a.next_question is not None and a.next_question.id == "internet"
    assert a.could_change == ("internet",)
    assert a.title == "High-availability install on an RKE cluster", "the variant is not named yet"
    doc = to_json(rancher, a)
    assert [c["value"] for c in doc["next_question"]["choices"]] == ["direct", "proxy"]
    assert doc["facts"]["internet"] == NOT_AIRGAP
    large = space_for(rancher)._greedy(a.facts)  # the planner for spaces too large to search exactly
    assert not large.decided and large.next_question == "internet"


def test_one_answer_left_settles_the_question_and_names_the_variant() -> None:
    entries = [Fact(k, parse_answer(rancher.questions[k], v)) for k, v in _rancher_facts().items()]
    entries += [Fact("internet", Excluded(("airgap",))), Fact("internet", Excluded(("proxy",)))]
    a = assess(rancher, known(rancher.questions, entries))
    assert a.facts["internet"] == "direct"
    assert a.decided and a.next_question is None
    assert a.title.endswith("— Direct internet access")


def test_the_planner_on_a_pack_where_the_excluded_answer_decides_fits() -> None:
    a = assess(backup, {"offsite": True, "size": 100, "tool_version": "3.4", "uplink": Excluded(("none",))})
    assert a.candidate("cloud").status in ("recommended", "feasible"), "uplink in [fast, slow] holds for both left"
    assert a.next_question is not None and a.next_question.id == "uplink"
    assert [c["value"] for c in to_json(backup, a)["next_question"]["choices"]] == ["fast", "slow"]


# ---- a property over every pack the engine tests use ---------------------------------------------------
ALL_PACKS = {**PACKS, "excluded": lambda: ship}


@pytest.mark.parametrize("pack", sorted(ALL_PACKS))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_excluding_answers_never_rules_in_what_every_answer_left_rules_out(pack: str, data) -> None:  # noqa: ANN001
    kb = ALL_PACKS[pack]()
    wide = [q for q in kb.questions.values() if q.kind == "choice" and len(q.choices) >= 3]
    if not wide:
        return
    q = data.draw(st.sampled_from(wide))
    values = [c.value for c in q.choices]
    ruled = data.draw(st.lists(st.sampled_from(values), min_size=1, max_size=len(values) - 2, unique=True))
    facts = {}
    for other in sorted(kb.questions):
        o = kb.questions[other]
        if other != q.id and o.kind in ("choice", "yesno") and data.draw(st.booleans()):
            facts[other] = data.draw(st.sampled_from([c.value for c in o.choices])) if o.kind == "choice" \
                else data.draw(st.booleans())
    facts[q.id] = exclude(q, ruled)
    facts = known(kb.questions, [Fact(k, v) for k, v in facts.items()])
    value = facts[q.id]
    if not isinstance(value, Excluded):
        return  # implications settled it
    each = [fits_all(kb, f) for f in alternatives(facts)]
    assert len(each) == len(value.left)
    fits = fits_all(kb, facts)
    for oid, got in fits.items():
        seen = {e[oid] for e in each}
        if seen == {False}:
            assert got is False, f"{oid} fits no answer left but is not ruled out"
        if got is not None:
            assert seen == {got}, f"{oid} is {got} although an answer left gives {seen}"
    for c in kb.constraints:  # each condition alone: decided only when every answer left agrees
        whole = compiled_evaluate(c.expr, facts)
        if whole is not None:
            assert {compiled_evaluate(c.expr, f) for f in alternatives(facts)} == {whole}
    best = best_leaf(kb, facts, (), fits)  # the recommendation (assess without planning the next question)
    if best is not None:
        assert any(e[best.id] is not False for e in each), f"{best.id} is recommended but fits no answer left"


# ---- the chat and `ask`, end to end ------------------------------------------------------------------
@pytest.fixture
def chat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Conversation:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return Conversation(rancher, Session("test-kb"), tmp_path / "session.json", workdir=tmp_path)


def _question_lines(reply: str) -> list[str]:
    return [line.strip() for line in reply.splitlines() if line.strip()[:2] in ("1)", "2)", "3)")]


def test_chat_asks_again_with_the_answers_left_and_can_be_changed(chat: Conversation) -> None:
    chat.handle(SITUATION)
    reply = chat.handle("we are not air gapped").plain()
    assert "Understood: network access: not air-gapped." in reply
    assert "first other answer" not in reply
    assert "(you said not air-gapped; the answers left:)" in reply
    assert _question_lines(reply) == ["1) Direct internet access  (direct)", "2) Behind an HTTP proxy  (proxy)"]
    assert "network access: not air-gapped" in chat.handle("facts").plain()
    changed = chat.handle("actually we use a proxy").plain()
    assert "Recommendation: High-availability install on an RKE cluster — Behind an HTTP proxy" in changed
    back = chat.handle("back").plain()
    assert _question_lines(back) == ["1) Direct internet access  (direct)", "2) Behind an HTTP proxy  (proxy)"]
    settled = chat.handle("not behind a proxy").plain()
    assert "network access: Direct internet access, the only answer left" in settled
    assert "Recommendation: High-availability install on an RKE cluster — Direct internet access" in settled


def test_chat_set_takes_not_equal(chat: Conversation) -> None:
    chat.handle(SITUATION)
    reply = chat.handle("set internet!=proxy").plain()
    assert "Set: network access: not behind an HTTP proxy." in reply
    assert _question_lines(reply) == ["1) Direct internet access  (direct)", "2) Air-gapped (no internet access)  (airgap)"]
    assert "network access: Direct internet access, the only answer left" in chat.handle("internet != airgap").plain()


def test_ask_text_shows_the_exclusion_and_offers_the_answers_left() -> None:
    text = turn_text(rancher, take_turn(rancher, f"{SITUATION}, we are not air gapped"), verbose=True).plain
    assert "internet = not air-gapped (“not air gapped”)" in text
    assert "Next question: How do your nodes reach the internet?\n  1. Direct internet access   2. Behind an HTTP proxy\n" \
        in text
    assert "first other answer" not in text


def test_ask_json_and_set_not_equal(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "no air gap", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert list(doc) == ["facts", "recommendation", "candidates", "next_question", "answer", "nearest", "set_aside"]
    assert doc["facts"] == {"internet": NOT_AIRGAP}
    assert main(["ask", "--set", "internet!=airgap", "--set", "internet=not proxy", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["facts"]["internet"] == "direct"
    assert main(["ask", "--set", "internet!=fibre"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--set internet!=fibre: `not fibre` is not an answer to `internet`" in err


# ---- sessions ------------------------------------------------------------------------------------------
def test_an_exclusion_survives_saving_and_resuming(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    path = tmp_path / "s.json"
    conv = Conversation(rancher, Session("test-kb"), path, workdir=tmp_path)
    conv.handle("production, not air-gapped")
    data = json.loads(path.read_text("utf-8"))
    assert {"question": "internet", "value": {"not": ["airgap"]}, "how": "stated", "text": "not air-gapped"} \
        in data["steps"][0]["facts"]
    loaded = load(path)
    assert loaded.entries() == conv.session.entries()
    resumed = Conversation(rancher, loaded, path, workdir=tmp_path)
    assert resumed.facts["internet"].left == ("direct", "proxy")
    greeting = resumed.greeting().plain()
    assert "network access: not air-gapped" in greeting
    assert usable(rancher, loaded)[1] == []


def test_old_session_files_still_load_and_a_bad_exclusion_is_refused(tmp_path: Path) -> None:
    old = {"format": 1, "kb": "k", "steps": [{"facts": [
        {"question": "internet", "value": "direct", "how": "stated", "text": "direct"},
        {"question": "rancher_version", "value": {"version": "2.4.8"}, "how": "set", "text": ""}]}]}
    s = from_json(old)
    assert [f.value for f in s.entries()][0] == "direct"
    assert session_json(s)["steps"] == old["steps"]
    for bad in ({"not": []}, {"not": "airgap"}, {"not": [3]}):
        path = tmp_path / "bad.json"
        broken = json.loads(json.dumps(old))
        broken["steps"][0]["facts"][0]["value"] = bad
        path.write_text(json.dumps(broken), "utf-8")
        with pytest.raises(SessionError, match="unexpected shape"):
            load(path)


def test_an_exclusion_the_content_no_longer_has_is_dropped_on_loading(tmp_path: Path) -> None:
    s = Session("k").step([Fact("internet", Excluded(("satellite",)), "stated", "not satellite")])
    save(s, tmp_path / "s.json")
    kept, dropped = usable(rancher, load(tmp_path / "s.json"))
    assert kept.entries() == [] and dropped and "internet" in dropped[0]


def test_the_decision_diagram_mutes_only_the_excluded_answer() -> None:
    from fingerpost.render.decision import _answer_state

    facts = known(rancher.questions, [Fact("internet", Excluded(("airgap",)))])
    states = {v: _answer_state({"question": "internet", "value": v}, facts) for v in ("direct", "proxy", "airgap")}
    assert states == {"direct": "normal", "proxy": "normal", "airgap": "muted"}
