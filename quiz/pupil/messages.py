"""What a pupil reads when something goes wrong, in their language."""

from flask_babel import gettext as _

from quiz.errors import Invalid, LobbyLocked, NicknameRejected, NicknameTaken, QuizError


def nickname_error(error: QuizError) -> str:
    """The message for a refused nickname."""
    if isinstance(error, NicknameTaken):
        return _(
            "Someone in your class already uses this nickname. Add a number or choose another."
        )
    if isinstance(error, LobbyLocked):
        return _("The teacher has closed the entry for now. Ask your teacher.")
    if isinstance(error, NicknameRejected):
        reasons = {
            "length": _("A nickname has 2 to 24 characters."),
            "letters": _("A nickname needs letters."),
            "control": _("This nickname has hidden characters. Type it again."),
            "lookalike": _("Do not mix Latin and Cyrillic letters in one word."),
            "insult": _("This nickname may hurt someone. Please choose a kind one."),
        }
        return reasons.get(error.details.get("reason"), _("Please choose a different nickname."))
    return _("Please choose a different nickname.")


def answer_error(error: Invalid) -> str:
    """The message for an answer that cannot be stored as sent."""
    reasons = {
        "choose": _("Choose an answer first."),
        "type": _("Type your answer first."),
        "positions": _("Give every step a different number, from 1 up."),
    }
    return reasons.get(error.details.get("reason"), _("This answer does not fit the question."))


def closed() -> str:
    """The message for an answer after the close time."""
    return _("This quiz is closed: answers are no longer accepted.")
