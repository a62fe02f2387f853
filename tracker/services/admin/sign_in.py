"""Admin actions on how people sign in: an organisation's two-step rule, resetting someone's second factor."""
from tracker.database import write_transaction
from tracker.models import Organisation, User
from tracker.services import audit
from tracker.services.accounts import mfa


def set_organisation_mfa(organisation: Organisation, required: bool, acting: User) -> None:
    """Require (or stop requiring) two-step login for everyone of the organisation; audited."""
    with write_transaction():
        organisation.mfa_required = bool(required)
        audit.record("organisation.sign_in", actor=acting, target=organisation.name,
                     details={"organisation_id": organisation.id, "mfa_required": bool(required)})


def reset_mfa(user: User, acting: User) -> None:
    """Remove someone's authenticator app and recovery codes (a lost phone); they set it up again."""
    mfa.reset(user, acting)
