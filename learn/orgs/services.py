"""Public entry points of the orgs feature for other features (learning, reports).

- assigned_courses(session, user_id) -> list[AssignedCourse]: a learner's assigned courses.
- scope_for(session, user) -> Scope: what part of the tree a user may see.
- in_subtree(path_column, path): SQL condition for "inside the subtree rooted at path".
- subtree(session, unit), tree_for(session, scope): units of a subtree / the scoped forest.
- assignment_counts(session, scope, ids, today): covered / completed / overdue per assignment.
"""

from learn.orgs.assignment_admin import AssignmentCounts, assignment_counts
from learn.orgs.assignments import AssignedCourse, assigned_courses
from learn.orgs.scope import Scope, scope_for
from learn.orgs.tree import in_subtree, subtree, tree_for

__all__ = [
    "AssignedCourse",
    "AssignmentCounts",
    "Scope",
    "assigned_courses",
    "assignment_counts",
    "in_subtree",
    "scope_for",
    "subtree",
    "tree_for",
]
