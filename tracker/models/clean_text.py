"""Every text written through the ORM passes `clean_text`: no hidden control or direction characters.

Forms, the API, the command line and services all save through a session flush, so this one hook
covers them, including paths added later. Bulk imports that insert with Core clean their cells
when they read the file (`tracker.services.events.transfer`); values stay as they are on objects
that are only read.
"""
from itertools import chain

from sqlalchemy import JSON, String, event, inspect
from sqlalchemy.orm import Session

from tracker.domain.text import clean_value


_columns: dict = {}


def _text_columns(mapper) -> list[str]:
    """Attribute names of the mapper's string and JSON columns (worked out once per mapper)."""
    cached = _columns.get(mapper)
    if cached is None:
        cached = _columns[mapper] = [attr.key for attr in mapper.column_attrs
                                     if isinstance(attr.columns[0].type, (String, JSON))]
    return cached


@event.listens_for(Session, "before_flush")
def clean_written_text(session: Session, _context, _instances) -> None:
    """Clean the string and JSON values of new and changed objects before they are written."""
    for obj in chain(session.new, session.dirty):
        state = inspect(obj)
        for key in _text_columns(state.mapper):
            value = state.dict.get(key)
            if value is None:
                continue
            cleaned = clean_value(value)
            if cleaned != value:
                setattr(obj, key, cleaned)
