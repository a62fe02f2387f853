"""Shared column helpers for the models."""
import enum
from datetime import datetime, timezone

from sqlalchemy import Enum


def utcnow() -> datetime:
    """The current time in UTC (naive), as stored in every timestamp column."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def enum_column(cls: type[enum.Enum], name: str) -> Enum:
    """Store an enum as its value in a portable VARCHAR with a CHECK constraint."""
    return Enum(cls, name=name, native_enum=False, create_constraint=True,
                values_callable=lambda members: [m.value for m in members], length=20)
