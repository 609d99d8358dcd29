"""The build progress bar: only on a terminal, only after a second, and erased at the end."""

from __future__ import annotations

import io

from fingerpost.progress import ProgressBar, terminal_progress


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_bar_when_not_a_terminal() -> None:
    assert terminal_progress(io.StringIO()) is None
    assert isinstance(terminal_progress(Tty()), ProgressBar)


def test_quiet_during_the_first_second_then_drawn() -> None:
    clock, out = FakeClock(), io.StringIO()
    bar = ProgressBar(out, clock=clock)
    bar("reading", 10, 100)
    clock.now += 0.5
    bar("reading", 40, 100)
    assert out.getvalue() == ""
    clock.now += 0.6
    bar("reading", 50, 100)
    assert out.getvalue().startswith("\rreading [##############--------------]    50/100 pages  1s")


def test_redraws_at_most_ten_times_a_second_but_always_shows_the_end() -> None:
    clock, out = FakeClock(), io.StringIO()
    bar = ProgressBar(out, delay=0.0, clock=clock)
    bar("reading", 1, 100)
    bar("reading", 2, 100)  # same instant: skipped
    bar("reading", 100, 100)  # the last page: drawn anyway
    assert out.getvalue().count("\r") == 2 and "100/100" in out.getvalue()


def test_stages_without_counts_and_erasing() -> None:
    clock, out = FakeClock(), io.StringIO()
    bar = ProgressBar(out, delay=0.0, clock=clock)
    bar("reading", 5, 10)
    clock.now += 2
    bar("assembling", 0, 0)
    assert "assembling the knowledge base…  2s" in out.getvalue()
    drawn = len("assembling the knowledge base…  2s")
    bar.close()
    assert out.getvalue().endswith("\r" + " " * drawn + "\r")
    bar.close()  # a second close writes nothing more
    assert out.getvalue().endswith("\r" + " " * drawn + "\r")


def test_a_quick_build_leaves_no_trace() -> None:
    out = Tty()
    bar = ProgressBar(out, clock=FakeClock())
    bar("reading", 1, 1)
    bar.close()
    assert out.getvalue() == ""
