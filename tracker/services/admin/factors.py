"""The factor catalogue: admins add factors and edit their wording, never their key or dimension."""
import re
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tracker.domain.types import Dimension
from tracker.extensions import db
from tracker.models import Factor, User
from tracker.services import audit
from tracker.services.admin.users import Problems, clean, guarded_write
from tracker.services.events.queries import catalogue
from tracker.services.errors import NotFound, ValidationFailed

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
LABEL_MAX = 80
DESCRIPTION_MAX = 2_000
POSITION_RANGE = range(0, 10_000)
_TAKEN = _l("A factor with this key exists.")
# Factor keys become CSV column names (docs/contracts.md); they must not clash with the event columns.
RESERVED_KEYS = frozenset({
    "occurred_on", "side", "kind", "steering", "escalation_level", "planned", "title",
    "description", "links_to", "links_to_id", "project", "version", "created_at", "created_by",
    "updated_at", "updated_by", "retracted", "retracted_at", "retracted_by", "retraction_reason",
})


@dataclass
class FactorWording:
    """What an admin may change on a factor at any time."""

    label_nl: str
    label_en: str
    description_nl: str = ""
    description_en: str = ""
    position: int | None = 100
    is_active: bool = True


def all_factors() -> list[Factor]:
    """The whole catalogue, personal factors first, then by position."""
    return sorted(catalogue(), key=lambda f: f.dimension.value != "personal")  # stable: keeps positions


def get_factor(factor_id: int) -> Factor:
    """The factor with this id, or NotFound."""
    factor = db.session.get(Factor, factor_id)
    if factor is None:
        raise NotFound()
    return factor


def _check_wording(problems: Problems, wording: FactorWording) -> dict:
    """Validate labels, descriptions and position; return the cleaned values."""
    values = {name: clean(getattr(wording, name))
              for name in ("label_nl", "label_en", "description_nl", "description_en")}
    for name in ("label_nl", "label_en"):
        if not values[name]:
            problems.add(name, _l("Enter a label."))
        elif len(values[name]) > LABEL_MAX:
            problems.add(name, _l("A label can be at most %(n)d characters.", n=LABEL_MAX))
    for name in ("description_nl", "description_en"):
        if len(values[name]) > DESCRIPTION_MAX:
            problems.add(name, _l("A description can be at most %(n)d characters.", n=DESCRIPTION_MAX))
    if wording.position is None or wording.position not in POSITION_RANGE:
        problems.add("position", _l("Enter a whole number from 0 to 9999."))
    values["position"] = wording.position
    values["is_active"] = bool(wording.is_active)
    return values


def add_factor(key: str, dimension: str, wording: FactorWording, *,
               actor: User | None = None) -> Factor:
    """Add a factor to the catalogue; its key and dimension are fixed from now on."""
    key = clean(key)
    problems = Problems()
    if not KEY_PATTERN.match(key):
        problems.add("key", _l("Use 2 to 40 characters: lower-case letters, digits and '_', "
                               "starting with a letter."))
    elif key in RESERVED_KEYS:
        problems.add("key", _l("This key is reserved for an event column; choose another."))
    if dimension not in {d.value for d in Dimension}:
        problems.add("dimension", _l("Choose personal or system trust."))
    values = _check_wording(problems, wording)
    problems.raise_if_any()
    with guarded_write("key", _TAKEN):
        if db.session.execute(select(Factor.id).where(Factor.key == key)).first():
            raise ValidationFailed({"key": [str(_TAKEN)]})
        factor = Factor(key=key, dimension=Dimension(dimension), **values)
        db.session.add(factor)
        audit.record("factor.add", actor=actor, target=key,
                     details={"dimension": dimension, "label_en": values["label_en"]})
    return factor


def update_factor(factor: Factor, wording: FactorWording, *, actor: User | None = None) -> Factor:
    """Change a factor's labels, descriptions, position or active flag (events keep their scores)."""
    problems = Problems()
    values = _check_wording(problems, wording)
    problems.raise_if_any()
    with guarded_write("key", _l("The factor could not be saved; reload and try again.")):
        changes = {name: [getattr(factor, name), value] for name, value in values.items()
                   if getattr(factor, name) != value}
        for name, value in values.items():
            setattr(factor, name, value)
        if changes:
            audit.record("factor.update", actor=actor, target=factor.key, details={"changes": changes})
    return factor
