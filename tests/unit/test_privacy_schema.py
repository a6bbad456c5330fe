"""The database cannot hold personal data about a child: the schema is checked column by column."""

import re
from pathlib import Path

import pytest
from sqlalchemy import Column, ForeignKey, MetaData, String, Table

import quiz.models  # noqa: F401 - registers the tables
from quiz.extensions import db

ROOT = Path(__file__).resolve().parents[2]

# What a pupil's rows may hold: nickname, random token (hashed), class or school, band,
# language, timestamps, answers. Nothing else. Every table that holds pupil-level data is
# listed with its exact columns: a new column (or a new table that refers to a pupil's
# rows) fails `test_pupil_level_tables_hold_only_the_reviewed_columns` until it is reviewed
# here, against check 19 of the reliability issue (docs/reliability.md).
PUPIL_COLUMNS = {
    # a pupil (or a team seat): docs of quiz/models/participant.py
    "participants": {
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
    },
    # a pupil's pass through a quiz: where, which quiz, the score and when
    "attempts": {
        "id",
        "participant_id",
        "quiz_id",
        "quiz_version",
        "theme",
        "band",
        "mode",
        "challenge_id",
        "class_id",
        "school_id",
        "assignment_id",
        "live_session_id",
        "score",
        "max_score",
        "started_at",
        "finished_at",
    },
    # a pupil's answer to one item (ids of options, or a short text), scored
    "answers": {
        "id",
        "attempt_id",
        "item_id",
        "quiz_version",
        "response",
        "score",
        "max_score",
        "correct",
        "client_answer_id",
        "answered_at",
    },
    # "this pupil answered in this challenge": the counting rule's marker
    "rollup_takers": {"challenge_id", "participant_id"},
    # a class's live session: the pupils' rows are its attempts (above)
    "live_sessions": {
        "id",
        "class_id",
        "quiz_id",
        "quiz_version",
        "state",
        "current_index",
        "version",
        "locked",
        "projector_lang",
        "timer_seconds",
        "question_started_at",
        "podium",
        "speed_bonus",
        "created_by_id",
        "created_at",
        "finished_at",
    },
    # paper mode: how many pupils, and how many chose each answer (counts, never names)
    "paper_sessions": {
        "id",
        "class_id",
        "challenge_id",
        "quiz_id",
        "quiz_version",
        "pupils",
        "held_on",
        "created_by_id",
        "created_at",
    },
    "paper_tallies": {"id", "paper_session_id", "item_id", "choice", "count"},
}
PUPIL_ROOT = "participants"
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


@pytest.mark.parametrize("table", sorted(PUPIL_COLUMNS))
def test_pupil_level_tables_hold_only_the_reviewed_columns(table):
    columns = {c.name for c in db.metadata.tables[table].columns}
    assert columns - PUPIL_COLUMNS[table] == set(), f"{table}: new columns to review"
    assert PUPIL_COLUMNS[table] - columns == set(), f"{table}: columns gone, update the list"


def test_every_table_that_refers_to_a_pupil_is_reviewed():
    """A table whose rows lead to a pupil's (through foreign keys) holds pupil-level data."""
    pupil_level = _referring_to(PUPIL_ROOT)
    assert pupil_level - set(PUPIL_COLUMNS) == set(), "pupil-level tables not reviewed here"


def test_the_check_notices_a_new_column_and_a_new_table():
    """The allow-list bites: an extra column, or a table referring to answers, is caught."""
    metadata = MetaData()
    for table in db.metadata.sorted_tables:
        table.to_metadata(metadata)
    participants = metadata.tables["participants"]
    participants.append_column(Column("ip_hash", String(64)))
    Table("answer_notes", metadata, Column("answer_id", ForeignKey("answers.id")))
    assert {c.name for c in participants.columns} - PUPIL_COLUMNS["participants"] == {"ip_hash"}
    assert _referring_to(PUPIL_ROOT, metadata) - set(PUPIL_COLUMNS) == {"answer_notes"}


def _referring_to(root: str, metadata=None) -> set[str]:
    """The table and every table whose foreign keys lead to it, directly or through others."""
    tables = (metadata or db.metadata).tables.values()
    found, grew = {root}, True
    while grew:
        more = {t.name for t in tables for fk in t.foreign_keys if fk.column.table.name in found}
        grew = not more <= found
        found |= more
    return found


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
    return table not in PUPIL_COLUMNS and column in ("email",)


def test_templates_never_mark_user_data_safe():
    pattern = re.compile(r"\|\s*safe\b|Markup\(|render_template_string")
    hits = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in list((ROOT / "quiz").rglob("*.py")) + list((ROOT / "quiz").rglob("*.html"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert hits == []


ADDRESS_VARIABLES = re.compile(r"\$(remote_addr|binary_remote_addr|realip_remote_addr|http_x_)")


def nginx_address_logging(conf: str) -> list[str]:
    """What in an nginx configuration would write a visitor's address to an access log."""
    conf = re.sub(r"#[^\n]*", "", conf)
    formats = dict(re.findall(r"\blog_format\s+(\S+)\s+([^;]*);", conf))
    problems = [
        f"log_format {n} logs an address" for n, f in formats.items() if ADDRESS_VARIABLES.search(f)
    ]
    for server in re.split(r"\bserver\s*\{", conf)[1:]:
        logs = re.findall(r"\baccess_log\s+([^;]*);", server)
        if not logs:
            problems.append("a server keeps nginx's default access log (with addresses)")
        for args in (log.split() for log in logs):
            if args != ["off"] and (len(args) < 2 or args[1] not in formats):
                problems.append(f"access_log {' '.join(args)} uses a format with addresses")
    return problems


def test_the_proxy_logs_no_pupils_address():
    conf = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    assert "server" in conf and nginx_address_logging(conf) == []


@pytest.mark.parametrize(
    "conf",
    [
        "server { listen 80; }",
        "server { access_log /var/log/x.log; }",
        "server { access_log /var/log/x.log combined; }",
        "log_format f '$remote_addr $uri'; server { access_log /x f; }",
    ],
)
def test_the_log_check_catches_a_log_with_addresses(conf):
    assert nginx_address_logging(conf) != []
