"""The answer's fast path: `PUT /api/v1/attempts/<id>/answers/<item>` without Flask.

Every pupil sends one answer per item, and on SQLite every answer holds the database's write
lock for as long as its request runs (BEGIN IMMEDIATE, quiz/db.py): the framework's time
around the answer (Flask-Login, Babel, the session, URL matching, the ORM's unit of work)
was time the lock was held, so answers queued behind each other. This WSGI middleware stores
the common answer itself, with the rules of `attempts.submit_answer`:

- one statement reads the pupil (by token), the attempt, its assignment and live session;
- the response is checked and scored by the bank as in `submit_answer`; the attempt must be
  open (not finished, its assignment open, the live session's current item);
- one transaction inserts the answer (the unique constraint (attempt, item) still decides
  between two simultaneous requests; a resend of the same response gets the first result),
  marks the pupil as a taker of the challenge the first time (`rollups.record_first_answer`),
  adds the score to the attempt's totals and, every ten minutes, the pupil's last visit;
- the body is `{"attempt_id": ...} | attempts.result_of(...)`, serialised by the app's JSON
  provider, with the headers of the Flask view (and gzip as Flask-Compress does).

Anything else goes on to Flask, which answers it as always: another method or path, a query
string other than `lang=kk|ru`, a body that is not a JSON object with a response, a response
the bank refuses (its message in the pupil's language), an unknown pupil or attempt, a closed
attempt, a different response to an answered item (Flask says 409 with the first result), a
database error (503). `tests/web/test_answer_fast.py` checks both paths alike.
"""

import io
import json
import re

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from quiz.api.fast_json import JsonFastPath, bearer, json_response
from quiz.db import fast_write_engine
from quiz.errors import Invalid
from quiz.models import Answer, Assignment, Attempt, LiveSession, Participant
from quiz.models.base import utcnow
from quiz.services import attempts, rollups
from quiz.services.participants import hash_token

MAX_BODY = 16 * 1024  # larger bodies go to Flask (its limit answers 413)
READ = (
    select(
        Participant.id.label("participant_id"),
        Participant.removed,
        Participant.lang,
        Participant.class_id,
        Participant.last_seen_at,
        Attempt.quiz_id,
        Attempt.challenge_id,
        Attempt.finished_at,
        Attempt.max_score.label("attempt_max_score"),
        Attempt.assignment_id,
        Attempt.live_session_id,
        Assignment.opens_at,
        Assignment.closes_at,
        LiveSession.state.label("live_state"),
        LiveSession.current_index,
        LiveSession.quiz_id.label("live_quiz_id"),
    )
    .join(Attempt, Attempt.participant_id == Participant.id)
    .outerjoin(Assignment, Assignment.id == Attempt.assignment_id)
    .outerjoin(LiveSession, LiveSession.id == Attempt.live_session_id)
    .where(Participant.token_hash == bindparam("token_hash"), Attempt.id == bindparam("attempt_id"))
)
ANSWER = insert(Answer)
STORED = select(Answer.response).where(
    Answer.attempt_id == bindparam("attempt"), Answer.item_id == bindparam("item")
)
TOTALS = (
    update(Attempt)
    .where(Attempt.id == bindparam("attempt"))
    .values(
        score=Attempt.score + bindparam("add_score"),
        max_score=Attempt.max_score + bindparam("add_max"),
    )
)
SEEN = (
    update(Participant)
    .where(Participant.id == bindparam("pupil"))
    .values(last_seen_at=bindparam("now"))
)


class AnswerPut(JsonFastPath):
    """The answer's fast path (see the module's text)."""

    METHOD = "PUT"
    PATH = re.compile(r"/api/v1/attempts/([0-9]{1,10})/answers/([A-Za-z0-9_-]{1,80})")

    def _answer(self, attempt_id: int, item_id: str, lang: str | None, environ):
        token = bearer(environ)
        data = _json_object(environ) if token else None
        if not data or "response" not in data:
            return None
        client_id = data.get("client_answer_id")
        if client_id == "":
            client_id = None
        if client_id is not None and not isinstance(client_id, str):
            return None
        try:
            found = self._store(attempt_id, item_id, lang, token, data["response"], client_id)
        except SQLAlchemyError:
            return None  # a resend (unique constraint) or the database: Flask answers
        return json_response(self.app, *found, environ) if found else None

    def _store(self, attempt_id, item_id, lang, token, response, client_id):
        if self.engine is None:
            self.engine = fast_write_engine(self.app)
        bank = self.app.extensions["bank"]
        now = utcnow()
        with self.engine.connect() as conn:
            row = conn.execute(
                READ, {"token_hash": hash_token(token), "attempt_id": attempt_id}
            ).first()
            if row is None or row.removed:
                return None
            try:
                quiz = bank.quiz(row.quiz_id)
                item = quiz.item(item_id)
                response = attempts._checked(item, response)
                if not _open(row, item_id, now, bank):
                    return None
            except (KeyError, Invalid):  # unknown quiz or item, a refused response
                return None
            score = item.score(response)
            statements = 3
            values = {
                "attempt_id": attempt_id,
                "item_id": item.id,
                "quiz_version": quiz.version,
                "response": response,
                "score": score,
                "max_score": item.max_score,
                "correct": item.is_correct(response),
                "client_answer_id": client_id and client_id[:64],
                "answered_at": now,
            }
            try:
                conn.execute(ANSWER, values)
            except IntegrityError:  # stored already: the first result again, if it is a resend
                conn.rollback()
                stored = conn.execute(STORED, {"attempt": attempt_id, "item": item.id}).first()
                conn.rollback()
                if stored is None or not attempts._same(stored.response, response):
                    return None  # Flask says 409 with the first result
                first = attempts.result_of(item, stored.response, lang or row.lang)
                return {"attempt_id": attempt_id} | first, 3
            # A taker of the challenge is marked by the first answer (an attempt that has a
            # scored answer already had it). The last visit waits for the next answer then, so
            # no answer takes more than five statements.
            seen = now - row.last_seen_at > attempts.LAST_SEEN_STEP
            if row.attempt_max_score == 0 and row.challenge_id is not None:
                statements += 1 + rollups.record_first_answer(
                    row.participant_id, row.challenge_id, conn, row.class_id is not None
                )
                seen = False
            conn.execute(
                TOTALS, {"attempt": attempt_id, "add_score": score, "add_max": item.max_score}
            )
            if seen:
                conn.execute(SEEN, {"pupil": row.participant_id, "now": now})
                statements += 1
            conn.commit()
        result = {"attempt_id": attempt_id} | attempts.result_of(item, response, lang or row.lang)
        return result, statements


def _open(row, item_id: str, now, bank) -> bool:
    """The rules of `attempts._check_open`, on the row read."""
    if row.finished_at is not None:
        return False
    if row.assignment_id is not None:
        if row.opens_at is None or not (row.opens_at <= now < row.closes_at):
            return False
    if row.live_session_id is not None:
        if row.live_state != "question":
            return False
        items = bank.quiz(row.live_quiz_id).items
        if not 0 <= row.current_index < len(items) or items[row.current_index].id != item_id:
            return False
    return True


def _json_object(environ) -> dict | None:
    """The request's JSON object; the body is put back for Flask whatever happens."""
    if not environ.get("CONTENT_TYPE", "").startswith("application/json"):
        return None
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    if not 0 < length <= MAX_BODY:
        return None
    raw = environ["wsgi.input"].read(length)
    environ["wsgi.input"] = io.BytesIO(raw)
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None
