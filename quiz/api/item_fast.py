"""The item load's fast path: `GET /api/v1/attempts/<id>/items/<item>` without Flask.

A pupil's app loads every item before answering it. The answer is `attempts.item_view`: the
pupil's own attempt, the item without its key (and its result once answered), its place in
the quiz and the next unanswered item. This WSGI middleware reads the pupil (by token), the
attempt and its answers in one statement and builds the same view with the same function
(`attempts.page_view`), serialised and sent as the Flask view does
(`answer_fast.json_response`). Anything else goes on to Flask: a query string other than
`lang=kk|ru` (a story's `path`), no Bearer token, an unknown pupil, attempt or item, a
database error. `tests/web/test_item_fast.py` checks both paths alike.
"""

import re

from flask import current_app, has_app_context
from sqlalchemy import bindparam, select
from sqlalchemy.exc import SQLAlchemyError

from quiz.api.answer_fast import QUERIES, bearer, json_response
from quiz.db import fast_read_engine
from quiz.i18n import DEFAULT_LOCALE
from quiz.models import Answer, Attempt, Participant
from quiz.services import attempts
from quiz.services.participants import hash_token
from quiz.web import MAX_INT

PATH = re.compile(r"/api/v1/attempts/([0-9]{1,10})/items/([A-Za-z0-9_-]{1,80})")
QUERY = (
    select(Attempt.quiz_id, Answer.item_id, Answer.response)
    .join(Participant, Participant.id == Attempt.participant_id)
    .outerjoin(Answer, Answer.attempt_id == Attempt.id)
    .where(
        Attempt.id == bindparam("attempt_id"),
        Participant.token_hash == bindparam("token_hash"),
        Participant.removed.is_(False),
    )
)


class ItemGet:
    """WSGI middleware in front of the Flask app (`app.wsgi_app`)."""

    def __init__(self, wsgi_app, app):
        self.wsgi_app = wsgi_app
        self.app = app
        self.engine = None

    def __call__(self, environ, start_response):
        answer = None
        inside = has_app_context() and current_app._get_current_object() is self.app
        if environ["REQUEST_METHOD"] == "GET" and not environ.get("SCRIPT_NAME") and not inside:
            match = PATH.fullmatch(environ.get("PATH_INFO", ""))
            query = environ.get("QUERY_STRING", "")
            if match and query in QUERIES and 0 < int(match.group(1)) <= MAX_INT:
                lang = QUERIES[query] or DEFAULT_LOCALE
                answer = self._answer(int(match.group(1)), match.group(2), lang, environ)
        if answer is None:
            return self.wsgi_app(environ, start_response)
        body, headers = answer
        start_response("200 OK", headers)
        return [body]

    def _answer(self, attempt_id: int, item_id: str, lang: str, environ):
        token = bearer(environ)
        if not token:
            return None
        if self.engine is None:
            self.engine = fast_read_engine(self.app)
        params = {"attempt_id": attempt_id, "token_hash": hash_token(token)}
        try:
            with self.engine.connect().execution_options(read=True) as conn:
                rows = conn.execute(QUERY, params).all()
        except SQLAlchemyError:
            return None  # Flask says 503
        if not rows:
            return None  # Flask says 401 or 404
        try:
            quiz = self.app.extensions["bank"].quiz(rows[0].quiz_id)
            item = quiz.item(item_id)
        except KeyError:
            return None  # Flask says 404
        answered = {row.item_id: row.response for row in rows if row.item_id is not None}
        view = attempts.page_view(attempt_id, quiz, item, answered, lang)
        return json_response(self.app, view, 1, environ)
