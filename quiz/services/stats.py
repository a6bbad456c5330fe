"""The dashboard's figures for the API: one grouping at a time, as plain JSON data."""

from quiz.services import dashboard, dashboard_offline, participation
from quiz.services.participation import Filters


def _places(rows: list[dict]) -> list[dict]:
    return [
        {
            "id": r["id"],
            "name": {"kk": r["name_kk"], "ru": r["name_ru"]},
            "participants": int(r["participants"]),
            "online": int(r["online"]),
            "offline": int(r["offline"]),
            "schools": int(r["schools"]),
            "registered": int(r["registered"]),
        }
        for r in rows
    ]


def grouped(filters: Filters, by: str) -> dict:
    """Return {"challenge", "by", "totals", "items": [...]} for one grouping."""
    dashboard.refresh()
    if by == "region":
        items = _places(participation.by_region(filters))
    elif by == "district":
        items = _places(participation.by_district(filters))
    elif by == "school":
        items = [
            {
                "id": r["school_id"],
                "name": {"kk": r["name_kk"], "ru": r["name_ru"]},
                "participants": int(r["participants"]),
                "online": int(r["online"]),
                "offline": int(r["offline"]),
                "links": int(r["links"]),
            }
            for r in participation.by_school(filters)
        ]
    elif by == "day":
        offline = dict(dashboard_offline.by_day(filters))
        items = [
            {"day": day.isoformat(), "online_pupils": n, "offline_participants": offline[day]}
            for day, n in dashboard.by_day(filters)
        ]
    elif by == "theme":
        offline = dict(dashboard_offline.by_theme_slug(filters))
        items = [
            {"theme": slug, "online_pupils": n, "offline_participants": offline[slug]}
            for slug, n in dashboard.by_theme_slug(filters)
        ]
    else:
        items = [{"band": band, "participants": n} for band, n in dashboard.by_band(filters)]
    return {
        "challenge": filters.challenge_id,
        "by": by,
        "totals": participation.totals(filters),
        "items": items,
    }
