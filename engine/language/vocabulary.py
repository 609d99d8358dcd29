"""Everyday words for a setup (vocabulary.yaml), bound to one knowledge base's questions by meaning.

    >>> [(b.phrase, b.question, b.value) for b in bind(load_vocabulary(), kb, keys_of, pieces)][:1]  # doctest: +SKIP
    [('kick the tires', 'purpose', 'testing')]

A concept ("not-production", "offline", "one-machine", …) says which words people use and what an
answer means when it is that concept. It binds to the answer whose value, label or synonyms say
one of its `means` phrases — an exact phrase counts more than a phrase inside a longer one, and
only the best-bound questions are kept, so "little" binds to an effort answer named "little",
not to a data-loss answer named "a little". Number concepts bind to the number question whose
names (id, synonyms, unit) say one of the `means` words: their `says` phrases give a value
("my laptop" → 1), their `nouns` count ("three boxes"). No product is named in code or data.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from fingerpost.kb.graph import KnowledgeBase
from fingerpost.kb.records import Question

__all__ = ["Concept", "Binding", "load_vocabulary", "compile_vocabulary", "spellings", "doc_words", "docs_alternatives", "pack_concepts", "bind", "VOCABULARY", "VERSION"]

VOCABULARY = Path(__file__).with_name("vocabulary.yaml")
VERSION = 1
"""The vocabulary format this code reads."""


@dataclass(slots=True, frozen=True)
class Concept:
    """One thing people say about a setup, in their words and in the answers' words."""

    name: str
    """Stable name (`offline`)."""
    kind: str
    """`answer` (binds to a choice or yes/no answer), `number` (binds to a number question) or `option`
    (names what an option is for — "if a node dies" for a `High availability` option — and binds to no
    question: a hint only)."""
    says: tuple[str, ...]
    """Phrases a person uses."""
    means: tuple[str, ...]
    """Phrases an answer (or, for numbers, a question's names) uses for the same thing."""
    value: int | None = None
    """For number concepts: the number the `says` phrases state."""
    nouns: tuple[str, ...] = ()
    """For number concepts: names of the counted thing ("boxes"), read next to a number."""


@dataclass(slots=True, frozen=True)
class Binding:
    """A phrase of the vocabulary and the answer or question it stands for in one knowledge base."""

    phrase: str
    concept: str
    question: str
    """The question it answers; "" when the knowledge base asks nothing the concept speaks of."""
    value: str = ""
    """The choice value (`yes`/`no` for yes/no); for number concepts the number, or "" for a noun."""
    option: str = ""
    """When no question speaks of it: the one option whose name says it (a hint, never a fact)."""


def _concepts(data: Any, where: str) -> list[Concept]:
    if not isinstance(data, dict) or not isinstance(data.get("concepts"), list):
        raise ValueError(f"{where}: a vocabulary is a mapping with a `concepts` list")
    if int(data.get("version", VERSION)) > VERSION:
        raise ValueError(f"{where}: vocabulary version {data['version']} is newer than {VERSION}")
    alike = _alike(data.get("alike") or ())
    out = []
    for c in data["concepts"]:
        value = c.get("value")
        said = [*(str(s) for s in c.get("says") or ()), *_composed(c.get("composed") or ())]
        out.append(Concept(name=str(c["name"]), kind=str(c.get("kind", "answer")),
                           says=tuple(dict.fromkeys(v for s in said for v in _variants(s, alike))),
                           means=tuple(str(s) for s in c.get("means") or ()),
                           value=None if value is None else int(value),
                           nouns=tuple(str(s) for s in c.get("nouns") or ())))
    return out


_DETERMINERS = frozenset("a an the this that my our your".split())


def _composed(shapes: Any) -> list[str]:
    """The phrases of each `composed` shape: one way of saying each of its parts in turn (`[[writes, write load],
    [fit, are fine], [on one server]]` → `writes fit on one server`, `write load are fine on one server`, …) — a
    kind of sentence said with any subject, verb and object that mean the same, not a list of sentences."""
    return [" ".join(w for w in parts if w) for shape in shapes
            for parts in itertools.product(*([str(w) for w in slot] for slot in shape))]  # a part may be left unsaid: ""


def _alike(groups: Any) -> dict[str, tuple[str, ...]]:
    """Word → the words said for the same thing (`alike: [[server, machine, box, …], …]`)."""
    out: dict[str, tuple[str, ...]] = {}
    for group in groups:
        words = tuple(str(w) for w in group)
        for w in words:
            out[w] = words
    return out


_PARTICLES = frozenset("it them this that down away out up off over".split())
_NOT_VERBS = frozenset("a an the this that my our your no not dont wont never only just it we i you they he she is are "
                       "was were be been will would can could should must may might for after before in on at to of "
                       "with without so very too more less all any some one two three".split())


def _inflected(words: list[str]) -> list[str]:
    """A verb phrase with its verb inflected (`bin it` → `binning it`, `binned it`, `bins it`; `tear down` →
    `tearing down`): people say what they are doing, did or do. Only a phrase whose second word is an object
    pronoun or a particle is taken to open with a verb."""
    if len(words) < 2 or words[1] not in _PARTICLES or words[0] in _NOT_VERBS or not words[0].isalpha() \
            or len(words[0]) < 3 or words[0].endswith(("ing", "ed")):
        return []
    v = words[0]
    if v.endswith("e") and not v.endswith("ee"):
        forms = [v[:-1] + "ing", v + "d", v + "s"]
    elif v.endswith("y") and v[-2] not in "aeiou":
        forms = [v + "ing", v[:-1] + "ied", v[:-1] + "ies"]
    elif len(v) <= 4 and v[-1] not in "aeiouwxy" and v[-2] in "aeiou" and v[-3] not in "aeiou":
        forms = [v + v[-1] + "ing", v + v[-1] + "ed", v + "s"]  # `bin` → `binning`
    else:
        forms = [v + "ing", v + "ed", v + ("es" if v.endswith(("s", "sh", "ch", "x", "z")) else "s")]
    return [" ".join([f, *words[1:]]) for f in forms]


def _variants(phrase: str, alike: dict[str, tuple[str, ...]]) -> list[str]:
    """A phrase and the phrases with one of its words said another way alike (`biggest server` →
    `biggest box`, `biggest machine`, …): people say any of them."""
    words = phrase.split()
    out = [phrase, *_inflected(words)]
    if all(w in alike or w in _DETERMINERS for w in words):
        return out  # "the box" is one machine; "the server" may be any of several
    for i, w in enumerate(words):
        for other in alike.get(w, ()):
            if other != w:
                out.append(" ".join([*words[:i], other, *words[i + 1:]]))
    return out


@cache
def _read(path: Path) -> Any:
    """The parsed vocabulary file. The built-in one is read from its compiled JSON twin when that
    was made from these very bytes (so a warm `ask` never imports YAML); else with yaml.safe_load."""
    raw = path.read_bytes()
    twin = path.with_suffix(".json")
    if twin.is_file():
        compiled = json.loads(twin.read_text(encoding="utf-8"))
        if compiled.get("source_sha256") == hashlib.sha256(raw).hexdigest():
            return compiled["data"]
    import yaml  # start-up: only a vocabulary without an up-to-date compiled twin needs the YAML parser

    return yaml.safe_load(raw.decode("utf-8"))


def compile_vocabulary(path: Path = VOCABULARY) -> Path:
    """Write the JSON twin of a vocabulary file (run after editing it; a test checks it is current)."""
    import yaml  # start-up: only when compiling

    raw = path.read_bytes()
    twin = path.with_suffix(".json")
    data = {"source_sha256": hashlib.sha256(raw).hexdigest(), "data": yaml.safe_load(raw.decode("utf-8"))}
    twin.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    _read.cache_clear()
    return twin


def load_vocabulary(path: Path = VOCABULARY) -> tuple[Concept, ...]:
    """The concepts of a vocabulary file (the built-in one by default)."""
    return tuple(_concepts(_read(path), str(path)))


@cache
def doc_words(path: Path = VOCABULARY) -> dict[str, str]:
    """An everyday word → the words documentation usually uses for it (`dies` → `fail`), from `words`."""
    return {k: " ".join(v) for k, v in docs_alternatives(path).items()}


@cache
def docs_alternatives(path: Path = VOCABULARY) -> dict[str, tuple[str, ...]]:
    """An everyday word → each word or phrase documentation may say instead (`ram` → `memory`, `mem`;
    `backup` → `back up`), from `words`, where a phrase's words are joined with `+`."""
    return {str(k): tuple(a.replace("+", " ") for a in str(v).split()) for k, v in (_read(path).get("words") or {}).items()}


@cache
def alike_words(path: Path = VOCABULARY) -> dict[str, tuple[str, ...]]:
    """A word → the words said for the same thing (`machine` → server, box, node, …), from `alike`."""
    return _alike(_read(path).get("alike") or ())


@cache
def spellings(path: Path = VOCABULARY) -> dict[str, str]:
    """Misspelt little words → the word meant (`wich` → `which`), from the vocabulary's `spellings`."""
    return {str(k): str(v) for k, v in (_read(path).get("spellings") or {}).items()}


def pack_concepts(kb: KnowledgeBase, base: tuple[Concept, ...]) -> list[Concept]:
    """The built-in concepts, with the phrases a knowledge base adds in its own `vocabulary.yaml`."""
    root = Path(kb.root) if kb.root else None
    if root is None or not (root / "vocabulary.yaml").is_file():
        return list(base)
    extra = {c.name: c for c in load_vocabulary(root / "vocabulary.yaml")}
    merged = []
    for c in base:
        more = extra.pop(c.name, None)
        if more is None:
            merged.append(c)
        else:
            merged.append(Concept(c.name, c.kind, c.says + more.says, c.means + more.means, c.value,
                                  c.nouns + more.nouns))
    return merged + list(extra.values())


def _inside(small: tuple[str, ...], big: tuple[str, ...]) -> bool:
    n = len(small)
    return any(big[i:i + n] == small for i in range(len(big) - n + 1))


def _strength(means: list[tuple[str, ...]], names: list[tuple[str, ...]]) -> int:
    """2 when a name is one of the meanings, 1 when a meaning is inside a name, else 0."""
    if any(m in names for m in means):
        return 2
    if any(_inside(m, n) for m in means for n in names if m):
        return 1
    return 0


def _answer_names(q: Question, c: Any, keys_of: Callable[[str], tuple[str, ...]],
                  pieces: Callable[[str], list[str]]) -> list[tuple[str, ...]]:
    names = [keys_of(c.value.replace("_", " "))] if q.kind == "choice" else []
    names += [keys_of(p) for p in pieces(c.label)] + [keys_of(s) for s in c.synonyms]
    if q.kind == "yesno":  # "Do you need message replication?": yes means replication, no "no replication"
        said = [n for n in [keys_of(q.id.replace("_", " "))] + [keys_of(s) for s in q.synonyms] if n]
        names += said if c.value == "yes" else [(neg, *n) for n in said for neg in ("no", "without")]
    return [n for n in names if n]


def _question_names(q: Question, keys_of: Callable[[str], tuple[str, ...]]) -> list[tuple[str, ...]]:
    names = [keys_of(q.id.replace("_", " ")), keys_of(q.unit)] + [keys_of(s) for s in q.synonyms]
    return [n for n in names if n] + [(w,) for n in names for w in n]


def _options_named(concept: Concept, kb: KnowledgeBase, keys_of: Callable[[str], tuple[str, ...]],
                   pieces: Callable[[str], list[str]], means: list[tuple[str, ...]]) -> str:
    """The one option whose title or synonyms say the concept ("Offline installer" for offline), else — for a
    concept only options are named for — the one whose summary does ("If you need a fault-tolerant service,
    … cluster"), else — for an answer no question asks — the one whose pros do ("Straightforward to use,
    especially in development and test environments"), or ""."""
    hits = []
    for o in kb.options.values():
        names = [keys_of(p) for p in pieces(o.title)] + [keys_of(x) for x in o.synonyms]
        if concept.kind == "option":
            names.append(keys_of(o.title))  # whole, with the `No` that pieces leave out (`No Collector`)
        if _strength(means, [n for n in names if n]):
            hits.append(o.id)
    if not hits and concept.kind == "option":
        hits = [o.id for o in kb.options.values() if o.summary and _says(keys_of(o.summary), means)]
    if not hits and concept.kind == "answer":  # "especially in development and test environments": a pro of one option
        telling = [m for m in means if len(m) > 1 or m and len(m[0]) >= _TELLING]  # not `any`, `test`
        hits = list(dict.fromkeys(t.option for t in kb.tradeoffs
                                  if t.side == "pro" and t.option in kb.options and _says(keys_of(t.text), telling)))
    return hits[0] if len(hits) == 1 else ""


_TELLING = 7
"""Letters from which one word of what a concept means tells it apart in a pro (`testing`, not `any` or `test`)."""


def _says(words: tuple[str, ...], phrases: list[tuple[str, ...]]) -> bool:
    """Whether one of `phrases` occurs in `words`, word for word."""
    return any(p and any(words[i:i + len(p)] == p for i in range(len(words) - len(p) + 1)) for p in phrases)


def bind(concepts: list[Concept], kb: KnowledgeBase, keys_of: Callable[[str], tuple[str, ...]],
         pieces: Callable[[str], list[str]]) -> list[Binding]:
    """Every phrase of `concepts` that stands for an answer or a number question of `kb`; `keys_of`
    and `pieces` are the lexicon's (engine.language.lexicon), so both sides match words alike."""
    out: list[Binding] = []
    questions = sorted(kb.questions.values(), key=lambda q: q.order)
    for concept in concepts:
        means = [keys_of(m) for m in concept.means]
        found: list[tuple[int, Question, str]] = []
        if concept.kind == "option":
            named = _options_named(concept, kb, keys_of, pieces, means)
            out += [Binding(p, concept.name, "", "", option=named) for p in concept.says] if named else []
            continue
        for q in questions:
            if concept.kind == "number":
                if q.kind == "number" and (s := _strength(means, _question_names(q, keys_of))):
                    found.append((s, q, ""))
                continue
            if q.kind not in ("choice", "yesno"):
                continue
            scored = [(_strength(means, _answer_names(q, c, keys_of, pieces)), c.value) for c in q.choices]
            best = max((s for s, _ in scored), default=0)
            top = [v for s, v in scored if s == best]
            if best and len(top) == 1:
                found.append((best, q, top[0]))
        if not found:  # no question speaks of it: an option named for it is a hint, else nothing depends on it
            named = _options_named(concept, kb, keys_of, pieces, means) if concept.kind == "answer" else ""
            out += [Binding(p, concept.name, "", "", option=named) for p in concept.says]
            continue
        strongest = max(s for s, _, _ in found)
        for s, q, value in found:
            if s != strongest:
                continue
            if concept.kind == "number":
                out += [Binding(p, concept.name, q.id, str(concept.value)) for p in concept.says
                        if concept.value is not None]
                out += [Binding(n, concept.name, q.id, "") for n in concept.nouns]
            else:
                out += [Binding(p, concept.name, q.id, value) for p in concept.says]
    return out


if __name__ == "__main__":  # python -m fingerpost.engine.language.vocabulary: refresh the compiled twin
    print(compile_vocabulary())
