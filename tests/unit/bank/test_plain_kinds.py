"""true_false, short_text, info and password_lab."""

import pytest
from bank_factories import build, valid

from quiz.bank import InvalidResponse, normalise_text


@pytest.mark.parametrize("answer", [None, "true", 1])
def test_true_false_needs_a_boolean_answer(answer):
    fields = {} if answer is None else {"answer": answer}
    _, problems = build("true_false", **fields)
    assert any("answer = true" in p for p in problems)


def test_true_false_scores_equality_and_rejects_non_booleans():
    item = valid("true_false", answer=False)
    assert (item.score(False), item.score(True)) == (1, 0)
    for response in ("false", 0, None):
        with pytest.raises(InvalidResponse):
            item.score(response)


def test_short_text_needs_accepted_answers_in_both_languages():
    assert any("accept" in p for p in build("short_text")[1])
    _, problems = build("short_text", accept={"kk": ["қауіпсіздік"], "ru": []})
    assert any("accept.ru" in p for p in problems)


@pytest.mark.parametrize("typed", ["Қауіпсіздік", "кауипсиздик", "КАУІПСІЗДІК ", "  қауіпсіздік!"])
def test_short_text_matches_after_normalisation(typed):
    item = valid("short_text", accept={"kk": ["қауіпсіздік"], "ru": ["безопасность"]})
    assert item.score(typed) == 1


def test_short_text_accepts_either_language_and_folds_yo():
    item = valid("short_text", accept={"kk": ["қауіпсіздік"], "ru": ["Ёлка"]})
    assert item.score("елка.") == 1
    assert item.score("БЕЗОПАСНОСТЬ") == 0
    assert item.score("") == 0
    with pytest.raises(InvalidResponse):
        item.score(["ёлка"])


def test_normalise_text_collapses_spaces_and_drops_final_stop():
    assert normalise_text("  Құпия   сөз.  ") == "купия соз"
    assert normalise_text("е\u0308ж") == "еж"  # decomposed ё is composed first


def test_info_takes_null_and_is_unscored():
    item = valid("info")
    assert (item.score(None), item.max_score, item.is_correct(None)) == (0, 0, None)
    with pytest.raises(InvalidResponse):
        item.score("a")


def test_password_lab_scores_reaching_strong():
    item = valid("password_lab")
    assert (item.score({"strong": True}), item.score({"strong": False})) == (1, 0)
    for response in (True, {"strong": "yes"}, {"strong": True, "password": "x"}):
        with pytest.raises(InvalidResponse):
            item.score(response)


def test_common_fields_need_both_languages_and_no_typos():
    _, problems = build("info", text={"kk": "Мәтін"}, explaination={"kk": "a", "ru": "b"})
    assert "'text.ru' is missing or empty" in problems
    assert "unknown key 'explaination'" in problems


def test_text_must_be_a_table_not_a_string():
    _, problems = build("info", text="Мәтін")
    assert "'text' must be a table with kk and ru" in problems
