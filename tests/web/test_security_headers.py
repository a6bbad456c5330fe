"""Security headers on every response: every route (GET and the state-changing methods), as
its own role and as a stranger, and the refusals made before or around a view: 413, 429, 503.

Routes come from `app.url_map` and URLs are built like the access table builds them, so a new
page is checked without touching this file. Staff pages, the live class hour, sign-in and the
organizers' API (`/api/v1/report`, `/api/v1/stats`) are never stored by the browser.
"""

import pytest
from sqlalchemy.pool import NullPool

from tests import factories
from tests.web import test_access_table as access
from tests.web.world import build_world, send

# The role that opens a route of each access rule on its own tenant
OPENER = {
    "public": "anonymous",
    "pupil": "pupil",
    "teacher": "teacher",
    "organizer": "regional",
    "national": "national",
    "api-organizer": "regional",
}
NO_STORE_PREFIXES = ("teacher.", "organizer.", "live.", "auth.")
ALLOWED_SOURCES = {"'self'", "'none'", "data:"}


@pytest.fixture
def world(app):
    """Two tenants and a national organizer, as in the access table."""
    return build_world()


def _get_routes(app):
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and rule.endpoint != "static":
            yield rule, access.rule_of(rule.endpoint)


def _responses(app, world):
    """Yield (endpoint, url, response) for every GET route, as its role and as anonymous."""
    clients = {}
    for rule, rule_name in _get_routes(app):
        url = access._url(app, rule, world["own"], world)
        for role in {OPENER[rule_name], "anonymous"}:
            if role not in clients:
                clients[role] = access._client(app, world, role)
            headers = access._headers(world, role) if rule.endpoint.startswith("api.") else {}
            yield rule.endpoint, url, send(app, clients[role], "GET", url, headers=headers)
    for url in ("/static/css/app.css", "/kk/no-such-page", "/api/v1/no-such-thing"):
        yield "(none)", url, send(app, clients["anonymous"], "GET", url)


def csp_problems(csp: str) -> list[str]:
    """Return what is wrong with a Content-Security-Policy header (an empty list if nothing)."""
    directives = {}
    for part in filter(None, (p.strip() for p in csp.split(";"))):
        name, *sources = part.split()
        directives[name] = set(sources)
    problems = []
    for name in ("default-src", "script-src", "frame-ancestors", "object-src", "base-uri"):
        if name not in directives:
            problems.append(f"no {name}")
    if directives.get("script-src", set()) != {"'self'"}:
        problems.append(f"script-src allows more than 'self': {directives.get('script-src')}")
    if not directives.get("frame-ancestors", {"x"}) <= {"'none'", "'self'"}:
        problems.append("frame-ancestors lets other sites frame the page")
    for name, sources in directives.items():
        foreign = sources - ALLOWED_SOURCES
        if foreign:
            problems.append(f"{name} allows {sorted(foreign)}")
    return problems


def header_problems(response) -> list[str]:
    """What is missing or weak among a response's security headers (empty if nothing)."""
    headers = response.headers
    wrong = csp_problems(headers.get("Content-Security-Policy", ""))
    if headers.get("X-Content-Type-Options") != "nosniff":
        wrong.append("no X-Content-Type-Options: nosniff")
    if headers.get("Referrer-Policy") not in ("same-origin", "no-referrer", "strict-origin"):
        wrong.append(f"Referrer-Policy {headers.get('Referrer-Policy')}")
    return wrong


def test_every_response_of_every_get_route_carries_the_security_headers(app, world):
    problems = []
    seen = 0
    for endpoint, url, response in _responses(app, world):
        seen += 1
        wrong = header_problems(response)
        if wrong:
            problems.append(f"{endpoint} {url} ({response.status_code}): {wrong}")
    assert seen > 50
    assert problems == [], "\n".join(problems)


def test_staff_live_and_sign_in_pages_are_never_stored_by_the_browser(app, world):
    stored = []
    for endpoint, url, response in _responses(app, world):
        if endpoint.startswith(NO_STORE_PREFIXES):
            if "no-store" not in response.headers.get("Cache-Control", ""):
                stored.append(f"{endpoint} {url} ({response.status_code})")
    assert stored == [], "\n".join(stored)


@pytest.mark.parametrize(
    "csp, problem",
    [
        ("default-src 'self'; script-src 'self' 'unsafe-inline'", "script-src"),
        ("default-src 'self'; script-src 'self' https://cdn.example", "script-src"),
        ("default-src 'self'; script-src 'self'; img-src https:", "img-src"),
        ("default-src 'self'; script-src 'self'", "frame-ancestors"),
    ],
)
def test_the_policy_check_catches_a_weak_policy(csp, problem):
    assert any(problem in p for p in csp_problems(csp))


WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def _write_responses(app, world):
    """Yield (endpoint, method, url, response) for every state-changing route, sent empty as
    its role on its own tenant and as a stranger (refused or re-displayed: still a response).
    URLs are built first and deletions sent last, so every route meets its rows."""
    requests = []
    for rule in app.url_map.iter_rules():
        rule_name = access.rule_of(rule.endpoint)
        if rule.methods & WRITES and rule_name in OPENER:
            url = access._url(app, rule, world["own"], world)
            for role in sorted({OPENER[rule_name], "anonymous"}):
                for method in sorted(rule.methods & WRITES):
                    requests.append((rule.endpoint, role, method, url))
    requests.sort(key=lambda r: "delete" in r[0] or "delete" in r[3])
    clients = {}
    for endpoint, role, method, url in requests:
        if role not in clients:
            clients[role] = access._client(app, world, role)
        headers = access._headers(world, role) if endpoint.startswith("api.") else {}
        yield endpoint, method, url, send(app, clients[role], method, url, headers=headers)


def test_every_response_of_every_state_changing_route_carries_the_security_headers(app, world):
    problems, seen = [], 0
    for endpoint, method, url, response in _write_responses(app, world):
        seen += 1
        wrong = header_problems(response)
        if endpoint.startswith(NO_STORE_PREFIXES) and "no-store" not in response.headers.get(
            "Cache-Control", ""
        ):
            wrong.append("no Cache-Control: no-store")
        if wrong:
            problems.append(f"{method} {endpoint} {url} ({response.status_code}): {wrong}")
    assert seen > 40
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("by", ["region", "district", "school", "day", "theme", "band", None])
def test_the_organizers_api_is_never_stored(app, world, by):
    token = access._headers(world, "national")
    challenge = world["challenge"].id
    for path in ("/api/v1/report", "/api/v1/stats"):
        url = f"{path}?challenge={challenge}" + (f"&by={by}" if by else "")
        client = app.test_client()
        response = send(app, client, "GET", url, headers=token)
        assert response.status_code == 200, url
        assert response.headers.get("Cache-Control") == "no-store", url
        assert header_problems(response) == [], url
        refused = send(app, client, "GET", url)  # no token: 401, not stored either
        assert refused.status_code == 401
        assert refused.headers.get("Cache-Control") == "no-store", url


TOO_BIG = 3 * 1024 * 1024


def test_too_large_bodies_get_413_with_the_security_headers(app, world):
    client = access._client(app, world, "teacher")
    pupil = access._headers(world, "pupil")
    attempt = world["own"].attempt.id
    sent = [
        send(app, client, "POST", "/kk/auth/login", data={"email": "x" * TOO_BIG}),
        send(app, client, "POST", "/ru/teacher/classes/new", data={"letter": "x" * TOO_BIG}),
        send(app, app.test_client(), "POST", "/kk/join", data={"code": "x" * TOO_BIG}),
        send(
            app,
            app.test_client(),
            "PUT",
            f"/api/v1/attempts/{attempt}/answers/twofa",
            data='{"response": "' + "x" * TOO_BIG + '"}',
            content_type="application/json",
            headers=pupil,
        ),
    ]
    assert [r.status_code for r in sent] == [413] * 4
    assert [header_problems(r) for r in sent] == [[]] * 4
    assert "no-store" in sent[1].headers.get("Cache-Control", "")  # a teacher's page


@pytest.fixture
def limited(app_config):
    """An app with its rate limits on."""
    from tests.conftest import running_app

    with running_app({**app_config, "RATELIMIT_ENABLED": True}) as app:
        yield app


def test_rate_limited_responses_carry_the_security_headers(limited):
    teacher = factories.user("teacher")
    client = limited.test_client()
    address = {"environ_base": {"REMOTE_ADDR": "10.9.8.7"}}
    for n in range(11):
        signed = client.post(
            "/kk/auth/login", data={"email": teacher.email, "password": f"wrong {n}"}, **address
        )
    codes = [client.post("/api/v1/join", json={"code": f"WR{n:06d}"}, **address) for n in range(31)]
    joined = client.post("/ru/join", data={"code": "WR999999"}, **address)
    refused = {"sign-in": signed, "join API": codes[-1], "join form": joined}
    assert {name: r.status_code for name, r in refused.items()} == dict.fromkeys(refused, 429)
    assert {name: header_problems(r) for name, r in refused.items()} == dict.fromkeys(refused, [])
    assert "no-store" in signed.headers.get("Cache-Control", "")


@pytest.fixture
def database_down(app, world):
    """Every new database connection of the test app fails until the test ends."""
    from quiz.extensions import db

    clients = {role: access._client(app, world, role) for role in ("teacher", "national")}
    clients["token"] = access._headers(world, "national")
    db.session.remove()
    engine = db.engine
    original = engine.pool

    def refuse():
        raise engine.dialect.dbapi.OperationalError("the database does not answer")

    engine.pool = NullPool(refuse, dialect=engine.dialect)
    yield clients
    engine.pool = original


PUPIL = {"lang": "kk", "band": "5-9"}
CLASS = {"grade": 5, "letter": "А", "language": "kk"}


def test_unavailable_responses_carry_the_security_headers(app, world, database_down):
    token = database_down["token"]
    teacher, organizer, anyone = database_down["teacher"], database_down["national"], None
    requests = {
        "home page": (anyone, "GET", "/kk/", {}),
        "teacher's page": (teacher, "GET", "/kk/teacher/", {}),
        "organizer's report": (organizer, "GET", "/ru/organizer/report", {}),
        "pupil's API": (anyone, "POST", "/api/v1/participants", {"json": PUPIL}),
        "organizers' API": (anyone, "GET", "/api/v1/report", {"headers": token}),
        "teacher's form": (teacher, "POST", "/kk/teacher/classes/new", {"data": CLASS}),
    }
    sent = {
        name: send(app, client or app.test_client(), method, url, **kwargs)
        for name, (client, method, url, kwargs) in requests.items()
    }
    assert {name: r.status_code for name, r in sent.items()} == dict.fromkeys(sent, 503)
    assert {name: header_problems(r) for name, r in sent.items()} == dict.fromkeys(sent, [])
    for name in ("teacher's page", "organizer's report", "organizers' API", "teacher's form"):
        assert sent[name].headers.get("Cache-Control") == "no-store", name
