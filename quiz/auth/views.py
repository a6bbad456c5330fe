"""Sign in and sign out for teachers, coordinators and organizers."""

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import login_required, login_user, logout_user

from quiz.auth.forms import LoginForm
from quiz.auth.setup import SESSION_KEY
from quiz.extensions import limiter
from quiz.i18n import lang_prefix
from quiz.services import accounts

bp = Blueprint("auth", __name__, url_prefix=lang_prefix() + "/auth")


def _failed(response) -> bool:
    return response.status_code != 302


def _login_email() -> str:
    return accounts.normalise_email(request.form.get("email", ""))[:254] or "-"


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT"],
    methods=["POST"],
    deduct_when=_failed,
    key_func=get_remote_address,
)
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT"],
    methods=["POST"],
    deduct_when=_failed,
    key_func=_login_email,
)
def login():
    """Show the sign-in form; on success start a fresh server-side session."""
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is not None:
            session.clear()  # a new session id on every sign-in
            session[SESSION_KEY] = accounts.start_session(user)
            login_user(user)
            return redirect(landing_url(user))
        flash(_("The e-mail or the password is wrong."), "error")
    status = 422 if form.is_submitted() else 200
    return render_template("auth/login.html", form=form), status


def landing_url(user) -> str:
    """Where an account lands after signing in: its own dashboard, by role."""
    if user.role in ("teacher", "coordinator"):
        return url_for("teacher.dashboard", lang=user.locale)
    if user.is_organizer and "organizer.dashboard" in current_app.view_functions:
        return url_for("organizer.dashboard", lang=user.locale)
    return url_for("main.home")


@bp.post("/logout")
@login_required
def logout():
    """End the server-side session, so a copied cookie no longer works."""
    accounts.end_session(session.get(SESSION_KEY, ""))
    logout_user()
    session.clear()
    return redirect(url_for("main.home"))
