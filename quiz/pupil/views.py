"""The pupils' pages: join by code, nickname, solo play, one item per screen, results."""

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _

from quiz.errors import AlreadyAnswered, AttemptClosed, Invalid, NotFound, QuizError
from quiz.i18n import lang_prefix
from quiz.pupil import messages
from quiz.pupil.forms import (
    CertificateForm,
    JoinForm,
    NicknameForm,
    read_response,
    story_path,
)
from quiz.services import (
    attempts,
    certificates,
    directory,
    participants,
    play,
    quizzes,
)
from quiz.services.nicknames import generate_nickname
from quiz.web import db_int, join_code_limit

bp = Blueprint("pupil", __name__, url_prefix=lang_prefix())


def current_pupil():
    """Return the pupil of this device's cookie, or None."""
    token = request.cookies.get(current_app.config["PARTICIPANT_COOKIE"], "")
    attempt_id = (request.view_args or {}).get("attempt_id")  # loaded with the pupil
    return participants.participant_for_token(token, attempt_id)


def _pupil_or_404():
    pupil = current_pupil()
    if pupil is None:
        raise NotFound("participant")
    return pupil


def _remember(response, token: str):
    """Keep the pupil's random token on this device (HttpOnly, SameSite=Lax, long-lived)."""
    config = current_app.config
    response.set_cookie(
        config["PARTICIPANT_COOKIE"],
        token,
        max_age=config["PARTICIPANT_COOKIE_DAYS"] * 86400,
        httponly=True,
        samesite="Lax",
        secure=config["SESSION_COOKIE_SECURE"],
    )
    return response


@bp.route("/join", methods=["GET", "POST"])
@join_code_limit
def join():
    """Step 1: the class code."""
    form = JoinForm()
    if form.validate_on_submit():
        try:
            klass = participants.class_by_code(form.code.data)
            return redirect(url_for(".nickname", code=klass.join_code))
        except NotFound:
            form.code.errors.append(_("No class has this code. Check it with your teacher."))
    status = 422 if form.is_submitted() else 200
    return render_template("pupil/join.html", form=form), status


@bp.route("/join/<code>", methods=["GET", "POST"])
@join_code_limit
def nickname(code: str):
    """Step 2: a nickname, generated or typed; then the pupil lands in the class."""
    form = NicknameForm()
    if form.validate_on_submit():
        typed = form.nickname.data if "own" in request.form else form.suggested.data
        try:
            pupil, token, _klass = participants.join_class(code, typed or None, g.lang)
            return _remember(redirect(url_for(".landing")), token)
        except NotFound:
            raise
        except QuizError as error:
            form.nickname.errors.append(messages.nickname_error(error))
    klass = participants.class_by_code(code)
    form.suggested.data = generate_nickname(g.lang)
    status = 422 if form.is_submitted() else 200
    return render_template("pupil/nickname.html", form=form, klass=klass), status


@bp.get("/class")
def landing():
    """The class pupil's start: the live session if one runs, else the open assignments."""
    pupil = current_pupil()
    if pupil is None or pupil.class_id is None:
        return redirect(url_for(".join"))
    where = participants.landing(pupil, g.lang)
    live = where["live_session_id"]
    if live and "live.pupil" in current_app.view_functions:
        return redirect(url_for("live.pupil", session_id=live))
    return render_template("pupil/class.html", pupil=pupil, **where)


@bp.get("/play")
def themes():
    """Solo: pick a theme."""
    return render_template("pupil/themes.html", themes=quizzes.themes(g.lang))


@bp.get("/play/<theme>")
def theme(theme: str):
    """Solo: pick a grade band, then a quiz of the theme."""
    band = request.args.get("band")
    title = quizzes.theme_title(theme, g.lang)
    found = quizzes.catalogue(theme, band, g.lang) if band else []
    pupil = current_pupil()
    return render_template(
        "pupil/theme.html", slug=theme, title=title, band=band, quizzes=found, pupil=pupil
    )


@bp.get("/school")
def school():
    """Solo, optional: region, then district, then school, to be counted for one's school."""
    region, district = (
        request.args.get("region", type=db_int),
        request.args.get("district", type=db_int),
    )
    lists = directory.choices(g.lang, region, district)
    return render_template("pupil/school.html", region=region, district=district, **lists)


@bp.post("/school")
def choose_school():
    """Count this device's pupil (a new solo pupil if none) for the chosen school."""
    pupil, token = _pupil_or_new(request.form.get("band", "5-9"))
    target = url_for(".themes")
    try:
        participants.choose_school(pupil, request.form.get("school_id", 0, type=db_int))
        flash(_("Your answers now count for your school."), "success")
    except Invalid:
        flash(_("Choose your school from the list."), "error")
        target = url_for(".school")
    response = redirect(target)
    return _remember(response, token) if token else response


def _pupil_or_new(band: str):
    """The device's pupil, or a new solo pupil with a generated nickname: (pupil, new token)."""
    pupil = current_pupil()
    if pupil is not None:
        return pupil, None
    return participants.create_participant(None, g.lang, band)


@bp.post("/start")
def start():
    """Open (or continue) an attempt at a quiz, solo or for an assignment."""
    quiz = attempts.quiz_of(request.form.get("quiz_id", ""))
    assignment_id = request.form.get("assignment_id", type=db_int)
    pupil, token = _pupil_or_new(quiz.band)
    try:
        attempt, _created = attempts.open_attempt(pupil, quiz.id, assignment_id=assignment_id)
    except AttemptClosed:
        flash(messages.closed(), "error")
        return redirect(url_for(".landing"))
    response = redirect(url_for(".attempt", attempt_id=attempt.id))
    return _remember(response, token) if token else response


@bp.get("/attempt/<int:attempt_id>")
def attempt(attempt_id: int):
    """Continue an attempt at its first unanswered item, or show the results."""
    pupil = _pupil_or_404()
    found = attempts.own_attempt(attempt_id, pupil)
    upcoming = attempts.progress(found)["next_item_id"]
    if upcoming is None or found.finished_at is not None:
        return redirect(url_for(".results", attempt_id=attempt_id))
    return redirect(url_for(".item", attempt_id=attempt_id, item_id=upcoming))


@bp.get("/attempt/<int:attempt_id>/item/<item_id>")
def item(attempt_id: int, item_id: str):
    """One item per screen: its form, or its feedback once answered."""
    pupil = _pupil_or_404()
    path = story_path(request.args.get("path"))
    view = attempts.item_view(attempt_id, pupil, item_id, g.lang, path or None)
    return render_template("pupil/item.html", view=view, path=path)


@bp.post("/attempt/<int:attempt_id>/item/<item_id>")
def answer(attempt_id: int, item_id: str):
    """Store an answer (a double tap stores one), then show the feedback."""
    pupil = _pupil_or_404()
    here = url_for(".item", attempt_id=attempt_id, item_id=item_id)
    item = attempts.public_item(attempt_id, pupil, item_id, g.lang)
    try:
        if item["kind"] == "scenario":
            path = story_path(request.form.get("path"))
            step = play.advance_scenario(
                attempt_id, pupil, item_id, path, request.form.get("response", ""), g.lang
            )
            if not step["done"]:
                return redirect(here + "?path=" + ",".join(step["path"]))
        else:
            response = read_response(item, request.form)
            attempts.submit_answer(attempt_id, pupil, item_id, response, lang=g.lang)
    except Invalid as error:
        flash(messages.answer_error(error), "error")
    except AlreadyAnswered:
        flash(_("You have already answered this question: here is your first answer."), "error")
    except AttemptClosed:
        flash(messages.closed(), "error")
        return redirect(url_for(".results", attempt_id=attempt_id))
    return redirect(here)


@bp.post("/attempt/<int:attempt_id>/finish")
def finish(attempt_id: int):
    """Finish the attempt and show the results."""
    attempts.finish_attempt(attempt_id, _pupil_or_404())
    return redirect(url_for(".results", attempt_id=attempt_id))


@bp.get("/attempt/<int:attempt_id>/results")
def results(attempt_id: int):
    """Score out of the maximum, what to remember, the help lines."""
    pupil = _pupil_or_404()
    found = attempts.own_attempt(attempt_id, pupil)
    summary = attempts.summary(found, g.lang)
    return render_template("pupil/results.html", summary=summary, form=CertificateForm())


@bp.route("/attempt/<int:attempt_id>/certificate", methods=["GET", "POST"])
def certificate(attempt_id: int):
    """The printable certificate: the typed name is printed on this page and never stored."""
    data = certificates.certificate(attempt_id, _pupil_or_404(), g.lang)
    form = CertificateForm()
    name = form.name.data.strip() if form.validate_on_submit() else None
    if name and request.form.get("format") == "pdf":
        response = make_response(certificates.certificate_pdf(data, name, g.lang))
        response.headers["Content-Type"] = "application/pdf"
        response.headers["Content-Disposition"] = "attachment; filename=certificate.pdf"
        response.headers["Cache-Control"] = "no-store"
        return response
    response = make_response(
        render_template("pupil/certificate.html", cert=data, form=form, name=name)
    )
    response.headers["Cache-Control"] = "no-store"
    return response
