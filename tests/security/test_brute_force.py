"""Brute force: every rate-limited route answers 429 once its allowance is used.

Already tested elsewhere (not repeated): sign-in per address and per account across
addresses (tests/auth/test_login.py), the two-factor step per address and per account
(tests/auth/test_redirects_and_brute_force.py), shared counters in Redis (tests/ops).
Added here: every other limited route, found from the limiter itself so that a new limited
route must be listed; guesses spread over addresses against one account's step-up; email
spellings that must count against the same account.
"""

from __future__ import annotations

import unicodedata

from flask_limiter.util import get_qualified_name

from learn.extensions import limiter
from tests.conftest import TEST_PASSWORD
from tests.security.conftest import fresh_address, new_client, sign_in
from tests.security.world import CITIZEN_EMAIL, EMAILS

NEW_PASSWORD = "nắng chiều vàng trên đồng lúa chín"
WRONG = "not the right password at all"
# endpoint: (who, method, URL template, form, requests allowed per minute from one address)
LIMITED = {
    "auth.register": (None, "POST", "/register", {
        "full_name": "Người Thử", "email": "x@example", "password": "short",
        "confirm": "short", "consent": "y"}, 5),
    "auth.activate": (None, "POST", "/activate/guessed-token-{n}",
                      {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, 10),
    "auth.change_password": ("learner", "POST", "/account/password", {
        "current": WRONG, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, 10),
    "auth.two_factor_confirm": ("learner", "POST", "/account/2fa/confirm", {"code": "000000"},
                                10),
    "auth.two_factor_disable": ("learner", "POST", "/account/2fa/disable",
                                {"current": WRONG, "code": "000000"}, 10),
    "auth.recovery_codes_regenerate": ("learner", "POST", "/account/2fa/recovery-codes",
                                       {"current": WRONG, "code": "000000"}, 10),
    "privacy.delete_account": ("citizen", "POST", "/account/delete",
                               {"current": WRONG, "confirm": "y"}, 5),
    "privacy.export_data": ("learner", "GET", "/account/data.json", {}, 10),
    "certificates.verify": (None, "GET", "/verify/ABCD-EFGH-{n:04d}", {}, 30),
    "certificates.verify_form": (None, "GET", "/verify?code=ABCD-EFGH-{n:04d}", {}, 30),
}
# Limited routes with their own tests elsewhere (see the module docstring).
ELSEWHERE = {"auth.login": "tests/auth/test_login.py",
             "auth.login_2fa": "tests/auth/test_redirects_and_brute_force.py"}


def _email(who: str | None) -> str | None:
    return CITIZEN_EMAIL if who == "citizen" else EMAILS.get(who or "")


def limited_endpoints(app) -> set[str]:
    """The endpoints whose views carry a rate limit."""
    marked = limiter._marked_for_limiting
    return {endpoint for endpoint, view in app.view_functions.items()
            if get_qualified_name(view) in marked}


def test_every_limited_route_is_tested(sec_app):
    found = limited_endpoints(sec_app)
    assert "auth.login" in found, "the limiter's bookkeeping changed: update this test"
    assert found - set(LIMITED) - set(ELSEWHERE) == set(), "add these routes to LIMITED"
    assert set(LIMITED) <= found, "LIMITED names routes without a limit"


def test_the_allowance_is_enforced_from_one_address(sec_app, world):
    problems = []
    for endpoint, (who, method, template, form, allowed) in LIMITED.items():
        client = sign_in(sec_app, _email(who))
        codes = [client.open(template.format(n=n, **world.ids), method=method, data=form
                             ).status_code for n in range(allowed + 1)]
        if 429 in codes[:allowed] or codes[-1] != 429:
            problems.append(f"{endpoint}: {codes}")
        # Another address is not affected by this one's guesses.
        other = sign_in(sec_app, _email(who)) if who is not None else new_client(sec_app)
        if other.open(template.format(n=999, **world.ids), method=method, data=form
                      ).status_code == 429:
            problems.append(f"{endpoint}: another address was refused too")
    assert not problems, "\n".join(problems)


def test_verification_pages_share_one_allowance(sec_app, world):
    client = new_client(sec_app)
    codes = [client.get(f"/verify/ABCD-EFGH-{n:04d}").status_code for n in range(15)]
    codes += [client.get(f"/verify?code=ABCD-EFGH-{n:04d}").status_code for n in range(16)]
    assert 429 not in codes[:30]
    assert codes[-1] == 429


def test_step_up_guesses_spread_over_addresses_are_limited_per_account(sec_app, world):
    # With a stolen session cookie, guessing the current password (to change it and keep
    # the account) must not become unlimited by changing address for every guess.
    victim = sign_in(sec_app, EMAILS["learner"])
    codes = []
    for _ in range(25):
        victim.environ_base["REMOTE_ADDR"] = fresh_address()
        codes.append(victim.post("/account/password", data={
            "current": WRONG, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code)
    assert 429 in codes, codes


def _spellings(email: str) -> list[str]:
    local, domain = email.split("@")
    return [email, email.upper(), f"  {email} ", f"{local.title()}@{domain.upper()}",
            unicodedata.normalize("NFD", email), f"\t{email}\n"]


def test_email_spellings_count_against_the_same_account(sec_app, world):
    email = "tâm.nguyễn@example.org"
    from tests.security.world import add_user

    add_user(sec_app, email, "Tâm Nguyễn")
    spellings = _spellings(email)
    codes = []
    for n in range(21):
        client = new_client(sec_app)
        codes.append(client.post("/login", data={
            "email": spellings[n % len(spellings)], "password": WRONG}).status_code)
    assert 429 not in codes[:20], codes
    assert codes[20] == 429
    # The right password is refused too while the account is limited.
    right = new_client(sec_app).post("/login", data={"email": email,
                                                     "password": TEST_PASSWORD})
    assert right.status_code == 429
