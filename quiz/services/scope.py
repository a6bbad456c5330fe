"""What an organizer may see: national sees every region, regional only their own.

Anything outside the scope raises NotFound, so pages, exports and the API answer 404.
"""

from datetime import date

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
    challenge = db.session.get(Challenge, challenge_id) if challenge_id else challenges.current()
    if challenge is None:
        raise NotFound("challenge")
    return challenge


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
    regions = select(Region).order_by(Region.id)
    districts = select(District).order_by(District.region_id, District.id)
    if own:
        regions = regions.where(Region.id == own)
        districts = districts.where(District.region_id == own)
    all_challenges = select(Challenge).order_by(Challenge.starts_on.desc())
    return {
        "challenges": [_named(c) for c in db.session.scalars(all_challenges)],
        "regions": [_named(r) for r in db.session.scalars(regions)],
        "districts": [
            {**_named(d), "region_id": d.region_id} for d in db.session.scalars(districts)
        ],
        "bands": list(BANDS_OF_CLASSES),
        "own_region": own,
    }


def _named(row) -> dict:
    return {"id": row.id, "kk": row.name_kk, "ru": row.name_ru}
