"""Organizers' forms: challenges, registry upload, renaming and merging schools."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Regexp
from wtforms.widgets import CheckboxInput, ListWidget


class ChallengeForm(FlaskForm):
    """A challenge: names, dates, hashtags, tagged accounts, themes, whether it is current."""

    name_kk = StringField(_l("Name in Kazakh"), validators=[DataRequired(), Length(max=300)])
    name_ru = StringField(_l("Name in Russian"), validators=[DataRequired(), Length(max=300)])
    slug = StringField(
        _l("Short name for addresses"),
        validators=[DataRequired(), Length(max=60), Regexp(r"^[a-z0-9-]+$")],
    )
    starts_on = DateField(_l("Starts on"), validators=[DataRequired()])
    ends_on = DateField(_l("Ends on"), validators=[DataRequired()])
    report_deadline = DateField(_l("Report deadline"), validators=[DataRequired()])
    hashtags = TextAreaField(_l("Hashtags, one per line"), validators=[Length(max=1000)])
    tagged_accounts = TextAreaField(
        _l("Accounts to tag, one per line"), validators=[Length(max=1000)]
    )
    themes = SelectMultipleField(
        _l("Themes"), widget=ListWidget(prefix_label=False), option_widget=CheckboxInput()
    )
    make_current = BooleanField(_l("Make this the current challenge"))

    def fields_dict(self) -> dict:
        """Return the values to store on the challenge."""
        lines = lambda text: [line.strip() for line in (text or "").splitlines() if line.strip()]  # noqa: E731
        return {
            "name_kk": self.name_kk.data.strip(),
            "name_ru": self.name_ru.data.strip(),
            "slug": self.slug.data.strip(),
            "starts_on": self.starts_on.data,
            "ends_on": self.ends_on.data,
            "report_deadline": self.report_deadline.data,
            "hashtags": lines(self.hashtags.data),
            "tagged_accounts": lines(self.tagged_accounts.data),
            "themes": list(self.themes.data or []),
        }


class ImportForm(FlaskForm):
    """A CSV or XLSX file of schools."""

    file = FileField(_l("File (CSV or XLSX)"), validators=[FileRequired()])


class RenameForm(FlaskForm):
    """New names of a school."""

    name_kk = StringField(_l("Name in Kazakh"), validators=[DataRequired(), Length(max=300)])
    name_ru = StringField(_l("Name in Russian"), validators=[DataRequired(), Length(max=300)])


class MergeForm(FlaskForm):
    """The registered school a requested one is the same as."""

    target = SelectField(_l("Same school as"), coerce=int, validate_choice=False)


class ActionForm(FlaskForm):
    """A button with CSRF protection only."""
