"""Recording which intervention from the catalogue a coach or manager started, and listing them."""
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tracker.database import write_transaction
from tracker.domain import interventions as catalogue
from tracker.domain.types import SIGNAL_CODES
from tracker.extensions import db
from tracker.i18n import format_day
from tracker.models import InterventionRecord, User
from tracker.services import audit
from tracker.services.access import ProjectAccess
from tracker.services.errors import Forbidden, NotFound, ValidationFailed

NOTE_MAX = 2000


@dataclass(frozen=True)
class RecordedIntervention:
    """A recorded intervention as plain values for the dashboard and the charts."""

    id: int
    key: str
    started_on: date
    signal_code: str | None
    note: str
    recorded_by: str | None


def check_intervention(key: str, started_on: date | None, signal_code: str | None, note: str,
                       *, project_start: date, today: date) -> dict[str, list[str]]:
    """Field → messages for every rule the input breaks (empty when valid)."""
    errors: dict[str, list[str]] = {}

    def add(name: str, message) -> None:
        errors.setdefault(name, []).append(str(message))

    if key not in catalogue.keys():
        add("intervention", _l("Choose an intervention from the list."))
    if signal_code and signal_code not in SIGNAL_CODES:
        add("signal", _l("Choose a signal from the list, or none."))
    if started_on is None:
        add("started_on", _l("Give the date the intervention started."))
    elif started_on > today:
        add("started_on", _l("The start date cannot be in the future."))
    elif started_on < project_start:
        add("started_on", _l("The start date cannot be before the project started (%(day)s).",
                             day=format_day(project_start)))
    if len(note or "") > NOTE_MAX:
        add("note", _l("The note can be at most %(n)d characters.", n=NOTE_MAX))
    return errors


def record_intervention(access: ProjectAccess, author: User, *, key: str, started_on: date | None,
                        signal_code: str | None = None, note: str = "",
                        today: date | None = None) -> InterventionRecord:
    """Store that an intervention started; Forbidden for members, ValidationFailed for bad input."""
    if not access.can_record_interventions:
        raise Forbidden()
    note = (note or "").strip()
    signal_code = signal_code or None
    errors = check_intervention(key, started_on, signal_code, note,
                                project_start=access.project.start_date,
                                today=today or date.today())
    if errors:
        raise ValidationFailed(errors)
    with write_transaction():
        record = InterventionRecord(project_id=access.project.id, intervention_key=key,
                                    started_on=started_on, signal_code=signal_code, note=note,
                                    recorded_by_id=author.id)
        db.session.add(record)
    return record


def remove_intervention(access: ProjectAccess, actor: User, record_id: int) -> None:
    """Delete a recorded intervention of this project (a mistaken record); audited.

    Forbidden for members; NotFound when the record is not this project's (or already gone).
    """
    if not access.can_record_interventions:
        raise Forbidden()
    with write_transaction():
        record = db.session.scalar(select(InterventionRecord).where(
            InterventionRecord.id == record_id, InterventionRecord.project_id == access.project.id))
        if record is None:
            raise NotFound()
        audit.record("intervention.remove", actor=actor, project=access.project,
                     target=record.intervention_key,
                     details={"started_on": record.started_on.isoformat(), "note": record.note[:200]})
        db.session.delete(record)


def list_interventions(project_id: int) -> list[RecordedIntervention]:
    """The project's recorded interventions, oldest start first (one column query)."""
    rows = db.session.execute(
        select(InterventionRecord.id, InterventionRecord.intervention_key,
               InterventionRecord.started_on, InterventionRecord.signal_code,
               InterventionRecord.note, User.name)
        .outerjoin(User, User.id == InterventionRecord.recorded_by_id)
        .where(InterventionRecord.project_id == project_id)
        .order_by(InterventionRecord.started_on, InterventionRecord.id)).all()
    return [RecordedIntervention(*row) for row in rows]
