"""Classes and assignments: list, create, edit, delete, join codes, QR codes, join cards."""

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quiz.errors import Invalid
from quiz.services import assignments, classes, live_projector, paper
from quiz.services.content import bank, quiz_or_none
from quiz.teacher.forms import AssignmentForm, AssignmentTimesForm, ClassForm
from quiz.teacher.links import assignment_url, join_url
from quiz.teacher.views import bp, lang

SVG = "image/svg+xml"


@bp.route("/classes/new", methods=["GET", "POST"])
def class_new():
    """Create a class."""
    form = ClassForm()
    if form.validate_on_submit():
        try:
            klass = classes.create_class(
                current_user, form.grade.data, form.letter.data, form.language.data
            )
            flash(_("The class is created. Share its join code with the pupils."), "success")
            return redirect(url_for("teacher.class_page", class_id=klass.id))
        except Invalid:
            form.letter.errors = [_("Write the letter of the class, e.g. А or Ә.")]
    status = 422 if form.is_submitted() else 200
    return render_template("teacher/class_form.html", form=form, klass=None), status


@bp.get("/classes/<int:class_id>")
def class_page(class_id):
    """A class: join code, QR, assignments, paper sessions, live sessions, results."""
    klass = classes.get_class(current_user, class_id)
    return render_template(
        "teacher/class.html",
        klass=klass,
        join_link=join_url(klass.join_code, klass.language),
        assignments=assignments.class_assignments(klass),
        paper_sessions=paper.class_paper_sessions(klass.id),
        running=live_projector.running_sessions(current_user, klass.id),
    )


@bp.route("/classes/<int:class_id>/edit", methods=["GET", "POST"])
def class_edit(class_id):
    """Change a class's grade, letter or teaching language."""
    klass = classes.get_class(current_user, class_id)
    form = ClassForm(obj=klass)
    if form.validate_on_submit():
        try:
            classes.update_class(
                current_user, class_id, form.grade.data, form.letter.data, form.language.data
            )
            flash(_("Saved."), "success")
            return redirect(url_for("teacher.class_page", class_id=class_id))
        except Invalid:
            form.letter.errors = [_("Write the letter of the class, e.g. А or Ә.")]
    status = 422 if form.is_submitted() else 200
    return render_template("teacher/class_form.html", form=form, klass=klass), status


@bp.post("/classes/<int:class_id>/delete")
def class_delete(class_id):
    """Delete a class with its results."""
    classes.delete_class(current_user, class_id)
    flash(_("The class is deleted."), "success")
    return redirect(url_for("teacher.dashboard"))


@bp.post("/classes/<int:class_id>/code")
def class_new_code(class_id):
    """Give the class a new join code (the old one stops working)."""
    classes.regenerate_code(current_user, class_id)
    flash(_("The class has a new join code. The old code no longer works."), "success")
    return redirect(url_for("teacher.class_page", class_id=class_id))


@bp.get("/classes/<int:class_id>/qr.svg")
def class_qr(class_id):
    """The QR code of the class's join link."""
    klass = classes.get_class(current_user, class_id)
    return Response(classes.qr_svg(join_url(klass.join_code, klass.language)), mimetype=SVG)


@bp.get("/classes/<int:class_id>/card")
def class_card(class_id):
    """A printable join card: code, QR code and link, in the class's language."""
    klass = classes.get_class(current_user, class_id)
    link = join_url(klass.join_code, klass.language)
    return render_template("teacher/join_card.html", klass=klass, join_link=link)


@bp.route("/classes/<int:class_id>/assignments/new", methods=["GET", "POST"])
def assignment_new(class_id):
    """Set a quiz for the class: theme filter (GET), then quiz and times."""
    klass = classes.get_class(current_user, class_id)
    theme = request.args.get("theme") or None
    form = AssignmentForm()
    form.quiz.choices = [(q.id, q.title[lang()]) for q in assignments.quiz_choices(klass, theme)]
    if form.validate_on_submit():
        try:
            made = assignments.create_assignment(
                current_user, class_id, form.quiz.data, form.opens_at.data, form.closes_at.data
            )
            return redirect(url_for("teacher.assignment_page", assignment_id=made.id))
        except Invalid as error:
            field = form.quiz if error.details.get("field") == "quiz" else form.closes_at
            field.errors = [_("The quiz must suit the class; it must close after it opens.")]
    status = 422 if form.is_submitted() else 200
    page = {"klass": klass, "form": form, "themes": bank().themes, "theme": theme}
    return render_template("teacher/assignment_form.html", **page), status


@bp.get("/assignments/<int:assignment_id>")
def assignment_page(assignment_id):
    """An assignment: its link, code and QR, and who has finished."""
    data = assignments.progress(current_user, assignment_id)
    klass = data["assignment"].klass
    link = assignment_url(assignment_id, klass.join_code, klass.language)
    return render_template("teacher/assignment.html", klass=klass, link=link, **data)


@bp.route("/assignments/<int:assignment_id>/edit", methods=["GET", "POST"])
def assignment_edit(assignment_id):
    """Change when an assignment opens and closes (shown and typed as the school's clock)."""
    found = assignments.get_assignment(current_user, assignment_id)
    form = AssignmentTimesForm(data=assignments.local_times(found))
    if form.validate_on_submit():
        try:
            assignments.change_times(
                current_user, assignment_id, form.opens_at.data, form.closes_at.data
            )
            flash(_("Saved."), "success")
            return redirect(url_for("teacher.assignment_page", assignment_id=assignment_id))
        except Invalid:
            form.closes_at.errors = [_("The assignment must close after it opens.")]
    page = {"klass": found.klass, "assignment": found, "form": form}
    page["quiz"] = quiz_or_none(found.quiz_id)
    status = 422 if form.is_submitted() else 200
    return render_template("teacher/assignment_edit.html", **page), status


@bp.get("/assignments/<int:assignment_id>/qr.svg")
def assignment_qr(assignment_id):
    """The QR code of an assignment's link."""
    klass = assignments.get_assignment(current_user, assignment_id).klass
    link = assignment_url(assignment_id, klass.join_code, klass.language)
    return Response(classes.qr_svg(link), mimetype=SVG)


@bp.post("/assignments/<int:assignment_id>/delete")
def assignment_delete(assignment_id):
    """Delete an assignment and its attempts."""
    class_id = assignments.delete_assignment(current_user, assignment_id)
    flash(_("The assignment is deleted."), "success")
    return redirect(url_for("teacher.class_page", class_id=class_id))
