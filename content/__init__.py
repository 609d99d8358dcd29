"""Embedded decision packs. `default_path()` is the Rancher install pack shipped with fingerpost."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["default_path", "PACKS"]

PACKS = ("rancher",)


def default_path() -> Path:
    """Folder of the default pack, for an editable install and a wheel alike."""
    return Path(str(files("fingerpost.content").joinpath("rancher")))
