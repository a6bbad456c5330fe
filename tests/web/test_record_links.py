"""Links to posts: http and https both accepted, as the message says; edited before the deadline."""

from datetime import timedelta

import pytest

from quiz.clock import local_today
from quiz.models import SocialLink
from tests import factories

TODAY = local_today()


@pytest.fixture
def teacher(client):
    factories.challenge(
        starts_on=TODAY - timedelta(days=3),
        ends_on=TODAY + timedelta(days=3),
        report_deadline=TODAY + timedelta(days=8),
    )
    row = factories.user("teacher")
    factories.login(client, row)
    return row


def _link(client, url, network="other", lang="kk", link_id=None):
    data = {"link-url": url, "link-network": network, "link-class_id": 0}
    target = f"/records/links/{link_id}" if link_id else "/records/links"
    return client.post(f"/{lang}/teacher{target}", data=data)


def test_a_school_sites_http_link_is_accepted(client, teacher):
    assert _link(client, "http://school12.edu.kz/news/1").status_code == 302
    assert SocialLink.query.one().url == "http://school12.edu.kz/news/1"


@pytest.mark.parametrize(
    ("lang", "message"),
    [("ru", "должна начинаться с https:// или http://"), ("kk", "https:// немесе http://")],
)
def test_a_link_of_another_scheme_is_refused_with_the_rule_it_breaks(
    client, teacher, lang, message
):
    response = _link(client, "ftp://school12.edu.kz/news/1", lang=lang)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert SocialLink.query.count() == 0


def test_teacher_edits_a_link_before_the_deadline(client, teacher):
    assert _link(client, "https://t.me/school12/45", "telegram").status_code == 302
    assert _link(client, "https://t.me/school12/46", "telegram").status_code == 302
    first, second = SocialLink.query.order_by(SocialLink.id).all()
    page = client.get(f"/ru/teacher/records/links/{first.id}").get_data(as_text=True)
    assert 'value="https://t.me/school12/45"' in page
    fixed = _link(client, "https://www.instagram.com/p/Cxyz1/", "instagram", link_id=first.id)
    assert fixed.status_code == 302
    assert (first.url, first.network) == ("https://www.instagram.com/p/Cxyz1/", "instagram")
    # the post of the other link cannot be recorded twice by an edit; nothing is changed
    same = _link(client, "https://t.me/school12/46/", "telegram", lang="ru", link_id=first.id)
    assert same.status_code == 422 and "уже" in same.get_data(as_text=True)
    assert first.url == "https://www.instagram.com/p/Cxyz1/" and second.url.endswith("/46")
    records = client.get("/ru/teacher/records").get_data(as_text=True)
    assert f"/ru/teacher/records/links/{first.id}" in records  # an "Edit" link per post


def test_another_teacher_cannot_open_or_edit_the_link(client, teacher):
    assert _link(client, "https://t.me/school12/45", "telegram").status_code == 302
    link = SocialLink.query.one()
    factories.login(client, factories.user("teacher"))
    assert client.get(f"/ru/teacher/records/links/{link.id}").status_code == 404
    assert _link(client, "https://t.me/x/1", "telegram", link_id=link.id).status_code == 404
