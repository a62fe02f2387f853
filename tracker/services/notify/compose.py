"""A mail's content as plain values, rendered to plain text and simple HTML in one language.

Public entry point for other features: `queue_user_mail(user, kind, build)` queues a mail to
one person in the caller's transaction, built in that person's language.
"""
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from tracker.models import OutboxMail, User
from tracker.services.notify.links import absolute_url, sign
from tracker.services.notify.outbox import queue_mail


@dataclass
class Section:
    """A heading with lines under it (and an optional link to the evidence)."""

    heading: str
    lines: list[str] = field(default_factory=list)
    link: str | None = None
    link_label: str | None = None


@dataclass
class MailContent:
    """What a mail says: subject, paragraphs, sections, one main link."""

    subject: str
    greeting: str = ""  # the mail's opening line; the inbox leaves it out
    intro: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    action_label: str | None = None
    action_url: str | None = None
    outro: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """The mail in a few lines, as the inbox shows it."""
        lines = list(self.intro)
        for section in self.sections:
            lines.append(section.heading)
            lines.extend(f"– {line}" for line in section.lines)
        return "\n".join(lines)


def language_of(user: User) -> str:
    """The person's language (their stored choice, else the default)."""
    languages = current_app.config["LANGUAGES"]
    return user.locale if user.locale in languages else current_app.config["BABEL_DEFAULT_LOCALE"]


def unsubscribe_url(user: User, kind: str) -> str:
    """The signed one-click link that turns this kind of mail off for this person."""
    return absolute_url("notify.unsubscribe", token=sign("unsubscribe", [user.id, kind]))


def render(content: MailContent, language: str, unsubscribe: str | None) -> tuple[str, str]:
    """Plain text and HTML of a mail (call inside the recipient's locale)."""
    env = current_app.jinja_env
    values = {"mail": content, "unsubscribe": unsubscribe, "lang": language,
              "settings_url": absolute_url("notify.preferences_page")}
    return (env.get_template("mail/message.txt").render(values),
            env.get_template("mail/message.html").render(values))


def list_headers(unsubscribe: str | None) -> dict:
    """RFC 2369/8058 headers so mail clients offer their own one-click unsubscribe."""
    if not unsubscribe:
        return {}
    return {"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def queue_user_mail(user: User, kind: str, build: Callable[[], MailContent], *,
                    unsubscribable: bool = False, dedupe_key: str | None = None) -> OutboxMail | None:
    """Queue a mail to ``user`` in the current transaction; ``build`` runs in their language.

    Security and account mails (``unsubscribable=False``) carry no unsubscribe link.
    """
    subject, text, html, headers = prepare_user_mail(user, kind, build, unsubscribable)
    return queue_mail(user.email, kind, subject, text, html, user=user, headers=headers,
                      dedupe_key=dedupe_key)


def prepare_user_mail(user: User, kind: str, build: Callable[[], MailContent],
                      unsubscribable: bool = False) -> tuple[str, str, str, dict]:
    """Subject, text, HTML and headers of a mail to ``user``, built in their language."""
    language = language_of(user)
    with force_locale(language):
        content = build()
        unsubscribe = unsubscribe_url(user, kind) if unsubscribable else None
        text, html = render(content, language, unsubscribe)
    return content.subject, text, html, list_headers(unsubscribe)


def greeting(user: User) -> str:
    """The opening line (call inside the recipient's locale)."""
    return _("Hello %(name)s,", name=user.name)
