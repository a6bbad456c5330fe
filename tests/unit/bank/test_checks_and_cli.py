"""Writing-rule checks (look-alike letters, Kazakh letters) and the check command."""

from pathlib import Path

import pytest

from quiz.bank import load_bank
from quiz.bank.__main__ import main
from quiz.bank.checks import (
    content_problems,
    coverage_problems,
    lacks_kazakh_letters,
    mixed_script_words,
)

BANKS = Path(__file__).resolve().parents[2] / "data" / "banks"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Пaроль", ["Пaроль"]),  # Latin a
        ("мектептi", ["мектептi"]),  # Latin i for Kazakh і
        ("Instаgram", ["Instаgram"]),  # Cyrillic а in a Latin word
        ("ə-ні әже", []),  # Latin schwa alone is a Latin word: fine
        ("TikTok-та видео", []),
        ("bank-kz-bonus.top сайтына кірме", []),
    ],
)
def test_mixed_script_words_finds_latin_look_alikes_inside_cyrillic(text, words):
    assert mixed_script_words(text) == words


@pytest.mark.parametrize(
    ("text", "lacks"),
    [
        ("Иә", False),
        ("Ата-анама айтамын", False),
        ("Ол маган сурет", False),  # three words: too short to judge
        ("Ол маган сурет жибериди бугин", True),
        ("Ол маған сурет жіберді бүгін", False),
        ("Open the link in TikTok now", False),
    ],
)
def test_kazakh_text_of_four_words_needs_kazakh_letters(text, lacks):
    assert lacks_kazakh_letters(text) is lacks


def test_content_problems_flag_look_alikes_and_russian_letters_in_kk(tmp_path):
    bank = load_bank(BANKS / "lookalike")
    reasons = [str(p) for p in content_problems(bank)]
    assert any(
        "look/look-1.toml: pin: text.ru: Latin and Cyrillic mixed in 'пapоль'" in r for r in reasons
    )
    assert any("look/look-1.toml: pin: options[1].text.kk: no Kazakh letters" in r for r in reasons)
    assert any("1 items, needs 10–25" in r for r in reasons)


def test_coverage_of_the_fixture_bank_is_incomplete():
    reasons = [str(p) for p in coverage_problems(load_bank(BANKS / "valid"))]
    assert "empty/: band 1-4: no quiz with 12+ items" in reasons
    assert "empty/kit.toml: the theme has no kit" in reasons
    assert "safety/kit.toml: no live quiz for band 10-11" in reasons


def test_check_command_prints_every_problem_and_fails(capsys):
    assert main(["check", str(BANKS / "broken")]) == 1
    out = capsys.readouterr().out
    assert "alpha/alpha-1.toml: twice: duplicate item id 'twice'" in out
    assert "beta/beta-1.toml:" in out


def test_check_command_prints_a_summary_when_the_bank_is_good(capsys):
    assert main(["check", str(BANKS / "clean")]) == 0
    out = capsys.readouterr().out
    assert "themes 1, quizzes 1, items 10" in out
    assert "true_false 10" in out


def test_check_command_flags_look_alikes(capsys):
    assert main(["check", str(BANKS / "lookalike")]) == 1
    assert "Latin and Cyrillic mixed in 'пapоль'" in capsys.readouterr().out
