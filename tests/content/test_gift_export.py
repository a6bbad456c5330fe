"""The real bank exported to Moodle GIFT by the command reads back the same, in kk and ru."""

import pytest

from quiz.config import CONTENT_DIR
from tests.unit.bank.gift_parser import check_answers, parse_gift

GIFT_KINDS = {"single", "multiple", "true_false", "short_text", "matching"}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_gift_export_of_the_real_bank_reads_back(app, lang):
    from quiz.bank import load_bank

    bank = load_bank(CONTENT_DIR)
    app.config["CONTENT_DIR"] = str(CONTENT_DIR)
    app.extensions["bank"] = bank
    result = app.test_cli_runner().invoke(
        args=["content", "export", "--format", "gift", "--lang", lang]
    )
    assert result.exit_code == 0
    parsed = {q["title"]: q for q in parse_gift(result.output)}
    exported = 0
    for quiz in bank.quizzes():
        for item in quiz.items:
            title = f"{quiz.id}/{item.id}"
            if item.kind not in GIFT_KINDS:
                assert title not in parsed
                continue
            question = parsed[title]
            assert question["text"] == item.text[lang]
            assert question["type"] == item.kind
            check_answers(item, question, lang)
            exported += 1
    assert exported > 200
