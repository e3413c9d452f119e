"""Autosaved drafts: what a user typed into a plan and has not saved yet.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from spmp_widgets.store.tables import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "drafts",
        sa.Column("subject_id", sa.String(40), sa.ForeignKey("subjects.id"), primary_key=True),
        sa.Column("username", sa.String(64), sa.ForeignKey("users.username"), primary_key=True),
        sa.Column("page_id", sa.String(32), primary_key=True),
        sa.Column("based_on_version", sa.Integer, nullable=False),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("saved_at", UTCDateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("drafts")
