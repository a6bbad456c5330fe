"""The real bank exported to Moodle GIFT by the command reads back the same, in kk and ru."""

import pytest

from quiz.config import CONTENT_DIR
from tests.unit.bank.gift_parser import check_round_trip


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
    exported = check_round_trip(bank, result.output, lang)
    assert exported > 200
