"""Where the project's shared files live, installed or in a checkout."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["default_database_path", "notebook_path", "reference_file", "repo_root", "templates_dir"]

_PACKAGE = Path(__file__).resolve().parent


def repo_root() -> Path:
    """The checkout's root (the folder holding pyproject.toml) when running from one."""
    return _PACKAGE.parent


def _shared(*parts: str) -> Path:
    """A shared file: inside the wheel (``_shared``) or in the checkout."""
    installed = _PACKAGE.joinpath("_shared", *parts)
    if installed.exists():
        return installed
    top = {"templates": ("templates",), "reference": ("data", "reference")}[parts[0]]
    return repo_root().joinpath(*top, *parts[1:])


def templates_dir() -> Path:
    """The folder holding the nbconvert templates (``templates/`` in the checkout)."""
    return _shared("templates")


def reference_file() -> Path:
    """The legal and policy reference table; ``SPMP_REFERENCE_FILE`` overrides it."""
    override = os.environ.get("SPMP_REFERENCE_FILE")
    if override:
        return Path(override)
    return _shared("reference", "legal_constants.csv")


def default_database_path() -> Path:
    """The embedded SQLite store used when ``SPMP_DATABASE_URL`` is not set.

    ``$SPMP_HOME/spmp.sqlite3``, where ``SPMP_HOME`` defaults to ``~/.local/share/spmp``.
    """
    home = os.environ.get("SPMP_HOME") or os.path.join(
        os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share"), "spmp"
    )
    return Path(home) / "spmp.sqlite3"


def notebook_path(name: str) -> Path:
    """A notebook of the app (``notebooks/`` in the checkout, packaged in the wheel)."""
    installed = _PACKAGE.joinpath("_shared", "notebooks", name)
    if installed.exists():
        return installed
    return repo_root() / "notebooks" / name
