"""The database models, one module per aggregate."""
from tracker.models import clean_text  # noqa: F401  (no hidden control characters in stored text)
from tracker.models import event_changes  # noqa: F401  (keeps Project.events_version current)
from tracker.models.api_token import ApiToken, IdempotencyKey  # noqa: F401  (API access)
from tracker.models.audit import AuditEntry  # noqa: F401  (the audit log)
from tracker.models.event import Event, EventRevision, EventScore
from tracker.models.event_view import EventView, EventViewScore
from tracker.models.factor import Factor
from tracker.models.give_take import GiveTakeEntry  # noqa: F401  (periodic instruments)
from tracker.models.action import Action, ActionStatus
from tracker.models.ladder import LadderStatus, LadderVersion
from tracker.models.notification import (  # noqa: F401  (mail and notifications)
    Notification, NotificationPreference, OutboxMail, SignalChange, SignalWatch)
from tracker.models.organisation import Organisation
from tracker.models.phase import CloseoutReview, GoalSetting, PhaseChange  # noqa: F401
from tracker.models.project import ContractForm, MemberRole, Membership, MemberSide, Phase, Project
from tracker.models.sign_in import RecoveryCode, UserSession  # noqa: F401  (sessions, MFA)
from tracker.models.scan import ScanAnswer, ScanResponse, ScanRound  # noqa: F401
from tracker.models.summary import ProjectSummary  # noqa: F401  (registers the table)
from tracker.models.user import User
from tracker.models.webhook import WebhookDelivery, WebhookEndpoint  # noqa: F401  (webhooks)

__all__ = [
    "ContractForm", "Event", "EventRevision", "EventScore", "EventView", "EventViewScore", "Factor",
    "Action", "ActionStatus", "LadderStatus", "LadderVersion",
    "MemberRole", "MemberSide", "Membership", "Organisation", "Phase", "Project", "User",
]
