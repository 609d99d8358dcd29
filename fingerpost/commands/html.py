"""`fingerpost html [--kb PATH] -o DIR [--docs-base-url URL] [--title TEXT] [--fragment] [--key NAME]`: a static decision page."""

from __future__ import annotations

import argparse
import sys

from fingerpost.commands.ask import check_priorities
from fingerpost.commands.common import add_kb_arguments, load_kb


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("html", help="write the decision as a self-contained interactive HTML page",
                       description="Writes DIR/index.html: one page with inline CSS and JS that asks the questions "
                                   "one at a time and shows the engine's recommendation, why and why not, trade-offs, "
                                   "the prerequisites checklist, doc links and the architecture diagram. No server "
                                   "and no external requests; it works from file://.")
    add_kb_arguments(p)
    p.add_argument("-o", "--output", dest="out_dir", metavar="DIR", required=True,
                   help="folder to write into (created if needed)")
    p.add_argument("--docs-base-url", metavar="URL", default="",
                   help="join the content's relative doc links to this address (default: the decision's docs_base_url)")
    p.add_argument("--title", metavar="TEXT", default="", help="page title (default: the decision's title)")
    p.add_argument("--fragment", action="store_true",
                   help="write DIR/fingerpost-fragment.html, a snippet to embed in a Docusaurus or MkDocs page")
    p.add_argument("--key", default="fp", metavar="NAME",
                   help="the decision's key: its ids and its part of the address (default fp); give each "
                        "fragment pasted on one page its own (fp, fp2, …)")
    p.add_argument("--no-diagrams", dest="diagrams", action="store_false",
                   help="leave out the architecture pictures (they need Graphviz `dot`)")
    p.add_argument("--priority", dest="priorities", action="append", default=[], metavar="NAME",
                   help="rank by this quality first (repeatable), as `fingerpost ask --priority`")
    p.add_argument("--max-states", type=int, default=None, metavar="N",
                   help="most answer combinations to precompute (default 5000)")


def run(args: argparse.Namespace) -> int:
    from fingerpost.render.answer_table import MAX_STATES  # start-up: loaded when the command runs
    from fingerpost.render.html import HtmlOptions, build_page, write_page  # start-up: loaded when the command runs
    from fingerpost.render.html_diagrams import diagrams_available  # start-up: loaded when the command runs

    kb = load_kb(args)
    options = HtmlOptions(title=args.title, docs_base_url=args.docs_base_url, fragment=args.fragment, key=args.key,
                          diagrams=args.diagrams, priorities=tuple(check_priorities(kb, args.priorities)),
                          max_states=args.max_states if args.max_states is not None else MAX_STATES)
    errors = sum(p.severity == "error" for p in kb.problems)
    if errors:
        print(f"fingerpost: note: the content has {errors} errors; the page shows what could be read "
              "(run `fingerpost lint` for the list)", file=sys.stderr)
    if args.diagrams and kb.architectures and not diagrams_available():
        print("fingerpost: note: diagrams left out: Graphviz `dot` is not installed (apt-get install graphviz)",
              file=sys.stderr)
    page = build_page(kb, options)
    target = write_page(page, args.out_dir)
    size = len(page.html.encode("utf-8"))
    print(f"wrote {target}: {page.states} answer states ({page.results} results), {page.diagrams} diagrams, "
          f"{size / 1024:.0f} KB")
    if args.fragment:
        print(f"  embed it in a docs page (see README, `fingerpost html`); a site that sets a Content-Security-Policy "
              f"must allow script-src {page.script_source} and style-src {page.style_source}")
    return 0
