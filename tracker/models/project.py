"""Projects and who belongs to them."""
import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db
from tracker.models.base import enum_column, utcnow
from tracker.models.organisation import Organisation
from tracker.models.user import User


class ContractForm(enum.StrEnum):
    """Contract forms common in Dutch infrastructure."""

    UAV_GC = "uav_gc"
    UAV_2012 = "uav_2012"
    NEC = "nec"
    ALLIANCE = "alliance"
    OTHER = "other"


class Phase(enum.StrEnum):
    """The three phases of a cross-organisational partnership."""

    FINDING = "finding"
    WORKING = "working"
    LETTING_GO = "letting_go"


class MemberSide(enum.StrEnum):
    """Which party a member speaks for; coaches belong to neither."""

    CLIENT = "client"
    CONTRACTOR = "contractor"
    COACH = "coach"


class MemberRole(enum.StrEnum):
    """Managers log and edit events; members read."""

    MANAGER = "manager"
    MEMBER = "member"


class Project(db.Model):
    """A partnership between one client and one contractor organisation."""

    __tablename__ = "project"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    description: Mapped[str] = mapped_column(Text, default="")
    contract_form: Mapped[ContractForm] = mapped_column(enum_column(ContractForm, "contract_form"))
    phase: Mapped[Phase] = mapped_column(enum_column(Phase, "phase"), default=Phase.FINDING)
    client_org_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    contractor_org_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    start_date: Mapped[date]
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Raised in the same transaction as every event change (tracker/models/event_changes.py), so
    # caches keyed on it see concurrent writers in commit order, unlike a timestamp.
    events_version: Mapped[int] = mapped_column(default=0, server_default="0")

    client_org: Mapped[Organisation] = relationship(foreign_keys=[client_org_id])
    contractor_org: Mapped[Organisation] = relationship(foreign_keys=[contractor_org_id])
    memberships: Mapped[list["Membership"]] = relationship(back_populates="project",
                                                           cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<Project {self.code}>"


class Membership(db.Model):
    """A user's seat on a project: side and role."""

    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("project_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    side: Mapped[MemberSide] = mapped_column(enum_column(MemberSide, "member_side"))
    role: Mapped[MemberRole] = mapped_column(enum_column(MemberRole, "member_role"),
                                             default=MemberRole.MEMBER)

    project: Mapped[Project] = relationship(back_populates="memberships")
    user: Mapped[User] = relationship()

    @property
    def can_log(self) -> bool:
        """Only a party's managers log and edit events."""
        return self.role == MemberRole.MANAGER and self.side != MemberSide.COACH
