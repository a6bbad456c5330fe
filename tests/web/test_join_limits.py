"""Guessing class codes is limited per address; a whole class behind one school address joins.

JOIN_FAIL_LIMIT (30 per minute) counts wrong codes from one address in one bucket across the
join form, the nickname page and the API; pupils who type their code right are not counted.
"""

import pytest
from sqlalchemy import func, select

from quiz.extensions import db
from quiz.models import Participant
from tests import factories
from tests.conftest import running_app

SCHOOL_IP = "10.20.30.40"


@pytest.fixture
def limited(app_config):
    """An app with its rate limits on (memory storage)."""
    with running_app({**app_config, "RATELIMIT_ENABLED": True}) as app:
        yield app


def _from(ip: str) -> dict:
    return {"environ_base": {"REMOTE_ADDR": ip}}


def _wrong_code(client, where: str, n: int, ip: str) -> int:
    code = f"WR{n:06d}"
    if where == "form":
        return client.post("/kk/join", data={"code": code}, **_from(ip)).status_code
    if where == "page":
        return client.get(f"/kk/join/{code}", **_from(ip)).status_code
    return client.post("/api/v1/join", json={"code": code}, **_from(ip)).status_code


@pytest.mark.parametrize("where", ["form", "page", "api"])
def test_the_31st_wrong_code_from_one_address_is_refused(limited, where):
    client = limited.test_client()
    statuses = [_wrong_code(client, where, n, "10.0.0.9") for n in range(31)]
    assert 429 not in statuses[:30]
    assert statuses[30] == 429
    # the limit is per address: another school is not slowed down
    assert _wrong_code(client, where, 99, "10.0.0.10") != 429


def test_wrong_codes_count_in_one_bucket_across_form_page_and_api(limited):
    client = limited.test_client()
    for n in range(30):
        _wrong_code(client, ("form", "page", "api")[n % 3], n, "10.0.0.11")
    assert _wrong_code(client, "api", 31, "10.0.0.11") == 429
    assert _wrong_code(client, "form", 32, "10.0.0.11") == 429
    page = client.post("/ru/join", data={"code": "WR000033"}, **_from("10.0.0.11"))
    assert "Слишком много попыток" in page.get_data(as_text=True)


def test_forty_pupils_behind_one_school_address_all_join_within_a_minute(limited):
    klass = factories.klass()
    code = klass.join_code
    statuses = []
    for n in range(40):
        pupil = limited.test_client()  # a phone of its own, the school's one address
        statuses.append(pupil.get("/kk/join", **_from(SCHOOL_IP)).status_code)
        step = pupil.post("/kk/join", data={"code": code.lower()}, **_from(SCHOOL_IP))
        statuses.append(step.status_code)
        statuses.append(pupil.get(step.location, **_from(SCHOOL_IP)).status_code)
        joined = pupil.post(
            f"/kk/join/{code}", data={"suggested": f"Бүркіт {n}"}, **_from(SCHOOL_IP)
        )
        statuses.append(joined.status_code)
    assert 429 not in statuses
    assert db.session.scalar(select(func.count(Participant.id))) == 40


def test_forty_pupils_joining_by_the_api_from_one_address_all_get_in(limited):
    klass = factories.klass()
    client = limited.test_client()
    statuses = [
        client.post("/api/v1/join", json={"code": klass.join_code}, **_from(SCHOOL_IP)).status_code
        for _ in range(40)
    ]
    assert statuses == [201] * 40


def test_a_few_typos_do_not_lock_the_class_out(limited):
    klass = factories.klass()
    client = limited.test_client()
    for n in range(10):
        _wrong_code(client, "form", n, SCHOOL_IP)
    joined = client.post("/api/v1/join", json={"code": klass.join_code}, **_from(SCHOOL_IP))
    assert joined.status_code == 201
