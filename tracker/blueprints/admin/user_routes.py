"""Admin views for users: list, create, edit (flags included), set a password."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user

from tracker.blueprints.admin import bp
from tracker.blueprints.admin.forms import (PasswordSetForm, UserCreateForm, UserEditForm,
                                            organisation_choices)
from tracker.blueprints.forms_glue import status_for, submit
from tracker.services.admin import organisations
from tracker.services.admin import users as admin

NO_ORGANISATION = _l("— none —")


def _with_organisations(form):
    """Fill the organisation select."""
    form.organisation_id.choices = organisation_choices(organisations.all_organisations(),
                                                        NO_ORGANISATION)
    return form


def _edit_page(user, form, password_form, status: int):
    """Render a user's admin page: details form, password form, projects."""
    return render_template("admin/user_edit.html", user=user, form=form, password_form=password_form,
                           user_memberships=admin.memberships_of(user)), status


@bp.get("/users")
def users_list():
    """Every account."""
    return render_template("admin/users.html", users=admin.all_users())


@bp.route("/users/new", methods=["GET", "POST"])
def user_new():
    """Create an account."""
    form = _with_organisations(UserCreateForm())
    ok, user = submit(form, lambda: admin.create_account(
        form.email.data, form.name.data, form.password.data, is_admin=form.is_admin.data,
        organisation_id=form.organisation_id.data, acting=current_user))
    if ok:
        flash(_("Account for %(email)s created.", email=user.email), "success")
        return redirect(url_for("admin.user_edit", user_id=user.id))
    return render_template("admin/user_new.html", form=form), status_for(form)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def user_edit(user_id: int):
    """Edit an account's details, admin rights and whether it can log in."""
    user = admin.get_user(user_id)
    form = _with_organisations(UserEditForm(obj=user))
    ok, _user = submit(form, lambda: admin.update_account(
        user, email=form.email.data, name=form.name.data, organisation_id=form.organisation_id.data,
        is_admin=form.is_admin.data, is_enabled=form.is_enabled.data, acting=current_user))
    if ok:
        flash(_("Account of %(email)s saved.", email=user.email), "success")
        return redirect(url_for("admin.user_edit", user_id=user_id))
    return _edit_page(user, form, PasswordSetForm(formdata=None), status_for(form))


@bp.post("/users/<int:user_id>/password")
def user_password(user_id: int):
    """Set a user's password; their sessions end (this browser stays in if it is one's own)."""
    user = admin.get_user(user_id)
    password_form = PasswordSetForm()
    ok, _none = submit(password_form, lambda: admin.set_account_password(
        user, password_form.password.data, acting=current_user))
    if ok:
        if user.id == current_user.id:
            login_user(user)  # keep this browser logged in with the new session token
        flash(_("Password of %(email)s changed; their sessions have ended.", email=user.email), "success")
        return redirect(url_for("admin.user_edit", user_id=user_id))
    form = _with_organisations(UserEditForm(formdata=None, obj=user))
    return _edit_page(user, form, password_form, status_for(password_form))
