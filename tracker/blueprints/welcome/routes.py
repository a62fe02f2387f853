"""Views: invite to a project, forgot password, reset by link, accept an invitation."""
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale, refresh
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from tracker.blueprints.auth.signing import sign_in
from tracker.blueprints.forms_glue import status_for, submit
from tracker.blueprints.welcome import bp
from tracker.blueprints.welcome.forms import ChoosePasswordForm, ForgotForm, InviteForm
from tracker.extensions import limiter
from tracker.i18n import remember_locale
from tracker.services.access import project_access
from tracker.services.accounts import mail_links
from tracker.services.notify.links import BadToken

SIDES = {"client": _l("Client"), "contractor": _l("Contractor"), "coach": _l("Coach")}


def invite_page(project, sides: tuple[str, ...], template_args: dict):
    """The invite form for the sides this person may seat; sends the invitation on POST."""
    form = InviteForm()
    form.side.choices = [(k, v) for k, v in SIDES.items() if k in sides]
    if not form.is_submitted():
        form.language.data = str(get_locale() or "en")
    ok, _m = submit(form, lambda: mail_links.invite(project, form.email.data, form.name.data,
                                                    form.side.data, form.role.data, form.language.data,
                                                    actor=current_user, sides=sides))
    if ok:
        flash(_("Invitation sent to %(email)s.", email=form.email.data.strip().lower()), "success")
        return redirect(request.path)
    return render_template("welcome/invite.html", form=form, project=project, **template_args), \
        status_for(form)


@bp.route("/projects/<code>/invite", methods=["GET", "POST"], endpoint="new_invitation")
@login_required
def invite(code: str):
    """A party's manager invites someone by e-mail to a seat on their side."""
    access = project_access(current_user, code)
    return invite_page(access.project, mail_links.invitable_sides(access),
                       {"access": access, "back": url_for("projects.show", code=access.project.code)})


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_LOGIN"], methods=["POST"])
def forgot():
    """Ask for a reset link; the answer never says whether the address has an account."""
    form = ForgotForm()
    if form.validate_on_submit():
        mail_links.request_reset(form.email.data)
        flash(_("If an account exists for that address, a link to choose a new password is on its "
                "way. It works for %(n)d minutes.", n=current_app.config["RESET_MINUTES"]), "info")
        return redirect(url_for("auth.login"))
    return render_template("welcome/forgot.html", form=form), status_for(form)


def _by_link(purpose: str, token: str, title: str):
    """Choose a password through a link, then log in."""
    try:
        user = mail_links.user_for_token(purpose, token)
    except BadToken as bad:
        return render_template("welcome/bad_link.html", expired=bad.expired, title=title), 410 \
            if bad.expired else 404
    if user.locale:  # the page in the language the invitation (or the account) has
        remember_locale(user.locale)
        refresh()
    form = ChoosePasswordForm()
    ok, _m = submit(form, lambda: mail_links.set_password_by_link(purpose, token, form.password.data))
    if ok:
        sign_in(user)
        flash(_("Your password is set. Welcome!"), "success")
        return redirect(url_for("projects.index"))
    return render_template("welcome/choose.html", form=form, user=user, title=title), status_for(form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_LOGIN"], methods=["POST"])
def reset(token: str):
    """Choose a new password through a reset link."""
    return _by_link(mail_links.RESET, token, _("Choose a new password"))


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_LOGIN"], methods=["POST"])
def accept(token: str):
    """Accept an invitation: choose a password."""
    return _by_link(mail_links.INVITE, token, _("Welcome to Tracker"))
