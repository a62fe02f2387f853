"""The audit log's stored details (English keys and code words) as text in the reader's language."""
from flask_babel import lazy_gettext as _l

from tracker.blueprints.admin.forms import LABELS

DETAIL_KEYS = {
    "side": _l("Side"), "role": _l("Role"), "reason": _l("Reason"), "events": _l("Events"),
    "skipped": _l("Skipped rows"), "problems": _l("Problems"), "fields": _l("Fields"),
    "changes": _l("Changes"), "dimension": _l("Dimension"), "label_en": _l("Label (English)"),
    "failures": _l("Failed attempts"), "wait_seconds": _l("Wait (seconds)"), "user_id": _l("User number"),
    "is_admin": _l("Admin"), "started_on": _l("Started on"), "note": _l("Note"), "email": _l("E-mail"),
    "name": _l("Name"), "organisation_id": _l("Organisation number"),
}
# Code words services store; anything else (free text such as a retraction reason) is shown as typed.
WORDS = {**LABELS["side"], **LABELS["role"], **LABELS["dimension"],
         "throttled": _l("too many attempts"), "unknown_account": _l("unknown account"),
         "account_disabled": _l("account disabled"), "wrong_password": _l("wrong password")}


def _text(value, key: str = "") -> str:
    """One stored value as text: code words translated, a changed value as old → new."""
    if isinstance(value, bool):
        return str(_l("yes") if value else _l("no"))
    if isinstance(value, list) and key == "fields":  # names of the fields that changed
        return ", ".join(str(DETAIL_KEYS.get(v, v)) for v in value)
    if isinstance(value, list) and len(value) == 2:
        return f"{_text(value[0])} → {_text(value[1])}"
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{DETAIL_KEYS.get(k, k)}: {_text(v, k)}" for k, v in value.items())
    if value is None or value == "":
        return "—"
    return str(WORDS.get(value, value)) if isinstance(value, str) else str(value)


def detail_rows(details: dict | None) -> list[tuple[str, str]]:
    """(label, text) per stored detail, in the current language."""
    return [(str(DETAIL_KEYS.get(key, key)), _text(value, key)) for key, value in (details or {}).items()]
