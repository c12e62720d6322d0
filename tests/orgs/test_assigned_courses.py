"""assigned_courses: ancestor-or-self assignments, audience filters, earliest due date."""

from __future__ import annotations

from datetime import date

from learn.orgs.models import Assignment
from learn.orgs.services import assigned_courses


def _assign(session, course, unit, audience="all", due=None, active=True) -> Assignment:
    row = Assignment(
        course_id=course.id, org_unit_id=unit.id, audience=audience, due_date=due,
        is_active=active,
    )
    session.add(row)
    session.commit()
    return row


def test_ancestor_assignment_covers_member_of_subunit(db_session, tree, make_course, make_user,
                                                      place):
    course = make_course("c1")
    user = make_user()
    place(user, tree["A1"])
    row = _assign(db_session, course, tree["P"], due=date(2030, 1, 1))
    result = assigned_courses(db_session, user.id)
    assert [(a.course_id, a.due_date, a.assignment_id) for a in result] == [
        (course.id, date(2030, 1, 1), row.id)
    ]


def test_sibling_subtree_and_inactive_assignments_do_not_count(db_session, tree, make_course,
                                                               make_user, place):
    course = make_course("c1")
    user = make_user()
    place(user, tree["A1"])
    _assign(db_session, course, tree["B"])
    _assign(db_session, course, tree["A"], active=False)
    assert assigned_courses(db_session, user.id) == []


def test_user_without_unit_has_no_assignments(db_session, tree, make_course, make_user):
    _assign(db_session, make_course("c1"), tree["P"])
    assert assigned_courses(db_session, make_user().id) == []


def test_later_joiner_is_covered(db_session, tree, make_course, make_user, place):
    course = make_course("c1")
    _assign(db_session, course, tree["A"])
    late = make_user()
    assert assigned_courses(db_session, late.id) == []
    place(late, tree["A1"])
    assert [a.course_id for a in assigned_courses(db_session, late.id)] == [course.id]


def test_audience_filters(db_session, tree, make_course, make_user, place):
    for_officials = make_course("officials")
    for_specialists = make_course("specialists")
    _assign(db_session, for_officials, tree["P"], audience="officials")
    _assign(db_session, for_specialists, tree["P"], audience="specialists")
    citizen = make_user(kind="citizen")
    official = make_user(kind="official")
    specialist = make_user(kind="official")
    place(citizen, tree["A1"])
    place(official, tree["A1"])
    place(specialist, tree["B1"], specialist=True)
    assert assigned_courses(db_session, citizen.id) == []
    assert {a.course_id for a in assigned_courses(db_session, official.id)} == {for_officials.id}
    assert {a.course_id for a in assigned_courses(db_session, specialist.id)} == {
        for_officials.id, for_specialists.id,
    }


def test_earliest_due_date_wins(db_session, tree, make_course, make_user, place):
    course = make_course("c1")
    user = make_user()
    place(user, tree["A1"])
    _assign(db_session, course, tree["P"], due=None)
    _assign(db_session, course, tree["A"], due=date(2031, 5, 1))
    earliest = _assign(db_session, course, tree["A1"], due=date(2030, 3, 1))
    _assign(db_session, course, tree["P"], due=date(2032, 1, 1))
    [item] = assigned_courses(db_session, user.id)
    assert (item.due_date, item.assignment_id) == (date(2030, 3, 1), earliest.id)


def test_no_deadline_only_when_no_assignment_has_one(db_session, tree, make_course, make_user,
                                                     place):
    course = make_course("c1")
    user = make_user()
    place(user, tree["A"])
    first = _assign(db_session, course, tree["P"])
    _assign(db_session, course, tree["A"])
    [item] = assigned_courses(db_session, user.id)
    assert item.due_date is None and item.assignment_id == first.id


def test_retired_courses_are_left_out(db_session, tree, make_course, make_user, place):
    from learn.db import utcnow

    retired = make_course("old", retired_at=utcnow())
    live = make_course("new")
    user = make_user()
    place(user, tree["A"])
    _assign(db_session, retired, tree["P"])
    _assign(db_session, live, tree["P"])
    assert [a.course_id for a in assigned_courses(db_session, user.id)] == [live.id]
