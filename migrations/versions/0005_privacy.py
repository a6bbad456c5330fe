"""challenges.purged_at: when pupil-level rows were deleted (retention)

Revision ID: 0005_privacy
Revises: 0004_dashboard
Create Date: 2026-11-24

"""

import sqlalchemy as sa
from alembic import op

revision = "0005_privacy"
down_revision = "0004_dashboard"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("challenges") as batch:
        batch.add_column(sa.Column("purged_at", sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("challenges") as batch:
        batch.drop_column("purged_at")
