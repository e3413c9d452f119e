"""Calendar arithmetic the rules need: whole months and years, month ends clamped."""

from __future__ import annotations

import calendar
import datetime as dt

__all__ = ["add_months", "add_years", "format_uk"]


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months; 31 January + 1 month is 28 (or 29) February, never March."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def add_years(day: dt.date, years: int) -> dt.date:
    """``day`` plus whole years; 29 February becomes 28 February in a common year."""
    return add_months(day, 12 * years)


def format_uk(day: dt.date | dt.datetime | None) -> str:
    """dd/mm/yyyy (with HH:MM for a datetime, in Europe/London), or an empty string."""
    if day is None:
        return ""
    if isinstance(day, dt.datetime):
        from zoneinfo import ZoneInfo

        if day.tzinfo is not None:
            day = day.astimezone(ZoneInfo("Europe/London"))
        return day.strftime("%d/%m/%Y %H:%M")
    return day.strftime("%d/%m/%Y")
