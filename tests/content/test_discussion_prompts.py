"""Every item of the real bank has a discussion prompt for the projector's reveal: its own, or
one of its theme's class-hour kit questions, the same in kk and ru and the same every time."""

import zlib

import pytest

from quiz.bank import load_bank
from quiz.config import CONTENT_DIR


@pytest.fixture(scope="module")
def bank():
    return load_bank(CONTENT_DIR)


def test_every_item_without_its_own_prompt_gets_a_kit_question_in_both_languages(bank):
    without = 0
    for theme in bank.themes:
        questions = theme.kit.questions
        for quiz in theme.quizzes:
            for item in quiz.items:
                if item.discussion:
                    continue
                without += 1
                prompt = theme.kit.question_for(item.id)
                index = questions["kk"].index(prompt["kk"])
                assert prompt["ru"] == questions["ru"][index], (quiz.id, item.id)
    assert without > 300  # most items have no prompt of their own: the kit gives one


def test_the_kit_question_is_chosen_by_the_item_not_by_chance(bank):
    kit = bank.theme("protect-your-data").kit
    count = len(kit.questions["kk"])
    for item_id in ("strong-password", "what-is-phishing", "x"):
        expected = zlib.crc32(item_id.encode()) % count  # not hash(): salted per process
        assert kit.question_for(item_id)["kk"] == kit.questions["kk"][expected]
        assert kit.question_for(item_id) == kit.question_for(item_id)


def test_a_theme_spreads_its_items_over_several_kit_questions(bank):
    theme = bank.theme("cyber-friendship")
    chosen = {
        theme.kit.question_for(item.id)["ru"] for quiz in theme.quizzes for item in quiz.items
    }
    assert len(chosen) >= 3
