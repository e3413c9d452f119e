"""The store: SQLAlchemy tables, Alembic migrations, and the Store class."""

from __future__ import annotations

from .store import Store, StoredUser, database_url

__all__ = ["Store", "StoredUser", "database_url"]
