"""Users CSV import: encodings, separators, preview statuses, all or nothing, scope, limits."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from learn.auth.models import ActivationToken, User
from learn.auth.services import find_activation, find_user_by_email
from learn.orgs.csvfile import read_csv
from learn.orgs.errors import OrgError
from learn.orgs.models import OrgMembership
from learn.orgs.people import membership_of
from learn.orgs.scope import Scope
from learn.orgs.users_csv import apply_users_import, parse_bool, plan_users_import

ADMIN = Scope(everything=True)
HEADER = "email,full_name,unit_code,kind,position,is_dx_specialist\n"


def _plan(session, text: str | bytes, scope: Scope = ADMIN):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return plan_users_import(session, scope, read_csv(data))


def _statuses(plan) -> list[tuple[int, str]]:
    return [(row.number, row.status) for row in plan.rows]


def _errors(plan) -> dict[int, list[str]]:
    return {row.number: [e.code for e in row.errors] for row in plan.rows if row.errors}


def _count_users(session) -> int:
    return session.scalar(select(func.count()).select_from(User))


@pytest.mark.parametrize("value", ["true", "TRUE", "1", "x", "X", "có", "Có", "co", "yes"])
def test_true_words(value):
    assert parse_bool(value) is True


@pytest.mark.parametrize("value", ["false", "0", "không", "Không", "khong", "no"])
def test_false_words(value):
    assert parse_bool(value) is False


def test_not_a_boolean():
    with pytest.raises(OrgError):
        parse_bool("maybe")


def test_bom_and_semicolons_create_people(db_session, tree):
    text = (
        "\ufeffemail;full_name;unit_code;kind;position;is_dx_specialist\r\n"
        "An.Nguyen@Example.org;Nguyễn Văn An;A1;official;Chuyên viên;có\r\n"
        "binh@example.org;Trần Thị Bình;B;cán bộ;;\r\n"
        "cuong@example.org;Lê Văn Cường;;citizen;;không\r\n"
    )
    plan = _plan(db_session, text)
    assert _statuses(plan) == [(2, "create"), (3, "create"), (4, "create")]
    created = apply_users_import(db_session, ADMIN, plan)
    db_session.commit()
    assert [a.email for a in created] == [
        "an.nguyen@example.org", "binh@example.org", "cuong@example.org",
    ]
    an = find_user_by_email(db_session, "an.nguyen@example.org")
    assert an.full_name == "Nguyễn Văn An" and an.kind == "official"
    assert an.password_hash is None and an.roles == frozenset({"learner"})
    membership = membership_of(db_session, an.id)
    assert membership.org_unit_id == tree["A1"].id
    assert membership.position == "Chuyên viên" and membership.is_dx_specialist
    assert membership_of(db_session, find_user_by_email(db_session, "cuong@example.org").id) is None
    assert all(find_activation(db_session, a.token) is not None for a in created)


def test_rerun_is_all_unchanged(db_session, tree):
    text = HEADER + "an@example.org,Nguyễn Văn An,A1,official,Chuyên viên,x\n"
    apply_users_import(db_session, ADMIN, _plan(db_session, text))
    db_session.commit()
    tokens = db_session.scalar(select(func.count()).select_from(ActivationToken))
    again = _plan(db_session, text)
    assert _statuses(again) == [(2, "unchanged")]
    assert apply_users_import(db_session, ADMIN, again) == []
    assert db_session.scalar(select(func.count()).select_from(ActivationToken)) == tokens


def test_update_lists_changed_fields_and_empty_cells_keep_values(db_session, tree):
    apply_users_import(db_session, ADMIN, _plan(
        db_session, HEADER + "an@example.org,Nguyễn Văn An,A1,official,Chuyên viên,x\n"))
    db_session.commit()
    plan = _plan(db_session, HEADER + "AN@example.org,Nguyễn Văn Ân,B1,,,\n")
    [row] = plan.rows
    assert row.status == "update" and row.changes == ["full_name", "unit"]
    apply_users_import(db_session, ADMIN, plan)
    db_session.commit()
    user = find_user_by_email(db_session, "an@example.org")
    membership = membership_of(db_session, user.id)
    assert user.full_name == "Nguyễn Văn Ân" and membership.org_unit_id == tree["B1"].id
    assert membership.position == "Chuyên viên" and membership.is_dx_specialist


def test_row_errors_with_reasons(db_session, tree, make_user):
    make_user(email="taken@example.org")
    text = HEADER + (
        "not-an-email,Người Một,A1,official,,\n"               # 2
        "two@example.org,Người Hai,NOPE,official,,\n"          # 3
        "three@example.org,Người Ba,A1,alien,,\n"              # 4
        "four@example.org,Người Bốn,A1,official,,maybe\n"      # 5
        "two@example.org,Người Hai Lần,A1,official,,\n"        # 6 duplicate of 3
        "six@example.org,,A1,official,,\n"                     # 7 no name
        "seven@example.org,Người Bảy,A1,citizen,,x\n"          # 8 citizen specialist
        "eight@example.org,Người Tám,,official,,x\n"           # 9 specialist without unit
        "taken@example.org,Nguyễn Văn An,A1,official,,\n"      # 10 fine: an update
    )
    plan = _plan(db_session, text)
    assert _errors(plan) == {
        2: ["invalid_email"],
        3: ["unknown_unit"],
        4: ["unknown_kind"],
        5: ["invalid_boolean"],
        6: ["duplicate_email_in_file"],
        7: ["invalid_user_name"],
        8: ["specialist_needs_official"],
        9: ["specialist_needs_unit"],
    }
    assert plan.rows[-1].status == "update"
    assert plan.rows[4].errors[0].detail == "3"


def test_all_or_nothing_on_one_bad_row(db_session, tree):
    text = HEADER + "ok1@example.org,Người Một,A1,,,\nbad,Người Hai,A1,,,\n"
    plan = _plan(db_session, text)
    assert not plan.ok
    with pytest.raises(OrgError):
        apply_users_import(db_session, ADMIN, plan)
    assert _count_users(db_session) == 0


def test_roles_and_passwords_are_ignored(db_session, tree):
    text = ("email,full_name,unit_code,role,password\n"
            "boss@example.org,Người Sếp,A1,admin,hunter2hunter2\n")
    plan = _plan(db_session, text)
    assert plan.ignored_columns == ("role", "password")
    assert plan.ignored_sensitive == ("role", "password")
    apply_users_import(db_session, ADMIN, plan)
    db_session.commit()
    boss = find_user_by_email(db_session, "boss@example.org")
    assert boss.roles == frozenset({"learner"}) and boss.password_hash is None


def test_size_and_row_limits(db_session):
    with pytest.raises(OrgError) as raised:
        read_csv(b"x" * 2_000_001 + b"\n" + b"y" * 200_000)
    assert raised.value.code == "file_too_large"
    many = HEADER + "".join(f"u{i}@example.org,Người {i},,,,\n" for i in range(11))
    with pytest.raises(OrgError) as raised:
        read_csv(many.encode(), max_rows=10)
    assert raised.value.code == "too_many_rows"


def test_invalid_utf8_is_refused(db_session):
    data = (HEADER + "tam@example.org,Lê Văn Tâm,,,,\n").encode("cp1258")  # Windows Vietnamese
    with pytest.raises(OrgError) as raised:
        read_csv(data)
    assert raised.value.code == "invalid_utf8"


def test_missing_required_column(db_session):
    with pytest.raises(OrgError) as raised:
        _plan(db_session, "email,unit_code\nan@example.org,A1\n")
    assert raised.value.code == "missing_columns" and raised.value.detail == "full_name"


def test_manager_scope(db_session, tree, make_user, place):
    outsider = make_user(email="outsider@example.org")
    place(outsider, tree["B1"])
    insider = make_user(email="insider@example.org")
    place(insider, tree["A1"])
    peer = make_user(email="peer@example.org", roles=("manager",))
    place(peer, tree["A1"])
    make_user(email="nounit@example.org")
    scope_a = Scope(everything=False, paths=(tree["A"].path,))
    text = HEADER + (
        "new.a@example.org,Người Mới,A1,,,\n"        # 2 create in scope
        "new.b@example.org,Người Mới B,B1,,,\n"      # 3 unit outside scope
        "new.none@example.org,Người Không Đơn Vị,,,,\n"  # 4 a manager must give a unit
        "outsider@example.org,Người Ngoài,,,,\n"     # 5 existing person outside scope
        "insider@example.org,Người Trong,B1,,,\n"    # 6 moving someone out of scope
        "insider@example.org,Người Trong,,,,\n"      # 7 duplicate row
        "peer@example.org,Quản Lý Khác,,,,\n"        # 8 managers are not the manager's to edit
        "nounit@example.org,Không Đơn Vị,A1,,,\n"    # 9 someone with no unit is nobody's
    )
    plan = _plan(db_session, text, scope_a)
    assert plan.rows[0].status == "create"
    assert _errors(plan) == {
        3: ["outside_scope"], 4: ["outside_scope"], 5: ["outside_scope"],
        6: ["outside_scope"], 7: ["duplicate_email_in_file"], 8: ["outside_scope"],
        9: ["outside_scope"],
    }


def test_cli_import_dry_run_then_apply_then_rerun(runner, db_session, tree, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(("\ufeff" + HEADER + "an@example.org,Nguyễn Văn An,A1,official,,\n"
                      "binh@example.org,Trần Thị Bình,A1,official,,\n").encode())
    dry = runner.invoke(["users", "import", str(path), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "2 to create" in dry.output and _count_users(db_session) == 0
    links = tmp_path / "links.csv"
    applied = runner.invoke(["users", "import", str(path), "--links", str(links)])
    assert applied.exit_code == 0, applied.output
    assert _count_users(db_session) == 2
    content = links.read_text(encoding="utf-8-sig").splitlines()
    assert content[0] == "email,full_name,activation_link,expires"
    assert content[1].startswith("an@example.org,Nguyễn Văn An,http://localhost/activate/")
    rerun = runner.invoke(["users", "import", str(path)])
    assert "0 to create, 0 to update, 2 unchanged" in rerun.output
    assert db_session.scalar(select(func.count()).select_from(OrgMembership)) == 2


def test_cli_import_errors_exit_non_zero(runner, db_session, tree, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(HEADER + "an@example.org,Nguyễn Văn An,NOPE,official,,\n", encoding="utf-8")
    result = runner.invoke(["users", "import", str(path)])
    assert result.exit_code != 0
    assert "row 2: an@example.org: error: Unknown unit code “NOPE”." in result.output
    assert _count_users(db_session) == 0


def test_cli_invalid_utf8(runner, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(b"email,full_name\nan@example.org,Nguy\xc3n\n")
    result = runner.invoke(["users", "import", str(path)])
    assert result.exit_code != 0 and "not UTF-8" in result.output
