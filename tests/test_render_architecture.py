"""The architecture diagram follows the facts: node counts, registry, proxy, Docker's one host."""

from __future__ import annotations

from collections import Counter

import pytest
from fingerpost.engine.facts import Fact, parse_answer
from fingerpost.kb import compile_path
from fingerpost.kb.errors import FingerpostError, Unsatisfiable
from fingerpost.render.architecture import NoArchitecture, architecture_scene
from fingerpost.render.decision import decision_scene
from fingerpost.render.diagram import diagram_scene


@pytest.fixture(scope="module")
def kb():
    return compile_path()


def facts(kb, **raw):
    return {q: parse_answer(kb.question(q), v) for q, v in raw.items()}


def kinds(scene) -> Counter:
    return Counter(n.kind for n in scene.nodes)


@pytest.mark.parametrize("nodes", [3, 4, 5, 8])
def test_rke_node_count_follows_the_answer(kb, nodes):
    s = architecture_scene(kb, facts(kb, purpose="production", nodes=nodes, distro="rke"))
    assert kinds(s)["node"] == nodes
    assert [n.subtitle for n in s.nodes if n.kind == "node"] == [f"{i} of {nodes}" for i in range(1, nodes + 1)]
    assert all(n.group == "cluster" for n in s.nodes if n.kind == "node")
    # the load balancer sends to every replica: one arrow per node, labelled once
    fan = [e for e in s.edges if e.source == "lb"]
    assert sorted(e.target for e in fan) == sorted(n.id for n in s.nodes if n.kind == "node")
    assert [e.label for e in fan if e.label] == ["443 to each replica"]


def test_many_nodes_are_summarised(kb):
    s = architecture_scene(kb, facts(kb, purpose="production", nodes=12, distro="rke"))
    assert [n.subtitle for n in s.nodes if n.kind == "node"] == ["1 of 12", "2 of 12", "12 of 12"]
    assert [n.title for n in s.nodes if n.kind == "more"] == ["… 9 more"]


def test_unknown_count_draws_the_fewest_the_option_needs(kb):
    rke = architecture_scene(kb, facts(kb, purpose="production", distro="rke"))
    k3s = architecture_scene(kb, facts(kb, purpose="production", distro="k3s", rancher_version="2.4.8"))
    assert kinds(rke)["node"] == 3 and "3 drawn" in rke.subtitle
    assert kinds(k3s)["node"] == 2 and "2 drawn" in k3s.subtitle
    assert kinds(k3s)["database"] == 1  # K3s keeps its state in an external datastore


def test_airgap_adds_a_registry_and_drops_the_internet(kb):
    s = architecture_scene(kb, facts(kb, purpose="production", nodes=2, distro="k3s", rancher_version="2.5",
                                     internet="airgap"))
    k = kinds(s)
    assert k["registry"] == 1 and k["internet"] == 0 and k["proxy"] == 0
    assert any(e.target == "registry" and e.label == "pulls images" for e in s.edges)
    assert all(n.state == "normal" for n in s.nodes)


def test_proxy_sits_on_the_outbound_path(kb):
    s = architecture_scene(kb, facts(kb, purpose="production", nodes=3, distro="rke", internet="proxy"))
    k = kinds(s)
    assert k["proxy"] == 1 and k["registry"] == 0 and k["internet"] == 1
    pairs = {(e.source_group or e.source, e.target, e.label) for e in s.edges}
    assert ("cluster", "proxy", "outbound") in pairs and ("proxy", "internet", "HTTP(S)") in pairs
    assert not any(e.target == "internet" and e.source != "proxy" for e in s.edges)


def test_direct_internet_has_no_proxy_nor_registry(kb):
    s = architecture_scene(kb, facts(kb, purpose="production", nodes=3, distro="rke", internet="direct"))
    assert kinds(s)["proxy"] == 0 and kinds(s)["registry"] == 0
    assert any(e.target == "internet" and e.label == "pulls images" for e in s.edges)


def test_docker_is_one_host_with_the_rancher_container(kb):
    s = architecture_scene(kb, facts(kb, purpose="testing", grow_to_ha="no", internet="proxy"))
    k = kinds(s)
    assert k["container"] == 1 and k["node"] == 0 and k["load-balancer"] == 0
    assert s.node("rancher").group == "host"
    assert {g.id for g in s.groups} == {"site", "host"}
    assert k["proxy"] == 1


def test_unanswered_conditions_are_drawn_dashed_with_the_condition(kb):
    s = architecture_scene(kb, {})
    registry = s.node("registry")
    assert registry.state == "conditional"
    assert "drawn only when internet is Air-gapped" in registry.tooltip and "not known yet" in registry.tooltip
    assert s.legend and s.legend[0][0] == "dashed"


def test_option_argument_and_missing_architecture(kb):
    s = architecture_scene(kb, {}, option="k8s-single-k3s")  # inherited from k8s-single
    assert kinds(s)["node"] == 1
    with pytest.raises(FingerpostError, match="no option named"):
        architecture_scene(kb, {}, option="nope")


def test_no_architecture_names_the_option(tmp_path):
    (tmp_path / "index.md").write_text("# X\n\n```fingerpost\noption: solo\ntitle: Solo\n```\n", encoding="utf-8")
    with pytest.raises(NoArchitecture, match="option `solo` has no architecture") as err:
        architecture_scene(compile_path(tmp_path), {})
    assert "index.md:" in str(err.value)


def test_everything_ruled_out_is_a_clear_error(kb):
    with pytest.raises(Unsatisfiable, match="rule out every option"):
        architecture_scene(kb, facts(kb, purpose="production", nodes=1, grow_to_ha="yes", rancher_version="2.3",
                                     distro="k3s"))


def test_facts_may_be_a_list_of_session_entries(kb):
    entries = [Fact("purpose", "production"), Fact("nodes", 5), Fact("distro", "rke")]
    assert kinds(diagram_scene(kb, entries))["node"] == 5


def test_decision_scene_highlights_the_path_and_greys_ruled_out(kb):
    s = decision_scene(kb, facts(kb, purpose="production", distro="k3s", rancher_version="2.4.8"))
    assert s.node("option:k8s-ha-k3s").state == "chosen" and s.node("option:k8s-ha").state == "chosen"
    assert s.node("answer:purpose=production").state == "chosen"
    assert s.node("answer:purpose=testing").state == "muted"
    docker = s.node("option:docker")
    assert docker.state == "ruled_out"
    assert docker.tooltip.startswith("Ruled out:") and "not production" in docker.tooltip and "install-options.md:" in docker.tooltip
    violated = [n for n in s.nodes if n.state == "violated"]
    assert any("purpose is Production" in n.title for n in violated)
    chosen_edges = {(e.source, e.target) for e in s.edges if e.state == "chosen"}
    assert ("question:purpose", "answer:purpose=production") in chosen_edges
    assert any(t == "option:k8s-ha-k3s" for _, t in chosen_edges)


def test_decision_scene_without_facts_is_uncoloured(kb):
    s = decision_scene(kb, None)
    assert {n.state for n in s.nodes} == {"normal"} and not s.legend
    assert {n.kind for n in s.nodes} == {"question", "answer", "constraint", "recommendation", "option"}
