"""Demo data (`flask tracker demo`): a year in the life of five Dutch infrastructure partnerships.

The portfolio (organisations, people, projects and their stories) lives in
`tracker.services.demo.stories`. Five projects, each telling one story through its events:
a healthy partnership with normal contract use, a hardening spiral, blind trust, recovery
after an intervention, and a project that has gone quiet. All dates count back from `today`
and all choices come from `random.Random(seed)`, so the same seed gives the same data shape
on any day. Everything is written in one transaction, and only into a database without
projects.
"""
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import bindparam, func, select

from tracker.database import write_transaction
from tracker.domain import interventions
from tracker.domain.types import Kind, Side, Steering
from tracker.extensions import db
from tracker.models import (ContractForm, Event, EventRevision, MemberRole, Membership,
                            MemberSide, Organisation, Phase, Project, User)
from tracker.models.base import utcnow
from tracker.services.accounts.passwords import hash_password
from tracker.services.demo import follow_up
from tracker.services.demo.stories import (CLOSINGS, LEVEL_TO, MONTHS, ORGANISATIONS, STORIES, TEMPLATES,
                                           USERS, Moment, Story)
from tracker.services.demo.stories import Phase as StoryPhase
from tracker.services.errors import ServiceError
from tracker.services.events.changes import new_event
from tracker.services.events.queries import factor_ids
from tracker.services.events.rules import EventInput, check_event

DEMO_PASSWORD = "demo-partnership"
DEFAULT_SEED = 712


class DemoRefused(ServiceError):
    """The database is not empty enough for the demo data."""


@dataclass(frozen=True)
class DemoLogin:
    """One demo account for the printed table."""

    email: str
    name: str
    role: str
    projects: tuple[str, ...]


@dataclass(frozen=True)
class DemoResult:
    """What the demo created: logins, the shared password, events per project."""

    logins: list[DemoLogin]
    password: str
    events: dict[str, int]


def demo_is_needed() -> bool:
    """True when the database has no projects yet (then `make run` loads the demo)."""
    return db.session.scalar(select(Project.id).limit(1)) is None


def _refuse_unless_empty() -> None:
    """DemoRefused when projects, demo accounts or demo organisations already exist."""
    if not demo_is_needed():
        raise DemoRefused("The database already has projects; "
                          "the demo data only goes into an empty database.")
    emails = [u[0] for u in USERS]
    taken = db.session.scalars(select(User.email).where(User.email.in_(emails))).all()
    taken += db.session.scalars(select(Organisation.name).where(Organisation.name.in_(ORGANISATIONS))).all()
    if taken:
        raise DemoRefused("Demo accounts or organisations already exist: " + ", ".join(sorted(taken)))


def create_demo(*, today: date | None = None, seed: int = DEFAULT_SEED) -> DemoResult:
    """Create the demo portfolio in one transaction; DemoRefused unless the database has no projects."""
    today = today or date.today()
    _refuse_unless_empty()
    password_hash = hash_password(DEMO_PASSWORD, fast=current_app.config.get("PASSWORD_HASH_FAST", False))
    ids = factor_ids()
    counts: dict[str, int] = {}
    with write_transaction():
        orgs = {name: Organisation(name=name) for name in ORGANISATIONS}
        db.session.add_all(orgs.values())
        db.session.flush()
        users = {}
        for email, name, org, is_admin, _seats, _note in USERS:
            users[email] = User(email=email, name=name, password_hash=password_hash, is_admin=is_admin,
                                organisation_id=orgs[org].id if org else None)
        db.session.add_all(users.values())
        db.session.flush()
        for index, story in enumerate(STORIES):
            project = _project(story, orgs, today)
            authors = _seat_users(project, story, users)
            writer = _StoryWriter(story, project, random.Random(seed * 100 + index), today, ids, authors)
            counts[story.code] = writer.write()
            known = [item for item in story.interventions if item[0] in interventions.keys()]
            follow_up.add_ladders(project, authors, today)
            follow_up.add_actions(project, authors, known, writer.day, today)
    return DemoResult(demo_logins(), DEMO_PASSWORD, counts)


def demo_logins() -> list[DemoLogin]:
    """The logins the demo creates, with their roles and projects."""
    return [DemoLogin(email, name, note, tuple(code for code, _s, _r in seats))
            for email, name, _org, _admin, seats, note in USERS]


def demo_users_present() -> bool:
    """True when the demo's accounts are in the database (so its logins still work)."""
    emails = [login.email for login in demo_logins()]
    return db.session.execute(select(func.count()).select_from(User)
                              .where(User.email.in_(emails))).scalar_one() == len(emails)


def _project(story: Story, orgs: dict[str, Organisation], today: date) -> Project:
    """The project row of a story."""
    project = Project(code=story.code, name=story.name, description=story.description,
                      contract_form=ContractForm(story.contract_form), phase=Phase(story.phase),
                      client_org_id=orgs[story.client].id, contractor_org_id=orgs[story.contractor].id,
                      start_date=today - timedelta(days=story.start_days_ago), is_active=True)
    db.session.add(project)
    db.session.flush()
    return project


def _seat_users(project: Project, story: Story, users: dict[str, User]) -> dict[str, User]:
    """Add the memberships of the project; return side → the user who logs for that side."""
    authors: dict[str, User] = {}
    for email, _name, _org, _admin, seats, _note in USERS:
        for code, side, role in seats:
            if code == story.code:
                db.session.add(Membership(project_id=project.id, user_id=users[email].id,
                                          side=MemberSide(side), role=MemberRole(role)))
                if role == "manager" or side == "coach":
                    authors.setdefault(side, users[email])
    return authors


@dataclass(eq=False)
class _Chain:
    """An open issue chain: its latest event, the highest level it reached, what it is about."""

    last: Event
    level: int = 0
    about: dict[str, str] = field(default_factory=dict)
    scripted: bool = False  # part of a story's storyline: generated events leave it alone


@dataclass
class _StoryWriter:
    """Turns a story into events, in date order, keeping issue chains and labels for links."""

    story: Story
    project: Project
    rng: random.Random
    today: date
    ids: dict[str, int]
    authors: dict[str, User]
    chains: list[_Chain] = field(default_factory=list)
    chain_of: dict[int, _Chain] = field(default_factory=dict)
    labels: dict[str, Event] = field(default_factory=dict)
    logged: list[dict] = field(default_factory=list)

    def day(self, days_ago: int) -> date:
        """The date `days_ago` before today, moved back to the Friday if it falls in a weekend."""
        day = self.today - timedelta(days=days_ago)
        return day - timedelta(days=max(0, day.weekday() - 4))

    def _plan(self) -> list[tuple[date, int, object, object]]:
        """(date, order, template key or Moment, phase) of every event, oldest first."""
        plan, order = [], 0
        for phase in self.story.phases:
            length = phase.start - phase.end
            n = max(1, round(phase.per_month * length / 30 * self.rng.uniform(0.95, 1.05)))
            for i, key in enumerate(self._sequence(phase.mix, n)):
                order += 1  # evenly spread over the phase, with jitter, so every window tells the story
                days_ago = phase.start - (i + self.rng.random()) * length / n
                plan.append((self.day(max(phase.end, min(phase.start, round(days_ago)))), order, key, phase))
        for moment in self.story.moments:
            order += 1
            plan.append((self.day(moment.days_ago), order, moment, None))
        return sorted(plan, key=lambda item: (item[0], item[1]))

    def _sequence(self, mix: dict[str, float], n: int) -> list[str]:
        """n template keys in the proportions of `mix`, evenly interleaved, shuffled in small blocks."""
        total, keys = sum(mix.values()), []
        credit = {key: self.rng.uniform(0, total) for key in mix}  # staggered, so rare kinds do not bunch
        for _ in range(n):  # smooth weighted round robin: rare kinds come back at steady intervals
            for key, weight in mix.items():
                credit[key] += weight
            best = max(credit, key=credit.__getitem__)
            credit[best] -= total
            keys.append(best)
        for start in range(0, n, 5):
            block = keys[start:start + 5]
            self.rng.shuffle(block)
            keys[start:start + 5] = block
        return keys

    def write(self) -> int:
        """Create every event of the story; return how many."""
        plan = self._plan()
        for day, _order, item, phase in plan:
            if isinstance(item, Moment):
                self._event(day, item.template, Side(item.side), None, item)
            else:
                side = Side.CLIENT if self.rng.random() < 0.5 else Side.CONTRACTOR
                self._event(day, item, side, phase, None)
        self._apply_log_times()
        return len(plan)

    # ------------------------------------------------------------------ one event
    def _slots(self, side: Side, day: date, level: int | None) -> dict[str, str]:
        """Values for the braces in titles and descriptions."""
        rng, story = self.rng, self.story
        own, other = ((story.client_people, story.contractor_people) if side is Side.CLIENT
                      else (story.contractor_people, story.client_people))
        amount = rng.randrange(12, 480) * 1000 + rng.choice((0, 250, 500, 750))
        return {"part": rng.choice(story.parts), "topic": rng.choice(story.topics),
                "person": rng.choice(other), "self_person": rng.choice(own), "contract": story.contract,
                "par": rng.choice(("4", "14", "20", "44", "45", "47")), "n": str(rng.randint(2, 8)),
                "amount": "€ " + f"{amount:,}".replace(",", "."), "month": MONTHS[(day.month - 2) % 12],
                "level_to": LEVEL_TO.get(level or 1, LEVEL_TO[1])}

    def _wording(self, options: tuple[str, ...], side: Side, slots: dict[str, str]) -> str:
        """One of the wordings meant for this side, braces filled, starting with a capital."""
        usable = [o for o in options if not o.startswith(("client:", "contractor:"))
                  or o.startswith(side.value + ":")]
        text = self.rng.choice(usable) if usable else ""
        text = text.removeprefix(side.value + ":")
        text = text.format(**slots).strip()
        return text[:1].upper() + text[1:]

    def _scores(self, template) -> dict[str, int]:
        """A few of the template's factors with one of their typical values."""
        low, high = template.pick
        count = min(len(template.scores), self.rng.randint(low, high))
        return {key: self.rng.choice(values) for key, values in self.rng.sample(template.scores, count)}

    def _link(self, template, phase: StoryPhase | None,
              moment: Moment | None) -> tuple[_Chain | None, Event | None, int | None]:
        """The chain this event lifts or resolves, the event it links to, and its escalation level."""
        if moment is not None:
            target = self.labels.get(moment.link) if moment.link else None
            if target is None:
                return None, None, moment.level
            return self.chain_of.get(target.id) or _Chain(target, scripted=True), target, moment.level
        chains = [c for c in self.chains if not c.scripted]
        if template.chain == "raise":
            low, high = phase.levels
            open_ = [c for c in chains if c.level < high]
            if not open_:
                return None, None, low
            chain = self.rng.choices(open_, [c.level + 1 for c in open_])[0]
            return chain, chain.last, max(low, min(high, chain.level + 1))
        if template.chain in ("resolve", "deescalate"):
            escalated = [c for c in chains if c.level >= 1]
            if template.chain == "deescalate" and escalated:
                chain = max(escalated, key=lambda c: c.level)
                return chain, chain.last, None
            low = [c for c in chains if c.level <= 1]
            if low and self.rng.random() < 0.8:
                return low[0], low[0].last, None
        return None, None, None

    def _event(self, day: date, key: str, side: Side, phase: StoryPhase | None, moment: Moment | None) -> Event:
        """Create one event with its history, keeping the chains up to date."""
        template = TEMPLATES[key]
        kind = Kind(template.kind)
        chain, target, level = self._link(template, phase, moment)
        slots = self._slots(side, day, level)
        slots.update(chain.about if chain else {})  # an escalation or agreement is about its issue
        title = moment.title if moment else self._wording(template.titles, side, slots)
        description = moment.description if moment and moment.description else (
            self._wording(template.descriptions, side, slots) + " "
            + self._wording(CLOSINGS[template.tone], side, slots)).strip()
        planned = None
        if kind is Kind.MOMENT:
            planned = template.planned if template.planned is not None else self.rng.random() < 0.5
        data = EventInput(occurred_on=day, side=side, kind=kind, steering=Steering(template.steering),
                          title=title, description=description,
                          escalation_level=level if kind is Kind.ESCALATION else None, planned=planned,
                          links_to_id=target.id if target else None,
                          scores=dict(moment.scores) if moment and moment.scores else self._scores(template))
        linkable = {target.id: target.occurred_on} if target else None
        problems = check_event(data, set(self.ids), today=self.today, linkable=linkable)
        if problems:
            raise ValueError(f"demo event {title!r} breaks the rules: {problems}")
        event = new_event(self.project, data, self.authors.get(side.value), self.ids)
        self._backdate(event, day)
        focus = slots["topic"] if slots["topic"] in title and slots["part"] not in title else slots["part"]
        self._track(event, chain, level, {"part": focus, "topic": focus}, moment is not None)
        if moment is not None and moment.label:
            self.labels[moment.label] = event
        return event

    def _backdate(self, event: Event, day: date) -> None:
        """Remember when the event was plausibly logged: shortly after it happened, never in the future."""
        logged = datetime.combine(day + timedelta(days=self.rng.choice((0, 0, 0, 1, 1, 2))),
                                  time(self.rng.randint(7, 17), self.rng.randint(0, 59)))
        self.logged.append({"event": event.id, "at": min(logged, utcnow())})

    def _apply_log_times(self) -> None:
        """Write the log times with plain UPDATEs, which leave the events' edit version at 1."""
        db.session.flush()
        events, revisions = Event.__table__, EventRevision.__table__
        db.session.execute(events.update().where(events.c.id == bindparam("event"))
                           .values(created_at=bindparam("at"), updated_at=bindparam("at")), self.logged)
        db.session.execute(revisions.update().where(revisions.c.event_id == bindparam("event"))
                           .values(changed_at=bindparam("at")), self.logged)

    def _track(self, event: Event, chain: _Chain | None, level: int | None, about: dict[str, str],
               scripted: bool) -> None:
        """Open, raise or close the issue chain this event belongs to."""
        if event.kind is Kind.ISSUE:
            chain = _Chain(event, 0, about, scripted)
            self.chains.append(chain)
        elif event.kind is Kind.ESCALATION:
            if chain is None:
                chain = _Chain(event, level or 0, about, scripted)
                self.chains.append(chain)
            elif chain not in self.chains:
                self.chains.append(chain)
            chain.last, chain.level = event, max(chain.level, level or 0)
        elif event.kind is Kind.AGREEMENT and chain is not None:
            if chain in self.chains:
                self.chains.remove(chain)
            return
        else:
            return
        self.chain_of[event.id] = chain
