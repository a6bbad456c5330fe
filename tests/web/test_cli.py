"""The command line: accounts, tokens, demo data, content."""

import json

from quiz.models import ApiToken, Klass, User
from quiz.services import accounts
from tests import factories


def test_users_create_reads_password_from_stdin(app):
    school = factories.school()
    result = app.test_cli_runner().invoke(
        args=[
            "users",
            "create",
            "--role",
            "teacher",
            "--email",
            "New@School.kz",
            "--school",
            str(school.id),
        ],
        input="a long enough password\n",
    )
    assert result.exit_code == 0, result.output
    user = User.query.filter_by(email="new@school.kz").one()
    assert user.role == "teacher" and user.school_id == school.id
    assert accounts.authenticate("new@school.kz", "a long enough password") == user


def test_users_create_refuses_a_short_password_and_stores_nothing(app):
    school = factories.school()
    result = app.test_cli_runner().invoke(
        args=[
            "users",
            "create",
            "--role",
            "teacher",
            "--email",
            "a@b.kz",
            "--school",
            str(school.id),
        ],
        input="short\n",
    )
    assert result.exit_code != 0
    assert "at least 10 characters" in result.output
    assert User.query.count() == 0


def test_regional_organizer_needs_an_existing_region(app):
    result = app.test_cli_runner().invoke(
        args=["users", "create", "--role", "regional", "--email", "r@b.kz", "--region", "999"],
        input="a long enough password\n",
    )
    assert result.exit_code != 0 and "--region" in result.output


def test_users_token_prints_a_token_stored_only_as_hash(app):
    user = factories.user("national", email="org@orken.kz")
    result = app.test_cli_runner().invoke(args=["users", "token", "org@orken.kz"])
    token = result.output.strip()
    assert result.exit_code == 0 and token.startswith("qz_")
    assert accounts.token_user(token) == user
    assert all(token not in row.token_hash for row in ApiToken.query.all())


def test_revoked_token_no_longer_works(app):
    factories.user("national", email="org@orken.kz")
    token = accounts.issue_token("org@orken.kz")
    app.test_cli_runner().invoke(args=["users", "revoke-tokens", "org@orken.kz"])
    assert accounts.token_user(token) is None


def test_demo_prints_accounts_that_can_sign_in(app, client):
    result = app.test_cli_runner().invoke(args=["demo"])
    data = json.loads(result.output)
    roles = {a["role"] for a in data["accounts"]}
    assert roles == {"teacher", "coordinator", "regional", "national"}
    klass = Klass.query.one()
    assert data["class"]["join_code"] == klass.join_code and len(klass.join_code) == 8
    teacher = next(a for a in data["accounts"] if a["role"] == "teacher")
    response = client.post("/kk/auth/login", data=teacher)
    assert response.status_code == 302


def test_demo_is_refused_in_production(app):
    app.config["PRODUCTION"] = True
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code != 0 and "production" in result.output
    assert User.query.count() == 0


def test_demo_if_empty_leaves_existing_data_alone(app):
    factories.school()
    result = app.test_cli_runner().invoke(args=["demo", "--if-empty"])
    assert result.exit_code == 0
    assert User.query.count() == 0


def test_content_check_prints_a_summary_of_a_good_bank(app):
    result = app.test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 0, result.output
    assert "themes 8" in result.output and "per kind:" in result.output


def test_content_check_lists_every_problem_with_file_and_item(app, tmp_path):
    import shutil

    from tests.conftest import DATA

    bank = tmp_path / "bank"
    shutil.copytree(DATA / "app-bank", bank)
    quiz = bank / "protect-your-data" / "every-kind.toml"
    text = quiz.read_text().replace('text.ru = "Друг просит твой пароль', 'text.xx = "Друг просит')
    quiz.write_text(text.replace('kind = "poll"', 'kind = "pol"'))
    app.config["CONTENT_DIR"] = str(bank)
    result = app.test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 1
    assert "protect-your-data/every-kind.toml" in result.output
    assert "share-password" in result.output and "opinion" in result.output


def test_content_export_json_has_both_languages(app):
    result = app.test_cli_runner().invoke(args=["content", "export", "--format", "json"])
    data = json.loads(result.output)
    assert [t["slug"] for t in data["themes"]][:2] == ["conscious-use", "starts-with-you"]
    item = data["themes"][3]["quizzes"][0]["items"][1]
    assert set(item["text"]) == {"kk", "ru"} and item["kind"] == "single"
