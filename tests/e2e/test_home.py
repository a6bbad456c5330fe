"""A visitor opens the home page in Kazakh, switches to Russian and sees the eight themes."""

from playwright.sync_api import expect

THEMES_RU = [
    "Осознанное использование интернета",
    "Безопасность в сети начинается с тебя",
    "Кибердружба и уважение",
    "Защити свои данные",
    "Не оставайся в стороне",
    "Интернет – инструмент развития",
    "Поддержка и взаимопомощь",
    "Критическое мышление",
]


def test_visitor_switches_home_page_to_russian_and_sees_eight_themes(
    live_server, page, outside_requests
):
    page.goto(live_server.url + "/kk/")
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Желідегі қауіпсіздік")
    page.get_by_role("link", name="Русский").click()
    expect(page).to_have_url(live_server.url + "/ru/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    themes = page.locator(".theme h3")
    expect(themes).to_have_count(8)
    expect(themes).to_have_text(THEMES_RU)
    assert outside_requests == []


def test_home_page_requests_nothing_from_other_hosts(live_server, page, outside_requests):
    for path in ("/kk/", "/ru/", "/kk/auth/login", "/ru/privacy", "/kk/no-such-page"):
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    assert outside_requests == []
