"""The `fingerpost` command: a thin front end over kb, engine and render.

Each sub-command lives in `fingerpost.commands.<name>` with `add_parser(subparsers)` and
`run(args) -> int`; importing those modules is cheap, heavy imports happen inside `run`.
Domain errors become one line on stderr and exit code 2; `lint` finding errors exits 1.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from fingerpost import __version__
from fingerpost.kb.errors import FingerpostError

__all__ = ["main", "COMMANDS", "EXIT_CODES"]

COMMANDS = ["chat", "ask", "build", "lint", "graph", "diagram", "html", "diff", "gaps"]
"""Sub-commands in the order `--help` lists them; `chat` runs when no command is given."""

EXIT_CODES = {
    0: "success",
    1: "the content has errors (lint, build --strict); diff: some recommendation changes",
    2: "bad usage or input that cannot be used (the message says what to do)",
    3: "a required external program is missing (e.g. Graphviz `dot`)",
    130: "interrupted",
}


class _ArgumentParser(argparse.ArgumentParser):
    """Usage errors as one line that says where to look, like every other error (sub-commands inherit it)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} — see `{self.prog} --help`\n")


def _parser() -> tuple[argparse.ArgumentParser, dict[str, object]]:
    parser = _ArgumentParser(
        prog="fingerpost",
        description="Walks you through the decisions your documentation presents. "
        "With no command, starts the chat on the embedded content.",
        epilog="exit codes: " + "; ".join(f"{k} {v}" for k, v in EXIT_CODES.items()),
    )
    parser.add_argument("--version", action="version", version=f"fingerpost {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules: dict[str, object] = {}
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"fingerpost.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"fingerpost.commands.{name}":
                raise
            continue
        module.add_parser(sub)
        modules[name] = module
    return parser, modules


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser, modules = _parser()
    if not args_list or (args_list[0].startswith("-") and args_list[0] not in ("-h", "--help", "--version")):
        default = "chat" if "chat" in modules else "ask"
        args_list = [default, *args_list]
    streams = _clean_streams()
    try:
        return _run(parser, modules, args_list)
    finally:
        sys.stdout, sys.stderr = streams


def _clean_streams() -> tuple[object, object]:
    """Route stdout and stderr through `kb.safeio.clean`: the one place where text from content
    and file names reaches the terminal, so no escape sequence in it acts there. A closed stream
    (`>&-`) becomes a sink. Returns the streams to restore."""
    import os

    from fingerpost.kb.safeio import CleanStream

    before = sys.stdout, sys.stderr
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            stream = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 — lives as long as the process
        if not isinstance(stream, CleanStream):
            setattr(sys, name, CleanStream(stream))
    return before


def _run(parser: argparse.ArgumentParser, modules: dict[str, object], args_list: list[str]) -> int:

    args = parser.parse_args(args_list)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return int(modules[args.command].run(args) or 0)  # type: ignore[attr-defined]
    except FingerpostError as exc:
        print(f"fingerpost: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("fingerpost: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # an output or input path that cannot be used: unwritable, missing folder, a device…
        where = f"cannot use `{exc.filename}`: " if exc.filename else ""
        print(f"fingerpost: error: {where}{exc.strerror or exc} — check the path and its permissions",
              file=sys.stderr)
        return 2
