"""Fixtures of the tests of the real content bank (quiz/content)."""

from pathlib import Path

import pytest

from quiz.bank import BankError, load_bank

CONTENT = Path(__file__).resolve().parents[2] / "quiz" / "content"


@pytest.fixture(scope="module")
def bank():
    """The real bank, loaded once per test module; a bank that does not load fails the test."""
    try:
        return load_bank(CONTENT)
    except BankError as error:
        pytest.fail(f"the content bank does not load:\n{error}")
