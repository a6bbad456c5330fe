"""Certificates of participation: what is printed besides the name typed at that moment."""

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
        "date": attempt.finished_at.date(),
        "school": directory.school_name(attempt.school_id, lang),
        "score": attempt.score,
        "max_score": attempt.max_score,
    }
