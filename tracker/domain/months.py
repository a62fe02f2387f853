"""Calendar months as "YYYY-MM" keys, for monthly groupings in charts and trends."""
from __future__ import annotations

__all__ = ["month_key", "month_range"]


def month_key(year, month) -> str:
    """"2025-03" from a year and month (PostgreSQL's EXTRACT returns decimals)."""
    return f"{int(year):04d}-{int(month):02d}"


def month_range(first: str, last: str) -> list[str]:
    """Every month "YYYY-MM" from ``first`` to ``last`` inclusive (empty if first > last)."""
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out
