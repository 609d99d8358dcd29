"""Shared paths and helpers for the test suite."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# In CI the property tests draw the same examples every run, so a red run is reproducible.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
sys.path.insert(0, str(REPO / "bench"))  # the extraction scorer (bench/extraction_gold.py) is evaluation code
KB_FIXTURES = FIXTURES / "kb"
CORPUS = REPO.parent / "shared" / "corpus" / "rancher-install"
EXAMPLE_PACK = REPO / "docs" / "examples" / "replication"

REGEN = os.environ.get("FINGERPOST_REGEN") == "1"
"""Set FINGERPOST_REGEN=1 to rewrite golden files instead of comparing with them."""


@pytest.fixture(autouse=True, scope="session")
def _isolated_build_cache(tmp_path_factory: pytest.TempPathFactory):
    """The build cache of the test session lives in a temporary folder, never in ~/.cache; nothing is recorded."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        mp.setenv("FINGERPOST_NO_RECORD", "1")  # no test keeps gaps in ~/.local/state; tests/test_gaps.py turns it on
        yield


def fingerpost_command() -> str:
    """The installed `fingerpost` script of the interpreter running the tests."""
    beside = Path(sys.executable).parent / "fingerpost"
    found = str(beside) if beside.exists() else shutil.which("fingerpost")
    if not found:
        pytest.fail("the `fingerpost` command is not installed — run `pip install -e '.[test]'`")
    return found


def require_external(path: Path, what: str) -> None:
    """Skip when test data outside the repository is absent; in CI its absence is a failure."""
    if not path.exists():
        message = f"{what} not found at {path}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def require_program(name: str) -> str:
    """The path of an external program; skipped when absent, but a failure in CI, which installs it."""
    found = shutil.which(name)
    if found is None:
        message = f"the `{name}` program is not installed"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found
