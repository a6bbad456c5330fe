"""The dashboard's figures from the aggregates equal the live computation, step by step."""

from datetime import date, datetime

from quiz.extensions import db
from quiz.models import (
    Answer,
    Attempt,
    DashDirty,
    DashItem,
    DashItemDistrict,
    Klass,
    Participant,
)
from quiz.models.base import utcnow
from quiz.services import aggregates, dashboard, registry
from quiz.services import participation as p
from tests import factories as f
from tests.factories_organizers import attempt, live_session, pupil, world


def _live(app, filters):
    app.config["STATS_DASHBOARD"] = False
    try:
        return dashboard.build(filters, "ru")
    finally:
        app.config["STATS_DASHBOARD"] = True


def _assert_same(app, w):
    c = w["c"].id
    for filters in (
        p.Filters(c),
        p.Filters(c, region_id=w["r1"].id),
        p.Filters(c, region_id=w["r2"].id),
        p.Filters(c, district_id=w["d1"].id),
        p.Filters(c, band="5-9"),
        p.Filters(c, band="10-11", region_id=w["r1"].id),
        p.Filters(c, date_from=date(2025, 10, 10), date_to=date(2025, 10, 12)),
        p.Filters(c, date_from=date(2025, 10, 11), band="5-9", region_id=w["r1"].id),
        p.Filters(c, date_to=date(2025, 10, 10)),
        p.Filters(c, date_from=date(2025, 10, 14), date_to=date(2025, 10, 14)),
        p.Filters(c, date_from=date(2025, 8, 1)),  # outside the window: counted live
        p.Filters(w["other"].id),
    ):
        assert dashboard.build(filters, "ru") == _live(app, filters), filters


def test_aggregates_equal_the_live_figures_after_a_mixed_workload(app):
    w = world()
    c, k1, k3, k4 = w["c"], w["k1"], w["k3"], w["k4"]
    _assert_same(app, w)
    assert dashboard.activity(p.Filters(c.id)) == {"live_sessions": 1, "quizzes_finished": 16}

    # new pupils answer on other days and themes; one pupil in two bands on one day
    twice = pupil(k3)
    day = datetime(2025, 10, 13, 20, 30)  # 01:30 local on the 14th
    attempt(twice, c, started_at=day, theme="cyber-friendship", answers=(("i4", True),))
    attempt(twice, c, started_at=day, quiz_id="q-other", answers=(("i5", False),))
    twice.band = "10-11"  # the band of the pupil is not the attempt's
    db.session.commit()
    open_one = attempt(pupil(k4, band="1-4"), c, finished=False, answers=(("i1", False),))
    attempt(pupil(k1), c, mode="live", live_session=live_session(k1), answers=())
    _assert_same(app, w)

    # a finish long after the attempt was read, and an answer to an attempt already seen
    db.session.get(Attempt, open_one.id).finished_at = utcnow()
    db.session.add(Answer(attempt_id=open_one.id, item_id="i2", quiz_version=1, correct=True))
    db.session.commit()
    _assert_same(app, w)

    # removed from a lobby, moved to another school, seats fixed
    first = db.session.scalars(db.select(Participant).where(Participant.class_id == k1.id)).first()
    first.removed = True
    moved = db.session.get(Participant, twice.id)
    moved.class_id, moved.school_id, moved.seats = k4.id, k4.school_id, 3
    db.session.commit()
    _assert_same(app, w)

    # deletes: an answer, an attempt, a class with its pupils; a school merged
    gone = db.session.scalars(db.select(Answer).where(Answer.item_id == "i9")).first()
    db.session.delete(gone)
    db.session.delete(db.session.get(Attempt, open_one.id))
    db.session.commit()
    _assert_same(app, w)
    db.session.delete(db.session.get(Klass, w["k2"].id))
    solo = pupil(None, f.school(w["d1"], name_ru="Новая школа", status="pending"))
    attempt(solo, c, theme="critical-thinking", answers=(("i9", False), ("i3", True)))
    db.session.commit()
    _assert_same(app, w)
    registry.merge(solo.school_id, w["s2"].id)
    _assert_same(app, w)


def test_date_ranges_are_read_from_day_masks_inside_their_window(app):
    w = world()
    c = w["c"]
    assert p.range_mask(p.Filters(c.id, date_from=date(2025, 8, 1))) is None
    mask = p.range_mask(p.Filters(c.id, date_from=date(2025, 10, 10), date_to=date(2025, 10, 11)))
    assert mask == 0b11 << 21
    early = pupil(w["k3"])  # answered two days before the challenge, and on its second day
    attempt(early, c, started_at=datetime(2025, 10, 7, 9, 0))
    attempt(early, c, started_at=datetime(2025, 10, 10, 23, 0))  # 04:00 on the 11th, local
    _assert_same(app, w)
    window = p.Filters(c.id, date_from=date(2025, 10, 7), date_to=date(2025, 10, 7))
    assert p.totals(window)["online"] == 1


def test_a_refresh_with_nothing_new_recounts_nothing(app):
    w = world()
    aggregates.refresh()
    db.session.execute(db.delete(DashDirty))
    db.session.commit()
    # rows younger than the margin are read again: recounting twice never double counts
    assert aggregates.refresh() == 3 and aggregates.refresh() == 3
    app.config["STATS_DASHBOARD_MARGIN_S"] = 0
    assert aggregates.refresh() == 3  # read once more, and the watermark passes them
    assert aggregates.refresh() == 0
    attempt(pupil(w["k3"]), w["c"])
    assert aggregates.refresh() == 1
    _assert_same(app, w)


def test_finishing_an_attempt_queues_the_pupils_school(app):
    w = world()
    row = attempt(pupil(w["k3"]), w["c"], finished=False)
    aggregates.refresh()
    db.session.get(Attempt, row.id).finished_at = utcnow()
    db.session.commit()
    assert db.session.scalars(db.select(DashDirty.school_id)).all() == [w["s2"].id]


def test_rebuild_command_recounts_every_school(app):
    w = world()
    app.config["STATS_DASHBOARD_MARGIN_S"] = 0  # so that a refresh has nothing left to read
    aggregates.refresh()
    for model in (DashItem, DashItemDistrict):  # what a school is recounted from, what is read
        db.session.execute(db.update(model).values(wrong=model.wrong + 5))
    db.session.commit()
    assert dashboard.build(p.Filters(w["c"].id), "ru") != _live(app, p.Filters(w["c"].id))
    result = app.test_cli_runner().invoke(args=["stats", "rebuild"])
    assert result.exit_code == 0 and "dash_items" in result.output
    _assert_same(app, w)
    result = app.test_cli_runner().invoke(args=["stats", "refresh"])
    assert result.exit_code == 0 and "recounted" in result.output


def test_a_request_leaves_a_large_backlog_to_the_refresh_command(app):
    w = world()
    app.config["STATS_DASHBOARD_INLINE_SCHOOLS"] = 1
    assert aggregates.refresh(limit=1) is None  # three schools are new
    assert dashboard.activity(p.Filters(w["c"].id))["quizzes_finished"] == 0
    result = app.test_cli_runner().invoke(args=["stats", "refresh"])
    assert result.exit_code == 0 and "3 schools recounted" in result.output
    _assert_same(app, w)
