"""Telling a project's members something: inbox entry, and a mail at once or in the digest."""
from collections.abc import Callable

from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from tracker.extensions import db
from tracker.models import Membership, Notification, Project, User
from tracker.services.notify import preferences
from tracker.services.notify.compose import (
    MailContent,
    language_of,
    list_headers,
    render,
    unsubscribe_url,
)
from tracker.services.notify.outbox import queue_mail

Builder = Callable[[User, Membership], MailContent]


def members(project: Project, who: Callable[[Membership], bool] | None = None) -> list[Membership]:
    """The project's seats of enabled people (only members are ever told about a project)."""
    rows = db.session.execute(select(Membership).join(User, User.id == Membership.user_id).where(
        Membership.project_id == project.id, User.is_enabled.is_(True))
        .order_by(Membership.id)).scalars()
    return [m for m in rows if who is None or who(m)]


def notify(project: Project, kind: str, build: Builder, link: str, *,
           who: Callable[[Membership], bool] | None = None, dedupe: str | None = None) -> int:
    """Tell the chosen members, each by their preference, in the caller's transaction.

    ``build`` runs in each recipient's language. With ``dedupe`` every person is told at most
    once for that key. Returns how many people were told.
    """
    told = 0
    for membership in members(project, who):
        user = membership.user
        delivery = preferences.delivery_for(user, kind, membership)
        if delivery == preferences.OFF:
            continue
        if tell(user, kind, build, link, delivery, project=project, membership=membership,
                dedupe=f"{dedupe}:{user.id}" if dedupe else None):
            told += 1
    return told


def tell(user: User, kind: str, build: Builder, link: str, delivery: str, *,
         project: Project | None = None, membership: Membership | None = None,
         dedupe: str | None = None) -> bool:
    """One inbox entry, plus a mail when it goes out at once; False when already told."""
    language = language_of(user)
    with force_locale(language):
        content = build(user, membership)
        unsubscribe = unsubscribe_url(user, kind)
        text, html = render(content, language, unsubscribe) if delivery == preferences.NOW else ("", "")
    note = Notification(user_id=user.id, project_id=project.id if project else None, kind=kind,
                        subject=content.subject[:300], body=content.summary(), link=link[:500],
                        delivery=delivery, dedupe_key=dedupe)
    try:
        with db.session.begin_nested():
            db.session.add(note)
    except IntegrityError:
        return False  # told before (another run got there first)
    if delivery == preferences.NOW:
        queue_mail(user.email, kind, content.subject, text, html, user=user,
                   headers=list_headers(unsubscribe))
    return True
