"""The engine's per-knowledge-base state (indexes, lexicon, answer spaces, passages) is kept on the
knowledge base itself (KnowledgeBase.derived): built once, never shared between two knowledge
bases, freed with its knowledge base, and never pickled or copied with it."""

from __future__ import annotations

import copy
import gc
import pickle
import shutil
import threading
import time
import weakref
from dataclasses import fields
from pathlib import Path

from engine_helpers import BACKUP_PACK, kb_at
from fingerpost.engine.answers.from_docs import passages_for
from fingerpost.engine.language.lexicon import lexicon_for
from fingerpost.engine.reason.compiled import compiled
from fingerpost.engine.reason.exact import space_for
from fingerpost.engine.reason.fit import describe
from fingerpost.kb import cache, serial
from fingerpost.kb import expr as ex
from fingerpost.kb.graph import KnowledgeBase

rancher_kb = kb_at(None)
backup_kb = kb_at(str(BACKUP_PACK))


def fresh(template: KnowledgeBase) -> KnowledgeBase:
    """A new KnowledgeBase object with the template's records (cheap: nothing is compiled)."""
    return KnowledgeBase(**{f.name: getattr(template, f.name) for f in fields(KnowledgeBase)})


def engine_state(kb: KnowledgeBase) -> list[object]:
    """Every piece of engine state of `kb`, built if needed."""
    priorities = tuple(kb.decision.priorities[:1]) if kb.decision and kb.decision.priorities else ("cost",)
    space = space_for(kb)
    space.plan({})
    return [compiled(kb), lexicon_for(kb), space, space_for(kb, priorities), passages_for(kb)]


def assert_belongs_to(kb: KnowledgeBase, template: KnowledgeBase) -> None:
    """The engine state of `kb` is about `kb` (and so about the template's options and pages)."""
    c, lex, space, reprioritised, passages = engine_state(kb)
    assert c.kb is kb and lex.kb is kb and space.kb is kb and reprioritised.kb is kb
    assert [o.id for o in c.top] == [o.id for o in template.top_options()]
    assert set(c.lineage) == set(template.options)
    assert passages and {p.source.path for p in passages} <= set(template.documents)


def test_state_is_built_once_per_knowledge_base_and_reused() -> None:
    kb = fresh(backup_kb)
    calls: list[KnowledgeBase] = []

    def build(k: KnowledgeBase) -> dict[str, int]:
        calls.append(k)
        return {"options": len(k.options)}

    first = kb.derived("test.count", build)
    assert kb.derived("test.count", build) is first and calls == [kb]
    assert first == {"options": len(backup_kb.options)}
    before = engine_state(kb)
    assert all(a is b for a, b in zip(engine_state(kb), before, strict=True))
    assert space_for(kb, ("nonsense",)) is not before[2]  # another priority order is another space


def test_two_knowledge_bases_never_share_state() -> None:
    a, b = fresh(backup_kb), fresh(backup_kb)  # even with the very same records
    state_a, state_b = engine_state(a), engine_state(b)
    assert all(x is not y for x, y in zip(state_a, state_b, strict=True))
    assert_belongs_to(a, backup_kb)
    assert_belongs_to(b, backup_kb)


def test_a_new_knowledge_base_at_a_freed_ones_address_gets_its_own_state() -> None:
    """Rancher's KB is compiled and freed; backup KBs are made until one has its id()."""
    reused = 0
    for _ in range(10):
        a = fresh(rancher_kb)
        engine_state(a)
        freed_id, alive = id(a), weakref.ref(a)
        del a
        gc.collect()
        assert alive() is None
        made, b = [], None
        for _ in range(20_000):
            candidate = fresh(backup_kb)
            if id(candidate) == freed_id:
                b = candidate
                break
            made.append(candidate)
        del made
        if b is not None:
            reused += 1
            assert_belongs_to(b, backup_kb)
            assert not set(compiled(b).lineage) & set(rancher_kb.options)
        if reused >= 2:
            break
    assert reused, "CPython never reused the freed address: the scenario was not exercised"


def test_a_freed_knowledge_base_frees_its_state() -> None:
    kb = fresh(rancher_kb)
    refs = [weakref.ref(kb)] + [weakref.ref(x) for x in engine_state(kb) if not isinstance(x, list)]
    kb.derived("test.list", lambda k: [k])
    del kb
    gc.collect()
    assert [r() for r in refs] == [None] * len(refs)


def test_pickle_and_copy_leave_the_state_behind() -> None:
    kb = fresh(backup_kb)
    state = engine_state(kb)
    for other in (pickle.loads(pickle.dumps(kb)), serial.loads(serial.dumps(kb)), copy.copy(kb), copy.deepcopy(kb)):
        assert "_derived" not in other.__dict__
        assert other.options.keys() == kb.options.keys()
        assert compiled(other) is not state[0]
        assert_belongs_to(other, backup_kb)
    assert engine_state(kb)[0] is state[0]  # the original keeps its own


def test_a_cached_build_never_stores_or_brings_back_engine_state(tmp_path: Path) -> None:
    docs, store = tmp_path / "docs", tmp_path / "store"
    shutil.copytree(BACKUP_PACK, docs)
    first, stats = cache.build(docs, cache_root=store, workers=1)
    assert stats.status == "cold"
    engine_state(first)
    (docs / "index.md").touch()  # a newer stamp: the state file is written again, after the engine ran
    again, stats = cache.build(docs, cache_root=store, workers=1)
    assert stats.status == "fresh"
    assert "_derived" not in again.__dict__
    assert compiled(again) is not compiled(first)
    assert_belongs_to(again, first)
    for f in store.rglob("*.pickle"):
        assert b"engine." not in f.read_bytes(), f


def test_threads_asking_at_once_all_get_the_one_kept() -> None:
    kb = fresh(backup_kb)
    barrier = threading.Barrier(4)
    got: list[object] = []

    def slow(k: KnowledgeBase) -> object:
        time.sleep(0.05)  # every thread builds before any stores
        return object()

    def ask() -> None:
        barrier.wait()
        got.append(kb.derived("test.slow", slow))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 4 and all(x is got[0] for x in got)
    assert kb.derived("test.slow", slow) is got[0]


def test_a_condition_at_a_freed_conditions_address_is_never_described_with_its_text() -> None:
    """The per-knowledge-base memos of condition texts and names are keyed by id(); a condition made,
    described and freed must never lend its text to a new one that CPython puts at its address."""
    index = compiled(backup_kb)
    facts = {"size": 3}
    first = ex.Compare("size", ">=", ("2",))
    assert describe(backup_kb, first, facts) == "size >= 2 (you said 3)"
    address = id(first)
    del first
    gc.collect()
    made, again = [], None
    for _ in range(20_000):  # the same type and size: CPython soon hands out the freed block
        candidate = ex.Compare("offsite", "==", ("x",))
        if id(candidate) == address:
            again = candidate
            break
        made.append(candidate)
    if again is None:  # the memo keeps the first condition, so no other can take its address
        kept = index.names.get(address)
        assert kept and kept[0] == ex.Compare("size", ">=", ("2",))
    else:
        assert describe(backup_kb, again, facts) == "offsite == x (not known yet)"
        assert index.names_of(again) == ("offsite",)
