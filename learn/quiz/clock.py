"""Times shown to learners: Vietnam time (Asia/Ho_Chi_Minh, UTC+7 all year)."""

from __future__ import annotations

from datetime import datetime

from learn.core.i18n import format_date
from learn.core.localtime import LOCAL_TZ as VIETNAM


def local_clock(moment: datetime) -> str:
    """The hour and minute of a UTC moment in Vietnam, e.g. 14:35."""
    return moment.astimezone(VIETNAM).strftime("%H:%M")


def local_date_text(moment: datetime) -> str:
    """The calendar date of a UTC moment in Vietnam, in the learner's notation."""
    return format_date(moment.astimezone(VIETNAM))


def seconds_left(deadline: datetime, now: datetime) -> int:
    """Whole seconds from now until the deadline, never negative."""
    return max(0, int((deadline - now).total_seconds()))
