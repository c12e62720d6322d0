"""The organisation tree: creating, renaming, moving and (de)activating units.

Subtrees are found in SQL by materialised-path prefix; a move rewrites the paths of the whole
subtree in one UPDATE.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, String, case, func, literal, select, update
from sqlalchemy.orm import Session

from learn.orgs.errors import OrgError
from learn.orgs.models import UNIT_KINDS, OrgMembership, OrgUnit
from learn.orgs.scope import Scope

CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$")
MAX_NAME = 300


def clean_code(code: str) -> str:
    """A unit code trimmed, or OrgError("invalid_code")."""
    code = (code or "").strip()
    if not CODE_RE.match(code):
        raise OrgError("invalid_code", code)
    return code


def clean_name(name: str) -> str:
    """A unit name in NFC with single spaces, or OrgError("invalid_name")."""
    name = " ".join(unicodedata.normalize("NFC", name or "").split())
    if not name or len(name) > MAX_NAME:
        raise OrgError("invalid_unit_name")
    return name


def clean_kind(kind: str) -> str:
    """A unit kind from UNIT_KINDS, or OrgError("invalid_unit_kind")."""
    kind = (kind or "").strip().lower()
    if kind not in UNIT_KINDS:
        raise OrgError("invalid_unit_kind", kind)
    return kind


def in_subtree(path_column, path: str) -> ColumnElement[bool]:
    """SQL: the unit with this path column lies in the subtree whose root has `path`."""
    return path_column.startswith(path, autoescape=True)


def find_unit_by_code(session: Session, code: str) -> OrgUnit | None:
    """The unit with this code (exact), or None."""
    return session.scalar(select(OrgUnit).where(OrgUnit.code == (code or "").strip()))


def subtree(session: Session, unit: OrgUnit, *, include_inactive: bool = True) -> list[OrgUnit]:
    """The unit and all its descendants, in path order (one query)."""
    stmt = select(OrgUnit).where(in_subtree(OrgUnit.path, unit.path)).order_by(OrgUnit.path)
    if not include_inactive:
        stmt = stmt.where(OrgUnit.is_active.is_(True))
    return list(session.scalars(stmt))


def create_unit(
    session: Session, code: str, name: str, kind: str, parent: OrgUnit | None = None
) -> OrgUnit:
    """Create a unit under a parent (None: a root); the code must be unused."""
    code, name, kind = clean_code(code), clean_name(name), clean_kind(kind)
    if find_unit_by_code(session, code) is not None:
        raise OrgError("code_taken", code)
    if parent is not None and not parent.is_active:
        raise OrgError("parent_inactive", parent.code)
    unit = OrgUnit(code=code, name=name, kind=kind, parent_id=parent.id if parent else None)
    session.add(unit)
    session.flush()  # the id is part of the path
    unit.path = (parent.path if parent else "/") + f"{unit.id}/"
    unit.depth = parent.depth + 1 if parent else 0
    session.flush()
    return unit


def update_unit(session: Session, unit: OrgUnit, *, name: str, kind: str) -> None:
    """Rename a unit and/or change its kind."""
    unit.name = clean_name(name)
    unit.kind = clean_kind(kind)
    session.flush()


def move_unit(session: Session, unit: OrgUnit, new_parent: OrgUnit | None) -> None:
    """Re-parent a unit; its whole subtree's paths and depths change in one UPDATE."""
    if new_parent is not None:
        if new_parent.path.startswith(unit.path):
            raise OrgError("move_into_own_subtree", new_parent.code)
        if not new_parent.is_active:
            raise OrgError("parent_inactive", new_parent.code)
    new_parent_id = new_parent.id if new_parent else None
    if unit.parent_id == new_parent_id:
        return
    old_path = unit.path
    new_path = (new_parent.path if new_parent else "/") + f"{unit.id}/"
    delta = (new_parent.depth + 1 if new_parent else 0) - unit.depth
    session.flush()
    # Prefix replacement: new prefix + the rest of the path after the old prefix.
    session.execute(
        update(OrgUnit)
        .where(in_subtree(OrgUnit.path, old_path))
        .values(
            path=literal(new_path, String) + func.substr(OrgUnit.path, len(old_path) + 1),
            depth=OrgUnit.depth + delta,
            parent_id=case((OrgUnit.id == unit.id, new_parent_id), else_=OrgUnit.parent_id),
        )
        .execution_options(synchronize_session="fetch")
    )
    session.flush()


def set_unit_active(session: Session, unit: OrgUnit, active: bool) -> int:
    """Deactivate a unit with its subtree, or reactivate them; returns how many changed."""
    if active and unit.parent_id is not None:
        parent = session.get(OrgUnit, unit.parent_id)
        if parent is not None and not parent.is_active:
            raise OrgError("parent_inactive", parent.code)
    result = session.execute(
        update(OrgUnit)
        .where(in_subtree(OrgUnit.path, unit.path), OrgUnit.is_active.is_(not active))
        .values(is_active=active)
        .execution_options(synchronize_session="fetch")
    )
    session.flush()
    return result.rowcount or 0


@dataclass
class TreeNode:
    """A unit with its children and people counts, for display."""

    unit: OrgUnit
    members: int = 0
    total: int = 0
    children: list[TreeNode] = field(default_factory=list)


def units_in_scope(session: Session, scope: Scope, *, include_inactive: bool = True):
    """The units a scope covers, in path order (one query)."""
    stmt = select(OrgUnit).where(scope.unit_filter(OrgUnit.path)).order_by(OrgUnit.path)
    if not include_inactive:
        stmt = stmt.where(OrgUnit.is_active.is_(True))
    return list(session.scalars(stmt))


def tree_for(
    session: Session, scope: Scope, *, include_inactive: bool = True, counts: bool = True
) -> list[TreeNode]:
    """The forest of units the scope covers, children sorted by name, with member counts
    (counts=False skips counting, for selects)."""
    units = units_in_scope(session, scope, include_inactive=include_inactive)
    members = dict(
        session.execute(
            select(OrgMembership.org_unit_id, func.count())
            .join(OrgUnit, OrgUnit.id == OrgMembership.org_unit_id)
            .where(scope.unit_filter(OrgUnit.path))
            .group_by(OrgMembership.org_unit_id)
        ).all()
    ) if counts else {}
    nodes = {u.id: TreeNode(u, members=members.get(u.id, 0)) for u in units}
    roots: list[TreeNode] = []
    for unit in units:
        node = nodes[unit.id]
        parent = nodes.get(unit.parent_id) if unit.parent_id is not None else None
        (parent.children if parent else roots).append(node)
    # Deepest first, so each child's total is final before its parent adds it.
    for unit in sorted(units, key=lambda u: u.depth, reverse=True):
        node = nodes[unit.id]
        node.total = node.members + sum(child.total for child in node.children)
        node.children.sort(key=lambda n: n.unit.name)
    roots.sort(key=lambda n: n.unit.name)
    return roots


def flatten(forest: list[TreeNode]) -> list[tuple[int, TreeNode]]:
    """The nodes of a forest depth-first with their level (for selects and exports)."""
    out: list[tuple[int, TreeNode]] = []

    def walk(nodes: list[TreeNode], level: int) -> None:
        for node in nodes:
            out.append((level, node))
            walk(node.children, level + 1)

    walk(forest, 0)
    return out
