"""What members are told when a signal is raised or cleared."""
from flask_babel import get_locale
from flask_babel import gettext as _

from tracker.domain.signals import Flag
from tracker.i18n import format_day
from tracker.models import Membership, Project, SignalChange, User
from tracker.services.notify.compose import MailContent, Section, greeting
from tracker.services.notify.links import absolute_url
from tracker.services.notify.notices import notify


def signal_name(code: str) -> str:
    """The signal's name in the current language (its code when it has none)."""
    # The names live with the dashboard's words (one place); imported here, late, because the
    # dashboard's views import this package.
    from tracker.blueprints.dashboard.labels import SIGNALS

    return str(SIGNALS[code]) if code in SIGNALS else code.replace("_", " ")


def kind_of(change: SignalChange) -> str:
    """The preference kind a change falls under."""
    if change.change == "cleared":
        return "signal_cleared"
    return "signal_alert" if change.severity == "alert" else "signal_warning"


def announce(project: Project, change: SignalChange, flag: Flag | None) -> int:
    """Tell the project's members about one change (in the caller's transaction)."""
    link = absolute_url("dashboard.show", code=project.code)

    def build(user: User, _membership: Membership) -> MailContent:
        name = signal_name(change.code)
        if change.change == "cleared":
            return MailContent(
                subject=_("Good news on %(project)s: “%(signal)s” has cleared", project=project.name,
                          signal=name),
                greeting=greeting(user), intro=[_("Good news: the signal “%(signal)s” on %(project)s (%(code)s) "
                                         "cleared on %(date)s.", signal=name, project=project.name,
                                         code=project.code, date=format_day(change.on_date))],
                action_label=_("Open the dashboard"), action_url=link)
        lang = get_locale().language if get_locale() else "en"
        severity = _("Alert") if change.severity == "alert" else _("Warning")
        explanation = (flag.message.get(lang) or flag.message.get("en", "")) if flag else ""
        return MailContent(
            subject=_("%(severity)s on %(project)s: %(signal)s", severity=severity, project=project.name,
                      signal=name),
            greeting=greeting(user), intro=[_("A signal was raised on %(project)s (%(code)s) on %(date)s.",
                                     project=project.name, code=project.code,
                                     date=format_day(change.on_date))],
            sections=[Section(f"{severity}: {name}", [explanation] if explanation else [])],
            action_label=_("See the numbers and the events behind it"), action_url=link)

    return notify(project, kind_of(change), build, link, dedupe=f"signal:{change.id}")
