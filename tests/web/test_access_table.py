"""Every route × role × tenant, in one table: nobody reaches what is not theirs.

Roles: anonymous, pupil (device cookie), teacher, coordinator, regional organizer, national
organizer. Tenants: "own" (region A, its school, class, pupil, records) and "other" (region B).
Each route has one access rule below; a route added without a rule fails
`test_every_route_has_an_access_rule`. A denied request answers 404, 401, 403, 429 or sends
the visitor to sign in; it never succeeds.
"""

import hashlib
from datetime import date, datetime

import pytest

from quiz.extensions import db
from quiz.models import Attempt, OfflineActivity, SocialLink
from quiz.services import accounts
from tests import factories, factories_teachers

ROLES = ("anonymous", "pupil", "teacher", "coordinator", "regional", "national")

# rule -> roles allowed on their own tenant, roles allowed on the other tenant
RULES = {
    "public": (set(ROLES), set(ROLES)),
    "teacher": ({"teacher", "coordinator"}, set()),
    "organizer": ({"regional", "national"}, {"national"}),
    "national": ({"national"}, {"national"}),
    "pupil": ({"pupil"}, set()),
    "api-organizer": ({"regional", "national"}, {"national"}),
}

ACCESS = {
    "static": "public",
    "main.root": "public",
    "main.home": "public",
    "main.kit": "public",
    "main.privacy": "public",
    "main.healthz": "public",
    "auth.login": "public",
    "auth.logout": "staff-post",
    "teacher.register": "public",
    "teacher.forgot": "public",
    "teacher.reset": "public",
    "api.openapi": "public",
    "api.live_state": "pupil",
    "api.report_rows": "api-organizer",
    "api.stats_figures": "api-organizer",
    "organizer.dashboard_page": "organizer",
    "organizer.report_page": "organizer",
    "organizer.report_export": "organizer",
    "organizer.challenges_page": "national",
    "organizer.challenge_edit": "national",
    "organizer.schools_import": "national",
    "organizer.schools_pending": "national",
    "organizer.school_action": "national",
    # pupils: ways in are public; an attempt is its pupil's alone
    "pupil.join": "public",
    "pupil.nickname": "public",
    "pupil.landing": "public",
    "pupil.themes": "public",
    "pupil.theme": "public",
    "pupil.school": "public",
    "pupil.choose_school": "public",
    "pupil.start": "public",
    "pupil.attempt": "pupil",
    "pupil.item": "pupil",
    "pupil.answer": "pupil",
    "pupil.finish": "pupil",
    "pupil.results": "pupil",
    "pupil.certificate": "pupil",
    "live.pupil": "pupil",
    "live.answer": "pupil",
    "api.join": "public",
    "api.new_participant": "public",
    "api.list_quizzes": "public",
    "api.open_attempt": "pupil",
    "api.get_item": "pupil",
    "api.put_answer": "pupil",
    "api.finish": "pupil",
}
TEACHER_PREFIX = "teacher."
PUBLIC_TEACHER = {"teacher.register", "teacher.forgot", "teacher.reset"}


def rule_of(endpoint: str) -> str | None:
    """Return the access rule of an endpoint (teacher pages share one rule)."""
    if endpoint in ACCESS:
        return ACCESS[endpoint]
    if endpoint.startswith(TEACHER_PREFIX) and endpoint not in PUBLIC_TEACHER:
        return "teacher"
    return None


def test_every_route_has_an_access_rule(app):
    missing = sorted({r.endpoint for r in app.url_map.iter_rules() if rule_of(r.endpoint) is None})
    assert missing == [], f"routes without an access rule in this table: {missing}"


class Tenant:
    """One region with a school, staff, a class, a pupil and every kind of record."""

    def __init__(self, challenge, tag):
        self.region = factories.region()
        self.school = factories.school(factories.district(self.region))
        self.teacher = factories.user("teacher", school_row=self.school)
        self.coordinator = factories.user("coordinator", school_row=self.school)
        self.regional = factories.user("regional", region_row=self.region)
        self.klass = factories.klass(self.teacher)
        self.token = f"pupil-token-{tag}"
        self.pupil = factories.participant(
            self.klass, token_hash=hashlib.sha256(self.token.encode()).hexdigest()
        )
        self.assignment = factories_teachers.assignment(self.klass)
        self.attempt = Attempt(
            participant_id=self.pupil.id,
            quiz_id="every-kind",
            quiz_version=1,
            theme="protect-your-data",
            band="5-9",
            class_id=self.klass.id,
            school_id=self.school.id,
            finished_at=datetime(2025, 10, 10, 9, 30),
        )
        db.session.add(self.attempt)
        self.session = factories_teachers.live_session(self.klass)
        self.activity = OfflineActivity(
            challenge_id=challenge.id,
            school_id=self.school.id,
            class_id=self.klass.id,
            kind="debate",
            held_on=date(2025, 10, 10),
            themes=[],
            participants=20,
        )
        db.session.add(self.activity)
        db.session.flush()
        self.link = SocialLink(
            challenge_id=challenge.id,
            school_id=self.school.id,
            url=f"https://www.instagram.com/p/{tag}",
            url_key=f"instagram.com/p/{tag}",
            network="instagram",
        )
        db.session.add(self.link)
        db.session.commit()

    def args(self, challenge) -> dict:
        """URL arguments naming this tenant's objects."""
        return {
            "class_id": self.klass.id,
            "assignment_id": self.assignment.id,
            "activity_id": self.activity.id,
            "link_id": self.link.id,
            "session_id": self.session.id,
            "participant_id": self.pupil.id,
            "school_id": self.school.id,
            "challenge_id": challenge.id,
            "run_id": self.session.id,
            "kind": "live",
            "quiz_id": "every-kind",
            "sheet_lang": "kk",
            "fmt": "csv",
            "action": "approve",
            "slug": "protect-your-data",
            "token": "not-a-token",
            "lang": "kk",
            "attempt_id": self.attempt.id,
            "item_id": "share-password",
            "theme": "protect-your-data",
            "code": self.klass.join_code,
        }


@pytest.fixture
def world(app):
    """Two tenants (regions A and B) and a national organizer."""
    challenge = factories.challenge()
    own, other = Tenant(challenge, "a"), Tenant(challenge, "b")
    national = factories.user("national")
    return {"challenge": challenge, "own": own, "other": other, "national": national}


def _client(app, world, role):
    client = app.test_client()
    own = world["own"]
    if role == "pupil":
        client.set_cookie(app.config["PARTICIPANT_COOKIE"], own.token, domain="localhost")
    elif role != "anonymous":
        user = {
            "teacher": own.teacher,
            "coordinator": own.coordinator,
            "regional": own.regional,
            "national": world["national"],
        }[role]
        assert factories.login(client, user).status_code == 302
    return client


def _headers(world, role) -> dict:
    if role in ("regional", "national"):
        user = world["own"].regional if role == "regional" else world["national"]
        return {"Authorization": "Bearer " + accounts.issue_token(user.email)}
    if role == "pupil":
        return {"Authorization": "Bearer " + world["own"].token}
    return {}


def _url(app, rule, tenant, world):
    from flask import url_for
    from werkzeug.routing.converters import AnyConverter

    args = tenant.args(world["challenge"])
    values = {name: args[name] for name in rule.arguments if name in args}
    for name, converter in rule._converters.items():
        if isinstance(converter, AnyConverter) and values.get(name) not in converter.items:
            values[name] = sorted(converter.items)[0]
    with app.test_request_context():
        url = url_for(rule.endpoint, **values)
    if rule.endpoint.startswith(("organizer.", "api.report", "api.stats")):
        url += f"?challenge={world['challenge'].id}&region={tenant.region.id}"
    return url


def _denied(response) -> bool:
    if response.status_code in (400, 401, 403, 404, 405, 429):
        return True
    return response.status_code == 302 and (
        "/auth/login" in response.location or response.location.endswith("/join")
    )


def _cases(app):
    for rule in app.url_map.iter_rules():
        access = rule_of(rule.endpoint)
        if access in RULES and access != "public" and rule.endpoint != "static":
            yield rule, access


@pytest.mark.parametrize("role", ROLES)
def test_no_role_reaches_what_is_not_theirs(app, world, role):
    client = _client(app, world, role)
    unexpected = []
    for rule, access in _cases(app):
        own_ok, other_ok = RULES[access]
        urls = {name: _url(app, rule, world[name], world) for name in ("own", "other")}
        for tenant_name, allowed in (("own", own_ok), ("other", other_ok)):
            if role in allowed or (tenant_name == "other" and urls["other"] == urls["own"]):
                continue  # allowed, or a page that names no tenant (the user's own)
            url = urls[tenant_name]
            headers = _headers(world, role) if rule.endpoint.startswith("api.") else {}
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                response = client.open(url, method=method, headers=headers)
                if not _denied(response):
                    unexpected.append(
                        f"{role} {method} {url} ({tenant_name}) -> {response.status_code}"
                    )
    assert unexpected == [], "\n".join(unexpected)


@pytest.mark.parametrize("role", ["teacher", "coordinator", "regional", "national", "pupil"])
def test_each_role_reaches_its_own_pages(app, world, role):
    client = _client(app, world, role)
    refused = []
    for rule, access in _cases(app):
        if role not in RULES[access][0] or "GET" not in rule.methods:
            continue
        if rule.endpoint in ("teacher.projector",) and role == "pupil":
            continue
        url = _url(app, rule, world["own"], world)
        headers = _headers(world, role) if rule.endpoint.startswith("api.") else {}
        response = client.get(url, headers=headers)
        if response.status_code not in (200, 302, 304):
            refused.append(f"{role} GET {url} -> {response.status_code}")
    assert refused == [], "\n".join(refused)


def test_signing_out_needs_a_signed_in_staff_member(app, world):
    response = app.test_client().post("/kk/auth/logout")
    assert _denied(response)
