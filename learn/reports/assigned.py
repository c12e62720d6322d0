"""Who is assigned which course, as SQL building blocks shared by every report.

A learner is assigned a course when an active assignment sits on their unit or one of its
ancestors (the assignment unit's path is a prefix of the member's unit path), its audience
includes them, the user is active and the course is not retired. Several assignments of
the same course to the same person make one pair whose due date is the earliest one.

Whether a person is assigned a course depends only on their unit and their "class"
(official or not, DX specialist or not). So the expensive prefix join runs between units
and assignments only (hundreds x tens of rows) and yields `class_courses`: one row per
(unit class, course) with the earliest due date. Counting then needs no per-person
expansion: progress and completion rows are grouped by (unit class, course) first and
matched against `class_courses` afterwards, which keeps every join a cheap hash join.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import (
    CTE,
    ColumnElement,
    Integer,
    Select,
    and_,
    case,
    func,
    literal_column,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import True_

from learn.auth.models import User
from learn.courses.models import Course
from learn.orgs.models import Assignment, OrgMembership, OrgUnit

UnitCondition = Callable[[ColumnElement], ColumnElement[bool]]

# A person's class: official or not (2 or 0) plus DX specialist or not (1 or 0). Counting
# goes by "unit class", unit id x 4 + class: one integer that the joins and groupings match
# on, and that the database keeps, hashes and compares more cheaply than three columns.
CLASSES = 4
OFFICIAL, SPECIALIST = 2, 1


@dataclass(frozen=True)
class PairFilter:
    """Restrictions on the pairs: one course, one kind of user (official or citizen)."""

    course_id: int | None = None
    kind: str | None = None


def _times_classes(unit_id) -> ColumnElement[int]:
    return unit_id * literal_column(str(CLASSES), Integer)


def unit_of(unit_class) -> ColumnElement[int]:
    """SQL: the unit id of a unit class."""
    return unit_class // literal_column(str(CLASSES), Integer)


def _classes() -> Select:
    """The four classes of people as rows (class, official 0/1, specialist 0/1)."""
    rows = [
        select(
            literal_column(str(official * OFFICIAL + specialist * SPECIALIST)).label("class_"),
            literal_column(str(official)).label("official"),
            literal_column(str(specialist)).label("specialist"),
        )
        for official in (0, 1)
        for specialist in (0, 1)
    ]
    return union_all(*rows)


def class_courses(member_units: UnitCondition, pair_filter: PairFilter) -> CTE:
    """CTE (unit_class, course_id, due_date, title) for units in the condition: every course
    assigned to each class of people of each unit."""
    member_unit = aliased(OrgUnit, name="member_unit")
    assigned_unit = aliased(OrgUnit, name="assigned_unit")
    covering = (
        select(
            member_unit.id.label("unit_id"),
            Assignment.course_id.label("course_id"),
            Assignment.audience.label("audience"),
            Assignment.due_date.label("due_date"),
            Course.title.label("title"),
        )
        .join(assigned_unit, assigned_unit.id == Assignment.org_unit_id)
        .join(Course, Course.id == Assignment.course_id)
        .join(member_unit, member_unit.path.startswith(assigned_unit.path))
        .where(
            Assignment.is_active.is_(True),
            Course.retired_at.is_(None),
            member_units(member_unit.path),
        )
    )
    if pair_filter.course_id is not None:
        covering = covering.where(Assignment.course_id == pair_filter.course_id)
    cover = covering.subquery("covering")
    classes = _classes().subquery("classes")
    stmt = (
        select(
            (_times_classes(cover.c.unit_id) + classes.c.class_).label("unit_class"),
            cover.c.course_id,
            func.min(cover.c.due_date).label("due_date"),
            func.min(cover.c.title).label("title"),
        )
        .select_from(cover.join(classes, true()))
        .where(
            or_(
                cover.c.audience == "all",
                and_(cover.c.audience == "officials", classes.c.official == 1),
                and_(cover.c.audience == "specialists", classes.c.specialist == 1),
            )
        )
        .group_by(cover.c.unit_id, classes.c.class_, cover.c.course_id)
    )
    return stmt.cte("class_courses")


def members(member_units: UnitCondition, pair_filter: PairFilter, details: bool = False) -> CTE:
    """CTE (user_id, unit_class) of active members in the units.

    With details, also the unit id, the person's name and email and the unit's name. OFFSET
    0 keeps the CTE a separate step: planners that underestimate the assigned courses would
    otherwise look members up one by one through an index, once per assigned course.
    """
    extra = (
        [OrgMembership.org_unit_id.label("unit_id"), User.full_name.label("full_name"),
         User.email.label("email"), OrgUnit.name.label("unit_name")]
        if details else []
    )
    unit_class = (
        _times_classes(OrgMembership.org_unit_id)
        + case((User.kind == "official", OFFICIAL), else_=0)
        + case((OrgMembership.is_dx_specialist.is_(True), SPECIALIST), else_=0)
    )
    stmt = (
        select(OrgMembership.user_id.label("user_id"), unit_class.label("unit_class"), *extra)
        .join(User, User.id == OrgMembership.user_id)
        .where(User.is_active.is_(True))
    )
    inside = member_units(OrgUnit.path)
    # Everything in scope (an administrator at the top): the units need not be read at all.
    if details or not isinstance(inside, True_):
        stmt = stmt.join(OrgUnit, OrgUnit.id == OrgMembership.org_unit_id).where(inside)
    if pair_filter.kind is not None:
        stmt = stmt.where(User.kind == pair_filter.kind)
    return stmt.offset(0).cte("members")


def same_class(left, right) -> ColumnElement[bool]:
    """SQL: two selectables with a unit_class column are about the same unit and class."""
    return left.c.unit_class == right.c.unit_class


def assigned_pairs(member_units: UnitCondition, pair_filter: PairFilter) -> Select:
    """SELECT user_id, unit_id, course_id, due_date: exactly one row per assigned pair."""
    courses = class_courses(member_units, pair_filter)
    people = members(member_units, pair_filter)
    return select(
        people.c.user_id,
        unit_of(people.c.unit_class).label("unit_id"),
        courses.c.course_id,
        courses.c.due_date,
    ).join(courses, same_class(people, courses))
