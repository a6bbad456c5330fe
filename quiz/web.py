"""Request plumbing shared by every blueprint: language in URLs, headers, assets, errors."""

import hashlib
from functools import cache
from pathlib import Path

from flask import abort, g, jsonify, render_template, request, url_for
from flask_babel import (
    format_date,
    format_datetime,
    format_decimal,
    format_percent,
    get_locale,
    get_translations,
    refresh,
)
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

from quiz.errors import QuizError
from quiz.extensions import limiter
from quiz.i18n import LOCALES, preferred_locale, switch_url, url_locale

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)
STAFF_PREFIXES = ("teacher.", "organizer.", "auth.", "live.")


def _join_fail_limit() -> str:
    from flask import current_app

    return current_app.config["JOIN_FAIL_LIMIT"]


def _wrong_code(response) -> bool:
    # 404: no class has the code (API, nickname page); 422 on the code form: its re-display
    return response.status_code == 404 or (
        request.endpoint == "pupil.join" and response.status_code == 422
    )


# Wrong class codes, counted per address in one bucket for the join form, the nickname page
# and the API, so guessing codes is slow; pupils who type their code right are never counted.
join_code_limit = limiter.shared_limit(_join_fail_limit, scope="join-code", deduct_when=_wrong_code)


# Ids and counts are INTEGER columns (32-bit signed on PostgreSQL); a larger number from a
# request names nothing, and must not reach the database (an error there, not a 404).
MAX_INT = 2**31 - 1


class BoundedInt(IntegerConverter):
    """`<int:...>` in URLs, no larger than an INTEGER column holds."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", MAX_INT)
        super().__init__(url_map, *args, **kwargs)


def db_int(value) -> int:
    """Parse an int that fits an INTEGER column; ValueError otherwise (`type=` of args)."""
    number = int(value)
    if not -MAX_INT - 1 <= number <= MAX_INT:
        raise ValueError(f"{value!r} is out of range")
    return number


def init_app(app) -> None:
    """Register the language handling, security headers, asset URLs and error pages."""
    app.url_map.converters["int"] = BoundedInt
    hops = app.config["TRUSTED_PROXIES"]
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    app.url_value_preprocessor(_pop_lang)
    app.before_request(_refuse_nul)
    app.url_defaults(_add_lang)
    app.after_request(_security_headers)
    app.jinja_env.globals.update(
        get_locale=get_locale, LOCALES=LOCALES, switch_url=switch_url, asset=asset_url
    )
    app.jinja_env.filters.update(
        format_date=format_date,
        format_datetime=format_datetime,
        format_decimal=format_decimal,
        format_percent=format_percent,
    )
    # Flask-Babel looks the translations up again for every string of a template; a page has
    # dozens, so keep this request's catalogue in `g` (measured: about 0.4 ms per page).
    app.jinja_env.install_gettext_callables(
        gettext=lambda s, **kw: _catalogue().ugettext(s) % kw if kw else _catalogue().ugettext(s),
        ngettext=lambda s, p, n, **kw: _catalogue().ungettext(s, p, n) % {"num": n, **kw},
        newstyle=True,
    )
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(QuizError, _quiz_error)
    app.register_error_handler(OperationalError, _database_unavailable)


def _catalogue():
    catalogue = g.get("_catalogue")
    if catalogue is None:
        catalogue = g._catalogue = get_translations()
    return catalogue


def _relocalise() -> None:
    """Forget a locale (and catalogue) computed before the request knew its language."""
    refresh()
    g.pop("_catalogue", None)


def _pop_lang(endpoint, values):
    g.lang = values.pop("lang", None) if values else None
    _relocalise()


def _refuse_nul():
    """Refuse NUL characters at the door (400): PostgreSQL cannot store them in text."""
    sources = [request.args]
    if request.method not in ("GET", "HEAD") and not request.is_json:
        sources.append(request.form)
    values = [request.path] + [v for source in sources for vs in source.listvalues() for v in vs]
    if any("\x00" in value for value in values):
        abort(400)
    if request.is_json and b"\\u0000" in request.get_data():
        abort(400)


def _add_lang(endpoint, values):
    if "lang" in values or not getattr(g, "lang", None):
        return
    from flask import current_app

    if current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
        values["lang"] = g.lang


# On every response (the live-state fast path in quiz/api/live_poll.py sends them too).
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def _security_headers(response):
    headers = response.headers
    for name, value in SECURITY_HEADERS.items():
        headers.setdefault(name, value)
    endpoint = request.endpoint or ""
    if endpoint.startswith(STAFF_PREFIXES) or endpoint.startswith("api."):
        headers["Cache-Control"] = "no-store"
    return response


@cache
def _file_hash(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:10]


def asset_url(filename: str) -> str:
    """Return a static file's URL with a content hash, so it can be cached for a year."""
    from flask import current_app

    key = (current_app.name, request.script_root, filename)
    url = _ASSET_URLS.get(key)
    if url is None:
        path = Path(current_app.static_folder) / filename
        url = _ASSET_URLS[key] = url_for("static", filename=filename, v=_file_hash(str(path)))
    return url


_ASSET_URLS: dict[tuple, str] = {}  # files are hashed once per process, as by _file_hash


def wants_json() -> bool:
    """Return whether the client is an API client rather than a browser."""
    return request.path.startswith("/api/") or request.path == "/healthz"


def _ensure_lang():
    if getattr(g, "lang", None) not in LOCALES:
        g.lang = url_locale() or preferred_locale()
        _relocalise()


def _http_error(error: HTTPException):
    """Render HTTP errors in the user's language (pages) or as JSON (API)."""
    if wants_json():
        return _json_error(error.code, _error_code(error.code)), error.code
    _ensure_lang()
    return render_template("errors/error.html", status=error.code), error.code


def _quiz_error(error: QuizError):
    """Turn a domain error that reached the top into a page or a JSON error."""
    if wants_json():
        return _json_error(error.status, error.code), error.status
    _ensure_lang()
    return render_template("errors/error.html", status=error.status, code=error.code), error.status


def _database_unavailable(error: OperationalError):
    """The database is down or locked for too long: 503, and the next request tries again."""
    from quiz.extensions import db

    db.session.rollback()
    # render as a signed-out visitor: the header must not ask the database for the user again
    from quiz.extensions import login

    g._login_user = login.anonymous_user()
    if wants_json():
        response = _json_error(503, "unavailable")
    else:
        _ensure_lang()
        response = render_template("errors/error.html", status=503)
    return response, 503, {"Retry-After": "5"}


def _error_code(status: int) -> str:
    codes = {
        400: "invalid",
        401: "unauthorized",
        403: "forbidden",
        404: "not_found",
        405: "method_not_allowed",
        413: "too_large",
        429: "rate_limited",
        503: "unavailable",
    }
    return codes.get(status, "error")


def _json_error(status: int, code: str):
    from quiz.messages import error_message

    return jsonify({"error": {"code": code, "message": error_message(code, status)}})
