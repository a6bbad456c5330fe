"""The item load's fast path: `GET /api/v1/attempts/<id>/items/<item>` without Flask.

A pupil's app loads every item before answering it. The answer is `attempts.item_view`: the
pupil's own attempt, the item without its key (and its result once answered), its place in
the quiz and the next unanswered item. This WSGI middleware reads the pupil (by token), the
attempt and its answers in one statement (`attempts.OWN_ATTEMPT_ANSWERS`) and builds the same
view with the same function (`attempts.page_view`), sent as the Flask view does
(`fast_json.json_response`). Anything else goes on to Flask: a query string other than
`lang=kk|ru` (a story's `path`), no Bearer token, an unknown pupil, attempt or item, a
database error. `tests/web/test_item_fast.py` checks both paths alike.
"""

import re

from sqlalchemy.exc import SQLAlchemyError

from quiz.api.fast_json import JsonFastPath, bearer, json_response
from quiz.db import fast_read_engine
from quiz.i18n import DEFAULT_LOCALE
from quiz.services import attempts
from quiz.services.participants import hash_token


class ItemGet(JsonFastPath):
    """The item load's fast path (see the module's text)."""

    METHOD = "GET"
    PATH = re.compile(r"/api/v1/attempts/([0-9]{1,10})/items/([A-Za-z0-9_-]{1,80})")

    def _answer(self, attempt_id: int, item_id: str, lang: str | None, environ):
        token = bearer(environ)
        if not token:
            return None
        if self.engine is None:
            self.engine = fast_read_engine(self.app)
        params = {"attempt_id": attempt_id, "token_hash": hash_token(token)}
        try:
            with self.engine.connect().execution_options(read=True) as conn:
                rows = conn.execute(attempts.OWN_ATTEMPT_ANSWERS, params).all()
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
        view = attempts.page_view(attempt_id, quiz, item, answered, lang or DEFAULT_LOCALE)
        return json_response(self.app, view, 1, environ)
