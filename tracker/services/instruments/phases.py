"""Phase history, the close-out review and the 4c leadership suggestion of a project."""
from datetime import date

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tracker.database import write_transaction
from tracker.domain.leadership import (GOAL_SETTINGS, LeadershipInputs, LeadershipSettings, Suggestion,
                                       suggest)
from tracker.extensions import db
from tracker.i18n import format_day
from tracker.models import CloseoutReview, GoalSetting, Phase, PhaseChange, Project, User
from tracker.models.base import utcnow
from tracker.services.errors import ValidationFailed
from tracker.services.events.transfer import neutralise
from tracker.services.instruments import scan
from tracker.services.trust.history import trust_history

NOTE_MAX = 2000
REVIEW_MAX = 10_000
#: The four steps of learning from successes, in order (step 2 has two columns).
REVIEW_FIELDS = ("went_well", "own_initiative", "context", "deeper_findings", "lessons")


def changes(project: Project) -> list[PhaseChange]:
    """The project's recorded phase changes, oldest first."""
    return list(db.session.scalars(select(PhaseChange).where(PhaseChange.project_id == project.id)
                                   .order_by(PhaseChange.changed_on, PhaseChange.id)))


def phase_changes(project: Project) -> list[dict]:
    """Phase steps with their dates: phase, since, until (None = current), note, by."""
    recorded = changes(project)
    first = recorded[0].from_phase if recorded else project.phase
    steps = [{"phase": first, "since": project.start_date, "until": None, "note": "", "by": None}]
    for change in recorded:
        steps[-1]["until"] = change.changed_on
        steps.append({"phase": change.phase, "since": change.changed_on, "until": None,
                      "note": change.note, "by": change.changed_by})
    return steps


def change_phase(project: Project, phase: Phase | str | None, changed_on: date | None, note: str,
                 author: User | None, today: date | None = None) -> PhaseChange:
    """Move the project to another phase on a date; the history keeps every move."""
    today = today or date.today()
    errors: dict[str, list[str]] = {}
    try:
        phase = Phase(phase)
    except ValueError:
        errors["phase"] = [str(_l("Choose a phase."))]
    else:
        if phase == project.phase:
            errors["phase"] = [str(_l("The project is already in this phase."))]
    recorded = changes(project)
    earliest = recorded[-1].changed_on if recorded else project.start_date
    if changed_on is None:
        errors["changed_on"] = [str(_l("Give the date of the change."))]
    elif changed_on > today:
        errors["changed_on"] = [str(_l("The date cannot be in the future."))]
    elif changed_on < earliest:
        errors["changed_on"] = [str(_l("The date cannot be before %(day)s.", day=format_day(earliest)))]
    if len(note or "") > NOTE_MAX:
        errors["note"] = [str(_l("Keep the note under %(n)d characters.", n=NOTE_MAX))]
    if errors:
        raise ValidationFailed(errors)
    with write_transaction():
        change = PhaseChange(project_id=project.id, from_phase=project.phase, phase=phase,
                             changed_on=changed_on, note=(note or "").strip(),
                             changed_by_id=author.id if author else None)
        project.phase = phase
        db.session.add(change)
    return change


def closeout(project: Project) -> CloseoutReview | None:
    """The project's close-out review, if one was saved."""
    return db.session.scalar(select(CloseoutReview).where(CloseoutReview.project_id == project.id))


def save_closeout(project: Project, values: dict[str, str], author: User | None) -> CloseoutReview:
    """Create or update the close-out review (every field optional, each ≤ 10,000 characters)."""
    errors = {name: [str(_l("Keep this under %(n)d characters.", n=REVIEW_MAX))]
              for name in REVIEW_FIELDS if len(values.get(name) or "") > REVIEW_MAX}
    if errors:
        raise ValidationFailed(errors)
    with write_transaction():
        review = closeout(project) or CloseoutReview(project_id=project.id)
        for name in REVIEW_FIELDS:
            setattr(review, name, (values.get(name) or "").strip())
        review.updated_by_id = author.id if author else None
        review.updated_at = utcnow()
        db.session.add(review)
    return review


def closeout_markdown(project: Project, review: CloseoutReview | None, titles: dict[str, str]) -> str:
    """The review as a Markdown document (``titles``: field → heading in the user's language)."""
    lines = [f"# {project.code} — {project.name}", ""]
    for name in REVIEW_FIELDS:
        text = getattr(review, name, "") if review else ""
        lines += [f"## {titles[name]}", "", text or "—", ""]
    return "\n".join(lines)


def closeout_csv(project: Project, review: CloseoutReview | None) -> list[list[str]]:
    """The review as CSV rows (``project,step,text``), text cells safe from formulas."""
    rows = [["project", "step", "text"]]
    rows += [[project.code, name, neutralise(getattr(review, name, "") if review else "")]
             for name in REVIEW_FIELDS]
    return rows


def goal_setting(project: Project) -> str | None:
    """The project's own word on its goals: "open", "concrete" or None (let the scan decide)."""
    row = db.session.scalar(select(GoalSetting).where(GoalSetting.project_id == project.id))
    return row.goals if row else None


def set_goal_setting(project: Project, value: str | None, author: User | None) -> None:
    """Store or clear ("" / None) the goal setting."""
    value = value or None
    if value is not None and value not in GOAL_SETTINGS:
        raise ValidationFailed({"goals": [str(_l("Choose open, concrete or “let the scan decide”."))]})
    with write_transaction():
        row = db.session.scalar(select(GoalSetting).where(GoalSetting.project_id == project.id))
        if value is None:
            if row is not None:
                db.session.delete(row)
            return
        row = row or GoalSetting(project_id=project.id)
        row.goals, row.set_by_id, row.updated_at = value, author.id if author else None, utcnow()
        db.session.add(row)


def _combined(*values: float | None) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def leadership(project: Project) -> Suggestion | None:
    """The 4c role suggestion from personal trust, the newest scan and the goal setting."""
    settings = LeadershipSettings(**(current_app.config.get("LEADERSHIP_SETTINGS") or {}))
    return suggest(leadership_inputs(project), settings)


def leadership_inputs(project: Project) -> LeadershipInputs:
    """What the 4c rule can go on: personal trust, the newest scan's figures, the goal setting."""
    personal = trust_history(project, date.today()).current.figures.personal.value
    result = scan.round_results(scan.round_named(project, None))
    interaction = goals = results = None
    if result is not None:
        lens = result.lens("interaction")
        interaction = _combined(lens.client, lens.contractor)
        goals, results = result.factor("goals").combined, result.factor("results").combined
    return LeadershipInputs(personal_trust=personal, interaction=interaction, goals=goals,
                            results=results, goal_setting=goal_setting(project))
