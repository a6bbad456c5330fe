"""Public pages: language choice, the home page, the privacy notice, /healthz."""

from flask import Blueprint, abort, jsonify, redirect, render_template, url_for

from quiz.db import database_answers
from quiz.i18n import lang_prefix, preferred_locale
from quiz.services import challenges
from quiz.services.content import bank

bp = Blueprint("main", __name__)


@bp.get("/")
def root():
    """Send a newcomer to the language their browser prefers (Kazakh when neither)."""
    return redirect(url_for("main.home", lang=preferred_locale()))


@bp.get(lang_prefix() + "/")
def home():
    """The challenge, its eight themes and the ways in for pupils, teachers and organizers."""
    return render_template("main/home.html", themes=bank().themes, challenge=challenges.current())


@bp.get(lang_prefix() + "/themes/<slug>/kit")
def kit(slug):
    """A theme's class-hour kit for teachers: plans, questions, activity, post prompts."""
    try:
        theme = bank().theme(slug)
    except KeyError:
        abort(404)
    if theme.kit is None:
        abort(404)
    quizzes = {band: bank().quiz(quiz_id) for band, quiz_id in theme.kit.live_quizzes.items()}
    challenge = challenges.current()
    return render_template(
        "main/kit.html", theme=theme, kit=theme.kit, quizzes=quizzes, challenge=challenge
    )


@bp.get(lang_prefix() + "/privacy")
def privacy():
    """What the platform keeps about a pupil, in plain words."""
    return render_template("main/privacy.html")


@bp.get("/healthz")
def healthz():
    """200 when the database answers, 503 when it does not."""
    if database_answers():
        return jsonify({"status": "ok"})
    return jsonify({"status": "unavailable"}), 503
