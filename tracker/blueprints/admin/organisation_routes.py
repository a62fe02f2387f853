"""Admin views for organisations: list, create, rename."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from tracker.blueprints.admin import bp
from tracker.blueprints.admin.forms import OrganisationForm
from tracker.blueprints.forms_glue import status_for, submit
from tracker.services.admin import organisations


@bp.get("/organisations")
def organisations_list():
    """Every organisation with its user and project counts."""
    return render_template("admin/organisations.html", rows=organisations.organisation_rows())


@bp.route("/organisations/new", methods=["GET", "POST"])
def organisation_new():
    """Create an organisation."""
    form = OrganisationForm()
    ok, org = submit(form, lambda: organisations.create_organisation(form.name.data))
    if ok:
        flash(_("Organisation “%(name)s” created.", name=org.name), "success")
        return redirect(url_for("admin.organisations_list"))
    return render_template("admin/organisation_form.html", form=form, organisation=None), status_for(form)


@bp.route("/organisations/<int:org_id>", methods=["GET", "POST"])
def organisation_edit(org_id: int):
    """Rename an organisation; shows its people and projects."""
    organisation = organisations.get_organisation(org_id)
    form = OrganisationForm(obj=organisation)
    ok, _org = submit(form, lambda: organisations.rename_organisation(organisation, form.name.data))
    if ok:
        flash(_("Organisation “%(name)s” saved.", name=organisation.name), "success")
        return redirect(url_for("admin.organisation_edit", org_id=org_id))
    users, projects = organisations.members_of(organisation)
    return render_template("admin/organisation_form.html", form=form, organisation=organisation,
                           users=users, projects=projects), status_for(form)
