"""What the pupils' JSON fast paths in front of Flask share (`answer_fast`, `item_fast`).

Each answers one request about an item of an attempt, `/api/v1/attempts/<id>/…/<item>`, with
an optional `lang=kk|ru`, and sends the body and headers the Flask view's `jsonify` (and
Flask-Compress) would. A request it does not take goes on to Flask.
"""

import gzip

from flask import current_app, has_app_context

from quiz.i18n import LOCALES
from quiz.web import MAX_INT, SECURITY_HEADERS

QUERIES = {"": None, **{f"lang={lang}": lang for lang in LOCALES}}
HEADERS = [
    ("Content-Type", "application/json"),
    *SECURITY_HEADERS.items(),
    ("Cache-Control", "no-store"),
    ("Vary", "Accept-Encoding, Cookie"),
]


class JsonFastPath:
    """WSGI middleware in front of the Flask app (`app.wsgi_app`) for one method and path.

    Subclasses set METHOD and PATH (a pattern of the attempt id and the item id) and define
    `_answer(attempt_id, item_id, lang or None, environ)`, returning (body, headers) or None
    for Flask to answer."""

    METHOD = ""
    PATH = None

    def __init__(self, wsgi_app, app):
        self.wsgi_app = wsgi_app
        self.app = app
        self.engine = None

    def __call__(self, environ, start_response):
        match = self._match(environ)
        query = environ.get("QUERY_STRING", "")
        answer = None
        if match:
            answer = self._answer(int(match.group(1)), match.group(2), QUERIES[query], environ)
        if answer is None:
            return self.wsgi_app(environ, start_response)
        body, headers = answer
        start_response("200 OK", headers)
        return [body]

    def _match(self, environ):
        # A request made from inside this app's context (the test client under a pushed app
        # context) shares that context's session and transaction: Flask serves it, since a
        # second connection would wait for the first one's locks.
        inside = has_app_context() and current_app._get_current_object() is self.app
        if inside or environ["REQUEST_METHOD"] != self.METHOD or environ.get("SCRIPT_NAME"):
            return None
        match = self.PATH.fullmatch(environ.get("PATH_INFO", ""))
        if match and environ.get("QUERY_STRING", "") in QUERIES:
            return match if 0 < int(match.group(1)) <= MAX_INT else None
        return None

    def _answer(self, attempt_id: int, item_id: str, lang: str | None, environ):
        raise NotImplementedError


def json_response(app, result: dict, statements: int, environ) -> tuple[bytes, list]:
    """The body and headers the Flask view's `jsonify` would send (and Flask-Compress)."""
    body = (app.json.dumps(result, separators=(",", ":")) + "\n").encode()
    headers = list(HEADERS)
    gzipped = "gzip" in environ.get("HTTP_ACCEPT_ENCODING", "")
    if gzipped and len(body) >= int(app.config.get("COMPRESS_MIN_SIZE", 500)):
        body = gzip.compress(body, compresslevel=6)
        headers.append(("Content-Encoding", "gzip"))
    headers.append(("Content-Length", str(len(body))))
    if app.config.get("COUNT_QUERIES"):
        headers.append(("X-Queries", str(statements)))
    return body, headers


def bearer(environ) -> str:
    """The Bearer token of the request, or ""."""
    scheme, _, token = environ.get("HTTP_AUTHORIZATION", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""
