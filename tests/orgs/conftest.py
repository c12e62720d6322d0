"""Fixtures for the orgs tests: a small tree, courses and members."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from learn.courses.models import Course
from learn.orgs.models import OrgMembership, OrgUnit


def _unit(session, code: str, name: str, kind: str, parent: OrgUnit | None) -> OrgUnit:
    unit = OrgUnit(code=code, name=name, kind=kind, parent_id=parent.id if parent else None)
    session.add(unit)
    session.flush()
    unit.path = (parent.path if parent else "/") + f"{unit.id}/"
    unit.depth = (parent.depth + 1) if parent else 0
    session.flush()
    return unit


@pytest.fixture
def make_unit(db_session) -> Callable[..., OrgUnit]:
    """Create and commit a unit directly (tree services have their own tests)."""

    def create(code: str, name: str | None = None, kind: str = "other", parent=None) -> OrgUnit:
        unit = _unit(db_session, code, name or code, kind, parent)
        db_session.commit()
        return unit

    return create


@pytest.fixture
def tree(make_unit) -> dict[str, OrgUnit]:
    """Province P with district A (commune A1) and district B (commune B1)."""
    province = make_unit("P", "Tỉnh Demo", "province")
    district_a = make_unit("A", "Huyện An Phú", "district", province)
    district_b = make_unit("B", "Huyện Bình Sơn", "district", province)
    commune_a1 = make_unit("A1", "Xã Tân Lập", "commune", district_a)
    commune_b1 = make_unit("B1", "Xã Hòa Bình", "commune", district_b)
    return {"P": province, "A": district_a, "B": district_b, "A1": commune_a1, "B1": commune_b1}


@pytest.fixture
def make_course(db_session) -> Callable[..., Course]:
    """Create and commit a published course."""

    def create(slug: str, title: str | None = None, **fields) -> Course:
        course = Course(
            slug=slug, title=title or slug, summary="", content_hash="0" * 64, **fields
        )
        db_session.add(course)
        db_session.commit()
        return course

    return create


@pytest.fixture
def place(db_session) -> Callable[..., OrgMembership]:
    """Put a user in a unit."""

    def put(user, unit: OrgUnit, specialist: bool = False, position: str | None = None):
        membership = OrgMembership(
            user_id=user.id, org_unit_id=unit.id, is_dx_specialist=specialist, position=position
        )
        db_session.add(membership)
        db_session.commit()
        return membership

    return put


@pytest.fixture
def world(db_session, tree, make_user, place, make_course):
    """Everybody of the access matrix, with people and assignments in both districts."""
    from learn.orgs.models import Assignment, ManagerScope

    admin = make_user(email="admin@example.org", name="Quản Trị", roles=("admin",))
    manager_a = make_user(email="manager.a@example.org", name="Quản Lý A", roles=("manager",))
    manager_b = make_user(email="manager.b@example.org", name="Quản Lý B", roles=("manager",))
    trainer = make_user(email="trainer@example.org", name="Giảng Viên", roles=("trainer",))
    learner = make_user(email="learner@example.org", name="Học Viên")
    person_a = make_user(email="an@example.org", name="Nguyễn Văn An")
    person_b = make_user(email="binh@example.org", name="Trần Thị Bình")
    place(manager_a, tree["A"])
    place(manager_b, tree["B"])
    place(person_a, tree["A1"], position="Chuyên viên")
    place(person_b, tree["B1"])
    db_session.add_all([
        ManagerScope(user_id=manager_a.id, org_unit_id=tree["A"].id),
        ManagerScope(user_id=manager_b.id, org_unit_id=tree["B"].id),
    ])
    course = make_course("chuyen-doi-so-can-bo", "Chuyển đổi số cho cán bộ")
    assignment_a = Assignment(course_id=course.id, org_unit_id=tree["A"].id, audience="all")
    assignment_b = Assignment(course_id=course.id, org_unit_id=tree["B"].id, audience="all")
    db_session.add_all([assignment_a, assignment_b])
    db_session.commit()
    return {
        "admin": admin, "manager_a": manager_a, "manager_b": manager_b, "trainer": trainer,
        "learner": learner, "person_a": person_a, "person_b": person_b, "course": course,
        "assignment_a": assignment_a, "assignment_b": assignment_b, **tree,
    }
