"""The live-state poll's fast path: every pupil's device asks once a second, so it skips Flask.

`GET /api/v1/live/<id>/state` is the most frequent request of a class hour (30 pupils of each
live class poll every second). Its answer is one indexed row, so nearly all of its time went
into the framework around it (the session cookie, Babel, Flask-Login, the limiter, URL
matching). This WSGI middleware answers it with the same statement (`live.STATE_QUERY`), the
same JSON (`live.state_of`), the same ETag (304 when unchanged) and the same headers as the
Flask view in `quiz/api/live.py`. Anything else, and anything unusual (a HEAD, a query
string, no token, an unknown pupil or session, a database error), goes on to Flask, which
answers with its 404 or 503 as usual. `tests/web/test_live_poll.py` checks both paths alike.

Each worker keeps the last row it read of a session for `LIVE_POLL_CACHE_SECONDS` (half a
second), and the pupils it found in that session at that row's version. 30 pupils polling
every second then cost each worker about two statements a second per class instead of 30,
and a device still follows the teacher within 1 s of polling + 0.5 s. A pupil is served from
the copy only when the statement found that pupil at the copy's version: every change of the
teacher's (removing a pupil too) bumps the version, so a removed pupil, a stranger or a
deleted session is always looked up again and left to Flask's 404.
"""

import json
import re
import time

from sqlalchemy.exc import SQLAlchemyError
from werkzeug.http import parse_cookie

from quiz.db import fast_read_engine
from quiz.services import live
from quiz.services.participants import hash_token
from quiz.web import MAX_INT, SECURITY_HEADERS

PATH = re.compile(r"/api/v1/live/([0-9]{1,10})/state")
HEADERS = [*SECURITY_HEADERS.items(), ("Cache-Control", "no-store")]
MAX_CACHED = 100_000  # pupils (and sessions) a worker remembers before it starts afresh


class LivePoll:
    """WSGI middleware in front of the Flask app (`app.wsgi_app`)."""

    def __init__(self, wsgi_app, app):
        self.wsgi_app = wsgi_app
        self.app = app
        self.cookie = app.config["PARTICIPANT_COOKIE"]
        self.count_queries = bool(app.config.get("COUNT_QUERIES"))
        self.engine = None
        self.ttl = float(app.config["LIVE_POLL_CACHE_SECONDS"])
        self.clock = time.monotonic
        self.rows = {}  # session id -> (its row, when read)
        self.members = {}  # (session id, token hash) -> the version at which the pupil was found

    def __call__(self, environ, start_response):
        match = None
        if environ["REQUEST_METHOD"] == "GET" and not environ.get("QUERY_STRING"):
            match = PATH.fullmatch(environ.get("PATH_INFO", ""))
        session_id = int(match.group(1)) if match else 0
        token = self._token(environ) if 0 < session_id <= MAX_INT else ""
        answer = self._answer(session_id, token, environ) if token else None
        if answer is None:
            return self.wsgi_app(environ, start_response)
        status, body, headers = answer
        start_response(status, headers)
        return [body]

    def _token(self, environ) -> str:
        scheme, _, token = environ.get("HTTP_AUTHORIZATION", "").partition(" ")
        if scheme.lower() == "bearer" and token.strip():
            return token.strip()
        return parse_cookie(environ.get("HTTP_COOKIE", "")).get(self.cookie, "")

    def _row(self, session_id: int, token: str):
        if self.engine is None:
            self.engine = fast_read_engine(self.app)
        with self.engine.connect().execution_options(read=True) as conn:
            return conn.execute(live.STATE_QUERY, live.state_params(session_id, token)).first()

    def _state(self, session_id: int, token: str):
        """(the session's row for this pupil, statements run): this worker's copy while it is
        fresh and the pupil was found at its version, else one statement (None: not found)."""
        member = (session_id, hash_token(token))
        now = self.clock()
        cached = self.rows.get(session_id)
        if cached and now - cached[1] < self.ttl and self.members.get(member) == cached[0].version:
            return cached[0], 0
        row = self._row(session_id, token)
        if row is None:
            self.members.pop(member, None)
            return None, 1
        if len(self.members) >= MAX_CACHED or len(self.rows) >= MAX_CACHED:
            self.members.clear()
            self.rows.clear()
        self.members[member] = row.version
        self.rows[session_id] = (row, now)
        return row, 1

    def _answer(self, session_id: int, token: str, environ):
        try:
            row, statements = self._state(session_id, token)
        except SQLAlchemyError:
            return None  # Flask says 503 in the client's language and recovers by itself
        if row is None:
            return None
        etag = live.state_etag(session_id, row.version)
        headers = [("ETag", etag), *HEADERS]
        if self.count_queries:
            headers.append(("X-Queries", str(statements)))
        if etag in environ.get("HTTP_IF_NONE_MATCH", ""):
            return "304 NOT MODIFIED", b"", headers
        state = live.state_of(session_id, row, self.app.extensions["bank"])
        body = (json.dumps(state, sort_keys=True, separators=(",", ":")) + "\n").encode()
        headers += [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
        return "200 OK", body, headers
