"""Every pupil request stays within 5 SQL statements, whatever the data (issue: scale)."""

import re

import pytest
from sqlalchemy import event

from quiz.extensions import db
from quiz.models import RollupTaker
from tests import factories
from tests import factories_pupils as pf

BUDGET = 5
QUIZ = "every-kind"


@pytest.fixture
def statements(app):
    """Record the SQL statements (not BEGIN/COMMIT) the app runs."""
    seen = []

    def record(_conn, _cursor, statement, *_args):
        if not statement.startswith(("BEGIN", "COMMIT", "ROLLBACK")):
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    yield seen
    event.remove(db.engine, "before_cursor_execute", record)


def _count(statements, call):
    statements.clear()
    response = call()
    assert response.status_code < 400, response.get_data(as_text=True)[:300]
    return len(statements)


def test_pupil_pages_and_api_stay_within_the_query_budget(app, client, statements):
    factories.challenge(current=True)  # a first answer also counts the pupil in it
    klass = factories.klass()
    pf.assignment(klass)
    code = klass.join_code
    db.session.remove()
    counts = {}
    counts["join page"] = _count(statements, lambda: client.get("/kk/join"))
    counts["join"] = _count(statements, lambda: client.post("/kk/join", data={"code": code}))
    counts["nickname"] = _count(
        statements, lambda: client.post(f"/kk/join/{code}", data={"nickname": "Айгерім"})
    )
    start = client.post("/kk/start", data={"quiz_id": QUIZ})
    attempt = int(re.search(r"/attempt/(\d+)", start.location).group(1))
    item = f"/kk/attempt/{attempt}/item/share-password"
    counts["question page"] = _count(statements, lambda: client.get(item))
    counts["answer (form)"] = _count(
        statements, lambda: client.post(item, data={"response": "refuse"})
    )
    counts["feedback page"] = _count(statements, lambda: client.get(item))
    counts["results"] = _count(statements, lambda: client.post(f"/kk/attempt/{attempt}/finish"))
    over = {name: n for name, n in counts.items() if n > BUDGET}
    assert over == {}, counts


def test_pupil_api_stays_within_the_query_budget(app, client, statements):
    factories.challenge(current=True)  # a first answer also counts the pupil in it
    pupil, token = pf.pupil()
    db.session.remove()
    auth = {"Authorization": f"Bearer {token}"}
    counts = {}
    opened = client.post("/api/v1/attempts", json={"quiz_id": QUIZ}, headers=auth)
    attempt = opened.get_json()["attempt_id"]
    base = f"/api/v1/attempts/{attempt}"
    counts["item"] = _count(
        statements, lambda: client.get(f"{base}/items/twofa?lang=kk", headers=auth)
    )
    counts["answer"] = _count(
        statements,
        lambda: client.put(f"{base}/answers/twofa", json={"response": True}, headers=auth),
    )
    counts["resend"] = _count(
        statements,
        lambda: client.put(f"{base}/answers/twofa", json={"response": True}, headers=auth),
    )
    counts["finish"] = _count(statements, lambda: client.post(f"{base}/finish", headers=auth))
    over = {name: n for name, n in counts.items() if n > BUDGET}
    assert over == {}, counts
    assert db.session.query(RollupTaker).count() == 1  # the first answer's path was measured
