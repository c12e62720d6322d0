"""Every orgs route against every kind of visitor and every id: deny by default, managers
only inside their subtree, never data outside it."""

from __future__ import annotations

import pytest

from learn.orgs.import_uploads import keep_upload
from learn.orgs.models import ManagerScope, UserImportUpload

OK = "ok"  # served: 200, a redirect after a change, or 400 for the empty test form
LOGIN = "login"

# (method, url template, who may use it: "admin", "manager" or "scoped" = manager in scope)
ROUTES = [
    ("GET", "/admin/orgs", "manager"),
    ("GET", "/admin/orgs/new", "admin"),
    ("POST", "/admin/orgs/new", "admin"),
    ("GET", "/admin/orgs/{unit}", "scoped"),
    ("POST", "/admin/orgs/{unit}/edit", "admin"),
    ("POST", "/admin/orgs/{unit}/move", "admin"),
    ("POST", "/admin/orgs/{unit}/active", "admin"),
    ("GET", "/admin/users", "manager"),
    ("GET", "/admin/users/new", "manager"),
    ("POST", "/admin/users/new", "manager"),
    ("GET", "/admin/users/{person}", "scoped"),
    ("POST", "/admin/users/{person}", "scoped"),
    ("POST", "/admin/users/{person}/activation", "scoped"),
    ("POST", "/admin/users/{person}/roles", "admin"),
    ("POST", "/admin/users/{person}/scopes", "admin"),
    ("POST", "/admin/users/{person}/scopes/{unit}/remove", "admin"),
    ("GET", "/admin/users/import", "manager"),
    ("POST", "/admin/users/import", "manager"),
    ("POST", "/admin/users/import/apply", "manager"),
    ("GET", "/admin/users/import/template.csv", "manager"),
    ("POST", "/admin/users/import/{upload}/links.csv", "owner"),
    ("GET", "/admin/assignments", "manager"),
    ("POST", "/admin/assignments", "manager"),
    ("POST", "/admin/assignments/{assignment}/active", "scoped"),
    ("POST", "/admin/users/{person}/active", "scoped"),  # last: it may deactivate
]

ACTORS = {
    "anonymous": None,
    "learner": "learner@example.org",
    "trainer": "trainer@example.org",
    "manager_a": "manager.a@example.org",
    "manager_b": "manager.b@example.org",
    "admin": "admin@example.org",
}


def _expected(actor: str, rule: str, side: str) -> str:
    """What the actor gets for a route about district `side` ("A" or "B")."""
    if actor == "anonymous":
        return LOGIN
    if actor in ("learner", "trainer"):
        return "403"
    if actor == "admin":
        return "404" if rule == "owner" else OK  # the links belong to the uploader only
    if rule == "admin":
        return "403"
    if rule == "manager":
        return OK
    if rule == "owner":
        return "404"
    mine = (actor == "manager_a") == (side == "A")
    return OK if mine else "404"


def _outcome(response) -> str:
    if response.status_code == 302 and "/login" in response.headers.get("Location", ""):
        return LOGIN
    if response.status_code in (200, 302, 400):
        return OK
    return str(response.status_code)


@pytest.mark.parametrize("actor", list(ACTORS))
def test_access_matrix(app, client, auth, world, db_session, actor):
    upload_owner = world["manager_b"].id

    keep_upload(db_session, upload_owner, "x.csv", b"email,full_name\n")
    upload = db_session.query(UserImportUpload).one()
    upload.links_csv = "email,full_name,activation_link\r\n"
    db_session.add_all([  # something for the "remove scope" route to remove
        ManagerScope(user_id=world["person_a"].id, org_unit_id=world["A1"].id),
        ManagerScope(user_id=world["person_b"].id, org_unit_id=world["B1"].id),
    ])
    db_session.commit()
    upload_id = upload.id
    if ACTORS[actor]:
        auth.login(ACTORS[actor])
    ids = {
        "A": {"unit": world["A1"].id, "person": world["person_a"].id,
              "assignment": world["assignment_a"].id, "upload": upload_id},
        "B": {"unit": world["B1"].id, "person": world["person_b"].id,
              "assignment": world["assignment_b"].id, "upload": upload_id},
    }
    problems = []
    for side in ("A", "B"):
        for method, template, rule in ROUTES:
            if ("{" not in template or "{upload}" in template) and side == "B":
                continue  # no district in the URL (the links can be taken only once)
            url = template.format(**ids[side])
            response = client.open(url, method=method)
            got, wanted = _outcome(response), _expected(actor, rule, side)
            if template.endswith("links.csv") and actor == "manager_b":
                wanted = OK  # manager B made the upload
            if got != wanted:
                problems.append(f"{actor} {method} {url}: {got}, expected {wanted}")
            if got != OK:
                body = response.get_data(as_text=True)
                for secret in ("Trần Thị Bình", "binh@example.org", "Chuyên viên",
                               "an@example.org", "Xã Hòa Bình", "Xã Tân Lập"):
                    if secret in body:
                        problems.append(f"{actor} {method} {url}: leaks {secret!r}")
    assert problems == []


def test_manager_lists_show_nothing_from_the_other_district(client, auth, world):
    auth.login("manager.b@example.org")
    pages = [client.get(url).get_data(as_text=True) for url in (
        "/admin/orgs", "/admin/users", "/admin/users?q=an", "/admin/assignments",
        "/admin/users/new", "/admin/users/import",
    )]
    for html in pages:
        for secret in ("an@example.org", "Chuyên viên", "Xã Tân Lập", "Huyện An Phú",
                       "Quản Lý A"):
            assert secret not in html


def test_manager_without_scope_sees_nothing(client, auth, world, make_user):
    make_user(email="lost@example.org", name="Người Lạc", roles=("manager",))
    auth.login("lost@example.org")
    for url in ("/admin/orgs", "/admin/users", "/admin/assignments"):
        html = client.get(url).get_data(as_text=True)
        for secret in ("an@example.org", "Trần Thị Bình", "Huyện", "Xã "):
            assert secret not in html


def test_every_post_needs_the_csrf_token(csrf_app, world, db_session):
    from learn.auth.models import User
    from tests.conftest import csrf_token_from

    client = csrf_app.test_client()
    page = client.get("/login").get_data(as_text=True)
    client.post("/login", data={"email": "admin@example.org",
                                "password": "correct horse battery staple",
                                "csrf_token": csrf_token_from(page)})
    ids = {"unit": world["A1"].id, "person": world["person_a"].id,
           "assignment": world["assignment_a"].id, "upload": 1}
    for method, template, _rule in ROUTES:
        if method != "POST":
            continue
        response = client.post(template.format(**ids), data={"active": "0", "name": "X"})
        assert response.status_code == 400, template
    db_session.expire_all()
    assert db_session.get(User, world["person_a"].id).is_active
