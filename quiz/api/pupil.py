"""The pupils' API: join, solo pupils, quizzes, attempts, items, answers and results."""

from functools import wraps

from flask import g, jsonify, request

from quiz.api.base import api_error, bearer_token, bp, json_body
from quiz.errors import AlreadyAnswered, Invalid
from quiz.i18n import DEFAULT_LOCALE, LOCALES
from quiz.pupil.forms import story_path
from quiz.services import attempts, participants, quizzes
from quiz.web import MAX_INT, join_code_limit


def participant_required(view):
    """Require a pupil's Bearer token; sets g.participant (401 when unknown or removed)."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        attempt_id = (request.view_args or {}).get("attempt_id")  # loaded with the pupil
        participant = participants.participant_for_token(bearer_token(), attempt_id)
        if participant is None:
            return api_error("unauthorized", 401)
        g.participant = participant
        return view(*args, **kwargs)

    return wrapper


def _lang(value=None) -> str:
    lang = value or request.args.get("lang") or DEFAULT_LOCALE
    if lang not in LOCALES:
        raise Invalid("lang", field="lang")
    return lang


@bp.post("/join")
@join_code_limit
def join():
    """Join a class by its code; a nickname is generated when none is given."""
    data = json_body()
    lang = _lang(data.get("lang"))
    participant, token, klass = participants.join_class(
        _text(data, "code"), _optional_text(data, "nickname"), lang
    )
    landing = participants.landing(participant, lang)
    for assignment in landing["assignments"]:
        assignment["closes_at"] = assignment["closes_at"].isoformat() + "Z"
    body = {"participant_token": token, "nickname": participant.nickname, "class_id": klass.id}
    return jsonify(body | landing), 201


@bp.post("/participants")
def new_participant():
    """Create a solo pupil (counted for a school when one is given)."""
    data = json_body()
    school_id = _optional_int(data, "school_id")
    participant, token = participants.create_participant(
        _optional_text(data, "nickname"),
        _lang(data.get("lang")),
        str(data.get("band", "")),
        school_id=school_id,
    )
    return jsonify({"participant_token": token, "nickname": participant.nickname}), 201


@bp.get("/quizzes")
def list_quizzes():
    """The quizzes of a theme and band, with id, theme, band, title and item count."""
    found = quizzes.catalogue(request.args.get("theme"), request.args.get("band"), _lang())
    return jsonify({"quizzes": found})


@bp.post("/attempts")
@participant_required
def open_attempt():
    """Open an attempt (201), or return the pupil's open one for the same quiz (200)."""
    data = json_body()
    attempt, created = attempts.open_attempt(
        g.participant,
        _text(data, "quiz_id"),
        assignment_id=_optional_int(data, "assignment_id"),
        live_session_id=_optional_int(data, "live_session_id"),
    )
    body = {"attempt_id": attempt.id} | attempts.progress(attempt)
    return jsonify(body), 201 if created else 200


@bp.get("/attempts/<int:attempt_id>/items/<item_id>")
@participant_required
def get_item(attempt_id: int, item_id: str):
    """One item of the attempt, without its key (and its result once answered)."""
    path = request.args.get("path")
    path = story_path(path) if path is not None else None
    return jsonify(attempts.item_view(attempt_id, g.participant, item_id, _lang(), path))


@bp.put("/attempts/<int:attempt_id>/answers/<item_id>")
@participant_required
def put_answer(attempt_id: int, item_id: str):
    """Answer an item; the same request again returns the same body."""
    data = json_body()
    if "response" not in data:
        attempts.own_attempt(attempt_id, g.participant)  # another pupil's attempt: 404 first
        raise Invalid("response", field="response")
    try:
        result = attempts.submit_answer(
            attempt_id,
            g.participant,
            item_id,
            data["response"],
            client_answer_id=_optional_text(data, "client_answer_id"),
            lang=_lang(request.args.get("lang") or g.participant.lang),
        )
    except AlreadyAnswered as error:  # the first answer's body, as the first request got it
        error.details["result"] = {"attempt_id": attempt_id} | error.details["result"]
        raise
    return jsonify({"attempt_id": attempt_id} | result)  # which answer is acknowledged


@bp.post("/attempts/<int:attempt_id>/finish")
@participant_required
def finish(attempt_id: int):
    """Finish the attempt: score, max score and what to remember."""
    return jsonify(attempts.finish_attempt(attempt_id, g.participant))


def _text(data: dict, key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise Invalid(key, field=key)
    return value


def _optional_text(data: dict, key: str) -> str | None:
    value = data.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise Invalid(key, field=key)
    return value


def _optional_int(data: dict, key: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or abs(value) > MAX_INT:
        raise Invalid(key, field=key)
    return value
