"""Error messages in both languages at once, for JSON clients that choose the language."""

from flask_babel import force_locale, gettext

from quiz.i18n import LOCALES

_MESSAGES = {
    "not_found": lambda: gettext("Nothing was found at this address."),
    "too_large": lambda: gettext("The request is too large."),
    "method_not_allowed": lambda: gettext("This action is not allowed here."),
    "invalid": lambda: gettext("Some fields are not filled in correctly."),
    "closed": lambda: gettext("This quiz no longer accepts answers."),
    "already_answered": lambda: gettext("This question already has a different answer."),
    "nickname_taken": lambda: gettext("Someone in the class already uses this nickname."),
    "nickname_rejected": lambda: gettext("Please choose a different nickname."),
    "lobby_locked": lambda: gettext("The teacher has closed the entry to this session."),
    "read_only": lambda: gettext("The report deadline has passed: records can only be viewed."),
    "forbidden": lambda: gettext("You do not have access to this."),
    "unauthorized": lambda: gettext("Please sign in or join again."),
    "unavailable": lambda: gettext("The service is busy for a moment. Please try again."),
    "rate_limited": lambda: gettext("Too many attempts. Please wait a minute and try again."),
    "error": lambda: gettext("Something went wrong. Please try again."),
}


def error_message(code: str, status: int = 400) -> dict:
    """Return {"kk": ..., "ru": ...} for an error code."""
    make = _MESSAGES.get(code, _MESSAGES["error"])
    result = {}
    for lang in LOCALES:
        with force_locale(lang):
            result[lang] = make()
    return result
