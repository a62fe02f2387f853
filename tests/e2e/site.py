"""The demo portfolio plus the awkward cases a real site meets, and the list of its main pages.

Used by the accessibility sweep (tests/e2e/test_accessibility.py): every page below is opened in
both languages at phone and laptop width. The extras are the cases that broke layouts before: a
200-character title without spaces, a very long e-mail address, a scan round with results and a
give-and-take round, so every page shows its full content.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from tests.factories import add_member, make_user
from tracker.domain import scan as scan_domain
from tracker.domain.give_take import CATEGORIES
from tracker.domain.types import Kind, Side, Steering
from tracker.extensions import db
from tracker.models import Action, Factor, Organisation, Project, User
from tracker.services.demo.load import DEMO_PASSWORD, create_demo
from tracker.services.events.changes import log_event
from tracker.services.events.rules import EventInput
from tracker.services.instruments import give_take, scan

CODE = "VIADUCT-KZW"
MANAGER = "marieke.devries@noordholt.example"
COACH = "ingrid.bos@samenspel.example"
ADMIN = "beheer@tracker.example"
LONG_WORD = "Geluidsschermfunderingswapeningsberekeningscontrolerapport" * 4  # 232 chars, no space
LONG_TITLE = LONG_WORD[:200]
LONG_EMAIL = ("projectondersteuning.bovenbouw.kunstwerken.viaducten." * 3)[:150] + "@example.test"


@dataclass(frozen=True)
class Page:
    """A page to check: who opens it, a short name for reports and screenshots, its path."""

    role: str
    name: str
    path: str


def _paper_round(project: Project) -> int:
    """A closed scan round with three respondents per side; returns its id."""
    today = date.today()
    round_ = scan.open_round(project, "Voorjaar", today - timedelta(days=20), today - timedelta(days=1), None)
    records, line = [], 1
    people = (("c1", "client", 4), ("c2", "client", 3), ("c3", "client", 5),
              ("k1", "contractor", 2), ("k2", "contractor", 3), ("k3", "contractor", 2))
    for respondent, side, score in people:
        for key in sorted(scan_domain.STATEMENT_KEYS):
            line += 1
            records.append((line, {"respondent": respondent, "side": side, "statement": key,
                                   "score": str(score)}))
    scan.import_responses(project, "Voorjaar", records)
    return round_.id


def build_site() -> dict:
    """Demo data plus the awkward cases; returns the ids the page list needs."""
    create_demo()
    project = db.session.scalar(select(Project).where(Project.code == CODE))
    manager = db.session.scalar(select(User).where(User.email == MANAGER))
    long_event = log_event(project, EventInput(
        occurred_on=date.today() - timedelta(days=2), side=Side.CLIENT, kind=Kind.ISSUE,
        steering=Steering.CONTRACTUAL, title=LONG_TITLE, description=LONG_WORD), manager)
    long_user = make_user(LONG_EMAIL, name="Bovenbouw " + LONG_WORD[:60])
    add_member(project, long_user, "contractor", "member")
    rows = {c: (3, 2, "Twee ploegen gedetacheerd" if c == "people" else "") for c in CATEGORIES}
    give_take.record(project, Side.CLIENT, "2025 Q2", date.today(), rows, manager)
    give_take.record(project, Side.CONTRACTOR, "2025 Q2", date.today(), rows, None)
    action = db.session.scalar(select(Action.id).where(Action.project_id == project.id).order_by(Action.id))
    return {"event": long_event.id, "round": _paper_round(project), "user": long_user.id, "action": action,
            "org": db.session.scalar(select(Organisation.id).order_by(Organisation.id)),
            "factor": db.session.scalar(select(Factor.id).order_by(Factor.id))}


def main_pages(ids: dict) -> list[Page]:
    """Every main page, by the role that opens it."""
    p = f"/projects/{CODE}"
    return [
        Page("anonymous", "login", "/login"),
        Page("anonymous", "accessibility", "/accessibility"),
        Page("manager", "projects", "/"),
        Page("manager", "project", p),
        Page("manager", "dashboard", f"{p}/dashboard"),
        Page("manager", "report", f"{p}/report"),
        Page("manager", "events", f"{p}/events/"),
        Page("manager", "event", f"{p}/events/{ids['event']}"),
        Page("manager", "event-new", f"{p}/events/new"),
        Page("manager", "event-edit", f"{p}/events/{ids['event']}/edit"),
        Page("manager", "event-retract", f"{p}/events/{ids['event']}/retract"),
        Page("manager", "scan", f"{p}/scan/"),
        Page("manager", "scan-results", f"{p}/scan/{ids['round']}"),
        Page("manager", "scan-new", f"{p}/scan/new"),
        Page("manager", "give-take", f"{p}/partnership/give-take"),
        Page("manager", "phase", f"{p}/partnership/phase"),
        Page("manager", "closeout", f"{p}/partnership/close-out"),
        Page("manager", "transfer", f"{p}/transfer/"),
        Page("manager", "ladder", f"{p}/ladder"),
        Page("manager", "open-issues", f"{p}/open-issues"),
        Page("manager", "actions", f"{p}/actions"),
        Page("manager", "action", f"{p}/actions/{ids['action']}"),
        Page("manager", "action-new", f"{p}/actions/new"),
        Page("manager", "account", "/account"),
        Page("manager", "account-sessions", "/account/sessions"),
        Page("manager", "account-two-step", "/account/two-step"),
        Page("manager", "inbox", "/inbox"),
        Page("manager", "notification-settings", "/account/notifications"),
        Page("manager", "invite", f"{p}/invite"),
        Page("manager", "dev-mail", "/dev/mail"),
        Page("anonymous", "forgot-password", "/password/forgot"),
        Page("manager", "account-tokens", "/account/tokens"),
        Page("manager", "webhooks", f"{p}/webhooks"),
        Page("manager", "api-reference", "/api/v1/reference"),
        Page("manager", "not-found", "/projects/NO-SUCH-PROJECT"),
        Page("coach", "coach", "/coach/"),
        Page("coach", "coach-actions", "/coach/actions"),
        Page("coach", "ladder-proposed", "/projects/CENTRUM-BV/ladder"),
        Page("coach", "coach-reports", "/coach/reports"),
        Page("admin", "admin", "/admin/"),
        Page("admin", "admin-users", "/admin/users"),
        Page("admin", "admin-user", f"/admin/users/{ids['user']}"),
        Page("admin", "admin-user-new", "/admin/users/new"),
        Page("admin", "admin-organisations", "/admin/organisations"),
        Page("admin", "admin-organisation", f"/admin/organisations/{ids['org']}"),
        Page("admin", "admin-organisation-sso", f"/admin/organisations/{ids['org']}/sso"),
        Page("admin", "admin-projects", "/admin/projects"),
        Page("admin", "admin-project", f"/admin/projects/{CODE}"),
        Page("admin", "admin-project-new", "/admin/projects/new"),
        Page("admin", "admin-factors", "/admin/factors"),
        Page("admin", "admin-factor", f"/admin/factors/{ids['factor']}"),
        Page("admin", "admin-audit", "/admin/audit"),
        Page("admin", "admin-tokens", "/admin/tokens"),
    ]


LOGINS = {"manager": (MANAGER, DEMO_PASSWORD), "coach": (COACH, DEMO_PASSWORD),
          "admin": (ADMIN, DEMO_PASSWORD)}
VIEWPORTS = {390: {"width": 390, "height": 844}, 1280: {"width": 1280, "height": 860}}
LOCALES = {"nl": "nl-NL", "en": "en-GB"}


def open_as(browser, base: str, role: str, lang: str, width: int):
    """A page in a fresh context, logged in as ``role`` and switched to ``lang``."""
    context = browser.new_context(viewport=VIEWPORTS[width], locale=LOCALES[lang], bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(base + "/login")
    if role in LOGINS:
        email, password = LOGINS[role]
        page.fill("input[name=email]", email)
        page.fill("input[name=password]", password)
        page.click("main button[type=submit]")
        page.wait_for_load_state()
    page.click(f"button[name=locale][value={lang}]")
    page.wait_for_load_state()
    return context, page


def settle(page) -> None:
    """Wait until the page has loaded and every chart is drawn."""
    page.wait_for_load_state("load")
    for chart in page.locator("div.chart").all():
        chart.locator("svg.main-svg").first.wait_for(state="attached")
