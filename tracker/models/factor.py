"""The factor catalogue: what events are scored on (data, so admins can extend it)."""
from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tracker.domain.types import Dimension
from tracker.extensions import db
from tracker.models.base import enum_column


class Factor(db.Model):
    """One trust factor with its Dutch and English wording."""

    __tablename__ = "factor"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    dimension: Mapped[Dimension] = mapped_column(enum_column(Dimension, "dimension"))
    label_nl: Mapped[str] = mapped_column(String(80))
    label_en: Mapped[str] = mapped_column(String(80))
    description_nl: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=100)
    is_active: Mapped[bool] = mapped_column(default=True)

    def label(self, locale: str) -> str:
        """The label in the given language (Dutch or English)."""
        return self.label_nl if locale == "nl" else self.label_en

    def description(self, locale: str) -> str:
        """The description in the given language (Dutch or English)."""
        return self.description_nl if locale == "nl" else self.description_en
