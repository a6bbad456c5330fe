"""After its report deadline a record is read-only, by its OWN challenge, whichever is current.

Two challenges: last year's, past its deadline, and this year's, current and open. Paper tallies
count in the report, so they follow the same rule: within the period, before the deadline.
"""

from datetime import timedelta

import pytest

from quiz.clock import local_today
from quiz.extensions import db
from quiz.models import OfflineActivity, PaperSession, SocialLink
from tests import factories

TODAY = local_today()
READ_ONLY_RU = "Срок сдачи отчёта прошёл: записи можно только просматривать."
READ_ONLY_KK = "Есеп беру мерзімі өтті: жазбаларды тек қарауға болады."


@pytest.fixture
def old(app):
    """Last year's challenge: over, its report deadline passed yesterday."""
    return factories.challenge(
        current=False,
        starts_on=TODAY - timedelta(days=40),
        ends_on=TODAY - timedelta(days=30),
        report_deadline=TODAY - timedelta(days=1),
    )


@pytest.fixture
def current(app, old):
    """This year's challenge: current, running now, its deadline ahead."""
    return factories.challenge(
        starts_on=TODAY - timedelta(days=3),
        ends_on=TODAY + timedelta(days=3),
        report_deadline=TODAY + timedelta(days=8),
    )


def _activity(teacher, challenge, held_on, participants=10):
    row = OfflineActivity(
        challenge_id=challenge.id, school_id=teacher.school_id, kind="quest",
        held_on=held_on, participants=participants, created_by_id=teacher.id,
    )  # fmt: skip
    db.session.add(row)
    db.session.commit()
    return row


def _link(teacher, challenge, url):
    row = SocialLink(
        challenge_id=challenge.id, school_id=teacher.school_id, url=url,
        url_key=url.removeprefix("https://"), network="telegram", created_by_id=teacher.id,
    )  # fmt: skip
    db.session.add(row)
    db.session.commit()
    return row


def _edit(held_on, participants):
    return {"kind": "quest", "held_on": held_on.isoformat(), "participants": participants,
            "class_id": 0}  # fmt: skip


def test_an_old_challenges_activity_stays_read_only_when_a_newer_one_is_current(
    client, teacher, old, current
):
    past = _activity(teacher, old, old.starts_on + timedelta(days=2))
    page = client.get(f"/ru/teacher/records/activities/{past.id}").get_data(as_text=True)
    assert READ_ONLY_RU in page and 'name="participants"' not in page
    edit = client.post(f"/ru/teacher/records/activities/{past.id}", data=_edit(past.held_on, 99))
    assert edit.status_code == 403 and READ_ONLY_RU in edit.get_data(as_text=True)
    deleted = client.post(f"/kk/teacher/records/activities/{past.id}/delete")
    assert deleted.status_code == 403 and READ_ONLY_KK in deleted.get_data(as_text=True)
    assert db.session.get(OfflineActivity, past.id).participants == 10
    # this year's activity is still editable, against this year's period
    now = _activity(teacher, current, TODAY)
    assert client.post(
        f"/ru/teacher/records/activities/{now.id}", data=_edit(TODAY, 25)
    ).status_code == 302  # fmt: skip
    assert db.session.get(OfflineActivity, now.id).participants == 25


def test_an_old_challenges_link_cannot_be_deleted_or_changed_after_its_deadline(
    client, teacher, old, current
):
    past = _link(teacher, old, "https://t.me/school/1")
    deleted = client.post(f"/kk/teacher/records/links/{past.id}/delete")
    assert deleted.status_code == 403 and READ_ONLY_KK in deleted.get_data(as_text=True)
    change = {"link-url": "https://t.me/school/2", "link-network": "telegram", "link-class_id": 0}
    edited = client.post(f"/ru/teacher/records/links/{past.id}", data=change)
    assert edited.status_code == 403 and READ_ONLY_RU in edited.get_data(as_text=True)
    page = client.get(f"/ru/teacher/records/links/{past.id}").get_data(as_text=True)
    assert READ_ONLY_RU in page and 'name="link-url"' not in page
    assert db.session.get(SocialLink, past.id).url == "https://t.me/school/1"
    # this year's link can still be deleted
    now = _link(teacher, current, "https://t.me/school/3")
    assert client.post(f"/kk/teacher/records/links/{now.id}/delete").status_code == 302
    assert SocialLink.query.count() == 1


def _tally(client, klass, held_on, lang="ru"):
    data = {"pupils": 10, "held_on": held_on.isoformat(), "c-share-password-refuse": 7,
            "c-share-password-give": 3}  # fmt: skip
    return client.post(f"/{lang}/teacher/classes/{klass.id}/paper/every-kind/tally", data=data)


def test_a_paper_tally_must_be_held_within_the_current_challenge(client, teacher, old, current):
    klass = factories.klass(teacher, grade=6)
    outside = _tally(client, klass, old.ends_on)  # held during last year's challenge
    assert outside.status_code == 422
    text = outside.get_data(as_text=True)
    assert "Дата должна быть в период проведения челленджа." in text
    assert 'value="7"' in text  # the counts typed are kept on the page
    assert PaperSession.query.count() == 0
    assert _tally(client, klass, TODAY).status_code == 302
    assert PaperSession.query.one().challenge_id == current.id


def test_no_paper_tally_is_added_after_the_report_deadline(client, teacher, old):
    old.is_current = True  # the newest challenge is over and its report is due
    db.session.commit()
    klass = factories.klass(teacher, grade=6)
    notice = "ответы на бумаге к этому челленджу больше добавить нельзя"
    assert notice in client.get(
        f"/ru/teacher/classes/{klass.id}/paper/every-kind/tally"
    ).get_data(as_text=True)  # fmt: skip
    late = _tally(client, klass, old.ends_on)
    assert late.status_code == 422 and notice in late.get_data(as_text=True)
    assert 'value="7"' in late.get_data(as_text=True)
    assert PaperSession.query.count() == 0
