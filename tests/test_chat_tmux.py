"""The installed `fingerpost` in a real terminal (tmux): a whole conversation to a recommendation,
and a chat killed with SIGKILL that `--resume` brings back with every answer."""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import fingerpost_command, require_program
from fingerpost.engine.answers import explain
from fingerpost.engine.reason.assess import assess
from fingerpost.kb import compile_path
from fingerpost.kb.values import Version

from fingerpost.sessions.session import load

pytestmark = pytest.mark.tmux

TIMEOUT = 30.0


class Terminal:
    """One tmux server with one pane running a command; text in, screen (and scrollback) out."""

    def __init__(self, tmux: str, home: Path) -> None:
        self.tmux = tmux
        self.home = home
        self.socket = f"fp-test-{os.getpid()}-{id(self)}"

    def _run(self, *args: str) -> str:
        return subprocess.run([self.tmux, "-L", self.socket, *args], capture_output=True, text=True, check=True,
                              timeout=TIMEOUT).stdout

    def start(self, *args: str, env: dict[str, str] | None = None) -> None:
        environment = {"HOME": str(self.home), "XDG_STATE_HOME": str(self.home / "state"), "TERM": "xterm-256color",
                       "NO_COLOR": "1", "LANG": "C.UTF-8", **(env or {})}
        command = "env -i " + " ".join(f"{k}={shlex.quote(v)}" for k, v in environment.items())
        command += " " + shlex.join([fingerpost_command(), *args])
        if self.alive_server():
            self._run("respawn-pane", "-k", "-t", "chat", "-c", str(self.home), command)
        else:
            self._run("-f", "/dev/null", "new-session", "-d", "-s", "chat", "-x", "160", "-y", "50",
                      "-c", str(self.home), command)
            self._run("set-option", "-t", "chat", "remain-on-exit", "on")
            self._run("set-option", "-t", "chat", "history-limit", "20000")

    def alive_server(self) -> bool:
        return subprocess.run([self.tmux, "-L", self.socket, "has-session", "-t", "chat"],
                              capture_output=True).returncode == 0

    def screen(self) -> str:
        return self._run("capture-pane", "-p", "-J", "-S", "-", "-t", "chat")

    def pid(self) -> int:
        return int(self._run("display-message", "-p", "-t", "chat", "#{pane_pid}").strip())

    def dead(self) -> bool:
        return self._run("display-message", "-p", "-t", "chat", "#{pane_dead}").strip() == "1"

    def send(self, line: str) -> None:
        self._run("send-keys", "-t", "chat", "-l", line)
        self._run("send-keys", "-t", "chat", "Enter")

    def wait_for(self, text: str, times: int = 1) -> str:
        """Wait until `text` shows on the screen (or in its scrollback) `times` times; returns the screen."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            screen = self.screen()
            if screen.count(text) >= times:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear; the screen shows:\n{self.screen()[-3000:]}")

    def say(self, line: str, expect: str) -> str:
        """Type a line and wait for `expect` to appear once more than it did before."""
        seen = self.screen().count(expect)
        self.send(line)
        return self.wait_for(expect, times=seen + 1)

    def close(self) -> None:
        subprocess.run([self.tmux, "-L", self.socket, "kill-server"], capture_output=True)


@pytest.fixture()
def term(tmp_path: Path) -> Iterator[Terminal]:
    t = Terminal(require_program("tmux"), tmp_path)
    yield t
    t.close()


@pytest.fixture(scope="module")
def kb():  # noqa: ANN201
    return compile_path()


REPLIES = {"purpose": ("production", "production"), "nodes": ("3", 3), "distro": ("RKE", "rke"),
           "rancher_version": ("2.4.8", Version((2, 4, 8))), "internet": ("air-gapped", "airgap"),
           "grow_to_ha": ("yes", True)}
"""How the scripted person answers each question, and the value the engine reads."""


def test_whole_conversation_in_a_terminal_including_why_not(term: Terminal, kb) -> None:  # noqa: ANN001
    term.start("chat")
    term.wait_for(assess(kb, {}).next_question.text)
    facts = {"internet": "airgap", "purpose": "production", "grow_to_ha": True}
    a = assess(kb, facts)
    term.say("we're air-gapped, and this is for production", a.next_question.text)
    asked = 0
    while not a.decided:
        q = a.next_question
        text, value = REPLIES[q.id]
        facts[q.id] = value
        a = assess(kb, facts)
        expect = f"Recommendation: {a.title}" if a.decided else a.next_question.text
        screen = term.say(text, expect)
        asked += 1
    assert asked >= 2 and a.recommendation.option.id == "k8s-ha-rke"
    assert "Guide:" in screen and "diagram" in screen  # the recommendation is a brief
    items = explain.checklist(kb, a)
    screen = term.say("checklist", items[-1].text)
    for item in items:
        assert item.text in screen
    docker = explain.why_not(kb, a, "docker")
    screen = term.say("why not docker", docker[0].text)
    for s in docker:
        assert s.text in screen
    term.say("quit", "Goodbye.")
    deadline = time.monotonic() + TIMEOUT
    while not term.dead() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert term.dead()
    saved = load(next((term.home / "state" / "fingerpost" / "sessions").glob("*.json")))
    assert {f.question for f in saved.entries()} == set(facts) - {"grow_to_ha"}  # that one is implied
    assert [t.said for t in saved.transcript][-2:] == ["why not docker", "quit"]


ANSWERS = [("for production", "use case: Production"), ("3 nodes", "node count: 3"), ("rancher 2.4.8", "rancher release: 2.4.8"),
           ("k3s", "kubernetes distribution: K3s"), ("behind a proxy", "network access: Behind an HTTP proxy")]


@pytest.mark.parametrize("answered", [1, 3, 5])
def test_sigkill_mid_conversation_then_resume_finds_every_answer(term: Terminal, answered: int) -> None:
    term.start("chat")
    term.wait_for("\n›")
    for line, understood in ANSWERS[:answered]:
        term.say(line, understood)
    term._run("send-keys", "-t", "chat", "-l", "half a line never entered")
    os.kill(term.pid(), signal.SIGKILL)
    deadline = time.monotonic() + TIMEOUT
    while not term.dead() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert term.dead()
    term._run("clear-history", "-t", "chat")
    term.start("chat", "--resume")
    screen = term.wait_for("What I know so far:")
    for _, understood in ANSWERS[:answered]:
        assert understood in screen
    screen = term.say("facts", "What I know so far:")
    for _, understood in ANSWERS[answered:]:
        assert understood not in screen
    term.say("quit", "Goodbye.")


COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|38;[25])[;m]")
"""An SGR sequence that sets a foreground colour."""


@pytest.mark.parametrize("no_color", ["", "1"])
def test_colour_unless_no_color(term: Terminal, no_color: str) -> None:
    term.start("chat", env={"NO_COLOR": no_color})
    term.wait_for("\n›")
    term.say("production", "Understood")
    painted = term._run("capture-pane", "-p", "-e", "-t", "chat")
    assert bool(COLOUR.search(painted)) == (not no_color)
