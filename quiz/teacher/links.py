"""Links pupils open: the class's join link and an assignment's link (pupils' pages)."""

from flask import current_app, request, url_for
from werkzeug.routing import BuildError


def _pupil_url(endpoint: str, fallback: str, **values) -> str:
    if endpoint in current_app.view_functions:
        try:
            return url_for(endpoint, _external=True, **values)
        except BuildError:
            pass
    return request.url_root.rstrip("/") + fallback


def join_url(code: str, lang: str) -> str:
    """Return the link that joins a pupil to a class by its code."""
    return _pupil_url("pupil.join", f"/{lang}/join/{code}", code=code, lang=lang)


def assignment_url(assignment_id: int, code: str, lang: str) -> str:
    """Return the link of an assignment (the pupil joins the class on the way if needed)."""
    fallback = f"/{lang}/join/{code}?assignment={assignment_id}"
    return _pupil_url("pupil.assignment", fallback, assignment_id=assignment_id, lang=lang)
