"""the dashboard's aggregates per school, refreshed from watermarks

Revision ID: 0004_dashboard
Revises: 0003_perf
Create Date: 2026-11-24

The tables start empty: the first refresh (a dashboard request or
`flask --app quiz stats refresh`) recounts every school; on a large database run
`flask --app quiz stats rebuild` once after upgrading.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_dashboard"
down_revision = "0003_perf"
branch_labels = None
depends_on = None


def _keys():
    return [
        sa.Column("challenge_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("band", sa.String(length=5), nullable=False),
    ]


def _fks():
    return [
        sa.ForeignKeyConstraint(["challenge_id"], ["challenges.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["school_id"], ["schools.id"], ondelete="CASCADE"),
    ]


def upgrade():
    op.create_table(
        "dash_days",
        *_keys(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("pupils", sa.Integer(), nullable=False),
        *_fks(),
        sa.PrimaryKeyConstraint("challenge_id", "school_id", "band", "day"),
    )
    op.create_table(
        "dash_themes",
        *_keys(),
        sa.Column("theme", sa.String(length=40), nullable=False),
        sa.Column("pupils", sa.Integer(), nullable=False),
        *_fks(),
        sa.PrimaryKeyConstraint("challenge_id", "school_id", "band", "theme"),
    )
    op.create_table(
        "dash_items",
        *_keys(),
        sa.Column("theme", sa.String(length=40), nullable=False),
        sa.Column("quiz_id", sa.String(length=80), nullable=False),
        sa.Column("item_id", sa.String(length=80), nullable=False),
        sa.Column("right", sa.Integer(), nullable=False),
        sa.Column("wrong", sa.Integer(), nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        *_fks(),
        sa.PrimaryKeyConstraint("challenge_id", "school_id", "band", "theme", "quiz_id", "item_id"),
    )
    op.create_table(
        "dash_activity",
        *_keys(),
        sa.Column("finished", sa.Integer(), nullable=False),
        *_fks(),
        sa.PrimaryKeyConstraint("challenge_id", "school_id", "band"),
    )
    op.create_table(
        "dash_live",
        *_keys(),
        sa.Column("live_session_id", sa.Integer(), nullable=False),
        *_fks(),
        sa.PrimaryKeyConstraint("challenge_id", "school_id", "band", "live_session_id"),
    )
    op.create_table(
        "dash_masks",
        *_keys()[:2],
        sa.Column("class_id", sa.Integer(), nullable=False),
        sa.Column("band", sa.String(length=5), nullable=False),
        sa.Column("days", sa.BigInteger(), nullable=False),
        sa.Column("pupils", sa.Integer(), nullable=False),
        *_fks(),
        sa.PrimaryKeyConstraint("challenge_id", "school_id", "class_id", "band", "days"),
    )
    op.create_table(
        "dash_dirty",
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["school_id"], ["schools.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("school_id"),
    )
    op.create_table(
        "dash_watermarks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("answer_id", sa.BigInteger(), nullable=False),
        sa.Column("attempt_id", sa.BigInteger(), nullable=False),
        sa.Column("refreshed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade():
    for table in (
        "dash_watermarks",
        "dash_dirty",
        "dash_masks",
        "dash_live",
        "dash_activity",
        "dash_items",
        "dash_themes",
        "dash_days",
    ):
        op.drop_table(table)
