"""The signals JSON (docs/contracts.md): one plain object per project and as-of date.

Indices are rounded to 1 decimal, shares to 3; a figure without data is ``null``. Each flag
has code, severity, message (in the requested language), evidence, the intervention keys and
``since``, the date it was last raised (YYYY-MM-DD). Extra keys may be added later; the
listed ones are a contract other tools rely on.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tracker.domain.types import Side

if TYPE_CHECKING:  # pragma: no cover - typing only
    from tracker.domain.figures import IndexFigure, ShareFigure
    from tracker.domain.signals import Assessment, Flag

__all__ = ["flag_json", "signals_json"]


def _index(fig: "IndexFigure") -> float | None:
    return None if fig.value is None else round(fig.value, 1)


def _share(fig: "ShareFigure") -> float | None:
    return None if fig.value is None else round(fig.value, 3)


def signals_json(project_code: str, assessment: "Assessment", lang: str = "en") -> dict[str, Any]:
    """The Signals JSON object for ``assessment`` (messages in ``lang``, "nl" or "en")."""
    f = assessment.figures
    return {
        "project": project_code,
        "as_of": assessment.as_of.isoformat(),
        "personal_trust": _index(f.personal),
        "system_trust": _index(f.system),
        "contract_share": _share(f.contract_share),
        "events": f.events,
        "by_side": {
            side.value: {
                "personal_trust": _index(f.by_side[side].personal),
                "system_trust": _index(f.by_side[side].system),
                "contract_share": _share(f.by_side[side].contract_share),
                "events": f.by_side[side].events,
            }
            for side in Side
        },
        "flags": [flag_json(flag, lang) for flag in assessment.flags],
    }


def flag_json(flag: "Flag", lang: str = "en") -> dict[str, Any]:
    """One flag as the Signals JSON (and the signal webhooks) write it."""
    return {"code": flag.code, "severity": flag.severity,
            "message": flag.message.get(lang, flag.message["en"]),
            "evidence": flag.evidence, "interventions": list(flag.interventions),
            "since": flag.since.isoformat() if flag.since else None}
