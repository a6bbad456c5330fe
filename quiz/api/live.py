"""The live state pupils' devices poll: small JSON, an ETag, 304 when nothing changed."""

from flask import current_app, jsonify, request

from quiz.api.base import bearer_token, bp
from quiz.services import live


def _token() -> str:
    """The participant token: the Authorization header, else the pupil's cookie."""
    return bearer_token() or request.cookies.get(current_app.config["PARTICIPANT_COOKIE"], "")


@bp.get("/live/<int:session_id>/state")
def live_state(session_id):
    """The session's state for a pupil of its class (version, state, current item id)."""
    state = live.pupil_state(session_id, _token())
    etag = live.state_etag(session_id, state["version"])
    if etag in request.headers.get("If-None-Match", ""):
        response = current_app.response_class(status=304)
    else:
        response = jsonify(state)
    response.headers["ETag"] = etag
    response.headers["Cache-Control"] = "no-cache"
    return response
