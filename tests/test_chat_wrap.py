"""Long lines in the terminal chat are broken at spaces to the terminal's width, with bullets'
and numbered items' continuation lines indented under their text."""

from __future__ import annotations

import io
import re

from fingerpost.render.text import Styled, fit
from hypothesis import given
from hypothesis import strategies as st
from prompt_toolkit.data_structures import Size
from prompt_toolkit.output.vt100 import Vt100_Output

LONG = ("Because you want production and three nodes are available, which is what an RKE cluster needs "
        "for high availability and what the documentation recommends.")


def lines(text: Styled) -> list[str]:
    return text.plain().split("\n")


def test_a_long_bullet_is_broken_at_spaces_and_indented_under_its_text() -> None:
    out = lines(fit(Styled().bullet(LONG, "content/rancher/install-options.md:42"), 50))
    assert len(out) > 2 and out[-1] == ""
    assert out[0].startswith("  • Because")
    assert all(line.startswith("    ") and not line.startswith("     ") for line in out[1:-1])
    assert all(len(line) <= 49 for line in out)
    assert " ".join(" ".join(out).split()) == " ".join(f"• {LONG} [content/rancher/install-options.md:42]".split())


def test_numbered_items_hang_under_their_text_and_short_lines_stay() -> None:
    text = Styled().line("  12. " + LONG).line("short line")
    out = lines(fit(text, 40))
    assert out[0].startswith("  12. Because") and all(line.startswith(" " * 6) for line in out[1:-2])
    assert out[-2] == "short line"


def test_each_word_keeps_its_style() -> None:
    text = fit(Styled().bullet("a long reason " * 8, "install.md:7"), 30)
    cited = [t for style, t in text.frags if style == "class:cite"]
    assert "".join(cited).split() == ["[install.md:7]"]


def test_pre_formatted_text_is_left_as_it_is() -> None:
    ansi = "\x1b[1m" + "x " * 60 + "\x1b[0m"
    text = Styled([("class:ansi", ansi)])
    assert fit(text, 30).frags == text.frags


WORDS = st.lists(st.text(alphabet="abcdeé漢字", min_size=1, max_size=12), min_size=1, max_size=40)


@given(WORDS, st.integers(min_value=20, max_value=120), st.sampled_from(["", "  • ", "  3. ", "    "]))
def test_no_line_is_wider_than_the_terminal_unless_one_word_is(words: list[str], width: int, lead: str) -> None:
    from prompt_toolkit.utils import get_cwidth

    out = lines(fit(Styled().line(lead + " ".join(words)), width))
    assert " ".join(" ".join(out).split()) == " ".join((lead + " ".join(words)).split())
    for line in out:
        alone = len(line.split()) == 1 or (lead.strip() and line.split()[:1] == [lead.strip()] and len(line.split()) == 2)
        assert get_cwidth(line) <= max(20, width - 1) or alone or line.strip() == lead.strip(), \
            "only a word too wide for any line (after its bullet or number) may pass the edge"


def test_the_terminal_printer_uses_the_terminal_width() -> None:
    from fingerpost.chat.repl import _terminal_printer

    class Session:  # what the printer uses of a PromptSession: its output and its application's colour depth
        def __init__(self, output: Vt100_Output) -> None:
            self.output = output
            self.app = type("App", (), {"color_depth": output.get_default_color_depth()})()

    buffer = io.StringIO()
    output = Vt100_Output(buffer, lambda: Size(rows=24, columns=44), term="xterm")
    _terminal_printer(Session(output))(Styled().bullet(LONG, "install.md:42"))
    output.flush()
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", buffer.getvalue()).replace("\r", "")
    printed = [line for line in shown.split("\n") if line.strip()]
    assert len(printed) >= 4 and all(len(line) <= 43 for line in printed)
    assert printed[1].startswith("    ") and "[install.md:42]" in printed[-1]
