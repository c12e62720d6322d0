"""On PostgreSQL every report statement is planned for its own values (no cached plan)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from learn.db import engine_for
from learn.reports.planning import plan_for_each_run
from tests.conftest import counting_statements

SETTING = "SET LOCAL plan_cache_mode = force_custom_plan"


def test_custom_plans_last_for_the_transaction_only(app, db_session):
    if db_session.get_bind().dialect.name != "postgresql":
        with counting_statements(engine_for(app)) as statements:
            plan_for_each_run(db_session)
        assert statements == []  # SQLite has no plan cache to steer
        return
    plan_for_each_run(db_session)
    assert db_session.execute(text("SHOW plan_cache_mode")).scalar_one() == "force_custom_plan"
    db_session.commit()
    assert db_session.execute(text("SHOW plan_cache_mode")).scalar_one() == "auto"


def test_report_pages_ask_for_custom_plans(app, province, login):
    if engine_for(app).dialect.name != "postgresql":
        pytest.skip("PostgreSQL only (LEARN_TEST_DATABASE_URL)")
    client = login("admin")
    url = f"/reports/orgs?unit={province.units['P'].id}"
    with counting_statements(engine_for(app)) as statements:
        assert client.get(url).status_code == 200
    assert SETTING in statements[:2]  # before anything else the page asks
