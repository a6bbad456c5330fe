"""The school registry: import from CSV or XLSX (all or nothing), approve, rename, merge.

File columns (header row, any order): region, district, name_kk, name_ru, and optionally
district_ru (else the district's name serves both languages) and official_code.
See docs/registry.md.
"""

import csv
import io
from dataclasses import dataclass, field

from sqlalchemy import select, update

from quiz.errors import Invalid, NotFound
from quiz.extensions import db
from quiz.models import (
    Attempt,
    District,
    Klass,
    OfflineActivity,
    Participant,
    Region,
    School,
    SocialLink,
    User,
)
from quiz.services import rollups
from quiz.services.names import name_key

REQUIRED = ("region", "district", "name_kk", "name_ru")
OPTIONAL = ("district_ru", "official_code")
MAX_LEN = {
    "region": 200,
    "district": 200,
    "district_ru": 200,
    "name_kk": 300,
    "name_ru": 300,
    "official_code": 40,
}


# The 17 regions (oblys) and 3 cities of republican significance, as of 2022.
REGIONS = (
    ("Абай облысы", "Абайская область"),
    ("Ақмола облысы", "Акмолинская область"),
    ("Ақтөбе облысы", "Актюбинская область"),
    ("Алматы облысы", "Алматинская область"),
    ("Атырау облысы", "Атырауская область"),
    ("Батыс Қазақстан облысы", "Западно-Казахстанская область"),
    ("Жамбыл облысы", "Жамбылская область"),
    ("Жетісу облысы", "Жетысуская область"),
    ("Қарағанды облысы", "Карагандинская область"),
    ("Қостанай облысы", "Костанайская область"),
    ("Қызылорда облысы", "Кызылординская область"),
    ("Маңғыстау облысы", "Мангистауская область"),
    ("Павлодар облысы", "Павлодарская область"),
    ("Солтүстік Қазақстан облысы", "Северо-Казахстанская область"),
    ("Түркістан облысы", "Туркестанская область"),
    ("Ұлытау облысы", "Улытауская область"),
    ("Шығыс Қазақстан облысы", "Восточно-Казахстанская область"),
    ("Астана қаласы", "город Астана"),
    ("Алматы қаласы", "город Алматы"),
    ("Шымкент қаласы", "город Шымкент"),
)


def ensure_regions() -> None:
    """Add the official regions that are missing (flush only: the caller commits)."""
    keys = set(db.session.scalars(select(Region.name_key)))
    keys |= {name_key(n) for n in db.session.scalars(select(Region.name_kk))}
    for kk, ru in REGIONS:
        if name_key(ru) not in keys and name_key(kk) not in keys:
            db.session.add(Region(name_kk=kk, name_ru=ru, name_key=name_key(ru)))
    db.session.flush()


@dataclass
class ImportResult:
    """What an import did, or why it did nothing: errors are (row number, code, value)."""

    rows: int = 0
    created: int = 0
    districts: int = 0
    duplicates: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def read_rows(data: bytes, filename: str) -> list[dict]:
    """Return the file's rows as dicts keyed by the header; Invalid when unreadable."""
    if filename.lower().endswith(".xlsx"):
        table = _xlsx_table(data)
    elif filename.lower().endswith((".csv", ".txt")):
        table = _csv_table(data)
    else:
        raise Invalid("format", field="file", reason="format")
    if not table:
        raise Invalid("empty", field="file", reason="empty")
    header = [str(h or "").strip().lower() for h in table[0]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise Invalid("header", field="file", reason="header", missing=missing)
    rows = []
    for cells in table[1:]:
        values = {
            h: str(v).strip() if v is not None else "" for h, v in zip(header, cells, strict=False)
        }
        if any(values.values()):
            rows.append(values)
    return rows


def _csv_table(data: bytes) -> list[list]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise Invalid("encoding", field="file", reason="encoding") from error
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:  # newline="": the csv module itself reads \r, \n and \r\n endings, even inside quotes
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:  # e.g. a NUL byte
        raise Invalid("csv", field="file", reason="unreadable") from error


def _xlsx_table(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    except Exception as error:  # noqa: BLE001 - any unreadable file is the user's bad file
        raise Invalid("xlsx", field="file", reason="unreadable") from error


class _Known:
    """The registry as dicts, loaded once, so 7,500 rows need no query each."""

    def __init__(self):
        self.regions = {}
        for region in db.session.scalars(select(Region)):
            self.regions[name_key(region.name_kk)] = region.id
            self.regions[name_key(region.name_ru)] = region.id
        self.districts = {
            (d.region_id, d.name_key): d.id for d in db.session.scalars(select(District))
        }
        for d in db.session.scalars(select(District)):
            self.districts.setdefault((d.region_id, name_key(d.name_kk)), d.id)
        rows = db.session.execute(select(School.district_id, School.name_key, School.official_code))
        self.schools = set()
        self.codes = set()
        for district_id, key, code in rows:
            self.schools.add((district_id, key))
            if code:
                self.codes.add(code)


def _check_row(row: dict, number: int, known: _Known, seen: dict) -> tuple[list, bool]:
    """Return the row's errors and whether it is already registered."""
    errors = [(number, "missing", name) for name in REQUIRED if not row.get(name)]
    errors += [
        (number, "too_long", name) for name, n in MAX_LEN.items() if len(row.get(name, "")) > n
    ]
    errors += [  # NUL and other control characters: invisible, and PostgreSQL refuses NUL
        (number, "control", name)
        for name, value in row.items()
        if name in REQUIRED + OPTIONAL and any(ord(c) < 32 or 127 <= ord(c) < 160 for c in value)
    ]
    if errors:
        return errors, False
    region_id = known.regions.get(name_key(row["region"]))
    if region_id is None:
        return [(number, "unknown_region", row["region"])], False
    district_id = known.districts.get(
        (region_id, name_key(row.get("district_ru") or row["district"]))
    )
    key = (region_id, name_key(row.get("district_ru") or row["district"]), name_key(row["name_ru"]))
    code = row.get("official_code") or ""
    if key in seen:
        return [(number, "duplicate_in_file", seen[key])], False
    seen[key] = number
    if code and code in seen:
        return [(number, "duplicate_code", code)], False
    if code:
        seen[code] = number
    if district_id and (district_id, name_key(row["name_ru"])) in known.schools:
        return [], True
    if code and code in known.codes:
        return [(number, "code_taken", code)], False
    return [], False


def import_rows(rows: list[dict], progress=None) -> ImportResult:
    """Validate every row, then add the new districts and schools; nothing when any is bad.

    Row numbers count the header as row 1, as a spreadsheet shows them. A school already
    in the registry (same district and Russian name) is reported as a duplicate and skipped.
    """
    ensure_regions()
    known, seen, result = _Known(), {}, ImportResult(rows=len(rows))
    fresh = []
    for number, row in enumerate(rows, start=2):
        errors, duplicate = _check_row(row, number, known, seen)
        result.errors += errors
        if duplicate:
            result.duplicates.append((number, row["name_ru"]))
        elif not errors:
            fresh.append(row)
        if progress:
            progress(1)
    if result.errors:
        db.session.rollback()
        return result
    for row in fresh:
        _add_school(row, known, result)
    db.session.commit()
    return result


def _add_school(row: dict, known: _Known, result: ImportResult) -> None:
    region_id = known.regions[name_key(row["region"])]
    district_ru = row.get("district_ru") or row["district"]
    dkey = (region_id, name_key(district_ru))
    if dkey not in known.districts:
        district = District(
            region_id=region_id,
            name_kk=row["district"],
            name_ru=district_ru,
            name_key=name_key(district_ru),
        )
        db.session.add(district)
        db.session.flush()
        known.districts[dkey] = district.id
        result.districts += 1
    db.session.add(
        School(
            district_id=known.districts[dkey],
            name_kk=row["name_kk"],
            name_ru=row["name_ru"],
            name_key=name_key(row["name_ru"]),
            official_code=row.get("official_code") or None,
            status="active",
        )
    )
    result.created += 1


def pending() -> list[dict]:
    """Return the schools teachers asked for, with their place, as plain data."""
    query = (
        select(School, District, Region)
        .join(District, District.id == School.district_id)
        .join(Region, Region.id == District.region_id)
        .where(School.status == "pending")
        .order_by(School.created_at, School.id)
    )
    return [
        {"id": s.id, "name": s.names, "district": d.names, "region": r.names, "district_id": d.id}
        for s, d, r in db.session.execute(query)
    ]


def schools_of_district(district_id: int, exclude: int) -> list[dict]:
    """Return the active schools of a district (merge targets), as plain data."""
    query = select(School).where(
        School.district_id == district_id, School.status == "active", School.id != exclude
    )
    return [{"id": s.id, "name": s.names} for s in db.session.scalars(query.order_by(School.id))]


def _pending(school_id: int) -> School:
    school = db.session.get(School, school_id)
    if school is None or school.status != "pending":
        raise NotFound("school")
    return school


def approve(school_id: int) -> School:
    """Make a pending school an active one."""
    school = _pending(school_id)
    school.status = "active"
    db.session.commit()
    return school


def rename(school_id: int, name_kk: str, name_ru: str) -> School:
    """Rename a school; Invalid when empty or another school of its district has the name."""
    school = db.session.get(School, school_id)
    if school is None or school.status == "merged":
        raise NotFound("school")
    name_kk, name_ru = " ".join(name_kk.split()), " ".join(name_ru.split())
    if not name_kk or not name_ru:
        raise Invalid("name", field="name")
    clash = select(School.id).where(
        School.district_id == school.district_id,
        School.name_key == name_key(name_ru),
        School.id != school.id,
    )
    if db.session.scalar(clash):
        raise Invalid("duplicate", field="name")
    school.name_kk, school.name_ru, school.name_key = name_kk, name_ru, name_key(name_ru)
    db.session.commit()
    return school


def merge(source_id: int, target_id: int) -> School:
    """Move everything of a pending school to an active one and mark the source merged."""
    source = _pending(source_id)
    target = db.session.get(School, target_id)
    if target is None or target.status != "active" or target.id == source.id:
        raise Invalid("target", field="target")
    for model in (Klass, Participant, Attempt, OfflineActivity, SocialLink, User):
        db.session.execute(
            update(model).where(model.school_id == source.id).values(school_id=target.id)
        )
    source.status, source.merged_into_id = "merged", target.id
    # bulk updates bypass the ORM's flush events: recount the solo pupils of both schools
    rollups.resync(school_ids=[source.id, target.id])
    db.session.commit()
    return target
