"""Loading a content folder: look-ups, summary, export, and refusing a broken bank."""

import json
from pathlib import Path

import pytest

from quiz.bank import BankError, Problem, load_bank

BANKS = Path(__file__).resolve().parents[2] / "data" / "banks"


@pytest.fixture(scope="module")
def bank():
    return load_bank(BANKS / "valid")


def test_themes_keep_the_order_of_themes_toml(bank):
    assert [t.slug for t in bank.themes] == ["safety", "empty"]
    assert bank.theme("safety").title["ru"] == "Безопасность в сети"
    assert bank.theme("empty").quizzes == [] and bank.theme("empty").kit is None


def test_quizzes_are_sorted_by_band_then_id(bank):
    assert [q.id for q in bank.theme("safety").quizzes] == ["safety-1-4", "safety-5-9"]


def test_unknown_theme_quiz_or_item_raises_key_error(bank):
    for lookup in (lambda: bank.theme("nope"), lambda: bank.quiz("nope")):
        with pytest.raises(KeyError):
            lookup()
    with pytest.raises(KeyError):
        bank.quiz("safety-1-4").item("nope")


def test_quizzes_filter_by_theme_and_band(bank):
    assert [q.id for q in bank.quizzes(band="5-9")] == ["safety-5-9"]
    assert bank.quizzes(theme="empty") == []
    assert len(bank.quizzes(theme="safety")) == 2


def test_quiz_fields_and_max_score(bank):
    quiz = bank.quiz("safety-5-9")
    assert (quiz.theme, quiz.band, quiz.version) == ("safety", "5-9", 2)
    assert quiz.takeaways["kk"][0] == "Сілтемені тексер"
    # red_flags 2 + scenario 2 + categorise 3 + password_lab 1 + poll 0
    assert quiz.max_score == 8
    assert quiz.item("how-feel").scored is False


def test_kit_is_read_with_its_live_quizzes(bank):
    kit = bank.theme("safety").kit
    assert kit.live_quizzes == {"1-4": "safety-1-4", "5-9": "safety-5-9"}
    assert kit.plan45["ru"][-1] == "Обсуди"


def test_summary_counts_kinds_bands_and_theme_bands(bank):
    summary = bank.summary()
    assert (summary["themes"], summary["quizzes"], summary["items"]) == (2, 2, 12)
    assert len(summary["per_kind"]) == 12
    assert summary["per_band"]["1-4"] == {"quizzes": 1, "items": 7}
    assert summary["per_theme"]["safety"]["5-9"]["scenario"] == 1
    assert summary["per_theme"]["empty"]["10-11"] == {}


def test_export_is_json_with_both_languages_and_keys(bank):
    data = json.loads(json.dumps(bank.export(), ensure_ascii=False))
    quiz = data["themes"][0]["quizzes"][0]
    assert set(quiz) >= {"id", "band", "version", "title", "items"}
    item = quiz["items"][0]
    assert item["text"] == {
        "kk": "Досың құпиясөзіңді сұрады. Не істейсің?",
        "ru": "Друг просит твой пароль. Что ты сделаешь?",
    }
    assert [o["correct"] for o in item["options"]] == [False, True, False]


@pytest.fixture(scope="module")
def broken():
    with pytest.raises(BankError) as error:
        load_bank(BANKS / "broken")
    return error.value


EXPECTED = [
    ("alpha/alpha-1.toml", "", "unknown key 'colour'"),
    ("alpha/alpha-1.toml", "", "'band' = '12-13' is not one of"),
    ("alpha/alpha-1.toml", "", "'version' = 0 must be a positive"),
    ("alpha/alpha-1.toml", "", "'title.ru' is missing"),
    ("alpha/alpha-1.toml", "", "'takeaways' lists differ in length"),
    ("alpha/alpha-1.toml", "twice", "duplicate item id 'twice'"),
    ("alpha/alpha-1.toml", "essay", "unknown kind 'essay'"),
    ("alpha/alpha-1.toml", "Bad_Id", "characters other than"),
    ("alpha/alpha-1.toml", "Bad_Id", "'explanation.ru' is missing"),
    ("alpha/alpha-1.toml", "Bad_Id", "unknown key 'explaination'"),
    ("alpha/alpha-1.toml", "Bad_Id", "exactly one correct option, has 2"),
    ("alpha/alpha-syntax.toml", "", "TOML syntax error"),
    ("alpha/copy.toml", "", "the file name must be the quiz id"),
    ("alpha/copy.toml", "", "quiz id 'alpha-1' is already used by alpha/alpha-1.toml"),
    ("beta/beta-1.toml", "", "not a theme slug"),
    ("alpha/kit.toml", "", "'no-such-quiz' does not exist"),
]


@pytest.mark.parametrize(("file", "item", "reason"), EXPECTED)
def test_loader_reports_every_problem_with_file_and_item(broken, file, item, reason):
    assert any(p.file == file and p.item == item and reason in p.reason for p in broken.problems), (
        "\n".join(map(str, broken.problems))
    )


def test_loader_reports_all_problems_at_once(broken):
    assert len(broken.problems) == len(EXPECTED)


def test_toml_syntax_errors_name_the_line(broken):
    problem = next(p for p in broken.problems if "syntax" in p.reason)
    assert "line 3" in problem.reason


def test_bank_error_lists_problems_one_per_line(broken):
    lines = str(broken).splitlines()
    assert len(lines) == len(broken.problems)
    assert "alpha/alpha-1.toml: twice: duplicate item id 'twice'" in lines
    assert "beta/beta-1.toml: quiz file in folder 'beta'" in str(broken)


def test_problem_without_item_renders_as_file_and_reason():
    assert str(Problem("a.toml", "", "bad")) == "a.toml: bad"
    assert str(Problem("a.toml", "q1", "bad")) == "a.toml: q1: bad"


def test_missing_folder_is_a_bank_error(tmp_path):
    with pytest.raises(BankError, match="not found"):
        load_bank(tmp_path / "nowhere")
