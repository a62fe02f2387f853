"""Admin views for sign-in: an organisation's two-step rule and resetting a person's second factor."""
from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField

from tracker.blueprints.admin import bp
from tracker.services.admin import organisations, sign_in
from tracker.services.admin import users as admin


class OrganisationSignInForm(FlaskForm):
    """Whether everyone of the organisation must use two-step login."""

    mfa_required = BooleanField()


@bp.post("/organisations/<int:org_id>/sign-in")
def organisation_sign_in(org_id: int):
    """Save the organisation's two-step login rule."""
    organisation = organisations.get_organisation(org_id)
    form = OrganisationSignInForm()
    if not form.validate_on_submit():
        abort(400)
    sign_in.set_organisation_mfa(organisation, form.mfa_required.data, current_user)
    flash(_("Sign-in rules of “%(name)s” saved.", name=organisation.name), "success")
    return redirect(url_for("admin.organisation_edit", org_id=org_id))


@bp.post("/users/<int:user_id>/two-step/reset")
def user_mfa_reset(user_id: int):
    """Reset someone's two-step login (they set it up again at their next login)."""
    user = admin.get_user(user_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    sign_in.reset_mfa(user, current_user)
    flash(_("Two-step login of %(email)s is reset; their sessions have ended.", email=user.email), "success")
    return redirect(url_for("admin.user_edit", user_id=user_id))
