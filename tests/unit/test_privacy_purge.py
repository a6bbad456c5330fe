"""Retention: pupil rows go N days after the report deadline; the report stays identical."""

from datetime import date

from sqlalchemy import func, select

from quiz.extensions import db
from quiz.models import Answer, Attempt, Participant
from quiz.services import aggregates, dashboard, participation, privacy, report, rollups
from tests.factories_organizers import world


def _rows(model, challenge_id):
    """Rows of a challenge: its attempts, or the pupils who made them."""
    attempts = select(Attempt.participant_id).where(Attempt.challenge_id == challenge_id)
    if model is Attempt:
        return db.session.scalar(select(func.count()).select_from(attempts.subquery()))
    query = select(func.count()).select_from(Participant).where(Participant.id.in_(attempts))
    return db.session.scalar(query)


def test_purge_deletes_pupils_and_answers_and_keeps_the_report_identical(app):
    w = world()
    challenge, older = w["c"], w["other"]
    filters = participation.Filters(challenge.id)
    aggregates.refresh(wait=True, full=True)
    before = {lang: report.build(filters, lang) for lang in ("kk", "ru")}
    figures = (dashboard.by_day(filters), dashboard.by_theme_slug(filters))
    older_pupils = _rows(Participant, older.id)
    answers_kept = db.session.scalar(
        select(func.count())
        .select_from(Answer)
        .join(Attempt)
        .where(Attempt.challenge_id != challenge.id)
    )
    assert _rows(Participant, challenge.id) > 0 and _rows(Attempt, challenge.id) > 0

    assert {c.id for c in privacy.due(date(2026, 4, 30), 180)} == {older.id, challenge.id}
    counts = privacy.purge(challenge)

    assert counts["participants"] > 0 and counts["answers"] > 0
    assert _rows(Participant, challenge.id) == 0 and _rows(Attempt, challenge.id) == 0
    assert db.session.scalar(select(func.count()).select_from(Answer)) == answers_kept
    for lang in ("kk", "ru"):
        after = report.build(filters, lang)
        assert (after.rows, after.total) == (before[lang].rows, before[lang].total)
    assert _rows(Participant, older.id) == older_pupils  # another challenge is untouched
    # the roll-ups and dashboard figures of the purged challenge survive a rebuild
    rollups.rebuild()
    aggregates.rebuild()
    assert (dashboard.by_day(filters), dashboard.by_theme_slug(filters)) == figures
    after = report.build(filters, "kk")
    assert (after.rows, after.total) == (before["kk"].rows, before["kk"].total)
    assert set(rollups.differences().values()) == {0}


def test_nothing_is_purged_before_deadline_plus_n_days(app):
    w = world()
    deadline = w["c"].report_deadline
    assert w["c"] not in privacy.due(deadline, 180)
    assert w["c"] not in privacy.due(date(2026, 4, 19), 180)  # 179 days after 22 Oct 2025
    assert w["c"] in privacy.due(date(2026, 4, 21), 180)


def test_purge_command_reports_what_it_deleted(app):
    world()
    result = app.test_cli_runner().invoke(args=["privacy", "purge", "--days", "0"])
    assert result.exit_code == 0
    assert "purged challenge" in result.output and "participants" in result.output
    again = app.test_cli_runner().invoke(args=["privacy", "purge", "--days", "0"])
    assert "nothing to purge" in again.output
