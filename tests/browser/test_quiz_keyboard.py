"""The quiz with the keyboard alone: Tab, Space, Enter and the arrow keys, focus always visible."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser

QUIZ_UNIT = "/courses/mat-khau-cho-nguoi-dan/units/kiem-tra-nhanh"
MAX_TABS = 30


def _is_focused(locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def _tab_to(page, locator) -> None:
    """Press Tab until ``locator`` has the focus, and check that the focus can be seen."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if _is_focused(locator):
            outline = locator.evaluate("element => getComputedStyle(element).outlineStyle")
            assert outline != "none", "the keyboard focus is not visible"
            return
    raise AssertionError(f"{locator} not reached with {MAX_TABS} presses of Tab")


def test_learner_completes_the_quiz_with_the_keyboard_alone(page, live_server, published_courses,
                                                            make_user):
    make_user(email="ban.phim@example.vn", name="Vi Thị Lan", kind="citizen")
    page.goto(live_server.url + "/login")
    page.get_by_label("Thư điện tử").fill("ban.phim@example.vn")
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(live_server.url + QUIZ_UNIT)

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Chuyển đến nội dung chính")).to_be_focused()
    page.keyboard.press("Enter")
    _tab_to(page, page.get_by_role("button", name="Bắt đầu làm bài"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/quiz/attempts/\d+$"))

    first = page.get_by_role("group", name="Câu 1/2")
    _tab_to(page, first.get_by_label("123456"))
    page.keyboard.press("Space")
    expect(first.get_by_label("123456")).to_be_checked()
    page.keyboard.press("ArrowDown")  # moves to the next option and chooses it
    expect(first.get_by_label("ngựa vằn uống trà lúc bình minh")).to_be_checked()
    expect(first.get_by_label("123456")).not_to_be_checked()

    second = page.get_by_role("group", name="Câu 2/2")
    _tab_to(page, second.get_by_label("Đúng"))
    page.keyboard.press("ArrowDown")
    expect(second.get_by_label("Sai")).to_be_checked()

    _tab_to(page, page.get_by_role("button", name="Nộp bài"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/result$"))
    expect(page.get_by_text("Điểm của bạn: 100 %")).to_be_visible()
    _tab_to(page, page.get_by_role("link", name="Quay lại bài học"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Điểm cao nhất của bạn: 100 %.")).to_be_visible()
