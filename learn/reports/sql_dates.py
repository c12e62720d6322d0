"""Date expressions that differ between SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import ColumnElement, func

from learn.core.localtime import LOCAL_OFFSET


def local_month(column, dialect_name: str) -> ColumnElement[str]:
    """SQL: 'YYYY-MM' of a UTC timestamp column in Vietnam time."""
    if dialect_name == "postgresql":
        return func.to_char(func.timezone("UTC", column) + LOCAL_OFFSET, "YYYY-MM")
    # SQLite keeps UTC timestamps as naive ISO text; strftime shifts them to UTC+7.
    return func.strftime("%Y-%m", column, "+7 hours")
