"""The roll-up and its months equal the same numbers worked out person by person in Python
from the orgs feature's own `assigned_courses`, on a grown province with random progress,
under several filters."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import select

from learn.auth.models import User
from learn.core.localtime import local_date
from learn.learning.models import CourseCompletion, CourseProgress
from learn.orgs.assignments import assigned_courses
from learn.orgs.models import OrgMembership, OrgUnit
from learn.orgs.scope import Scope
from learn.reports.counts import Counts
from learn.reports.filters import ReportFilters
from learn.reports.rollup import build_rollup
from learn.reports.timeline import month_window
from tests.reports.conftest import TODAY
from tests.reports.test_statement_counts import grow


def _child_code(path: str, unit: OrgUnit, children: dict[str, str]) -> str | None:
    if path == unit.path:
        return unit.code  # people placed directly in the chosen unit
    return next((code for prefix, code in children.items() if path.startswith(prefix)), None)


def _by_hand(session, unit: OrgUnit, filters: ReportFilters, months: list[date]):
    """{child code: Counts} and completions per month, one person at a time."""
    children = {u.path: u.code for u in session.scalars(
        select(OrgUnit).where(OrgUnit.parent_id == unit.id))}
    progress = {(u, c) for u, c in session.execute(
        select(CourseProgress.user_id, CourseProgress.course_id))}
    completions = {(u, c): at for u, c, at in session.execute(
        select(CourseCompletion.user_id, CourseCompletion.course_id,
               CourseCompletion.completed_at))}
    people = session.execute(
        select(User.id, User.kind, OrgUnit.path)
        .join(OrgMembership, OrgMembership.user_id == User.id)
        .join(OrgUnit, OrgUnit.id == OrgMembership.org_unit_id)
        .where(User.is_active.is_(True), OrgUnit.path.startswith(unit.path))
    ).all()
    lines: dict[str, Counts] = {}
    per_month: Counter = Counter()
    for user_id, kind, path in people:
        if filters.kind is not None and kind != filters.kind:
            continue
        pairs = [a for a in assigned_courses(session, user_id)
                 if filters.course_id in (None, a.course_id)]
        if not pairs:
            continue
        counts = lines.setdefault(_child_code(path, unit, children), Counts())
        counts.learners += 1
        for pair in pairs:
            done = completions.get((user_id, pair.course_id))
            day = local_date(done)
            within = done is not None and (
                (filters.completed_from is None or day >= filters.completed_from)
                and (filters.completed_to is None or day <= filters.completed_to))
            counts.pairs += 1
            counts.started += (user_id, pair.course_id) in progress
            counts.completed += within
            counts.overdue += done is None and pair.due_date is not None \
                and pair.due_date < TODAY
            if within:
                per_month[day.replace(day=1)] += 1
    return lines, [per_month[m] for m in months]


@pytest.mark.parametrize("unit_code, filters", [
    ("P", ReportFilters()),
    ("A", ReportFilters()),
    ("P", ReportFilters(kind="official")),
    ("P", ReportFilters(completed_from=date(2026, 2, 8), completed_to=date(2026, 2, 20))),
    ("P", ReportFilters(course_id="SKILLS", completed_from=date(2026, 1, 1))),
    ("P", ReportFilters(course_id="CDS", kind="citizen")),
])
def test_rollup_equals_counting_person_by_person(db_session, province, unit_code, filters):
    grow(db_session, province)
    if filters.course_id is not None:  # a course given by its key in the fixture
        filters = ReportFilters(course_id=province.courses[filters.course_id].id,
                                kind=filters.kind, completed_from=filters.completed_from,
                                completed_to=filters.completed_to)
    unit = province.units[unit_code]
    months = month_window(filters, TODAY)
    rollup = build_rollup(db_session, Scope(everything=True), unit, filters, TODAY, months)
    lines, per_month = _by_hand(db_session, unit, filters, months)
    assert {line.code: line.counts for line in rollup.lines if line.counts.learners} == lines
    total = Counts()
    for counts in lines.values():
        total.add(counts)
    assert rollup.total == total
    assert [m.count for m in rollup.months] == per_month
    assert sum(per_month) > 0 or filters.kind == "citizen"
