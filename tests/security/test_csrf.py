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
from tests.security.conftest import new_client, sign_in, token_in
from tests.security.db_state import changed_tables, fingerprint
from tests.security.route_cases import POST_CASES
from tests.security.routes import state_changing_routes
from tests.security.world import CITIZEN_EMAIL, EMAILS, build_world

# Routes allowed to take state-changing requests without a CSRF token, with the reason.
# None: every form of the site is a FlaskForm and the token is checked for all of them.
EXEMPT: dict[str, str] = {}
# The token is checked before any view runs, so even a request about an object that does not
# exist gets 400; anything else would mean the URL below does not reach its route.
REFUSED = (400,)


def _email(actor: str | None) -> str | None:
    if actor is None:
        return None
    return CITIZEN_EMAIL if actor == "citizen" else EMAILS[actor]


def _fill(world, value: str) -> str:
    return world.fill(value) if "{" in value else value


@pytest.fixture
def csrf_world(sec_csrf_app, courses_copy):
    """The seeded world on the app with CSRF on."""
    return build_world(sec_csrf_app, courses_copy)


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
    assert enumerated - set(POST_CASES) - set(EXEMPT) == set(), "give these routes a CSRF case"
    assert set(POST_CASES) <= enumerated, "cases for routes that no longer exist"
    assert all(reason.strip() for reason in EXEMPT.values())


def test_no_view_or_blueprint_is_exempted_from_csrf():
    assert not csrf._exempt_views
    assert not csrf._exempt_blueprints


def test_requests_without_a_valid_token_are_refused_and_change_nothing(
    sec_csrf_app, csrf_world
):
    app, world = sec_csrf_app, csrf_world
    clients = {actor: sign_in(app, _email(actor))
               for actor in {case[0] for case in POST_CASES.values()}}
    world.ids["other_session"] = _second_session(app, world)
    # A genuine token, but of somebody else's session: the attacker's own.
    attacker = new_client(app)
    foreign_token = token_in(attacker.get("/login").get_data(as_text=True))
    before = fingerprint(app)
    problems = []
    for endpoint, (actor, template, form) in POST_CASES.items():
        url = world.fill(template)
        reached, _args = app.url_map.bind("localhost").match(url, method="POST")
        assert reached == endpoint, f"{url} reaches {reached}, not {endpoint}"
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
    actor, template, form = POST_CASES[endpoint]
    client = sign_in(sec_csrf_app, _email(actor))
    token = token_in(client.get("/account").get_data(as_text=True))
    data = {key: _fill(csrf_world, value) for key, value in form.items()}
    before = fingerprint(sec_csrf_app)
    response = client.post(csrf_world.fill(template), data={**data, "csrf_token": token})
    assert response.status_code in (302, 303)
    assert changed_tables(before, fingerprint(sec_csrf_app))
