"""Delivering one built message: SMTP from TRACKER_SMTP_URL, or a folder during development.

Built on the standard library only (smtplib, ssl, email.message.EmailMessage).
"""
import os
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

from flask import current_app

_PORTS = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}


class TransportDown(Exception):
    """The mail server cannot be reached or refuses us as a whole: try again later."""


class Rejected(Exception):
    """The server refused this one message for good (a 5xx answer)."""


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to reach the mail server."""

    scheme: str
    host: str
    port: int
    username: str | None
    password: str | None


def parse_smtp_url(url: str) -> SmtpSettings:
    """`smtp://host:port`, `smtp+starttls://user:pw@host:587` or `smtps://user:pw@host:465`."""
    parts = urlsplit(url)
    if parts.scheme not in _PORTS or not parts.hostname:
        raise ValueError("TRACKER_SMTP_URL must look like smtp://host:port, "
                         "smtp+starttls://user:password@host:587 or smtps://user:password@host:465")
    return SmtpSettings(parts.scheme, parts.hostname, parts.port or _PORTS[parts.scheme],
                        unquote(parts.username) if parts.username else None,
                        unquote(parts.password) if parts.password else None)


def mail_dir() -> str:
    """The development outbox folder (TRACKER_MAIL_DIR, default instance/mail)."""
    return current_app.config.get("MAIL_DIR") or os.path.join(current_app.instance_path, "mail")


class FolderTransport:
    """Writes each message as an .eml file; used when no SMTP URL is set."""

    def __enter__(self) -> "FolderTransport":
        os.makedirs(mail_dir(), exist_ok=True)
        return self

    def __exit__(self, *_exc) -> None:
        return None

    def send(self, name: str, message: EmailMessage) -> None:
        """Write the message under a stable name (writing it again changes nothing)."""
        path = os.path.join(mail_dir(), f"{name}.eml")
        tmp = path + ".part"
        with open(tmp, "wb") as handle:
            handle.write(bytes(message))
        os.replace(tmp, path)


class SmtpTransport:
    """One SMTP connection for a batch of messages."""

    def __init__(self, settings: SmtpSettings, timeout: int) -> None:
        self.settings, self.timeout, self.smtp = settings, timeout, None

    def __enter__(self) -> "SmtpTransport":
        s = self.settings
        try:
            if s.scheme == "smtps":
                self.smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=self.timeout,
                                             context=ssl.create_default_context())
            else:
                self.smtp = smtplib.SMTP(s.host, s.port, timeout=self.timeout)
                if s.scheme == "smtp+starttls":
                    self.smtp.starttls(context=ssl.create_default_context())
            if s.username:
                self.smtp.login(s.username, s.password or "")
        except (OSError, smtplib.SMTPException) as error:
            self._close()
            raise TransportDown(f"{s.host}:{s.port}: {error}") from error
        return self

    def __exit__(self, *_exc) -> None:
        self._close()

    def _close(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (OSError, smtplib.SMTPException):
                pass  # the connection is gone either way
            self.smtp = None

    def send(self, _name: str, message: EmailMessage) -> None:
        """Hand one message to the server; Rejected for a permanent refusal."""
        try:
            self.smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _msg in error.recipients.values()]
            if all(code >= 500 for code in codes):
                raise Rejected(str(error)) from error
            raise TransportDown(str(error)) from error
        except smtplib.SMTPResponseException as error:
            if error.smtp_code >= 500 and not isinstance(error, smtplib.SMTPSenderRefused):
                raise Rejected(f"{error.smtp_code} {error.smtp_error!r}") from error
            raise TransportDown(f"{error.smtp_code} {error.smtp_error!r}") from error
        except (OSError, smtplib.SMTPException) as error:
            raise TransportDown(str(error)) from error


def open_transport():
    """The transport the configuration asks for (a context manager with `send(name, message)`)."""
    url = current_app.config.get("SMTP_URL")
    if not url:
        return FolderTransport()
    return SmtpTransport(parse_smtp_url(url), current_app.config["SMTP_TIMEOUT_SECONDS"])
