"""Sessions: a cookie stops working when the account's state says it must.

Already tested elsewhere (not repeated): a cookie copied before sign-out
(tests/auth/test_login.py::test_logout_ends_the_session_for_a_copied_cookie), a fixed
pre-login session replaced at sign-in (test_login.py::test_login_replaces_a_fixed_pre_login_
session, and through both steps in test_two_factor.py), other sessions ended by a password
change (test_password.py::test_change_password_ends_other_sessions), deactivation through
the service (test_login.py::test_deactivation_ends_sessions_at_once), ending one session from
the list (test_sessions_and_policy.py), 2FA reset from the command line
(test_two_factor_cli.py). Added here: the same guarantees through the administration pages,
a role taken away, account deletion, and cookies forged with the signing key.
"""

from __future__ import annotations

from tests.conftest import TEST_PASSWORD
from tests.security.conftest import new_client, sign_in
from tests.security.world import CITIZEN_EMAIL, EMAILS

NEW_PASSWORD = "trăng soi đáy giếng nước trong veo"


def _cookie(app, client) -> str:
    return client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value


def _replay(app, cookie: str):
    """A new browser carrying a copied session cookie."""
    thief = new_client(app)
    thief.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie)
    return thief


def test_deactivation_by_an_administrator_ends_the_sessions_at_once(sec_app, world):
    victim = sign_in(sec_app, EMAILS["other"])
    copied = _cookie(sec_app, victim)
    assert victim.get("/me").status_code == 200
    admin = sign_in(sec_app, EMAILS["admin"])
    response = admin.post(f"/admin/users/{world.users['other']}/active", data={"active": "0"})
    assert response.status_code == 302
    assert victim.get("/me").status_code == 302
    assert _replay(sec_app, copied).get("/me").status_code == 302
    # Reactivating does not bring the old sessions back: they were ended, not paused.
    admin.post(f"/admin/users/{world.users['other']}/active", data={"active": "1"})
    assert _replay(sec_app, copied).get("/me").status_code == 302
    assert sign_in(sec_app, EMAILS["other"]).get("/me").status_code == 200


def test_deactivation_by_the_district_manager_ends_the_sessions(sec_app, world):
    victim = sign_in(sec_app, EMAILS["learner"])
    manager = sign_in(sec_app, EMAILS["manager_a"])
    manager.post(f"/admin/users/{world.users['learner']}/active", data={"active": "0"})
    assert victim.get("/me").status_code == 302


def test_a_cookie_copied_before_a_password_change_is_dead(sec_app, world):
    elsewhere = sign_in(sec_app, EMAILS["learner"])
    copied = _cookie(sec_app, elsewhere)
    here = sign_in(sec_app, EMAILS["learner"])
    response = here.post("/account/password", data={
        "current": TEST_PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert here.get("/me").status_code == 200
    assert elsewhere.get("/me").status_code == 302
    assert _replay(sec_app, copied).get("/me").status_code == 302
    # The old password is refused from now on.
    old = new_client(sec_app).post("/login", data={"email": EMAILS["learner"],
                                                   "password": TEST_PASSWORD})
    assert old.status_code == 200


def test_a_role_taken_away_stops_working_at_the_next_request(sec_app, world):
    manager = sign_in(sec_app, EMAILS["manager_b"])
    assert manager.get("/admin/users").status_code == 200
    admin = sign_in(sec_app, EMAILS["admin"])
    response = admin.post(f"/admin/users/{world.users['manager_b']}/roles", data={"roles": []})
    assert response.status_code == 302
    assert manager.get("/admin/users").status_code == 403
    assert manager.get("/reports/orgs").status_code == 403


def test_a_deleted_account_leaves_no_working_cookie(sec_app, world):
    citizen = sign_in(sec_app, CITIZEN_EMAIL)
    copied = _cookie(sec_app, citizen)
    other_browser = sign_in(sec_app, CITIZEN_EMAIL)
    response = citizen.post("/account/delete", data={"current": TEST_PASSWORD, "confirm": "y"})
    assert response.status_code == 302
    for client in (citizen, other_browser, _replay(sec_app, copied)):
        assert client.get("/account").status_code == 302
    assert new_client(sec_app).post("/login", data={
        "email": CITIZEN_EMAIL, "password": TEST_PASSWORD}).status_code == 200


def test_a_cookie_forged_with_the_signing_key_grants_nothing(sec_app, world):
    # Even someone holding LEARN_SECRET_KEY cannot sign in as a user without a live
    # server-side session token: the cookie only names one, the server checks it.
    serializer = sec_app.session_interface.get_signing_serializer(sec_app)
    admin_id = str(world.users["admin"])
    for forged in ({"_user_id": admin_id, "_fresh": True},
                   {"_user_id": admin_id, "_fresh": True, "sid": "x" * 43},
                   {"_user_id": admin_id, "sid": ""}):
        client = _replay(sec_app, serializer.dumps(forged))
        assert client.get("/admin/users").status_code == 302, forged


def test_a_session_token_is_bound_to_its_user(sec_app, world):
    # A live token of the learner put beside the administrator's id is refused.
    learner = sign_in(sec_app, EMAILS["learner"])
    serializer = sec_app.session_interface.get_signing_serializer(sec_app)
    state = serializer.loads(_cookie(sec_app, learner))
    state["_user_id"] = str(world.users["admin"])
    client = _replay(sec_app, serializer.dumps(state))
    assert client.get("/admin/users").status_code == 302
    assert client.get("/me").status_code == 302


def test_a_cookie_signed_by_another_instance_key_is_refused(app_factory, sec_app, world):
    other = app_factory(secret_key="another-secret-key-of-another-instance-long")
    stranger = sign_in(other, EMAILS["admin"])
    assert stranger.get("/admin/users").status_code == 200
    assert _replay(sec_app, _cookie(other, stranger)).get("/admin/users").status_code == 302
