"""Give and take: each party's bring/get points per round, the balances and the signal."""
from datetime import date

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select

from tracker.database import write_transaction
from tracker.domain import give_take as domain
from tracker.domain.signals import Flag
from tracker.domain.types import Side
from tracker.extensions import db
from tracker.models import GiveTakeEntry, Project, User
from tracker.models.base import utcnow
from tracker.services.errors import ValidationFailed

LABEL_MAX = 60
COMMENT_MAX = 1000


def give_take_settings() -> domain.GiveTakeSettings:
    """The deployment's thresholds: defaults overridden by the GIVE_TAKE_SETTINGS config."""
    return domain.GiveTakeSettings.from_mapping(current_app.config.get("GIVE_TAKE_SETTINGS") or {})


def check_entries(label: str, recorded_on: date | None, rows: dict,
                  today: date) -> dict[str, list[str]]:
    """Problems by field (``label``, ``recorded_on``, ``<category>_bring|get|comment``)."""
    errors: dict[str, list[str]] = {}
    label = (label or "").strip()
    if not label or len(label) > LABEL_MAX:
        errors["label"] = [str(_l("Name the round in at most %(n)d characters.", n=LABEL_MAX))]
    if recorded_on is None:
        errors["recorded_on"] = [str(_l("Give the date."))]
    elif recorded_on > today:
        errors["recorded_on"] = [str(_l("The date cannot be in the future."))]
    unknown = sorted(set(rows) - set(domain.CATEGORIES))
    if unknown:
        errors["categories"] = [str(_l("Unknown category: %(names)s.", names=", ".join(unknown)))]
    for category in domain.CATEGORIES:
        bring, get, comment = rows.get(category, (None, None, ""))
        for name, value in (("bring", bring), ("get", get)):
            if isinstance(value, bool) or value not in domain.POINTS:
                errors[f"{category}_{name}"] = [str(_l("Choose 0 to 5."))]
        if len(comment or "") > COMMENT_MAX:
            errors[f"{category}_comment"] = [str(_l("Keep the comment under %(n)d characters.",
                                                    n=COMMENT_MAX))]
    return errors


def record(project: Project, side: Side, label: str, recorded_on: date | None, rows: dict,
           author: User | None, today: date | None = None) -> None:
    """Store one party's six categories for a round, replacing what it recorded before.

    ``rows`` maps category → (bring, get, comment). All six categories are required.
    """
    errors = check_entries(label, recorded_on, rows, today or date.today())
    if errors:
        raise ValidationFailed(errors)
    label = label.strip()
    with write_transaction():
        db.session.execute(delete(GiveTakeEntry).where(
            GiveTakeEntry.project_id == project.id, GiveTakeEntry.round_label == label,
            GiveTakeEntry.side == Side(side)))
        for category in domain.CATEGORIES:
            bring, get, comment = rows[category]
            db.session.add(GiveTakeEntry(
                project_id=project.id, round_label=label, recorded_on=recorded_on, side=Side(side),
                category=category, bring=bring, get=get, comment=(comment or "").strip(),
                recorded_by_id=author.id if author else None, updated_at=utcnow()))


def round_labels(project: Project) -> list[str]:
    """The project's round labels, most recently recorded first."""
    rows = db.session.execute(
        select(GiveTakeEntry.round_label, func.max(GiveTakeEntry.recorded_on).label("last"))
        .where(GiveTakeEntry.project_id == project.id).group_by(GiveTakeEntry.round_label)
        .order_by(func.max(GiveTakeEntry.recorded_on).desc(), GiveTakeEntry.round_label))
    return [label for label, _ in rows]


def round_view(project: Project, label: str | None) -> dict | None:
    """One round (default: the latest): entries per side, balances and the signal."""
    labels = round_labels(project)
    if label is None:
        label = labels[0] if labels else None
    if label is None or label not in labels:
        return None
    entries = list(db.session.scalars(select(GiveTakeEntry).where(
        GiveTakeEntry.project_id == project.id, GiveTakeEntry.round_label == label)))
    by_side: dict[Side, dict[str, GiveTakeEntry]] = {Side.CLIENT: {}, Side.CONTRACTOR: {}}
    for entry in entries:
        by_side[entry.side][entry.category] = entry
    balances = domain.balances(domain.Entry(e.side, e.category, e.bring, e.get) for e in entries)
    flag: Flag | None = domain.imbalance(balances, give_take_settings(), label)
    return {"label": label, "labels": labels, "entries": by_side, "balances": balances,
            "flag": flag,
            "recorded_on": {side: max((e.recorded_on for e in rows.values()), default=None)
                            for side, rows in by_side.items()}}


def prefill(project: Project, side: Side, label: str | None) -> dict:
    """Form data with what this party recorded for the round, if anything."""
    view = round_view(project, label)
    if view is None:
        return {}
    rows = view["entries"][Side(side)]
    data: dict = {"label": view["label"]}
    for category, entry in rows.items():
        data.update({f"{category}_bring": entry.bring, f"{category}_get": entry.get,
                     f"{category}_comment": entry.comment})
    if rows:
        data["recorded_on"] = view["recorded_on"][Side(side)]
    return data
