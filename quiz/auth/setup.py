"""Flask-Login wiring: the user of a request is the owner of a live server-side session."""

from flask import current_app, session

from quiz.extensions import login
from quiz.services import accounts

SESSION_KEY = "sid"


def init_app(app) -> None:
    """Configure the login manager for staff pages."""
    login.login_view = "auth.login"
    login.session_protection = None  # the server-side session is the protection
    login.user_loader(_load_user)


def _load_user(_user_id: str):
    config = current_app.config
    return accounts.session_user(
        session.get(SESSION_KEY, ""),
        config["STAFF_IDLE_TIMEOUT"],
        config["STAFF_ABSOLUTE_TIMEOUT"],
    )
