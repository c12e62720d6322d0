"""Importing and exporting the organisation tree as CSV: code,name,kind,parent_code.

An import is planned first (every row checked, parents resolved whatever their order in the
file), then applied all at once, parents before children; any error and nothing is applied.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from learn.orgs import tree
from learn.orgs.csv_import import ImportPlan, RowPlan, check_columns, mark_errors, note_first
from learn.orgs.csvfile import CsvTable, write_csv
from learn.orgs.errors import OrgError
from learn.orgs.models import OrgUnit
from learn.orgs.scope import Scope

ORG_COLUMNS = ("code", "name", "kind", "parent_code")


@dataclass
class OrgRowPlan(RowPlan):
    """One row of an orgs file: the unit it describes and its depth in the final tree."""

    code: str
    name: str = ""
    kind: str = ""
    parent_code: str = ""
    depth: int = 0


class OrgImportPlan(ImportPlan[OrgRowPlan]):
    """The plan of a whole orgs file."""


def _check_row(row, plan: OrgRowPlan) -> None:
    for check, attr in ((tree.clean_code, "code"), (tree.clean_name, "name"),
                        (tree.clean_kind, "kind")):
        try:
            setattr(plan, attr, check(getattr(plan, attr)))
        except OrgError as error:
            plan.errors.append(error)


def plan_orgs_import(session: Session, table: CsvTable) -> OrgImportPlan:
    """Check every row of an orgs CSV against the file and the database."""
    # parent_code is required too: without the column every unit would become a root.
    ignored = check_columns(table, ORG_COLUMNS, ORG_COLUMNS)
    existing = {u.code: u for u in session.scalars(select(OrgUnit))}
    by_id = {u.id: u for u in existing.values()}
    plans: list[OrgRowPlan] = []
    seen: dict[str, OrgRowPlan] = {}
    file_codes = {row.get("code") for row in table.rows}
    for row in table.rows:
        plan = OrgRowPlan(
            row.number, row.get("code"), row.get("name"), row.get("kind").lower(),
            row.get("parent_code"),
        )
        _check_row(row, plan)
        note_first(seen, plan.code, plan, "duplicate_code_in_file")
        if plan.parent_code and plan.parent_code == plan.code:
            plan.errors.append(OrgError("move_into_own_subtree", plan.code))
        elif plan.parent_code and plan.parent_code not in file_codes | existing.keys():
            plan.errors.append(OrgError("unknown_parent", plan.parent_code))
        plans.append(plan)

    def final_parent(code: str) -> str:
        if code in seen:
            return seen[code].parent_code
        unit = existing.get(code)
        parent = by_id.get(unit.parent_id) if unit and unit.parent_id else None
        return parent.code if parent else ""

    for plan in plans:
        if plan.errors:
            continue
        chain, code = {plan.code}, final_parent(plan.code)
        while code:
            if code in chain:
                plan.errors.append(OrgError("parent_cycle", plan.parent_code))
                break
            chain.add(code)
            code = final_parent(code)
        plan.depth = len(chain) - 1
        parent_unit = existing.get(plan.parent_code)
        if plan.parent_code not in seen and parent_unit is not None and not parent_unit.is_active:
            plan.errors.append(OrgError("parent_inactive", plan.parent_code))
        _set_status(plan, existing.get(plan.code), by_id)
    mark_errors(plans)
    return OrgImportPlan(plans, ignored)


def _set_status(plan: OrgRowPlan, unit: OrgUnit | None, by_id: dict[int, OrgUnit]) -> None:
    if unit is None:
        plan.status = "create"
        return
    parent = by_id.get(unit.parent_id) if unit.parent_id else None
    current = {"name": unit.name, "kind": unit.kind, "parent_code": parent.code if parent else ""}
    plan.set_changes([key for key, value in current.items() if getattr(plan, key) != value])


def apply_orgs_import(session: Session, plan: OrgImportPlan) -> None:
    """Apply a plan without errors, parents first (the caller's transaction makes it atomic)."""
    if not plan.ok:
        raise OrgError("import_has_errors")
    for row in sorted(plan.rows, key=lambda r: r.depth):
        if row.status == "unchanged":
            continue
        parent = tree.find_unit_by_code(session, row.parent_code) if row.parent_code else None
        unit = tree.find_unit_by_code(session, row.code)
        if unit is None:
            tree.create_unit(session, row.code, row.name, row.kind, parent)
            continue
        tree.update_unit(session, unit, name=row.name, kind=row.kind)
        tree.move_unit(session, unit, parent)


def export_orgs_csv(session: Session, scope: Scope | None = None) -> str:
    """The tree (or a scope of it) as CSV, parents before children, UTF-8 with BOM."""
    forest = tree.tree_for(session, scope or Scope(everything=True))
    codes = dict(session.execute(select(OrgUnit.id, OrgUnit.code)).all())
    rows = [
        (n.unit.code, n.unit.name, n.unit.kind, codes.get(n.unit.parent_id, ""))
        for _, n in tree.flatten(forest)
    ]
    return write_csv(ORG_COLUMNS, rows, bom=True)
