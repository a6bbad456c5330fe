"""Staff sign in and out; server-side sessions; the account commands."""

from quiz.models import StaffSession
from tests import factories


def test_teacher_signs_in_and_sees_their_email(client):
    teacher = factories.user("teacher", email="aigerim@school.kz")
    response = factories.login(client, teacher)
    assert response.status_code == 302
    assert "aigerim@school.kz" in client.get("/kk/").get_data(as_text=True)


def test_wrong_password_is_refused_with_a_message_in_the_users_language(client):
    teacher = factories.user("teacher")
    response = factories.login(client, teacher, password="wrong password!", lang="ru")
    assert response.status_code == 422
    assert "Неверная электронная почта или пароль." in response.get_data(as_text=True)
    response = factories.login(client, teacher, password="wrong password!", lang="kk")
    assert "Электрондық пошта немесе құпиясөз қате." in response.get_data(as_text=True)


def test_malformed_login_form_names_the_field(client):
    response = client.post("/ru/auth/login", data={"email": "not-an-email", "password": ""})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'aria-invalid="true"' in page


def test_login_gives_a_new_session_each_time(client, app):
    teacher = factories.user("teacher")
    factories.login(client, teacher)
    factories.login(client, teacher)
    assert StaffSession.query.count() == 2


def test_cookie_captured_before_logout_no_longer_works(app, client):
    teacher = factories.user("teacher", email="t@example.kz")
    factories.login(client, teacher)
    captured = client.get_cookie("session").value
    assert "t@example.kz" in client.get("/kk/").get_data(as_text=True)
    client.post("/kk/auth/logout")
    other = app.test_client()
    other.set_cookie("session", captured, domain="localhost")
    assert "t@example.kz" not in other.get("/kk/").get_data(as_text=True)


def test_session_cookie_is_httponly_and_lax(client):
    teacher = factories.user("teacher")
    response = factories.login(client, teacher)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_csrf_token_is_required_to_sign_in(csrf_app):
    teacher = factories.user("teacher")
    client = csrf_app.test_client()
    response = factories.login(client, teacher)
    assert response.status_code == 400
    assert StaffSession.query.count() == 0
