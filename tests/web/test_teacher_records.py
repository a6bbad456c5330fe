"""Offline activities and social-media links: validation, duplicates, the report deadline."""

from datetime import date, timedelta

import pytest

from quiz.models import OfflineActivity, SocialLink
from quiz.services.records import url_key
from tests import factories

TODAY = date.today()


@pytest.fixture
def open_challenge(app):
    """A current challenge running now, its report deadline still ahead."""
    return factories.challenge(
        starts_on=TODAY - timedelta(days=3),
        ends_on=TODAY + timedelta(days=3),
        report_deadline=TODAY + timedelta(days=8),
        tagged_accounts=["Instagram: orken_instituty"],
    )


def _activity(**fields):
    data = {"kind": "debate", "held_on": TODAY.isoformat(), "participants": 24, "class_id": 0}
    return {**data, **fields}


def test_teacher_records_an_offline_activity(client, teacher, open_challenge):
    klass = factories.klass(teacher)
    response = client.post("/kk/teacher/records/activities/new", data=_activity(class_id=klass.id))
    assert response.status_code == 302
    row = OfflineActivity.query.one()
    assert (row.kind, row.participants, row.class_id) == ("debate", 24, klass.id)
    assert "Пікірталас" in client.get("/kk/teacher/records").get_data(as_text=True)


@pytest.mark.parametrize(
    "fields",
    [{"kind": "party"}, {"participants": 0}, {"held_on": (TODAY - timedelta(days=30)).isoformat()}],
)
def test_a_bad_activity_is_refused_and_nothing_is_stored(client, teacher, open_challenge, fields):
    response = client.post("/ru/teacher/records/activities/new", data=_activity(**fields))
    assert response.status_code == 422
    assert OfflineActivity.query.count() == 0


def test_reminder_names_the_hashtags_the_institute_and_consent(client, teacher, open_challenge):
    page = client.get("/ru/teacher/records").get_data(as_text=True)
    assert "#БезопасностьВСети2025" in page and "#ЖелідегіҚауіпсіздік2025" in page
    assert "orken_instituty" in page and "согласи" in page


@pytest.mark.parametrize(
    ("url", "network"),
    [
        ("https://www.instagram.com/p/Cxyz123/?igsh=abc", "instagram"),
        ("https://youtu.be/dQw4w9WgXcQ", "youtube"),
        ("https://t.me/school12/45", "telegram"),
        ("https://twitter.com/school/status/1", "x"),
        ("https://www.threads.net/@school/post/1", "threads"),
        ("https://m.vk.com/wall-1_2", "vk"),
        ("https://school12.edu.kz/news/1", "other"),
    ],
)
def test_url_network_is_found_by_host(url, network):
    assert url_key(url)[1] == network


def test_the_same_post_written_differently_has_one_key():
    a = url_key("https://www.instagram.com/p/Cxyz123/?igsh=abc")[0]
    b = url_key("https://instagram.com/p/cxyz123")[0]
    assert a == b
    assert (
        url_key("https://www.youtube.com/watch?v=AbC&t=3")[0]
        != url_key("https://www.youtube.com/watch?v=XyZ")[0]
    )


def _link(client, url, network="instagram", lang="kk"):
    data = {"link-url": url, "link-network": network, "link-class_id": 0}
    return client.post(f"/{lang}/teacher/records/links", data=data)


def test_duplicate_post_is_refused_with_a_clear_message(client, teacher, open_challenge):
    assert _link(client, "https://www.instagram.com/p/Cxyz123/").status_code == 302
    response = _link(client, "https://instagram.com/p/Cxyz123?utm=1", lang="ru")
    assert response.status_code == 422
    assert "уже" in response.get_data(as_text=True)
    assert SocialLink.query.count() == 1


def test_link_of_another_network_or_not_a_link_is_refused(client, teacher, open_challenge):
    assert _link(client, "https://www.tiktok.com/@school/video/1").status_code == 422
    assert _link(client, "javascript:alert(1)").status_code == 422
    assert SocialLink.query.count() == 0


def test_after_the_report_deadline_records_are_read_only(client, teacher):
    challenge = factories.challenge(
        starts_on=TODAY - timedelta(days=20),
        ends_on=TODAY - timedelta(days=12),
        report_deadline=TODAY - timedelta(days=1),
    )
    from quiz.extensions import db

    row = OfflineActivity(
        challenge_id=challenge.id, school_id=teacher.school_id, kind="quest",
        held_on=TODAY - timedelta(days=15), participants=10, created_by_id=teacher.id,
    )  # fmt: skip
    db.session.add(row)
    db.session.commit()
    page = client.get("/ru/teacher/records").get_data(as_text=True)
    assert "только просматривать" in page
    edit = client.post(f"/ru/teacher/records/activities/{row.id}", data=_activity(participants=99))
    assert edit.status_code == 403
    assert client.post(f"/ru/teacher/records/activities/{row.id}/delete").status_code == 403
    assert _link(client, "https://t.me/school/1", "telegram").status_code == 403
    assert OfflineActivity.query.one().participants == 10
