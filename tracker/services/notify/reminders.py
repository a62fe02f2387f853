"""Reminders: each kind is one small finder that says whom to remind of what, once a week.

A finder takes the as-of date and yields `Reminder`s; `REMINDERS` lists them. A new kind (an
action due or overdue, say) is one more finder appended to that list.
"""
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from tracker.database import write_transaction
from tracker.extensions import db
from tracker.i18n import format_day
from tracker.models import Event, Membership, MemberSide, Project, ScanResponse, ScanRound, User
from tracker.services.actions.queries import due_or_overdue
from tracker.services.notify.compose import MailContent, greeting, language_of
from tracker.services.notify.links import absolute_url
from tracker.services.notify.notices import Builder, notify

QUIET_DAYS = 21  # a nudge well before the `silence` signal (42 days) fires


@dataclass(frozen=True)
class Reminder:
    """Remind the members ``who`` picks of a project, once per person for ``key``."""

    project: Project
    key: str
    build: Builder
    link: str
    who: Callable[[Membership], bool]


def week_of(day: date) -> str:
    """The ISO week of a day, e.g. "2026-W49" (reminders repeat at most weekly)."""
    year, week, _day = day.isocalendar()
    return f"{year}-W{week:02d}"


def quiet_projects(as_of: date) -> Iterable[Reminder]:
    """An active project without an event for three weeks reminds its managers to log."""
    last = (select(Event.project_id, func.max(Event.occurred_on).label("last"))
            .where(Event.retracted_at.is_(None), Event.occurred_on <= as_of)
            .group_by(Event.project_id).subquery())
    rows = db.session.execute(select(Project, last.c.last).outerjoin(last, last.c.project_id == Project.id)
                              .where(Project.is_active.is_(True), Project.start_date <= as_of)).all()
    for project, last_on in rows:
        since = last_on or project.start_date
        if (as_of - since).days < QUIET_DAYS:
            continue
        days = (as_of - since).days

        def build(user: User, _m: Membership, project=project, last_on=last_on, days=days) -> MailContent:
            said = (_("The last event on %(project)s was on %(date)s, %(days)d days ago.",
                      project=project.name, date=format_day(last_on), days=days) if last_on else
                    _("Nothing has been logged on %(project)s yet.", project=project.name))
            return MailContent(subject=_("%(project)s has gone quiet: time to log", project=project.name),
                               greeting=greeting(user), intro=[said,
                                      _("A short note of what happened keeps the picture true for both sides.")],
                               action_label=_("Log an event"),
                               action_url=absolute_url("events.new", code=project.code))

        yield Reminder(project, f"quiet:{project.id}:{week_of(as_of)}", build,
                       absolute_url("events.new", code=project.code),
                       lambda m: m.can_log)


def open_scan_rounds(as_of: date) -> Iterable[Reminder]:
    """An open scan round reminds the party members who have not answered (counts only)."""
    rounds = db.session.execute(select(ScanRound, Project).join(Project, Project.id == ScanRound.project_id)
                                .where(ScanRound.opens_on <= as_of, ScanRound.closes_on >= as_of,
                                       Project.is_active.is_(True))).all()
    for scan_round, project in rounds:
        answered = set(db.session.execute(select(ScanResponse.user_id).where(
            ScanResponse.round_id == scan_round.id, ScanResponse.user_id.is_not(None))).scalars())
        seats = db.session.execute(select(func.count()).select_from(Membership).where(
            Membership.project_id == project.id, Membership.side != MemberSide.COACH)).scalar_one()
        count = db.session.execute(select(func.count()).select_from(ScanResponse).where(
            ScanResponse.round_id == scan_round.id)).scalar_one()
        link = absolute_url("scan.answer", code=project.code, round_id=scan_round.id)

        def build(user: User, _m: Membership, r=scan_round, project=project, count=count, seats=seats,
                  link=link) -> MailContent:
            return MailContent(
                subject=_("Scan round “%(round)s” on %(project)s waits for your answer",
                          round=r.name, project=project.name),
                greeting=greeting(user), intro=[
                       _("The scan round “%(round)s” is open until %(date)s. %(count)d of %(seats)d "
                         "members have answered so far.", round=r.name, date=format_day(r.closes_on),
                         count=count, seats=seats)],
                action_label=_("Answer the scan"), action_url=link)

        yield Reminder(project, f"scan:{scan_round.id}:{week_of(as_of)}", build, link,
                       lambda m, answered=answered: m.side != MemberSide.COACH and m.user_id not in answered)


ACTION_DUE_DAYS = 2  # an owner hears of an action two days before it is due, then weekly while overdue


def actions_due(as_of: date) -> Iterable[Reminder]:
    """An open action due within two days, or overdue, reminds its owner."""
    for action in due_or_overdue(as_of, ACTION_DUE_DAYS):
        if action.owner_id is None:
            continue
        project = db.session.get(Project, action.project_id)
        link = absolute_url("actions.show", code=project.code, action_id=action.id)

        def build(user: User, _m: Membership, a=action, project=project, link=link) -> MailContent:
            title = a.display_title(language_of(user))
            said = (_("The action “%(title)s” on %(project)s was due on %(date)s and is still open.",
                      title=title, project=project.name, date=format_day(a.due_on)) if a.overdue else
                    _("The action “%(title)s” on %(project)s is due on %(date)s.",
                      title=title, project=project.name, date=format_day(a.due_on)))
            return MailContent(subject=_("Action due: %(title)s", title=title), greeting=greeting(user),
                               intro=[said, _("Mark it done, or change its due date, so both parties "
                                              "see where it stands.")],
                               action_label=_("Open the action"), action_url=link)

        yield Reminder(project, f"action:{action.id}:{week_of(as_of)}", build, link,
                       lambda m, owner=action.owner_id: m.user_id == owner)


# Every kind of reminder; a new kind is one finder added here.
REMINDERS: list[Callable[[date], Iterable[Reminder]]] = [quiet_projects, open_scan_rounds, actions_due]


def send_reminders(as_of: date) -> int:
    """Queue every reminder due as of a date (each person once per reminder and week)."""
    told = 0
    for finder in REMINDERS:
        for reminder in list(finder(as_of)):
            with write_transaction():
                told += notify(reminder.project, "reminder", reminder.build, reminder.link,
                               who=reminder.who, dedupe=reminder.key)
    return told


