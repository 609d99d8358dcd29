"""The chat's terminal: a prompt_toolkit REPL over `fingerpost.chat.conversation.Conversation`.

    >>> run_chat(conversation)                  # a terminal: completion, history, toolbar  # doctest: +SKIP

Everything the chat says comes from the Conversation (which calls the engine); this module only
reads lines and prints replies. A terminal gets completion, history in the state folder, a
bottom toolbar and colour (NO_COLOR turns colour off); piped stdin is read line by line with
plain output, for scripts. Ctrl-C cancels the line, Ctrl-D or `quit` leaves.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

from fingerpost.chat.conversation import Conversation
from fingerpost.render.text import STYLES, Styled, fit

__all__ = ["run_chat", "run_piped", "make_prompt_session", "ChatCompleter", "PROMPT", "FIRST_PROMPT_EXIT",
           "MAX_LINE_CHARS"]

PROMPT = "› "
MAX_LINE_CHARS = 4096
"""The longest line the chat reads: prompt_toolkit's memory grows far faster than a typed line
(100 KB typed reached 1.9 GB), and no answer or question needs more."""
CUT_NOTE = (f"note: that line was cut to its first {MAX_LINE_CHARS:,} characters, the longest the chat reads "
            "— type shorter lines")
_SURROGATES = re.compile("[\ud800-\udfff]")
FIRST_PROMPT_EXIT = "FINGERPOST_EXIT_AT_PROMPT"
"""When this environment variable is `1`, the chat leaves as soon as its first prompt is shown
(used by bench/chat_startup.py to time start-up)."""


def _style() -> Any:
    from prompt_toolkit.styles import Style  # start-up: prompt_toolkit loads only for a terminal

    return Style.from_dict({name: value for name, value in STYLES.items()} | {"bottom-toolbar": STYLES["toolbar"]})


class ChatCompleter:
    """Completes commands, option ids and titles, question ids and the pending question's answers."""

    def __init__(self, conversation: Conversation) -> None:
        self.conversation = conversation

    def _words(self, before: str) -> Iterable[tuple[str, str]]:
        conv = self.conversation
        kb = conv.kb
        words = before.lower().split()
        head = " ".join(words[:2]) if before.endswith(" ") or len(words) > 1 else ""
        first = words[0] if words and (len(words) > 1 or before.endswith(" ")) else ""
        options = [(o.id, o.title) for o in kb.options.values()]
        if head in ("why not",) or first in ("compare", "diagram"):
            return options
        if first in ("set", "unset", "what", "if") or head == "what if":
            current = before.rsplit(" ", 1)[-1]
            if "=" in current:
                qid = current.split("=", 1)[0]
                q = kb.questions.get(qid)
                if q is None:
                    return []
                return [(f"{qid}={c.value}", c.label) for c in q.choices]
            return [(f"{q.id}=" if first != "unset" else q.id, q.text) for q in kb.questions.values()]
        if first in ("docs",):
            return [(str(i), title) for i, title in enumerate(conv.doc_titles(), 1)]
        if first in ("load",):
            return [(name, "saved session") for name in conv.saved_sessions()]
        if first:
            return []
        out = [(name, summary) for name, summary in conv.command_names()]
        q = conv.pending
        if q is not None:
            out += [(c.label, f"answer: {c.value}") for c in q.choices]
        return out

    def get_completions(self, document: Any, complete_event: Any) -> Iterator[Any]:
        from prompt_toolkit.completion import Completion  # start-up: prompt_toolkit loads only for a terminal

        before = document.text_before_cursor
        current = before.rsplit(" ", 1)[-1] if not before.endswith(" ") else ""
        low = current.lower()
        for text, meta in self._words(before):
            if text.lower().startswith(low) and text.lower() != low:
                yield Completion(text, start_position=-len(current), display_meta=meta)


def make_prompt_session(conversation: Conversation, history_path: str | None = None, **kwargs: Any) -> Any:
    """A PromptSession with completion, history (when a path is given) and the bottom toolbar."""
    from prompt_toolkit import PromptSession  # start-up: prompt_toolkit loads only for a terminal
    from prompt_toolkit.completion import Completer  # start-up: prompt_toolkit loads only for a terminal
    from prompt_toolkit.formatted_text import FormattedText  # start-up: prompt_toolkit loads only for a terminal
    from prompt_toolkit.history import (  # start-up: prompt_toolkit loads only for a terminal
        FileHistory,
        InMemoryHistory,
    )

    class _Completer(ChatCompleter, Completer):  # ours first: Completer's method is abstract
        pass

    history = InMemoryHistory()
    if history_path:
        try:
            os.makedirs(os.path.dirname(history_path), exist_ok=True)
            history = FileHistory(history_path)
        except OSError:
            history = InMemoryHistory()
    session = PromptSession(
        completer=_Completer(conversation),
        complete_while_typing=False,
        history=history,
        bottom_toolbar=lambda: FormattedText(conversation.toolbar().frags),
        style=_style(),
        key_bindings=kwargs.pop("key_bindings", None) or _full_line_bindings(),
        **kwargs,
    )
    _cap_buffer(session.default_buffer)
    return session


def _full_line_bindings() -> Any:
    """Keys typed into a line already at MAX_LINE_CHARS are dropped as they come, before they cost a
    redraw of the whole line: 100 KB typed or pasted key by key stays as quick as its first 4 KB."""
    from prompt_toolkit.application.current import get_app  # start-up: prompt_toolkit loads only for a terminal
    from prompt_toolkit.filters import Condition  # start-up: prompt_toolkit loads only for a terminal
    from prompt_toolkit.key_binding import KeyBindings  # start-up: prompt_toolkit loads only for a terminal
    from prompt_toolkit.keys import Keys  # start-up: prompt_toolkit loads only for a terminal

    bindings = KeyBindings()

    @bindings.add(Keys.Any, filter=Condition(lambda: len(get_app().current_buffer.text) >= MAX_LINE_CHARS))
    def _drop(event: Any) -> None:
        event.current_buffer.fingerpost_cut = True

    return bindings


def _cap_buffer(buffer: Any) -> None:
    """Cut what is typed or pasted past MAX_LINE_CHARS as soon as it arrives (before it is drawn)."""
    def cap(buf: Any) -> None:
        if len(buf.text) > MAX_LINE_CHARS:
            buf.fingerpost_cut = True
            buf.text = buf.text[:MAX_LINE_CHARS]

    buffer.on_text_changed += cap


def _terminal_printer(session: Any) -> Callable[[Styled], None]:
    from prompt_toolkit import print_formatted_text  # start-up: prompt_toolkit loads only for a terminal
    from prompt_toolkit.formatted_text import (  # start-up: prompt_toolkit loads only for a terminal
        ANSI,
        FormattedText,
        to_formatted_text,
    )

    from fingerpost.kb.safeio import clean  # the terminal chat's one place where content text reaches the screen

    style = _style()

    def show(text: Styled) -> None:
        frags: list[Any] = []
        text = fit(text, session.output.get_size().columns)
        for cls, part in text.frags:  # `docs` sections arrive already formatted by rich, from cleaned text
            frags += to_formatted_text(ANSI(part)) if cls == "class:ansi" else [(cls, clean(part))]
        if frags:
            # the application's colour depth honours NO_COLOR; print_formatted_text alone would not
            print_formatted_text(FormattedText(frags), style=style, output=session.output, end="",
                                 color_depth=session.app.color_depth)

    return show


def run_chat(conversation: Conversation, session: Any = None, show: Callable[[Styled], None] | None = None,
             history_path: str | None = None) -> int:
    """Talk until quit or Ctrl-D; returns the exit code."""
    session = session or make_prompt_session(conversation, history_path)
    show = show or _terminal_printer(session)
    conversation.finished = False
    show(conversation.greeting())
    exit_at_prompt = os.environ.get(FIRST_PROMPT_EXIT) == "1"
    while not conversation.finished:
        try:
            if exit_at_prompt:
                session.app.pre_run_callables.append(lambda: session.app.exit(exception=EOFError()))
            line = session.prompt(PROMPT)
        except KeyboardInterrupt:
            continue  # Ctrl-C cancels the line being typed
        except EOFError:
            show(conversation.leave())
            break
        buffer = getattr(session, "default_buffer", None)
        if len(line) > MAX_LINE_CHARS or getattr(buffer, "fingerpost_cut", False):
            line = line[:MAX_LINE_CHARS]
            if buffer is not None:
                buffer.fingerpost_cut = False
            show(Styled().line(CUT_NOTE, "note"))
        show(conversation.handle(line))
    return 0


def run_piped(conversation: Conversation, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Read commands and answers line by line (stdin is not a terminal); print plain text."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout

    def show(text: Styled) -> None:
        stdout.write(text.plain())
        stdout.flush()

    show(conversation.greeting())
    if os.environ.get(FIRST_PROMPT_EXIT) == "1":
        show(Styled().line(PROMPT))
        return 0
    for raw, cut in _capped_lines(stdin):
        line = raw.rstrip("\r\n")
        if cut:
            show(Styled().line(CUT_NOTE, "note"))
        if _SURROGATES.search(line):  # bytes that were not UTF-8 (decoded with surrogateescape): keep them visible
            line = line.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        show(Styled().line(PROMPT + line, "dim"))
        show(conversation.handle(line))
        if conversation.finished:
            break
    else:
        show(conversation.leave())
    return 0


def _capped_lines(stdin: TextIO) -> Iterator[tuple[str, bool]]:
    """Each line of `stdin`, at most MAX_LINE_CHARS long, and whether it was cut; the rest of a long
    line is read and dropped in pieces, never held whole."""
    while True:
        raw = stdin.readline(MAX_LINE_CHARS + 1)
        if not raw:
            return
        cut = len(raw.rstrip("\r\n")) > MAX_LINE_CHARS
        if cut and not raw.endswith("\n"):
            while (rest := stdin.readline(65536)) and not rest.endswith("\n"):
                pass
        yield raw[:MAX_LINE_CHARS], cut
