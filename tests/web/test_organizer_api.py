"""The organizers' API agrees with its OpenAPI document: `by` is optional, `n` is kk order."""

from quiz.services import accounts
from tests import factories as f
from tests.factories_organizers import world
from tests.web import report_page


def _headers() -> dict:
    return {"Authorization": "Bearer " + accounts.issue_token(f.user("national").email)}


def _stats_parameter(client, name: str) -> dict:
    spec = client.get("/api/v1/openapi.json").json["paths"]["/stats"]["get"]
    return next(p for p in spec["parameters"] if p["name"] == name)


def test_stats_without_by_groups_by_region_as_the_document_says(client):
    world()
    headers = _headers()
    by = _stats_parameter(client, "by")
    assert by.get("required", False) is False and by["schema"]["default"] == "region"
    plain = client.get("/api/v1/stats", headers=headers)
    assert plain.status_code == 200 and plain.json["by"] == "region"
    assert plain.json == client.get("/api/v1/stats?by=region", headers=headers).json
    assert client.get("/api/v1/stats?by=pupil", headers=headers).status_code == 422
    assert set(by["schema"]["enum"]) == {"region", "district", "school", "day", "theme", "band"}


def test_report_rows_are_numbered_in_the_kazakh_order_as_documented(client):
    world()
    f.login(client, f.user("national"))
    rows = client.get("/api/v1/report", headers=_headers()).json["rows"]
    kk, ru = report_page.table(client, "kk"), report_page.table(client, "ru")
    assert [r["school_id"] for r in rows] == kk["ids"]
    assert [str(r["n"]) for r in rows] == [row[0] for row in kk["rows"]]
    assert kk["ids"] != ru["ids"]  # the Russian page orders by Russian names
    doc = client.get("/api/v1/openapi.json").json
    described = doc["components"]["schemas"]["ReportRow"]["properties"]["n"]["description"]
    assert "Kazakh" in described
    assert "Russian" in doc["paths"]["/report"]["get"]["description"]
