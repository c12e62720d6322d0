"""Assignments pages: list with counts, create inside the scope, deactivate."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from learn.learning.models import CourseCompletion
from learn.orgs.assignment_admin import assignment_counts
from learn.orgs.models import Assignment
from learn.orgs.scope import Scope


def test_counts_covered_completed_overdue(db_session, world, make_user, place):
    past = date.today() - timedelta(days=3)
    world["assignment_a"].due_date = past
    late = make_user(email="late@example.org")
    place(late, world["A1"])
    db_session.add(CourseCompletion(user_id=world["person_a"].id, course_id=world["course"].id,
                                    course_version=1))
    db_session.commit()
    counts = assignment_counts(db_session, Scope(everything=True),
                               [world["assignment_a"].id, world["assignment_b"].id], date.today())
    a = counts[world["assignment_a"].id]
    assert (a.covered, a.completed, a.overdue) == (3, 1, 2)  # manager A, An, late joiner
    b = counts[world["assignment_b"].id]
    assert (b.covered, b.completed, b.overdue) == (2, 0, 0)  # no due date: never overdue
    scoped = assignment_counts(db_session, Scope(everything=False, paths=(world["A1"].path,)),
                               [world["assignment_a"].id], date.today())
    assert scoped[world["assignment_a"].id].covered == 2


def test_manager_lists_own_and_from_above(client, auth, world, db_session):
    province_wide = Assignment(course_id=world["course"].id, org_unit_id=world["P"].id,
                               audience="officials", due_date=date(2030, 1, 1))
    db_session.add(province_wide)
    db_session.commit()
    auth.login("manager.a@example.org")
    html = client.get("/admin/assignments").get_data(as_text=True)
    assert "Huyện An Phú" in html and "Tỉnh Demo" in html
    assert "Huyện Bình Sơn" not in html
    assert f"/admin/assignments/{world['assignment_a'].id}/active" in html
    assert f"/admin/assignments/{province_wide.id}/active" not in html


def test_manager_creates_inside_scope_only(client, auth, world, db_session):
    auth.login("manager.a@example.org")
    course = world["course"].id
    ok = client.post("/admin/assignments", data={
        "course": str(course), "unit": str(world["A1"].id), "audience": "specialists",
        "due_date": "2031-06-30",
    })
    assert ok.status_code == 302
    row = db_session.scalar(select(Assignment).where(Assignment.org_unit_id == world["A1"].id))
    assert (row.audience, row.due_date, row.created_by_id) == (
        "specialists", date(2031, 6, 30), world["manager_a"].id)
    outside = client.post("/admin/assignments", data={
        "course": str(course), "unit": str(world["B1"].id), "audience": "all",
    })
    assert outside.status_code == 400
    assert db_session.scalar(
        select(Assignment).where(Assignment.org_unit_id == world["B1"].id)) is None


def test_deactivate_in_scope_only(client, auth, world, db_session):
    auth.login("manager.a@example.org")
    b = world["assignment_b"].id
    assert client.post(f"/admin/assignments/{b}/active", data={"active": "0"}).status_code == 404
    a = world["assignment_a"].id
    assert client.post(f"/admin/assignments/{a}/active", data={"active": "0"}).status_code == 302
    db_session.expire_all()
    assert not db_session.get(Assignment, a).is_active
    assert db_session.get(Assignment, b).is_active


def test_drafts_and_retired_courses_cannot_be_assigned(client, auth, world, make_course,
                                                       db_session):
    from learn.db import utcnow

    draft = make_course("draft-course", draft=True)
    retired = make_course("retired-course", retired_at=utcnow())
    auth.login("admin@example.org")
    html = client.get("/admin/assignments").get_data(as_text=True)
    assert "draft-course" not in html and "retired-course" not in html
    for course in (draft, retired):
        response = client.post("/admin/assignments", data={
            "course": str(course.id), "unit": str(world["P"].id), "audience": "all"})
        assert response.status_code == 400
