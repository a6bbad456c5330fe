"""What an organizer may see: national sees every region, regional only their own.

Anything outside the scope raises NotFound, so pages, exports and the API answer 404.
"""

from datetime import date

from flask import g, has_request_context
from sqlalchemy import select

from quiz.bank import BANDS as BANDS_OF_CLASSES
from quiz.errors import NotFound
from quiz.extensions import db
from quiz.models import Challenge, District, Region, User
from quiz.services import challenges
from quiz.services.participation import Filters


def organizer_region(user: User | None) -> int | None:
    """Return the region a user is limited to (None for national); NotFound for others."""
    if user is None or not getattr(user, "is_authenticated", True):
        raise NotFound("scope")
    if user.role == "national":
        return None
    if user.role == "regional" and user.region_id:
        return user.region_id
    raise NotFound("scope")


def challenge_or_current(challenge_id: int | None) -> Challenge:
    """Return the chosen challenge, or the current one; NotFound when there is none."""
    every = _challenges()
    if challenge_id:
        challenge = next((c for c in every if c.id == challenge_id), None)
    else:  # the current one, or the newest when none is marked current (newest first)
        challenge = next((c for c in every if c.is_current), every[0] if every else None)
    if challenge is None:
        raise NotFound("challenge")
    return challenge


def _challenges() -> list[Challenge]:
    """Every challenge, newest first, read once per request (the page's filter lists them).

    Kept on `g`, they also stay in the session's identity map (which holds objects weakly),
    so the report's and the dashboard's `session.get(Challenge, ...)` read nothing again."""
    if not has_request_context():
        return challenges.all_challenges()
    if "challenges" not in g:
        g.challenges = challenges.all_challenges()
    return g.challenges


def filters_for(
    user: User,
    challenge_id: int | None = None,
    region_id: int | None = None,
    district_id: int | None = None,
    band: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> Filters:
    """Return the counting filters an organizer asked for, limited to their scope."""
    own = organizer_region(user)
    challenge = challenge_or_current(challenge_id)
    if own and region_id and region_id != own:
        raise NotFound("region")
    region_id = own or region_id
    if region_id and db.session.get(Region, region_id) is None:
        raise NotFound("region")
    if district_id:
        district = db.session.get(District, district_id)
        if district is None or (region_id and district.region_id != region_id):
            raise NotFound("district")
    if band and band not in BANDS_OF_CLASSES:
        raise NotFound("band")
    return Filters(challenge.id, region_id, district_id, band or None, date_from, date_to)


def choices(user: User) -> dict:
    """Return the challenges, regions and districts an organizer may pick, as plain data."""
    own = organizer_region(user)
    places = (
        select(Region, District)
        .outerjoin(District, District.region_id == Region.id)
        .order_by(Region.id, District.id)
    )
    if own:
        places = places.where(Region.id == own)
    regions, districts = {}, []
    for region, district in db.session.execute(places):  # regions with their districts
        regions.setdefault(region.id, _named(region))
        if district is not None:
            districts.append({**_named(district), "region_id": district.region_id})
    return {
        "challenges": [_named(c) for c in _challenges()],
        "regions": list(regions.values()),
        "districts": districts,
        "bands": list(BANDS_OF_CLASSES),
        "own_region": own,
    }


def _named(row) -> dict:
    return {"id": row.id, "kk": row.name_kk, "ru": row.name_ru}
