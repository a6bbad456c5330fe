"""Security headers on every response of every GET route, as its own role and as a stranger.

Routes come from `app.url_map` and URLs are built like the access table builds them, so a new
page is checked without touching this file.
"""

import pytest

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


def test_every_response_of_every_get_route_carries_the_security_headers(app, world):
    problems = []
    seen = 0
    for endpoint, url, response in _responses(app, world):
        seen += 1
        headers = response.headers
        wrong = csp_problems(headers.get("Content-Security-Policy", ""))
        if headers.get("X-Content-Type-Options") != "nosniff":
            wrong.append("no X-Content-Type-Options: nosniff")
        if headers.get("Referrer-Policy") not in ("same-origin", "no-referrer", "strict-origin"):
            wrong.append(f"Referrer-Policy {headers.get('Referrer-Policy')}")
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
