"""the 2025 challenge of the rules

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24

"""

from datetime import date, datetime

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

THEMES = [
    "conscious-use",
    "starts-with-you",
    "cyber-friendship",
    "protect-your-data",
    "dont-stand-by",
    "tool-for-growth",
    "support-and-help",
    "critical-thinking",
]


SLUG = "safety-online-2025"
# Tables of revision 0001 whose rows can name a challenge
REFERRING = ("participants", "attempts", "offline_activities", "social_links", "paper_sessions")


def upgrade():
    # After a downgrade that kept the challenge (its data refers to it), do not add it twice.
    found = op.get_bind().execute(
        sa.text("SELECT 1 FROM challenges WHERE slug = :slug"), {"slug": SLUG}
    )
    if found.first() is not None:
        return
    challenges = sa.table(
        "challenges",
        sa.column("slug", sa.String),
        sa.column("name_kk", sa.String),
        sa.column("name_ru", sa.String),
        sa.column("starts_on", sa.Date),
        sa.column("ends_on", sa.Date),
        sa.column("report_deadline", sa.Date),
        sa.column("hashtags", sa.JSON),
        sa.column("tagged_accounts", sa.JSON),
        sa.column("themes", sa.JSON),
        sa.column("is_current", sa.Boolean),
        sa.column("created_at", sa.DateTime),
    )
    op.bulk_insert(
        challenges,
        [
            {
                "slug": SLUG,
                "name_kk": "«Желідегі қауіпсіздік» челленджі",
                "name_ru": "Челлендж «Безопасность в сети»",
                "starts_on": date(2025, 10, 9),
                "ends_on": date(2025, 10, 17),
                "report_deadline": date(2025, 10, 22),
                "hashtags": ["#ЖелідегіҚауіпсіздік2025", "#БезопасностьВСети2025"],
                "tagged_accounts": ["Instagram: orken_instituty", "Facebook: Orken Institute"],
                "themes": THEMES,
                "is_current": True,
                "created_at": datetime(2025, 10, 1),
            }
        ],
    )


def downgrade():
    # Remove the challenge only while nothing refers to it: a downgrade never deletes
    # pupils' answers or teachers' records (and a foreign key would refuse it anyway).
    unused = " AND ".join(
        f"NOT EXISTS (SELECT 1 FROM {table} t WHERE t.challenge_id = challenges.id)"
        for table in REFERRING
    )
    statement = sa.text(f"DELETE FROM challenges WHERE slug = :slug AND {unused}")
    op.execute(statement.bindparams(slug=SLUG))
