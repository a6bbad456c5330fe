"""Generated malformed input to every form and page: never a server error (5xx).

Routes come from `app.url_map`; each is sent by the role that may use it, so the input reaches
the form's validation and the service behind it. Field names are those of the app's own pages
plus random ones. See tests/fuzz.py for the number of examples.
"""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz import FUZZ, TIMEOUT, form_data, text_values
from tests.web import test_access_table as access
from tests.web.test_csrf_table import USER, form_routes
from tests.web.test_security_headers import OPENER, _responses
from tests.web.world import build_world, send

pytestmark = TIMEOUT

FIELD = re.compile(r'\bname="([^"]+)"')
# Routes that end what the others need (the class, the session) go last.
LAST = ("delete", "logout", "finish")


@pytest.fixture
def world(app):
    """Two tenants and a national organizer, as in the access table."""
    return build_world()


def _field_names(app, world) -> list[str]:
    names = set()
    for _endpoint, _url, response in _responses(app, world):
        if response.mimetype == "text/html":
            names.update(FIELD.findall(response.get_data(as_text=True)))
    names.discard("csrf_token")
    return sorted(names)


def _ordered(routes):
    return sorted(routes, key=lambda pair: any(w in pair[0].endpoint for w in LAST))


def _check_route(app, client, method, url, names):
    @FUZZ
    @given(data=form_data(names))
    def fuzz(data):
        response = send(app, client, method, url, data=data)
        assert response.status_code < 500, f"{method} {url} {data!r} -> {response.status_code}"

    fuzz()


def _check_query(app, client, url, headers, queries):
    @FUZZ
    @given(query=queries)
    def fuzz(query):
        response = send(app, client, "GET", url, query_string=query, headers=headers)
        assert response.status_code < 500, f"GET {url} {query!r} -> {response.status_code}"

    fuzz()


def test_no_form_answers_generated_malformed_input_with_a_server_error(app, world):
    names = _field_names(app, world)
    assert {"code", "nickname", "email", "grade", "response"} <= set(names)
    clients = {}
    for rule, method in _ordered(form_routes(app)):
        role = USER[access.rule_of(rule.endpoint)]
        role = "teacher" if role == "pupil" and rule.endpoint.startswith("auth.") else role
        if role not in clients:
            clients[role] = access._client(app, world, role)
        url = access._url(app, rule, world["own"], world)
        _check_route(app, clients[role], method, url, names)


def test_no_page_answers_a_generated_query_string_with_a_server_error(app, world):
    clients = {}
    keys = ["challenge", "region", "district", "by", "band", "theme", "lang", "path", "page"]
    queries = st.dictionaries(st.sampled_from(keys) | st.text(max_size=6), text_values, max_size=5)
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        role = OPENER[access.rule_of(rule.endpoint)]
        if role not in clients:
            clients[role] = access._client(app, world, role)
        client = clients[role]
        url = access._url(app, rule, world["own"], world).split("?")[0]
        headers = access._headers(world, role) if rule.endpoint.startswith("api.") else {}

        _check_query(app, client, url, headers, queries)
