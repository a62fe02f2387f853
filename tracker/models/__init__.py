"""The database models, one module per aggregate."""
from tracker.models.event import Event, EventRevision, EventScore
from tracker.models.factor import Factor
from tracker.models.intervention import InterventionRecord
from tracker.models.organisation import Organisation
from tracker.models.project import ContractForm, MemberRole, MemberSide, Membership, Phase, Project
from tracker.models.user import User

__all__ = [
    "ContractForm", "Event", "EventRevision", "EventScore", "Factor", "InterventionRecord",
    "MemberRole", "MemberSide", "Membership", "Organisation", "Phase", "Project", "User",
]
