"""`fingerpost chat [--kb PATH] [--resume] [--session NAME]`: talk your way to a decision.

Also what `fingerpost` runs with no command. A terminal gets the full REPL; piped stdin is
read line by line (for scripts).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from fingerpost.commands.common import add_kb_arguments, add_record_argument, load_kb

if TYPE_CHECKING:
    from fingerpost.kb.graph import KnowledgeBase
    from fingerpost.sessions.session import Session


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("chat", help="talk through the decision (the default command)",
                       description="A conversation on the knowledge base: answer its questions in your own words, "
                                   "ask why, why not X, what if, and get the recommendation with its checklist "
                                   "and guides. Sessions are saved after every turn in "
                                   "$XDG_STATE_HOME/fingerpost/sessions (default ~/.local/state/fingerpost); a session open in "
                                   "another chat is never written: a new chat saves under a free name beside it, "
                                   "and --resume says which process has it.")
    add_kb_arguments(p)
    p.add_argument("--resume", action="store_true", help="continue the saved session (facts and history); refused while another chat has it open")
    p.add_argument("--session", metavar="NAME",
                   help="session name (or a .json path); default: one per knowledge base")
    add_record_argument(p)


def run(args: argparse.Namespace) -> int:
    kb = load_kb(args, need_options=True)
    from fingerpost.sessions.session import kb_id_for, open_session  # start-up: loaded when the command runs

    path_arg = getattr(args, "kb_path", None)
    decision = kb.decision.id if kb.decision else ""
    kb_id = kb_id_for(decision, kb.root, embedded=path_arg is None)
    session, path, notices, lock = open_session(kb_id, args.session, args.resume)
    try:
        return _talk(kb, session, path, notices)
    finally:
        lock.release()  # the kernel lets go of it too when the process dies


def _talk(kb: KnowledgeBase, session: Session, path: Path, notices: list[str]) -> int:
    from fingerpost.chat.conversation import Conversation, usable  # start-up: loaded when the command runs
    from fingerpost.sessions.gaps import first_notice  # start-up: loaded when the command runs
    from fingerpost.sessions.session import state_dir  # start-up: loaded when the command runs

    session, dropped = usable(kb, session)
    terminal = sys.stdin.isatty() and sys.stdout.isatty()
    told = first_notice()  # said once, at the first chat that keeps the questions the docs miss
    if terminal:
        notices = [*notices, *filter(None, [told])]
    elif told:  # piped: on standard error, so a script's output stays the same
        print(told, file=sys.stderr)
    color = terminal and not os.environ.get("NO_COLOR")
    width = os.get_terminal_size().columns if terminal else 100
    conv = Conversation(kb, session, path, notice="\n".join(notices + dropped), color=color, width=width)
    if not terminal:
        from fingerpost.chat.repl import run_piped  # start-up: loaded when the command runs

        return run_piped(conv)
    from fingerpost.chat.repl import run_chat  # start-up: loaded when the command runs
    from fingerpost.kb.safeio import CleanStream

    if isinstance(sys.stdout, CleanStream):  # prompt_toolkit draws with escapes; the chat's printer cleans what it shows
        sys.stdout = sys.stdout.raw  # type: ignore[assignment]
    return run_chat(conv, history_path=str(state_dir() / "history"))
