"""What each chart says in words and numbers: a one-line summary and a table of its figures.

Shown beside every chart, for people who cannot see or hover the chart, on a phone where the
chart is small, and for coaches who want the numbers. Built from the same values as the chart.
"""
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from flask_babel import gettext as _

from tracker.blueprints.dashboard import labels
from tracker.domain.history import TrendPoint
from tracker.i18n import day_formatter, format_day, format_month

TIMELINE_ROWS = 50  # the newest events; the event log holds them all


@dataclass(frozen=True)
class Cell:
    """One table cell: its text and, for an event, the link that opens it."""

    text: str
    href: str | None = None


@dataclass(frozen=True)
class Table:
    """A chart's figures: column headings, rows (first cell heads the row), right-aligned columns."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    numeric: frozenset[int] = frozenset()
    more: tuple[str, str] | None = None  # (link text, address) below the table


def _table(columns: Sequence[str], rows: Sequence[Sequence], numeric=(), more=None) -> Table:
    cells = tuple(tuple(c if isinstance(c, Cell) else Cell(str(c)) for c in row) for row in rows)
    return Table(tuple(str(c) for c in columns), cells, frozenset(numeric), more)


def _num(value: float | None, digits: int = 1, sign: bool = False) -> str:
    return labels.number(value, digits, sign)


def _side_key(side) -> str | None:
    return side.value if side else None


def _lines(side, names: Sequence[str], words: Mapping[str, str]) -> list[tuple[str, str | None, str]]:
    """(column heading, side key, figure name): combined (or the chosen side), then each side."""
    lines = [(words[name], _side_key(side), name) for name in names]
    if side is None:
        lines += [(f"{words[name]} · {words[s]}", s, name)
                  for name in names for s in ("client", "contractor")]
    return lines


def _series_table(series: Sequence[TrendPoint], lines, scale: float = 1.0, digits: int = 1) -> Table:
    day, num = day_formatter(), labels.number_formatter()
    rows = [[day(p.as_of)] + [num(None if (v := p.get(s, n)[0]) is None else v * scale, digits)
                              for _h, s, n in lines] for p in series]
    return _table([_("Week")] + [h for h, _s, _n in lines], rows, range(1, len(lines) + 1))


def _ends(series: Sequence[TrendPoint], side: str | None, names: Sequence[str]):
    """The first and the last point where every named figure has a value (None when none has)."""
    full = [p for p in series if all(p.get(side, n)[0] is not None for n in names)]
    return (full[0], full[-1]) if full else (None, None)


def trust(series, side, words) -> tuple[str, Table]:
    """Personal and system trust per week."""
    key = _side_key(side)
    first, last = _ends(series, key, ("personal", "system"))
    if last is None:
        text = _("No week has both a personal and a system trust value yet.")
    else:
        text = _("Week of %(day)s: personal trust %(p)s, system trust %(s)s (50 is neutral). "
                 "Week of %(first)s: %(p0)s and %(s0)s.", day=format_day(last.as_of),
                 p=_num(last.get(key, "personal")[0]), s=_num(last.get(key, "system")[0]),
                 first=format_day(first.as_of), p0=_num(first.get(key, "personal")[0]),
                 s0=_num(first.get(key, "system")[0]))
    return text, _series_table(series, _lines(side, ("personal", "system"), words))


def steering(series, side, words) -> tuple[str, Table]:
    """Contract steering share per week, in percent."""
    key = _side_key(side)
    first, last = _ends(series, key, ("contract_share",))
    if last is None:
        text = _("No steering share to show yet.")
    else:
        text = _("Week of %(day)s: %(now)s%% of events handled through the contract; "
                 "week of %(first)s: %(then)s%%.", day=format_day(last.as_of),
                 now=_num(last.get(key, "contract_share")[0] * 100, 0), first=format_day(first.as_of),
                 then=_num(first.get(key, "contract_share")[0] * 100, 0))
    words = {**words, "contract_share": words["share"] + " (%)"}
    return text, _series_table(series, _lines(side, ("contract_share",), words), 100.0, 0)


def _zone(system: float, personal: float, words) -> str:
    if personal >= 50:
        return words["balanced"] if system >= 50 else words["blind_trust"]
    return words["contract_driven"] if system >= 50 else words["adrift"]


def balance(series, side, words) -> tuple[str, Table]:
    """The balance map's path: system and personal trust per week and the zone they fall in."""
    key = _side_key(side)
    points = [(p.as_of, p.get(key, "system")[0], p.get(key, "personal")[0]) for p in series]
    points = [pt for pt in points if pt[1] is not None and pt[2] is not None]
    day_text, num = day_formatter(), labels.number_formatter()
    rows = [[day_text(d), num(s), num(p), _zone(s, p, words)] for d, s, p in points]
    day, system, personal = points[-1]
    text = _("Week of %(day)s: system trust %(s)s, personal trust %(p)s, in the zone “%(zone)s”.",
             day=format_day(day), s=_num(system), p=_num(personal), zone=_zone(system, personal, words))
    return text, _table([_("Week"), words["system"], words["personal"], _("Zone")], rows, (1, 2))


def timeline(rows: Sequence[tuple], total: int, event_url, more_url: str,
             deescalations: frozenset[int] = frozenset()) -> tuple[str, Table]:
    """The events behind the timeline (side, kind and steering as words), newest first, each a link
    to the event (de-escalations said)."""
    kinds = Counter(r[3] for r in rows)
    contract = sum(1 for r in rows if r[4] == "contractual")
    text = _("%(total)s events: %(issues)s issues, %(escalations)s escalations, %(agreements)s "
             "agreements and %(moments)s moments; %(contract)s handled through the contract.",
             total=total, issues=kinds["issue"], escalations=kinds["escalation"],
             agreements=kinds["agreement"], moments=kinds["moment"], contract=contract)
    kind_names, steer_names = labels.words(labels.KINDS), labels.words(labels.STEERING)
    sides, levels = labels.side_names(), labels.level_names()
    day_text, down = day_formatter(), " · ↓ " + _("de-escalation")
    table_rows = [[day_text(day), kind_names[kind] + (down if event_id in deescalations else ""),
                   Cell(title, event_url(event_id)),
                   sides[side], steer_names[style], levels.get(level, "–") if level else "–"]
                  for event_id, day, side, kind, style, level, _planned, title in rows[:TIMELINE_ROWS]]
    more = None
    if total > len(table_rows):
        more = (_("All %(n)s events of this period in the event log", n=total), more_url)
    return text, _table([_("Date"), _("Kind"), _("Title"), _("Side"), _("Steering"), _("Level")],
                        table_rows, (), more)


def heatmap(cells, factors, months) -> tuple[str, Table]:
    """Mean score per factor (rows) and month (columns)."""
    at = {(key, month): mean for key, month, mean, _n in cells}
    shown = [(key, label) for key, label, _d in factors if any((key, m) in at for m in months)]
    num = labels.number_formatter()
    rows = [[label] + [num(at.get((key, m)), 1, sign=True) if (key, m) in at else "–" for m in months]
            for key, label in shown]
    latest = max((m for m in months if any((k, m) in at for k, _l in shown)), default=None)
    scored = sorted((at[(k, latest)], label) for k, label in shown if (k, latest) in at)
    text = _("%(month)s: highest %(high)s (%(hv)s), lowest %(low)s (%(lv)s), on a scale from −2 to +2.",
             month=format_month(latest), high=scored[-1][1], hv=_num(scored[-1][0], 1, True),
             low=scored[0][1], lv=_num(scored[0][0], 1, True)) if scored else ""
    return text, _table([_("Factor")] + [format_month(m) for m in months], rows, range(1, len(months) + 1))


def ladder(rows, levels: Mapping[int, str], months) -> tuple[str, Table]:
    """Escalations per month and rung of the ladder."""
    count = {(m, lv): n for m, lv, n in rows}
    rungs = sorted({lv for _m, lv, _n in rows})
    per_month = Counter()
    for m, _lv, n in rows:
        per_month[m] += n
    table_rows = [[format_month(m)] + [count.get((m, lv), 0) for lv in rungs] + [per_month[m]]
                  for m in months]
    busiest = max(months, key=lambda m: per_month[m])
    text = _("%(n)s escalations; most in %(month)s (%(k)s); highest rung reached: %(rung)s.",
             n=sum(per_month.values()), month=format_month(busiest), k=per_month[busiest],
             rung=f"{rungs[-1]} · {levels.get(rungs[-1], rungs[-1])}")
    columns = [_("Month")] + [f"{lv} · {levels.get(lv, lv)}" for lv in rungs] + [_("Total")]
    return text, _table(columns, table_rows, range(1, len(rungs) + 2))


def levels_time(mean_days, total_days, levels) -> tuple[str, Table]:
    """Mean and total days issues spent at each level."""
    shown = [lv for lv in sorted(mean_days) if mean_days[lv] is not None]
    rows = [[f"{lv} · {levels.get(lv, lv)}", _num(mean_days[lv]), _num(total_days.get(lv, 0), 0)]
            for lv in shown]
    longest = max(shown, key=lambda lv: mean_days[lv])
    text = _("Issues stayed longest at %(level)s: %(days)s days on average.",
             level=f"{longest} · {levels.get(longest, longest)}", days=_num(mean_days[longest]))
    return text, _table([_("Level"), _("Mean days"), _("Total days")], rows, (1, 2))


def resolution(rows) -> tuple[str, Table]:
    """Mean days from issue to resolving agreement per month (coach overview)."""
    rows = sorted(rows)
    resolved = sum(n for _m, _d, n in rows)
    mean = sum(d * n for _m, d, n in rows) / resolved if resolved else None
    text = _("%(n)s issues resolved in the last year, after %(days)s days on average.",
             n=resolved, days=_num(mean))
    table_rows = [[format_month(m), _num(d), n] for m, d, n in rows]
    return text, _table([_("Month"), _("Mean days"), _("Issues resolved")], table_rows, (1, 2))
