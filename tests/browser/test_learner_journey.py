"""A citizen's whole journey at phone width: register, find, study, fail and pass the quiz,
complete the course, and have the certificate verified by someone who is not signed in."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import language_of
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser

PASSWORD = "ruộng bậc thang mùa lúa chín"
COURSE = "Mật khẩu an toàn cho người dân"
OTHER_COURSE = "Nộp hồ sơ trực tuyến"
QUIZ_UNIT = "/courses/mat-khau-cho-nguoi-dan/units/kiem-tra-nhanh"


def _register(page, live_server, name: str, email: str) -> None:
    page.goto(live_server.url + "/register")
    page.get_by_label("Họ và tên").fill(name)
    page.get_by_label("Thư điện tử").fill(email)
    page.get_by_label("Mật khẩu", exact=True).fill(PASSWORD)
    page.get_by_label("Nhập lại mật khẩu").fill(PASSWORD)
    page.get_by_label(re.compile("Tôi đã đọc thông báo")).check()
    page.get_by_role("button", name="Tạo tài khoản").click()
    expect(page.get_by_text("Chào mừng bạn! Tài khoản đã được tạo.")).to_be_visible()


def _answer_quiz(page, strongest: str, share_one_password: str) -> None:
    assert language_of(page.locator("#q1-prompt")) == "vi"
    page.get_by_role("group", name="Câu 1/2").get_by_label(strongest).check()
    page.get_by_role("group", name="Câu 2/2").get_by_label(share_one_password).check()
    page.get_by_role("button", name="Nộp bài").click()
    expect(page).to_have_url(re.compile(r"/quiz/attempts/\d+/result$"))


def _fail_then_pass_the_quiz(page) -> None:
    """On the quiz unit: fail the first attempt, pass the second."""
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    expect(page).to_have_url(re.compile(r"/quiz/attempts/\d+$"))
    _answer_quiz(page, strongest="123456", share_one_password="Đúng")
    expect(page.get_by_text("Điểm của bạn: 0 %")).to_be_visible()
    expect(page.get_by_text("Chưa đạt", exact=True)).to_be_visible()
    expect(page.get_by_text("Sai: quá ngắn và phổ biến.")).to_be_visible()  # review feedback

    page.get_by_role("button", name="Làm lại").click()
    expect(page).to_have_url(re.compile(r"/quiz/attempts/\d+$"))
    _answer_quiz(page, strongest="ngựa vằn uống trà lúc bình minh", share_one_password="Sai")
    expect(page.get_by_text("Điểm của bạn: 100 %")).to_be_visible()
    expect(page.get_by_text("Chúc mừng! Bạn đã hoàn thành bài học này.")).to_be_visible()
    page.get_by_role("link", name="Quay lại bài học").click()
    expect(page.get_by_text("Điểm cao nhất của bạn: 100 %.")).to_be_visible()


def test_citizen_completes_a_course_and_the_certificate_verifies(
    page, open_page, live_server, published_courses
):
    _register(page, live_server, "Lò Thị Mai", "mai.lo@example.vn")

    page.get_by_role("link", name="Danh mục khoá học").click()
    page.get_by_label("Tìm theo tên hoặc mô tả khoá học").fill("mat khau")
    page.get_by_role("button", name="Xem khoá học").click()
    expect(page.get_by_role("heading", name="Số khoá học tìm thấy: 1")).to_be_visible()
    expect(page.get_by_role("link", name=OTHER_COURSE)).to_have_count(0)
    page.get_by_role("link", name=COURSE).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(COURSE)
    page.get_by_role("link", name="Bắt đầu học").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vì sao cần mật khẩu mạnh")
    page.get_by_role("navigation", name="Nội dung chính").get_by_role(
        "link", name="Cụm mật khẩu").click()
    expect(page.get_by_role("heading", name="Cụm mật khẩu")).to_be_in_viewport()
    page.get_by_role("button", name="Đánh dấu đã hoàn thành").click()
    expect(page.get_by_text("Đã đánh dấu bài học là đã hoàn thành.")).to_be_visible()

    page.get_by_role("link", name="Bài tiếp theo: Kiểm tra nhanh").click()
    _fail_then_pass_the_quiz(page)

    page.get_by_role("link", name="Bài tiếp theo: Ghi nhớ").click()
    page.get_by_role("button", name="Đánh dấu đã hoàn thành").click()
    expect(page.get_by_text("Chúc mừng bạn đã hoàn thành khoá học!", exact=False)).to_be_visible()

    page.get_by_role("link", name="Học tập của tôi").click()
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("My learning")
    completed = page.get_by_role("region", name="Completed")
    expect(completed.get_by_role("columnheader", name="Completed on")).to_be_attached()
    assert language_of(completed.get_by_role("rowheader", name=COURSE)) == "vi"
    completed.get_by_role("link", name=COURSE).click()
    # English labels around Vietnamese course text, which keeps its own language.
    expect(page.get_by_role("heading", name="Units")).to_be_visible()
    expect(page.get_by_role("link", name="View your certificate")).to_be_visible()
    assert language_of(page.get_by_role("heading", level=1)) == "vi"
    assert language_of(page.get_by_role("heading", name="Units")) == "en"
    assert language_of(page.get_by_role("region", name="About this course").locator("p")) == "vi"
    page.get_by_role("link", name="My learning").click()
    page.get_by_role("region", name="Certificates").get_by_role("link", name=COURSE).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Certificate of completion")
    expect(page.locator(".certificate-name")).to_have_text("Lò Thị Mai")
    code = page.url.rsplit("/", 1)[1]

    stranger = open_page()
    stranger.goto(f"{live_server.url}/verify/{code}")
    expect(stranger.get_by_role("heading", name="Chứng nhận này còn hiệu lực")).to_be_visible()
    expect(stranger.get_by_text("Lò Thị Mai")).to_be_visible()
    expect(stranger.get_by_text(COURSE)).to_be_visible()
    expect(stranger.get_by_role("button", name="Đăng xuất")).to_have_count(0)


def test_the_quiz_works_without_javascript(open_page, live_server, published_courses,
                                           make_user):
    make_user(email="khong.js@example.vn", name="Hà Văn Tú", kind="citizen")
    page = open_page(java_script_enabled=False)
    page.goto(live_server.url + "/login")
    page.get_by_label("Thư điện tử").fill("khong.js@example.vn")
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(live_server.url + QUIZ_UNIT)
    _fail_then_pass_the_quiz(page)
    page.goto(live_server.url + "/courses/mat-khau-cho-nguoi-dan")
    quiz_unit = page.get_by_role("region", name="Các bài học").get_by_role("listitem").filter(
        has_text="Kiểm tra nhanh")
    expect(quiz_unit).to_contain_text("Đã xong")
