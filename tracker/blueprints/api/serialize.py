"""Plain JSON values for API resources that have no shared representation elsewhere."""
from tracker.models import EventRevision, Membership, Project
from tracker.services.events.representation import timestamp


def project_json(project: Project, membership: Membership) -> dict:
    """A project with the caller's seat on it."""
    return {"code": project.code, "name": project.name, "description": project.description or "",
            "contract_form": getattr(project.contract_form, "value", project.contract_form),
            "is_active": project.is_active, "start_date": project.start_date, "phase": project.phase.value,
            "your_side": membership.side.value, "your_role": membership.role.value}


def revision_json(revision: EventRevision) -> dict:
    """One revision; the author by name only (no e-mail addresses through the API)."""
    return {"version": revision.version, "action": revision.action,
            "changed_at": timestamp(revision.changed_at),
            "changed_by": revision.changed_by.name if revision.changed_by else None,
            "changes": revision.changes or {}, "note": revision.note}


def _figure(fig) -> dict:
    """An index or share figure."""
    value = None if fig.value is None else round(fig.value, 3)
    return {"value": value, "events": fig.events, "low_confidence": fig.low_confidence}


def _side(figs) -> dict:
    return {"personal": _figure(figs.personal), "system": _figure(figs.system),
            "contract_share": _figure(figs.contract_share)}


def figures_json(code: str, as_of, figures) -> dict:
    """The figures of a project as of a date."""
    esc = figures.escalations
    return {"project": code, "as_of": as_of, "events": figures.events, **_side(figures),
            "by_side": {side.value: _side(figs) for side, figs in figures.by_side.items()},
            "by_factor": {key: _figure(fig) for key, fig in figures.by_factor.items()},
            "escalations": {"window_days": esc.window_days, "per_month_total": esc.per_month_total,
                            "per_month": {str(k): v for k, v in esc.per_month.items()},
                            "counts": {str(k): v for k, v in esc.counts.items()},
                            "mean_days_at_level": {str(k): v for k, v in esc.mean_days_at_level.items()},
                            "open_issues": esc.open_issues, "resolved_issues": esc.resolved_issues,
                            "resolved_low_share": esc.resolved_low_share}}


def give_take_json(code: str, view: dict) -> dict:
    """A give-and-take round with both balances and the imbalance signal."""
    flag = view["flag"]
    return {"project": code, "round": view["label"], "rounds": view["labels"],
            "by_side": {side.value: {"brought": b.brought, "got": b.got, "balance": b.balance,
                                     "categories": {c: {"bring": bg[0], "get": bg[1]} for c, bg in b.categories.items()}}
                        for side, b in view["balances"].items()},
            "flag": None if flag is None else {"code": flag.code, "severity": flag.severity,
                                               "message": flag.message.get("en", ""), "evidence": flag.evidence}}
