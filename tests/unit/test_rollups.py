"""The roll-ups behind the organizers' figures stay equal to a recomputation by the rule."""

from sqlalchemy import insert

from quiz.extensions import db
from quiz.models import Answer, Attempt, Participant, RollupClass
from quiz.services import participation as p
from quiz.services import registry, rollups
from tests import factories as f
from tests.factories_organizers import attempt, pupil, world
from tests.factories_teachers import assignment

NO_DIFFERENCE = {"takers": 0, "classes": 0, "solo": 0}


def _by_rule(app, filters):
    """The report's rows counted from answers and attempts, the roll-ups switched off."""
    app.config["STATS_ROLLUPS"] = False
    try:
        return p.by_school(filters), p.totals(filters)
    finally:
        app.config["STATS_ROLLUPS"] = True


def _assert_exact(app, w):
    assert rollups.differences() == NO_DIFFERENCE
    for filters in (p.Filters(w["c"].id), p.Filters(w["c"].id, band="5-9")):
        assert (p.by_school(filters), p.totals(filters)) == _by_rule(app, filters)


def _core_answer(attempt_row, item_id):
    """An answer stored with a Core INSERT, as an idempotent endpoint may do, plus the hook."""
    db.session.execute(
        insert(Answer).values(
            attempt_id=attempt_row.id, item_id=item_id, quiz_version=1, correct=True
        )
    )
    first = rollups.record_first_answer(attempt_row.participant_id, attempt_row.challenge_id)
    db.session.commit()
    return first


def test_rollups_equal_a_recount_after_a_mixed_workload(app):
    w = world()
    c, k1, k3 = w["c"], w["k1"], w["k3"]
    _assert_exact(app, w)
    assert p.totals(p.Filters(c.id))["participants"] == 127

    late = pupil(k3, seats=3)  # a team seat answers through a Core insert and the hook
    bare = attempt(late, c, answers=())
    assert _core_answer(bare, "i1") is True
    assert _core_answer(bare, "i2") is False  # not the first answer any more
    removed = db.session.scalars(select_pupils(k1)).first()
    removed.removed = True  # removed from a lobby after answering
    moved = pupil(k1)
    attempt(moved, c)
    moved.class_id, moved.seats = k3.id, 2  # joined the wrong class, then fixed by the teacher
    db.session.commit()
    _assert_exact(app, w)

    work = assignment(k3)
    gone = pupil(k3)
    db.session.add(
        Attempt(
            participant_id=gone.id,
            quiz_id="q",
            quiz_version=1,
            theme="protect-your-data",
            band="5-9",
            mode="assignment",
            challenge_id=c.id,
            assignment_id=work.id,
        )
    )
    db.session.flush()
    db.session.add(
        Answer(
            attempt_id=db.session.scalars(
                db.select(Attempt.id).where(Attempt.participant_id == gone.id)
            ).one(),
            item_id="i1",
            quiz_version=1,
            correct=False,
        )
    )
    db.session.commit()
    _assert_exact(app, w)
    db.session.delete(work)  # the database deletes its attempts and answers
    db.session.delete(db.session.get(Attempt, bare.id))
    db.session.commit()
    _assert_exact(app, w)

    solo = pupil(None, f.school(w["d1"], name_ru="Новая школа", status="pending"))
    attempt(solo, c)
    registry.merge(solo.school_id, w["s2"].id)  # bulk updates, recounted by merge
    db.session.delete(db.session.get(type(k1), w["k2"].id))  # a class and its pupils
    db.session.commit()
    _assert_exact(app, w)


def select_pupils(klass_row):
    """Pupils of a class who answered something, oldest first."""
    answered = db.select(Attempt.participant_id).join(Answer, Answer.attempt_id == Attempt.id)
    return (
        db.select(Participant)
        .where(
            Participant.class_id == klass_row.id,
            Participant.removed.is_(False),
            Participant.id.in_(answered),
        )
        .order_by(Participant.id)
    )


def test_rebuild_repairs_rollups_changed_behind_the_application(app, runner_factory=None):
    w = world()
    db.session.execute(db.update(RollupClass).values(pupils=RollupClass.pupils + 1))
    db.session.commit()
    assert rollups.differences()["classes"] > 0
    result = app.test_cli_runner().invoke(args=["stats", "check"])
    assert result.exit_code == 1 and "differ" in result.output
    result = app.test_cli_runner().invoke(args=["stats", "rebuild"])
    assert result.exit_code == 0 and "rollup_takers" in result.output
    assert rollups.differences() == NO_DIFFERENCE
    assert p.totals(p.Filters(w["c"].id))["participants"] == 127
