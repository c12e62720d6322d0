"""The organisation report: one line per child unit, rolled up over each child's subtree.

All counts come from ONE aggregate statement grouped by the member's unit (at most one row
per unit of the subtree); each unit row is then added to the child whose path prefixes it.
People belong to exactly one unit, so per-unit counts of distinct learners add up exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import (
    CTE,
    ColumnElement,
    Select,
    and_,
    case,
    func,
    literal_column,
    null,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from learn.learning.models import CourseCompletion, CourseProgress
from learn.orgs.models import OrgUnit
from learn.orgs.scope import Scope
from learn.reports.assigned import (
    UnitCondition,
    class_courses,
    members,
    same_class,
    unit_of,
)
from learn.reports.counts import Counts
from learn.reports.filters import ReportFilters
from learn.reports.sql_dates import month_text
from learn.reports.timeline import MonthCount, fill_months, month_in_window


@dataclass
class UnitLine:
    """A child unit (or the chosen unit's own members) and its rolled-up counts."""

    unit_id: int
    code: str
    name: str
    kind: str
    is_active: bool
    own_members: bool = False  # the people placed directly in the chosen unit
    has_children: bool = False
    counts: Counts = field(default_factory=Counts)


@dataclass
class OrgRollup:
    """The chosen unit (None: the top of the viewer's scope), its lines and its total."""

    unit: OrgUnit | None
    lines: list[UnitLine]
    total: Counts
    months: list[MonthCount] = field(default_factory=list)


def subtree_condition(scope: Scope, unit: OrgUnit | None) -> UnitCondition:
    """Member units inside the chosen unit's subtree and inside the viewer's scope."""

    def condition(path_column):
        inside = scope.unit_filter(path_column)
        if unit is None:
            return inside
        return and_(path_column.startswith(unit.path, autoescape=True), inside)

    return condition


ASSIGNED, STARTED, COMPLETED, MONTHS = 0, 1, 2, 3


def counts_by_unit(
    session: Session, condition: UnitCondition, filters: ReportFilters, today: date
) -> list[tuple[str, Counts]]:
    """(unit path, counts of the people placed directly in that unit), one statement."""
    return counts_and_months(session, condition, filters, today, None)[0]


def counts_and_months(
    session: Session, condition: UnitCondition, filters: ReportFilters, today: date,
    months: list[date] | None,
) -> tuple[list[tuple[str, Counts]], list[MonthCount]]:
    """Counts per unit and (when months are given) completions per month, one statement.

    The aggregates (assigned, started, completed per unit; completions per month) come back
    as one UNION ALL and are put together here: joining them in SQL lets a planner that
    underestimates their size re-run them once per unit. Completions are read once for
    both the per-unit counts and the months.
    """
    pair_filter = filters.pair_filter
    courses = class_courses(condition, pair_filter)
    people = members(condition, pair_filter)
    dialect = session.get_bind().dialect.name
    completed = _completions(courses, people, filters, months, dialect)
    parts = union_all(
        _assigned(courses, people, today),
        _started(courses, people, pair_filter.course_id),
        *_completed(completed, today, months, dialect),
    ).subquery("parts")
    # Table columns, not ORM attributes: thousands of plain rows need no ORM processing.
    units = OrgUnit.__table__
    stmt = select(units.c.path, parts.c.part, parts.c.a, parts.c.b, parts.c.c,
                  parts.c.month).outerjoin(units, units.c.id == parts.c.unit_id)
    by_path: dict[str, Counts] = {}
    per_month: dict[str, int] = {}
    for path, part, a, b, c, month in session.execute(stmt):
        if part == MONTHS:
            per_month[str(month)] = int(a or 0)
            continue
        counts = by_path.setdefault(path, Counts())
        if part == ASSIGNED:
            counts.learners, counts.pairs, counts.overdue = int(a), int(b), counts.overdue + int(c)
        elif part == STARTED:
            counts.started = int(a or 0)
        else:
            counts.completed = int(a or 0)
            counts.overdue -= int(b or 0)  # due pairs minus those completed
    return list(by_path.items()), fill_months(per_month, months or [])


def _assigned(courses, people, today: date) -> Select:
    """Per unit: members with an assigned course, their pairs, and the pairs past due.

    Both sides are counted per unit class first: everyone of a class in a unit has the same
    assigned courses.
    """
    per_class = (
        select(
            courses.c.unit_class,
            func.count().label("pairs"),
            func.sum(case((courses.c.due_date < today, 1), else_=0)).label("due_pairs"),
        )
        .group_by(courses.c.unit_class)
        .subquery("per_class")
    )
    per_member_class = (
        select(people.c.unit_class, func.count().label("n"))
        .group_by(people.c.unit_class)
        .subquery("member_classes")
    )
    unit_id = unit_of(per_member_class.c.unit_class)
    return (
        select(
            unit_id.label("unit_id"),
            literal_column(str(ASSIGNED)).label("part"),
            func.sum(per_member_class.c.n).label("a"),
            func.sum(per_member_class.c.n * per_class.c.pairs).label("b"),
            func.sum(per_member_class.c.n * per_class.c.due_pairs).label("c"),
            null().label("month"),
        )
        .select_from(per_member_class)
        .join(per_class, same_class(per_member_class, per_class))
        .group_by(unit_id)
    )


def _assigned_course(grouped, courses) -> ColumnElement[bool]:
    return and_(same_class(grouped, courses), grouped.c.course_id == courses.c.course_id)


def _started(courses, people, course_id: int | None) -> Select:
    """Per unit: progress records on assigned courses.

    The records are first grouped by (unit class, course) and only then matched against the
    assigned courses, so the database never builds one row per assigned person and course.
    """
    progress = CourseProgress
    grouped = (
        select(people.c.unit_class, progress.course_id, func.count().label("n"))
        .select_from(progress)
        .join(people, people.c.user_id == progress.user_id)
        .group_by(people.c.unit_class, progress.course_id)
    )
    if course_id is not None:
        grouped = grouped.where(progress.course_id == course_id)
    grouped = grouped.subquery("progress_grouped")
    unit_id = unit_of(grouped.c.unit_class)
    return (
        select(unit_id, literal_column(str(STARTED)), func.sum(grouped.c.n),
               literal_column("0"), literal_column("0"), null())
        .select_from(grouped)
        .join(courses, _assigned_course(grouped, courses))
        .group_by(unit_id)
    )


def _completed(completed: CTE, today: date, months: list[date] | None,
               dialect: str) -> list[Select]:
    """Per unit: completions (within the period) and completed pairs past due; and
    completions per month when months are asked for."""
    unit_id = unit_of(completed.c.unit_class)
    branches = [
        select(unit_id, literal_column(str(COMPLETED)), func.sum(completed.c.n),
               func.sum(case((completed.c.due_date < today, completed.c.n_any), else_=0)),
               literal_column("0"), null())
        .group_by(unit_id),
    ]
    if months:
        branches.append(
            select(null(), literal_column(str(MONTHS)), func.sum(completed.c.n),
                   literal_column("0"), literal_column("0"),
                   month_text(completed.c.month, dialect))
            .where(completed.c.month.is_not(None))
            .group_by(completed.c.month)
        )
    return branches


def _completions(courses, people, filters: ReportFilters, months: list[date] | None,
                 dialect: str) -> CTE:
    """Completions on assigned courses per (unit class, course, month): n_any (all of
    them), n (those within the period) and the due date; month is NULL outside the months
    shown (and without months). The per-unit counts and the months both read this one
    grouping, so completions are joined to the learners once."""
    completion = CourseCompletion
    month = null()
    if months:
        month = month_in_window(completion.completed_at, months, filters, dialect)
    in_period = filters.completed_within(completion.completed_at)
    dated = (
        select(people.c.unit_class, completion.course_id, month.label("month"),
               case((in_period, 1), else_=0).label("in_period"))
        .select_from(completion)
        .join(people, people.c.user_id == completion.user_id)
    )
    if filters.course_id is not None:
        dated = dated.where(completion.course_id == filters.course_id)
    dated = dated.subquery("completions_dated")
    keys = (dated.c.unit_class, dated.c.course_id, dated.c.month)
    grouped = (
        select(*keys, func.count().label("n_any"), func.sum(dated.c.in_period).label("n"))
        .group_by(*keys)
        .subquery("completions_grouped")
    )
    return (
        select(grouped.c.unit_class, grouped.c.month, grouped.c.n_any, grouped.c.n,
               courses.c.due_date)
        .select_from(grouped)
        .join(courses, _assigned_course(grouped, courses))
        .cte("completions_matched")
    )


def _children(session: Session, scope: Scope, unit: OrgUnit | None) -> list[OrgUnit]:
    if unit is not None:
        stmt = select(OrgUnit).where(OrgUnit.parent_id == unit.id)
    elif scope.everything:
        stmt = select(OrgUnit).where(OrgUnit.parent_id.is_(None))
    else:
        stmt = select(OrgUnit).where(OrgUnit.path.in_(scope.paths or ("",)))
    return list(session.scalars(stmt.order_by(OrgUnit.name, OrgUnit.id)))


def _parents_among(session: Session, units: list[OrgUnit]) -> set[int]:
    """The ids of the given units that have at least one child unit."""
    if not units:
        return set()
    ids = [u.id for u in units]
    return set(session.scalars(select(OrgUnit.parent_id).where(OrgUnit.parent_id.in_(ids))))


def _owner(path: str, unit: OrgUnit | None, child_paths: dict[str, UnitLine]) -> UnitLine | None:
    if unit is not None:
        rest = path[len(unit.path):]
        head = rest.split("/", 1)[0]
        return child_paths.get(f"{unit.path}{head}/") if head else None
    for child_path, line in child_paths.items():
        if path.startswith(child_path):
            return line
    return None


def build_rollup(
    session: Session, scope: Scope, unit: OrgUnit | None, filters: ReportFilters, today: date,
    months: list[date] | None = None,
) -> OrgRollup:
    """The rolled-up counts of the chosen unit's children (a fixed number of statements),
    and completions per month when months are asked for."""
    children = _children(session, scope, unit)
    with_children = _parents_among(session, children)
    lines = {
        child.path: UnitLine(child.id, child.code, child.name, child.kind, child.is_active,
                             has_children=child.id in with_children)
        for child in children
    }
    own = None
    if unit is not None:
        own = UnitLine(unit.id, unit.code, unit.name, unit.kind, unit.is_active, own_members=True)
    total = Counts()
    by_unit, per_month = counts_and_months(session, subtree_condition(scope, unit), filters,
                                           today, months)
    for path, counts in by_unit:
        total.add(counts)
        line = own if unit is not None and path == unit.path else _owner(path, unit, lines)
        if line is not None:
            line.counts.add(counts)
    result = list(lines.values())
    if own is not None and own.counts.pairs:
        result.insert(0, own)
    return OrgRollup(unit=unit, lines=result, total=total, months=per_month)
