"""The API blueprint, its authentication and its error format."""

from functools import wraps

from flask import Blueprint, g, jsonify, request

from quiz.errors import QuizError
from quiz.extensions import csrf
from quiz.messages import error_message

bp = Blueprint("api", __name__, url_prefix="/api/v1")
# Bearer tokens, not cookies, authenticate API calls, so cross-site forgery does not apply.
csrf.exempt(bp)


def api_error(code: str, status: int):
    """Return the API's error body {"error": {"code", "message": {"kk", "ru"}}} and status."""
    return jsonify({"error": {"code": code, "message": error_message(code, status)}}), status


@bp.errorhandler(QuizError)
def _quiz_error(error: QuizError):
    body, status = api_error(error.code, error.status)
    if error.details.get("result") is not None:
        payload = body.get_json()
        payload["result"] = error.details["result"]
        return jsonify(payload), status
    return body, status


def bearer_token() -> str:
    """Return the token of the Authorization: Bearer header, or an empty string."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def json_body() -> dict:
    """Return the request's JSON object; an empty dict when the body is not a JSON object."""
    data = request.get_json(silent=True)
    return data if isinstance(data, dict) else {}


def staff_token_required(*roles: str):
    """Require an API token of a staff account with one of the roles; sets g.api_user."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            from quiz.services import accounts

            user = accounts.token_user(bearer_token())
            if user is None:
                return api_error("unauthorized", 401)
            if roles and user.role not in roles:
                return api_error("forbidden", 403)
            g.api_user = user
            return view(*args, **kwargs)

        return wrapper

    return decorator
