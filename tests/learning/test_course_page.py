"""The course page: overview, unit statuses, progress, resume button, completion rule."""

from __future__ import annotations

import re

from sqlalchemy import select

from learn.db import utcnow
from learn.learning.completion import mark_unit_done, record_unit_completion
from learn.learning.models import CourseProgress
from tests.learning.factory import UnitSpec


def unit_items(page: str) -> list[str]:
    """The text of each unit line on the course page, tags and spaces squeezed."""
    block = page.split('<ol class="unit-list">', 1)[1].split("</ol>", 1)[0]
    items = re.findall(r"<li>(.*?)</li>", block, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


def test_anonymous_sees_overview_units_and_sign_in(client, security_course):
    page = client.get("/courses/an-toan-thong-tin?lang=en").get_data(as_text=True)
    assert "<h1>An toàn thông tin cho cán bộ</h1>" in page
    assert "<p>Giới thiệu khoá học.</p>" in page  # overview HTML rendered as is
    assert unit_items(page) == [
        "Mật khẩu mạnh · 15 min",
        "Xác thực hai lớp · 10 min",
        "Bài kiểm tra · 10 min Quiz",
    ]
    assert 'href="/login?next=/courses/an-toan-thong-tin"' in page
    assert "/courses/an-toan-thong-tin/units/" not in page  # no unit links before sign-in


def test_title_and_summary_are_escaped(client, courses):
    courses.course("x", "<b>Tiêu đề</b>", summary="<script>alert(1)</script>",
                   units=[UnitSpec("a", "<i>A</i>")])
    page = client.get("/courses/x").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;b&gt;Tiêu đề&lt;/b&gt;" in page
    assert "&lt;i&gt;A&lt;/i&gt;" in page


def test_unknown_draft_and_retired_courses_are_404(client, auth, make_user, courses, db_session):
    courses.course("nhap", "Nháp", draft=True, units=[UnitSpec("a", "A")])
    old = courses.course("cu", "Cũ", units=[UnitSpec("a", "A")])
    old.retired_at = utcnow()
    db_session.commit()
    make_user(email="hv@example.org")
    for path in ("/courses/khong-co", "/courses/nhap", "/courses/cu"):
        assert client.get(path).status_code == 404
    auth.login("hv@example.org")
    assert client.get("/courses/nhap").status_code == 404


def test_trainer_sees_a_draft_course(client, auth, make_user, courses):
    courses.course("nhap", "Nháp", draft=True, units=[UnitSpec("a", "A")])
    make_user(email="gv@example.org", roles=("trainer",))
    auth.login("gv@example.org")
    page = client.get("/courses/nhap?lang=en").get_data(as_text=True)
    assert "Draft – visible to trainers only" in page
    assert client.get("/courses/nhap/units/a").status_code == 200


def test_statuses_progress_and_resume(client, auth, make_user, security_course, db_session):
    user = make_user(email="hv@example.org")
    auth.login("hv@example.org")
    page = client.get("/courses/an-toan-thong-tin?lang=en").get_data(as_text=True)
    assert "Not started" in page
    assert "Start the course" in page
    assert 'href="/courses/an-toan-thong-tin/units/mat-khau"' in page
    assert "0 of 3 required units done (0%)" in page

    units = {u.slug: u for u in security_course.units}
    mark_unit_done(db_session, user.id, units["mat-khau"])
    db_session.commit()
    client.get("/courses/an-toan-thong-tin/units/xac-thuc-hai-lop")
    page = client.get("/courses/an-toan-thong-tin?lang=en").get_data(as_text=True)
    assert unit_items(page) == [
        "Mật khẩu mạnh · 15 min Done",
        "Xác thực hai lớp · 10 min In progress",
        "Bài kiểm tra · 10 min Quiz Not started",
    ]
    assert "1 of 3 required units done (33%)" in page
    assert '<progress max="3" value="1" aria-labelledby="course-progress">' in page
    assert "Continue: Xác thực hai lớp" in page
    assert re.search(r'class="button" href="/courses/an-toan-thong-tin/units/xac-thuc-hai-lop"',
                     page)


def test_vietnamese_course_page(client, auth, make_user, security_course):
    make_user(email="hv@example.org")
    auth.login("hv@example.org")
    page = client.get("/courses/an-toan-thong-tin?lang=vi").get_data(as_text=True)
    assert "Đã hoàn thành 0/3 bài bắt buộc (0\u00a0%)" in page
    assert "Bắt đầu học" in page
    assert "Chưa bắt đầu" in page
    assert "Cách hoàn thành khoá học" in page
    assert "Hoàn thành cả 3 bài bắt buộc; bài có bài kiểm tra" in page
    assert "(điểm đạt 80\u00a0%)" in page
    assert "15 phút" in page


def test_completion_rule_sentence(client, security_course):
    page = client.get("/courses/an-toan-thong-tin?lang=en").get_data(as_text=True)
    assert (
        "Complete all 3 required units; units with a quiz are completed by passing it "
        "(pass mark 80%), the others by marking them as done." in page
    )


def test_citizen_sees_overview_but_cannot_study_an_officials_course(
    client, auth, make_user, security_course
):
    make_user(email="dan@example.org", kind="citizen")
    auth.login("dan@example.org")
    page = client.get("/courses/an-toan-thong-tin?lang=en")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "meant for another audience" in text
    assert "/units/" not in text
    assert client.get("/courses/an-toan-thong-tin/units/mat-khau").status_code == 403


def test_new_required_unit_after_completion(client, auth, make_user, courses, db_session):
    """Completion stays; the new unit shows as not done; progress counts current units."""
    from learn.certificates.models import Certificate
    from learn.learning.models import CourseCompletion

    course = courses.course("c", "Khoá C", certificate=True,
                            units=[UnitSpec("a", "Bài A"), UnitSpec("b", "Bài B")])
    user = make_user(email="hv@example.org")
    for unit in course.units:
        mark_unit_done(db_session, user.id, unit)
    db_session.commit()
    completed = db_session.scalar(select(CourseCompletion))
    certificate = db_session.scalar(select(Certificate))

    # Publishing adds a required unit and bumps the course version.
    courses.add_unit(course, UnitSpec("c", "Bài C mới"))
    course.version = 2
    db_session.commit()

    auth.login("hv@example.org")
    page = client.get("/courses/c?lang=en").get_data(as_text=True)
    assert "Completed (new content available)" in page
    assert unit_items(page)[-1] == "Bài C mới · 10 min Not started"
    assert "2 of 3 required units done (67%)" in page
    db_session.expire_all()
    assert db_session.scalar(select(CourseCompletion)).id == completed.id
    assert db_session.scalar(select(CourseCompletion)).course_version == 1
    still = db_session.scalar(select(Certificate))
    assert (still.id, still.revoked_at) == (certificate.id, None)
    verify = client.get(f"/verify/{certificate.code}?lang=en").get_data(as_text=True)
    assert "This certificate is valid" in verify

    # Doing the new unit brings the course back to plain "completed", same record.
    record_unit_completion(db_session, user.id, course.units[-1], method="marked")
    db_session.commit()
    page = client.get("/courses/c?lang=en").get_data(as_text=True)
    assert "Completed (new content available)" not in page
    assert "3 of 3 required units done (100%)" in page
    assert db_session.scalar(select(CourseCompletion)).id == completed.id


def test_opening_the_course_page_records_nothing(client, auth, make_user, security_course,
                                                 db_session):
    make_user(email="hv@example.org")
    auth.login("hv@example.org")
    client.get("/courses/an-toan-thong-tin")
    assert db_session.scalar(select(CourseProgress)) is None
