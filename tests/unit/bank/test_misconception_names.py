"""Misconception names (<theme>/misconceptions.toml): read, looked up, and refused when wrong."""

import shutil
from pathlib import Path

import pytest

from quiz.bank import BankError, load_bank
from quiz.bank.checks import content_problems

VALID = Path(__file__).resolve().parents[2] / "data" / "banks" / "valid"
NAMES = "safety/misconceptions.toml"


@pytest.fixture
def folder(tmp_path):
    """A copy of the valid fixture bank, to break one file at a time."""
    shutil.copytree(VALID, tmp_path / "bank")
    return tmp_path / "bank"


def _write_names(folder: Path, text: str) -> None:
    (folder / NAMES).write_text(text, encoding="utf-8")


def _names_without(tag: str) -> str:
    """The fixture's names file with one tag's table left out."""
    tables = (VALID / NAMES).read_text(encoding="utf-8").split("\n\n")
    return "\n\n".join(t for t in tables if f"[misconceptions.{tag}]" not in t)


def _problems(folder: Path) -> list[tuple[str, str, str]]:
    with pytest.raises(BankError) as error:
        load_bank(folder)
    return [tuple(p) for p in error.value.problems]


def test_bank_and_quiz_give_the_kk_and_ru_name_of_a_tag():
    bank = load_bank(VALID)
    expected = {
        "kk": "Барлық жерде бір құпиясөзді қолдану",
        "ru": "Использовать один пароль везде",
    }
    assert bank.misconception("safety", "reuses-passwords") == expected
    assert bank.quiz("safety-1-4").misconception("reuses-passwords") == expected
    # a tag used in two quizzes of the theme has one name for both
    assert (
        bank.quiz("safety-5-9").misconception("stranger-is-friend-if-nice")["ru"]
        == "Считать, что вежливому незнакомцу можно доверять"
    )
    assert bank.misconception("safety", "no-such-tag") is None
    assert bank.misconception("no-such-theme", "reuses-passwords") is None
    assert bank.export()["themes"][0]["misconceptions"]["reuses-passwords"] == expected


def test_a_tag_without_a_name_refuses_the_bank_naming_every_item_that_uses_it(folder):
    _write_names(folder, _names_without("stranger-is-friend-if-nice"))
    reason = "misconception 'stranger-is-friend-if-nice' has no name in safety/misconceptions.toml"
    assert _problems(folder) == [
        ("safety/safety-1-4.toml", "safe-habits", reason),
        ("safety/safety-5-9.toml", "stranger-chat", reason),
    ]


def test_a_theme_without_a_names_file_refuses_the_bank(folder):
    (folder / NAMES).unlink()
    problems = _problems(folder)
    assert len(problems) == 5  # four tags, one of them used in two quizzes
    assert ("safety/safety-1-4.toml", "steps") in [(f, i) for f, i, _ in problems]


def test_a_name_without_russian_refuses_the_bank(folder):
    text = _names_without("keeps-it-secret") + (
        '\n\n[misconceptions.keeps-it-secret]\nkk = "Болған жайды ересекке айтпай жасыру"\n'
    )
    _write_names(folder, text)
    assert _problems(folder) == [
        (NAMES, "keeps-it-secret", "'misconceptions.keeps-it-secret.ru' is missing or empty")
    ]


def test_a_name_no_item_uses_refuses_the_bank(folder):
    text = (VALID / NAMES).read_text(encoding="utf-8") + (
        '\n[misconceptions.never-used]\nkk = "Ешкім қолданбайды"\nru = "Никто не использует"\n'
    )
    _write_names(folder, text)
    assert _problems(folder) == [
        (NAMES, "never-used", "no item of theme 'safety' uses this tag: remove its name")
    ]


def test_a_names_file_needs_kebab_case_tags_and_the_misconceptions_table(folder):
    _write_names(folder, "colour = 1\n" + (VALID / NAMES).read_text(encoding="utf-8"))
    assert (NAMES, "", "unknown key 'colour'") in _problems(folder)
    _write_names(folder, '[misconceptions."Bad Tag"]\nkk = "Қате"\nru = "Ошибка"\n')
    reasons = [(i, r) for f, i, r in _problems(folder) if f == NAMES]
    assert ("Bad Tag", "'Bad Tag' must be a kebab-case tag like 'shares-password'") in reasons


def _check(folder: Path, tag: str, kk: str, ru: str) -> list[str]:
    """The content check's problems with one tag renamed."""
    table = f'\n\n[misconceptions.{tag}]\nkk = "{kk}"\nru = "{ru}"\n'
    _write_names(folder, _names_without(tag) + table)
    return [str(p) for p in content_problems(load_bank(folder)) if p.file == NAMES]


def test_check_wants_kazakh_letters_in_short_kk_names_too(folder):
    # three words: too short for the general kk check, still judged as a name
    reasons = _check(folder, "reuses-passwords", "Один пароль везде", "Один пароль везде")
    assert reasons == [f"{NAMES}: reuses-passwords: kk: no Kazakh letters in 'Один пароль везде'"]


def test_check_flags_kazakh_in_ru_latin_look_alikes_and_long_names(folder):
    reasons = _check(folder, "keeps-it-secret", "Үлкендерге айтпау", "Үлкендерге айтпау")
    assert reasons == [f"{NAMES}: keeps-it-secret: ru: Kazakh letters in 'Үлкендерге айтпау'"]
    reasons = _check(folder, "keeps-it-secret", "Үлкендерге айтпау", "Мoлчать о беде")  # Latin o
    assert reasons == [
        f"{NAMES}: keeps-it-secret: misconceptions.keeps-it-secret.ru: "
        "Latin and Cyrillic mixed in 'Мoлчать'"
    ]
    long = " ".join(["очень"] * 13)
    reasons = _check(folder, "keeps-it-secret", "Үлкендерге айтпау", long)
    assert reasons == [f"{NAMES}: keeps-it-secret: ru: a name is a short phrase of 2–12 words"]
