"""The quiz in headless Chromium at phone width: keyboard journey, accessibility, countdown."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import TEST_PASSWORD
from tests.quiz import factories

pytestmark = pytest.mark.browser


def _sign_in(page, live_server, email):
    page.goto(live_server.url + "/login")
    page.get_by_label("Thư điện tử").fill(email)
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def _unit_path(quiz):
    return f"/courses/{quiz.unit.course.slug}/units/{quiz.unit.slug}"


def test_learner_takes_a_quiz_with_the_keyboard(page, live_server, learner, quiz_factory):
    quiz = quiz_factory([factories.single("q1"), factories.true_false("q2"),
                         factories.numeric("q3", 1500.0, 1500.0), factories.matching("q4", 2)])
    _sign_in(page, live_server, learner.email)
    page.goto(live_server.url + _unit_path(quiz))
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    expect(page).to_have_url(re.compile(r"/quiz/attempts/\d+$"))

    option = page.get_by_label("Option q1-1")
    option.focus()
    page.keyboard.press("Space")
    expect(option).to_be_checked()
    page.get_by_role("group", name="Câu 2/4").get_by_label("Đúng").check()
    page.get_by_label("Câu trả lời của bạn").fill("1.500")
    page.get_by_label("Left q4-1").select_option(label="Right q4-1")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text(re.compile("Đã lưu câu trả lời của bạn lúc"))).to_be_visible()

    page.reload()
    expect(page.get_by_label("Option q1-1")).to_be_checked()
    expect(page.get_by_label("Câu trả lời của bạn")).to_have_value("1.500")

    page.get_by_role("button", name="Nộp bài").click()  # q4 is only half matched
    expect(page.get_by_role("alert")).to_contain_text("Câu 4 chưa được trả lời đầy đủ.")
    page.get_by_label("Left q4-2").select_option(label="Right q4-2")
    page.get_by_role("button", name="Vẫn nộp bài").click()
    expect(page).to_have_url(re.compile(r"/result(#check)?$"))
    expect(page.get_by_text("Điểm của bạn: 100 %")).to_be_visible()
    expect(page.get_by_text("EXPLANATION-q1")).to_be_visible()

    page.go_back()  # the form again: it now shows the result instead
    expect(page).to_have_url(re.compile(r"/result(#check)?$"))


def test_quiz_pages_have_no_serious_accessibility_violations(page, live_server, axe, learner,
                                                             quiz_factory):
    quiz = quiz_factory(factories.every_type(), time_limit=20)
    _sign_in(page, live_server, learner.email)
    page.goto(live_server.url + _unit_path(quiz))
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    attempt_path = page.url.removeprefix(live_server.url)
    cookies = page.context.cookies()
    assert axe(_unit_path(quiz), cookies) == []
    assert axe(attempt_path, cookies) == []
    page.get_by_role("button", name="Nộp bài").click()
    assert axe(attempt_path + "?check=1", cookies) == []
    page.get_by_role("button", name="Vẫn nộp bài").click()
    assert axe(attempt_path + "/result", cookies) == []


def test_countdown_submits_when_the_time_is_up(page, live_server, learner, quiz_factory):
    quiz = quiz_factory([factories.single("q1")], time_limit=10)
    page.clock.install()
    _sign_in(page, live_server, learner.email)
    page.goto(live_server.url + _unit_path(quiz))
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    expect(page.get_by_text(re.compile(r"Thời gian còn lại: (10:00|9:5\d)"))).to_be_visible()
    page.get_by_label("Option q1-1").check()
    page.clock.run_for("05:30")
    expect(page.locator("[data-quiz-timer-live]")).to_have_text("Còn 5 phút.")
    page.clock.run_for("04:31")
    expect(page).to_have_url(re.compile(r"/result(#check)?$"))
    expect(page.get_by_text("Điểm của bạn: 100 %")).to_be_visible()
