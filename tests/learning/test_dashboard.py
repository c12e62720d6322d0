"""'My learning': in progress, assigned with due dates, completed, certificates; navigation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from learn.core.localtime import local_today
from learn.learning.completion import mark_unit_done, record_unit_opened
from tests.learning.factory import UnitSpec


def section(page: str, heading_id: str) -> str:
    """The HTML of the dashboard section with this heading id."""
    start = page.index(f'aria-labelledby="{heading_id}"')
    return page[start : page.index("</section>", start)]


@pytest.fixture
def learner(make_user, auth):
    """A signed-in official."""
    user = make_user(email="hv@example.org", name="Lê Văn Cường")
    auth.login("hv@example.org")
    return user


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/me")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_navigation_links(client, make_user, auth):
    page = client.get("/?lang=en").get_data(as_text=True)
    assert '<a href="/courses/">Catalogue</a>' in page
    assert 'href="/me"' not in page
    make_user(email="hv@example.org")
    auth.login("hv@example.org")
    page = client.get("/?lang=en").get_data(as_text=True)
    assert '<a href="/me">My learning</a>' in page
    assert '<a href="/courses/">Catalogue</a>' in page
    page = client.get("/?lang=vi").get_data(as_text=True)
    assert '<a href="/me">Học tập của tôi</a>' in page


def test_empty_dashboard(client, learner):
    page = client.get("/me?lang=en").get_data(as_text=True)
    assert "<h1>My learning</h1>" in page
    assert "You have no course in progress." in page
    assert "You have not completed a course yet." in page
    assert "assigned-heading" not in page


def test_in_progress_and_completed(client, learner, courses, db_session):
    going = courses.course("dang-hoc", "Đang học", units=[UnitSpec("a", "Bài A"),
                                                          UnitSpec("b", "Bài B")])
    done = courses.course("xong", "Đã xong", certificate=True, units=[UnitSpec("a", "A")])
    record_unit_opened(db_session, learner.id, going.units[1])
    mark_unit_done(db_session, learner.id, going.units[0])
    mark_unit_done(db_session, learner.id, done.units[0])
    db_session.commit()
    page = client.get("/me?lang=en").get_data(as_text=True)
    in_progress = section(page, "progress-heading")
    assert "Đang học" in in_progress and "Đã xong" not in in_progress
    assert "1 of 2 required units done (50%)" in in_progress
    assert 'href="/courses/dang-hoc/units/b"' in in_progress  # resume where they left off
    completed = section(page, "completed-heading")
    assert "Đã xong" in completed
    assert local_today().strftime("%d %b %Y") in completed
    certificates = section(page, "certificates-heading")
    assert "Đã xong" in certificates and 'href="/certificates/' in certificates
    assert '<span lang="vi">Đã xong</span>' in certificates  # the course's language, not the page's


def test_revoked_certificate_is_marked(client, learner, courses, db_session):
    from sqlalchemy import select

    from learn.certificates.models import Certificate
    from learn.certificates.services import revoke_certificate

    course = courses.course("xong", "Đã xong", certificate=True, units=[UnitSpec("a", "A")])
    mark_unit_done(db_session, learner.id, course.units[0])
    revoke_certificate(db_session, db_session.scalar(select(Certificate)), learner.id, "Sai")
    db_session.commit()
    page = client.get("/me?lang=en").get_data(as_text=True)
    assert "Revoked" in section(page, "certificates-heading")


def _assign(db_session, learner, due_by_course: dict) -> None:
    """Put the learner in a unit and assign it each course with its due date."""
    from learn.orgs.models import Assignment, OrgMembership
    from learn.orgs.tree import create_unit

    unit = create_unit(db_session, "UBND-XA", "UBND xã", "commune")
    db_session.add(OrgMembership(user_id=learner.id, org_unit_id=unit.id))
    for course, due in due_by_course.items():
        db_session.add(Assignment(course_id=course.id, org_unit_id=unit.id, audience="all",
                                  due_date=due))
    db_session.commit()


def test_assigned_courses_with_due_dates(client, learner, courses, db_session):
    late = courses.course("tre-han", "Trễ hạn", units=[UnitSpec("a", "A")])
    soon = courses.course("sap-den", "Sắp đến hạn", units=[UnitSpec("a", "A")])
    finished = courses.course("da-xong", "Xong đúng hạn", units=[UnitSpec("a", "A")])
    open_ended = courses.course("khong-han", "Không hạn", units=[UnitSpec("a", "A")])
    mark_unit_done(db_session, learner.id, finished.units[0])
    db_session.commit()
    today = local_today()
    _assign(db_session, learner, {
        soon: today + timedelta(days=3),
        late: today - timedelta(days=1),
        finished: today - timedelta(days=5),
        open_ended: None,
    })
    page = client.get("/me?lang=en").get_data(as_text=True)
    rows = section(page, "assigned-heading").split("<tr>")[2:]
    titles = ("Trễ hạn", "Sắp đến hạn", "Xong đúng hạn", "Không hạn")
    order = [next(t for t in titles if t in row) for row in rows]
    assert order == ["Xong đúng hạn", "Trễ hạn", "Sắp đến hạn", "Không hạn"]  # by due date
    by_title = {title: row for row in rows for title in
                ("Trễ hạn", "Sắp đến hạn", "Xong đúng hạn", "Không hạn") if title in row}
    assert "Overdue" in by_title["Trễ hạn"]
    assert "Overdue" not in by_title["Sắp đến hạn"]
    assert "Overdue" not in by_title["Xong đúng hạn"]  # completed, even though past due
    assert "No deadline" in by_title["Không hạn"]
    assert (today + timedelta(days=3)).strftime("%d %b %Y") in by_title["Sắp đến hạn"]
    # Assigned courses are not repeated under "In progress".
    assert "Trễ hạn" not in section(page, "progress-heading")


def test_assigned_courses_from_real_assignments(client, learner, courses, db_session):
    course = courses.course("giao", "Khoá được giao", units=[UnitSpec("a", "A")])
    _assign(db_session, learner, {course: date(2020, 1, 31)})
    page = client.get("/me?lang=vi").get_data(as_text=True)
    assigned = section(page, "assigned-heading")
    assert "Khoá được giao" in assigned
    assert "31/01/2020" in assigned
    assert "Quá hạn" in assigned
