"""Dates as the data contract writes them: full (`2014-01-12`) or partial (`2014-01`, `2014`)."""

from __future__ import annotations

import calendar
import datetime as dt

from .models import Article

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def long_date(value: dt.date | str) -> str:
    """`2014-01-12` -> `12 January 2014`; partial dates keep their precision (`April 2011`)."""
    text = value.isoformat() if isinstance(value, dt.date) else value
    parts = [int(part) for part in text.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = _MONTHS[parts[1] - 1]
    return f"{parts[2]} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


def first_day(value: str) -> dt.date:
    """The first day a partial date (YYYY, YYYY-MM, YYYY-MM-DD) covers."""
    parts = [int(part) for part in value.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def last_day(value: str) -> dt.date:
    """The last day a partial date covers: `2024` is 31 December 2024."""
    parts = [int(part) for part in value.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    return dt.date(year, month, parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1])


def story_modified(article: Article) -> dt.date:
    """When a story last changed: its own date, or its latest dated update."""
    return max([article.date, *(update.date for update in article.updates)])
