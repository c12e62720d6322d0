"""The quiz panel on the unit page, and the attempt page in Vietnamese."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import render_template

from learn.quiz.services import start_attempt, submit_attempt, unit_quiz_summary
from tests.conftest import AuthActions
from tests.quiz import factories
from tests.quiz.conftest import T0


def _panel(app, db_session, quiz, learner, now=T0):
    summary = unit_quiz_summary(db_session, learner.id, quiz.id, now)
    db_session.commit()
    with app.test_request_context("/?lang=vi"):
        return render_template("quiz/_panel.html", quiz=quiz, summary=summary)


def test_panel_states_the_rules_in_vietnamese(app, db_session, learner, quiz_factory):
    quiz = quiz_factory(draw=4, time_limit=15, pass_mark=80, attempts=3)
    html = _panel(app, db_session, quiz, learner)
    assert 'id="completion-heading"' in html
    assert "Bài kiểm tra có 4 câu hỏi." in html
    assert "Bạn đạt khi được từ 80\u00a0% trở lên." in html
    assert "Bạn có 15 phút kể từ khi bắt đầu." in html
    assert "Bạn được làm tối đa 3 lần; điểm cao nhất được tính. Còn 3 lần." in html
    assert f'action="/quiz/{quiz.id}/start"' in html and 'name="csrf_token"' in html
    assert "Bắt đầu làm bài" in html


def test_panel_with_an_open_attempt_and_a_best_score(app, db_session, learner, quiz_factory):
    quiz = quiz_factory([factories.single("a"), factories.single("b")], time_limit=35)
    first = start_attempt(db_session, learner.id, quiz.id, T0)
    submit_attempt(db_session, first.id, learner.id, {1: {"choice": "o1"}}, T0)
    start_attempt(db_session, learner.id, quiz.id, T0)
    db_session.commit()
    html = _panel(app, db_session, quiz, learner, T0 + timedelta(minutes=1))
    assert "Điểm cao nhất của bạn: 50\u00a0%." in html and "Chưa đạt" in html
    assert f'href="/quiz/attempts/{first.id}/result"' in html
    assert "Hãy nộp trước 14:35 (giờ Việt Nam)." in html
    assert "Làm tiếp bài kiểm tra" in html
    assert "Không giới hạn" not in html and "làm lại không giới hạn số lần" in html


def test_panel_when_attempts_are_used_up(app, db_session, learner, quiz_factory):
    quiz = quiz_factory([factories.single("a")], attempts=1)
    attempt = start_attempt(db_session, learner.id, quiz.id, T0)
    submit_attempt(db_session, attempt.id, learner.id, {1: {"choice": "o1"}}, T0)
    db_session.commit()
    html = _panel(app, db_session, quiz, learner)
    assert "Bạn đã dùng hết số lần làm bài" in html and "<form" not in html
    assert "Đạt" in html and "100\u00a0%" in html


def test_unit_page_shows_the_panel(client, db_session, learner, quiz_factory):
    quiz = quiz_factory()
    AuthActions(client).login(learner.email)
    course, unit = quiz.unit.course, quiz.unit
    response = client.get(f"/courses/{course.slug}/units/{unit.slug}")
    html = response.get_data(as_text=True)
    if response.status_code != 200:
        pytest.fail(f"unit page answered {response.status_code}")
    assert f'action="/quiz/{quiz.id}/start"' in html
    assert "Bài kiểm tra có 6 câu hỏi." in html


def test_attempt_page_in_vietnamese(client, db_session, learner, quiz_factory, monkeypatch):
    monkeypatch.setattr("learn.quiz.views.utcnow", lambda: T0)
    quiz = quiz_factory(time_limit=35)
    AuthActions(client).login(learner.email)
    location = client.post(f"/quiz/{quiz.id}/start").headers["Location"]
    html = client.get(location).get_data(as_text=True)
    assert "Nộp trước 14:35" in html and "giờ Việt Nam" in html
    assert "Câu 1/6" in html and ">Lưu</button>" in html and ">Nộp bài</button>" in html
    assert 'data-text="Thời gian còn lại: {time}"' in html
