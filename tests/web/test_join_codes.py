"""A join code typed on a Kazakh or Russian keyboard (Cyrillic look-alikes), in full-width
letters, with spaces or dashes, finds the class: on the join form, by the link and by the API."""

from urllib.parse import quote

import pytest

from quiz.extensions import db
from quiz.models import Participant
from quiz.services.codes import ALPHABET, normalise_code
from tests import factories

CODE = "KEMP3TXA"
CYRILLIC = "КЕМР3ТХА"  # К Е М Р Т Х А are Cyrillic letters here
TYPED = ["кемр зтха", "КЕМР-3ТХА", "ҚЕМР3ТХА", "ＫＥＭＰ３ＴＸＡ", " kemp-3txa "]


@pytest.fixture
def klass(app):
    row = factories.klass()
    row.join_code = CODE
    db.session.commit()
    return row


def test_the_code_alphabet_holds_the_look_alikes_folded_to():
    assert set(CODE) <= set(ALPHABET)
    assert all(ch not in ALPHABET for ch in CYRILLIC if ch != "3")  # they really are Cyrillic


@pytest.mark.parametrize("typed", [CYRILLIC, *TYPED])
def test_cyrillic_full_width_and_spaced_codes_fold_to_the_code(typed):
    assert normalise_code(typed) == CODE


@pytest.mark.parametrize("typed", [CYRILLIC, *TYPED])
def test_a_code_typed_with_cyrillic_look_alikes_joins_on_the_form(client, klass, typed):
    response = client.post("/kk/join", data={"code": typed})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/kk/join/{CODE}")


def test_a_join_link_with_cyrillic_look_alikes_joins_the_class(client, klass):
    link = f"/ru/join/{quote(CYRILLIC)}"
    assert client.get(link).status_code == 200
    response = client.post(link, data={"own": "1", "nickname": "Арман"})
    assert response.status_code == 302
    assert Participant.query.one().class_id == klass.id


def test_the_api_joins_with_a_code_typed_in_cyrillic(client, klass):
    response = client.post("/api/v1/join", json={"code": "кемр-зтха", "lang": "kk"})
    assert response.status_code == 201
    assert response.get_json()["class_id"] == klass.id


def test_a_code_of_other_cyrillic_letters_still_finds_nothing(client, klass):
    response = client.post("/ru/join", data={"code": "ЖЖЖЖЖЖЖЖ"})
    assert response.status_code == 422
    assert "Класса с таким кодом нет." in response.get_data(as_text=True)
    assert client.post("/api/v1/join", json={"code": "ЖЖЖЖЖЖЖЖ"}).status_code == 404
