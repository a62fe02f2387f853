"""Which webhook addresses are allowed: HTTPS to a public address only.

Otherwise anyone with a manager's seat could make the server call its own internal network
(SSRF). The check runs when an endpoint is registered and again before every delivery, since
a name can resolve elsewhere later. `WEBHOOKS_ALLOW_PRIVATE` lifts it (tests on 127.0.0.1).
"""
import ipaddress
import socket
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l


def _public(address: str) -> bool:
    """True for a globally routable unicast address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_loopback
                                 or ip.is_link_local or ip.is_private or ip.is_unspecified)


def resolve(host: str, port: int) -> list[str]:
    """Every address the host name resolves to (empty when it does not resolve)."""
    try:
        return sorted({info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)})
    except (socket.gaierror, UnicodeError, ValueError):
        return []


def url_problem(url: str, *, allow_private: bool = False) -> str | None:
    """Why this URL may not receive webhooks, or None when it may."""
    try:
        parts = urlsplit((url or "").strip())
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return str(_l("This is not a valid web address."))
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return str(_l("Give a full address starting with https://."))
    if parts.username or parts.password:
        return str(_l("Leave user names and passwords out of the address."))
    if allow_private:
        return None
    if parts.scheme != "https":
        return str(_l("Webhooks are only sent over HTTPS."))
    addresses = resolve(parts.hostname, port)
    if not addresses:
        return str(_l("This host name does not resolve."))
    if not all(_public(a) for a in addresses):
        return str(_l("This address points to a private, loopback or link-local network, "
                      "which webhooks may not reach."))
    return None
