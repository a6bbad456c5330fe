"""Teachers find a printable class-hour kit for every theme, in Kazakh and Russian."""

import pytest

from quiz.bank import load_bank
from quiz.config import CONTENT_DIR


@pytest.fixture
def real_content(app):
    app.config["CONTENT_DIR"] = str(CONTENT_DIR)
    app.extensions["bank"] = load_bank(CONTENT_DIR)


def test_every_theme_has_a_kit_page_in_both_languages(client, real_content):
    bank = load_bank(CONTENT_DIR)
    for theme in bank.themes:
        for lang in ("kk", "ru"):
            response = client.get(f"/{lang}/themes/{theme.slug}/kit")
            page = response.get_data(as_text=True)
            assert response.status_code == 200
            assert theme.title[lang] in page
            assert theme.kit.goal[lang][:20] in page
            assert page.count("<li>") >= len(theme.kit.plan10[lang]) + len(theme.kit.plan45[lang])


def test_kit_page_names_the_live_quiz_of_each_band(client, real_content):
    page = client.get("/ru/themes/protect-your-data/kit").get_data(as_text=True)
    bank = load_bank(CONTENT_DIR)
    for quiz_id in bank.theme("protect-your-data").kit.live_quizzes.values():
        assert bank.quiz(quiz_id).title["ru"] in page
    assert "родителей" in page  # the consent reminder


def test_unknown_theme_kit_is_not_found(client):
    assert client.get("/kk/themes/no-such-theme/kit").status_code == 404
