"""Forms of the teachers' pages; labels are translated lazily."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DateTimeLocalField,
    EmailField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, NumberRange, Optional

from quiz.services.accounts import MIN_PASSWORD

LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский")]


def _password(label):
    return PasswordField(label, validators=[DataRequired(), Length(min=MIN_PASSWORD, max=200)])


class RegisterForm(FlaskForm):
    """A teacher's account: e-mail, password, school (or a new one), interface language."""

    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    password = _password(_l("Password (at least 10 characters)"))
    confirm = PasswordField(_l("Password again"), validators=[DataRequired(), EqualTo("password")])
    school = SelectField(_l("School"), coerce=int, validate_choice=False, validators=[Optional()])
    new_school = StringField(
        _l("My school is not in the list: its full name"), validators=[Length(max=300)]
    )
    locale = SelectField(_l("Interface language"), choices=LANGUAGES)


class ForgotForm(FlaskForm):
    """The e-mail of the account whose password was forgotten."""

    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])


class ResetForm(FlaskForm):
    """A new password, twice."""

    password = _password(_l("New password (at least 10 characters)"))
    confirm = PasswordField(
        _l("New password again"), validators=[DataRequired(), EqualTo("password")]
    )


class ClassForm(FlaskForm):
    """Grade, letter and teaching language of a class."""

    grade = SelectField(_l("Grade"), coerce=int, choices=[(g, str(g)) for g in range(1, 12)])
    letter = StringField(_l("Letter"), validators=[DataRequired(), Length(max=10)])
    language = SelectField(_l("Teaching language"), choices=LANGUAGES)


# what browsers send for <input type="datetime-local"> first, so a form shows it that way too
LOCAL_TIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


class AssignmentTimesForm(FlaskForm):
    """When an assignment opens and closes, as the school's clock shows (quiz/clock.py)."""

    opens_at = DateTimeLocalField(
        _l("Opens"), format=LOCAL_TIME_FORMATS, validators=[DataRequired()]
    )
    closes_at = DateTimeLocalField(
        _l("Closes"), format=LOCAL_TIME_FORMATS, validators=[DataRequired()]
    )


class AssignmentForm(AssignmentTimesForm):
    """A quiz of the class's band and the times it is open."""

    quiz = SelectField(_l("Quiz"), validators=[DataRequired()])


class ActivityForm(FlaskForm):
    """An offline activity of the challenge."""

    kind = SelectField(_l("Kind of activity"), validators=[DataRequired()])
    held_on = DateField(_l("Date"), validators=[DataRequired()])
    class_id = SelectField(_l("Class"), coerce=int, validators=[Optional()])
    themes = SelectMultipleField(_l("Themes"), validators=[Optional()])
    participants = IntegerField(
        _l("Number of participants"), validators=[DataRequired(), NumberRange(min=1, max=5000)]
    )
    description = TextAreaField(_l("Short description"), validators=[Length(max=2000)])


class LinkForm(FlaskForm):
    """A link to a post about the challenge."""

    network = SelectField(_l("Social network"), validators=[DataRequired()])
    url = URLField(_l("Link to the post"), validators=[DataRequired(), Length(max=500)])
    class_id = SelectField(_l("Class"), coerce=int, validators=[Optional()])


class PaperForm(FlaskForm):
    """How many pupils took part on paper, and when (the counts are read separately)."""

    pupils = IntegerField(
        _l("Number of pupils"), validators=[DataRequired(), NumberRange(min=1, max=60)]
    )
    held_on = DateField(_l("Date"), validators=[DataRequired()])
