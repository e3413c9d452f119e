"""The store: SQLAlchemy tables, Alembic migrations, and the Store class."""

from __future__ import annotations

from .store import Draft, Store, StoredUser, database_url

__all__ = ["Draft", "Store", "StoredUser", "database_url"]
