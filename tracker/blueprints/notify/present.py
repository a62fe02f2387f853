"""Plain values for the notification pages: settings table, unsubscribe target, dev mails."""
import os
import re
from email import policy
from email.parser import BytesParser
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tracker.extensions import db
from tracker.models import Membership, User
from tracker.services.notify import preferences
from tracker.services.notify.links import BadToken, unsign
from tracker.services.notify.transport import mail_dir

MAIL_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_NAME = re.compile(r"^[0-9]{6}-[a-z_]+$")
ALL = "all"


def on_site(link: str) -> str:
    """Only the path of a stored link: a redirect never leaves the site."""
    parts = urlsplit(link or "/")
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def parse_choices(form) -> dict[tuple[int | None, str], str]:
    """`pref-<project id|all>-<kind>` fields → {(project id or None, kind): delivery}."""
    out = {}
    for key, value in form.items():
        parts = key.split("-", 2)
        if len(parts) != 3 or parts[0] != "pref" or parts[2] not in preferences.KINDS:
            continue
        if parts[1] != ALL and not parts[1].isdigit():
            continue
        out[(None if parts[1] == ALL else int(parts[1]), parts[2])] = value
    return out


def settings_page(user: User) -> dict:
    """The settings page: one group for all projects, one per project, each with a row per kind."""
    stored = preferences.settings_of(user)
    seats = list(db.session.execute(select(Membership).where(Membership.user_id == user.id)).scalars())
    groups = [{"id": ALL, "title": _l("All your projects"), "open": True, "rows": [
        {"kind": kind, "label": label, "value": stored.get((None, kind), ""),
         "choices": [("", _l("Standard"))] + [(c, preferences.label(kind, c)) for c in preferences.choices(kind)]}
        for kind, label in preferences.KINDS.items()]}]
    for seat in sorted(seats, key=lambda s: s.project.code):
        rows = []
        for kind, label in preferences.KINDS.items():
            effective = stored.get((None, kind)) or preferences.default(kind, seat)
            rows.append({"kind": kind, "label": label, "value": stored.get((seat.project_id, kind), ""),
                         "choices": [("", _l("As for all projects (%(now)s)",
                                             now=preferences.label(kind, effective)))]
                         + [(c, preferences.label(kind, c)) for c in preferences.choices(kind)]})
        groups.append({"id": seat.project_id, "title": f"{seat.project.name} ({seat.project.code})",
                       "rows": rows, "open": any(r["value"] for r in rows)})
    return {"groups": groups}


def unsubscribe_target(token: str) -> tuple[User, str]:
    """The person and kind an unsubscribe link is for; BadToken when it is not valid."""
    try:
        user_id, kind = unsign("unsubscribe", token)
        user = db.session.get(User, int(user_id))
    except (TypeError, ValueError):
        raise BadToken() from None
    if user is None or kind not in preferences.KINDS:
        raise BadToken()
    return user, kind


def dev_mails() -> list[dict]:
    """The mails in the development folder, newest first."""
    folder = mail_dir()
    names = sorted((n[:-4] for n in os.listdir(folder) if n.endswith(".eml")), reverse=True) \
        if os.path.isdir(folder) else []
    return [m for m in (dev_mail(n) for n in names[:200]) if m]


def dev_mail(name: str) -> dict | None:
    """One development mail parsed: headers, text and HTML parts (None when there is none)."""
    if not _NAME.match(name):
        return None
    path = os.path.join(mail_dir(), f"{name}.eml")
    if not os.path.isfile(path):
        return None
    with open(path, "rb") as handle:
        message = BytesParser(policy=policy.default).parse(handle)
    text, html = message.get_body(("plain",)), message.get_body(("html",))
    return {"name": name, "subject": message["Subject"], "to": message["To"], "from": message["From"],
            "date": message["Date"], "unsubscribe": message["List-Unsubscribe"],
            "text": text.get_content() if text else "", "html": html.get_content() if html else ""}
