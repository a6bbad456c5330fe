"""Every state-changing form request without a valid CSRF token is refused and changes nothing.

Routes come from `app.url_map` (every POST, PUT, PATCH and DELETE outside /api/, whose calls
carry Bearer tokens instead of cookies), so a new form is covered without touching this file.
Each request is sent by the role that may use the form, signed in as in production.
"""

import re

import pytest
from sqlalchemy import func, select

from quiz.extensions import db
from quiz.models import Klass
from tests import factories
from tests.web import test_access_table as access
from tests.web.world import build_world, send

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
USER = {
    "public": "pupil",
    "pupil": "pupil",
    "teacher": "teacher",
    "staff-post": "teacher",
    "organizer": "regional",
    "national": "national",
}
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@pytest.fixture
def world(csrf_app):
    """Two tenants and a national organizer, as in the access table."""
    return build_world()


def form_routes(app):
    """Yield (rule, method) for every state-changing route outside the API."""
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            continue
        for method in sorted(rule.methods & UNSAFE):
            yield rule, method


def signed_in(app, world, role):
    """A client of the role; staff sign in through the real form, with its token."""
    client = app.test_client()
    if role == "pupil":
        client.set_cookie(app.config["PARTICIPANT_COOKIE"], world["own"].token, domain="localhost")
        return client
    user = {"teacher": world["own"].teacher, "regional": world["own"].regional}.get(role)
    user = user or world["national"]
    data = {"email": user.email, "password": factories.PASSWORD}
    page = send(app, client, "GET", "/kk/auth/login").get_data(as_text=True)
    response = send(app, client, "POST", "/kk/auth/login", data=data | {"csrf_token": _token(page)})
    assert response.status_code == 302, f"{role} could not sign in"
    return client


def _token(page: str) -> str:
    return TOKEN.search(page).group(1)


def table_contents() -> dict:
    """Every row of every table, in a stable order (an UPDATE changes no count)."""
    contents = {t.name: sorted(map(repr, db.session.execute(select(t)).all())) for t in _tables()}
    db.session.rollback()
    return contents


def _tables():
    return db.metadata.sorted_tables


FORM = {"email": "x@example.kz", "password": "0123456789ab", "code": "ABCD1234", "grade": "5"}


@pytest.mark.parametrize("token", [None, "forged-token"])
def test_no_form_changes_anything_without_a_valid_csrf_token(csrf_app, world, token):
    app = csrf_app
    before = table_contents()
    clients = {}
    accepted = []
    for rule, method in form_routes(app):
        role = USER[access.rule_of(rule.endpoint)]
        client = clients.get(role) or clients.setdefault(role, signed_in(app, world, role))
        url = access._url(app, rule, world["own"], world)
        data = FORM | ({"csrf_token": token} if token else {})
        response = send(app, client, method, url, data=data)
        if response.status_code != 400:
            accepted.append(f"{role} {method} {url} -> {response.status_code}")
    assert accepted == [], "\n".join(accepted)
    after = table_contents()
    changed = {name for name in before if before[name] != after[name]}
    # the sign-ins above are the only writes: one staff session per staff member; no other row
    # was added, deleted or changed
    assert changed <= {"staff_sessions"}, changed
    assert len(list(form_routes(app))) > 20


def test_a_refused_form_says_why_in_the_users_language(csrf_app, world):
    client = signed_in(csrf_app, world, "teacher")
    response = send(csrf_app, client, "POST", "/ru/teacher/classes/new", data={"grade": "5"})
    assert response.status_code == 400
    assert "Форму не удалось отправить" in response.get_data(as_text=True)


def test_the_same_form_with_its_token_goes_through(csrf_app, world):
    """The table above is not refusing everything: a valid token is accepted."""
    client = signed_in(csrf_app, world, "teacher")
    page = send(csrf_app, client, "GET", "/kk/teacher/classes/new").get_data(as_text=True)
    data = {"grade": "6", "letter": "Б", "language": "ru", "csrf_token": _token(page)}
    before = db.session.scalar(select(func.count(Klass.id)))
    response = send(csrf_app, client, "POST", "/kk/teacher/classes/new", data=data)
    assert response.status_code == 302
    assert db.session.scalar(select(func.count(Klass.id))) == before + 1
