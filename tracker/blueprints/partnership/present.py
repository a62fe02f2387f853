"""What the partnership templates (and the dashboard's partials) need, in the user's language."""
from flask_babel import lazy_gettext as _l

from tracker.blueprints.scan.present import SIDE_NAMES, lang
from tracker.domain import give_take as gt_domain
from tracker.domain import interventions
from tracker.domain.leadership import missing_axes
from tracker.domain.signals import Flag
from tracker.models import MemberRole, Project
from tracker.services.access import ProjectAccess
from tracker.services.instruments import give_take, phases

REVIEW_TITLES = {
    "went_well": _l("1. What went well?"),
    "own_initiative": _l("2a. What made it work: our own initiatives and actions"),
    "context": _l("2b. What made it work: the context and circumstances"),
    "deeper_findings": _l("3. Deeper findings"),
    "lessons": _l("4. What do we learn from this?"),
}
REVIEW_HELP = {
    "went_well": _l("Tell the story of one or more successes at length, including the setting "
                    "in which they happened."),
    "own_initiative": _l("What did the people involved do themselves that made the success "
                         "possible?"),
    "context": _l("What in the circumstances helped: timing, people, rules, luck?"),
    "deeper_findings": _l("Ask questions and listen: which causes were not visible at first, "
                          "and which combinations of factors mattered most?"),
    "lessons": _l("What will we repeat on purpose, here or in the next partnership?"),
}


def may_steer(access: ProjectAccess) -> bool:
    """Managers of either party and coaches change the phase and write the close-out."""
    return access.is_coach or access.membership.role == MemberRole.MANAGER


def flag_view(flag: Flag | None, language: str) -> dict | None:
    """A flag's message and its interventions' titles and how-tos in ``language``."""
    if flag is None:
        return None
    return {"code": flag.code, "severity": flag.severity, "message": flag.message[language],
            "interventions": [{"key": k, "title": interventions.lookup(k).title(language),
                               "description": interventions.lookup(k).description(language)}
                              for k in flag.interventions]}


def give_take_context(project: Project, label: str | None = None) -> dict | None:
    """Everything `partnership/_balance.html` needs: balances, entries, signal (None: no rounds)."""
    view = give_take.round_view(project, label)
    if view is None:
        return None
    language = lang()
    return {**view, "flag_view": flag_view(view["flag"], language), "side_names": SIDE_NAMES,
            "categories": [(c, gt_domain.CATEGORY_LABELS[c][language]) for c in gt_domain.CATEGORIES]}


def leadership_context(project: Project) -> dict | None:
    """Everything `partnership/_leadership.html` needs; without a suggestion, the axes it lacks."""
    suggestion = phases.leadership(project)
    if suggestion is None:
        return {"missing": missing_axes(phases.leadership_inputs(project))}
    language = lang()
    return {"role": suggestion.role.value, "label": suggestion.label(language),
            "description": suggestion.description(language),
            "explanation": suggestion.explanation[language],
            "strength": suggestion.strength, "concreteness": suggestion.concreteness}


def category_labels() -> dict[str, str]:
    """Category key → name in the user's language."""
    language = lang()
    return {c: gt_domain.CATEGORY_LABELS[c][language] for c in gt_domain.CATEGORIES}
