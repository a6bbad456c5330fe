"""The pupil's live page: lobby, the item on screen, answer received, reveal, the end."""

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from quiz.errors import AlreadyAnswered, AttemptClosed, Invalid, LobbyLocked
from quiz.i18n import lang_prefix
from quiz.pupil import messages
from quiz.pupil.forms import read_response, story_path
from quiz.services import live_pupils, participants

bp = Blueprint("live", __name__, url_prefix=lang_prefix() + "/live")


def _token() -> str:
    return request.cookies.get(current_app.config["PARTICIPANT_COOKIE"], "")


def _join_url() -> str:
    """The pupils' join page (they type the code the teacher shows)."""
    if "pupil.join" in current_app.view_functions:
        return url_for("pupil.join")
    return f"/{g.lang}/join"


def _no_pupil():
    """A removed pupil gets a kind word; a device without a pupil goes to join the class."""
    if live_pupils.was_removed(_token()):
        return render_template("live/removed.html"), 403
    return redirect(_join_url())


@bp.get("/<int:session_id>")
def pupil(session_id):
    """Follow the teacher: the page the pupil's device shows now."""
    participant = participants.participant_for_token(_token())
    if participant is None:
        return _no_pupil()
    try:
        page = live_pupils.screen(
            session_id, participant, g.lang, story_path(request.args.get("path"))
        )
    except LobbyLocked:
        return render_template("live/locked.html"), 403
    return render_template("live/pupil.html", page=page)


@bp.post("/<int:session_id>/answer")
def answer(session_id):
    """Store the pupil's answer to the item on screen (a double tap stores one)."""
    participant = participants.participant_for_token(_token())
    if participant is None:
        return _no_pupil()
    here = url_for("live.pupil", session_id=session_id)
    item_id = request.form.get("item_id", "")
    try:
        if "path" in request.form:  # a step of a branching story
            step = live_pupils.advance(
                session_id, participant, item_id, story_path(request.form.get("path")),
                request.form.get("response", ""), g.lang,
            )  # fmt: skip
            if not step["done"]:
                return redirect(here + "?path=" + ",".join(step["path"]))
        else:
            live_pupils.answer(
                session_id, participant, item_id,
                lambda item: read_response(item, request.form), g.lang,
            )  # fmt: skip
    except Invalid as error:
        flash(messages.answer_error(error), "error")
    except AlreadyAnswered:
        flash(_("You have already answered this question: here is your first answer."), "error")
    except AttemptClosed:
        flash(_("Too late for this question: the teacher has moved on."), "error")
    return redirect(here)
