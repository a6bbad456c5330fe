"""The question page's fast path: the page every pupil loads for every item, without Flask.

`GET /<lang>/attempt/<id>/item/<item>` for an item not answered yet is the same HTML for every
pupil of the quiz except three things: the attempt's id in its URLs, the CSRF token of the
pupil's session and nothing else. So the page is rendered once per (language, quiz, item) by
the real view's template with placeholders, kept in memory, and served with the pupil's values
put in: one SQL statement (the pupil by token, their attempt, its answered items), no Jinja.

The CSRF token is made as Flask-WTF makes it (`generate_csrf`): the session's raw token signed
with `URLSafeTimedSerializer(WTF_CSRF_SECRET_KEY or SECRET_KEY, salt="wtf-csrf-token")`, so the
answer form posts to Flask and is checked there as always. Anything else goes on to Flask: an
answered item (the feedback page), a query string (a story's path), no session or CSRF token
in it yet, flashed messages waiting, a signed-in staff member, an unknown pupil or attempt,
a database error. `tests/web/test_fast_page.py` compares both paths on every item kind.
"""

import gzip
import re

from flask import g, render_template
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.http import parse_cookie

from quiz.db import fast_read_engine
from quiz.i18n import LOCALES
from quiz.services import attempts
from quiz.services.participants import hash_token
from quiz.web import MAX_INT, SECURITY_HEADERS

LANGS = "|".join(LOCALES)
PATH = re.compile("/(" + LANGS + r")/attempt/([0-9]{1,10})/item/([A-Za-z0-9_-]{1,80})")
ATTEMPT_MARK, CSRF_MARK = "1987654321", "CSRF-MARK-7c1f0e"  # placeholders in the cached page


class QuestionPage:
    """WSGI middleware in front of the Flask app (`app.wsgi_app`)."""

    def __init__(self, wsgi_app, app):
        self.wsgi_app = wsgi_app
        self.app = app
        self.pages: dict[tuple, str] = {}
        self.count_queries = bool(app.config.get("COUNT_QUERIES"))
        secret = app.config.get("WTF_CSRF_SECRET_KEY") or app.secret_key
        self.csrf = URLSafeTimedSerializer(secret, salt="wtf-csrf-token")
        self.sessions = app.session_interface.get_signing_serializer(app)
        self.engine = None

    def __call__(self, environ, start_response):
        match = None
        plain = not environ.get("QUERY_STRING") and not environ.get("SCRIPT_NAME")
        if environ["REQUEST_METHOD"] == "GET" and plain:
            match = PATH.fullmatch(environ.get("PATH_INFO", ""))
        answer = self._answer(match, environ) if match else None
        if answer is None:
            return self.wsgi_app(environ, start_response)
        body, headers = answer
        start_response("200 OK", headers)
        return [body]

    def _session(self, cookies) -> dict | None:
        raw = cookies.get(self.app.config["SESSION_COOKIE_NAME"])
        if not raw or self.sessions is None:
            return None
        max_age = int(self.app.permanent_session_lifetime.total_seconds())
        try:
            return self.sessions.loads(raw, max_age=max_age)
        except BadSignature:
            return None

    def _answer(self, match, environ):
        lang, attempt_id, item_id = match.group(1), int(match.group(2)), match.group(3)
        cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
        token = cookies.get(self.app.config["PARTICIPANT_COOKIE"])
        session = self._session(cookies) if token and 0 < attempt_id <= MAX_INT else None
        if not session or "csrf_token" not in session or set(session) & {"_flashes", "_user_id"}:
            return None
        rows = self._rows(attempt_id, token)
        if not rows or item_id in {row.item_id for row in rows}:
            return None
        page = self._page(lang, rows[0].quiz_id, item_id)
        if page is None:
            return None
        html = page.replace(ATTEMPT_MARK, str(attempt_id))
        body = html.replace(CSRF_MARK, self.csrf.dumps(session["csrf_token"])).encode()
        return self._response(body, environ)

    def _rows(self, attempt_id: int, token: str) -> list | None:
        if self.engine is None:
            self.engine = fast_read_engine(self.app)
        params = {"attempt_id": attempt_id, "token_hash": hash_token(token)}
        try:
            with self.engine.connect().execution_options(read=True) as conn:
                return conn.execute(attempts.OWN_ATTEMPT_ANSWERS, params).all()
        except SQLAlchemyError:
            return None  # Flask says 503 in the pupil's language

    def _page(self, lang: str, quiz_id: str, item_id: str) -> str | None:
        """The page of an unanswered item with placeholders, rendered once by the template."""
        key = (lang, quiz_id, item_id)
        if key not in self.pages:
            try:
                quiz = self.app.extensions["bank"].quiz(quiz_id)
                item = quiz.item(item_id)
            except KeyError:
                return None  # Flask says 404
            path = f"/{lang}/attempt/{ATTEMPT_MARK}/item/{item_id}"
            with self.app.test_request_context(path):
                self.app.preprocess_request()  # the language from the URL, as for the view
                g.csrf_token = CSRF_MARK
                view = attempts.page_view(int(ATTEMPT_MARK), quiz, item, {}, lang)
                self.pages[key] = render_template("pupil/item.html", view=view, path=[])
        return self.pages[key]

    def _response(self, body: bytes, environ) -> tuple[bytes, list]:
        headers = [("Content-Type", "text/html; charset=utf-8"), *SECURITY_HEADERS.items()]
        headers.append(("Vary", "Accept-Encoding, Cookie"))
        if "gzip" in environ.get("HTTP_ACCEPT_ENCODING", ""):
            body = gzip.compress(body, compresslevel=6)
            headers.append(("Content-Encoding", "gzip"))
        headers.append(("Content-Length", str(len(body))))
        if self.count_queries:
            headers.append(("X-Queries", "1"))
        return body, headers
