"""CSRF: every POST/PUT/PATCH/DELETE route of the URL map refuses a request without a valid
token, as a user who may otherwise use it, and nothing in the database changes.

A route added later is enumerated from `app.url_map` and fails
`test_every_state_changing_route_is_attacked` until it is given a case below (or a
justified entry in EXEMPT).
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from learn.auth.models import UserSession
from learn.db import session_factory
from learn.extensions import csrf
from tests.conftest import TEST_PASSWORD
from tests.security.conftest import new_client, sign_in, token_in
from tests.security.db_state import changed_tables, fingerprint
from tests.security.routes import state_changing_routes
from tests.security.world import CITIZEN_EMAIL, EMAILS, build_world

NEW_PASSWORD = "mưa rơi trên mái ngói rêu phong"
# endpoint: (who sends it, URL template, a form that would change something if accepted)
CASES: dict[str, tuple[str | None, str, dict]] = {
    "auth.login": (None, "/login", {"email": EMAILS["learner"], "password": TEST_PASSWORD}),
    "auth.login_2fa": (None, "/login/2fa", {"code": "123456"}),
    "auth.register": (None, "/register", {
        "full_name": "Kẻ Giả Mạo", "email": "forged@example.org", "password": NEW_PASSWORD,
        "confirm": NEW_PASSWORD, "consent": "y"}),
    "auth.activate": (None, "/activate/{activation_token}",
                      {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}),
    "auth.logout": ("learner", "/logout", {}),
    "auth.change_password": ("learner", "/account/password", {
        "current": TEST_PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}),
    "auth.end_session": ("learner", "/account/sessions/{other_session}/end", {}),
    "auth.end_other_sessions": ("learner", "/account/sessions/end-others", {}),
    "auth.two_factor_start": ("learner", "/account/2fa/start", {}),
    "auth.two_factor_confirm": ("learner", "/account/2fa/confirm", {"code": "123456"}),
    "auth.two_factor_disable": ("learner", "/account/2fa/disable", {"current": TEST_PASSWORD}),
    "auth.recovery_codes_regenerate": ("learner", "/account/2fa/recovery-codes",
                                       {"current": TEST_PASSWORD}),
    "privacy.delete_account": ("citizen", "/account/delete",
                               {"current": TEST_PASSWORD, "confirm": "y"}),
    "core.set_language": ("learner", "/language", {"lang": "en", "next": "/"}),
    "learning.mark_done": ("learner", "/courses/{course_a}/units/{unit_a}/done", {}),
    "quiz.start": ("learner", "/quiz/{quiz_a}/start", {}),
    "quiz.answer": ("learner", "/quiz/attempts/{open_attempt}",
                    {"action": "submit", "q1": "0", "q2": "VNeID", "q3": "4"}),
    "preview.unit": ("trainer", "/preview/{course_a}/units/{quiz_unit_a}", {"q1": "0"}),
    "publishing.run": ("admin", "/admin/publishing/", {"publish": "y"}),
    "certificates.revoke": ("admin", "/admin/certificates/{their_cert}/revoke",
                            {"reason": "Giả mạo"}),
    "orgs.new_unit": ("admin", "/admin/orgs/new",
                      {"code": "X9", "name": "Đơn vị giả", "kind": "commune", "parent": ""}),
    "orgs.edit_unit": ("admin", "/admin/orgs/{unit_in_b}/edit",
                       {"name": "Đổi tên", "kind": "commune"}),
    "orgs.move_unit": ("admin", "/admin/orgs/{unit_in_b}/move", {"parent": "{unit_in_a}"}),
    "orgs.set_unit_active": ("admin", "/admin/orgs/{unit_in_b}/active", {"active": "0"}),
    "orgs.new_user": ("admin", "/admin/users/new", {
        "email": "forged@example.org", "full_name": "Kẻ Giả Mạo", "kind": "official",
        "unit": ""}),
    "orgs.edit_user": ("admin", "/admin/users/{person_in_b}", {
        "full_name": "Đổi tên", "kind": "official", "unit": "{unit_in_b}"}),
    "orgs.set_user_active": ("admin", "/admin/users/{person_in_b}/active", {"active": "0"}),
    "orgs.new_activation": ("admin", "/admin/users/{pending}/activation", {}),
    "orgs.set_user_roles": ("admin", "/admin/users/{person_in_b}/roles", {"roles": "admin"}),
    "orgs.add_user_scope": ("admin", "/admin/users/{person_in_b}/scopes",
                            {"unit": "{unit_in_b}"}),
    "orgs.remove_user_scope": ("admin", "/admin/users/{manager_b_id}/scopes/{unit_b}/remove",
                               {}),
    "orgs.import_users": ("admin", "/admin/users/import", {}),
    "orgs.apply_import": ("admin", "/admin/users/import/apply", {"token": "x" * 40}),
    "orgs.download_links": ("manager_a", "/admin/users/import/{upload}/links.csv", {}),
    "orgs.create_assignment": ("admin", "/admin/assignments", {
        "course": "{course_b_id}", "unit": "{unit_in_a}", "audience": "all"}),
    "orgs.set_assignment_active": ("admin", "/admin/assignments/{assignment_b}/active",
                                   {"active": "0"}),
}
# Routes allowed to take state-changing requests without a CSRF token, with the reason.
# None: every form of the site is a FlaskForm and the token is checked for all of them.
EXEMPT: dict[str, str] = {}
REFUSED = (400, 403, 404)


def _email(actor: str | None) -> str | None:
    if actor is None:
        return None
    return CITIZEN_EMAIL if actor == "citizen" else EMAILS[actor]


def _fill(world, value: str) -> str:
    return world.fill(value) if "{" in value else value


@pytest.fixture
def csrf_world(sec_csrf_app, courses_copy):
    """The seeded world on the app with CSRF on, plus a second session of the learner."""
    world = build_world(sec_csrf_app, courses_copy)
    session = session_factory(sec_csrf_app)()
    from learn.courses.models import Course

    world.ids["course_b_id"] = session.scalar(select(Course.id).where(Course.slug == "khoa-b"))
    session.close()
    world.ids["pending"] = world.users["pending"]
    world.ids["manager_b_id"] = world.users["manager_b"]
    world.ids["unit_b"] = world.units["B"]
    return world


def _second_session(app, world) -> int:
    sign_in(app, EMAILS["learner"])
    session = session_factory(app)()
    try:
        return session.scalar(
            select(UserSession.id).where(UserSession.user_id == world.users["learner"])
            .order_by(UserSession.id.desc()))
    finally:
        session.close()


def test_every_state_changing_route_is_attacked(sec_csrf_app):
    enumerated = {r.endpoint for r in state_changing_routes(sec_csrf_app)}
    assert enumerated, "no state-changing routes found in the URL map"
    assert enumerated - set(CASES) - set(EXEMPT) == set(), "give these routes a CSRF case"
    assert set(CASES) <= enumerated, "cases for routes that no longer exist"
    assert all(reason.strip() for reason in EXEMPT.values())


def test_no_view_or_blueprint_is_exempted_from_csrf():
    assert not csrf._exempt_views
    assert not csrf._exempt_blueprints


def test_requests_without_a_valid_token_are_refused_and_change_nothing(
    sec_csrf_app, csrf_world
):
    app, world = sec_csrf_app, csrf_world
    clients = {actor: sign_in(app, _email(actor))
               for actor in {case[0] for case in CASES.values()}}
    world.ids["other_session"] = _second_session(app, world)
    # A genuine token, but of somebody else's session: the attacker's own.
    attacker = new_client(app)
    foreign_token = token_in(attacker.get("/login").get_data(as_text=True))
    before = fingerprint(app)
    problems = []
    for endpoint, (actor, template, form) in CASES.items():
        url = world.fill(template)
        data = {key: _fill(world, value) for key, value in form.items()}
        for label, extra, headers in (
            ("no token", {}, {}),
            ("garbage token", {"csrf_token": "not-a-token"}, {}),
            ("another session's token", {"csrf_token": foreign_token}, {}),
            ("another session's token in the header", {}, {"X-CSRFToken": foreign_token}),
        ):
            response = clients[actor].post(url, data={**data, **extra}, headers=headers)
            if response.status_code not in REFUSED:
                problems.append(f"{endpoint} {url} ({label}): {response.status_code}")
    assert not problems, "\n".join(problems)
    assert changed_tables(before, fingerprint(app)) == []


@pytest.mark.parametrize("endpoint", ["core.set_language", "orgs.set_user_active",
                                      "learning.mark_done", "auth.logout"])
def test_the_same_request_with_the_right_token_goes_through(
    sec_csrf_app, csrf_world, endpoint
):
    # The control experiment: the refusals above come from the token, nothing else.
    actor, template, form = CASES[endpoint]
    client = sign_in(sec_csrf_app, _email(actor))
    token = token_in(client.get("/account").get_data(as_text=True))
    data = {key: _fill(csrf_world, value) for key, value in form.items()}
    before = fingerprint(sec_csrf_app)
    response = client.post(csrf_world.fill(template), data={**data, "csrf_token": token})
    assert response.status_code in (302, 303)
    assert changed_tables(before, fingerprint(sec_csrf_app))
