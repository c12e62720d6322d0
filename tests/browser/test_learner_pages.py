"""The learner pages, signed in with real progress: axe-core audit, and layout at phone and
desktop widths (no horizontal scrolling at 360 px).

Set LEARN_SCREENSHOTS=/some/dir to also save a screenshot of every page at both widths.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import horizontal_overflow
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser

COURSE_PATH = "/courses/mat-khau-cho-nguoi-dan"
WIDTHS = (360, 1280)


@dataclass(frozen=True)
class LearnerPages:
    """A signed-in learner who completed the course, and the paths of the pages to check."""

    cookies: list[dict]
    paths: dict[str, str]  # page name -> path (all need the learner's cookies but "verify")


def _path(page, live_server) -> str:
    return page.url.removeprefix(live_server.url)


@pytest.fixture
def learner_pages(page, live_server, published_courses, make_user) -> LearnerPages:
    """Study the fixture course to the end, leaving a passed result and an open attempt."""
    make_user(email="hoa.dinh@example.vn", name="Đinh Thị Hoa", kind="citizen")
    page.goto(live_server.url + "/login")
    page.get_by_label("Thư điện tử").fill("hoa.dinh@example.vn")
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    first_unit = COURSE_PATH + "/units/vi-sao-can-mat-khau-manh"
    quiz_unit = COURSE_PATH + "/units/kiem-tra-nhanh"
    page.goto(live_server.url + first_unit)
    page.get_by_role("button", name="Đánh dấu đã hoàn thành").click()
    page.goto(live_server.url + quiz_unit)
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    page.get_by_label("ngựa vằn uống trà lúc bình minh").check()
    page.get_by_role("group", name="Câu 2/2").get_by_label("Sai").check()
    page.get_by_role("button", name="Nộp bài").click()
    expect(page).to_have_url(re.compile(r"/result$"))
    result = _path(page, live_server)
    page.goto(live_server.url + COURSE_PATH + "/units/ghi-nho")
    page.get_by_role("button", name="Đánh dấu đã hoàn thành").click()
    page.goto(live_server.url + COURSE_PATH)
    page.get_by_role("link", name="Xem chứng nhận của bạn").click()
    certificate = _path(page, live_server)
    page.goto(live_server.url + result)
    page.get_by_role("button", name="Làm lại").click()
    expect(page).to_have_url(re.compile(r"/quiz/attempts/\d+$"))
    attempt = _path(page, live_server)
    return LearnerPages(
        cookies=page.context.cookies(),
        paths={
            "catalogue": "/courses/?q=mat+khau",
            "course": COURSE_PATH,
            "unit": first_unit,
            "quiz-unit": quiz_unit,
            "attempt": attempt,
            "result": result,
            "dashboard": "/me",
            "certificate": certificate,
            "verify": "/verify/" + certificate.rsplit("/", 1)[1],
        },
    )


def test_learner_pages_have_no_serious_accessibility_violations(learner_pages, axe):
    found = {}
    for name, path in learner_pages.paths.items():
        cookies = None if name == "verify" else learner_pages.cookies
        found[name] = axe(path, cookies)
    assert found == {name: [] for name in learner_pages.paths}


def test_learner_pages_fit_a_phone_without_horizontal_scrolling(learner_pages, open_page,
                                                                live_server):
    shots = os.environ.get("LEARN_SCREENSHOTS")
    overflow = {}
    for width in WIDTHS:
        page = open_page(width=width, height=800)
        page.context.add_cookies(learner_pages.cookies)
        for name, path in learner_pages.paths.items():
            page.goto(live_server.url + path)
            expect(page.locator("main h1")).to_be_visible()
            if width == 360:
                overflow[name] = horizontal_overflow(page)
            if shots:
                page.screenshot(path=Path(shots) / f"{name}-{width}.png", full_page=True)
    visitor = open_page()  # not signed in: sign-in notices instead of progress
    for path in ("/courses/", COURSE_PATH, learner_pages.paths["verify"]):
        visitor.goto(live_server.url + path)
        overflow["visitor " + path] = horizontal_overflow(visitor)
    assert set(overflow.values()) == {0}, overflow
