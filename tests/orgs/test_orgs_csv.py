"""Orgs CSV: import (any order, upsert, errors per row, all or nothing), export round trip."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from learn.audit.models import AuditEvent
from learn.orgs import tree
from learn.orgs.csvfile import read_csv
from learn.orgs.errors import OrgError
from learn.orgs.models import OrgUnit
from learn.orgs.orgs_csv import apply_orgs_import, export_orgs_csv, plan_orgs_import

CHILDREN_FIRST = (
    "code,name,kind,parent_code\n"
    "XA-1,Xã Tân Lập,commune,H-1\n"
    "H-1,Huyện An Phú,district,TINH\n"
    "SO-NV,Sở Nội vụ,department,TINH\n"
    "TINH,Tỉnh Demo,province,\n"
)


def _units(session) -> dict[str, OrgUnit]:
    session.expire_all()
    return {u.code: u for u in session.scalars(select(OrgUnit))}


def _write(tmp_path, text: str, name: str = "orgs.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_import_resolves_parents_listed_after_children(runner, db_session, tmp_path):
    result = runner.invoke(["orgs", "import", str(_write(tmp_path, CHILDREN_FIRST))])
    assert result.exit_code == 0, result.output
    units = _units(db_session)
    assert set(units) == {"TINH", "H-1", "XA-1", "SO-NV"}
    assert units["XA-1"].path == f"/{units['TINH'].id}/{units['H-1'].id}/{units['XA-1'].id}/"
    assert units["XA-1"].depth == 2 and units["SO-NV"].parent_id == units["TINH"].id
    assert units["H-1"].name == "Huyện An Phú"
    assert db_session.scalar(select(AuditEvent.action)) == "orgs.import"


def test_dry_run_changes_nothing(runner, db_session, tmp_path):
    result = runner.invoke(["orgs", "import", str(_write(tmp_path, CHILDREN_FIRST)), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "4 to create" in result.output and "Dry run" in result.output
    assert _units(db_session) == {}


def test_errors_are_reported_per_row_and_nothing_is_applied(runner, db_session, tmp_path):
    text = (
        "code,name,kind,parent_code\n"
        "TINH,Tỉnh Demo,province,\n"
        "H-1,Huyện An Phú,planet,TINH\n"
        "H-2,,district,TINH\n"
        "X-1,Xã Một,commune,NOWHERE\n"
        "TINH,Again,province,\n"
        "C-1,Loop one,other,C-2\n"
        "C-2,Loop two,other,C-1\n"
    )
    result = runner.invoke(["orgs", "import", str(_write(tmp_path, text))])
    assert result.exit_code != 0
    assert "row 3: H-1: error: Unknown kind of unit “planet”." in result.output
    assert "row 4: H-2: error: Enter the unit's name" in result.output
    assert "row 5: X-1: error: Unknown parent unit code “NOWHERE”." in result.output
    assert "row 6: TINH: error: This code already appears on row 2." in result.output
    assert "row 7: C-1: error: The parent codes form a loop" in result.output
    assert "row 8: C-2: error: The parent codes form a loop" in result.output
    assert "nothing was changed" in result.output
    assert _units(db_session) == {}


def test_upsert_updates_and_moves_and_reports_unchanged(db_session):
    p = tree.create_unit(db_session, "TINH", "Tỉnh Demo", "province")
    a = tree.create_unit(db_session, "A", "Huyện A", "district", p)
    b = tree.create_unit(db_session, "B", "Huyện B", "district", p)
    tree.create_unit(db_session, "A1", "Xã A1", "commune", a)
    db_session.commit()
    text = (
        "code;name;kind;parent_code\n"  # semicolons, as Excel writes in Vietnamese locales
        "TINH;Tỉnh Demo;province;\n"
        "A1;Xã A Một;commune;B\n"
        "A;Huyện A;district;A1\n"  # A goes under its former child, which moves out first
    )
    plan = plan_orgs_import(db_session, read_csv(text.encode()))
    assert plan.ok, [(r.number, r.errors) for r in plan.rows]
    assert [(r.code, r.status) for r in plan.rows] == [
        ("TINH", "unchanged"), ("A1", "update"), ("A", "update"),
    ]
    assert plan.rows[1].changes == ["name", "parent_code"]
    apply_orgs_import(db_session, plan)
    db_session.commit()
    units = _units(db_session)
    assert units["A1"].path == f"{b.path}{units['A1'].id}/"
    assert units["A"].path == f"{units['A1'].path}{units['A'].id}/" and units["A"].depth == 3
    assert units["A1"].name == "Xã A Một"


def test_move_creating_a_cycle_with_database_parents_is_an_error(db_session):
    p = tree.create_unit(db_session, "TINH", "Tỉnh", "province")
    a = tree.create_unit(db_session, "A", "A", "district", p)
    tree.create_unit(db_session, "A1", "A1", "commune", a)
    db_session.commit()
    plan = plan_orgs_import(db_session, read_csv(b"code,name,kind,parent_code\nA,A,district,A1\n"))
    assert not plan.ok and plan.rows[0].errors[0].code == "parent_cycle"


def test_export_then_import_round_trip(runner, db_session, tmp_path):
    runner.invoke(["orgs", "import", str(_write(tmp_path, CHILDREN_FIRST))])
    out = tmp_path / "export.csv"
    result = runner.invoke(["orgs", "export", "--output", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "code,name,kind,parent_code"
    assert lines[1] == "TINH,Tỉnh Demo,province,"
    assert lines.index("H-1,Huyện An Phú,district,TINH") < lines.index(
        "XA-1,Xã Tân Lập,commune,H-1"
    )
    again = runner.invoke(["orgs", "import", str(out)])
    assert again.exit_code == 0, again.output
    assert "0 to create, 0 to update, 4 unchanged" in again.output
    # and into an empty database, the export rebuilds the same tree
    before = {c: (u.name, u.kind, u.depth) for c, u in _units(db_session).items()}
    db_session.execute(OrgUnit.__table__.delete().where(OrgUnit.depth == 2))
    db_session.execute(OrgUnit.__table__.delete().where(OrgUnit.depth == 1))
    db_session.execute(OrgUnit.__table__.delete())
    db_session.commit()
    assert runner.invoke(["orgs", "import", str(out)]).exit_code == 0
    assert {c: (u.name, u.kind, u.depth) for c, u in _units(db_session).items()} == before


def test_export_escapes_formula_cells_and_import_restores_them(db_session):
    tree.create_unit(db_session, "F", "=HYPERLINK(1)", "other")
    db_session.commit()
    text = export_orgs_csv(db_session)
    assert "'=HYPERLINK(1)" in text
    plan = plan_orgs_import(db_session, read_csv(text.encode("utf-8")))
    assert [(r.code, r.status, r.name) for r in plan.rows] == [
        ("F", "unchanged", "=HYPERLINK(1)"),
    ]


def test_stdout_export(runner, tmp_path):
    runner.invoke(["orgs", "import", str(_write(tmp_path, CHILDREN_FIRST))])
    result = runner.invoke(["orgs", "export"])
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "code,name,kind,parent_code"
    assert len(result.output.splitlines()) == 5


def test_every_column_is_required(db_session):
    with pytest.raises(OrgError) as raised:
        plan_orgs_import(db_session, read_csv(b"code,name,kind\nA,A,district\n"))
    assert raised.value.code == "missing_columns" and raised.value.detail == "parent_code"
