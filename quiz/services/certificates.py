"""Certificates of participation: what is printed besides the name typed at that moment."""

from quiz import clock
from quiz.errors import NotFound
from quiz.extensions import db
from quiz.models import Challenge
from quiz.services import attempts, directory
from quiz.services.quizzes import theme_title


def certificate(attempt_id: int, participant, lang: str) -> dict:
    """Return the certificate of a finished attempt: challenge, theme, date, school, score.

    The pupil's name is not here: the page prints what was typed and nothing keeps it.
    """
    attempt = attempts.own_attempt(attempt_id, participant)
    if attempt.finished_at is None:
        raise NotFound("certificate")
    challenge = db.session.get(Challenge, attempt.challenge_id) if attempt.challenge_id else None
    return {
        "attempt_id": attempt.id,
        "challenge": challenge.name(lang) if challenge else None,
        "theme": theme_title(attempt.theme, lang),
        "quiz": attempts.quiz_of(attempt.quiz_id).title[lang],
        "date": clock.to_local(attempt.finished_at).date(),  # the day at the pupil's school
        "school": directory.school_name(attempt.school_id, lang),
        "score": attempt.score,
        "max_score": attempt.max_score,
    }


def certificate_pdf(cert: dict, name: str, lang: str) -> bytes:
    """Return the certificate with the typed name as an A4 PDF (the name is not kept)."""
    from flask import render_template
    from weasyprint import HTML

    html = render_template("pupil/certificate_pdf.html", cert=cert, name=name, lang=lang)
    return HTML(string=html).write_pdf()
