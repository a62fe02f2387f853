"""Invitations and password reset by e-mail: signed, single-use, expiring links.

A link carries the account id and a fingerprint of its current password hash, so it dies the
moment a password is set (single use) and after its lifetime (itsdangerous' timestamp).
"""
import secrets

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tracker.database import write_transaction
from tracker.extensions import db
from tracker.models import MemberRole, Membership, MemberSide, Project, User
from tracker.services import audit
from tracker.services.access import ProjectAccess
from tracker.services.accounts import users as accounts
from tracker.services.admin.users import EMAIL_MAX, Problems, _check_identity, clean
from tracker.services.errors import Forbidden, ValidationFailed
from tracker.services.notify.compose import MailContent, greeting, prepare_user_mail, queue_user_mail
from tracker.services.notify.links import BadToken, absolute_url, password_fingerprint, sign, unsign

INVITE, RESET = "invite", "reset"


def _lifetime(purpose: str) -> int:
    """How long a link of this purpose stays valid, in seconds."""
    config = current_app.config
    return config["INVITATION_DAYS"] * 86400 if purpose == INVITE else config["RESET_MINUTES"] * 60


def link_token(purpose: str, user: User) -> str:
    """A signed link token for this account as it is now."""
    return sign(purpose, [user.id, password_fingerprint(user.password_hash)])


def user_for_token(purpose: str, token: str) -> User:
    """The account a valid, unused, unexpired link belongs to; BadToken otherwise."""
    payload = unsign(purpose, token, max_age=_lifetime(purpose))
    try:
        user_id, fingerprint = payload
        user = db.session.get(User, int(user_id))
    except (TypeError, ValueError):
        raise BadToken() from None
    if user is None or not user.is_enabled or fingerprint != password_fingerprint(user.password_hash):
        raise BadToken()
    return user


ALL_SIDES = tuple(s.value for s in MemberSide)


def invitable_sides(access: ProjectAccess) -> tuple[str, ...]:
    """A party's manager invites to their own party's side; everyone else nobody (Forbidden)."""
    if not access.can_log:
        raise Forbidden()
    return (access.side.value,)


def invite(project: Project, email: str, name: str, side: str, role: str, language: str, *,
           actor: User, sides: tuple[str, ...]) -> Membership:
    """Give a person a seat on one of ``sides``: a new account gets a link to set its password,
    an existing one a note (admins may seat any side, a manager only their own)."""
    email, name = clean(email).lower(), clean(name)
    problems = Problems()
    existing = accounts.find_user(email) if email and len(email) <= EMAIL_MAX else None
    _check_identity(problems, email, name or (existing.name if existing else ""))
    if side not in sides:
        problems.add("side", _l("Choose client, contractor or coach."))
    if role not in {r.value for r in MemberRole}:
        problems.add("role", _l("Choose manager or member."))
    problems.raise_if_any()
    with write_transaction():
        user = existing or _new_account(email, name, language, actor)
        if db.session.execute(select(Membership.id).where(
                Membership.project_id == project.id, Membership.user_id == user.id)).first():
            raise ValidationFailed({"email": [str(_l("This person is already a member of the project."))]})
        membership = Membership(project_id=project.id, user_id=user.id, side=MemberSide(side),
                                role=MemberRole(role))
        db.session.add(membership)
        audit.record("membership.invite", actor=actor, project=project, target=email,
                     details={"side": side, "role": role, "new_account": existing is None})
        db.session.flush()
        queue_user_mail(user, "invitation", lambda: _invitation(user, project, actor, existing is None))
    return membership


def _new_account(email: str, name: str, language: str, actor: User) -> User:
    """An account that cannot log in until its owner sets a password through the link."""
    user = User(email=email, name=name, password_hash="!invited:" + secrets.token_hex(16),
                locale=language if language in current_app.config["LANGUAGES"] else None,
                organisation_id=None)
    db.session.add(user)
    db.session.flush()
    audit.record("user.invite", actor=actor, target=email, details={"user_id": user.id})
    return user


def _invitation(user: User, project: Project, actor: User, new: bool) -> MailContent:
    """The invitation mail (built in the invitee's language)."""
    said = _("%(actor)s has given you a seat on the project %(project)s (%(code)s) in Tracker, where "
             "client and contractor keep their partnership in view.", actor=actor.name,
             project=project.name, code=project.code)
    if not new:
        return MailContent(subject=_("You have been added to %(project)s", project=project.name),
                           greeting=greeting(user), intro=[said], action_label=_("Open the project"),
                           action_url=absolute_url("dashboard.show", code=project.code))
    days = current_app.config["INVITATION_DAYS"]
    return MailContent(
        subject=_("Invitation: %(project)s in Tracker", project=project.name),
        greeting=greeting(user), intro=[said, _("Choose your password to start. The link works once and for "
                                       "%(days)d days.", days=days)],
        action_label=_("Choose your password"),
        action_url=absolute_url("welcome.accept", token=link_token(INVITE, user)),
        outro=[_("Not expecting this? Then you can ignore this mail.")])


def request_reset(email: str) -> None:
    """Mail a reset link if the address has an enabled account; the same work and answer if not."""
    email = clean(email)[:EMAIL_MAX]
    user = accounts.find_user(email) if email else None
    known = user is not None and user.is_enabled
    with write_transaction():
        audit.record("password.reset_requested", actor=user if known else None, target=email,
                     details={"known": known})
        if known:
            queue_user_mail(user, "password_reset", lambda: _reset_mail(user))
        else:  # built like a real one and dropped: the answer and the work look the same
            stand_in = User(id=0, email=email or "-", name="-", password_hash="-", locale=None)
            prepare_user_mail(stand_in, "password_reset", lambda: _reset_mail(stand_in))


def _reset_mail(user: User) -> MailContent:
    """The password reset mail."""
    minutes = current_app.config["RESET_MINUTES"]
    return MailContent(
        subject=_("Choose a new password for Tracker"),
        greeting=greeting(user), intro=[_("Someone (hopefully you) asked to choose a new password for this "
                                 "address. The link works once and for %(n)d minutes.", n=minutes)],
        action_label=_("Choose a new password"),
        action_url=absolute_url("welcome.reset", token=link_token(RESET, user)),
        outro=[_("Did not ask for this? Then ignore this mail; your password stays as it is.")])


def set_password_by_link(purpose: str, token: str, password: str) -> User:
    """Set the password through a link (which then stops working); BadToken or ValidationFailed."""
    user = user_for_token(purpose, token)
    accounts.check_new_password(password, user.name, user.email)
    with write_transaction():
        accounts.store_password(user, password)
        audit.record("password.set_by_link", actor=user, target=user.email, details={"purpose": purpose})
    return user
