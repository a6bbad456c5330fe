"""roll-ups of the counting rule, indexes for the organizers' figures at national scale

Revision ID: 0003_perf
Revises: 0002
Create Date: 2026-11-25

"""

import sqlalchemy as sa
from alembic import op

revision = "0003_perf"
down_revision = "0002"
branch_labels = None
depends_on = None

# Fills the roll-ups from existing data: the same statements as `flask stats rebuild`.
FILL = (
    """INSERT INTO rollup_takers (challenge_id, participant_id)
    SELECT DISTINCT a.challenge_id, a.participant_id FROM attempts a
    WHERE a.challenge_id IS NOT NULL
      AND EXISTS (SELECT 1 FROM answers x WHERE x.attempt_id = a.id)""",
    """INSERT INTO rollup_classes (challenge_id, class_id, pupils)
    SELECT t.challenge_id, p.class_id, SUM(p.seats) FROM rollup_takers t
    JOIN participants p ON p.id = t.participant_id
    WHERE NOT p.removed AND p.class_id IS NOT NULL GROUP BY t.challenge_id, p.class_id""",
    """INSERT INTO rollup_solo (challenge_id, school_id, band, pupils)
    SELECT t.challenge_id, p.school_id, p.band, SUM(p.seats) FROM rollup_takers t
    JOIN participants p ON p.id = t.participant_id
    WHERE NOT p.removed AND p.class_id IS NULL AND p.school_id IS NOT NULL
    GROUP BY t.challenge_id, p.school_id, p.band""",
)


def upgrade():
    op.create_table(
        "rollup_takers",
        sa.Column("challenge_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["challenge_id"], ["challenges.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["participant_id"], ["participants.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("challenge_id", "participant_id"),
    )
    with op.batch_alter_table("rollup_takers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_rollup_takers_participant_id"), ["participant_id"], unique=False
        )
    op.create_table(
        "rollup_classes",
        sa.Column("challenge_id", sa.Integer(), nullable=False),
        sa.Column("class_id", sa.Integer(), nullable=False),
        sa.Column("pupils", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["challenge_id"], ["challenges.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["class_id"], ["classes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("challenge_id", "class_id"),
    )
    op.create_table(
        "rollup_solo",
        sa.Column("challenge_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("band", sa.String(length=5), nullable=False),
        sa.Column("pupils", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["challenge_id"], ["challenges.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["school_id"], ["schools.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("challenge_id", "school_id", "band"),
    )
    for statement in FILL:
        op.execute(statement)


def downgrade():
    op.drop_table("rollup_solo")
    op.drop_table("rollup_classes")
    with op.batch_alter_table("rollup_takers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rollup_takers_participant_id"))
    op.drop_table("rollup_takers")
