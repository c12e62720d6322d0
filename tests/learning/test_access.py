"""Access matrix of the learner pages: anonymous, learner, other learner, trainer, admin."""

from __future__ import annotations

import pytest

from learn.learning.completion import mark_unit_done
from tests.learning.factory import UnitSpec

ROLES = {
    "learner": ("learner",),
    "other": ("learner",),
    "trainer": ("trainer",),
    "admin": ("admin",),
}


@pytest.fixture
def world(courses, make_user, db_session):
    """A public course, a draft, and a learner who completed the public one."""
    public = courses.course("mo", "Khoá mở", certificate=True, audience=("official",),
                            units=[UnitSpec("a", "A")])
    courses.course("nhap", "Nháp", draft=True, units=[UnitSpec("a", "A")])
    users = {name: make_user(email=f"{name}@example.org", roles=roles)
             for name, roles in ROLES.items()}
    mark_unit_done(db_session, users["learner"].id, public.units[0])
    db_session.commit()
    from sqlalchemy import select

    from learn.certificates.models import Certificate

    return {"code": db_session.scalar(select(Certificate)).code}


# who -> expected status for each page; "login" means a redirect to the sign-in page.
MATRIX = {
    "/courses/": {"anonymous": 200, "learner": 200, "other": 200, "trainer": 200, "admin": 200},
    "/courses/mo": {"anonymous": 200, "learner": 200, "other": 200, "trainer": 200,
                    "admin": 200},
    "/courses/mo/units/a": {"anonymous": "login", "learner": 200, "other": 200, "trainer": 200,
                            "admin": 200},
    "/courses/nhap": {"anonymous": 404, "learner": 404, "other": 404, "trainer": 200,
                      "admin": 200},
    "/courses/nhap/units/a": {"anonymous": "login", "learner": 404, "other": 404,
                              "trainer": 200, "admin": 200},
    "/me": {"anonymous": "login", "learner": 200, "other": 200, "trainer": 200, "admin": 200},
    "/certificates/{code}": {"anonymous": "login", "learner": 200, "other": 404,
                             "trainer": 404, "admin": 200},
    "/verify/{code}": {"anonymous": 200, "learner": 200, "other": 200, "trainer": 200,
                       "admin": 200},
    "/admin/certificates": {"anonymous": "login", "learner": 403, "other": 403,
                            "trainer": 403, "admin": 200},
}


@pytest.mark.parametrize("who", ["anonymous", *ROLES])
def test_access_matrix(client, auth, world, who):
    if who != "anonymous":
        auth.login(f"{who}@example.org")
    seen = {}
    for path in MATRIX:
        response = client.get(path.format(code=world["code"]))
        status = response.status_code
        if status == 302 and response.headers["Location"].startswith("/login"):
            status = "login"
        seen[path] = status
    assert seen == {path: expected[who] for path, expected in MATRIX.items()}


def test_citizen_cannot_study_an_officials_course(client, auth, world, make_user):
    make_user(email="dan@example.org", kind="citizen")
    auth.login("dan@example.org")
    assert client.get("/courses/mo").status_code == 200
    assert client.get("/courses/mo/units/a").status_code == 403
    assert client.post("/courses/mo/units/a/done").status_code == 403


def test_assignment_opens_a_course_outside_the_audience(client, auth, world, make_user,
                                                        monkeypatch, db_session):
    from sqlalchemy import select

    from learn.courses.models import Course
    from learn.learning import assignments

    course_id = db_session.scalar(select(Course.id).where(Course.slug == "mo"))
    monkeypatch.setattr(assignments, "assigned_courses",
                        lambda session, user_id: [assignments.AssignedCourse(course_id, None, 1)])
    make_user(email="dan@example.org", kind="citizen")
    auth.login("dan@example.org")
    assert client.get("/courses/mo/units/a").status_code == 200
