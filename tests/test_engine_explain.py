"""why, why not, compare, what if, the checklist, find_option and answers — every sentence cited."""

from __future__ import annotations

import pytest
from engine_helpers import BACKUP_PACK, cites_content, kb_at
from fingerpost.engine.answers import explain
from fingerpost.engine.answers.from_docs import NOT_SAID, answer_question
from fingerpost.engine.reason.assess import assess
from fingerpost.kb.errors import UnknownOption

PROD3 = {"purpose": "production", "nodes": 3}

rancher_kb = kb_at(None)
backup_kb = kb_at(str(BACKUP_PACK))


def test_why_names_the_recommendation_its_reasons_and_what_could_change_it() -> None:
    a = assess(rancher_kb, PROD3)
    out = explain.why(rancher_kb, a)
    assert out[0].kind == "headline" and a.title in out[0].text and "so far" in out[0].text
    recommends = [s for s in out if s.kind == "recommends" and s.option == "k8s-ha"]
    assert recommends and "production" in recommends[0].text
    assert recommends[0].source == rancher_kb.recommendations_for("k8s-ha")[0].source
    asked = {s.ref for s in out if s.kind == "question"}
    assert asked == set(a.could_change) and "nodes" not in asked
    assert all(cites_content(rancher_kb, s.source) for s in out)


def test_why_when_nothing_fits_lists_what_rules_each_option_out() -> None:
    a = assess(backup_kb, {"offsite": True, "uplink": "none", "size": 0})
    assert a.recommendation is None
    out = explain.why(backup_kb, a)
    assert out[0].text == "No option fits your answers."
    # the nearest fits: each option that could fit, with what to change and the rule that blocks it
    assert {backup_kb.lineage(s.option)[-1].id for s in out[1:]} == {"drive", "cloud", "nas"}
    assert all(s.holds is False and s.kind == "nearest" and "would fit if you changed" in s.text for s in out[1:])


def test_why_not_a_ruled_out_option_gives_the_violated_condition_with_the_users_value() -> None:
    a = assess(rancher_kb, PROD3)
    out = explain.why_not(rancher_kb, a, "docker")
    assert "ruled out" in out[0].text
    violated = out[1]
    assert violated.holds is False and violated.text.endswith("(you said Production)")
    assert "==" not in violated.text and "purpose" not in violated.text, "conditions in words, not expressions"
    assert str(violated.source) == str(rancher_kb.constraints_for("docker")[0].source)


def test_why_not_an_open_option_says_what_it_depends_on() -> None:
    a = assess(rancher_kb, PROD3)
    out = explain.why_not(rancher_kb, a, "k8s-ha-k3s")
    assert "still possible" in out[0].text
    assert any("depends on the kubernetes distribution" in s.text and s.holds is None for s in out)
    assert any("rancher release" in s.text for s in out)


def test_why_not_a_feasible_option_says_why_it_ranks_lower() -> None:
    a = assess(rancher_kb, {"purpose": "production", "nodes": 3, "distro": "any", "rancher_version": "2.4.8",
                            "internet": "direct"})
    assert a.recommendation.option.id == "k8s-ha-k3s" and a.decided
    out = explain.why_not(rancher_kb, a, "k8s-ha-rke")
    assert "fits your answers" in out[0].text
    assert "ranks lower" in out[1].text and out[1].kind == "recommends"
    assert out[1].source == rancher_kb.recommendations_for("k8s-ha-k3s")[0].source


def test_priorities_change_the_ranking_and_the_explanation_says_so() -> None:
    facts = {"offsite": True, "uplink": "slow", "size": 100, "tool_version": "3.4"}
    plain, cheap = assess(backup_kb, facts), assess(backup_kb, facts, ("price",))
    assert plain.recommendation.option.id == "cloud", "no recommendation applies: document order"
    assert cheap.recommendation.option.id == "nas-remote", "the NAS scores better on price"
    text = " ".join(s.text for s in explain.why_not(backup_kb, cheap, "cloud"))
    assert "priority price (1 against 2)" in text
    assert "fits more of the answers still open" in " ".join(s.text for s in explain.why_not(backup_kb, plain, "nas"))


def test_compare_puts_requirements_tradeoffs_migration_and_docs_side_by_side() -> None:
    a = assess(rancher_kb, {"purpose": "testing", "nodes": 1, "internet": "direct"})
    c = explain.compare(rancher_kb, a, ["docker", "k8s-single"])
    docker, single = c.columns
    assert docker.option.id == "docker" and single.option.id == "k8s-single"
    assert any("production" in s.text for s in docker.requirements)
    assert docker.pros and docker.cons and single.pros
    assert any("migrat" in s.text.lower() for s in docker.migration)
    assert any("later" in s.text.lower() for s in single.migration)
    assert all(s.href.startswith("https://") for s in docker.docs + single.docs)
    assert [name for name, _ in c.rows()] == ["requirements", "pros", "cons", "migration", "docs"]
    assert all(cites_content(rancher_kb, s.source) for s in c)


def test_compare_with_one_option_compares_it_with_the_recommendation() -> None:
    a = assess(rancher_kb, PROD3)
    c = explain.compare(rancher_kb, a, ["docker"])
    assert [col.option.id for col in c.columns] == [a.recommendation.option.id, "docker"]


def test_what_if_reports_the_new_recommendation_and_the_statuses_that_change() -> None:
    change = explain.what_if(rancher_kb, PROD3, "nodes", "1")
    assert change.changed and change.value == 1
    assert change.after.recommendation.option.id == "k8s-single-rke"
    moved = {s.option.id: (s.before, s.after) for s in change.statuses}
    assert moved["k8s-ha"] == ("recommended", "ruled_out")
    assert all(r.holds is False for r in next(s for s in change.statuses if s.option.id == "k8s-ha").reasons)
    assert "would change" in change.statements[0].text
    same = explain.what_if(rancher_kb, PROD3, "internet", "proxy")
    assert "stay" in same.statements[0].text and not same.changed and "Behind an HTTP proxy" in same.statements[0].text
    switched = explain.what_if(rancher_kb, {**PROD3, "internet": "direct"}, "internet", "airgap")
    assert switched.changed, "another variant of the same option is another recommendation"
    assert change.before.facts == assess(rancher_kb, PROD3).facts, "nothing is kept"


def test_what_if_recomputes_what_answers_imply() -> None:
    from fingerpost.engine.facts import Fact

    entries = [Fact("purpose", "production"), Fact("nodes", 1)]
    change = explain.what_if(rancher_kb, entries, "purpose", "testing")
    assert change.after.facts["purpose"] == "testing"
    assert "grow_to_ha" not in change.after.facts, "production implied grow_to_ha; testing does not"


def test_checklist_puts_dependencies_first_and_links_each_item() -> None:
    a = assess(rancher_kb, {**PROD3, "internet": "airgap"})
    items = explain.checklist(rancher_kb, a)
    ids = [s.ref for s in items]
    assert "private-registry" in ids, "an air gap adds the registry"
    for s in items:
        for dep in rancher_kb.prerequisites[s.ref].requires:
            assert ids.index(dep) < ids.index(s.ref)
        assert s.href.startswith("https://")
    assert "private-registry" not in [s.ref for s in explain.checklist(rancher_kb, assess(rancher_kb, PROD3))]


def test_find_option_reads_ids_titles_synonyms_and_typos() -> None:
    assert explain.find_option(rancher_kb, "docker") == "docker"
    assert explain.find_option(rancher_kb, "dokcer") == "docker"
    assert explain.find_option(rancher_kb, "High-availability install on a K3s cluster") == "k8s-ha-k3s"
    assert explain.find_option(rancher_kb, "single node") == "k8s-single"
    with pytest.raises(UnknownOption, match="several options"):
        explain.find_option(rancher_kb, "k3s")
    with pytest.raises(UnknownOption, match="no option matches"):
        explain.find_option(rancher_kb, "mainframe")


def test_answers_quote_the_content_and_cite_it() -> None:
    ans = answer_question(rancher_kb, "how many nodes does an RKE cluster need?")
    assert ans.found and "three" in ans.text
    for s in ans.statements:
        assert s.text in ans.text and cites_content(rancher_kb, s.source)


def test_questions_the_docs_do_not_answer_say_so_and_point_to_the_closest_sections() -> None:
    ans = answer_question(rancher_kb, "how do I rotate the TLS certificates of the load balancer?")
    assert not ans.found and ans.text.startswith(NOT_SAID)
    assert 1 <= len(ans.sources) <= 3 and all(cites_content(rancher_kb, s.source) for s in ans.sources)
    assert not answer_question(rancher_kb, "?").found


def test_answers_work_on_another_pack() -> None:
    ans = answer_question(backup_kb, "what is a NAS?")
    assert ans.found and ans.text.startswith("NAS (network attached storage)")
    verdict = answer_question(backup_kb, "is an external usb drive fine for an offsite copy?")
    assert verdict.text.startswith("No:") and "fire or theft" in verdict.text
    assert not answer_question(backup_kb, "which tape library should I buy?").found


def test_what_if_keeps_the_caveat_the_new_recommendation_carries_and_says_with() -> None:
    change = explain.what_if(rancher_kb, PROD3, "nodes", 1)
    brief = explain.what_if_brief(rancher_kb, change)
    assert brief[0].kind == "headline" and "node count were 1" in brief[0].text
    assert any(s.kind == "con" and "not highly available" in s.text for s in brief), "the caveat travels"
    assert all("(you said 1)" not in s.text for s in change), "a supposed answer is not something you said"
    assert any("(with 1)" in s.text for s in change)
    assert len(brief) < len(change.statements), "what changed, not everything"


def test_everyday_words_the_docs_never_use_do_not_hide_the_answer_but_names_do() -> None:
    smallest = answer_question(rancher_kb, "What's the smallest K3s cluster that still counts as HA?")
    assert smallest.found and "two" in smallest.text, "`smallest`, `counts`: everyday words, not a topic"
    on_board = answer_question(rancher_kb, "How do I install Rancher on a Raspberry Pi?")
    assert not on_board.found, "a name the docs never use is a topic they do not cover"
    assert not answer_question(rancher_kb, "what is the capital of France?").found
    assert not answer_question(rancher_kb, "how do I tune kafka consumers for rancher?").found


def test_a_limit_question_needs_a_passage_that_states_that_limit() -> None:
    assert not answer_question(backup_kb, "max drives in one NAS?").found or \
        any(w in answer_question(backup_kb, "max drives in one NAS?").text for w in ("at most", "up to", "maximum"))
    assert not answer_question(rancher_kb, "how many moons does the load balancer need?").found, \
        "a count question still needs a passage that counts what it asks about"
    least = answer_question(rancher_kb, "minimum nodes for an RKE cluster that is highly available?")
    assert least.found and "three" in least.text


def test_a_long_post_is_answered_from_the_sentence_that_covers_its_point() -> None:
    post = ("helm chart options: can rancher write an audit log of all API calls? we need it for compliance "
            "reasons, our auditors keep asking")
    ans = answer_question(rancher_kb, post)
    assert ans.found and "audit log" in ans.text, "the story around the question does not hide its answer"
    long_unknown = ("how do we rotate the expired certificates on a 2.3 HA cluster, the UI is not accessible "
                    "anymore since yesterday")
    assert not answer_question(rancher_kb, long_unknown).found


def test_a_post_that_asks_two_things_is_answered_part_by_part() -> None:
    ans = answer_question(rancher_kb, "What exactly is the 'Rancher server'? is it the same thing as the agent on "
                                      "the clusters?")
    assert ans.found and "management component" in ans.text, "the part the docs cover is answered"
    assert not answer_question(rancher_kb, "what is the capital of France? and the colour of the moon?").found


def test_a_setting_named_in_a_question_is_looked_up_by_its_words() -> None:
    ans = answer_question(rancher_kb, "Proxy config for the docker install of rancher: how do i pass http_proxy?")
    assert ans.found and "proxy" in ans.text.lower()
