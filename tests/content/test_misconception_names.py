"""The real bank names every misconception tag in Kazakh and Russian for teachers' reports.

Names live in quiz/content/<theme>/misconceptions.toml. Kazakh names are Kazakh (at least
one of ә ғ қ ң ө ұ ү һ і, however short), Russian names have none of those letters, and
neither hides a Latin look-alike inside a Cyrillic word or a Latin word at all.
"""

import re

from quiz.bank import checks
from quiz.bank.misconceptions import item_tags
from quiz.i18n import LOCALES

WORDS = re.compile(r"[^\W\d_]+")


def _no_problems(problems):
    assert not problems, "\n".join(map(str, problems))


def test_every_tag_an_item_uses_has_a_kk_and_a_ru_name_in_its_theme(bank):
    uses, missing = 0, []
    for quiz in bank.quizzes():
        for item in quiz.items:
            for tag in item_tags(item):
                uses += 1
                name = bank.misconception(quiz.theme, tag) or {}
                if not all(name.get(lang, "").strip() for lang in LOCALES):
                    missing.append(f"{quiz.file}: {item.id}: {tag}")
                assert quiz.misconception(tag) == name
    assert uses > 200  # the bank tags its wrong options: this test checks something
    assert not missing, "\n".join(missing)


def test_names_are_short_kazakh_in_kk_and_free_of_kazakh_letters_in_ru(bank):
    _no_problems(checks.name_problems(bank))


def test_names_are_cyrillic_without_latin_look_alikes(bank):
    problems = []
    for theme in bank.themes:
        for tag, name in theme.misconceptions.items():
            for lang, text in name.items():
                latin = [w for w in WORDS.findall(text) if w not in checks.cyrillic_words(text)]
                if latin or checks.mixed_script_words(text):
                    problems.append(f"{theme.slug}: {tag}.{lang}: Latin letters in '{text}'")
    assert not problems, "\n".join(problems)
