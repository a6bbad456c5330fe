"""the dashboard's aggregates by local day: the date range narrows every figure

Revision ID: 0006_dashboard_days
Revises: 0005_privacy
Create Date: 2026-12-04

dash_themes gains a mask of days, dash_items, dash_activity and dash_live a day, and
dash_item_districts sums dash_items per district (what the dashboard reads). Days are local
days of TIMEZONE (they were UTC days in dash_masks). The watermarks are reset, so the next
refresh recounts every school (on a large database run `flask --app quiz stats rebuild` once
after upgrading). The rows of purged challenges, whose pupils' rows are gone, are kept: they
cannot be split by day, so they are kept on the challenge's first day (themes: on every day);
a downgrade sums every table over the days.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_dashboard_days"
down_revision = "0005_privacy"
branch_labels = None
depends_on = None

EVERY_DAY = (1 << 63) - 1  # bits 0..62: the mask of a purged challenge's theme rows

ITEM_COLUMNS = ("band", "theme", "quiz_id", "item_id", "right", "wrong", "answers")


def _fks(school=True):
    keys = [sa.ForeignKeyConstraint(["challenge_id"], ["challenges.id"], ondelete="CASCADE")]
    if school:
        keys.append(sa.ForeignKeyConstraint(["school_id"], ["schools.id"], ondelete="CASCADE"))
    return keys


def _head(school=True):
    return [
        sa.Column("challenge_id", sa.Integer(), nullable=False),
        sa.Column("school_id" if school else "district_id", sa.Integer(), nullable=False),
        sa.Column("band", sa.String(length=5), nullable=False),
    ]


def _items(by_day):
    day = [sa.Column("day", sa.Date(), nullable=False)] if by_day else []
    return day + [
        sa.Column("theme", sa.String(length=40), nullable=False),
        sa.Column("quiz_id", sa.String(length=80), nullable=False),
        sa.Column("item_id", sa.String(length=80), nullable=False),
        sa.Column("right", sa.Integer(), nullable=False),
        sa.Column("wrong", sa.Integer(), nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
    ]


def _kept(table, columns):
    """The rows of purged challenges, with the challenge's first day and district."""
    names = ", ".join(f"t.{c}" for c in columns)
    sql = (
        f"SELECT t.challenge_id, t.school_id, c.starts_on AS day, s.district_id, {names} "
        f"FROM {table} t JOIN challenges c ON c.id = t.challenge_id "
        "JOIN schools s ON s.id = t.school_id WHERE c.purged_at IS NOT NULL"
    )
    return [dict(row._mapping) for row in op.get_bind().execute(sa.text(sql))]


def _insert(table, rows):
    if rows:
        op.bulk_insert(table, rows)


def _day(value):
    """A date read back by a raw query (SQLite returns text)."""
    from datetime import date

    return date.fromisoformat(value) if isinstance(value, str) else value


def upgrade():
    themes = _kept("dash_themes", ("band", "theme", "pupils"))
    items = _kept("dash_items", ITEM_COLUMNS)
    finished = _kept("dash_activity", ("band", "finished"))
    live = _kept("dash_live", ("band", "live_session_id"))
    for table in ("dash_themes", "dash_items", "dash_activity", "dash_live"):
        op.drop_table(table)
    op.execute("DELETE FROM dash_watermarks")  # the next refresh recounts every school

    dash_themes = op.create_table(
        "dash_themes",
        *_head(),
        sa.Column("theme", sa.String(length=40), nullable=False),
        sa.Column("days", sa.BigInteger(), nullable=False),
        sa.Column("pupils", sa.Integer(), nullable=False),
        *_fks(),
        sa.PrimaryKeyConstraint("challenge_id", "school_id", "band", "theme", "days"),
    )
    dash_items = op.create_table(
        "dash_items",
        *_head(),
        *_items(by_day=True),
        sa.Column("district_id", sa.Integer(), nullable=False),
        *_fks(),
        sa.PrimaryKeyConstraint(
            "challenge_id", "school_id", "band", "day", "theme", "quiz_id", "item_id"
        ),
    )
    op.create_index("ix_dash_items_school_id", "dash_items", ["school_id"])
    op.create_table(
        "dash_item_districts",
        *_head(school=False),
        *_items(by_day=True),
        *_fks(school=False),
        sa.ForeignKeyConstraint(["district_id"], ["districts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint(
            "challenge_id", "district_id", "band", "day", "theme", "quiz_id", "item_id"
        ),
    )
    dash_activity = op.create_table(
        "dash_activity",
        *_head(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("finished", sa.Integer(), nullable=False),
        *_fks(),
        sa.PrimaryKeyConstraint("challenge_id", "school_id", "band", "day"),
    )
    dash_live = op.create_table(
        "dash_live",
        *_head(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("live_session_id", sa.Integer(), nullable=False),
        *_fks(),
        sa.PrimaryKeyConstraint("challenge_id", "school_id", "band", "day", "live_session_id"),
    )
    for row in themes:
        row["days"] = EVERY_DAY
    for rows in (items, finished, live):
        for row in rows:
            row["day"] = _day(row["day"])
    _insert(
        dash_themes,
        [{k: v for k, v in r.items() if k not in ("day", "district_id")} for r in themes],
    )
    _insert(dash_items, items)
    _insert(dash_activity, [{k: v for k, v in r.items() if k != "district_id"} for r in finished])
    _insert(dash_live, [{k: v for k, v in r.items() if k != "district_id"} for r in live])
    keys = "challenge_id, district_id, band, day, theme, quiz_id, item_id"
    op.execute(
        f'INSERT INTO dash_item_districts ({keys}, "right", wrong, answers) '
        f'SELECT {keys}, sum("right"), sum(wrong), sum(answers) FROM dash_items GROUP BY {keys}'
    )


def _summed(sql):
    return [dict(row._mapping) for row in op.get_bind().execute(sa.text(sql))]


def downgrade():
    """Back to aggregates without days: the same figures summed over the days."""
    key = "challenge_id, school_id, band"
    themes = _summed(
        f"SELECT {key}, theme, sum(pupils) AS pupils FROM dash_themes GROUP BY {key}, theme"
    )
    items = _summed(
        f'SELECT {key}, theme, quiz_id, item_id, sum("right") AS "right", sum(wrong) AS wrong, '
        f"sum(answers) AS answers FROM dash_items GROUP BY {key}, theme, quiz_id, item_id"
    )
    finished = _summed(f"SELECT {key}, sum(finished) AS finished FROM dash_activity GROUP BY {key}")
    live = _summed(f"SELECT DISTINCT {key}, live_session_id FROM dash_live")
    for table in ("dash_item_districts", "dash_live", "dash_activity", "dash_items", "dash_themes"):
        op.drop_table(table)
    _insert(
        op.create_table(
            "dash_themes",
            *_head(),
            sa.Column("theme", sa.String(length=40), nullable=False),
            sa.Column("pupils", sa.Integer(), nullable=False),
            *_fks(),
            sa.PrimaryKeyConstraint("challenge_id", "school_id", "band", "theme"),
        ),
        themes,
    )
    _insert(
        op.create_table(
            "dash_items",
            *_head(),
            *_items(by_day=False),
            *_fks(),
            sa.PrimaryKeyConstraint(
                "challenge_id", "school_id", "band", "theme", "quiz_id", "item_id"
            ),
        ),
        items,
    )
    _insert(
        op.create_table(
            "dash_activity",
            *_head(),
            sa.Column("finished", sa.Integer(), nullable=False),
            *_fks(),
            sa.PrimaryKeyConstraint("challenge_id", "school_id", "band"),
        ),
        finished,
    )
    _insert(
        op.create_table(
            "dash_live",
            *_head(),
            sa.Column("live_session_id", sa.Integer(), nullable=False),
            *_fks(),
            sa.PrimaryKeyConstraint("challenge_id", "school_id", "band", "live_session_id"),
        ),
        live,
    )
