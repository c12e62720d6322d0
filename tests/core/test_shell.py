"""The web shell: layout, languages, error pages, health check."""

import re

import pytest

from learn.db import make_engine


def test_home_is_vietnamese_by_default(client):
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="vi">' in page
    assert "Chuyển đến nội dung chính" in page
    assert 'href="#main"' in page


def test_accept_language_english(client):
    page = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "Skip to main content" in page


def test_query_switch_is_remembered(client):
    assert '<html lang="en">' in client.get("/?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)
    assert '<html lang="vi">' in client.get("/?lang=vi").get_data(as_text=True)
    assert '<html lang="vi">' in client.get("/").get_data(as_text=True)


def test_header_switch_posts_and_returns_to_page(client):
    response = client.post("/language", data={"lang": "en", "next": "/login"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    assert '<html lang="en">' in client.get("/login").get_data(as_text=True)


def test_header_switch_refuses_foreign_next(client):
    response = client.post("/language", data={"lang": "en", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"


def test_language_switch_needs_csrf_token(csrf_app):
    client = csrf_app.test_client()
    assert client.post("/language", data={"lang": "en"}).status_code == 400


def test_signed_in_choice_is_stored_on_the_account(client, auth, make_user, db_session):
    user = make_user(email="lan@example.org")
    auth.login("lan@example.org")
    client.post("/language", data={"lang": "en", "next": "/"})
    db_session.refresh(user)
    assert user.preferred_language == "en"


@pytest.mark.parametrize(
    ("lang", "text"), [("vi", "Không tìm thấy trang"), ("en", "Page not found")]
)
def test_404_page_is_localised(client, lang, text):
    response = client.get(f"/no-such-page?lang={lang}")
    assert response.status_code == 404
    assert text in response.get_data(as_text=True)


def test_405_page(client):
    response = client.post("/healthz")
    assert response.status_code == 405
    assert "Phương thức không được phép" in response.get_data(as_text=True)


def test_500_page_shows_no_internal_detail(app):
    @app.get("/boom-for-test")
    def boom():
        raise RuntimeError("secret internal detail")

    response = app.test_client().get("/boom-for-test")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "secret internal detail" not in body
    assert "Traceback" not in body
    assert "Đã có lỗi xảy ra" in body


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_503_when_database_unreachable(app, monkeypatch):
    unreachable = make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")
    _engine, factory = app.extensions["learn.db"]
    monkeypatch.setitem(app.extensions, "learn.db", (unreachable, factory))
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] != "ok"


def test_pages_load_nothing_from_outside(client):
    page = client.get("/").get_data(as_text=True)
    urls = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert urls
    assert all(not u.startswith(("http:", "https:", "//")) for u in urls)


def test_security_headers_on_pages_errors_and_static(client):
    for path in ("/", "/missing", "/static/learn.css"):
        response = client.get(path)
        headers = response.headers
        response.close()
        csp = headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff"


def test_engine_pragmas_on_sqlite(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'p.db'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    engine.dispose()


def test_dates_are_day_month_year_in_vietnamese(app):
    from datetime import date

    from learn.core.i18n import format_date

    with app.test_request_context("/?lang=vi"):
        assert format_date(date(2026, 3, 7)) == "07/03/2026"
    with app.test_request_context("/?lang=en"):
        assert format_date(date(2026, 3, 7)) == "07 Mar 2026"


def test_percentages_never_break_before_the_sign(app):
    from learn.core.i18n import format_percent

    with app.test_request_context("/?lang=vi"):
        assert format_percent(0.667) == "67\u00a0%"
        assert format_percent(1) == "100\u00a0%"
        assert format_percent(None) == "–"
    with app.test_request_context("/?lang=en"):
        assert format_percent(0.667) == "67%"


def test_403_page_is_localised(app):
    from flask import abort

    @app.get("/forbidden-for-test")
    def forbidden():
        abort(403)

    client = app.test_client()
    response = client.get("/forbidden-for-test")
    assert response.status_code == 403
    assert "Bạn không có quyền mở trang này." in response.get_data(as_text=True)
    english = client.get("/forbidden-for-test?lang=en").get_data(as_text=True)
    assert "You do not have permission to open this page." in english


def test_csrf_failure_gets_the_localised_400_page(csrf_app):
    response = csrf_app.test_client().post("/login", data={"email": "a@b.vn", "password": "x"})
    assert response.status_code == 400
    assert "Biểu mẫu đã hết hạn" in response.get_data(as_text=True)


def test_429_page_is_localised(client):
    for _ in range(11):
        response = client.post("/login", data={"email": "x@example.org", "password": "y" * 10})
    assert response.status_code == 429
    assert "Quá nhiều lần thử" in response.get_data(as_text=True)


def test_quickstart_prepares_everything_and_prints_admin(app_factory, tmp_path, monkeypatch):
    from learn import cli
    from tests.conftest import LearnRunner

    app = app_factory(database_url=f"sqlite:///{tmp_path / 'quickstart.db'}")
    runner = LearnRunner(app)
    served = {}
    monkeypatch.setattr(cli, "run_simple", lambda host, port, app, **kw: served.update(port=port),
                        raising=False)
    result = runner.invoke(["quickstart", "--port", "5099"])
    assert result.exit_code == 0, result.output
    assert "admin@example.org" in result.output
    assert served == {"port": 5099}
    again = runner.invoke(["quickstart", "--port", "5099"])
    assert "password:" not in again.output


def test_times_are_shown_in_vietnam_time(app):
    from datetime import UTC, datetime

    from learn.core.i18n import format_date, format_datetime

    late_utc = datetime(2026, 3, 7, 20, 30, tzinfo=UTC)
    with app.test_request_context("/?lang=vi"):
        assert format_datetime(late_utc) == "03:30 08/03/2026"
        assert format_date(late_utc) == "08/03/2026"
