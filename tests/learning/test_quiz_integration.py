"""With the quiz engine installed: its panel on the unit page, and a passed quiz completing
the unit, the course and the certificate through record_unit_completion."""

from __future__ import annotations

import re

from sqlalchemy import select

from learn.certificates.models import Certificate
from learn.learning.models import CourseCompletion, UnitCompletion
from learn.learning.unit_quizzes import active_quiz
from tests.learning.factory import UnitSpec


def test_engine_panel_and_passing_completes_the_course(client, auth, make_user, courses,
                                                       db_session):
    course = courses.course("c", "Khoá C", certificate=True, audience=(),
                            units=[UnitSpec("doc", "Bài đọc"),
                                   UnitSpec("kiem-tra", "Kiểm tra", quiz=True)])
    quiz = active_quiz(db_session, course.units[1])
    user = make_user(email="hv@example.org")
    auth.login("hv@example.org")
    client.post("/courses/c/units/doc/done")

    page = client.get("/courses/c/units/kiem-tra").get_data(as_text=True)
    start = re.search(r'<form method="post" action="([^"]+)">', page.split('id="completion"')[1])
    assert start, "the engine's panel offers to start the quiz"
    attempt_page = client.post(start.group(1), follow_redirects=True).get_data(as_text=True)
    attempt_page = attempt_page.split("<main", 1)[1]  # skip the header's forms
    # The factory's question: option "Đúng" is the correct one.
    right = re.search(r'name="([^"]+)" id="([^"]+)" value="([^"]+)">\s*<label for="\2">Đúng<',
                      attempt_page)
    client.post(
        re.search(r'<form method="post" action="([^"]+)"', attempt_page).group(1),
        data={right.group(1): right.group(3), "action": "submit"},
    )
    db_session.expire_all()
    done = db_session.scalar(select(UnitCompletion).where(UnitCompletion.unit_id == quiz.unit_id))
    assert done is not None and done.method == "quiz" and done.attempt_id is not None
    assert db_session.scalar(select(CourseCompletion).where(CourseCompletion.user_id == user.id))
    assert db_session.scalar(select(Certificate).where(Certificate.user_id == user.id))
    page = client.get("/courses/c?lang=en").get_data(as_text=True)
    assert "2 of 2 required units done (100%)" in page
    assert "View your certificate" in page
