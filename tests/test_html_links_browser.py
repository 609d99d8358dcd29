"""Links written by hand, in a real browser (Debian's Chromium driven by Playwright): `#fp:nodes=7`,
`rancher_version=v2.6.3`, `internet=air-gapped` land on the state `fingerpost ask --set` would give — numbers and
versions at and around every range end, labels and synonyms, yes/no words — the address is rewritten to the page's
own keys in place, and a value the page cannot read is named in one visible status line."""

from __future__ import annotations

import json
import re
from urllib.parse import urlencode

import pytest
from conftest import REPO
from fingerpost.kb import compile_path
from fingerpost.kb.values import NO_WORDS, YES_WORDS
from fingerpost.render.answer_table import answer_table
from fingerpost.render.html import HtmlOptions, build_page, write_page
from html_pages import RANGES_PACK, ask_cli, ask_in_process, chromium, engine_reads, generated_pack

pytestmark = pytest.mark.browser

AXE = REPO / "tests" / "vendor" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def packs(tmp_path_factory):
    """name -> (kb, table, file:// URL of its page without diagrams)."""
    out = {}
    for name, kb in [("default", compile_path()), ("ranges", compile_path(RANGES_PACK)),
                     ("generated", compile_path(generated_pack(tmp_path_factory.mktemp("generated"))))]:
        page = build_page(kb, HtmlOptions(diagrams=False))
        out[name] = (kb, answer_table(kb), write_page(page, tmp_path_factory.mktemp(name)).as_uri())
    return out


@pytest.fixture
def page(browser):
    ctx = browser.new_context()
    p = ctx.new_page()
    p.errors = []
    p.on("pageerror", lambda e: p.errors.append(str(e)))
    p.on("dialog", lambda d: (p.errors.append("dialog: " + d.message), d.dismiss()))
    yield p
    ctx.close()
    assert p.errors == []


def _hash(settings: list[str]) -> str:
    return "#fp:" + urlencode([tuple(s.split("=", 1)) for s in settings])


# Set the address (through another fragment, so that a hash equal to the current one still counts) and return,
# once the page has drawn it, its state, address and notice.
PROBE = """h => new Promise(done => {
  addEventListener('hashchange', function seen(e) {
    if (e.newURL.indexOf('#fp:') < 0) return;
    removeEventListener('hashchange', seen);
    const r = document.querySelector('[data-fingerpost]'), n = r.querySelector('.fp-notice');
    done({state: +r.getAttribute('data-state'), hash: location.hash, notice: n ? n.textContent : null,
          title: r.querySelector('.fp-step-title').textContent});
  });
  location.hash = '#probe';
  location.hash = h;
})"""


def _probe(page, settings: list[str]) -> dict:
    return page.evaluate(PROBE, _hash(settings))


def _number_probes(span) -> list[float]:
    out = []
    for x in (span.low, span.high):
        if x is not None:
            out += [x, x - 0.001, x + 0.001, x - 1e-9, x + 1e-9]
    if span.high is None:
        out.append((span.low or 0) + 1000)
    elif span.low is not None:
        out.append((span.low + span.high) / 2)
    return out


def _version_probes(span) -> list[str]:
    out = []
    for v in (span.low, span.high):
        if v is not None:
            out += [str(v), f"v{v}", f"V{v}.0", str(v.bump(+1)), str(v.bump(-1)), f"{v}.x"]
    return out


def _raw_values(kb, q, classes) -> list[str]:
    """Values to type for a question: around every range end, or every word for each answer, and a few misfits."""
    if q.kind == "number":
        values = [repr(x) if isinstance(x, float) else str(x) for c in classes for s in c.spans for x in _number_probes(s)]
        return values + ["1e3", " 2 ", "-1", "three", "", "0x10"]
    if q.kind == "version":
        return [v for c in classes for s in c.spans for v in _version_probes(s)] + ["two", "2.x.4", "2..4", "v"]
    words = [w for ch in q.choices for w in (ch.value, ch.label.upper(), *ch.synonyms)]
    spelt = [w for ch in q.choices for w in (ch.label, *ch.synonyms[:1])]  # also with '-', '_' and capitals
    words += spelt + [w.replace(" ", "-") for w in spelt] + [w.replace(" ", "_").title() for w in spelt]
    if q.kind == "yesno":
        words += [*YES_WORDS, *NO_WORDS, "TRUE", " Off ", "-1", "maybe"]
    return words + ["zzz", "not-an-answer"]


def _readable(kb, qid: str, raw: str) -> bool:
    """Whether the engine reads the value at all (a number or version may still lie outside every range)."""
    from fingerpost.engine.facts import BadAnswer, parse_answer

    try:
        parse_answer(kb.questions[qid], raw)
    except BadAnswer:
        return False
    return True


@pytest.mark.parametrize("name", ["default", "ranges", "generated"])
def test_typed_values_land_where_the_engine_reads_them(page, packs, name):
    """For each question, where it is first asked: every value lands on the answer `ask --set` reads it as — a
    number or version on the range holding it, ends included or not exactly as the ranges say — and the address
    then holds the page's key; a value no answer holds stops the walk there, with the notice."""
    kb, table, url = packs[name]
    page.goto(url)
    asked = {}
    for n in table.nodes:
        if n.question is not None:
            asked.setdefault(n.question.id, n)
    landed = stopped = 0
    for qid, node in asked.items():
        q, classes = kb.questions[qid], table.classes[qid]
        for raw in dict.fromkeys(_raw_values(kb, q, classes)):
            got = _probe(page, [*node.settings, f"{qid}={raw}"])
            k = engine_reads(kb, classes, qid, raw)
            if k >= 0:
                landed += 1
                assert (got["state"], got["notice"]) == (node.children[k][1], None), (qid, raw)
                assert got["hash"] == _hash([*node.settings, f"{qid}={classes[k].key}"]), (qid, raw)
            else:
                stopped += 1
                assert got["state"] == node.index, (qid, raw)
                assert got["notice"].startswith(f"The link\u2019s {qid}="), (qid, raw, got)
                why = "is in none of the ranges offered" if _readable(kb, qid, raw) else "was not understood"
                assert f"{why}, so the page stops at this question: {qid} takes " in got["notice"], (qid, raw)
    assert landed > 30 and stopped > 5


def _same_but_said(page_doc: dict, ask_doc: dict) -> None:
    """The documents agree on everything but the facts and the `(you said …)` of a number or version."""
    said = re.compile(r"\(you said [^()]*\)")

    def strip(doc):
        return json.loads(said.sub("(you said …)", json.dumps({k: v for k, v in doc.items() if k != "facts"})))

    assert strip(page_doc) == strip(ask_doc)


def _state_doc(page) -> dict:
    return json.loads(page.evaluate(
        "() => { const r = document.querySelector('[data-fingerpost]');"
        " return JSON.stringify(r.fingerpostData.nodes[+r.getAttribute('data-state')].doc); }"))


NATURAL = [  # (what a docs author writes, the page's keys for it)
    (["purpose=Production", "nodes=7", "distro=RKE", "internet=air-gapped"],
     ["purpose=production", "nodes=3", "distro=rke", "internet=airgap"]),
    (["purpose=prod", "nodes=2", "distro=no preference", "rancher_version=2.4.13", "internet=Offline"],
     ["purpose=production", "nodes=2", "distro=any", "rancher_version=2.4", "internet=airgap"]),
    (["purpose=demo", "grow_to_ha=true", "nodes=1", "distro=lightweight_kubernetes", "rancher_version=v2.6.3",
      "internet=behind a proxy"],
     ["purpose=testing", "grow_to_ha=yes", "nodes=1", "distro=k3s", "rancher_version=2.5", "internet=proxy"]),
    (["purpose=TESTING", "grow_to_ha=0", "internet=dark-site"], ["purpose=testing", "grow_to_ha=no", "internet=airgap"]),
]


@pytest.mark.parametrize("natural, keys", NATURAL, ids=[str(i) for i in range(len(NATURAL))])
def test_a_natural_link_shows_what_ask_says_for_it(page, packs, natural, keys):
    kb, _, url = packs["default"]
    page.goto(url + _hash(natural))
    assert page.evaluate("location.hash") == _hash(keys)
    shown = _state_doc(page)
    assert shown == ask_in_process(kb, keys)  # the page's own document for its keys, exactly
    cli = ask_cli(natural)  # and the installed command for what the author wrote
    _same_but_said(shown, cli)
    assert page.locator(".fp-step-title").inner_text() == "Recommended: " + cli["recommendation"]["title"]
    assert page.locator(".fp-cli code").inner_text() == "fingerpost ask " + " ".join(f"--set {s}" for s in keys)


def _other_value(kind: str, cls) -> str:
    """A value of the range other than the one the page asks with, written another way: `9.5`, `v2.0.1`."""
    span = cls.spans[-1]
    if kind == "number":
        tries = [span.low + 7 if span.high is None else (span.low + span.high) / 2, float(cls.value)]
        return repr(next(float(x) for x in tries if span.contains(x)))
    tries = [v for v in (span.low and span.low.bump(+1), span.high and span.high.bump(-1)) if v] + [cls.value]
    return "v" + str(next(v for v in tries if span.contains(v)))


def test_natural_links_in_a_generated_pack_show_what_ask_says(page, packs):
    kb, table, url = packs["generated"]
    page.goto(url)
    checked = 0
    for leaf in table.leaves()[::9]:
        natural = []
        for cls in leaf.path:
            q = kb.questions[cls.question]
            if q.kind in ("number", "version"):
                natural.append(f"{q.id}={_other_value(q.kind, cls)}")
            elif q.kind == "yesno":
                natural.append(f"{q.id}={'true' if cls.value else 'off'}")
            else:
                natural.append(f"{q.id}={kb.questions[q.id].choices[[c.value for c in q.choices].index(cls.key)].label}")
        got = page.evaluate(PROBE, _hash(natural))
        assert got["state"] == leaf.index, natural
        assert got["hash"] == _hash(leaf.settings)
        _same_but_said(_state_doc(page), ask_in_process(kb, natural))
        checked += 1
    assert checked >= 8


def test_the_address_is_rewritten_in_place_so_back_still_works(page, packs):
    _, _, url = packs["default"]
    page.goto(url)
    first = page.locator(".fp-step-title").inner_text()
    length = page.evaluate("history.length")
    page.goto(url + _hash(NATURAL[0][0]))  # a new entry, as following a link makes
    assert page.evaluate("location.hash") == _hash(NATURAL[0][1])
    assert page.evaluate("history.length") == length + 1  # rewritten in place: no extra entry
    assert page.get_by_role("link", name="Link to this result").get_attribute("href") == _hash(NATURAL[0][1])
    page.get_by_role("button", name="Back", exact=True).click()  # the page's Back: the answer before
    page.wait_for_function("h => location.hash === h", arg=_hash(NATURAL[0][1][:-1]))
    assert page.locator(".fp-step-title").inner_text() == "How do your nodes reach the internet?"
    page.go_back()  # the browser's Back: the result, by its keys
    page.wait_for_function("h => location.hash === h", arg=_hash(NATURAL[0][1]))
    page.go_back()  # and the page before the link
    page.wait_for_function("location.hash === ''")
    assert page.locator(".fp-step-title").inner_text() == first


def test_a_value_not_understood_is_named_in_one_status_line(page, packs):
    _, _, url = packs["default"]
    page.goto(url + _hash(["purpose=prod", "nodes=a dozen", "distro=rke", "internet=direct"]))
    notice = page.locator(".fp-notice")
    assert notice.count() == 1 and notice.is_visible() and notice.get_attribute("role") == "status"
    assert notice.inner_text() == ("The link\u2019s nodes=a dozen was not understood, so the page stops at this "
                                   "question: nodes takes a number in one of: 0; 1; 2; 3 or more.")
    assert page.locator(".fp-step-title").inner_text() == "How many nodes (machines) can you dedicate to the Rancher server?"
    assert page.locator(".fp-live").text_content().startswith(notice.inner_text())
    # the answers understood so far are kept, the rest stays as written for the reader to see
    assert page.evaluate("location.hash") == _hash(["purpose=production", "nodes=a dozen", "distro=rke",
                                                    "internet=direct"])
    page.get_by_role("button", name="3 or more", exact=True).click()
    page.wait_for_function("!document.querySelector('.fp-notice')")
    assert page.evaluate("location.hash") == _hash(["purpose=production", "nodes=3"])


@pytest.mark.parametrize("settings, says", [
    (["purpose=production", "nodes=3", "distro=rke", "internet=satellite"],
     "internet takes one of: direct (Direct internet access); proxy (Behind an HTTP proxy); "
     "airgap (Air-gapped (no internet access))."),
    (["purpose=production", "nodes=2", "distro=any", "rancher_version=two"],
     "rancher_version takes a version such as 2.4.8 or v2.4, in one of: before 2.4; 2.4.x; 2.5 or later."),
    (["purpose=testing", "grow_to_ha=perhaps"], "grow_to_ha takes yes or no."),
    (["purpose=production", "nodes=1.5"], "The link\u2019s nodes=1.5 is in none of the ranges offered, so the page "
     "stops at this question: nodes takes a number in one of: 0; 1; 2; 3 or more."),
    (["purpose=production", "node=3"],
     "The link\u2019s node=3 names no question of this decision; its questions are purpose, nodes, distro, "
     "internet, rancher_version, grow_to_ha."),
])
def test_the_line_says_what_the_question_takes(page, packs, settings, says):
    _, _, url = packs["default"]
    page.goto(url + _hash(settings))
    assert page.locator(".fp-notice").inner_text().endswith(says)


def test_the_notice_passes_axe_core(browser, packs):
    _, _, url = packs["default"]
    ctx = browser.new_context(bypass_csp=True)  # only so that the test can add axe-core to the page
    page = ctx.new_page()
    try:
        page.goto(url + _hash(["purpose=production", "nodes=many"]))
        assert page.locator(".fp-notice").is_visible()
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        assert [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")] == []
    finally:
        ctx.close()
