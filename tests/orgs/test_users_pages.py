"""People pages: search without accents, filters, pages, create, edit, deactivate, roles."""

from __future__ import annotations

import re

from sqlalchemy import select

from learn.audit.models import AuditEvent
from learn.auth.models import User, UserSession
from learn.orgs.models import ManagerScope, OrgMembership


def _names(html: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="/admin/users/\d+">([^<]+)</a>', html)


def test_search_without_diacritics_finds_the_person(client, auth, world):
    auth.login("admin@example.org")
    page = client.get("/admin/users?q=nguyen+van+an").get_data(as_text=True)
    assert _names(page) == ["Nguyễn Văn An"]
    page = client.get("/admin/users?q=NGUYỄN an").get_data(as_text=True)
    assert _names(page) == ["Nguyễn Văn An"]
    assert _names(client.get("/admin/users?q=binh@example").get_data(as_text=True)) == [
        "Trần Thị Bình"
    ]
    assert _names(client.get("/admin/users?q=zzz").get_data(as_text=True)) == []


def test_search_finds_users_created_outside_orgs(client, auth, world, make_user):
    make_user(email="dang@example.org", name="Đặng Thị Hường", kind="citizen")
    auth.login("admin@example.org")
    assert _names(client.get("/admin/users?q=dang thi huong").get_data(as_text=True)) == [
        "Đặng Thị Hường"
    ]


def test_filters(client, auth, world, db_session):
    auth.login("admin@example.org")
    a = world["A"].id
    assert set(_names(client.get(f"/admin/users?unit={a}").get_data(as_text=True))) == {
        "Nguyễn Văn An", "Quản Lý A",
    }
    # without a search, the newest accounts come first
    assert _names(client.get("/admin/users?role=manager").get_data(as_text=True)) == [
        "Quản Lý B", "Quản Lý A",
    ]
    world["person_b"].is_active = False
    db_session.commit()
    assert _names(client.get("/admin/users?active=no").get_data(as_text=True)) == [
        "Trần Thị Bình"
    ]
    assert _names(client.get("/admin/users?kind=citizen").get_data(as_text=True)) == []


def test_pagination(client, auth, world, make_user):
    for i in range(55):
        make_user(email=f"p{i:02d}@example.org", name=f"Phạm Văn {i:02d}")
    auth.login("admin@example.org")
    first = client.get("/admin/users?q=pham").get_data(as_text=True)
    assert len(_names(first)) == 50
    assert 'rel="next" href="/admin/users?page=2&amp;q=pham"' in first
    second = client.get("/admin/users?q=pham&page=2").get_data(as_text=True)
    assert len(_names(second)) == 5 and 'rel="next"' not in second


def test_manager_sees_only_their_subtree(client, auth, world):
    auth.login("manager.a@example.org")
    names = set(_names(client.get("/admin/users").get_data(as_text=True)))
    assert names == {"Nguyễn Văn An", "Quản Lý A"}
    assert _names(client.get("/admin/users?q=binh").get_data(as_text=True)) == []
    b = world["B"].id
    outside = client.get(f"/admin/users?unit={b}").get_data(as_text=True)
    assert "Trần Thị Bình" not in outside and "Huyện Bình Sơn" not in outside


def test_admin_creates_a_person_and_sees_the_link_once(client, auth, world, db_session):
    auth.login("admin@example.org")
    response = client.post("/admin/users/new", data={
        "email": "Moi@Example.org", "full_name": "Võ Thị Mới", "kind": "official",
        "unit": str(world["A1"].id), "position": "Văn thư", "is_dx_specialist": "y",
    })
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert re.search(r'value="http://localhost/activate/[A-Za-z0-9_-]{20,}"', html)
    user = db_session.scalar(select(User).where(User.email == "moi@example.org"))
    assert user.password_hash is None and user.roles == frozenset({"learner"})
    membership = db_session.scalar(select(OrgMembership).where(OrgMembership.user_id == user.id))
    assert membership.org_unit_id == world["A1"].id and membership.is_dx_specialist
    assert "/activate/" not in client.get(f"/admin/users/{user.id}").get_data(as_text=True)


def test_create_refuses_taken_email_and_specialist_citizen(client, auth, world, db_session):
    auth.login("admin@example.org")
    taken = client.post("/admin/users/new", data={
        "email": "an@example.org", "full_name": "X", "kind": "official", "unit": "",
    })
    assert taken.status_code == 200 and "/activate/" not in taken.get_data(as_text=True)
    citizen = client.post("/admin/users/new", data={
        "email": "c@example.org", "full_name": "Công Dân", "kind": "citizen",
        "unit": str(world["A1"].id), "is_dx_specialist": "y",
    })
    assert "/activate/" not in citizen.get_data(as_text=True)
    assert db_session.scalar(select(User).where(User.email == "c@example.org")) is None


def test_manager_creates_only_inside_scope(client, auth, world, db_session):
    auth.login("manager.a@example.org")
    outside = client.post("/admin/users/new", data={
        "email": "x@example.org", "full_name": "Người X", "kind": "official",
        "unit": str(world["B1"].id),
    })
    assert "/activate/" not in outside.get_data(as_text=True)
    inside = client.post("/admin/users/new", data={
        "email": "y@example.org", "full_name": "Người Y", "kind": "official",
        "unit": str(world["A1"].id),
    })
    assert "/activate/" in inside.get_data(as_text=True)
    assert db_session.scalar(select(User).where(User.email == "x@example.org")) is None


def test_edit_person(client, auth, world, db_session):
    auth.login("manager.a@example.org")
    person = world["person_a"]
    response = client.post(f"/admin/users/{person.id}", data={
        "full_name": "Nguyễn Văn Anh", "kind": "official", "unit": str(world["A"].id),
        "position": "Phó phòng", "is_dx_specialist": "y",
    })
    assert response.status_code == 302
    db_session.expire_all()
    assert db_session.get(User, person.id).full_name == "Nguyễn Văn Anh"
    membership = db_session.scalar(
        select(OrgMembership).where(OrgMembership.user_id == person.id))
    assert (membership.org_unit_id, membership.position, membership.is_dx_specialist) == (
        world["A"].id, "Phó phòng", True)
    # the renamed person is found by the new name, without accents
    assert _names(client.get("/admin/users?q=van anh").get_data(as_text=True)) == [
        "Nguyễn Văn Anh"
    ]
    # a manager cannot move someone out of their scope
    moved = client.post(f"/admin/users/{person.id}", data={
        "full_name": "Nguyễn Văn Anh", "kind": "official", "unit": str(world["B"].id),
    })
    assert moved.status_code in (400, 404)
    db_session.expire_all()
    assert db_session.scalar(select(OrgMembership.org_unit_id).where(
        OrgMembership.user_id == person.id)) == world["A"].id


def test_deactivation_ends_sessions_at_once(app, client, auth, world, db_session):
    other = app.test_client()
    other.post("/login", data={"email": "an@example.org",
                               "password": "correct horse battery staple"})
    assert other.get("/admin/users").status_code == 403  # signed in, not staff
    auth.login("manager.a@example.org")
    person = world["person_a"]
    assert client.post(f"/admin/users/{person.id}/active", data={"active": "0"}).status_code == 302
    db_session.expire_all()
    assert not db_session.get(User, person.id).is_active
    assert db_session.scalar(select(UserSession).where(
        UserSession.user_id == person.id, UserSession.ended_at.is_(None))) is None
    assert other.get("/admin/users").status_code == 302  # signed out: sent to the login page


def test_roles_only_by_administrators(client, auth, world, db_session):
    person = world["person_a"]
    auth.login("manager.a@example.org")
    assert client.post(f"/admin/users/{person.id}/roles",
                       data={"roles": ["admin"]}).status_code == 403
    # the edit form ignores any roles a manager slips in
    client.post(f"/admin/users/{person.id}", data={
        "full_name": "Nguyễn Văn An", "kind": "official", "unit": str(world["A1"].id),
        "roles": "admin",
    })
    db_session.expire_all()
    assert db_session.get(User, person.id).roles == frozenset({"learner"})
    auth.logout()
    auth.login("admin@example.org")
    assert client.post(f"/admin/users/{person.id}/roles",
                       data={"roles": ["trainer", "manager"]}).status_code == 302
    db_session.expire_all()
    assert db_session.get(User, person.id).roles == frozenset({"learner", "trainer", "manager"})
    event = db_session.scalar(select(AuditEvent).where(AuditEvent.action == "users.role_change"))
    assert event.details["after"] == ["learner", "manager", "trainer"]


def test_admin_cannot_remove_own_admin_role(client, auth, world, db_session):
    auth.login("admin@example.org")
    client.post(f"/admin/users/{world['admin'].id}/roles", data={"roles": ["trainer"]})
    db_session.expire_all()
    assert db_session.get(User, world["admin"].id).has_role("admin")


def test_manager_scopes_set_by_admin(client, auth, world, db_session):
    person = world["person_a"]
    auth.login("admin@example.org")
    assert client.post(f"/admin/users/{person.id}/scopes",
                       data={"unit": str(world["B"].id)}).status_code == 302
    assert db_session.scalar(select(ManagerScope).where(ManagerScope.user_id == person.id))
    assert client.post(f"/admin/users/{person.id}/scopes/{world['B'].id}/remove").status_code \
        == 302
    assert db_session.scalar(
        select(ManagerScope).where(ManagerScope.user_id == person.id)) is None
    assert client.post(f"/admin/users/{person.id}/scopes/{world['B'].id}/remove").status_code \
        == 404


def test_manager_cannot_edit_another_manager_in_scope(client, auth, world, db_session,
                                                      make_user, place):
    peer = make_user(email="peer@example.org", name="Đồng Nghiệp", roles=("manager",))
    place(peer, world["A1"])
    auth.login("manager.a@example.org")
    assert client.get(f"/admin/users/{peer.id}").status_code == 200  # visible in the subtree
    assert client.post(f"/admin/users/{peer.id}/active", data={"active": "0"}).status_code == 403
    db_session.expire_all()
    assert db_session.get(User, peer.id).is_active


def test_new_activation_link_only_for_pending_accounts(client, auth, world, db_session):
    auth.login("admin@example.org")
    person = world["person_a"]  # has a password
    assert client.post(f"/admin/users/{person.id}/activation").status_code == 400
    person.password_hash = None
    db_session.commit()
    page = client.post(f"/admin/users/{person.id}/activation").get_data(as_text=True)
    assert "/activate/" in page


def test_vietnamese_labels_keep_their_own_meaning(client, auth, world):
    # "People", "Name", "Kind" and "Who" mean other things in the reports; contexts keep them
    # apart in the merged catalogue (before, the reports' words showed here).
    auth.login("admin@example.org")
    users = client.get("/admin/users?lang=vi").get_data(as_text=True)
    assert "<h1>Người dùng</h1>" in users and '<th scope="col">Họ và tên</th>' in users
    assert '<label for="kind">Đối tượng</label>' in users
    new_unit = client.get("/admin/orgs/new").get_data(as_text=True)
    assert '<label for="name">Tên</label>' in new_unit
    assignments = client.get("/admin/assignments").get_data(as_text=True)
    assert '<th scope="col">Đối tượng</th>' in assignments
    assert '<th scope="col" class="num">Số người</th>' in assignments
