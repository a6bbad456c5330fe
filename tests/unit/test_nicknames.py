"""Nickname rules: what a pupil may call themselves, in Kazakh or Russian."""

import random

import pytest

from quiz.errors import NicknameRejected
from quiz.services.nicknames import (
    clean_nickname,
    generate_nickname,
    is_insult,
    nickname_key,
)


@pytest.mark.parametrize(
    "typed, shown",
    [
        ("  Әлия  ", "Әлия"),
        ("Айбек   7", "Айбек 7"),
        ("Ер", "Ер"),
        ("Смелый Барс 12", "Смелый Барс 12"),
        ("Ali", "Ali"),
    ],
)
def test_friendly_nicknames_are_accepted_trimmed(typed, shown):
    assert clean_nickname(typed)[0] == shown


def test_nickname_is_stored_in_nfc():
    decomposed = "Аи\u0306гері\u0308м"  # й as и + breve; a stray diaeresis on і
    nickname, _ = clean_nickname(decomposed)
    assert nickname == "Айгерї" + "м"
    assert nickname.startswith("Ай") and len(nickname) == 7


def test_key_folds_kazakh_capitals_and_yo():
    assert nickname_key("ӘЛИЯ") == nickname_key("әлия")
    assert nickname_key("ҰЛЖАН") == "ұлжан"
    assert nickname_key("Алёна") == nickname_key("Алена")
    assert nickname_key("Іңкәр") == "іңкәр"


@pytest.mark.parametrize("typed", ["А", "", "   ", "Б" * 25, "12345", "!!"])
def test_too_short_too_long_or_letterless_nicknames_are_refused(typed):
    with pytest.raises(NicknameRejected):
        clean_nickname(typed)


@pytest.mark.parametrize(
    "typed", ["Ай\u200bгерім", "Ali\u202eвек", "Ерлан\u0000", "Нұр\u2028лан", "Дана\u200f"]
)
def test_invisible_and_bidi_characters_are_refused(typed):
    with pytest.raises(NicknameRejected) as caught:
        clean_nickname(typed)
    assert caught.value.details["reason"] == "control"


@pytest.mark.parametrize("typed", ["Aйгерим", "Дaнa", "Pоман 5"])
def test_words_mixing_latin_and_cyrillic_look_alikes_are_refused(typed):
    with pytest.raises(NicknameRejected) as caught:
        clean_nickname(typed)
    assert caught.value.details["reason"] == "lookalike"


def test_latin_and_cyrillic_in_separate_words_are_fine():
    assert clean_nickname("Max Айбек")[0] == "Max Айбек"


@pytest.mark.parametrize(
    "typed",
    ["Дурак", "дура 7", "ИДИОТ", "Ақымақ", "акымак", "Есек 5", "супердебил", "лохи", "Д у р а к"],
)
def test_insults_in_kazakh_and_russian_are_refused(typed):
    with pytest.raises(NicknameRejected) as caught:
        clean_nickname(typed)
    assert caught.value.details["reason"] == "insult"


@pytest.mark.parametrize("typed", ["Бокс 10", "Дурашка", "Лохматый", "Есенгелді", "Идея"])
def test_ordinary_words_that_look_like_insults_are_accepted(typed):
    assert not is_insult(typed)


def test_generated_nicknames_are_two_words_and_a_number_in_the_language():
    rng = random.Random(3)
    for lang in ("kk", "ru"):
        for _ in range(30):
            name = generate_nickname(lang, rng)
            *words, number = name.split(" ")
            assert len(words) == 2 and 10 <= int(number) <= 99
            assert clean_nickname(name)[0] == name
    kazakh = "".join(generate_nickname("kk", random.Random(n)) for n in range(20)).lower()
    assert set(kazakh) & set("әғқңөұүһі")
