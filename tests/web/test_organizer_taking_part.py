"""One rule for "taking part": the report's rows are the dashboard's schools taking part.

A school takes part when it has at least one participant or at least one social-media link
of the challenge (docs/participation.md); schools registered are the approved ones only.
"""

import re

import pytest

from quiz.extensions import db
from quiz.services import accounts
from tests import factories as f
from tests.factories_organizers import attempt, link, pupil, world
from tests.web import report_page


def _schools_figure(client, query: str = "", lang: str = "ru") -> tuple[int, int]:
    """(schools taking part, schools registered) as the dashboard shows them."""
    html = client.get(f"/{lang}/organizer/{query}").get_data(as_text=True)
    found = re.search(r'data-figure="schools">(\d+)</span> / (\d+)', html)
    return int(found.group(1)), int(found.group(2))


@pytest.mark.parametrize("scope", [None, "r1", "r2", "d1"])
def test_dashboard_counts_exactly_the_report_rows_as_schools_taking_part(client, scope):
    w = world()
    f.login(client, f.user("national"))
    key = "district" if scope == "d1" else "region"
    query = f"?{key}={w[scope].id}" if scope else ""
    rows = report_page.table(client, "ru", query)["rows"]
    taking_part, _registered = _schools_figure(client, query)
    assert taking_part == len(rows)
    expected = {None: 4, "r1": 3, "r2": 1, "d1": 3}[scope]  # s5 (links only) included
    assert taking_part == expected


def test_a_school_with_links_but_no_participant_takes_part(client):
    c = f.challenge()
    district = f.district(f.region())
    counted = f.school(district, name_ru="Школа с учениками", name_kk="Оқушылы мектеп")
    posted = f.school(district, name_ru="Школа с постами", name_kk="Жарияланымды мектеп")
    f.school(district, name_ru="Школа без участия", name_kk="Қатыспаған мектеп")
    attempt(pupil(f.klass(f.user("teacher", school_row=counted))), c)
    link(posted, c, "https://www.instagram.com/p/posted/")
    f.login(client, f.user("national"))
    page = report_page.table(client, "ru")
    assert [(row[1], row[2]) for row in page["rows"]] == [
        ("Школа с постами", "0"),
        ("Школа с учениками", "1"),
    ]
    assert _schools_figure(client) == (2, 3)
    html = client.get("/ru/organizer/report").get_data(as_text=True)
    assert "хотя бы одна ссылка в социальных сетях" in html  # the rule, said on the page


def test_teachers_pending_requests_are_not_registered_schools(client):
    w = world()
    pending = f.school(
        w["d1"], name_ru="Школа по заявке", name_kk="Өтінім мектебі", status="pending"
    )
    f.school(w["d1"], name_ru="Ещё одна заявка", name_kk="Тағы бір өтінім", status="pending")
    merged = f.school(w["d1"], name_ru="Слитая школа", name_kk="Біріктірілген мектеп")
    merged.status = "merged"
    db.session.commit()
    f.login(client, f.user("national"))
    assert _schools_figure(client) == (4, 5)  # the five approved schools of world()
    # a request whose pupils took part is a row and takes part, still not registered
    attempt(pupil(f.klass(f.user("teacher", school_row=pending))), w["c"])
    assert _schools_figure(client) == (5, 5)
    names = [row[1] for row in report_page.table(client, "ru")["rows"]]
    assert "Школа по заявке" in names and "Слитая школа" not in names


def test_api_stats_by_region_agree_with_the_dashboard_and_the_report(client):
    w = world()
    f.school(w["d2"], name_ru="Заявка учителя", name_kk="Мұғалім өтінімі", status="pending")
    f.login(client, f.user("national"))
    token = accounts.issue_token(f.user("national").email)
    body = client.get("/api/v1/stats?by=region", headers={"Authorization": "Bearer " + token})
    regions = {item["id"]: item for item in body.json["items"]}
    assert (regions[w["r1"].id]["schools"], regions[w["r1"].id]["registered"]) == (3, 4)
    assert (regions[w["r2"].id]["schools"], regions[w["r2"].id]["registered"]) == (1, 1)
    totals = body.json["totals"]
    assert (totals["schools"], totals["registered"]) == _schools_figure(client) == (4, 5)
