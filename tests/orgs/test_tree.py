"""Tree services: create, rename, move (one UPDATE), subtree by path, (de)activation, forest."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from learn.orgs import tree
from learn.orgs.errors import OrgError
from learn.orgs.models import OrgUnit
from learn.orgs.scope import Scope


@pytest.fixture
def province(db_session):
    """P > {A > {A1, A2 > A2x}, B > B1}, built with the services."""
    s = db_session
    p = tree.create_unit(s, "P", "Tỉnh Demo", "province")
    a = tree.create_unit(s, "A", "Huyện An Phú", "district", p)
    b = tree.create_unit(s, "B", "Huyện Bình Sơn", "district", p)
    a1 = tree.create_unit(s, "A1", "Xã Tân Lập", "commune", a)
    a2 = tree.create_unit(s, "A2", "Xã Hòa An", "commune", a)
    a2x = tree.create_unit(s, "A2X", "Thôn Đông", "other", a2)
    b1 = tree.create_unit(s, "B1", "Xã Hòa Bình", "commune", b)
    s.commit()
    return {u.code: u for u in (p, a, b, a1, a2, a2x, b1)}


def _codes(units) -> set[str]:
    return {u.code for u in units}


def test_create_sets_path_and_depth(province):
    p, a, a2x = province["P"], province["A"], province["A2X"]
    assert p.path == f"/{p.id}/" and p.depth == 0 and p.parent_id is None
    assert a.path == f"/{p.id}/{a.id}/" and a.depth == 1
    assert a2x.path == f"{province['A2'].path}{a2x.id}/" and a2x.depth == 3


@pytest.mark.parametrize(
    ("code", "name", "kind", "error"),
    [
        ("", "Name", "district", "invalid_code"),
        ("has space", "Name", "district", "invalid_code"),
        ("OK", "   ", "district", "invalid_unit_name"),
        ("OK", "Name", "planet", "invalid_unit_kind"),
        ("A", "Name", "district", "code_taken"),
    ],
)
def test_create_refuses_bad_values(db_session, province, code, name, kind, error):
    with pytest.raises(OrgError) as raised:
        tree.create_unit(db_session, code, name, kind, province["P"])
    assert raised.value.code == error


def test_subtree_is_a_path_prefix_query(db_session, province):
    assert _codes(tree.subtree(db_session, province["A"])) == {"A", "A1", "A2", "A2X"}
    assert _codes(tree.subtree(db_session, province["B"])) == {"B", "B1"}


def test_subtree_prefix_does_not_match_sibling_with_longer_id(db_session, province):
    # "/1/2/" must not match "/1/23/": paths end with a slash.
    extra = [tree.create_unit(db_session, f"X{i}", f"X{i}", "other", province["P"])
             for i in range(25)]
    db_session.commit()
    a = province["A"]
    lookalikes = [u for u in extra if str(u.id).startswith(str(a.id))]
    assert lookalikes, "the test needs an id that starts with A's id"
    assert _codes(tree.subtree(db_session, a)) == {"A", "A1", "A2", "A2X"}


def test_rename(db_session, province):
    tree.update_unit(db_session, province["A1"], name="  Xã   Tân Lập Mới ", kind="commune")
    assert province["A1"].name == "Xã Tân Lập Mới"


def test_move_rewrites_subtree_in_one_update(app, db_session, province):
    a2, b, a2x = province["A2"], province["B"], province["A2X"]
    statements: list[str] = []

    def capture(conn, cursor, statement, *args):
        statements.append(statement)

    engine = db_session.get_bind()
    event.listen(engine, "before_cursor_execute", capture)
    try:
        tree.move_unit(db_session, a2, b)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    updates = [s for s in statements if s.lstrip().upper().startswith("UPDATE")]
    assert len(updates) == 1
    db_session.commit()
    db_session.expire_all()
    assert a2.parent_id == b.id
    assert a2.path == f"{b.path}{a2.id}/" and a2.depth == 2
    assert a2x.path == f"{b.path}{a2.id}/{a2x.id}/" and a2x.depth == 3
    assert _codes(tree.subtree(db_session, b)) == {"B", "B1", "A2", "A2X"}
    assert _codes(tree.subtree(db_session, province["A"])) == {"A", "A1"}


def test_move_to_root_and_back(db_session, province):
    a = province["A"]
    tree.move_unit(db_session, a, None)
    db_session.commit()
    db_session.expire_all()
    assert a.path == f"/{a.id}/" and a.depth == 0 and a.parent_id is None
    assert province["A2X"].depth == 2
    tree.move_unit(db_session, a, province["B"])
    db_session.commit()
    db_session.expire_all()
    assert province["A2X"].path.startswith(province["B"].path) and province["A2X"].depth == 4


@pytest.mark.parametrize("target", ["A", "A2", "A2X"])
def test_move_under_own_subtree_is_refused(db_session, province, target):
    before = {u.code: u.path for u in tree.subtree(db_session, province["P"])}
    with pytest.raises(OrgError) as raised:
        tree.move_unit(db_session, province["A"], province[target])
    assert raised.value.code == "move_into_own_subtree"
    assert {u.code: u.path for u in tree.subtree(db_session, province["P"])} == before


def test_deactivate_subtree_and_reactivate(db_session, province):
    changed = tree.set_unit_active(db_session, province["A"], False)
    assert changed == 4
    db_session.commit()
    assert _codes(tree.subtree(db_session, province["P"], include_inactive=False)) == {
        "P", "B", "B1",
    }
    with pytest.raises(OrgError) as raised:
        tree.set_unit_active(db_session, province["A2"], True)
    assert raised.value.code == "parent_inactive"
    with pytest.raises(OrgError):
        tree.create_unit(db_session, "NEW", "New", "commune", province["A"])
    with pytest.raises(OrgError):
        tree.move_unit(db_session, province["B1"], province["A"])
    assert tree.set_unit_active(db_session, province["A"], True) == 4
    assert all(u.is_active for u in tree.subtree(db_session, province["P"]))


def test_forest_counts_and_scope(db_session, province, make_user, place):
    place(make_user(), province["A1"])
    place(make_user(), province["A2X"])
    place(make_user(), province["B1"])
    place(make_user(), province["P"])
    [root] = tree.tree_for(db_session, Scope(everything=True))
    assert (root.unit.code, root.members, root.total) == ("P", 1, 4)
    by_code = {node.unit.code: node for _, node in tree.flatten([root])}
    assert (by_code["A"].members, by_code["A"].total) == (0, 2)
    assert [c.unit.code for c in by_code["A"].children] == ["A2", "A1"]  # by name: Hòa < Tân
    scoped = tree.tree_for(db_session, Scope(everything=False, paths=(province["A"].path,)))
    assert [n.unit.code for _, n in tree.flatten(scoped)] == ["A", "A2", "A2X", "A1"]
    assert tree.tree_for(db_session, Scope(everything=False)) == []
    assert db_session.query(OrgUnit).count() == 7
