"""Dates shown to people are the school's day (Asia/Almaty, UTC+5), not the UTC one.

At 20:30 UTC it is already 01:30 the next day in Kazakhstan.
"""

import csv
import io
import re
from datetime import datetime

from quiz.extensions import db
from quiz.models import Attempt
from tests import factories
from tests import factories_teachers as ft

LATE_EVENING_UTC = datetime(2026, 3, 1, 20, 30)  # 2 March, 01:30 in Almaty


def test_a_certificate_carries_the_local_day_it_was_earned(client):
    started = client.post("/ru/start", data={"quiz_id": "every-kind"})
    attempt_id = int(re.search(r"/attempt/(\d+)", started.location).group(1))
    client.post(f"/ru/attempt/{attempt_id}/finish")
    db.session.get(Attempt, attempt_id).finished_at = LATE_EVENING_UTC
    db.session.commit()
    response = client.post(f"/ru/attempt/{attempt_id}/certificate", data={"name": "Әлия"})
    page = response.get_data(as_text=True)
    assert "2 марта 2026" in page and "1 марта" not in page


def test_the_results_export_dates_a_run_by_the_local_day(client):
    teacher = factories.user("teacher")
    factories.login(client, teacher)
    klass = factories.klass(teacher, grade=6)
    session = ft.live_session(klass, created_at=LATE_EVENING_UTC)
    pupil = factories.participant(klass, nickname="Әлия")
    ft.attempt(pupil, klass, {"twofa": True}, session_row=session)
    body = client.get(f"/ru/teacher/classes/{klass.id}/results.csv").get_data()
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == ["2026-03-02"]
    page = client.get(f"/ru/teacher/classes/{klass.id}/results").get_data(as_text=True)
    assert "2 мар. 2026" in page and "1 мар. 2026" not in page
