"""Views: inbox, notification settings, unsubscribe, development outbox."""
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import DBAPIError

from tracker.blueprints.notify import bp, present
from tracker.extensions import csrf, db
from tracker.services.notify import inbox, preferences
from tracker.services.notify.links import BadToken


@bp.app_context_processor
def inject_unread() -> dict:
    """`inbox_unread()` for the header (counted only when a template asks)."""
    return {"inbox_unread": _unread, "dev_mail_shown": _dev_mail_shown}


def _unread() -> int:
    """The header's unread count; 0 when it cannot be counted (an error page for a database
    that is down must still render)."""
    if not current_user.is_authenticated:
        return 0
    try:
        return inbox.unread_count(current_user)
    except DBAPIError:
        db.session.rollback()  # leave the session usable for the rest of the page
        return 0


@bp.get("/inbox")
@login_required
def index():
    """The person's notifications, newest first."""
    return render_template("notify/inbox.html", notes=inbox.latest(current_user))


@bp.post("/inbox/read")
@login_required
def read_all():
    """Mark every notification read."""
    inbox.mark_read(current_user)
    return redirect(url_for(".index"))


@bp.post("/inbox/<int:note_id>/open")
@login_required
def open_note(note_id: int):
    """Mark one notification read and go to what it is about."""
    return redirect(present.on_site(inbox.open_note(current_user, note_id)))


@bp.route("/account/notifications", methods=["GET", "POST"])
@login_required
def preferences_page():
    """Per kind and project: at once, in the digest, or off."""
    if request.method == "POST":
        preferences.save(current_user, present.parse_choices(request.form))
        flash(_("Your notification settings are saved."), "success")
        return redirect(url_for(".preferences_page"))
    return render_template("notify/preferences.html", **present.settings_page(current_user))


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # the signed token is the credential; mail clients post without our CSRF token
def unsubscribe(token: str):
    """One-click unsubscribe from one kind of mail (GET asks, POST does it)."""
    try:
        user, kind = present.unsubscribe_target(token)
    except BadToken:
        return render_template("notify/unsubscribe.html", bad=True), 404
    if request.method == "POST":
        preferences.unsubscribe(user, kind)
    return render_template("notify/unsubscribe.html", bad=False, done=request.method == "POST",
                           kind=preferences.KINDS[kind], token=token)


@bp.get("/dev/mail")
def dev_mail():
    """Development only: the mails written to the outbox folder."""
    _dev_only()
    return render_template("notify/dev_mail.html", mails=present.dev_mails())


@bp.get("/dev/mail/<name>")
def dev_mail_show(name: str):
    """Development only: one mail as text, with a link to its HTML part."""
    _dev_only()
    return render_template("notify/dev_mail_show.html", mail=present.dev_mail(name) or abort(404))


@bp.get("/dev/mail/<name>/html")
def dev_mail_html(name: str):
    """Development only: the HTML part of one mail, as a mail client would show it."""
    _dev_only()
    mail = present.dev_mail(name) or abort(404)
    return mail["html"] or abort(404), 200, {"Content-Security-Policy": present.MAIL_CSP}


def _dev_mail_shown() -> bool:
    """The development outbox exists only when mail goes to a folder in debug or test runs."""
    return not current_app.config.get("SMTP_URL") and bool(current_app.config.get("MAIL_DEV_PAGE"))


def _dev_only() -> None:
    """404 outside development."""
    if not _dev_mail_shown():
        abort(404)
