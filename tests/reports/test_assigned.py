"""The reports' assigned pairs agree with the orgs feature's assigned_courses for everyone."""

from __future__ import annotations

from sqlalchemy import true

from learn.orgs.services import assigned_courses
from learn.reports.assigned import PairFilter, assigned_pairs


def test_pairs_match_assigned_courses_of_each_learner(db_session, province):
    pairs = db_session.execute(assigned_pairs(lambda _path: true(), PairFilter())).all()
    by_user: dict[int, set] = {}
    for user_id, _unit_id, course_id, due in pairs:
        by_user.setdefault(user_id, set()).add((course_id, due))
    assert len(pairs) == sum(len(v) for v in by_user.values())  # one row per pair
    for key, person in province.people.items():
        expected = {(a.course_id, a.due_date) for a in assigned_courses(db_session, person.id)}
        if not person.is_active:
            expected = set()  # reports count active accounts only
        assert by_user.get(person.id, set()) == expected, key
