"""Scope: a regional organizer sees only their region; teachers see no organizer page."""

import csv
import io

import pytest

from quiz.services import accounts
from tests import factories as f
from tests.factories_organizers import world

FORMATS = ("xlsx", "docx", "pdf", "csv")


def _urls(w, region_id):
    base = "/kk/organizer"
    q = f"?challenge={w['c'].id}&region={region_id}"
    return [f"{base}/{q}", f"{base}/report{q}"] + [f"{base}/report.{fmt}{q}" for fmt in FORMATS]


def test_regional_organizer_gets_404_for_another_region_on_every_url(client):
    w = world()
    f.login(client, f.user("regional", region_row=w["r2"]))
    for url in _urls(w, w["r1"].id):
        assert client.get(url).status_code == 404, url
    district = f"/kk/organizer/report.csv?district={w['d1'].id}"
    assert client.get(district).status_code == 404


def test_regional_organizer_sees_and_exports_only_their_region(client):
    w = world()
    f.login(client, f.user("regional", region_row=w["r2"]))
    for url in _urls(w, w["r2"].id):
        assert client.get(url).status_code == 200, url
    html = client.get("/ru/organizer/report").get_data(as_text=True)
    assert "Школа № 3" in html and "Школа-гимназия № 1" not in html
    table = list(
        csv.reader(io.StringIO(client.get("/ru/organizer/report.csv").data.decode("utf-8-sig")))
    )
    assert [row[1] for row in table[1:-1]] == ["Школа № 3"] and table[-1][2] == "5"
    dashboard = client.get("/ru/organizer/").get_data(as_text=True)
    assert 'data-figure="participants">5<' in dashboard


@pytest.mark.parametrize("role", ["teacher", "coordinator"])
def test_teachers_get_404_on_every_organizer_url(client, role):
    w = world()
    f.login(client, f.user(role, school_row=w["s1"]))
    urls = _urls(w, w["r1"].id) + [
        "/kk/organizer/challenges",
        "/kk/organizer/challenges/new",
        "/kk/organizer/schools/import",
        "/kk/organizer/schools/pending",
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/kk/organizer/schools/{w['s1'].id}/approve").status_code == 404


def test_regional_organizer_gets_404_on_national_pages(client):
    w = world()
    f.login(client, f.user("regional", region_row=w["r1"]))
    for url in (
        "/kk/organizer/challenges",
        "/kk/organizer/challenges/new",
        "/kk/organizer/schools/import",
        "/kk/organizer/schools/pending",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/kk/organizer/schools/{w['s1'].id}/approve").status_code == 404


def test_signed_out_visitor_is_sent_to_sign_in(client):
    world()
    response = client.get("/kk/organizer/report")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def _token(role, **kw):
    user = f.user(role, **kw)
    return {"Authorization": "Bearer " + accounts.issue_token(user.email)}


def test_api_report_has_the_rows_of_the_page_and_the_total(client):
    w = world()
    body = client.get(f"/api/v1/report?challenge={w['c'].id}", headers=_token("national")).json
    assert body["total"] == 127
    first = body["rows"][0]
    assert set(first) == {"n", "school_id", "school", "participants", "online", "offline", "links"}
    s1 = next(r for r in body["rows"] if r["school_id"] == w["s1"].id)
    assert (s1["participants"], s1["online"], s1["offline"]) == (42, 19, 37)
    assert s1["school"] == {"kk": "№ 1 мектеп-гимназия", "ru": "Школа-гимназия № 1"}
    assert [r["n"] for r in body["rows"]] == [1, 2, 3, 4]


def test_api_limits_a_regional_token_to_its_region(client):
    w = world()
    headers = _token("regional", region_row=w["r2"])
    body = client.get("/api/v1/report", headers=headers).json
    assert [r["school_id"] for r in body["rows"]] == [w["s3"].id] and body["total"] == 5
    assert client.get(f"/api/v1/report?region={w['r1'].id}", headers=headers).status_code == 404
    for by in ("region", "district", "school", "day", "theme", "band"):
        response = client.get(f"/api/v1/stats?by={by}", headers=headers)
        assert response.status_code == 200, by
        assert response.json["totals"]["participants"] == 5
    regions = client.get("/api/v1/stats?by=region", headers=headers).json["items"]
    assert [r["id"] for r in regions] == [w["r2"].id]
    assert (
        client.get(f"/api/v1/stats?by=school&region={w['r1'].id}", headers=headers).status_code
        == 404
    )


def test_api_refuses_teachers_and_missing_tokens(client):
    w = world()
    assert client.get("/api/v1/report").status_code == 401
    teacher = _token("teacher", school_row=w["s1"])
    assert client.get("/api/v1/report", headers=teacher).status_code == 403
    assert client.get("/api/v1/stats?by=nickname", headers=_token("national")).status_code == 422


def test_api_stats_by_band_and_day_follow_the_rule(client):
    w = world()
    headers = _token("national")
    bands = client.get(f"/api/v1/stats?by=band&challenge={w['c'].id}", headers=headers).json
    assert {i["band"]: i["participants"] for i in bands["items"]} == {
        "1-4": 5,
        "5-9": 20,
        "10-11": 25,
    }
    days = client.get("/api/v1/stats?by=day", headers=headers).json["items"]
    assert len(days) == 9 and {d["day"]: d["online_pupils"] for d in days}["2025-10-10"] == 17
    assert {d["day"]: d["offline_participants"] for d in days}["2025-10-12"] == 167


def test_openapi_documents_the_organizer_endpoints(client):
    doc = client.get("/api/v1/openapi.json").json
    assert "/report" in doc["paths"] and "/stats" in doc["paths"]
    assert "ReportRow" in doc["components"]["schemas"]
