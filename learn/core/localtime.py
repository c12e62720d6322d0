"""Vietnam time (UTC+7 all year, no summer time): the one place the province's clock is defined.

A fixed offset rather than a tz database name, so servers without tzdata agree.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

LOCAL_TZ = timezone(timedelta(hours=7), "ICT")
LOCAL_OFFSET = timedelta(hours=7)


def local_time(moment: datetime) -> datetime:
    """A stored (UTC, or naive meaning UTC) time in Vietnam time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(LOCAL_TZ)


def local_today() -> date:
    """Today's date in Vietnam."""
    return datetime.now(LOCAL_TZ).date()


def local_date(moment: datetime | None) -> date | None:
    """The calendar date of a UTC timestamp in Vietnam (None stays None)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(LOCAL_TZ).date()


def start_of_local_day(day: date) -> datetime:
    """The UTC instant at which a Vietnamese calendar day begins."""
    return datetime.combine(day, time.min, LOCAL_TZ).astimezone(UTC)


def end_of_local_day(day: date) -> datetime:
    """The UTC instant at which a Vietnamese calendar day ends (exclusive bound)."""
    return start_of_local_day(day + timedelta(days=1))
