"""Links written as the site's URLs, when the site serves these docs under a prefix
(`/docs/<product>/<version>/plan/size/`): they name the page by the tail of the path."""

from __future__ import annotations

from pathlib import Path

from fingerpost.kb import compile_path

PLAN = """# Run modes

Choose how Glimmer runs: solo or fleet.

## Solo mode

Use solo mode when you are evaluating Glimmer.

## Fleet mode

Use fleet mode when you are running a production deployment.

For the details of each mode, see the [modes reference](/docs/glimmer/<VERSION>/reference/modes/).
"""

REFERENCE = """# Modes reference

## Solo mode

Everything runs in one process. It is simpler to operate. There is no independent scaling.

### When to use

It is recommended for getting started.

## Fleet mode

Every component runs on its own. It is more scalable. It is more complex to operate.

### When to use

It is recommended for production.

See also the [index](/docs/glimmer/<VERSION>/index/) and the [plan](/docs/glimmer/<VERSION>/missing/).
"""


def test_a_site_url_under_a_prefix_names_the_page_by_its_tail(tmp_path: Path) -> None:
    (tmp_path / "plan").mkdir()
    (tmp_path / "reference").mkdir()
    (tmp_path / "plan" / "modes.md").write_text(PLAN, encoding="utf-8")
    (tmp_path / "reference" / "modes.md").write_text(REFERENCE, encoding="utf-8")
    kb = compile_path(tmp_path)
    unresolved = sorted(p.line for p in kb.problems if p.code == "unresolved-link")
    assert [p.path for p in kb.problems if p.code == "unresolved-link"] == ["reference/modes.md"] * 2
    assert len(unresolved) == 2, "a lone generic tail (`index`) and a missing page stay unresolved"
    assert kb.graph.has_edge("section:plan/modes.md#fleet-mode", "doc:reference/modes.md"), \
        "the plan page links to the reference"
    assert {o.source.path for o in kb.options.values()} == {"plan/modes.md"}, \
        "the page that sends readers to the reference introduces the choice, not the reference"
