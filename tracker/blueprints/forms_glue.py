"""Helpers shared by views: service errors onto forms, safe redirects."""
from urllib.parse import urlsplit

from flask_wtf import FlaskForm


def attach_errors(form: FlaskForm, errors: dict[str, list[str]]) -> None:
    """Show service validation messages next to the matching form fields."""
    for name, messages in errors.items():
        target = getattr(form, name, None)
        if target is not None and hasattr(target, "errors"):
            target.errors = list(target.errors) + list(messages)
        else:
            form.form_errors.extend(messages)


def safe_next(target: str | None, default: str) -> str:
    """Only follow `next` when it points at a path on this site."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") \
            or "\\" in target:
        return default
    return target
