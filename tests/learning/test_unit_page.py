"""The unit page: content, contents list, previous/next, mark as done, quiz panel, access."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from learn.db import utcnow
from learn.learning.completion import record_unit_completion
from learn.learning.models import CourseCompletion, CourseProgress, UnitCompletion
from tests.conftest import csrf_token_from
from tests.learning.factory import UnitSpec

BASE = "/courses/an-toan-thong-tin/units"


def signed_in(make_user, auth, **fields):
    """Create a learner and sign the test client in as them."""
    user = make_user(email="hv@example.org", **fields)
    auth.login("hv@example.org")
    return user


def test_anonymous_is_sent_to_sign_in(client, security_course):
    response = client.get(f"{BASE}/mat-khau")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_content_toc_and_navigation(client, auth, make_user, security_course):
    signed_in(make_user, auth)
    page = client.get(f"{BASE}/mat-khau?lang=en").get_data(as_text=True)
    assert "Unit 1 of 3:" in page and "Mật khẩu mạnh</h1>" in page
    assert '<h2 id="muc-1">Mục 1</h2>' in page  # the published HTML as is
    toc = page.split('<nav aria-labelledby="toc-heading" class="toc">', 1)[1].split("</nav>")[0]
    assert re.findall(r'href="#([^"]+)"', toc) == ["vi-sao", "cach-dat", "cum-tu"]
    assert 'class="toc-level-3"' in toc
    assert 'rel="prev"' not in page
    assert f'rel="next" href="{BASE}/xac-thuc-hai-lop"' in page

    middle = client.get(f"{BASE}/xac-thuc-hai-lop?lang=en").get_data(as_text=True)
    assert f'rel="prev" href="{BASE}/mat-khau"' in middle
    assert f'rel="next" href="{BASE}/kiem-tra"' in middle
    assert "toc-heading" not in middle  # a short unit has no contents list


def test_opening_a_unit_records_progress(client, auth, make_user, security_course, db_session):
    user = signed_in(make_user, auth)
    client.get(f"{BASE}/mat-khau")
    progress = db_session.scalar(select(CourseProgress))
    first_started = progress.started_at
    assert (progress.user_id, progress.course_id) == (user.id, security_course.id)
    assert progress.last_unit_id == security_course.units[0].id

    client.get(f"{BASE}/xac-thuc-hai-lop")
    db_session.expire_all()
    progress = db_session.scalar(select(CourseProgress))
    assert progress.last_unit_id == security_course.units[1].id
    assert progress.started_at == first_started
    assert progress.last_activity_at >= first_started
    assert db_session.scalar(select(func.count()).select_from(CourseProgress)) == 1


def test_mark_done_with_csrf(csrf_app, make_user, security_course, db_session):
    client = csrf_app.test_client()
    make_user(email="hv@example.org")
    login_page = client.get("/login").get_data(as_text=True)
    client.post("/login", data={"email": "hv@example.org",
                                "password": "correct horse battery staple",
                                "csrf_token": csrf_token_from(login_page)})
    page = client.get(f"{BASE}/mat-khau?lang=en").get_data(as_text=True)
    assert f'action="{BASE}/mat-khau/done"' in page
    assert client.post(f"{BASE}/mat-khau/done").status_code == 400  # no token
    assert db_session.scalar(select(func.count()).select_from(UnitCompletion)) == 0
    response = client.post(f"{BASE}/mat-khau/done", data={"csrf_token": csrf_token_from(page)})
    assert response.status_code == 302
    assert response.headers["Location"] == f"{BASE}/mat-khau"
    page = client.get(f"{BASE}/mat-khau?lang=en").get_data(as_text=True)
    assert "Unit marked as done." in page
    assert "You completed this unit on" in page
    assert f'action="{BASE}/mat-khau/done"' not in page
    assert db_session.scalar(select(func.count()).select_from(UnitCompletion)) == 1


def test_mark_done_twice_is_harmless(client, auth, make_user, security_course, db_session):
    signed_in(make_user, auth)
    assert client.post(f"{BASE}/mat-khau/done").status_code == 302
    assert client.post(f"{BASE}/mat-khau/done").status_code == 302
    assert db_session.scalar(select(func.count()).select_from(UnitCompletion)) == 1


def test_quiz_unit_shows_the_quiz_panel_instead_of_mark_done(
    client, auth, make_user, security_course, db_session
):
    user = signed_in(make_user, auth)
    page = client.get(f"{BASE}/kiem-tra?lang=en").get_data(as_text=True)
    assert "/done" not in page
    assert "This unit is completed by passing its quiz." in page
    assert "You pass with a score of 80" in page
    assert "You may try as many times as you like; your best score counts." in page
    assert "Start the quiz" in page
    assert client.post(f"{BASE}/kiem-tra/done").status_code == 400
    assert db_session.scalar(select(func.count()).select_from(UnitCompletion)) == 0

    unit = security_course.units[2]
    record_unit_completion(db_session, user.id, unit, method="quiz")
    db_session.commit()
    page = client.get(f"{BASE}/kiem-tra?lang=en").get_data(as_text=True)
    assert "Start the quiz" in page  # best score counts: trying again stays open
    assert ">Done<" in page or "Done" in page.split("<h1", 1)[1].split("</p>", 2)[1]


def test_completing_the_course_from_the_page(client, auth, make_user, courses, db_session):
    courses.course("c", "Khoá C", certificate=True, audience=(),
                   units=[UnitSpec("a", "A"), UnitSpec("b", "B")])
    signed_in(make_user, auth)
    client.post("/courses/c/units/a/done")
    page = client.post("/courses/c/units/b/done?lang=en", follow_redirects=True).get_data(
        as_text=True
    )
    assert "Congratulations, you have completed the course!" in page
    assert db_session.scalar(select(func.count()).select_from(CourseCompletion)) == 1


def test_retired_unit_is_404_but_its_completion_still_counts(
    client, auth, make_user, courses, db_session
):
    course = courses.course("c", "Khoá C", audience=(),
                            units=[UnitSpec("a", "A"), UnitSpec("b", "B"), UnitSpec("c", "C")])
    signed_in(make_user, auth)
    client.post("/courses/c/units/b/done")
    course.units[1].retired_at = utcnow()
    db_session.commit()
    assert client.get("/courses/c/units/b").status_code == 404
    assert client.post("/courses/c/units/b/done").status_code == 404
    page = client.get("/courses/c/units/a?lang=en").get_data(as_text=True)
    assert 'rel="next" href="/courses/c/units/c"' in page  # skips the retired unit
    client.post("/courses/c/units/a/done")
    client.post("/courses/c/units/c/done")
    assert db_session.scalar(select(func.count()).select_from(CourseCompletion)) == 1
    # The retired unit's completion is kept for history.
    assert db_session.scalar(select(func.count()).select_from(UnitCompletion)) == 3


def test_unknown_unit_is_404(client, auth, make_user, security_course):
    signed_in(make_user, auth)
    assert client.get(f"{BASE}/khong-co").status_code == 404
    assert client.get("/courses/khong-co/units/mat-khau").status_code == 404


def test_draft_course_units_are_404_for_learners(client, auth, make_user, courses):
    courses.course("nhap", "Nháp", draft=True, units=[UnitSpec("a", "A")])
    signed_in(make_user, auth)
    assert client.get("/courses/nhap/units/a").status_code == 404
    assert client.post("/courses/nhap/units/a/done").status_code == 404


def test_vietnamese_unit_page(client, auth, make_user, security_course):
    signed_in(make_user, auth)
    page = client.get(f"{BASE}/mat-khau?lang=vi").get_data(as_text=True)
    assert "Bài 1/3:" in page
    assert "Đánh dấu đã hoàn thành" in page
    assert "Bài tiếp theo: Xác thực hai lớp" in page
    assert "Nội dung chính" in page
