"""The store's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (Boolean, Column, Date, DateTime, ForeignKeyConstraint, Integer, MetaData,
                        String, Table, Text, TypeDecorator)

__all__ = ["UTCDateTime", "drafts", "history_items", "metadata", "plan_versions", "sign_offs", "subjects",
           "users"]


class UTCDateTime(TypeDecorator):
    """Timezone-aware datetimes kept as UTC, whatever the database does with zones."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect):  # type: ignore[override]
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use a timezone-aware one")
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect):  # type: ignore[override]
        return None if value is None else value.replace(tzinfo=dt.timezone.utc)


metadata = MetaData()

users = Table(
    "users", metadata,
    Column("username", String(64), primary_key=True),
    Column("display_name", String(200), nullable=False),
    Column("role", String(32), nullable=False),
    Column("password_hash", String(255), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", UTCDateTime, nullable=False),
)

subjects = Table(
    "subjects", metadata,
    Column("id", String(40), primary_key=True),
    Column("display_name", String(300), nullable=False),
    Column("current_version", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

plan_versions = Table(
    "plan_versions", metadata,
    Column("subject_id", String(40), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("schema_version", Integer, nullable=False),
    Column("document", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("author", String(64), nullable=False),
    Column("saved_at", UTCDateTime, nullable=False),
    Column("risk_level", String(16), nullable=False),
    Column("next_review_due", Date, nullable=True),
    ForeignKeyConstraint(["subject_id"], ["subjects.id"]),
    ForeignKeyConstraint(["author"], ["users.username"]),
)

sign_offs = Table(
    "sign_offs", metadata,
    Column("subject_id", String(40), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("username", String(64), nullable=False),
    Column("role", String(32), nullable=False),
    Column("signed_at", UTCDateTime, nullable=False),
    Column("rationale", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    ForeignKeyConstraint(["subject_id", "version"], ["plan_versions.subject_id", "plan_versions.version"]),
    ForeignKeyConstraint(["username"], ["users.username"]),
)

history_items = Table(
    "history_items", metadata,
    Column("subject_id", String(40), primary_key=True),
    Column("kind", String(16), primary_key=True),
    Column("item_id", String(40), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("schema_version", Integer, nullable=False),
    Column("payload", Text, nullable=False),
    Column("recorded_by", String(64), nullable=False),
    Column("recorded_at", UTCDateTime, nullable=False),
    ForeignKeyConstraint(["subject_id"], ["subjects.id"]),
)

# What a user had typed into a plan and not yet saved: one row per plan, user and page (a
# browser tab), written by autosave and removed on save or discard. Two tabs never overwrite
# each other's typing. Not part of the record; never signed.
drafts = Table(
    "drafts", metadata,
    Column("subject_id", String(40), primary_key=True),
    Column("username", String(64), primary_key=True),
    Column("page_id", String(32), primary_key=True),
    Column("based_on_version", Integer, nullable=False),
    Column("state", Text, nullable=False),
    Column("saved_at", UTCDateTime, nullable=False),
    ForeignKeyConstraint(["subject_id"], ["subjects.id"]),
    ForeignKeyConstraint(["username"], ["users.username"]),
)
