"""Who may see which part of the organisation tree: administrators all of it, managers their
units' subtrees. Subtrees are matched in SQL by materialised-path prefix."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, false, or_, select, true
from sqlalchemy.orm import Session

from learn.orgs.models import ManagerScope, OrgUnit


@dataclass(frozen=True)
class Scope:
    """The part of the tree a user may see: everything, or the subtrees under some paths."""

    everything: bool
    paths: tuple[str, ...] = ()

    def covers_path(self, path: str) -> bool:
        """True when a unit with this materialised path lies inside the scope."""
        return self.everything or any(path.startswith(p) for p in self.paths)

    def unit_filter(self, path_column) -> ColumnElement[bool]:
        """A SQL condition on a materialised-path column that keeps what the scope covers."""
        if self.everything:
            return true()
        if not self.paths:
            return false()
        return or_(*(path_column.startswith(p, autoescape=True) for p in self.paths))


def scope_for(session: Session, user) -> Scope:
    """The reporting scope of a user: admins see all, managers their subtrees, others nothing."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Scope(everything=False)
    if user.has_role("admin"):
        return Scope(everything=True)
    if not user.has_role("manager"):
        return Scope(everything=False)
    paths = session.scalars(
        select(OrgUnit.path)
        .join(ManagerScope, ManagerScope.org_unit_id == OrgUnit.id)
        .where(ManagerScope.user_id == user.id)
    ).all()
    # A path inside another one adds nothing; keep the outermost.
    outer = [p for p in sorted(paths, key=len) if not any(p.startswith(q) for q in paths if q != p)]
    return Scope(everything=False, paths=tuple(outer))
