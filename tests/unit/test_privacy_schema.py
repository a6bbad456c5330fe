"""The database cannot hold personal data about a child: the schema is checked column by column."""

import re
from pathlib import Path

import quiz.models  # noqa: F401 - registers the tables
from quiz.extensions import db

ROOT = Path(__file__).resolve().parents[2]

# What a pupil's rows may hold: nickname, random token (hashed), class or school, band,
# language, timestamps, answers. Nothing else.
PARTICIPANT_COLUMNS = {
    "id",
    "token_hash",
    "nickname",
    "nickname_key",
    "challenge_id",
    "class_id",
    "school_id",
    "band",
    "lang",
    "seats",
    "removed",
    "created_at",
    "last_seen_at",
}
PERSONAL_WORDS = {
    "surname",
    "firstname",
    "lastname",
    "fullname",
    "realname",
    "iin",
    "age",
    "ip",
    "address",
    "phone",
    "photo",
    "avatar",
    "parent",
    "contact",
    "fingerprint",
}
PERSONAL_PARTS = ("birth", "phone", "user_agent", "first_name", "last_name", "real_name")
PUPIL_TABLES = ("participants", "attempts", "answers", "paper_tallies", "paper_sessions")


def test_participant_row_holds_only_nickname_token_place_band_language_and_times():
    columns = {c.name for c in db.metadata.tables["participants"].columns}
    assert columns == PARTICIPANT_COLUMNS


def test_no_table_has_a_column_for_personal_data_or_addresses():
    offending = [
        f"{table.name}.{column.name}"
        for table in db.metadata.sorted_tables
        for column in table.columns
        if _personal(column.name) and not _staff_field(table.name, column.name)
    ]
    assert offending == []


def _personal(name: str) -> bool:
    name = name.lower()
    return bool(set(name.split("_")) & PERSONAL_WORDS) or any(p in name for p in PERSONAL_PARTS)


def _staff_field(table: str, column: str) -> bool:
    # staff accounts hold an e-mail (adults, by their consent); schools have addresses of
    # nothing. Nothing in pupils' tables is exempt.
    return table not in PUPIL_TABLES and column in ("email",)


def test_templates_never_mark_user_data_safe():
    pattern = re.compile(r"\|\s*safe\b|Markup\(|render_template_string")
    hits = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in list((ROOT / "quiz").rglob("*.py")) + list((ROOT / "quiz").rglob("*.html"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert hits == []
