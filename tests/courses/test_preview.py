"""Trainer preview: course folders from disk, errors with file:line, quizzes to try."""

from __future__ import annotations

import pytest

from tests.conftest import TEST_PASSWORD, AuthActions, csrf_token_from
from tests.courses.conftest import edit, row_counts

COURSE = "mat-khau-an-toan"


@pytest.fixture
def preview_app(app_factory, tree):
    """The app with its courses folder pointing at the example tree."""
    return app_factory(courses_dir=tree)


@pytest.fixture
def preview_client(preview_app):
    """A client of the preview app."""
    return preview_app.test_client()


@pytest.fixture
def sign_in(preview_client, make_user):
    """Create a user with roles and sign them in on the preview client."""

    def login(*roles: str, email: str = "gv@example.org"):
        make_user(email=email, roles=roles)
        AuthActions(preview_client).login(email)

    return login


def test_anonymous_visitors_are_sent_to_sign_in(preview_client):
    response = preview_client.get("/preview/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    response = preview_client.get(f"/preview/{COURSE}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("path", ["/preview/", f"/preview/{COURSE}",
                                  f"/preview/{COURSE}/units/mat-khau-manh",
                                  f"/preview/{COURSE}/assets/khoa.png"])
def test_learners_and_managers_are_refused(preview_client, sign_in, path):
    sign_in("learner", "manager")
    assert preview_client.get(path).status_code == 403


@pytest.mark.parametrize("role", ["trainer", "admin"])
def test_trainers_and_admins_see_every_course_folder(preview_client, sign_in, role):
    sign_in(role)

    response = preview_client.get("/preview/?lang=en")

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Mật khẩu an toàn" in html and "Khoá học nháp" in html
    assert "Draft" in html


def test_the_index_puts_the_viewers_own_courses_first(preview_client, sign_in):
    sign_in("trainer", email="trainer@example.org")

    html = preview_client.get("/preview/?lang=en").get_data(as_text=True)

    assert "Yours" in html
    assert html.index("Mật khẩu an toàn") < html.index("Khoá học nháp")


def test_course_page_lists_errors_with_file_and_line_on_every_reload(
    preview_client, sign_in, tree
):
    sign_in("trainer")
    assert "No problems found." in preview_client.get(
        f"/preview/{COURSE}?lang=en").get_data(as_text=True)

    edit(tree / COURSE / "01-mat-khau-manh.md", "duration_minutes: 15",
         "duration_minutes: yes")
    html = preview_client.get(f"/preview/{COURSE}?lang=en").get_data(as_text=True)

    assert f"<code>{COURSE}/01-mat-khau-manh.md:3:" in html
    assert "Cannot be published" in html
    assert "<strong class=\"incorrect\">error</strong>" in html


def test_course_that_cannot_be_read_still_shows_its_problems(preview_client, sign_in, tree):
    sign_in("trainer")
    (tree / COURSE / "course.md").unlink()

    response = preview_client.get(f"/preview/{COURSE}?lang=en")

    assert response.status_code == 200
    assert f"<code>{COURSE}</code>" in response.get_data(as_text=True)


def test_course_overview_and_units_render_with_preview_links(preview_client, sign_in):
    sign_in("trainer")

    course = preview_client.get(f"/preview/{COURSE}?lang=en").get_data(as_text=True)
    unit = preview_client.get(
        f"/preview/{COURSE}/units/xac-thuc-hai-yeu-to?lang=en").get_data(as_text=True)

    assert f'src="/preview/{COURSE}/assets/so-do.svg"' in course
    assert f'href="/preview/{COURSE}/units/mat-khau-manh"' in course
    assert f'href="/preview/{COURSE}/units/mat-khau-manh#c%E1%BB%A5m-m' in unit


def test_draft_courses_are_previewed(preview_client, sign_in):
    sign_in("trainer")

    response = preview_client.get("/preview/ban-nhap/units/gioi-thieu?lang=en")

    assert response.status_code == 200
    assert "Nội dung nháp." in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/preview/khong-co", "/preview/_frameworks",
                                  f"/preview/{COURSE}/units/khong-co",
                                  f"/preview/{COURSE}/assets/khong-co.png",
                                  f"/preview/{COURSE}/assets/..%2Fcourse.md",
                                  f"/preview/{COURSE}/assets/../course.md"])
def test_unknown_things_are_404(preview_client, sign_in, path):
    sign_in("admin")
    assert preview_client.get(path).status_code == 404


def test_preview_assets_come_from_disk_with_safety_headers(preview_client, sign_in, tree):
    sign_in("trainer")

    response = preview_client.get(f"/preview/{COURSE}/assets/so-do.svg")

    assert response.status_code == 200
    assert response.data == (tree / COURSE / "assets" / "so-do.svg").read_bytes()
    assert response.headers["Content-Security-Policy"] == (
        "default-src 'none'; style-src 'unsafe-inline'; sandbox")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"
    edit(tree / COURSE / "assets" / "so-do.svg", "#eef", "#efe")
    assert b"#efe" in preview_client.get(f"/preview/{COURSE}/assets/so-do.svg").data


def test_trying_a_quiz_grades_in_the_request_and_records_nothing(
    preview_client, sign_in, db_session
):
    sign_in("trainer")
    url = f"/preview/{COURSE}/units/mat-khau-manh?lang=en"
    page = preview_client.get(url).get_data(as_text=True)
    assert 'name="q1" value="o1"' in page and "correct answer" not in page

    response = preview_client.post(url, data={"q1": "o1", "q2": ["o1"], "q3": "true"})

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    # single right (1), multiple half (50 %), true/false wrong (0): 50 %, pass mark 80 %.
    assert "Your score: 50%." in html and "Not passed." in html
    assert "Partly correct" in html
    assert "Sai: một lần lộ là mất tất cả." in html  # feedback of the chosen "true"
    assert "Độ dài quan trọng hơn ký tự đặc biệt." in html  # explanation
    assert set(row_counts(db_session).values()) == {0}


def test_trying_the_bank_quiz_grades_every_type(preview_client, sign_in):
    sign_in("trainer")
    url = f"/preview/{COURSE}/units/kiem-tra-cuoi-khoa?lang=en"
    page = preview_client.get(url).get_data(as_text=True)
    assert "Learners get 3 questions drawn from these 4." in page

    response = preview_client.post(url, data={
        "q1": " vne id ", "q2": "4", "q3-p1": "p1", "q3-p2": "p2", "q4": "o1"})

    html = response.get_data(as_text=True)
    assert "Your score: 88%." in html  # (0.5 + 1 + 1 + 1) / 4
    assert "Gần đúng: viết liền." in html
    assert "Passed." in html


def test_quiz_form_needs_a_csrf_token(app_factory, tree, make_user):
    app = app_factory(csrf=True, courses_dir=tree)
    client = app.test_client()
    make_user(email="gv@example.org", roles=("trainer",))
    login_page = client.get("/login").get_data(as_text=True)
    client.post("/login", data={"email": "gv@example.org", "password": TEST_PASSWORD,
                                "csrf_token": csrf_token_from(login_page)})
    url = f"/preview/{COURSE}/units/mat-khau-manh"

    assert client.post(url, data={"q1": "o1"}).status_code == 400
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    assert client.post(url, data={"q1": "o1", "csrf_token": token}).status_code == 200
