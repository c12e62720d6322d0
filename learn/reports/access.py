"""Who may read which report: deny by default.

Administrators see the whole tree; managers the subtrees of their ManagerScope units;
trainers the course and item reports of the courses that list them among the authors.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort
from sqlalchemy.orm import Session

from learn.courses.models import Course
from learn.orgs.scope import Scope, scope_for


@dataclass(frozen=True)
class Viewer:
    """The signed-in user as far as reports are concerned."""

    user_id: int | None
    email: str
    is_admin: bool
    is_manager: bool
    is_trainer: bool
    scope: Scope

    @property
    def may_see_organisation(self) -> bool:
        """Organisation, people and indicator reports: administrators and managers."""
        return self.is_admin or self.is_manager

    @property
    def may_see_reports(self) -> bool:
        """True when any report is open to this user (the "Reports" link)."""
        return self.is_admin or self.is_manager or self.is_trainer

    def authored(self, course: Course) -> bool:
        """True when the course lists this user among its authors."""
        if not self.is_trainer or not self.email:
            return False
        return any(self.email == str(a).strip().casefold() for a in (course.authors or []))

    def course_scope(self, course: Course) -> Scope | None:
        """The population whose data the course report may show, or None (no access).

        A trainer sees the whole population of their own course: the course report holds
        only counts, never a person's name.
        """
        if self.is_admin or self.authored(course):
            return Scope(everything=True)
        if self.is_manager:
            return self.scope
        return None

    def may_see_items(self, course: Course) -> bool:
        """Quiz item analysis: administrators and the course's own trainers."""
        return self.is_admin or self.authored(course)


def viewer_for(session: Session, user) -> Viewer:
    """The reporting rights of a user (anonymous users have none)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Viewer(None, "", False, False, False, Scope(everything=False))
    return Viewer(
        user_id=user.id,
        email=(user.email or "").strip().casefold(),
        is_admin=user.has_role("admin"),
        is_manager=user.has_role("manager"),
        is_trainer=user.has_role("trainer"),
        scope=scope_for(session, user),
    )


def require_organisation(viewer: Viewer) -> None:
    """Abort with 403 unless the viewer may read organisation reports."""
    if not viewer.may_see_organisation:
        abort(403)


def require_course_scope(viewer: Viewer, course: Course) -> Scope:
    """The viewer's scope for a course report, or abort with 403."""
    scope = viewer.course_scope(course)
    if scope is None:
        abort(403)
    return scope


def require_items(viewer: Viewer, course: Course) -> None:
    """Abort with 403 unless the viewer may read the course's item analysis."""
    if not viewer.may_see_items(course):
        abort(403)
