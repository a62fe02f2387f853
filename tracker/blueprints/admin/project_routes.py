"""Admin views for projects and, on a project's page, its memberships."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from tracker.blueprints.admin import bp
from tracker.blueprints.admin.forms import (LABELS, MemberAddForm, MemberChangeForm, ProjectForm,
                                            organisation_choices)
from tracker.blueprints.forms_glue import INVALID, status_for, submit
from tracker.services.admin import memberships, organisations, projects
from tracker.services.admin.projects import ProjectInput

CHOOSE = _l("— choose —")


def _project_form(**kwargs) -> ProjectForm:
    """A project form with the organisations to choose from."""
    form = ProjectForm(**kwargs)
    choices = organisation_choices(organisations.all_organisations(), CHOOSE)
    form.client_org_id.choices = choices
    form.contractor_org_id.choices = choices
    return form


def _input(form: ProjectForm) -> ProjectInput:
    """The form's values as service input."""
    return ProjectInput(code=form.code.data, name=form.name.data, description=form.description.data,
                        client_org_id=form.client_org_id.data,
                        contractor_org_id=form.contractor_org_id.data,
                        contract_form=form.contract_form.data, phase=form.phase.data,
                        start_date=form.start_date.data, is_active=form.is_active.data)


def _row_form(membership) -> MemberChangeForm:
    """The side/role form of one membership row (field names prefixed by its id)."""
    return MemberChangeForm(prefix=f"m{membership.id}", obj=membership, formdata=None)


def _project_page(project, form=None, add_form=None, row_forms=None, status=200):
    """Render a project's admin page: its settings and its members."""
    members = projects.member_list(project)
    row_forms = row_forms or {}
    return render_template(
        "admin/project_edit.html", project=project, form=form or _project_form(obj=project, formdata=None),
        add_form=add_form or MemberAddForm(formdata=None), members=members,
        row_forms={m.id: row_forms.get(m.id) or _row_form(m) for m in members},
        candidates=memberships.candidates(project)), status


@bp.get("/projects")
def projects_list():
    """Every project."""
    return render_template("admin/projects.html", projects=projects.all_projects())


@bp.route("/projects/new", methods=["GET", "POST"])
def project_new():
    """Create a project."""
    form = _project_form()
    ok, project = submit(form, lambda: projects.create_project(_input(form), actor=current_user))
    if ok:
        flash(_("Project %(code)s created. Now add its members.", code=project.code), "success")
        return redirect(url_for("admin.project_edit", code=project.code))
    return render_template("admin/project_new.html", form=form,
                           has_organisations=len(form.client_org_id.choices) > 2), status_for(form)


@bp.route("/projects/<code>", methods=["GET", "POST"])
def project_edit(code: str):
    """Edit a project's settings (members are managed on the same page)."""
    project = projects.get_project(code)
    form = _project_form(obj=project)
    ok, _project = submit(form, lambda: projects.update_project(project, _input(form), actor=current_user))
    if ok:
        flash(_("Project %(code)s saved.", code=project.code), "success")
        return redirect(url_for("admin.project_edit", code=project.code))
    return _project_page(project, form=form, status=status_for(form))


def _warn_if_crossed(membership) -> None:
    """Flash a warning when someone sits on the side opposite to their own organisation."""
    if memberships.crossed_seat(membership):
        flash(_("%(name)s works for %(org)s, the other party, but now sits on the %(side)s side. "
                "Check that this is meant: their events and scores will count as that side's view.",
                name=membership.user.name, org=membership.user.organisation.name,
                side=LABELS["side"][membership.side.value].lower()), "warning")


@bp.post("/projects/<code>/members")
def member_add(code: str):
    """Add a member by e-mail address."""
    project = projects.get_project(code)
    add_form = MemberAddForm()
    ok, membership = submit(add_form, lambda: memberships.add_member(
        project, add_form.email.data, add_form.side.data, add_form.role.data, actor=current_user))
    if ok:
        flash(_("%(name)s added to %(code)s.", name=membership.user.name, code=project.code), "success")
        _warn_if_crossed(membership)
        return redirect(url_for("admin.project_edit", code=project.code, _anchor="members"))
    return _project_page(project, add_form=add_form, status=INVALID)


@bp.post("/projects/<code>/members/<int:membership_id>")
def member_change(code: str, membership_id: int):
    """Change a member's side or role."""
    project = projects.get_project(code)
    membership = memberships.get_membership(project, membership_id)
    row_form = MemberChangeForm(prefix=f"m{membership.id}")
    ok, _m = submit(row_form, lambda: memberships.change_membership(
        membership, row_form.side.data, row_form.role.data, actor=current_user))
    if ok:
        flash(_("%(name)s is now %(side)s · %(role)s.", name=membership.user.name,
                side=LABELS["side"][membership.side.value], role=LABELS["role"][membership.role.value]),
              "success")
        _warn_if_crossed(membership)
        return redirect(url_for("admin.project_edit", code=project.code, _anchor="members"))
    return _project_page(project, row_forms={membership.id: row_form}, status=INVALID)


@bp.post("/projects/<code>/members/<int:membership_id>/remove")
def member_remove(code: str, membership_id: int):
    """Remove a member after the confirmation on the project page."""
    project = projects.get_project(code)
    membership = memberships.get_membership(project, membership_id)
    name = membership.user.name
    memberships.remove_membership(membership, actor=current_user)
    flash(_("%(name)s removed from %(code)s. Events they logged stay.", name=name, code=project.code),
          "success")
    return redirect(url_for("admin.project_edit", code=project.code, _anchor="members"))
