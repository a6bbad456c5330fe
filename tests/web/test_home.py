"""The home page, the language in the URL, the health check and the error pages."""

from tests import factories


def test_root_sends_newcomer_to_browser_language(client):
    assert client.get("/", headers={"Accept-Language": "ru-RU,ru;q=0.9"}).location.endswith("/ru/")
    assert client.get("/", headers={"Accept-Language": "kk,ru;q=0.5"}).location.endswith("/kk/")


def test_root_sends_newcomer_to_kazakh_when_browser_prefers_neither(client):
    assert client.get("/", headers={"Accept-Language": "en-GB,de"}).location.endswith("/kk/")
    assert client.get("/").location.endswith("/kk/")


def test_home_shows_challenge_and_eight_themes_in_kazakh(client):
    factories.challenge()
    page = client.get("/kk/").get_data(as_text=True)
    assert "«Желідегі қауіпсіздік» челленджі" in page
    assert page.count('class="theme"') == 8
    assert "Деректеріңді қорға" in page and "Сын тұрғысынан ойлау" in page
    assert "Мен мұғаліммін" in page
    assert '<html lang="kk">' in page


def test_home_in_russian_speaks_russian(client):
    factories.challenge()
    page = client.get("/ru/").get_data(as_text=True)
    assert "Челлендж «Безопасность в сети»" in page
    assert "Защити свои данные" in page and "Я учитель" in page
    assert "9 октября 2025" in page.replace("\u202f", " ").replace("\xa0", " ")


def test_language_switcher_keeps_the_page(client):
    page = client.get("/kk/privacy").get_data(as_text=True)
    assert 'href="/ru/privacy"' in page


def test_unknown_language_prefix_is_not_found(client):
    assert client.get("/en/").status_code == 404
    assert client.get("/favicon.ico").status_code == 404


def test_not_found_page_speaks_the_language_of_the_url(client):
    response = client.get("/ru/no-such-page")
    assert response.status_code == 404
    assert "Страница не найдена" in response.get_data(as_text=True)
    response = client.get("/kk/no-such-page")
    assert "Бет табылмады" in response.get_data(as_text=True)


def test_healthz_ok_when_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_every_page_carries_security_headers(client):
    response = client.get("/kk/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_staff_pages_are_not_cached(client):
    assert client.get("/kk/auth/login").headers["Cache-Control"] == "no-store"


def test_help_lines_on_every_public_page(client):
    for path in ("/kk/", "/ru/", "/kk/privacy", "/ru/auth/login"):
        page = client.get(path).get_data(as_text=True)
        assert 'href="tel:111"' in page and 'href="tel:102"' in page


def test_too_large_request_is_refused_with_413(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post("/kk/auth/login", data={"email": "x" * 5000, "password": "y"})
    assert response.status_code == 413
    assert "Дерек тым көп" in response.get_data(as_text=True)


def test_behind_a_trusted_proxy_the_client_address_is_the_forwarded_one(app_config):
    from flask import request

    from quiz import create_app

    app = create_app({**app_config, "TRUSTED_PROXIES": 1})
    seen = {}

    @app.get("/_probe")
    def probe():
        seen["addr"] = request.remote_addr
        return "ok"

    app.test_client().get(
        "/_probe",
        headers={"X-Forwarded-For": "203.0.113.7"},
        environ_base={"REMOTE_ADDR": "10.0.0.2"},
    )
    assert seen["addr"] == "203.0.113.7"
