"""Changing what is not one's own: other people's objects through POST routes, and extra form
fields that try to set roles, kinds, scores or states (mass assignment).

The orgs routes have their own POST matrix (tests/orgs/test_access_matrix.py) and ending
another user's session its own test (tests/auth/test_sessions_and_policy.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from learn.auth.models import User
from learn.db import session_factory
from learn.quiz.models import QuizAttempt
from tests.security.conftest import new_client, sign_in
from tests.security.db_state import changed_tables, fingerprint
from tests.security.world import EMAILS

NEW_PASSWORD = "mây trôi lững lờ qua đỉnh núi xa"
# (who, URL template, form, answers that refuse without a trace)
FOREIGN_OBJECTS = [
    ("other", "/quiz/attempts/{open_attempt}", {"action": "submit", "q1": "0"}, {404}),
    ("other", "/quiz/attempts/{open_attempt}", {"action": "save", "q2": "x"}, {404}),
    ("admin", "/quiz/attempts/{open_attempt}", {"action": "submit"}, {404}),
    ("learner", "/courses/{draft}/units/{unit_draft}/done", {}, {404}),
    ("learner", "/admin/certificates/{their_cert}/revoke", {"reason": "x"}, {403}),
    ("manager_a", "/admin/certificates/{their_cert}/revoke", {"reason": "x"}, {403}),
    ("trainer", "/admin/publishing/", {"publish": "y"}, {403}),
    ("trainer", "/admin/orgs/new", {"code": "T1", "name": "T", "kind": "commune"}, {403}),
    ("manager_b", "/admin/users/import/{upload}/links.csv", {}, {404}),
    ("learner", "/admin/users/{person_in_a}/roles", {"roles": "admin"}, {403}),
    ("manager_a", "/admin/users/{person_in_a}/roles", {"roles": "admin"}, {403}),
]


@dataclass(frozen=True)
class Account:
    """What matters of a user here."""

    id: int
    kind: str
    roles: frozenset[str]
    is_active: bool
    preferred_language: str
    password_hash: str | None


def _user(app, email: str) -> Account | None:
    session = session_factory(app)()
    try:
        user = session.scalar(select(User).where(User.email == email))
        if user is None:
            return None
        return Account(user.id, user.kind, frozenset(user.roles), user.is_active,
                       user.preferred_language, user.password_hash)
    finally:
        session.close()


def test_other_peoples_objects_cannot_be_changed(sec_app, world):
    clients = {who: sign_in(sec_app, EMAILS[who]) for who in {r[0] for r in FOREIGN_OBJECTS}}
    before = fingerprint(sec_app)
    problems = []
    for who, template, form, allowed in FOREIGN_OBJECTS:
        response = clients[who].post(world.fill(template), data=form)
        if response.status_code not in allowed:
            problems.append(f"{who} POST {template}: {response.status_code}")
    assert not problems, "\n".join(problems)
    changed = set(changed_tables(before, fingerprint(sec_app)))
    # 403s are written to the audit log (access.denied); nothing else may change.
    assert changed <= {"audit_events"}, changed
    session = session_factory(sec_app)()
    assert session.get(QuizAttempt, world.ids["open_attempt"]).status == "open"
    session.close()


def test_registration_cannot_choose_kind_roles_or_state(sec_app, world):
    client = new_client(sec_app)
    response = client.post("/register", data={
        "full_name": "Người Tự Phong", "email": "tu.phong@example.org",
        "password": NEW_PASSWORD, "confirm": NEW_PASSWORD, "consent": "y",
        "kind": "official", "roles": "admin", "role": "admin", "is_active": "0",
        "preferred_language": "xx", "id": "1"})
    assert response.status_code == 302
    user = _user(sec_app, "tu.phong@example.org")
    assert user.kind == "citizen" and user.roles == {"learner"} and user.is_active
    assert user.id != 1 and user.preferred_language in ("vi", "en")
    assert client.get("/admin/users").status_code == 403


def test_people_forms_cannot_set_roles_or_email(sec_app, world):
    admin = sign_in(sec_app, EMAILS["admin"])
    created = admin.post("/admin/users/new", data={
        "email": "moi@example.org", "full_name": "Người Mới", "kind": "official",
        "unit": str(world.units["A1"]), "roles": "admin", "role": "manager"})
    assert created.status_code == 200
    assert _user(sec_app, "moi@example.org").roles == {"learner"}
    manager = sign_in(sec_app, EMAILS["manager_a"])
    edited = manager.post(f"/admin/users/{world.users['learner']}", data={
        "full_name": "Nguyễn Học Viên", "kind": "official", "unit": str(world.units["A1"]),
        "email": "chiem.quyen@example.org", "roles": "admin", "password_hash": "x"})
    assert edited.status_code == 302
    learner = _user(sec_app, EMAILS["learner"])
    assert learner.roles == {"learner"} and learner.password_hash != "x"
    assert _user(sec_app, "chiem.quyen@example.org") is None


def test_a_quiz_form_cannot_set_its_own_score(sec_app, world):
    client = sign_in(sec_app, EMAILS["learner"])
    attempt = world.ids["open_attempt"]
    response = client.post(f"/quiz/attempts/{attempt}", data={
        "action": "submit-anyway", "q1": "1", "q2": "sai", "q3": "0", "score": "100",
        "passed": "1", "status": "submitted", "user_id": str(world.users["other"])})
    assert response.headers["Location"].endswith("/result")
    session = session_factory(sec_app)()
    row = session.get(QuizAttempt, attempt)
    assert row.score == 0 and row.passed is False and row.user_id == world.users["learner"]
    session.close()
