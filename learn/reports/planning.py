"""Report statements are planned for the values they run with, never by a cached plan."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def plan_for_each_run(session: Session) -> None:
    """For the rest of this transaction, PostgreSQL plans each statement for its values.

    psycopg prepares a statement once a connection has run it five times (which saves the
    learner pages a third of their time on PostgreSQL), and after five more runs PostgreSQL
    may keep one generic plan for it, blind to its parameters. For the organisation report
    that plan took ~700 ms where a plan for the actual values takes ~300 ms (100,000
    learners), from the eleventh view in a worker on. Reports are few and heavy: planning
    each of their statements costs nothing in comparison.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
