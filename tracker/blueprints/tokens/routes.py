"""Views: one's own tokens (create, shown once; revoke) and the admins' list of every active token."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.blueprints.forms_glue import status_for, submit
from tracker.blueprints.tokens import bp
from tracker.blueprints.tokens.forms import TokenForm
from tracker.models.base import utcnow
from tracker.services.accounts import tokens


@bp.route("/account/tokens", methods=["GET", "POST"])
@login_required
def index():
    """Your tokens and the form for a new one; a new token's secret is shown on this answer only."""
    form = TokenForm()
    ok, issued = submit(form, lambda: tokens.issue(current_user, form.name.data, write=form.write.data,
                                                   days=form.days.data))
    if ok:
        form = TokenForm(formdata=None)
    return render_template("tokens/index.html", form=form, issued=issued, now=utcnow(),
                           tokens=tokens.tokens_of(current_user)), 201 if ok else status_for(form)


@bp.post("/account/tokens/<int:token_id>/revoke")
@login_required
def revoke(token_id: int):
    """Revoke one of your own tokens."""
    tokens.revoke(tokens.owned(token_id, current_user).id, current_user)
    flash(_("The token is revoked. Tools using it can no longer reach the API."), "success")
    return redirect(url_for(".index"))


@bp.get("/admin/tokens")
@login_required
def admin_list():
    """Every token that still works, with its owner (admins only)."""
    if not current_user.is_admin:
        abort(403)
    return render_template("tokens/admin.html", tokens=tokens.active_tokens())


@bp.post("/admin/tokens/<int:token_id>/revoke")
@login_required
def admin_revoke(token_id: int):
    """Revoke anyone's token (admins only)."""
    if not current_user.is_admin:
        abort(403)
    tokens.revoke(token_id, current_user)
    flash(_("The token is revoked."), "success")
    return redirect(url_for(".admin_list"))
