"""Dates as people in the province read them: Vietnam time (UTC+7, no daylight saving)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

LOCAL_TZ = timezone(timedelta(hours=7), "ICT")


def local_date(moment: datetime) -> date:
    """The calendar date of a UTC timestamp in Vietnam."""
    return moment.astimezone(LOCAL_TZ).date()


def local_today() -> date:
    """Today's date in Vietnam."""
    return datetime.now(LOCAL_TZ).date()
