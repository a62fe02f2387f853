"""Single sign-on with an organisation's OpenID Connect provider (authorization code flow + PKCE).

Authlib builds the authorization request (with an S256 code challenge) and exchanges the code;
joserfc checks the ID token (signature against the provider's published keys, issuer, audience,
expiry, nonce). A person is signed in only when the provider vouches for a *verified* e-mail
address in one of the organisation's domains that belongs to an existing, enabled account of that
organisation: nobody is created or moved between organisations by signing in.
"""
import secrets
from dataclasses import dataclass

import requests
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from sqlalchemy import select

from tracker.extensions import db
from tracker.models import Organisation, User
from tracker.services import audit
from tracker.services.accounts.users import find_user

TIMEOUT_SECONDS = 10


class SsoFailed(Exception):
    """The provider's answer does not sign anyone in; `reason` goes to the audit log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Started:
    """Where to send the browser, and what to keep (in the signed session) until it returns."""

    url: str
    state: dict


def organisation_for(email: str) -> Organisation | None:
    """The organisation with single sign-on whose domains include this address's domain."""
    domain = (email or "").strip().lower().rpartition("@")[2]
    if not domain:
        return None
    for organisation in db.session.scalars(select(Organisation).where(Organisation.sso_issuer.is_not(None))):
        if organisation.has_sso and domain in organisation.sso_domain_list():
            return organisation
    return None


def _metadata(issuer: str) -> dict:
    """The provider's discovery document (endpoints and key set address)."""
    try:
        response = requests.get(issuer.rstrip("/") + "/.well-known/openid-configuration", timeout=TIMEOUT_SECONDS)
        response.raise_for_status()
        metadata = response.json()
    except (requests.RequestException, ValueError) as error:
        raise SsoFailed(f"discovery failed: {error.__class__.__name__}") from None
    if metadata.get("issuer") != issuer:
        raise SsoFailed("discovery names another issuer")
    return metadata


def _client(organisation: Organisation, redirect_uri: str) -> OAuth2Session:
    return OAuth2Session(organisation.sso_client_id, organisation.sso_client_secret, scope="openid email",
                         redirect_uri=redirect_uri, code_challenge_method="S256",
                         token_endpoint_auth_method="client_secret_basic")


def begin(organisation: Organisation, redirect_uri: str) -> Started:
    """The provider's authorization URL with a fresh state, nonce and PKCE verifier."""
    metadata = _metadata(organisation.sso_issuer)
    verifier, nonce = generate_token(48), secrets.token_urlsafe(24)
    url, state = _client(organisation, redirect_uri).create_authorization_url(
        metadata["authorization_endpoint"], code_verifier=verifier, nonce=nonce)
    return Started(url, {"org": organisation.id, "state": state, "verifier": verifier, "nonce": nonce})


def _id_token_claims(organisation: Organisation, metadata: dict, id_token: str, nonce: str) -> dict:
    """The checked claims of the ID token."""
    try:
        keys = KeySet.import_key_set(requests.get(metadata["jwks_uri"], timeout=TIMEOUT_SECONDS).json())
        token = jwt.decode(id_token, keys)
        jwt.JWTClaimsRegistry(iss={"essential": True, "value": organisation.sso_issuer},
                              aud={"essential": True, "value": organisation.sso_client_id},
                              sub={"essential": True}, nonce={"essential": True, "value": nonce},
                              exp={"essential": True}).validate(token.claims)
    except (JoseError, requests.RequestException, ValueError, KeyError) as error:
        raise SsoFailed(f"ID token refused: {error.__class__.__name__}") from None
    return token.claims


def finish(kept: dict, callback_url: str, redirect_uri: str) -> User:
    """Exchange the code, check the ID token and the verified address; the user to sign in."""
    organisation = db.session.get(Organisation, kept.get("org") or 0)
    if organisation is None or not organisation.has_sso:
        raise SsoFailed("single sign-on is not set up")
    metadata = _metadata(organisation.sso_issuer)
    client = _client(organisation, redirect_uri)
    try:
        token = client.fetch_token(metadata["token_endpoint"], authorization_response=callback_url,
                                   state=kept.get("state"), code_verifier=kept.get("verifier"))
        userinfo = client.get(metadata["userinfo_endpoint"], timeout=TIMEOUT_SECONDS).json()
    except Exception as error:  # noqa: BLE001  (any OAuth or transport error: one clear refusal)
        raise SsoFailed(f"code exchange failed: {error.__class__.__name__}") from None
    claims = _id_token_claims(organisation, metadata, token.get("id_token", ""), kept.get("nonce", ""))
    if userinfo.get("sub") != claims["sub"]:
        raise SsoFailed("userinfo is about someone else")
    return _matching_user(organisation, userinfo)


def _matching_user(organisation: Organisation, userinfo: dict) -> User:
    email = str(userinfo.get("email") or "").strip().lower()
    if userinfo.get("email_verified") is not True:
        raise SsoFailed("e-mail address not verified by the provider")
    if email.rpartition("@")[2] not in organisation.sso_domain_list():
        raise SsoFailed("e-mail domain not of this organisation")
    user = find_user(email)
    if user is None or user.organisation_id != organisation.id or not user.is_enabled:
        raise SsoFailed("no enabled account of this organisation with this address")
    return user


def record_refusal(organisation_id: int | None, reason: str) -> None:
    """A refused single sign-on, for the admins."""
    audit.record_alone("login.failed", actor=None, target=f"sso organisation {organisation_id}",
                       details={"reason": "sso", "detail": reason[:200]})


def record_success(user: User) -> None:
    """A sign-in through the organisation's provider."""
    audit.record_alone("login.success", actor=user, target=user.email, details={"method": "sso"})
