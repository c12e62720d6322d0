"""A citizen registers, signs in, switches to English and back, and signs out."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PASSWORD = "đồng lúa xanh mướt ven sông"


def test_citizen_registers_switches_language_and_signs_out(page, live_server):
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.get_by_role("link", name="Đăng ký").first.click()

    page.get_by_label("Họ và tên").fill("Lò Thị Mai")
    page.get_by_label("Thư điện tử").fill("mai.lo@example.vn")
    page.get_by_label("Mật khẩu", exact=True).fill(PASSWORD)
    page.get_by_label("Nhập lại mật khẩu").fill(PASSWORD)
    page.get_by_label(re.compile("Tôi đã đọc thông báo")).check()
    page.get_by_role("button", name="Tạo tài khoản").click()
    expect(page.get_by_text("Chào mừng bạn! Tài khoản đã được tạo.")).to_be_visible()

    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_text("Bạn đã đăng xuất.")).to_be_visible()

    page.get_by_role("link", name="Đăng nhập").first.click()
    page.get_by_label("Thư điện tử").fill("MAI.LO@example.vn")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("link", name="Lò Thị Mai")).to_be_visible()

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    page.get_by_role("button", name="Tiếng Việt").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")

    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("link", name="Đăng nhập").first).to_be_visible()
    page.goto(live_server.url + "/account")
    expect(page).to_have_url(re.compile(r"/login"))


def test_shell_pages_have_no_serious_accessibility_violations(axe):
    for path in ("/", "/login", "/register", "/privacy", "/no-such-page"):
        assert axe(path) == [], path


def test_keyboard_user_reaches_main_content_with_skip_link(page, live_server):
    page.goto(live_server.url + "/login")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Chuyển đến nội dung chính")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
