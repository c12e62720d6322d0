"""How the engine talks to PostgreSQL: no statement is prepared on the server by itself."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from learn.courses.models import Course
from learn.db import engine_for


def test_repeated_statements_leave_no_prepared_statement_on_the_server(app):
    engine = engine_for(app)
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only (LEARN_TEST_DATABASE_URL)")
    statement = select(Course.id).where(Course.slug == "khong-co")
    with engine.connect() as connection:
        for _ in range(12):  # psycopg's default would prepare it after 5 runs
            assert connection.execute(statement).first() is None
        prepared = connection.execute(text("SELECT count(*) FROM pg_prepared_statements"))
        assert prepared.scalar_one() == 0
