"""Time the counting rule on a country-sized PostgreSQL data set (not part of `make test`).

Usage: BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/quiz_bench \
       python -m bench.organizer_scale [participants]
Builds 20 regions, 200 districts, 7,500 schools, 4 classes each, N participants (default
3.5M) with one answered attempt each, 2 activities per class and 2 links per school.
"""

import os
import sys
import time

from sqlalchemy import text

from quiz import create_app
from quiz.extensions import db
from quiz.services import participation, report

SQL = """
INSERT INTO challenges (id, slug, name_kk, name_ru, starts_on, ends_on, report_deadline,
  hashtags, tagged_accounts, themes, is_current, created_at)
VALUES (1, 'b', 'b', 'b', '2025-10-09', '2025-10-17', '2025-10-22', '[]', '[]', '[]', true, now());
INSERT INTO regions (id, name_kk, name_ru, name_key)
  SELECT g, 'Р' || g, 'Р' || g, 'р' || g FROM generate_series(1, 20) g;
INSERT INTO districts (id, region_id, name_kk, name_ru, name_key)
  SELECT g, 1 + g % 20, 'Д' || g, 'Д' || g, 'д' || g FROM generate_series(1, 200) g;
INSERT INTO schools (id, district_id, name_kk, name_ru, name_key, status, created_at)
  SELECT g, 1 + g % 200, 'Мектеп ' || g, 'Школа ' || g, 'школа ' || g, 'active', now()
  FROM generate_series(1, 7500) g;
INSERT INTO classes (id, school_id, grade, letter, language, join_code, created_at)
  SELECT g, 1 + g % 7500, 1 + g % 11, 'А', 'kk', 'C' || g, now() FROM generate_series(1, 30000) g;
INSERT INTO participants (id, token_hash, nickname, nickname_key, class_id, school_id, band, lang,
  seats, removed, created_at, last_seen_at)
  SELECT g, md5(g::text), 'n' || g, 'n' || g,
    CASE WHEN g % 50 = 0 THEN NULL ELSE 1 + g % 30000 END, 1 + (g % 30000) % 7500,
    '5-9', 'kk', 1, false, now(), now()
  FROM generate_series(1, :n) g;
INSERT INTO attempts (id, participant_id, quiz_id, quiz_version, theme, band, mode, challenge_id,
  class_id, school_id, score, max_score, started_at, finished_at)
  SELECT g, g, 'q', 1, 'protect-your-data', '5-9', 'live', 1, NULL, NULL, 1, 1,
    '2025-10-10 09:00', '2025-10-10 09:10' FROM generate_series(1, :n) g;
INSERT INTO answers (id, attempt_id, item_id, quiz_version, score, max_score, correct, answered_at)
  SELECT g, g, 'i' || (g % 12), 1, 1, 1, g % 3 = 0, now() FROM generate_series(1, :n) g;
INSERT INTO offline_activities (id, challenge_id, school_id, class_id, kind, held_on, themes,
  participants, description, created_at, updated_at)
  SELECT g, 1, 1 + (g % 30000) % 7500, 1 + g % 30000, 'debate', '2025-10-12', '[]', 20 + g % 30,
    '', now(), now() FROM generate_series(1, 60000) g;
INSERT INTO social_links (id, challenge_id, school_id, url, url_key, network, created_at)
  SELECT g, 1, 1 + g % 7500, 'https://t.me/s/' || g, 'https://t.me/s/' || g, 'telegram', now()
  FROM generate_series(1, 15000) g;
ANALYZE;
"""


def timed(label, fn):
    """Run fn, print how long it took, return its value."""
    start = time.perf_counter()
    value = fn()
    print(f"{label}: {time.perf_counter() - start:.2f} s")
    return value


def main() -> None:
    """Build the data set (when empty) and time the organizers' queries."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3_500_000
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": os.environ["BENCH_DATABASE_URL"],
            "SECRET_KEY": "b",
            "TESTING": True,
        }
    )
    with app.app_context(), app.test_request_context("/kk/"):
        if (
            db.session.execute(text("SELECT to_regclass('schools')")).scalar() is None
            or not db.session.execute(text("SELECT count(*) FROM schools")).scalar()
        ):
            db.drop_all()
            db.create_all()
            for statement in SQL.split(";"):
                if statement.strip():
                    timed(
                        statement.split()[2] if "INSERT" in statement else "analyze",
                        lambda s=statement: db.session.execute(text(s), {"n": n}),
                    )
            db.session.commit()
        filters = participation.Filters(1)
        totals = timed("totals (national)", lambda: participation.totals(filters))
        print(totals)
        timed("by_region", lambda: participation.by_region(filters))
        table = timed("report.build (7,500 rows, links)", lambda: report.build(filters, "kk"))
        print(len(table.rows), "rows, total", table.total)
        timed("report xlsx", lambda: report.export(table, "xlsx"))
        timed("totals (one region)", lambda: participation.totals(participation.Filters(1, 3)))


if __name__ == "__main__":
    main()
