"""The tree pages: browse with counts; administrators create, rename, move, deactivate."""

from __future__ import annotations

from sqlalchemy import select

from learn.orgs.models import OrgUnit


def test_admin_browses_the_whole_tree_with_counts(client, auth, world):
    auth.login("admin@example.org")
    html = client.get("/admin/orgs").get_data(as_text=True)
    for name in ("Tỉnh Demo", "Huyện An Phú", "Huyện Bình Sơn", "Xã Tân Lập", "Xã Hòa Bình"):
        assert name in html
    assert html.index("Huyện An Phú") < html.index("Xã Tân Lập") < html.index("Huyện Bình Sơn")
    assert "/admin/orgs/new" in html


def test_manager_browses_their_subtree_read_only(client, auth, world):
    auth.login("manager.a@example.org")
    html = client.get("/admin/orgs").get_data(as_text=True)
    assert "Huyện An Phú" in html and "Xã Tân Lập" in html
    assert "Bình Sơn" not in html and "Hòa Bình" not in html and "Tỉnh Demo" not in html
    assert "/admin/orgs/new" not in html
    unit_page = client.get(f"/admin/orgs/{world['A'].id}").get_data(as_text=True)
    assert "csrf_token" not in unit_page.split("</header>", 1)[1].split("<footer", 1)[0]
    assert client.get(f"/admin/orgs/{world['B'].id}").status_code == 404
    assert client.get(f"/admin/orgs/{world['P'].id}").status_code == 404


def test_admin_creates_renames_moves_and_deactivates(client, auth, world, db_session):
    auth.login("admin@example.org")
    response = client.post("/admin/orgs/new", data={
        "code": "XA-MOI", "name": "Xã Mới", "kind": "commune", "parent": str(world["A"].id),
    })
    assert response.status_code == 302
    unit = db_session.scalar(select(OrgUnit).where(OrgUnit.code == "XA-MOI"))
    assert unit.path == f"{world['A'].path}{unit.id}/"
    taken = client.post("/admin/orgs/new", data={
        "code": "XA-MOI", "name": "Again", "kind": "commune", "parent": "",
    })
    assert taken.status_code == 200 and "XA-MOI" in taken.get_data(as_text=True)

    assert client.post(f"/admin/orgs/{unit.id}/edit",
                       data={"name": "Xã Mới Đổi Tên", "kind": "commune"}).status_code == 302
    assert client.post(f"/admin/orgs/{unit.id}/move",
                       data={"parent": str(world["B"].id)}).status_code == 302
    db_session.expire_all()
    unit = db_session.get(OrgUnit, unit.id)
    assert unit.name == "Xã Mới Đổi Tên" and unit.path == f"{world['B'].path}{unit.id}/"

    # a unit cannot go under its own descendant: the option is not even offered
    bad = client.post(f"/admin/orgs/{world['A'].id}/move", data={"parent": str(world["A1"].id)})
    assert bad.status_code == 400
    db_session.expire_all()
    assert db_session.get(OrgUnit, world["A"].id).parent_id == world["P"].id

    assert client.post(f"/admin/orgs/{world['A'].id}/active",
                       data={"active": "0"}).status_code == 302
    db_session.expire_all()
    assert not db_session.get(OrgUnit, world["A1"].id).is_active
    assert client.post(f"/admin/orgs/{world['A'].id}/active",
                       data={"active": "1"}).status_code == 302
    db_session.expire_all()
    assert db_session.get(OrgUnit, world["A1"].id).is_active


def test_managers_cannot_change_the_tree(client, auth, world, db_session):
    auth.login("manager.a@example.org")
    a = world["A"].id
    assert client.post("/admin/orgs/new", data={"code": "X", "name": "X", "kind": "other",
                                                "parent": str(a)}).status_code == 403
    assert client.post(f"/admin/orgs/{a}/edit", data={"name": "X", "kind": "other"}).status_code \
        == 403
    assert client.post(f"/admin/orgs/{a}/active", data={"active": "0"}).status_code == 403
    db_session.expire_all()
    assert db_session.get(OrgUnit, a).name == "Huyện An Phú"
