"""Offline activities and social-media links of the current challenge."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quiz import clock
from quiz.errors import Invalid
from quiz.services import challenges, classes, records
from quiz.services.content import bank
from quiz.teacher.forms import ActivityForm, LinkForm
from quiz.teacher.views import bp, lang
from quiz.teacher.words import activity_kind_names, network_names


def _forms(activity_form=None, link_form=None):
    options = [(0, _("The whole school"))] + [
        (k.id, k.label) for k in classes.visible_classes(current_user)
    ]
    activity_form = activity_form or ActivityForm()
    activity_form.kind.choices = list(activity_kind_names().items())
    activity_form.class_id.choices = options
    activity_form.themes.choices = [(t.slug, t.title[lang()]) for t in bank().themes]
    link_form = link_form or LinkForm(prefix="link")
    link_form.network.choices = list(network_names().items())
    link_form.class_id.choices = options
    return activity_form, link_form


def _page(activity_form=None, link_form=None, status=200):
    challenge = challenges.current()
    activity_form, link_form = _forms(activity_form, link_form)
    return render_template(
        "teacher/records.html",
        challenge=challenge,
        editable=records.editable(challenge, clock.local_today()),
        kinds=activity_kind_names(),
        networks=network_names(),
        activity_form=activity_form,
        link_form=link_form,
        **records.list_records(current_user, challenge),
    ), status


@bp.get("/records")
def records_page():
    """The class's and school's offline activities and links, with forms to add more."""
    return _page()


@bp.route("/records/activities/new", methods=["POST"])
def activity_new():
    """Record an offline activity."""
    form, _link = _forms()
    if form.validate_on_submit():
        try:
            records.save_activity(
                current_user, challenges.current(), _activity_data(form), clock.local_today()
            )
            flash(_("The activity is saved."), "success")
            return redirect(url_for("teacher.records_page"))
        except Invalid as error:
            _activity_error(form, error)
    return _page(activity_form=form, status=422)


@bp.route("/records/activities/<int:activity_id>", methods=["GET", "POST"])
def activity_edit(activity_id):
    """Change an activity while the challenge is open for edits."""
    row = records.get_activity(current_user, activity_id)
    form, _link = _forms(ActivityForm(obj=row))
    if form.validate_on_submit():
        try:
            data = _activity_data(form)
            today = clock.local_today()
            records.save_activity(current_user, challenges.current(), data, today, activity_id)
            flash(_("Saved."), "success")
            return redirect(url_for("teacher.records_page"))
        except Invalid as error:
            _activity_error(form, error)
    editable = records.record_editable(row, clock.local_today())
    status = 422 if form.is_submitted() else 200
    return render_template("teacher/activity.html", form=form, row=row, editable=editable), status


@bp.post("/records/activities/<int:activity_id>/delete")
def activity_delete(activity_id):
    """Delete an activity while the challenge is open for edits."""
    records.delete_activity(current_user, activity_id, clock.local_today())
    flash(_("The activity is deleted."), "success")
    return redirect(url_for("teacher.records_page"))


def _activity_data(form) -> dict:
    return {
        "kind": form.kind.data,
        "held_on": form.held_on.data,
        "participants": form.participants.data,
        "themes": form.themes.data,
        "class_id": form.class_id.data,
        "description": form.description.data,
    }


def _activity_error(form, error: Invalid) -> None:
    if error.details.get("field") == "held_on":
        form.held_on.errors = [_("The date must fall within the challenge period.")]
    else:
        form.kind.errors = [_("Please check the form.")]


@bp.post("/records/links")
def link_new():
    """Record a link to a post; the same post is refused a second time."""
    _act, form = _forms()
    if form.validate_on_submit():
        try:
            records.add_link(
                current_user, challenges.current(), form.url.data, form.network.data,
                clock.local_today(), form.class_id.data,
            )  # fmt: skip
            flash(_("The link is saved."), "success")
            return redirect(url_for("teacher.records_page"))
        except Invalid as error:
            form.url.errors = [_link_message(error)]
    return _page(link_form=form, status=422)


def _link_message(error: Invalid) -> str:
    if error.details.get("duplicate"):
        return _("This post is already recorded for this challenge.")
    found = error.details.get("found")
    if found:
        name = network_names().get(found, found)
        return _("This link is not from the network you chose: it looks like %(name)s.", name=name)
    return _("This is not a link to a post: it must start with https:// or http://")


@bp.route("/records/links/<int:link_id>", methods=["GET", "POST"])
def link_edit(link_id):
    """Change a link while its challenge is open for edits (read-only after the deadline)."""
    row = records.get_link(current_user, link_id)
    _act, form = _forms(link_form=LinkForm(obj=row, prefix="link"))
    if form.validate_on_submit():
        try:
            records.update_link(
                current_user, link_id, form.url.data, form.network.data,
                clock.local_today(), form.class_id.data,
            )  # fmt: skip
            flash(_("Saved."), "success")
            return redirect(url_for("teacher.records_page"))
        except Invalid as error:
            form.url.errors = [_link_message(error)]
    editable = records.record_editable(row, clock.local_today())
    page = {"form": form, "row": row, "editable": editable, "networks": network_names()}
    return render_template("teacher/link.html", **page), 422 if form.is_submitted() else 200


@bp.post("/records/links/<int:link_id>/delete")
def link_delete(link_id):
    """Delete a link while the challenge is open for edits."""
    records.delete_link(current_user, link_id, clock.local_today())
    flash(_("The link is deleted."), "success")
    return redirect(url_for("teacher.records_page"))
