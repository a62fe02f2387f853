"""Every threshold, window and half-life of the trust maths, in one immutable object.

The defaults are a starting point explained in docs/model.md; a deployment tunes them through the
Flask config key ``TRUST_SETTINGS`` (a plain dict), read with `TrustSettings.from_mapping`.
Unknown keys, wrong types and out-of-range values raise a `ValueError` that names the field,
so a typo in the configuration fails loudly at start-up instead of silently doing nothing.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, fields, replace
from typing import Any

__all__ = ["TrustSettings"]


@dataclass(frozen=True)
class TrustSettings:
    """Tunable parameters of figures and signals (see docs/model.md for the full table)."""

    # --- figures --------------------------------------------------------------------------
    half_life_days: float = 60.0
    """An event's weight halves every this many days (0.5 ** (age / half_life))."""
    low_confidence_below: int = 5
    """A figure backed by fewer events than this is marked low confidence."""
    month_days: float = 30.0
    """Length of a 'month' when rates are expressed per month."""
    escalation_rate_window_days: int = 90
    """Escalations per month by level are measured over this many most recent days."""
    low_resolution_level: int = 1
    """Issues resolved at or below this escalation level count as resolved 'low'."""
    # --- crowding_out ---------------------------------------------------------------------
    crowding_window_days: int = 90
    """Length of the recent window and of the window before it that are compared."""
    crowding_share_rise: float = 0.15
    """Minimum rise of the contract steering share between the two windows."""
    crowding_personal_drop: float = 7.5
    """Minimum fall of personal trust (index points) between the two windows."""
    min_events_per_window: int = 6
    """Both compared windows need at least this many events that scored the dimension compared
    (a non-zero score; events with only zeros or no score there do not count)."""
    crowding_alert_below: float = 50.0
    """crowding_out becomes an alert when personal trust is below this (or escalations rose)."""
    hysteresis_clear_weeks: int = 2
    """A raised crowding_out flag clears only after this many consecutive clear weekly checks."""
    # --- over_reliance --------------------------------------------------------------------
    over_reliance_personal_min: float = 75.0
    """Personal trust at or above this is needed for blind trust."""
    over_reliance_system_max: float = 50.0
    """System trust at or below this counts as weak system trust."""
    over_reliance_system_drop: float = 7.5
    """...or system trust falling this many points between the two windows."""
    over_reliance_share_max: float = 0.10
    """Contract steering share at or below this counts as (almost) no contract use."""
    over_reliance_min_events: int = 5
    """Personal trust needs at least this many events with a non-zero personal score, each
    counted at its decay weight."""
    over_reliance_system_ceiling: float = 65.0
    """The 'falling' branch counts only when system trust in the last window ends below this (a
    dip from 100 to 80 is not blind trust)."""
    over_reliance_clear_margin: float = 5.0
    """While raised, the thresholds are relaxed by this many points (share: percentage points)."""
    over_reliance_clear_weeks: int = 2
    """...and the flag clears after this many consecutive weekly checks outside them."""
    # --- escalation_surge -----------------------------------------------------------------
    surge_window_days: int = 30
    """Recent window in which escalations are counted."""
    surge_baseline_days: int = 90
    """Window before the recent one that gives the usual monthly rate."""
    surge_min_count: int = 2
    """Minimum number of escalations in the recent window (one per issue chain and level)."""
    surge_factor: float = 2.0
    """The recent count must be at least this multiple of the usual count per window."""
    surge_volume_share: float = 0.05
    """The usual count is at least this share of the project's usual events per window."""
    surge_alert_level: int = 4
    """A surge is an alert when an escalation in it reached this level (third party) or higher."""
    surge_clear_factor: float = 1.5
    """While raised, the surge holds as long as the recent count is at least this multiple of
    the usual count (and at least one)."""
    surge_clear_weeks: int = 2
    """...and it clears after this many consecutive weekly checks below that."""
    # --- perception_gap -------------------------------------------------------------------
    perception_gap_points: float = 20.0
    """Minimum difference between the two sides' index (personal or system)."""
    perception_gap_min_events: int = 5
    """Each side needs at least this many events with a non-zero score in that dimension, each
    counted at its decay weight."""
    perception_gap_alert_points: float = 35.0
    """A gap this large or larger is an alert."""
    perception_gap_clear_margin: float = 10.0
    """While raised, the flag holds as long as the gap is at least the threshold minus this."""
    perception_gap_clear_weeks: int = 2
    """...and it clears after this many consecutive weekly checks below that."""
    # --- third_party ----------------------------------------------------------------------
    third_party_level: int = 4
    """An open issue chain at this escalation level or higher raises third_party (an alert)."""
    third_party_clear_weeks: int = 1
    """third_party clears at the first weekly check (or this many) without such a chain."""
    # --- silence --------------------------------------------------------------------------
    silence_days: int = 42
    """An active project with no event for this many days is flagged."""
    silence_alert_days: int = 84
    """Silence this long is an alert."""
    silence_clear_weeks: int = 1
    """silence clears at the first weekly check (or this many) after an event is logged."""
    # --- time_box_exceeded -----------------------------------------------------------------
    time_box_clear_weeks: int = 1
    """time_box_exceeded clears at the first weekly check (or this many) with no issue past its box."""
    # --- actions ----------------------------------------------------------------------------
    action_effect_weeks: int = 8
    """"Did it help?": an action's figures are compared this many weeks before and after it."""
    # --- output ---------------------------------------------------------------------------
    max_evidence_events: int = 50
    """At most this many event ids (the most recent) are listed in a flag's evidence."""

    def __post_init__(self) -> None:
        """Reject values that would make the maths meaningless."""
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"TrustSettings.{f.name} must be a number, got {value!r}")
            if not math.isfinite(value):
                raise ValueError(f"TrustSettings.{f.name} must be finite, got {value!r}")
            if f.type == "int" and not isinstance(value, int):
                raise ValueError(f"TrustSettings.{f.name} must be an integer, got {value!r}")
            if value < 0:
                raise ValueError(f"TrustSettings.{f.name} must not be negative, got {value!r}")
        for name in ("half_life_days", "month_days", "escalation_rate_window_days",
                     "crowding_window_days", "surge_window_days", "surge_baseline_days",
                     "hysteresis_clear_weeks", "over_reliance_clear_weeks", "surge_clear_weeks",
                     "perception_gap_clear_weeks", "third_party_clear_weeks", "silence_clear_weeks",
                     "time_box_clear_weeks", "action_effect_weeks",
                     "silence_days"):
            if getattr(self, name) <= 0:
                raise ValueError(f"TrustSettings.{name} must be greater than zero")
        for name in ("over_reliance_personal_min", "over_reliance_system_max",
                     "crowding_alert_below", "perception_gap_points",
                     "perception_gap_alert_points", "crowding_personal_drop",
                     "over_reliance_system_drop", "over_reliance_system_ceiling",
                     "over_reliance_clear_margin", "perception_gap_clear_margin"):
            if getattr(self, name) > 100:
                raise ValueError(f"TrustSettings.{name} is on the 0-100 index scale")
        if self.crowding_share_rise > 1 or self.over_reliance_share_max > 1 or self.surge_volume_share > 1:
            raise ValueError("TrustSettings share thresholds must lie between 0 and 1")
        if self.low_resolution_level > 6 or self.surge_alert_level > 6 or not 1 <= self.third_party_level <= 6:
            raise ValueError("TrustSettings escalation levels must lie between 0 and 6 "
                             "(third_party_level between 1 and 6)")

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        """All setting names, in declaration order."""
        return tuple(f.name for f in fields(cls))

    @classmethod
    def defaults(cls) -> dict[str, float | int]:
        """The default value of every setting."""
        return {f.name: f.default for f in fields(cls) if f.default is not MISSING}

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Any] | None) -> "TrustSettings":
        """Build settings from a plain dict, overriding only the keys it contains.

        Integers are accepted where a float is expected; a float with a fractional part,
        a string, a bool or ``None`` is rejected. Unknown keys are rejected and named.
        """
        if mapping is None:
            return cls()
        if not isinstance(mapping, Mapping):
            raise ValueError(f"TRUST_SETTINGS must be a mapping, got {type(mapping).__name__}")
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(str(k) for k in mapping if k not in known)
        if unknown:
            raise ValueError("unknown trust setting(s): " + ", ".join(unknown)
                             + "; known settings are: " + ", ".join(known))
        values: dict[str, float | int] = {}
        for key, raw in mapping.items():
            expected = known[key].type
            if isinstance(raw, bool) or not isinstance(raw, (int, float)):
                raise ValueError(f"trust setting {key!r} must be a number ({expected}), "
                                 f"got {type(raw).__name__} {raw!r}")
            if expected == "int":
                if isinstance(raw, float):
                    if not raw.is_integer():
                        raise ValueError(f"trust setting {key!r} must be a whole number, got {raw!r}")
                    raw = int(raw)
                values[key] = raw
            else:
                values[key] = float(raw)
        return replace(cls(), **values)

    def to_dict(self) -> dict[str, float | int]:
        """The settings as a plain dict (JSON-serialisable)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}
