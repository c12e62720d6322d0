"""Public entry points of the orgs feature used by other features."""

from learn.orgs.assignments import AssignedCourse, assigned_courses

__all__ = ["AssignedCourse", "assigned_courses"]
