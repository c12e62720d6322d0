"""Who may find, open and study a course: audience by kind of user, drafts for staff."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from learn.courses.models import Course

STAFF_ROLES = ("trainer", "admin")
# Officials see courses for officials and DX specialists; citizens those for citizens and
# businesses. A course with no audience is for everyone.
KIND_AUDIENCES: dict[str, frozenset[str]] = {
    "official": frozenset({"official", "specialist"}),
    "citizen": frozenset({"citizen", "business"}),
}
AUDIENCES = ("official", "specialist", "citizen", "business")


@dataclass(frozen=True)
class Viewer:
    """The person looking at the catalogue: anonymous, a learner of some kind, or staff."""

    user_id: int | None = None
    kind: str | None = None
    staff: bool = False

    @property
    def signed_in(self) -> bool:
        """True for a signed-in user."""
        return self.user_id is not None

    @classmethod
    def of(cls, user) -> Viewer:
        """The viewer for a Flask-Login user (anonymous or a User)."""
        if user is None or not getattr(user, "is_authenticated", False):
            return cls()
        return cls(user_id=user.id, kind=user.kind, staff=user.has_role(*STAFF_ROLES))


def fits_audience(kind: str | None, audience: Iterable[str]) -> bool:
    """True when a learner of this kind is in the course's audience."""
    wanted = set(audience or ())
    if not wanted:
        return True
    return bool(wanted & KIND_AUDIENCES.get(kind or "", frozenset()))


def is_public(course: Course) -> bool:
    """Published: neither a draft nor retired."""
    return not course.draft and course.retired_at is None


def listed_for(viewer: Viewer, course: Course) -> bool:
    """Whether the course appears in this viewer's catalogue."""
    if course.retired_at is not None:
        return False
    if viewer.staff:
        return True
    if course.draft:
        return False
    if not viewer.signed_in:
        return True  # the public catalogue
    return fits_audience(viewer.kind, course.audience)


def may_view_overview(viewer: Viewer, course: Course) -> bool:
    """Whether the course page (overview and unit list) may be shown."""
    if course.retired_at is not None:
        return False
    return viewer.staff or not course.draft


def may_study(viewer: Viewer, course: Course, assigned_course_ids: Iterable[int] = ()) -> bool:
    """Whether the viewer may open units and complete them (assignment overrides audience)."""
    if not viewer.signed_in or not may_view_overview(viewer, course):
        return False
    if viewer.staff or fits_audience(viewer.kind, course.audience):
        return True
    return course.id in set(assigned_course_ids)
