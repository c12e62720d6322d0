"""Open redirects through `next` (password step and 2FA step) and guessing the second factor."""

import pytest

from tests.conftest import TEST_PASSWORD

FOREIGN = [
    "https://evil.example/",
    "http://evil.example",
    "//evil.example/path",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    " //evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "https:evil.example",
    "evil.example",
]


@pytest.mark.parametrize("target", FOREIGN)
def test_login_next_never_leaves_the_site(client, make_user, target):
    make_user(email="an@example.org")
    response = client.post(
        "/login", data={"email": "an@example.org", "password": TEST_PASSWORD, "next": target}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_login_next_keeps_local_paths(client, make_user):
    make_user(email="an@example.org")
    response = client.post(
        "/login", data={"email": "an@example.org", "password": TEST_PASSWORD,
                        "next": "/account?tab=1"}
    )
    assert response.headers["Location"] == "/account?tab=1"


def test_login_page_carries_next_from_the_query_escaped(client):
    page = client.get('/login?next=/x"><script>alert(1)</script>').get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page


@pytest.mark.parametrize("target", FOREIGN)
def test_second_step_next_never_leaves_the_site(client, auth, make_user, enrol, target):
    make_user(email="qt@example.org", roles=("admin",))
    auth.login("qt@example.org")
    keys = enrol(client)
    auth.logout()
    client.post(
        "/login", data={"email": "qt@example.org", "password": TEST_PASSWORD, "next": target}
    )
    response = client.post("/login/2fa", data={"code": keys.next_code()})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_second_step_keeps_a_local_next(client, auth, make_user, enrol):
    make_user(email="qt@example.org", roles=("admin",))
    auth.login("qt@example.org")
    keys = enrol(client)
    auth.logout()
    client.post("/login", data={"email": "qt@example.org", "password": TEST_PASSWORD,
                                "next": "/account/2fa"})
    response = client.post("/login/2fa", data={"code": keys.next_code()})
    assert response.headers["Location"] == "/account/2fa"


def test_a_tampered_pending_cookie_is_refused(app, client, auth, make_user, enrol):
    make_user(email="qt@example.org", roles=("admin",))
    auth.login("qt@example.org")
    keys = enrol(client)
    auth.logout()
    auth.login("qt@example.org")
    name = app.config["SESSION_COOKIE_NAME"]
    value = client.get_cookie(name).value
    client.set_cookie(name, value[:-3] + ("AAA" if not value.endswith("AAA") else "BBB"))
    response = client.post("/login/2fa", data={"code": keys.next_code()})
    assert response.headers["Location"].endswith("/login")


def test_guessing_codes_for_one_account_is_limited_across_addresses(
    client, auth, make_user, enrol
):
    make_user(email="qt@example.org", roles=("admin",))
    auth.login("qt@example.org")
    keys = enrol(client)
    auth.logout()
    auth.login("qt@example.org")
    codes = [
        client.post(
            "/login/2fa", data={"code": f"{n:06d}"},
            environ_base={"REMOTE_ADDR": f"10.1.0.{n + 1}"},
        ).status_code
        for n in range(6)
    ]
    assert codes[:5] == [200] * 5
    assert codes[5] == 429
    # Even the right code is refused while the account is rate limited.
    limited = client.post("/login/2fa", data={"code": keys.next_code()},
                          environ_base={"REMOTE_ADDR": "10.1.0.99"})
    assert limited.status_code == 429
    assert client.get("/account").status_code == 302


def test_guessing_codes_from_one_address_is_limited(app, make_user, enrol, auth, client):
    for n in range(3):
        make_user(email=f"qt{n}@example.org", roles=("admin",))
        auth.login(f"qt{n}@example.org")
        enrol(client)
        auth.logout()
    attacker = app.test_client()
    statuses = []
    for n in range(11):
        attacker.post("/login", data={"email": f"qt{n % 3}@example.org",
                                      "password": TEST_PASSWORD},
                      environ_base={"REMOTE_ADDR": f"10.9.9.{n + 1}"})
        statuses.append(
            attacker.post("/login/2fa", data={"code": "000000"},
                          environ_base={"REMOTE_ADDR": "10.2.2.2"}).status_code
        )
    assert 429 not in statuses[:10]
    assert statuses[10] == 429
