"""Every route × role × tenant, in one table: nobody reaches what is not theirs.

Roles: anonymous, pupil (device cookie), teacher, coordinator, regional organizer, national
organizer. Tenants: "own" (region A, its school, class, pupil, records), "sibling" (another
school of region A, with its own class, pupil and records) and "other" (region B). Each route
has one access rule below; a route added without a rule fails
`test_every_route_has_an_access_rule`.

A refused request gets one answer, chosen by why it is refused (`refusal`):
- the right role with another tenant's id: 404, exactly as for an id that does not exist,
  so nothing tells that the id exists (`test_sweeping_ids_of_other_schools_discloses_nothing`
  compares the bodies too);
- the wrong role: a signed-out visitor (or a pupil) is sent to sign in on staff pages; a
  signed-in staff member of another role gets 404 too (the app never answers 403 here: it
  does not even say that a page exists for another role, `quiz/services/scope.py`); the APIs
  answer 401 without the right token (a pupil's, an organizer's); a live class hour's pupil
  screen sends a device without a pupil to the join page.
"""

import hashlib
import re
from datetime import date, datetime

import pytest
from werkzeug.routing import AnyConverter, IntegerConverter

from quiz.extensions import db
from quiz.models import Attempt, OfflineActivity, SocialLink
from quiz.services import accounts
from tests import factories, factories_teachers

ROLES = ("anonymous", "pupil", "teacher", "coordinator", "regional", "national")

TENANTS = ("own", "sibling", "other")
STAFF = {"teacher", "coordinator", "regional", "national"}
# rule -> tenant -> roles allowed there
RULES = {
    "public": dict.fromkeys(TENANTS, set(ROLES)),
    "teacher": {"own": {"teacher", "coordinator"}, "sibling": set(), "other": set()},
    "organizer": {"own": {"regional", "national"}, "sibling": {"regional", "national"}}
    | {"other": {"national"}},
    "national": dict.fromkeys(TENANTS, {"national"}),
    "pupil": {"own": {"pupil"}, "sibling": set(), "other": set()},
    "api-organizer": {"own": {"regional", "national"}, "sibling": {"regional", "national"}}
    | {"other": {"national"}},
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
    """A school (of a new region, or of the region given) with staff, a class, a pupil and
    every kind of record."""

    def __init__(self, challenge, tag, region=None):
        self.region = region or factories.region()
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
            created_by_id=self.teacher.id,
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
    """Three tenants (region A's school, another school of region A, region B's school) and
    a national organizer."""
    challenge = factories.challenge()
    own = Tenant(challenge, "a")
    sibling, other = Tenant(challenge, "c", region=own.region), Tenant(challenge, "b")
    national = factories.user("national")
    return {
        "challenge": challenge,
        "own": own,
        "sibling": sibling,
        "other": other,
        "national": national,
    }


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


def outcome(response) -> str:
    """A response as the table names it: its status, or where a redirect sends the visitor."""
    if response.status_code == 302:
        if "/auth/login" in response.location:
            return "sign-in"
        return "join" if response.location.endswith("/join") else "302 " + response.location
    return str(response.status_code)


def refusal(role: str, access: str, endpoint: str) -> str:
    """The one answer a refused request gets (see the module's docstring)."""
    if role in RULES[access]["own"]:
        return "404"  # the right role, another tenant's id: as if it did not exist
    if access == "pupil":  # no pupil token with the request
        if endpoint == "api.live_state":  # the poll: no pupil and an unknown one alike
            return "404"
        if endpoint.startswith("api."):
            return "401"
        return "join" if endpoint.startswith("live.") else "404"
    if access == "api-organizer":  # no staff token with the request
        return "401"
    return "404" if role in STAFF else "sign-in"


def _cases(app):
    for rule in app.url_map.iter_rules():
        access = rule_of(rule.endpoint)
        if access in RULES and access != "public" and rule.endpoint != "static":
            yield rule, access


def _send(app, client, url, method, headers):
    from tests.web.world import send

    return send(app, client, method, url, headers=headers)


@pytest.mark.parametrize("role", ROLES)
def test_no_role_reaches_what_is_not_theirs(app, world, role):
    client = _client(app, world, role)
    wrong = []
    for rule, access in _cases(app):
        urls = {name: _url(app, rule, world[name], world) for name in TENANTS}
        for tenant_name in TENANTS:
            allowed = role in RULES[access][tenant_name]
            if allowed or (tenant_name != "own" and urls[tenant_name] == urls["own"]):
                continue  # allowed, or a page that names no tenant (the user's own)
            url = urls[tenant_name]
            headers = _headers(world, role) if rule.endpoint.startswith("api.") else {}
            want = refusal(role, access, rule.endpoint)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                got = outcome(_send(app, client, url, method, headers))
                if got != want:
                    wrong.append(f"{role} {method} {url} ({tenant_name}): {got}, not {want}")
    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize("role", ["teacher", "coordinator", "regional", "national", "pupil"])
def test_each_role_reaches_its_own_pages(app, world, role):
    client = _client(app, world, role)
    refused = []
    for rule, access in _cases(app):
        if role not in RULES[access]["own"] or "GET" not in rule.methods:
            continue
        for tenant_name in TENANTS:
            if role not in RULES[access][tenant_name]:
                continue
            url = _url(app, rule, world[tenant_name], world)
            headers = _headers(world, role) if rule.endpoint.startswith("api.") else {}
            response = _send(app, client, url, "GET", headers)
            if response.status_code not in (200, 302, 304):
                refused.append(f"{role} GET {url} ({tenant_name}) -> {response.status_code}")
    assert refused == [], "\n".join(refused)


def test_signing_out_needs_a_signed_in_staff_member(app, world):
    response = app.test_client().post("/kk/auth/logout")
    assert outcome(response) in ("sign-in", "403", "401")


# The teacher's own objects, per URL argument: a URL naming only these is the teacher's page.
OWN_IDS = {
    "class_id": lambda t: {t.klass.id},
    "assignment_id": lambda t: {t.assignment.id},
    "session_id": lambda t: {t.session.id},
    "run_id": lambda t: {t.session.id},
    "activity_id": lambda t: {t.activity.id},
    "link_id": lambda t: {t.link.id},
    "participant_id": lambda t: {t.pupil.id},
}
NO_SUCH_ID = 2_000_000
CSRF_VALUE = re.compile(r'(name="csrf_token" value=")[^"]*"')


def _swept_rules(app):
    """Teacher routes that name objects by integer ids: classes, assignments, live sessions,
    runs and their results and exports, records."""
    for rule, access in _cases(app):
        ints = [n for n, c in rule._converters.items() if isinstance(c, IntegerConverter)]
        if access == "teacher" and ints:
            yield rule, ints


def _sweep_url(app, rule, world, ints, value):
    """The rule's URL with every integer argument set to `value` (others the own tenant's)."""
    from flask import url_for

    args = world["own"].args(world["challenge"])
    values = {name: args[name] for name in rule.arguments if name in args}
    values.update(dict.fromkeys(ints, value))
    for name, converter in rule._converters.items():
        if isinstance(converter, AnyConverter) and values.get(name) not in converter.items:
            values[name] = sorted(converter.items)[0]
    with app.test_request_context():
        return url_for(rule.endpoint, **values)


def _refusal_page(response, url: str) -> tuple:
    """Status and body, with what a page says about its own address taken out (the language
    switcher links to the same path, the sign-out form carries a fresh CSRF token)."""
    body = response.get_data(as_text=True)
    body = body.replace(url[len("/kk") :], "{path}")
    return response.status_code, CSRF_VALUE.sub(r"\1…", body)


def test_sweeping_ids_of_other_schools_discloses_nothing(app, world):
    """A teacher who tries ids 1..N gets the same 404 for an id of another school (of the
    same region, or of another) as for an id that does not exist."""
    client = _client(app, world, "teacher")
    top = max(max(fn(world[name])) for name in ("sibling", "other") for fn in OWN_IDS.values())
    different, swept = [], 0
    for rule, ints in _swept_rules(app):
        method = "GET" if "GET" in rule.methods else "POST"
        missing = _sweep_url(app, rule, world, ints, NO_SUCH_ID)
        want = _refusal_page(_send(app, client, missing, method, {}), missing)
        assert want[0] == 404, f"{method} {missing}: {want[0]}"
        for value in range(1, top + 2):
            if all(value in OWN_IDS[name](world["own"]) for name in ints):
                continue  # the teacher's own page
            url = _sweep_url(app, rule, world, ints, value)
            swept += 1
            if _refusal_page(_send(app, client, url, method, {}), url) != want:
                different.append(f"{method} {url}")
    assert swept > 50
    assert different == [], "these answer differently from an id that does not exist:\n" + (
        "\n".join(different)
    )
