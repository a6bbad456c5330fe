"""The live class hour, teacher's side: open a session, the projector view and its controls."""

from flask import current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quiz.errors import Invalid, NicknameRejected, NicknameTaken, QuizError
from quiz.pupil.messages import nickname_error
from quiz.services import assignments, classes, live, live_projector
from quiz.teacher.links import join_url
from quiz.teacher.views import bp
from quiz.web import db_int

ACTIONS = {
    "start": live.start,
    "reveal": live.reveal,
    "next": live.next_item,
    "finish": live.finish,
}


@bp.route("/classes/<int:class_id>/live/new", methods=["GET", "POST"])
def live_new(class_id):
    """Pick a quiz and the options (podium and speed bonus off unless turned on)."""
    klass = classes.get_class(current_user, class_id)
    if request.method == "POST":
        try:
            session = live.open_session(
                current_user, class_id, request.form.get("quiz", ""),
                projector_lang=request.form.get("projector_lang", "both"),
                timer_seconds=request.form.get("timer", type=db_int),
                podium=bool(request.form.get("podium")),
                speed_bonus=bool(request.form.get("speed_bonus")),
            )  # fmt: skip
            return redirect(url_for("teacher.projector", session_id=session.id))
        except Invalid:
            flash(_("Please check the form."), "error")
    quizzes = assignments.quiz_choices(klass, request.args.get("theme"))
    status = 422 if request.method == "POST" else 200
    return render_template("teacher/live_new.html", klass=klass, quizzes=quizzes), status


@bp.get("/live/<int:session_id>")
def projector(session_id):
    """The projector view: join code and lobby, the question, the reveal, the final result."""
    page = live_projector.projector_page(current_user, session_id)
    klass = page["klass"]
    page["join_link"] = join_url(klass.join_code, klass.language)
    return render_template("teacher/projector.html", **page)


@bp.get("/live/<int:session_id>/status")
def live_status(session_id):
    """What projector.js polls: the stamp of the projector view (ETag, 304 when unchanged)."""
    status = live.projector_status(current_user, session_id)
    etag = f'"projector-{session_id}-{status["version"]}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = current_app.response_class(status=304)
    else:
        response = jsonify(status)
    response.headers["ETag"] = etag
    return response


@bp.post("/live/<int:session_id>/<any(start, reveal, next, finish):action>")
def live_action(session_id, action):
    """Move the session on; pupils' devices follow within a second or two."""
    try:
        ACTIONS[action](current_user, session_id)
    except Invalid:
        flash(_("The session has already moved on; here is where it is now."))
    return redirect(url_for("teacher.projector", session_id=session_id))


@bp.post("/live/<int:session_id>/lock")
def live_lock(session_id):
    """Lock or unlock the lobby."""
    live.set_locked(current_user, session_id, request.form.get("locked") == "1")
    return redirect(url_for("teacher.projector", session_id=session_id))


@bp.post("/live/<int:session_id>/pupils/<int:participant_id>")
def live_pupil(session_id, participant_id):
    """Rename a pupil, make their device a team seat, or remove them from the lobby."""
    if request.form.get("remove"):
        live.remove_pupil(current_user, session_id, participant_id)
    else:
        try:
            live.edit_pupil(
                current_user, session_id, participant_id, request.form.get("nickname", ""),
                request.form.get("seats", type=int),
            )  # fmt: skip
        except (Invalid, NicknameRejected, NicknameTaken) as error:
            flash(_pupil_error(error), "error")
    return redirect(url_for("teacher.projector", session_id=session_id))


def _pupil_error(error: QuizError) -> str:
    """Why a rename was refused (nothing was changed), in the teacher's language."""
    if isinstance(error, NicknameTaken):
        return _("Another pupil of the class has this nickname. Nothing was changed.")
    if error.details.get("field") == "seats":
        return _("A team seat counts 1 to 40 pupils.")
    return nickname_error(error)
