"""Security headers on every kind of response, and the session cookie's attributes."""

import pyotp
import pytest

from learn.auth.access import roles_required
from learn.core.headers import CONTENT_SECURITY_POLICY
from tests.auth.conftest import seed_on_page
from tests.conftest import TEST_PASSWORD

HTTPS = "https://localhost"


def _add_test_routes(app):
    @app.get("/forbidden-for-test")
    @roles_required("admin")
    def forbidden_for_test():
        return "never"

    @app.get("/crash-for-test")
    def crash_for_test():
        raise RuntimeError("boom")

    return app


def _assert_common_headers(response, what: str) -> None:
    headers = response.headers
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, what
    policy = dict(
        part.strip().split(" ", 1) for part in CONTENT_SECURITY_POLICY.split(";")
    )
    assert policy["script-src"] == "'self'", what
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert "unsafe-eval" not in CONTENT_SECURITY_POLICY
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert headers["X-Content-Type-Options"] == "nosniff", what
    assert headers["Referrer-Policy"] == "same-origin", what
    assert headers["X-Frame-Options"] == "DENY", what


def _responses(client, signed_in: bool) -> dict:
    responses = {
        "page": client.get("/"),
        "login page": client.get("/login"),
        "404": client.get("/no-such-page"),
        "405": client.post("/healthz"),
        "500": client.get("/crash-for-test"),
        "static": client.get("/static/learn.css"),
        "health": client.get("/healthz"),
    }
    if signed_in:
        responses["account"] = client.get("/account")
        responses["403"] = client.get("/forbidden-for-test")
        responses["export"] = client.get("/account/data.json")
        responses["2fa page"] = client.get("/account/2fa")
    for response in responses.values():
        response.close()
    return responses


def test_headers_on_every_response_kind_for_visitors(app):
    client = _add_test_routes(app).test_client()
    for what, response in _responses(client, signed_in=False).items():
        _assert_common_headers(response, what)
        assert "Strict-Transport-Security" not in response.headers, what


def test_headers_and_no_store_for_signed_in_users(app, auth, make_user):
    _add_test_routes(app)
    make_user(email="an@example.org")
    auth.login("an@example.org")
    responses = _responses(app.test_client(), signed_in=False)  # another, anonymous browser
    assert "no-store" not in responses["page"].headers.get("Cache-Control", "")
    for what, response in _responses(auth._client, signed_in=True).items():
        _assert_common_headers(response, what)
        if what == "static":
            assert "no-store" not in response.headers.get("Cache-Control", ""), what
        else:
            assert response.headers["Cache-Control"] == "no-store", what
            assert "Cookie" in response.headers.get_all("Vary")[-1], what


def test_headers_on_rate_limited_and_csrf_refusals(app, csrf_app, make_user):
    make_user(email="an@example.org")
    client = app.test_client()
    limited = [client.post("/login", data={"email": "an@example.org", "password": "x" * 12})
               for _ in range(11)][-1]
    assert limited.status_code == 429
    _assert_common_headers(limited, "429")
    refused = csrf_app.test_client().post("/login", data={"email": "a@b.c", "password": "x"})
    assert refused.status_code == 400
    _assert_common_headers(refused, "csrf 400")


@pytest.fixture
def production(app_factory):
    """The app as deployed: production settings (a learner signs in: no 2FA policy)."""
    return _add_test_routes(app_factory(env="production", secret_key="p" * 24 + "roduction!" * 3))


def _https_login(client, email):
    return client.post("/login", base_url=HTTPS,
                       data={"email": email, "password": TEST_PASSWORD})


def test_production_adds_hsts_everywhere(production, make_user):
    make_user(email="an@example.org")
    client = production.test_client()
    for path in ("/", "/no-such-page", "/static/learn.css"):
        response = client.get(path, base_url=HTTPS)
        response.close()
        assert response.headers["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains"
        ), path
        _assert_common_headers(response, path)


def test_production_session_cookie_is_host_prefixed_secure_httponly_lax(production, make_user):
    make_user(email="an@example.org")
    client = production.test_client()
    response = _https_login(client, "an@example.org")
    cookies = response.headers.get_all("Set-Cookie")
    assert len(cookies) == 1
    cookie = cookies[0]
    attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
    assert cookie.startswith("__Host-learn=")
    assert {"secure", "httponly", "path", "samesite"} <= attributes
    assert "SameSite=Lax" in cookie and "Path=/" in cookie
    assert "domain" not in attributes
    assert client.get("/account", base_url=HTTPS).status_code == 200


def test_production_cookie_for_the_second_factor_step_is_protected_too(production, make_user):
    make_user(email="an@example.org")
    client = production.test_client()
    _https_login(client, "an@example.org")
    client.post("/account/2fa/start", base_url=HTTPS)
    seed = seed_on_page(client.get("/account/2fa", base_url=HTTPS).get_data(as_text=True))
    confirmed = client.post("/account/2fa/confirm", base_url=HTTPS,
                            data={"code": pyotp.TOTP(seed).now()})
    assert confirmed.status_code == 200
    client.post("/logout", base_url=HTTPS)
    response = _https_login(client, "an@example.org")
    assert response.headers["Location"].endswith("/login/2fa")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-learn=") and "Secure" in cookie and "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_development_cookie_is_httponly_and_lax(app, make_user):
    make_user(email="an@example.org")
    response = app.test_client().post(
        "/login", data={"email": "an@example.org", "password": TEST_PASSWORD}
    )
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_no_cookie_survives_logout(app, auth, make_user):
    make_user(email="an@example.org")
    auth.login("an@example.org")
    cookie_name = app.config["SESSION_COOKIE_NAME"]
    stolen = auth._client.get_cookie(cookie_name).value
    response = auth.logout()
    assert response.status_code == 302
    replay = app.test_client()
    replay.set_cookie(cookie_name, stolen)
    assert replay.get("/account").status_code == 302
    assert replay.get("/account/data.json").status_code == 302
