"""The pupils' forms, and reading an item's plain HTML form into the kind's response shape."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import DataRequired, Length, Optional

from quiz.errors import Invalid
from quiz.services.nicknames import MAX_LENGTH


class JoinForm(FlaskForm):
    """The class code the teacher shows."""

    code = StringField(_l("Class code"), validators=[DataRequired(), Length(max=20)])


class NicknameForm(FlaskForm):
    """A typed nickname, or the generated suggestion accepted as it is."""

    nickname = StringField(_l("Your nickname"), validators=[Optional(), Length(max=MAX_LENGTH + 8)])
    suggested = HiddenField()


class CertificateForm(FlaskForm):
    """The name printed on the certificate: used for this page only, never stored."""

    name = StringField(_l("Name on the certificate"), validators=[DataRequired(), Length(max=60)])


def story_path(text: str | None) -> list[str]:
    """A branching story's choices so far, as a page carries them (``path=a,b``)."""
    return [p for p in (text or "").split(",") if p]


def read_response(item: dict, form) -> object:
    """Turn the submitted form of a public item into the kind's response (JSON shape)."""
    kind = item["kind"]
    reader = _READERS.get(kind)
    if reader is None:
        raise Invalid("kind", field="response")
    return reader(item, form)


def _one(item, form):
    value = form.get("response")
    if not value:
        raise Invalid("empty", field="response", reason="choose")
    return value


def _many(item, form):
    return form.getlist("response")


def _bool(item, form):
    value = form.get("response")
    if value not in ("true", "false"):
        raise Invalid("empty", field="response", reason="choose")
    return value == "true"


def _text(item, form):
    value = (form.get("response") or "").strip()
    if not value:
        raise Invalid("empty", field="response", reason="type")
    return value[:200]


def _ordering(item, form):
    positions = {}
    for option in item["options"]:
        value = form.get(f"pos-{option['id']}", "")
        if not (value.isascii() and value.isdigit()):
            raise Invalid("position", field="response", reason="positions")
        positions[option["id"]] = int(value)
    if sorted(positions.values()) != list(range(1, len(positions) + 1)):
        raise Invalid("position", field="response", reason="positions")
    return sorted(positions, key=positions.get)


def _pairs(prefix: str, keys: str):
    def read(item, form):
        chosen = {e["id"]: form.get(f"{prefix}-{e['id']}") for e in item[keys]}
        return {key: value for key, value in chosen.items() if value}

    return read


def _password(item, form):
    value = form.get("strong")
    if value not in ("true", "false"):
        raise Invalid("empty", field="response", reason="choose")
    return {"strong": value == "true"}


_READERS = {
    "single": _one,
    "poll": _one,
    "multiple": _many,
    "red_flags": _many,
    "true_false": _bool,
    "short_text": _text,
    "ordering": _ordering,
    "matching": _pairs("match", "lefts"),
    "categorise": _pairs("group", "cards"),
    "info": lambda item, form: None,
    "password_lab": _password,
}
