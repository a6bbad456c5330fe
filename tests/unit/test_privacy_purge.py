"""Retention: pupil rows go N days after the report deadline; the report stays identical."""

from datetime import date

from sqlalchemy import func, select

from quiz.extensions import db
from quiz.models import Answer, Attempt, Participant
from quiz.services import aggregates, dashboard, participation, privacy, report, rollups
from tests import factories
from tests.factories_organizers import world


def _attempts(challenge_id) -> int:
    """Attempts of a challenge."""
    query = select(func.count()).select_from(Attempt).where(Attempt.challenge_id == challenge_id)
    return db.session.scalar(query)


def _pupil_ids(challenge_id) -> set[int]:
    """The challenge's pupils, read before anything is deleted: those who joined in it and
    those who made an attempt in it."""
    in_attempts = select(Attempt.participant_id).where(Attempt.challenge_id == challenge_id)
    joined = select(Participant.id).where(Participant.challenge_id == challenge_id)
    return set(db.session.scalars(in_attempts)) | set(db.session.scalars(joined))


def _participants(ids) -> int:
    """Participant rows with these ids still stored (counted directly, not via attempts)."""
    query = select(func.count()).select_from(Participant).where(Participant.id.in_(ids))
    return db.session.scalar(query)


def test_purge_deletes_pupils_and_answers_and_keeps_the_report_identical(app):
    w = world()
    challenge, older = w["c"], w["other"]
    filters = participation.Filters(challenge.id)
    aggregates.refresh(wait=True, full=True)
    before = {lang: report.build(filters, lang) for lang in ("kk", "ru")}
    figures = (dashboard.by_day(filters), dashboard.by_theme_slug(filters))
    # a pupil who joined in the challenge and never answered goes too
    joined = factories.participant()
    joined.challenge_id = challenge.id
    db.session.commit()
    pupils, older_pupils = _pupil_ids(challenge.id), _pupil_ids(older.id) - _pupil_ids(challenge.id)
    assert joined.id in pupils and older_pupils
    answers_kept = db.session.scalar(
        select(func.count())
        .select_from(Answer)
        .join(Attempt)
        .where(Attempt.challenge_id != challenge.id)
    )
    assert _participants(pupils) == len(pupils) > 1 and _attempts(challenge.id) > 0

    assert {c.id for c in privacy.due(date(2026, 4, 30), 180)} == {older.id, challenge.id}
    counts = privacy.purge(challenge)

    assert counts["participants"] == len(pupils) and counts["answers"] > 0
    assert _participants(pupils) == 0 and _attempts(challenge.id) == 0
    assert db.session.scalar(select(func.count()).select_from(Answer)) == answers_kept
    for lang in ("kk", "ru"):
        after = report.build(filters, lang)
        assert (after.rows, after.total) == (before[lang].rows, before[lang].total)
    # another challenge's pupils (who never answered in this one) are untouched
    assert _participants(older_pupils) == len(older_pupils)
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
