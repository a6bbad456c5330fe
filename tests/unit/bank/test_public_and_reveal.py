"""What the browser sees before answering (never the key) and after (the key, the why)."""

import json
from pathlib import Path

import pytest

from quiz.bank import KINDS, load_bank
from quiz.i18n import LOCALES

BANK = load_bank(Path(__file__).resolve().parents[2] / "data" / "banks" / "valid")
ITEMS = [item for quiz in BANK.quizzes() for item in quiz.items]
KEY_FIELDS = (
    "correct",
    "match",
    "group",
    "suspicious",
    "good",
    "next",
    "answer",
    "accept",
    "consequence",
    "why",
    "feedback",
    "misconception",
    "explanation",
    "max_score",
)


def test_fixture_bank_has_every_kind():
    assert {item.kind for item in ITEMS} == set(KINDS)


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: item.kind)
@pytest.mark.parametrize("lang", LOCALES)
def test_public_view_never_contains_key_fields(item, lang):
    shown = json.dumps(item.public(lang), ensure_ascii=False)
    for field in KEY_FIELDS:
        assert f'"{field}"' not in shown
    for secret in _secret_texts(item.export(), lang):
        assert secret not in shown


def _secret_texts(node, lang, secret=False):
    """Texts under key-like fields (feedback, why, consequence, accept, explanation)."""
    if isinstance(node, dict):
        for key, value in node.items():
            hidden = secret or key in {"feedback", "why", "consequence", "accept", "explanation"}
            if key == lang and hidden:
                yield from value if isinstance(value, list) else [value]
            else:
                yield from _secret_texts(value, lang, hidden)
    elif isinstance(node, list):
        for value in node:
            yield from _secret_texts(value, lang, secret)


def test_public_view_is_in_one_language_with_ids():
    item = BANK.quiz("safety-1-4").item("share-password")
    shown = item.public("ru")
    assert shown["text"] == "Друг просит твой пароль. Что ты сделаешь?"
    assert {o["id"] for o in shown["options"]} == {"give", "refuse", "ask-mum"}
    assert all(isinstance(o["text"], str) for o in shown["options"])


def test_options_are_shuffled_deterministically_not_in_file_order():
    item = BANK.quiz("safety-1-4").item("share-password")
    first = [o["id"] for o in item.public("kk")["options"]]
    assert first == [o["id"] for o in item.public("ru")["options"]]
    assert first != ["give", "refuse", "ask-mum"]


def test_matching_rights_are_shuffled_and_lefts_kept():
    item = BANK.quiz("safety-1-4").item("who-helps")
    shown = item.public("kk")
    assert [e["id"] for e in shown["lefts"]] == ["n111", "n102"]
    assert [e["id"] for e in shown["rights"]] != ["police", "rights", "pizza"]


def test_reveal_gives_the_key_in_the_response_shape_and_feedback():
    quiz = BANK.quiz("safety-1-4")
    single = quiz.item("share-password").reveal("ru", "give")
    assert single["correct_response"] == "refuse"
    assert single["feedback"] == {"give": "Друг может случайно передать его другим."}
    assert single["misconceptions"] == ["shares-password-with-friend"]
    assert (single["score"], single["correct"]) == (0, False)
    assert single["discussion"] == "Как ты ответишь другу?"
    assert quiz.item("who-helps").reveal("kk")["correct_response"] == {
        "n111": "rights",
        "n102": "police",
    }
    assert quiz.item("safety-word").reveal("kk")["correct_response"] == "қауіпсіздік"
    assert quiz.item("password-secret").reveal("kk")["correct_response"] is False


def test_reveal_of_every_item_scores_its_own_correct_response():
    for item in ITEMS:
        for lang in LOCALES:
            key = item.reveal(lang)["correct_response"]
            if item.scored:
                assert item.score(key) == item.max_score, item.id
                assert item.is_correct(key) is True


def test_export_carries_both_languages_and_the_key():
    exported = BANK.quiz("safety-5-9").item("fake-sms").export()
    assert exported["sender"] == {"kk": "BANK-KZ", "ru": "BANK-KZ"}
    assert [p["suspicious"] for p in exported["parts"]] == [False, True, True]
    assert json.loads(json.dumps(exported)) == exported
