"""Generated malformed JSON to every API endpoint, and schemathesis from the OpenAPI document.

Neither ever gets a server error (5xx). Endpoints come from `app.url_map` (hypothesis) and from
/api/v1/openapi.json (schemathesis); calls carry the token of the role that may use them, so
input reaches the code behind authentication. See tests/fuzz.py for the number of examples.
"""

import pytest
import schemathesis
from hypothesis import given
from hypothesis import strategies as st
from schemathesis import GenerationMode

from tests.fuzz import FUZZ, TIMEOUT, json_body
from tests.web import test_access_table as access
from tests.web.test_security_headers import OPENER
from tests.web.world import build_world, send

pytestmark = TIMEOUT

KEYS = [
    "code",
    "nickname",
    "lang",
    "band",
    "school_id",
    "quiz_id",
    "assignment_id",
    "live_session_id",
    "response",
    "client_answer_id",
]


@pytest.fixture
def world(app):
    """Two tenants and a national organizer, as in the access table."""
    return build_world()


def _api_routes(app):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule, method


def _check(app, client, method, url, headers):
    @FUZZ
    @given(
        body=json_body(KEYS),
        query=st.dictionaries(st.sampled_from(KEYS + ["path"]), st.text(max_size=8), max_size=2),
    )
    def fuzz(body, query):
        response = send(app, client, method, url, json=body, query_string=query, headers=headers)
        assert response.status_code < 500, f"{method} {url} {body!r} -> {response.status_code}"
        assert response.is_json, f"{method} {url}: the API answered {response.mimetype}"

    fuzz()


def test_no_api_endpoint_answers_generated_json_with_a_server_error(app, world):
    client = app.test_client()
    routes = sorted(_api_routes(app), key=lambda pair: pair[0].endpoint == "api.finish")
    for rule, method in routes:
        role = OPENER[access.rule_of(rule.endpoint)]
        url = access._url(app, rule, world["own"], world).split("?")[0]
        _check(app, client, method, url, access._headers(world, role))


def test_malformed_json_text_is_a_json_error(app, client, world):
    headers = access._headers(world, "pupil")
    for body in ("{", "[1,", '{"response": NaN}', "\x00", '"' + "\\ud800" + '"'):
        response = client.put(
            f"/api/v1/attempts/{world['own'].attempt.id}/answers/twofa",
            data=body,
            content_type="application/json",
            headers=headers,
        )
        assert response.status_code in (400, 409, 422) and response.is_json


# schemathesis: every operation of the OpenAPI document, called on the Flask app directly.
# (Its pytest plugin's `from_fixture` does not run on pytest 9, so the cases are drawn here.)
def test_schemathesis_finds_no_server_error_in_any_operation_of_the_document(app, world):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    tokens = {
        "participant": access._headers(world, "pupil"),
        "staff": access._headers(world, "regional"),
    }
    own = world["own"]
    ids = {"attempt_id": own.attempt.id, "item_id": "twofa", "session_id": own.session.id}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:
        security = {name for rule in operation.definition.raw.get("security", []) for name in rule}
        headers = tokens["staff" if "staff" in security else "participant"]
        names = {p.name for p in operation.path_parameters}
        cases = st.one_of(
            operation.as_strategy(GenerationMode.POSITIVE),
            operation.as_strategy(GenerationMode.NEGATIVE),
            # the own tenant's ids, so cases get past "not found" into validation
            operation.as_strategy(path_parameters={n: ids[n] for n in names if n in ids}),
        )
        _check_operation(app, cases, headers)


def _check_operation(app, cases, headers):
    @FUZZ
    @given(case=cases)
    def fuzz(case):
        from quiz.extensions import db

        db.session.commit()
        with app.app_context():
            response = case.call(headers=headers)
        assert response.status_code < 500, case.as_curl_command()

    fuzz()
