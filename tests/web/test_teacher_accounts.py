"""Teachers' registration against the school registry, password reset by e-mail, landing."""

import re
import socket
import threading

import pytest
from aiosmtpd.controller import Controller

from quiz.models import School, StaffSession, User
from tests import factories


def _register(client, district, school_id=0, new_school="", email="new@school.kz", lang="kk"):
    url = f"/{lang}/teacher/register?region={district.region_id}&district={district.id}"
    data = {
        "email": email,
        "password": "long enough password",
        "confirm": "long enough password",
        "school": school_id,
        "new_school": new_school,
        "locale": "ru",
    }
    return client.post(url, data=data)


def test_registration_walks_region_district_school_without_javascript(client):
    school = factories.school(name_ru="Гимназия № 7")
    district = school.district
    page = client.get(f"/ru/teacher/register?region={district.region_id}").get_data(as_text=True)
    assert district.name_ru in page and "Гимназия № 7" not in page
    page = client.get(f"/ru/teacher/register?region={district.region_id}&district={district.id}")
    assert "Гимназия № 7" in page.get_data(as_text=True)


def test_teacher_registers_for_a_registry_school_and_signs_in(client):
    school = factories.school()
    response = _register(client, school.district, school.id)
    assert response.status_code == 302
    user = User.query.filter_by(email="new@school.kz").one()
    assert (user.role, user.school_id, user.locale) == ("teacher", school.id, "ru")
    response = client.post(
        "/kk/auth/login", data={"email": "new@school.kz", "password": "long enough password"}
    )
    assert response.headers["Location"].endswith("/ru/teacher/")


def test_a_new_school_waits_for_an_organizer(client):
    district = factories.district()
    assert _register(client, district, new_school="Школа-лицей «Дарын»").status_code == 302
    school = School.query.filter_by(name_ru="Школа-лицей «Дарын»").one()
    assert school.status == "pending"
    assert User.query.one().school_id == school.id


def test_registration_with_a_taken_email_stores_nothing(client):
    school = factories.school()
    factories.user("teacher", email="taken@school.kz")
    response = _register(
        client, school.district, new_school="Ещё одна школа", email="taken@school.kz", lang="ru"
    )
    assert response.status_code == 422
    assert "уже" in response.get_data(as_text=True)
    assert School.query.filter_by(name_ru="Ещё одна школа").count() == 0


def test_a_school_of_another_district_is_refused(client):
    school = factories.school()
    other = factories.district()
    assert _register(client, other, school.id).status_code == 422
    assert User.query.count() == 0


class _Inbox:
    def __init__(self):
        self.messages = []
        self.event = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(envelope.content.decode("utf-8", "replace"))
        self.event.set()
        return "250 OK"


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1 that keeps the messages it receives."""
    inbox = _Inbox()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def _link(message: str) -> str:
    from email import message_from_string, policy

    text = message_from_string(message, policy=policy.default).get_content()
    return re.search(r"http://localhost(/\S+/password/reset/\S+)", text).group(1)


def test_password_reset_link_arrives_by_email_and_works_once(app, client, smtp_server):
    inbox, port = smtp_server
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    teacher = factories.user("teacher", email="reset@school.kz")
    factories.login(app.test_client(), teacher)
    response = client.post("/ru/teacher/password/forgot", data={"email": "Reset@School.kz"})
    assert response.status_code == 302
    assert inbox.event.wait(5)
    path = _link(inbox.messages[0])
    data = {"password": "a brand new password", "confirm": "a brand new password"}
    assert client.post(path, data=data).status_code == 302
    assert StaffSession.query.count() == 0  # every old session ends
    assert factories.login(client, teacher, password="a brand new password").status_code == 302
    again = client.post(
        path, data={"password": "yet another password", "confirm": "yet another password"}
    )
    assert again.status_code == 422


def test_unknown_email_gets_the_same_answer_and_no_mail(app, client, smtp_server):
    inbox, port = smtp_server
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    response = client.post("/kk/teacher/password/forgot", data={"email": "nobody@school.kz"})
    assert response.status_code == 302
    assert not inbox.event.wait(0.3)


def test_without_a_mail_server_the_link_goes_to_the_log(client, caplog, monkeypatch):
    import logging

    # Alembic's logging set-up (migration tests) disables loggers created before it
    monkeypatch.setattr(logging.getLogger("quiz.services.mail"), "disabled", False)
    factories.user("teacher", email="log@school.kz")
    client.post("/kk/teacher/password/forgot", data={"email": "log@school.kz"})
    assert "/password/reset/" in caplog.text


def test_an_expired_or_forged_link_is_refused(app, client):
    from quiz.services import teachers

    teacher = factories.user("teacher", email="old@school.kz")
    _, token = teachers.reset_token("test-secret", teacher.email)
    with pytest.raises(Exception):  # noqa: B017 - Invalid
        teachers.reset_password("test-secret", token, "a brand new password", max_age=-1)
    response = client.post(
        "/kk/teacher/password/reset/forged", data={"password": "x" * 12, "confirm": "x" * 12}
    )
    assert response.status_code == 422


@pytest.mark.parametrize("role", ["regional", "national"])
def test_organizers_land_outside_the_teachers_area(client, role):
    organizer = factories.user(role)
    response = factories.login(client, organizer)
    assert "/teacher/" not in response.headers["Location"]
    assert client.get("/kk/teacher/").status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get("/kk/teacher/")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
