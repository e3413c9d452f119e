"""Who is acting and on which store: read once per page from the environment Voila passes on."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from urllib.parse import parse_qs

from ..services.users import User, get_user
from ..store import Store

__all__ = ["AppContext", "query_params"]


@dataclass
class AppContext:
    """The store and the acting user of one page."""

    store: Store
    user: User

    @classmethod
    def from_environment(cls) -> AppContext:
        """``SPMP_DATABASE_URL`` and ``SPMP_USER`` as set by ``spmp serve``."""
        store = Store()
        user = get_user(store, os.environ.get("SPMP_USER") or getpass.getuser())
        return cls(store, user)


def query_params() -> dict[str, str]:
    """The page address's query string (Voila passes it to the kernel as QUERY_STRING)."""
    raw = os.environ.get("QUERY_STRING", "")
    return {k: v[0] for k, v in parse_qs(raw).items() if v}
