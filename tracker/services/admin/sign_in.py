"""Admin actions on how people sign in: an organisation's two-step rule and single sign-on, resetting
someone's second factor."""
import re
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l

from tracker.database import write_transaction
from tracker.models import Organisation, User
from tracker.services import audit
from tracker.models.user import new_session_token
from tracker.services.accounts import mfa, sessions
from tracker.services.errors import ValidationFailed

_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


def set_organisation_mfa(organisation: Organisation, required: bool, acting: User) -> None:
    """Require (or stop requiring) two-step login for everyone of the organisation; audited."""
    with write_transaction():
        organisation.mfa_required = bool(required)
        audit.record("organisation.sign_in", actor=acting, target=organisation.name,
                     details={"organisation_id": organisation.id, "mfa_required": bool(required)})


def reset_mfa(user: User, acting: User) -> None:
    """Remove someone's authenticator app and recovery codes (a lost phone); they set it up again."""
    mfa.reset(user, acting)


def _issuer_problem(issuer: str) -> str | None:
    parts = urlsplit(issuer)
    if parts.scheme == "https" and parts.hostname:
        return None
    if parts.scheme == "http" and parts.hostname in _LOOPBACK:
        return None  # a provider on this machine (tests, local trials)
    return str(_l("Give the provider's https:// address (its issuer), for example "
                  "https://login.microsoftonline.com/<tenant>/v2.0."))


def set_organisation_sso(organisation: Organisation, *, issuer: str, client_id: str, client_secret: str,
                         domains: str, sso_only: bool, acting: User) -> None:
    """Configure single sign-on (an empty issuer switches it off); an empty secret keeps the stored one."""
    issuer, client_id = issuer.strip().rstrip("/"), client_id.strip()
    names = [d.strip().lower() for d in domains.replace(";", ",").split(",") if d.strip()]
    errors: dict[str, list[str]] = {}
    if issuer:
        if problem := _issuer_problem(issuer):
            errors["sso_issuer"] = [problem]
        if not client_id:
            errors["sso_client_id"] = [str(_l("Give the client id the provider issued."))]
        if not names or not all(_DOMAIN.fullmatch(d) for d in names):
            errors["sso_domains"] = [str(_l("Give one or more e-mail domains, separated by commas."))]
    elif sso_only:
        errors["sso_only"] = [str(_l("Single sign-on must be set up before it can be the only way in."))]
    if errors:
        raise ValidationFailed(errors)
    with write_transaction():
        organisation.sso_issuer = issuer or None
        organisation.sso_client_id = client_id or None
        if client_secret.strip() or not issuer:
            organisation.sso_client_secret = client_secret.strip() or None
        organisation.sso_domains, organisation.sso_only = ",".join(names), bool(sso_only and issuer)
        audit.record("organisation.sign_in", actor=acting, target=organisation.name,
                     details={"organisation_id": organisation.id, "sso_issuer": issuer or None,
                              "sso_domains": organisation.sso_domains, "sso_only": organisation.sso_only})


def end_sessions(user: User, acting: User) -> None:
    """End every session of someone (a lost laptop, a suspicion); they log in again. Audited."""
    with write_transaction():
        user.session_token = new_session_token()
        sessions.end_others(user)
        audit.record("session.end", actor=acting, target=user.email, details={"user_id": user.id, "all": True})
