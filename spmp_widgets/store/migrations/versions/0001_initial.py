"""Initial schema: users, subjects, append-only plan versions, sign-offs, history.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from spmp_widgets.store.tables import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_APPEND_ONLY = ("plan_versions", "sign_offs")


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("username", sa.String(64), primary_key=True),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_table(
        "subjects",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("display_name", sa.String(300), nullable=False),
        sa.Column("current_version", sa.Integer, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_table(
        "plan_versions",
        sa.Column("subject_id", sa.String(40), sa.ForeignKey("subjects.id"), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("schema_version", sa.Integer, nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("author", sa.String(64), sa.ForeignKey("users.username"), nullable=False),
        sa.Column("saved_at", UTCDateTime, nullable=False),
        sa.Column("risk_level", sa.String(16), nullable=False),
        sa.Column("next_review_due", sa.Date, nullable=True),
    )
    op.create_table(
        "sign_offs",
        sa.Column("subject_id", sa.String(40), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(64), sa.ForeignKey("users.username"), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("signed_at", UTCDateTime, nullable=False),
        sa.Column("rationale", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(["subject_id", "version"],
                                ["plan_versions.subject_id", "plan_versions.version"]),
    )
    op.create_table(
        "history_items",
        sa.Column("subject_id", sa.String(40), sa.ForeignKey("subjects.id"), primary_key=True),
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("item_id", sa.String(40), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("schema_version", sa.Integer, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("recorded_by", sa.String(64), nullable=False),
        sa.Column("recorded_at", UTCDateTime, nullable=False),
    )
    # The database itself refuses to change or delete a stored version or a sign-off,
    # whatever code path tries (the form's read-only flag is only advisory).
    dialect = op.get_bind().dialect.name
    for table in _APPEND_ONLY:
        if dialect == "sqlite":
            for verb in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )
        elif dialect == "postgresql":
            op.execute(
                "CREATE OR REPLACE FUNCTION spmp_append_only() RETURNS trigger AS $$ "
                "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation'; "
                "END $$ LANGUAGE plpgsql"
            )
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION spmp_append_only()"
            )


def downgrade() -> None:
    for table in ("history_items", "sign_offs", "plan_versions", "subjects", "users"):
        op.drop_table(table)
