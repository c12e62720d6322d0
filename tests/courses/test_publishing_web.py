"""``/admin/publishing``: history, dry run and publishing from the web (admins only)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from learn.courses.models import Publication
from tests.conftest import TEST_PASSWORD, csrf_token_from
from tests.courses.conftest import edit, row_counts


@pytest.fixture
def web_app(app_factory, tree):
    """The app (CSRF on, as in production) publishing the example tree."""
    return app_factory(csrf=True, courses_dir=tree)


@pytest.fixture
def web_client(web_app):
    """A client of that app."""
    return web_app.test_client()


@pytest.fixture
def sign_in(web_client, make_user):
    """Create a user with roles and sign them in through the real form (with its token)."""

    def login(*roles: str, email: str = "quantri@example.org"):
        user = make_user(email=email, roles=roles, name="Trần Thị Quản Trị")
        token = csrf_token_from(web_client.get("/login").get_data(as_text=True))
        web_client.post("/login", data={"email": email, "password": TEST_PASSWORD,
                                        "csrf_token": token})
        return user

    return login


def _token(client) -> str:
    return csrf_token_from(client.get("/admin/publishing/").get_data(as_text=True))


def test_anonymous_visitors_are_sent_to_sign_in(web_client):
    response = web_client.get("/admin/publishing/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("roles", [("learner",), ("trainer",), ("manager",)])
def test_only_admins_may_see_or_publish(web_client, sign_in, db_session, roles):
    sign_in(*roles)
    token = csrf_token_from(web_client.get("/").get_data(as_text=True))

    assert web_client.get("/admin/publishing/").status_code == 403
    response = web_client.post("/admin/publishing/", data={"publish": "1", "csrf_token": token})
    assert response.status_code == 403
    assert row_counts(db_session)["courses"] == 0


def test_publish_needs_the_csrf_token(web_client, sign_in, db_session):
    sign_in("admin")

    response = web_client.post("/admin/publishing/", data={"publish": "1"})

    assert response.status_code == 400
    assert set(row_counts(db_session).values()) == {0}


def test_dry_run_shows_the_summary_and_writes_nothing(web_client, sign_in, db_session):
    sign_in("admin")

    response = web_client.post("/admin/publishing/?lang=en",
                               data={"dry_run": "1", "csrf_token": _token(web_client)})

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Dry run: what publishing would do" in html
    assert "3 added, 0 changed, 0 retired, 0 unchanged" in html
    assert set(row_counts(db_session).values()) == {0}


def test_publish_records_who_and_shows_the_summary(web_client, sign_in, db_session):
    admin = sign_in("admin")

    response = web_client.post("/admin/publishing/?lang=en",
                               data={"publish": "1", "csrf_token": _token(web_client)})

    assert response.status_code == 302
    publication = db_session.scalars(select(Publication)).one()
    assert response.headers["Location"].endswith(f"/admin/publishing/{publication.id}")
    assert (publication.source, publication.published_by_id, publication.ok) == (
        "web", admin.id, True)
    assert row_counts(db_session)["units"] == 4
    detail = web_client.get(response.headers["Location"] + "?lang=en").get_data(as_text=True)
    assert "Published." in detail
    assert "Trần Thị Quản Trị (quantri@example.org)" in detail
    assert "Mật khẩu an toàn" in detail and "Added" in detail
    history = web_client.get("/admin/publishing/?lang=en").get_data(as_text=True)
    assert "Web page" in history and "Added: 2" in history


def test_publishing_with_errors_lists_them_with_file_and_line(
    web_client, sign_in, db_session, tree
):
    sign_in("admin")
    edit(tree / "mat-khau-an-toan" / "01-mat-khau-manh.md", "duration_minutes: 15",
         "duration_minutes: yes")

    response = web_client.post("/admin/publishing/",
                               data={"publish": "1", "csrf_token": _token(web_client)})
    detail = web_client.get(response.headers["Location"] + "?lang=en").get_data(as_text=True)

    assert "<code>mat-khau-an-toan/01-mat-khau-manh.md:3:" in detail
    assert "Not published: errors" in detail
    assert db_session.scalars(select(Publication)).one().ok is False


def test_cli_and_web_runs_share_the_history(web_client, sign_in, run_publish, tree):
    run_publish(tree)
    sign_in("admin")

    html = web_client.get("/admin/publishing/?lang=en").get_data(as_text=True)

    assert "Command line" in html and "No errors" in html


def test_unknown_publication_is_404(web_client, sign_in):
    sign_in("admin")
    assert web_client.get("/admin/publishing/999").status_code == 404


def test_navigation_shows_preview_to_trainers_and_publishing_to_admins(web_client, sign_in):
    sign_in("trainer", email="gv@example.org")
    html = web_client.get("/?lang=en").get_data(as_text=True)
    assert 'href="/preview/"' in html and 'href="/admin/publishing/"' not in html
    web_client.post("/logout", data={"csrf_token": csrf_token_from(html)})

    sign_in("admin")
    html = web_client.get("/?lang=en").get_data(as_text=True)
    assert 'href="/preview/"' in html and 'href="/admin/publishing/"' in html
