"""The report benchmark's baseline query computes exactly the report service's numbers."""

from __future__ import annotations

from sqlalchemy import select

from bench.environment import REPO_ROOT
from bench.report_sql import Line, report_numbers
from learn.core.localtime import local_today
from learn.db import engine_for
from learn.orgs.models import OrgUnit
from learn.orgs.scope import Scope
from learn.reports.filters import ReportFilters
from learn.reports.rollup import build_rollup


def _service(session, unit) -> dict[str, Line]:
    rollup = build_rollup(session, Scope(everything=True), unit, ReportFilters(), local_today())
    paths = dict(session.execute(select(OrgUnit.id, OrgUnit.path)).all())
    return {paths[line.unit_id]: Line(line.counts.learners, line.counts.pairs,
                                      line.counts.started, line.counts.completed,
                                      line.counts.overdue)
            for line in rollup.lines if line.counts.pairs}


def test_baseline_numbers_equal_the_report_at_the_root_and_a_district(app, runner, db_session):
    synced = runner.invoke(["courses", "sync", str(REPO_ROOT / "courses")])
    assert synced.exit_code == 0, synced.output
    demo = runner.invoke(["demo", "--learners", "120"])
    assert demo.exit_code == 0, demo.output
    root = db_session.scalar(select(OrgUnit).where(OrgUnit.parent_id.is_(None)))
    district = db_session.scalar(select(OrgUnit).where(OrgUnit.kind == "district")
                                 .order_by(OrgUnit.id))
    with engine_for(app).connect() as connection:
        for unit in (root, district):
            ours = report_numbers(connection, unit.path, local_today())
            assert ours, f"no numbers for {unit.path}"
            assert sum(line.pairs for line in ours.values()) > 0
            assert ours == _service(db_session, unit)
