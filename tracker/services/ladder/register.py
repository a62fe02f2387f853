"""The open-issues register of a project as of a date (reads only).

Reusable: `open_issues(project, as_of)` gives `tracker.domain.clock.OpenIssue` rows (clock, due
date, days left, the chain's steps); `open_issues_json(project, as_of)` the command-line list
``[{"event", "title", "level", "since", "days_at_level", "time_box_days", "overdue"}]``.
"""
from datetime import date

from tracker.domain.clock import OpenIssue, register
from tracker.models import Project
from tracker.services.ladder.queries import ladder_history
from tracker.services.trust.facts import load_facts

SORTS = ("urgency", "level", "since", "days_at_level", "title")


def open_issues(project: Project, as_of: date | None = None, sort: str = "urgency") -> list[OpenIssue]:
    """The project's open issue chains on ``as_of`` (today), most urgent first or by ``sort``."""
    as_of = as_of or date.today()
    rows = register(load_facts(project.id, as_of), as_of, ladder_history(project.id))
    if sort == "level":
        rows.sort(key=lambda r: (-r.level, r.since))
    elif sort == "since":
        rows.sort(key=lambda r: (r.since, r.event))
    elif sort == "days_at_level":
        rows.sort(key=lambda r: (-r.days_at_level, r.event))
    elif sort == "title":
        rows.sort(key=lambda r: (r.title.casefold(), r.event))
    return rows


def open_issues_json(project: Project, as_of: date | None = None) -> list[dict]:
    """The register as the command line (and the API) prints it."""
    return [row.to_json() for row in open_issues(project, as_of)]
