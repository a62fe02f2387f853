"""The weekly digest: one mail per person over all their projects, once per ISO week.

Each project contributes what changed in the seven days up to the as-of date; `DIGEST_PARTS`
lists the contributors (signals, events, actions, scan rounds, notices set aside; a new one is
one more function).
A person with nothing new on any project gets no mail.
"""
from collections.abc import Callable
from datetime import date, timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select, update

from tracker.database import write_transaction
from tracker.domain.types import Kind
from tracker.extensions import db
from tracker.i18n import format_day
from tracker.models import (
    Action,
    Event,
    Membership,
    MemberSide,
    Notification,
    ScanResponse,
    ScanRound,
    SignalChange,
    User,
)
from tracker.models.base import utcnow
from tracker.services.actions.queries import open_counts
from tracker.services.notify import preferences
from tracker.services.notify.compose import (
    MailContent,
    Section,
    greeting,
    language_of,
    list_headers,
    render,
    unsubscribe_url,
)
from tracker.services.notify.links import absolute_url
from tracker.services.notify.outbox import queue_mail
from tracker.services.notify.reminders import week_of
from tracker.services.notify.signal_mail import kind_of, signal_name
from tracker.services.trust.history import trust_history

Part = Callable[[Membership, date, date], list[str]]  # (seat, week start exclusive, as-of) → lines


def signal_lines(seat: Membership, start: date, as_of: date) -> list[str]:
    """Signals raised and cleared this week (the kinds the person has not turned off)."""
    rows = db.session.execute(select(SignalChange).where(
        SignalChange.project_id == seat.project_id, SignalChange.baseline.is_(False),
        SignalChange.on_date > start, SignalChange.on_date <= as_of).order_by(SignalChange.id)).scalars()
    rows = [r for r in rows if preferences.delivery_for(seat.user, kind_of(r), seat) != preferences.OFF]
    return [(_("Raised: %(signal)s (%(date)s)") if r.change == "raised" else
             _("Cleared: %(signal)s (%(date)s)")) % {"signal": signal_name(r.code), "date": format_day(r.on_date)}
            for r in rows]


def event_lines(seat: Membership, start: date, as_of: date) -> list[str]:
    """New events logged by the other party (all events for a coach) and escalations."""
    query = select(func.count()).select_from(Event).where(
        Event.project_id == seat.project_id, Event.retracted_at.is_(None),
        Event.occurred_on > start, Event.occurred_on <= as_of)
    if seat.side != MemberSide.COACH:
        query = query.where(Event.side != seat.side.value)
    others = db.session.execute(query).scalar_one()
    escalations = db.session.execute(select(func.count()).select_from(Event).where(
        Event.project_id == seat.project_id, Event.retracted_at.is_(None), Event.kind == Kind.ESCALATION,
        Event.occurred_on > start, Event.occurred_on <= as_of)).scalar_one()
    lines = []
    if others:
        lines.append(_("New events this week: %(n)d", n=others) if seat.side == MemberSide.COACH
                     else _("New events by the other party this week: %(n)d", n=others))
    if escalations:
        lines.append(_("Escalations this week: %(n)d", n=escalations))
    return lines


def scan_lines(seat: Membership, _start: date, as_of: date) -> list[str]:
    """Open scan rounds still waiting for this person's answer."""
    if seat.side == MemberSide.COACH:
        return []
    answered = select(ScanResponse.round_id).where(ScanResponse.user_id == seat.user_id)
    rounds = db.session.execute(select(ScanRound).where(
        ScanRound.project_id == seat.project_id, ScanRound.opens_on <= as_of,
        ScanRound.closes_on >= as_of, ScanRound.id.not_in(answered))).scalars()
    return [_("Scan round “%(round)s” waits for your answer (open until %(date)s)",
              round=r.name, date=format_day(r.closes_on)) for r in rounds]


def waiting_lines(seat: Membership, _start: date, _as_of: date) -> list[str]:
    """Notifications set aside for the digest (reminders, warnings) not yet sent in one."""
    rows = db.session.execute(select(Notification.subject).where(
        Notification.user_id == seat.user_id, Notification.project_id == seat.project_id,
        Notification.delivery == preferences.DIGEST, Notification.digested_at.is_(None),
        Notification.kind.not_in(["signal_alert", "signal_warning", "signal_cleared"]))).scalars()
    return list(rows)


def action_lines(seat: Membership, start: date, as_of: date) -> list[str]:
    """Open and overdue actions, when that is news: an action is overdue, or one was taken this week."""
    open_now, late = open_counts([seat.project_id], as_of).get(seat.project_id, (0, 0))
    new = db.session.execute(select(func.count()).select_from(Action).where(
        Action.project_id == seat.project_id, Action.created_on > start, Action.created_on <= as_of)).scalar_one()
    if not (late or new):
        return []
    return [_("Actions: %(open)d open, of which %(late)d overdue; %(new)d taken this week",
              open=open_now, late=late, new=new)]


# What a project contributes to a digest, in order; add a function for a new kind of news.
DIGEST_PARTS: list[Part] = [signal_lines, event_lines, action_lines, scan_lines, waiting_lines]


def _figures(seat: Membership, as_of: date) -> str:
    """Headline trust figures and their change over 30 days, as one line."""
    history = trust_history(seat.project, as_of)
    now, before = history.current.figures, history.previous

    def one(name: str, label: str) -> str:
        value, old = getattr(now, name).value, getattr(before, name).value
        if value is None:
            return f"{label}: –"
        change = "" if old is None else f" ({value - old:+.1f})"
        return f"{label}: {value:.1f}{change}"

    return "; ".join((one("personal", _("Personal trust")), one("system", _("System trust"))))


def digest_for(user: User, as_of: date) -> MailContent | None:
    """The person's digest as of a date (call in their locale); None when there is nothing new."""
    start = as_of - timedelta(days=7)
    seats = db.session.execute(select(Membership).where(Membership.user_id == user.id)).scalars()
    sections = []
    for seat in sorted(seats, key=lambda s: s.project.code):
        if preferences.delivery_for(user, "digest", seat) == preferences.OFF:
            continue
        news = [line for part in DIGEST_PARTS for line in part(seat, start, as_of)]
        if news:
            sections.append(Section(f"{seat.project.name} ({seat.project.code})",
                                    news + [_figures(seat, as_of)],
                                    absolute_url("dashboard.show", code=seat.project.code),
                                    _("Open the dashboard")))
    if not sections:
        return None
    return MailContent(subject=_("Your week in Tracker: %(n)d project(s) with news", n=len(sections)),
                       greeting=greeting(user), intro=[_("What changed in the week up to %(date)s.",
                                                date=format_day(as_of))],
                       sections=sections)


def queue_digest(user: User, as_of: date) -> bool:
    """Queue the person's digest for the week of ``as_of`` unless sent or empty; True if queued."""
    if preferences.delivery_for(user, "digest", None) == preferences.OFF:
        return False
    key = f"digest:{user.id}:{week_of(as_of)}"
    language = language_of(user)
    with write_transaction():
        with force_locale(language):
            content = digest_for(user, as_of)
            if content is None:
                return False
            unsubscribe = unsubscribe_url(user, "digest")
            text, html = render(content, language, unsubscribe)
        if queue_mail(user.email, "digest", content.subject, text, html, user=user,
                      headers=list_headers(unsubscribe), dedupe_key=key) is None:
            return False  # this week's digest went out already
        db.session.execute(update(Notification).where(
            Notification.user_id == user.id, Notification.delivery == preferences.DIGEST,
            Notification.digested_at.is_(None)).values(digested_at=utcnow()))
    return True


def queue_digests(as_of: date) -> int:
    """Queue the digests of everyone with a seat somewhere; returns how many were queued."""
    users = list(db.session.execute(select(User).where(User.is_enabled.is_(True), User.id.in_(
        select(Membership.user_id))).order_by(User.id)).scalars())
    return sum(queue_digest(user, as_of) for user in users)
