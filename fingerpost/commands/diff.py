"""`fingerpost diff OLD NEW` / `fingerpost diff --git REV1..REV2 PATH`: what a docs change does to the advice.

Exit 0 when no recommendation changes, 1 when some do, 2 on input that cannot be used — so a CI
job can gate on it or just post the Markdown as a comment. `--git` reads both revisions from
git's object store (`git archive`) into temporary folders; the working tree is not touched.
`REV1..` (or a single REV) compares that revision with the working tree.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

FORMATS = ("text", "markdown", "json")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("diff", help="compare two versions of the docs: which recommendations change; exit 1 if any",
                       description="Compares two knowledge bases over every combination of answers and reports the "
                                   "recommendations that change (from → to, for which answers, cited path:line), "
                                   "options, questions and answers added or removed, conditions whose meaning changed "
                                   "and new lint errors. Exit 0: no recommendation changes; 1: some do; 2: bad input.")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="OLD and NEW docs folders (or Markdown files); with --git, the one PATH in the repository")
    p.add_argument("--git", metavar="REV1..REV2",
                   help="compare PATH at two git revisions (REV1.. or REV: against the working tree)")
    p.add_argument("--repo", metavar="DIR", default=".", help="the git repository for --git (default: here)")
    p.add_argument("--format", choices=FORMATS, default="text",
                   help="text for a terminal, markdown for a pull-request comment, json for tools")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                   help="skip files matching GLOB (relative path or file name); repeatable")
    p.add_argument("--no-cache", dest="no_cache", action="store_true", help="compile without the build cache")
    p.add_argument("--priority", dest="priorities", action="append", default=[], metavar="NAME",
                   help="rank by this quality first (repeatable), as `fingerpost ask --priority`")
    p.add_argument("--max-states", type=int, default=None, metavar="N",
                   help="most answer combinations to walk on each side (default 5000, as `fingerpost html`)")


def _usage(message: str, hint: str) -> Any:
    from fingerpost.kb.errors import FingerpostError

    return FingerpostError(message, hint=hint)


def _git(repo: Path, *args: str) -> str:
    try:
        proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    except FileNotFoundError:
        raise _usage("git is not installed", "install git, or compare two folders: fingerpost diff OLD NEW") from None
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["(no message)"])[-1]
        raise _usage(f"git {' '.join(args)}: {last}", "check the revision and the path")
    return proc.stdout.strip()


def _extract(repo: Path, top: Path, rev: str, rel: str, into: Path) -> Path:
    """PATH as it is at `rev`, written under `into` from git's objects; returns where PATH now is."""
    try:
        _git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except Exception:
        raise _usage(f"no revision `{rev}` in the git repository at {top}",
                     "name a commit, branch or tag, e.g. --git main..HEAD") from None
    proc = subprocess.run(["git", "-C", str(top), "archive", "--format=tar", rev, "--", rel],
                          capture_output=True)
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _usage(f"`{rel}` cannot be read at {rev}: {message[-1] if message else 'git archive failed'}",
                     "check that the path exists in that revision")
    import io

    with tarfile.open(fileobj=io.BytesIO(proc.stdout)) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(into, filter="data")
        else:  # Python without extraction filters: only plain files and folders, never outside `into`
            members = [m for m in tar.getmembers() if (m.isfile() or m.isdir()) and ".." not in Path(m.name).parts
                       and not Path(m.name).is_absolute()]
            tar.extractall(into, members=members)
    return into / rel


@contextlib.contextmanager
def _revisions(spec: str, path: str, repo: str) -> Iterator[tuple[Path, Path, str, str]]:
    """(old folder, new folder, old label, new label) for `--git REV1..REV2 PATH`."""
    base = Path(repo)
    top = Path(_git(base, "rev-parse", "--show-toplevel"))
    target = Path(path) if Path(path).is_absolute() else Path.cwd() / path
    rel = os.path.relpath(target.resolve(), top.resolve()).replace(os.sep, "/")
    if rel.startswith(".."):
        raise _usage(f"{path} is outside the git repository at {top}", "give a path inside the repository")
    old_rev, _, new_rev = spec.partition("..")
    if not old_rev:
        raise _usage(f"--git {spec}: no first revision", "e.g. --git main..HEAD, or --git main (against the work tree)")
    with tempfile.TemporaryDirectory(prefix="fingerpost-diff-") as tmp:
        old = _extract(base, top, old_rev, rel, Path(tmp) / "old")
        new = _extract(base, top, new_rev, rel, Path(tmp) / "new") if new_rev else target
        yield old, new, f"{old_rev}:{rel}", (f"{new_rev}:{rel}" if new_rev else path)


def _build(path: Path, args: argparse.Namespace, cached: bool) -> Any:
    from fingerpost.kb.cache import build

    if not path.exists():
        raise _usage(f"{path}: no such file or folder", "give two docs folders: fingerpost diff OLD NEW")
    return build(path, exclude=args.exclude, use_cache=cached and not args.no_cache)[0]


def run(args: argparse.Namespace) -> int:
    from fingerpost.render.answer_table import MAX_STATES
    from fingerpost.render.decision_diff import decision_diff
    from fingerpost.render.diff_report import diff_json, diff_markdown, diff_text

    if args.git:
        if len(args.paths) != 1:
            raise _usage("--git takes exactly one PATH", "e.g. fingerpost diff --git main..HEAD docs/")
        sides = _revisions(args.git, args.paths[0], args.repo)
    elif len(args.paths) == 2:
        sides = contextlib.nullcontext((Path(args.paths[0]), Path(args.paths[1]), args.paths[0], args.paths[1]))
    else:
        raise _usage("diff needs OLD and NEW", "fingerpost diff OLD NEW, or fingerpost diff --git REV1..REV2 PATH")
    with sides as (old_path, new_path, old_label, new_label):
        # a folder extracted from git is used once: no cache rows for it
        old = _build(old_path, args, cached=not args.git)
        new = _build(new_path, args, cached=not args.git or new_label == args.paths[0])
        result = decision_diff(old, new, args.priorities,
                               args.max_states if args.max_states is not None else MAX_STATES)
    if args.format == "json":
        import json

        report = json.dumps(diff_json(result, old_label, new_label), indent=2, ensure_ascii=False) + "\n"
    elif args.format == "markdown":
        report = diff_markdown(result, old_label, new_label)
    else:
        report = diff_text(result, old_label, new_label)
    if args.output:
        Path(args.output).write_text(report, encoding="utf-8")
    else:
        sys.stdout.write(report)
    return 1 if result.changes else 0
