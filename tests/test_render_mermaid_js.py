"""Our Mermaid output through the real Mermaid: mermaid.js (pinned in tests/mermaid/) in Debian's Chromium.

Every flowchart we write — `fingerpost graph --format mermaid` (and `--all`), `fingerpost diagram … -o x.mmd`
for several answer sets, the golden `.mmd` files, the hostile pack and random hostile labels — must pass
`mermaid.parse` and `mermaid.render` to an SVG that draws every node and shows every label's text as written
(a few decision graphs much like one drawn are only parsed: drawing one takes about a second). One browser and one page serve the whole module; `scripts/setup-mermaid` (run by `scripts/test`) installs the
package with `npm ci`. Nothing is fetched: the page is blank and every request is refused.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from conftest import FIXTURES, REPO, fingerpost_command
from fingerpost.render.mermaid import caption, label, to_mermaid
from fingerpost.render.scene import Edge, Group, Node, Scene
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_render_escaping import LABEL, NASTY, TEXT, decode, hostile_scenes, squash

pytestmark = pytest.mark.browser

PACKAGE = REPO / "tests" / "mermaid"
MERMAID_JS = PACKAGE / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
GOLDEN = FIXTURES / "render" / "golden"
ANSWER_SETS = {  # name: the --set arguments of `fingerpost diagram`
    "air-gapped-3-rke": ["purpose=production", "nodes=3", "distro=rke", "internet=airgap"],
    "docker-testing": ["purpose=testing", "grow_to_ha=no"],
    "proxy-4": ["purpose=production", "nodes=4", "internet=proxy"],
    "k3s-airgap": ["purpose=testing", "grow_to_ha=yes", "nodes=1", "distro=k3s", "internet=airgap"],
    "nothing-answered": [],
}
EXTRA = ["C:\\temp\\new", "a\\nb", "#br#", "&lt;b&gt;", "<br/>", "<wbr>", "%%{init}%%", ":::cls", "A-->B", "\u2028"]
"""Pieces that mean something to mermaid.js beyond its grammar (`\\n` and `#br#` break lines)."""
PIECES = [*NASTY, *EXTRA]
MORE_TEXT = st.one_of(TEXT, st.lists(st.sampled_from(PIECES), max_size=4).map(" ".join))
CHECK_JS = """
window.fpCount = 0;
window.fpCheck = async (texts, draws) => {
  const out = [];
  for (const [i, text] of texts.entries()) {
    let parsed;
    try { parsed = await mermaid.parse(text); } catch (e) { out.push({error: String(e.message || e)}); continue; }
    if (!draws[i]) { out.push({type: parsed.diagramType}); continue; }
    try {
      const {svg} = await mermaid.render(`fp${window.fpCount++}`, text);
      const box = document.createElement('div');
      box.innerHTML = svg;
      box.querySelectorAll('style').forEach((s) => s.remove());
      out.push({type: parsed.diagramType, text: box.textContent, nodes: box.querySelectorAll('g.node').length,
                clusters: box.querySelectorAll('g.cluster').length});
    } catch (e) { out.push({error: 'render: ' + String(e.message || e)}); }
  }
  return out;
};
"""


class Mermaid:
    """One page with mermaid.js loaded: parse (and draw) many texts per call."""

    def __init__(self, page: Any) -> None:
        self.page = page

    def check(self, texts: list[str], draws: list[bool] | None = None) -> list[dict[str, Any]]:
        """Per text: mermaid's error, or the diagram type and (when drawn) the SVG's text and counts."""
        draws = [True] * len(texts) if draws is None else draws
        return self.page.evaluate("([texts, draws]) => window.fpCheck(texts, draws)", [texts, draws])

    def accepts(self, text: str) -> dict[str, Any]:
        """The drawing of one text; fails with mermaid's message when it is rejected."""
        (result,) = self.check([text])
        assert "error" not in result, f"mermaid rejected the chart: {result['error']}\n{text}"
        assert result["type"] == "flowchart-v2"
        return result


@pytest.fixture(scope="module")
def mermaid() -> Iterator[Mermaid]:
    from html_pages import chromium, not_ready

    pinned = json.loads((PACKAGE / "package.json").read_text())["dependencies"]["mermaid"]
    installed = MERMAID_JS.parents[1] / "package.json"
    if not installed.exists():
        not_ready("mermaid is not installed in tests/mermaid — run scripts/setup-mermaid")
    version = json.loads(installed.read_text())["version"]
    if version != pinned:
        not_ready(f"tests/mermaid has mermaid {version}, the lock pins {pinned} — run scripts/setup-mermaid")
    with chromium() as browser:
        page = browser.new_page()
        page.route("**/*", lambda route: route.abort())
        page.set_content("<!doctype html><html><head><meta charset='utf-8'></head><body></body></html>")
        page.add_script_tag(path=str(MERMAID_JS))
        page.add_script_tag(content=CHECK_JS)
        page.evaluate("mermaid.initialize({startOnLoad: false, securityLevel: 'strict'})")
        yield Mermaid(page)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """What `fingerpost graph --format mermaid` prints and `fingerpost diagram -o x.mmd` writes, by name.

    The first command fills the build cache; the others then run two at a time."""
    folder = tmp_path_factory.mktemp("mmd")
    runs: dict[str, list[str]] = {"graph": ["graph", "--format", "mermaid"],
                                  "graph --all": ["graph", "--format", "mermaid", "--all"]}
    for name, sets in ANSWER_SETS.items():
        for kind in ("architecture", "decision"):
            runs[f"{name}-{kind}.mmd"] = ["diagram", "--kind", kind, *[a for s in sets for a in ("--set", s)]]
    runs["docker-proxy.mmd"] = ["diagram", "--option", "docker", "--set", "internet=proxy"]

    def run(name: str) -> str:
        out = ["-o", str(folder / name)] if name.endswith(".mmd") else []
        done = subprocess.run([fingerpost_command(), *runs[name], *out], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, f"fingerpost {' '.join(runs[name])}: {done.stderr}"
        return (folder / name).read_text(encoding="utf-8") if out else done.stdout

    names = list(runs)
    texts = {names[0]: run(names[0])}
    with ThreadPoolExecutor(max_workers=2) as pool:
        texts.update(zip(names[1:], pool.map(run, names[1:]), strict=True))
    return texts


def declared_nodes(text: str) -> set[str]:
    """Every node id of one of our charts: each node is a member of its kind's class."""
    return {m for line in re.findall(r"^\s*class (\S+) \S+$", text, re.M) for m in line.split(",")}


def assert_drawn(mermaid: Mermaid, texts: dict[str, str], parse_only: tuple[str, ...] = ()) -> None:
    """Each chart parses; each not in `parse_only` also renders, with one drawn node per declared node and
    every label's text shown. (Drawing a decision graph takes about a second: those alike are only parsed.)"""
    results = mermaid.check(list(texts.values()), [name not in parse_only for name in texts])
    for (name, text), result in zip(texts.items(), results, strict=True):
        assert "error" not in result, f"{name}: mermaid rejected it: {result['error']}"
        assert result["type"] == "flowchart-v2", name
        if name in parse_only:
            continue
        assert result["nodes"] == len(declared_nodes(text)) > 0, name
        drawn = squash(result["text"])
        chart = [line for line in text.split("---", 2)[2].splitlines() if not line.lstrip().startswith("%%")]
        for quoted in re.findall(LABEL, "\n".join(chart)):
            assert squash(decode(quoted)) in drawn, f"{name}: {quoted} is not drawn as written"


# ---- the real parser rejects what is broken -----------------------------------------------------
def test_mermaid_rejects_broken_flowcharts(mermaid: Mermaid) -> None:
    title = 'say "hi" (now) [x]'
    broken = [f'flowchart LR\n  n_a["{title}"] --> n_b', f"flowchart LR\n  n_a({title})", "flowchart LR\n  n_a -->",
              "flowchart LR\n  subgraph g_x\n  n_a --> n_b", "flowchart LR\n  end --> n_b"]
    for text, result in zip(broken, mermaid.check(broken), strict=True):
        assert "error" in result, f"mermaid accepted a broken chart:\n{text}"
    escaped = f"flowchart LR\n  n_a[{label(title)}] --> n_b"
    assert squash(title) in squash(mermaid.accepts(escaped)["text"])


# ---- what the commands write --------------------------------------------------------------------
def test_graph_command_output_parses_and_renders(mermaid: Mermaid, written: dict[str, str]) -> None:
    assert declared_nodes(written["graph"]) < declared_nodes(written["graph --all"])
    assert_drawn(mermaid, {name: text for name, text in written.items() if name.startswith("graph")},
                 parse_only=("graph",))


def test_diagram_command_mmd_files_parse_and_render(mermaid: Mermaid, written: dict[str, str]) -> None:
    texts = {name: text for name, text in written.items() if name.endswith(".mmd")}
    assert len(texts) == 2 * len(ANSWER_SETS) + 1
    assert_drawn(mermaid, texts, parse_only=("docker-testing-decision.mmd", "proxy-4-decision.mmd",
                                             "k3s-airgap-decision.mmd"))
    assert "Private registry" in written["air-gapped-3-rke-architecture.mmd"]


def test_golden_mmd_files_parse_and_render(mermaid: Mermaid) -> None:
    files = sorted(GOLDEN.glob("*.mmd"))
    assert len(files) >= 8
    assert_drawn(mermaid, {f.name: f.read_text(encoding="utf-8") for f in files}, parse_only=("decision-path.mmd",))


# ---- hostile labels reach the drawing as written ------------------------------------------------
def assert_labels_drawn(mermaid: Mermaid, scene: Scene) -> None:
    text = to_mermaid(scene)
    result = mermaid.accepts(text)
    assert result["nodes"] == len(scene.nodes)
    assert result["clusters"] == len(scene.groups)
    drawn = squash(result["text"])
    for item in [*scene.nodes, *scene.groups]:
        assert squash(item.title) in drawn, item.title
    for piece in [*(n.subtitle for n in scene.nodes), *(e.label for e in scene.edges)]:
        assert squash(piece) in drawn, piece
    for piece in (scene.title, *scene.subtitle.splitlines()):  # the caption, with < > shown as ‹ ›
        assert squash(caption(piece)) in drawn, piece


def test_hostile_pack_draws_every_label(mermaid: Mermaid) -> None:
    _, scenes = hostile_scenes()
    for scene in scenes:
        assert_labels_drawn(mermaid, scene)


def test_every_nasty_piece_as_node_group_and_edge_label(mermaid: Mermaid) -> None:
    nodes = tuple(Node(f"x{i}", f"a{piece}b", "service", subtitle=piece, group=f"g{i % 3}")
                  for i, piece in enumerate(PIECES))
    groups = tuple(Group(f"g{i}", f"{PIECES[i]} frame {PIECES[-1 - i]}") for i in range(3))
    edges = tuple(Edge(f"x{i}", f"x{i + 1}", piece) for i, piece in enumerate(PIECES[:-1]))
    assert_labels_drawn(mermaid, Scene(" ".join(PIECES), nodes, groups, edges, subtitle="sub # ; <b> C:\\new"))


def test_keyword_ids_draw_distinct_nodes(mermaid: Mermaid) -> None:
    words = ("end", "subgraph", "class", "click", "graph", "end!")
    scene = Scene("t", tuple(Node(k, k, "service", group="end" if "!" in k else "") for k in words),
                  (Group("end", "end"),), (Edge("end", "click", "end"), Edge("end!", "graph", "class")))
    assert_labels_drawn(mermaid, scene)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=MORE_TEXT, sub=MORE_TEXT, group=MORE_TEXT, edge=MORE_TEXT,
       state=st.sampled_from(["normal", "chosen", "ruled_out", "open"]))
def test_any_text_survives_mermaid(mermaid: Mermaid, title: str, sub: str, group: str, edge: str, state: str) -> None:
    scene = Scene(title or "t", (Node("a", title, "node", subtitle=sub, group="g", state=state, tooltip=sub),
                                 Node("b", edge, "service")),
                  (Group("g", group),), (Edge("a", "b", edge, state=state),), subtitle=group)
    assert_labels_drawn(mermaid, scene)
