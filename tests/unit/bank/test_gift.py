"""GIFT export: what Moodle can express, escaped, and read back the same."""

from pathlib import Path

import pytest
from bank_factories import opt, valid
from gift_parser import check_round_trip, parse_gift

from quiz.bank import load_bank
from quiz.bank.gift import escape, export_gift, question

BANK = load_bank(Path(__file__).resolve().parents[2] / "data" / "banks" / "valid")


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_gift_export_reads_back_with_texts_answers_and_correctness(lang):
    assert check_round_trip(BANK, export_gift(BANK, lang), lang) > 0


def test_multiple_weights_add_up_to_full_marks():
    question = next(q for q in parse_gift(export_gift(BANK, "kk")) if q["type"] == "multiple")
    weights = [a["weight"] for a in question["answers"]]
    assert sum(w for w in weights if w > 0) == pytest.approx(100)
    assert weights == [50, 50, -50, -50]


def test_kinds_gift_cannot_express_are_skipped_with_a_comment():
    gift = export_gift(BANK, "ru")
    assert "// skipped: scenario safety-5-9/stranger-chat" in gift
    assert "// skipped: ordering safety-1-4/steps" in gift


def test_gift_special_characters_are_escaped_and_read_back():
    raw = "a~b=c#d{e}f:g\\h\nnew"
    assert escape(raw) == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\nnew"
    question = parse_gift("::t::" + escape(raw) + " {=" + escape("x:y") + "}")[0]
    assert (question["text"], question["answers"][0]["text"]) == (raw, "x:y")


def test_multiple_with_one_correct_option_stays_multiple():
    item = valid("multiple", options=[opt("a", correct=True), opt("b"), opt("c")])
    parsed = parse_gift(question(BANK.quiz("safety-1-4"), item, "kk"))[0]
    assert parsed["type"] == "multiple"
    assert [a["weight"] for a in parsed["answers"]] == [100, -100, -100]
