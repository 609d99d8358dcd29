"""Words that lean towards an option — the documentation's own text, or an option named as
wanted — weigh in the ranking below any recommendation, and are never facts."""

from __future__ import annotations

import json
from pathlib import Path

from fingerpost.engine.language.evidence import hints
from fingerpost.engine.language.understand import understand
from fingerpost.engine.reason.assess import assess
from fingerpost.engine.turn import take_turn
from fingerpost.kb.pipeline import compile_path

from fingerpost.sessions.session import Session, from_json, to_json

rancher = compile_path(None)

PAGES = {
    "index.md": "# Pick a store\n\nThere are three stores: [Alpha](alpha.md), [Beta](beta.md) and [Gamma](gamma.md).\n",
    "alpha.md": """# Alpha store

```fingerpost
option: alpha
title: Alpha store
summary: A small store kept on one disk.
```

Alpha keeps every record in a single file on local disk, with fast lookups by key.

## When not to use Alpha

Very large fan-outs to many subscribers: [Beta](beta.md) is a better fit.

Audit trails benefit less or not at all from Alpha.
""",
    "beta.md": """# Beta store

```fingerpost
option: beta
title: Beta store
summary: A replicated log.
```

Beta appends records to a replicated log that readers replay from any point.
""",
    "gamma.md": """# Gamma store

```fingerpost
option: gamma
title: Gamma store
summary: A store in memory.
```

Gamma holds records in memory and loses them on restart.
""",
}


def _pack(tmp_path: Path) -> object:
    for name, text in PAGES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return compile_path(tmp_path)


def test_a_leaning_picks_among_options_the_facts_leave_open() -> None:
    plain = assess(rancher, {})
    assert plain.recommendation.option.id != "docker"
    leaned = assess(rancher, {}, leanings=("docker",))
    assert leaned.recommendation.option.id == "docker"
    assert leaned.leanings == ("docker",)
    assert leaned.facts == plain.facts, "a leaning is not a fact"


def test_a_leaning_never_overrides_the_facts() -> None:
    a = assess(rancher, {"purpose": "production", "nodes": 3}, leanings=("docker",))
    assert a.recommendation.option.id != "docker"
    assert a.candidate("docker").status == "ruled_out"


def test_an_option_named_as_wanted_is_a_leaning_not_a_fact() -> None:
    u = understand(rancher, "we'd like to go with docker")
    assert u.leanings == ("docker",) and not u.facts
    assert understand(rancher, "we don't want docker").leanings == ("k8s-ha", "k8s-single"), \
        "an option refused leans to those beside it, never to itself"
    assert understand(rancher, "something like docker").leanings == ()
    assert understand(rancher, "we already run docker today").leanings == ()
    turn = take_turn(rancher, "we'd like to go with docker")
    assert turn.assessment.recommendation.option.id == "docker"


def test_text_that_sends_the_reader_elsewhere_speaks_for_the_other_option(tmp_path: Path) -> None:
    kb = _pack(tmp_path)
    got = hints(kb, ["fan-outs", "subscribers"])
    assert got and got[0].option == "beta", "the pointer in Alpha's 'when not to use' speaks for Beta"
    assert hints(kb, ["audit", "trails"]) == (), "what an option is not for is no evidence for it"
    assert hints(kb, ["lookups", "disk"])[0].option == "alpha"
    u = understand(kb, "huge fan-out to many subscribers")
    assert u.leanings == ("beta",) and not u.facts
    assert any("as a hint for Beta store" in n for n in u.notes), "the hint is shown as a hint"


def test_a_saved_session_keeps_its_leanings() -> None:
    s = Session("kb").step((), None, "we'd like docker", "ok", leanings=("docker",))
    again = from_json(json.loads(json.dumps(to_json(s))))
    assert again.leanings() == ("docker",)
    assert Session("kb").step((), None, "hi", "ok").steps == (), "a turn that changes nothing adds no step"


def test_an_answer_that_picks_out_some_options_leans_to_them() -> None:
    """Naming the Kubernetes distribution speaks for the Kubernetes installs, not for Docker,
    though Docker is recommended in more of the answer combinations left."""
    a = assess(rancher, {"distro": "k3s"})
    assert a.recommendation.option.id in ("k8s-single-k3s", "k8s-ha-k3s")
    assert dict(a.shares)["docker"] > dict(a.shares)[a.recommendation.option.id], "the shares alone would pick Docker"
    assert a.facts["distro"] == "k3s" and a.leanings == ()


def test_the_means_of_what_is_done_is_a_leaning(tmp_path: Path) -> None:
    """ "we create our clusters with Terraform", "set through environment variables": the option
    named as the means of what the speaker does leans; the state things are in does not."""
    kb = _pack(tmp_path)
    assert understand(kb, "we keep our records with the gamma store").leanings == ("gamma",)
    assert understand(kb, "records are written through beta").leanings == ("beta",)
    assert understand(kb, "we already keep our records with gamma").leanings == ()
    assert understand(kb, "we used to keep records with gamma").leanings == ()
    assert "gamma" not in understand(kb, "we will not keep records with gamma").leanings
    assert understand(rancher, "we already run rancher with docker").leanings == ()


def test_words_leaning_more_to_one_option_outweigh_fewer_for_another(tmp_path: Path) -> None:
    """An option named as the means (twice) outweighs one textual hint for another of its kind;
    two hints outweigh one."""
    kb = _pack(tmp_path)
    assert set(understand(kb, "fast lookups by key on local disk").leanings) == {"alpha"}
    u = understand(kb, "lookups on local disk, but we store everything with beta")
    assert u.leanings == ("beta",), u.leanings
    assert take_turn(kb, "lookups on local disk, but we store everything with beta") \
        .assessment.recommendation.option.id == "beta"


def test_a_leaning_lifts_an_option_whose_requirement_is_still_open(tmp_path: Path) -> None:
    """An option that may still fit — what it requires is not yet answered — is lifted by the
    user's words over one the documentation lists first."""
    for name, text in PAGES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "gamma.md").write_text(PAGES["gamma.md"].replace(
        "summary: A store in memory.\n",
        "summary: A store in memory.\nrequires:\n  - if: license\n    because: Gamma needs a license server.\n"
    ) + "\n```fingerpost\nquestion: license\ntext: Do you have a license server?\ntype: yesno\n```\n",
        encoding="utf-8")
    kb = compile_path(tmp_path)
    assert "license" in kb.questions
    assert take_turn(kb, "what do you recommend?").assessment.recommendation.option.id == "alpha"
    a = take_turn(kb, "we'd like gamma").assessment
    assert a.recommendation.option.id == "gamma", [(c.option.id, c.status) for c in a.candidates]
    assert "license" not in a.facts, "a leaning is not a fact"
    ruled = take_turn(kb, "we'd like gamma; we have no license server").assessment
    assert ruled.recommendation.option.id != "gamma", "a leaning never overrides the facts"


def test_an_option_of_doing_without_is_not_named_by_what_it_does_without(tmp_path: Path) -> None:
    from fingerpost.kb.extract.words import option_ident

    assert option_ident("No Collector") == "no-collector"
    assert option_ident("Without a proxy") == "no-proxy"
    for name, text in PAGES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "gamma.md").write_text(PAGES["gamma.md"].replace("title: Gamma store", "title: No store"),
                                       encoding="utf-8")
    kb = compile_path(tmp_path)
    assert understand(kb, "we'd like to go with a store").leanings == (), "'store' does not name 'No store'"


def test_a_word_in_another_form_than_the_docs_use_still_points(tmp_path: Path) -> None:
    from fingerpost.engine.language.evidence import known_form

    vocabulary = {"easier", "simple", "big", "scale", "quick"}
    assert [known_form(w, vocabulary) for w in ("easiest", "simplest", "bigger", "scaling", "quickly", "nodes")] \
        == ["easier", "simple", "big", "scale", "quick", "nodes"]
    kb = _pack(tmp_path)
    assert hints(kb, ["fastest", "lookups"])[0].option == "alpha", "'fastest' is the docs' 'fast'"


MESSAGING = """# Messaging topologies

There are three ways to deploy the broker.

## A single server

The simplest setup is one broker process. It is easy to run and good for development.

## A cluster of servers

If you need a fault-tolerant service, cluster a set of brokers so that clients move to another one.

## A super-cluster

Several clusters joined by gateways give global deployments across regions.
"""


def test_an_option_whose_summary_says_what_it_is_for_takes_the_everyday_words_for_it(tmp_path: Path) -> None:
    (tmp_path / "topologies.md").write_text(MESSAGING, encoding="utf-8")
    kb = compile_path(tmp_path)
    cluster = next(o.id for o in kb.options.values() if o.title == "A cluster of servers")
    u = understand(kb, "we need it to survive a server failure")  # said inside a phrase this pack asks nothing of
    assert u.leanings == (cluster,)
    w = understand(kb, "Right now it's one broker on a VM. What if we need it to survive a server failure?")
    assert w.command == "what_if" and w.leanings == (cluster,)  # the supposition leans, not the present
    t = take_turn(kb, "Right now it's one broker on a VM. What if we need it to survive a server failure?")
    assert "A cluster of servers" in t.reply[0].text


def test_refusing_anything_extra_leans_to_the_option_of_doing_without(tmp_path: Path) -> None:
    (tmp_path / "patterns.md").write_text(
        "# Deployment modes\n\nYou can deploy the relay in one of three modes.\n\n## Relay-less mode\n\nServices send "
        "straight to the backend. It is the simplest and is recommended for development.\n\n## Agent mode\n\nA relay "
        "runs beside each service. It is recommended when hosts are far away.\n\n## Gateway mode\n\nA central relay "
        "receives everything. It is best for large fleets.\n", encoding="utf-8")
    kb = compile_path(tmp_path)
    none = next(o.id for o in kb.options.values() if o.title == "Relay-less mode")
    assert understand(kb, "we dont want any extra thing to run").leanings == (none,)


DRIVERS = """# Drivers

There are several supported drivers:

- Modern probe *(default)*
- Classic module

|            | Classic module | Modern probe            |
| ---------- | -------------- | ----------------------- |
| **x86_64** | >= 3.10        | Minimal set of features |
| **arm64**  | >= 3.10        | Minimal set of features |

## Classic module

The classic module works on every kernel. It requires full privileges.

## Modern probe

The modern probe is the default and needs nothing to be built.

### Requirements

- BPF ring buffer support.
- A kernel that exposes BTF.
"""


def test_saying_you_lack_what_an_option_needs_first_leans_to_the_others(tmp_path: Path) -> None:
    (tmp_path / "drivers.md").write_text(DRIVERS, encoding="utf-8")
    kb = compile_path(tmp_path)
    ids = {o.title: o.id for o in kb.options.values()}
    assert any(ids["Modern probe"] in p.options for p in kb.prerequisites.values())
    assert understand(kb, "old hosts on a 3.10 kernel that doesn't expose BTF").leanings == (ids["Classic module"],)
    assert ids["Classic module"] not in understand(kb, "recent kernels that expose BTF").leanings
