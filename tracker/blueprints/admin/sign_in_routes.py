"""Admin views for sign-in: an organisation's two-step rule and resetting a person's second factor."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField

from tracker.blueprints.admin import bp
from tracker.blueprints.forms_glue import status_for, submit
from tracker.services.admin import organisations, sign_in
from tracker.services.admin import users as admin


class OrganisationSignInForm(FlaskForm):
    """Whether everyone of the organisation must use two-step login."""

    mfa_required = BooleanField()


class OrganisationSsoForm(FlaskForm):
    """The organisation's OpenID Connect provider."""

    sso_issuer = StringField(_l("Issuer address"), render_kw={"maxlength": 255, "inputmode": "url"},
                             description=_l("The provider's address, e.g. https://login.microsoftonline.com/<tenant>/v2.0. "
                                            "Leave empty to switch single sign-on off."))
    sso_client_id = StringField(_l("Client id"), render_kw={"maxlength": 255})
    sso_client_secret = PasswordField(_l("Client secret"), render_kw={"maxlength": 255, "autocomplete": "off"},
                                      description=_l("Leave empty to keep the stored secret."))
    sso_domains = StringField(_l("E-mail domains"), render_kw={"maxlength": 500},
                              description=_l("Addresses in these domains may log in through this provider, "
                                             "separated by commas."))
    sso_only = BooleanField(_l("Single sign-on is the only way in for this organisation's people"))


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


@bp.route("/organisations/<int:org_id>/sso", methods=["GET", "POST"])
def organisation_sso(org_id: int):
    """Set up (or switch off) the organisation's single sign-on."""
    organisation = organisations.get_organisation(org_id)
    form = OrganisationSsoForm(obj=organisation)
    ok, _none = submit(form, lambda: sign_in.set_organisation_sso(
        organisation, issuer=form.sso_issuer.data or "", client_id=form.sso_client_id.data or "",
        client_secret=form.sso_client_secret.data or "", domains=form.sso_domains.data or "",
        sso_only=form.sso_only.data, acting=current_user))
    if ok:
        flash(_("Sign-in rules of “%(name)s” saved.", name=organisation.name), "success")
        return redirect(url_for("admin.organisation_edit", org_id=org_id))
    return render_template("admin/organisation_sso.html", form=form, organisation=organisation), status_for(form)


@bp.post("/users/<int:user_id>/sessions/end")
def user_sessions_end(user_id: int):
    """End all sessions of someone (one's own too: then this browser logs in again)."""
    user = admin.get_user(user_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    sign_in.end_sessions(user, current_user)
    flash(_("All sessions of %(email)s have ended.", email=user.email), "success")
    return redirect(url_for("admin.user_edit", user_id=user_id))
