"""Date expressions that differ between SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import ColumnElement, func

from learn.core.localtime import LOCAL_OFFSET


def local_month_key(column, dialect_name: str) -> ColumnElement:
    """SQL: the Vietnam-time month of a UTC timestamp column, as a value to group by.

    PostgreSQL: the first instant of the month (cheaper per row than formatting, which
    `month_text` does once per group); SQLite: already the 'YYYY-MM' text.
    """
    if dialect_name == "postgresql":
        return func.date_trunc("month", func.timezone("UTC", column) + LOCAL_OFFSET)
    # SQLite keeps UTC timestamps as naive ISO text; strftime shifts them to UTC+7.
    return func.strftime("%Y-%m", column, "+7 hours")


def month_text(month_key, dialect_name: str) -> ColumnElement[str]:
    """SQL: 'YYYY-MM' of a month key made by `local_month_key`."""
    if dialect_name == "postgresql":
        return func.to_char(month_key, "YYYY-MM")
    return month_key


def local_month(column, dialect_name: str) -> ColumnElement[str]:
    """SQL: 'YYYY-MM' of a UTC timestamp column in Vietnam time."""
    return month_text(local_month_key(column, dialect_name), dialect_name)
