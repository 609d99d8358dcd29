"""What the understanding and reasoning evaluations need from fingerpost: one turn, as plain data.

The evaluations (bench/understanding.py, bench/reasoning.py) read hand-written cases from
bench/eval/ and score what `turn()` returns; this module is the only place that calls the
engine, so the cases and the scoring stay the same when the engine's modules move.

    >>> r = turn(load_kb("rancher"), "production, three nodes")    # doctest: +SKIP
    >>> r.facts, r.best, r.status                                   # doctest: +SKIP
    ({'purpose': 'production', 'nodes': 3}, 'k8s-ha-rke', 'provisional')
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

KBS = {
    "rancher": None,  # the embedded pack
    "replication": "docs/examples/replication",
    "rke2-datastore": "../shared/corpus/decision-pages/rke2",
    "otel-deploy": "../shared/corpus/decision-pages/opentelemetry",
    "rabbitmq-queues": "../shared/corpus/decision-pages/rabbitmq",
    **{name: f"../shared/corpus/decision-pages/{name}"
       for name in ("cert-manager", "harbor", "istio", "linkerd", "longhorn", "flux", "prometheus")},
    "knative": "../corpus-fresh3/knative",  # pages of the third round, outside the project (bench/gold/third-pages)
    "metallb": "../corpus-fresh3/metallb",
    **{name: f"../shared/corpus/decision-pages/{name}" for name in ("etcd", "nats", "thanos", "traefik")},
    **{name: f"../corpus-fresh/{name}"  # pages of the second round, outside the project (bench/gold/fresh-pages)
       for name in ("loki", "tempo", "redis", "openbao", "argo-cd", "cloudnative-pg", "jaeger", "velero")},
    **{name: f"../corpus-fresh3/{name}" for name in ("dapr", "ingress-nginx", "victoriametrics")},
    **{name: f"../corpus-fresh4/{name}"  # pages of the fourth to sixth rounds (bench/gold/fourth-pages … sixth-pages)
       for name in ("calico", "envoy-gateway", "k3s", "keda", "kubernetes")},
    **{name: f"../corpus-fresh5/{name}" for name in ("alloy", "cockroachdb", "falco", "openebs", "rook")},
    **{name: f"../corpus-fresh6/{name}"
       for name in ("argo-rollouts", "external-secrets", "kubevirt", "kyverno", "spire", "vector")},
    **{name: f"../corpus-fresh7/{name}"  # pages of the seventh round (bench/gold/seventh-pages)
       for name in ("kong", "external-dns", "fluent-bit", "gitlab-runner", "k0s", "vcluster")},
    **{name: f"../corpus-fresh8/{name}"  # pages of the eighth round (bench/gold/eighth-pages)
       for name in ("contour", "authelia", "woodpecker", "kubeflow", "cortex", "headscale")},
    **{name: f"../corpus-fresh9/{name}"  # pages of the ninth round (bench/gold/ninth-pages)
       for name in ("lima", "atlantis", "flannel", "apisix", "oauth2-proxy", "kserve")},
    **{name: f"../corpus-fresh10/{name}"  # pages of the tenth round (bench/gold/tenth-pages)
       for name in ("kata-containers", "jellyfin", "trivy", "paperless-ngx", "opensearch", "rclone")},
    **{name: f"../corpus-fresh11/{name}"  # pages of the eleventh round (bench/gold/eleventh-pages)
       for name in ("renovate", "helm", "frigate", "milvus", "netdata", "tekton")},
    **{name: f"../corpus-fresh12/{name}"  # pages of the twelfth round (bench/gold/twelfth-pages)
       for name in ("opa", "synapse", "antrea", "juicefs", "rancher-desktop", "spicedb")},
    **{name: f"../corpus-fresh13/{name}"  # pages of the thirteenth round (bench/gold/thirteenth-pages)
       for name in ("nix", "kops", "gvisor", "incus", "minikube", "poetry")},
    **{name: f"../corpus-fresh14/{name}"  # pages of the fourteenth round (bench/gold/fourteenth-pages)
       for name in ("jupyterhub", "docker-mailserver", "centrifugo", "hugo", "mise", "pgbouncer")},
    **{name: f"../corpus-fresh15/{name}"  # pages of the fifteenth round (bench/gold/fifteenth-pages)
       for name in ("flagger", "webpack", "argo-events", "fastapi", "rqlite", "sealed-secrets")},
}
"""The knowledge bases cases name, by path from the repository root."""


@dataclass(slots=True)
class Result:
    """What one turn did, in plain values."""

    facts: dict[str, Any] = field(default_factory=dict)
    """question id → value read (numbers, strings, booleans; versions as text; exclusions as {'not': [...]})."""
    kind: str = "situation"
    """situation | question | what-if | command."""
    command: str | None = None
    args: tuple = ()
    answer: str = ""
    """The reply text to a question ("" when none)."""
    answer_sources: tuple[str, ...] = ()
    """`path:line` of each passage the answer cites."""
    answer_found: bool = True
    best: str | None = None
    """The recommended or best-fit option's id (the leaf variant), None when nothing fits."""
    best_chain: tuple[str, ...] = ()
    """The best option's id and its ancestors' ids."""
    best_title: str = ""
    status: str = "conflict"
    """final | provisional | conflict."""
    could_change: tuple[str, ...] = ()
    next_question: str | None = None
    nearest: tuple[dict, ...] = ()
    """For a conflict: [{'option': id, 'change': [question ids]}] as the engine suggests them."""
    text: str = ""
    """Everything the reply says, for word checks."""
    error: str = ""
    described: bool = False
    """True when a question's turn also read what the text says of the reader's setup (facts, or words leaning
    to an option): the reply answers and recommends, so the turn is a situation as well."""


def load_cases(path: Path) -> list[dict]:
    """The `cases:` list of one YAML file."""
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["cases"])


@cache
def load_kb(name: str) -> Any:
    """Compile (through the build cache) the knowledge base a case names."""
    from fingerpost.kb.pipeline import compile_path

    rel = KBS[name]
    return compile_path(None if rel is None else (REPO / rel).resolve())


def value_text(v: Any) -> Any:
    """A read value as plain data comparable with a case's YAML."""
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, (int, float)):
        return int(v) if float(v).is_integer() else v
    if hasattr(v, "values") and not isinstance(v, (str, dict)):  # an exclusion
        return {"not": sorted(str(x) for x in v.values)}
    return str(v).removeprefix("v")


_VERSION = re.compile(r"v?\d+(?:\.\d+)+")


def _release(v: str) -> tuple[int, ...]:
    parts = [int(p) for p in v.removeprefix("v").split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def same_value(expected: Any, got: Any) -> bool:
    """True when a read value is the value a case expects (yes/no and true/false alike)."""
    got = value_text(got)
    if isinstance(got, dict) or isinstance(expected, dict):
        return got == expected
    if isinstance(expected, str) and isinstance(got, str) and _VERSION.fullmatch(expected) and _VERSION.fullmatch(got):
        return _release(expected) == _release(got)  # 2.1 and 2.1.0 are the same release
    norm = {"yes": True, "true": True, "no": False, "false": False}
    e = norm.get(str(expected).lower(), expected) if not isinstance(expected, (int, float)) else expected
    g = norm.get(str(got).lower(), got) if not isinstance(got, (int, float)) else got
    if isinstance(e, bool) or isinstance(g, bool):
        return e is g
    if isinstance(e, (int, float)) and isinstance(g, (int, float)):
        return float(e) == float(g)
    return str(e).lower().removeprefix("v") == str(g).lower().removeprefix("v")


def option_chain(kb: Any, oid: str | None) -> tuple[str, ...]:
    """An option's id and its ancestors' ids."""
    chain = []
    while oid:
        chain.append(oid)
        oid = kb.options[oid].parent if oid in kb.options else ""
    return tuple(chain)


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 1]


def option_matches(kb: Any, r: Result | tuple[str, ...], want: str) -> bool:
    """True when the best fit (or an option chain) is `want`: its id or an ancestor's, else words of its title."""
    chain = r if isinstance(r, tuple) else r.best_chain
    if not chain:
        return False
    if want in chain:
        return True
    if want in getattr(kb, "options", {}):
        return False
    titles = " ".join(kb.options[o].title.lower() for o in chain if o in kb.options)
    return bool(_words(want)) and all(w in titles for w in _words(want))


def question_matches(kb: Any, qid: str, want: str) -> bool:
    """True when question `qid` is `want`: its id, else most words of `want` in its text."""
    if qid == want:
        return True
    q = kb.questions.get(qid)
    if q is None or want in kb.questions:
        return False
    text = " ".join([q.id, q.text, *(c.label for c in q.choices)]).lower()
    words = _words(want)
    return bool(words) and sum(w in text for w in words) * 2 >= len(words)


def turn(kb: Any, text: str, asked: str | None = None, explicit: Mapping[str, Any] | None = None,
         wishes: Mapping[str, Any] | None = None) -> Result:
    """Read `text` (the answer to `asked` if given) on top of `explicit` answers and assess."""
    from fingerpost.engine.answers.from_docs import answer_question
    from fingerpost.engine.facts import Fact, known, parse_answer
    from fingerpost.engine.language.understand import Understanding, understand
    from fingerpost.engine.reason.assess import assess
    from fingerpost.engine.turn import leaned_to

    given = [Fact(q, parse_answer(kb.question(q), v), "stated", str(v)) for q, v in (explicit or {}).items()]
    wished = {q: parse_answer(kb.question(q), v) for q, v in (wishes or {}).items()}
    base = known(kb.questions, [*given, *(Fact(q, v, "wish") for q, v in wished.items())])
    u = understand(kb, text, facts=base, pending=asked) if text.strip() else Understanding()
    r = Result()
    r.facts = {f.question: value_text(f.value) for f in u.facts}
    r.command, r.args = u.command, tuple(u.args)
    if u.command == "set" and len(u.args) == 2 and u.args[0] in kb.questions:  # `set nodes to 5`: the answer it gives
        try:
            r.facts[u.args[0]] = value_text(parse_answer(kb.question(u.args[0]), u.args[1]))
        except Exception:  # noqa: BLE001 — a value the chat would refuse with a message gives no answer
            pass
    if u.command == "what_if":
        r.kind = "what-if"
    elif u.command:
        r.kind = "command"
    elif u.question:
        r.kind = "question"
    said = [*u.facts, *getattr(u, "wishes", ())]  # a wish may come from the text too
    stated = {f.question: f.value for f in [*given, *said] if f.how != "wish"}
    wished |= {f.question: f.value for f in said if f.how == "wish" and f.question not in stated}
    if u.command == "what_if":  # the best fit a what-if reports is the one it supposes, as its reply says
        for q, v in zip(u.args[::2], u.args[1::2], strict=False):
            if q in kb.questions:
                try:
                    stated[q] = parse_answer(kb.question(q), v)
                except Exception:  # noqa: BLE001 — a value the chat would refuse supposes nothing
                    pass
    a = assess(kb, stated, wishes=wished, leanings=getattr(u, "leanings", ()), avoid=getattr(u, "refused", ()))
    _assessment(kb, a, r)
    if r.kind == "question":  # as the turn does: a post leaning to an option is answered from its pages first
        ans = answer_question(kb, u.question, post=text, toward=leaned_to(kb, a) if getattr(u, "leanings", ()) else "")
        r.answer = " ".join(s.text for s in ans.statements)
        r.answer_sources = tuple(f"{s.source.path}:{s.source.line}" for s in ans.statements)
        r.answer_found = ans.found
        r.described = bool(u.facts or getattr(u, "leanings", ()))
    from fingerpost.engine.answers.explain import why

    r.text = " ".join([r.answer, r.best_title, *(s.text for s in why(kb, a))])
    return r


def _assessment(kb: Any, a: Any, r: Result) -> None:
    rec = a.recommendation
    r.nearest = tuple({"option": n.option, "change": list(n.change)} for n in a.nearest)
    if rec is None:
        r.status = "conflict"
        return
    r.best, r.best_title = rec.option.id, a.title
    r.best_chain = option_chain(kb, rec.option.id)
    r.status = "final" if a.decided else "provisional"
    r.could_change = tuple(a.could_change)
    r.next_question = a.next_question.id if a.next_question else None
