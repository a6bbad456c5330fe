"""Domain exceptions raised by services; views and the API turn them into responses."""


class QuizError(Exception):
    """Base of the errors a user can cause; `code` is stable, `status` is the HTTP status."""

    code = "error"
    status = 400

    def __init__(self, message: str = "", **details):
        super().__init__(message or self.code)
        self.details = details


class NotFound(QuizError):
    """The thing does not exist, or the caller may not know that it exists."""

    code, status = "not_found", 404


class Invalid(QuizError):
    """The input is malformed or breaks a rule; details name the field."""

    code, status = "invalid", 422


class AttemptClosed(QuizError):
    """The attempt, assignment or session no longer accepts answers."""

    code, status = "closed", 409


class AlreadyAnswered(QuizError):
    """A different response to an item that already has an answer."""

    code, status = "already_answered", 409


class NicknameTaken(QuizError):
    """Someone in the class already uses this nickname."""

    code, status = "nickname_taken", 409


class NicknameRejected(QuizError):
    """The nickname is not allowed (insult, control characters, look-alike letters...)."""

    code, status = "nickname_rejected", 422


class LobbyLocked(QuizError):
    """The teacher locked the live session's lobby."""

    code, status = "lobby_locked", 403


class ReadOnly(QuizError):
    """The challenge's report deadline has passed: records are read-only for teachers."""

    code, status = "read_only", 403


class Forbidden(QuizError):
    """The account may not do this."""

    code, status = "forbidden", 403
