"""Teachers' accounts: registration, password reset, the dashboard; the area's guard."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quiz.errors import Invalid
from quiz.extensions import login
from quiz.i18n import lang_prefix
from quiz.services import challenges, classes, live_projector, mail, teachers
from quiz.teacher.forms import ForgotForm, RegisterForm, ResetForm
from quiz.web import db_int

bp = Blueprint("teacher", __name__, url_prefix=lang_prefix() + "/teacher")
PUBLIC = {"teacher.register", "teacher.forgot", "teacher.reset"}


@bp.before_request
def _staff_only():
    """Teachers and coordinators only; anyone else signed in finds nothing here (404)."""
    if request.endpoint in PUBLIC:
        return None
    if not current_user.is_authenticated:
        return login.unauthorized()
    if current_user.role not in classes.STAFF_ROLES:
        abort(404)
    return None


def lang() -> str:
    """Return the language of the page."""
    from flask_babel import get_locale

    return str(get_locale())


@bp.get("/")
def dashboard():
    """The teacher's classes and what to do next."""
    return render_template(
        "teacher/dashboard.html",
        classes=classes.visible_classes(current_user),
        challenge=challenges.current(),
        running=live_projector.running_sessions(current_user),
    )


def _int_arg(name: str) -> int | None:
    return request.args.get(name, type=db_int)


@bp.route("/register", methods=["GET", "POST"])
def register():
    """Sign up: region and district by a GET step, then the school and the account."""
    region_id, district_id = _int_arg("region"), _int_arg("district")
    places = teachers.registry(lang(), region_id, district_id)
    form = RegisterForm()
    form.school.choices = [(0, _("Choose a school"))] + [(s.id, s.name) for s in places["schools"]]
    if form.validate_on_submit():
        try:
            teachers.register_teacher(
                form.email.data, form.password.data, form.locale.data,
                district_id, form.school.data, form.new_school.data,
            )  # fmt: skip
            flash(_("Your account is ready. Please sign in."), "success")
            return redirect(url_for("auth.login", lang=form.locale.data))
        except Invalid as error:
            _register_error(form, error)
    status = 422 if form.is_submitted() else 200
    selected = {"region": region_id, "district": district_id}
    return render_template(
        "teacher/register.html", form=form, places=places, selected=selected
    ), status


def _register_error(form, error: Invalid) -> None:
    field = error.details.get("field")
    messages = {
        "email": (form.email, _("This e-mail cannot be used: it may already have an account.")),
        "password": (form.password, _("The password must have at least 10 characters.")),
        "school": (form.school, _("Choose your school, or write the name of a new one.")),
        "district": (form.school, _("Choose your region and district first.")),
    }
    target, message = messages.get(field, (form.school, _("Please check the form.")))
    target.errors = [*target.errors, message]


@bp.route("/password/forgot", methods=["GET", "POST"])
def forgot():
    """Ask for a reset link; the answer is the same whether the account exists or not."""
    form = ForgotForm()
    if form.validate_on_submit():
        found = teachers.reset_token(current_app.config["SECRET_KEY"], form.email.data)
        if found:
            user, token = found
            link = url_for("teacher.reset", token=token, lang=user.locale, _external=True)
            body = _("To choose a new password, open this link within an hour:") + f"\n{link}\n"
            mail.send_mail(current_app.config, user.email, _("Password reset"), body)
        flash(_("If this e-mail has an account, a link to reset the password is on its way."))
        return redirect(url_for("auth.login"))
    return render_template("teacher/forgot.html", form=form), 422 if form.is_submitted() else 200


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset(token):
    """Choose a new password from the link of the e-mail."""
    form = ResetForm()
    if form.validate_on_submit():
        try:
            teachers.reset_password(current_app.config["SECRET_KEY"], token, form.password.data)
            flash(_("Your password is changed. Please sign in."), "success")
            return redirect(url_for("auth.login"))
        except Invalid:
            flash(
                _("This link has expired or was already used. Please ask for a new one."), "error"
            )
    return render_template("teacher/reset.html", form=form), 422 if form.is_submitted() else 200


from quiz.teacher import class_views, live_views, record_views, result_views  # noqa: E402, F401
