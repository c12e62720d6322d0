"""Learner pages send a fixed number of SQL statements, whatever the size of the course."""

from __future__ import annotations

from learn.db import engine_for
from learn.learning.completion import mark_unit_done
from tests.conftest import counting_statements
from tests.learning.factory import UnitSpec


def _statements(app, client, path: str) -> int:
    client.get(path)  # the first visit records progress and reads the outline
    with counting_statements(engine_for(app)) as statements:
        assert client.get(path).status_code == 200
    return len(statements)


def test_unit_page_statements_do_not_grow_with_the_course(app, client, auth, make_user,
                                                          courses, db_session):
    user = make_user(email="hv@example.org")
    courses.course("nho", "Khoá nhỏ", units=[
        UnitSpec("a", "A"), UnitSpec("b", "B"), UnitSpec("q", "Q", quiz=True)])
    big = courses.course("lon", "Khoá lớn", units=[
        *(UnitSpec(f"u{i}", f"U{i}", quiz=i % 3 == 0) for i in range(1, 25)),
        UnitSpec("q", "Q", quiz=True)])
    for unit in big.units[:12]:
        if unit.quiz is None:
            mark_unit_done(db_session, user.id, unit)
    db_session.commit()
    auth.login("hv@example.org")

    counts = {
        path: _statements(app, client, path)
        for path in ("/courses/nho/units/q", "/courses/lon/units/q",
                     "/courses/nho/units/a", "/courses/lon/units/u1",
                     "/courses/nho", "/courses/lon", "/courses/", "/me")
    }
    # Unit page: session and user, course with the learner's progress, the learner's records,
    # quiz attempts in figures; the outline and the unit's HTML come from memory.
    assert counts["/courses/nho/units/q"] == counts["/courses/lon/units/q"] <= 4
    assert counts["/courses/nho/units/a"] == counts["/courses/lon/units/u1"] <= 3
    assert counts["/courses/nho"] == counts["/courses/lon"] <= 5
    assert counts["/courses/"] <= 4 and counts["/me"] <= 9
