"""Completion records: idempotent, concurrent-safe, course completion and certificate."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import event, func, select

from learn.certificates.models import Certificate
from learn.courses.models import Unit
from learn.db import session_factory, utcnow
from learn.learning import completion
from learn.learning.completion import mark_unit_done, record_unit_completion
from learn.learning.models import CourseCompletion, CourseProgress, UnitCompletion
from tests.learning.factory import UnitSpec


def count(session, model, **where) -> int:
    """Rows of a model matching column values."""
    statement = select(func.count()).select_from(model)
    for name, value in where.items():
        statement = statement.where(getattr(model, name) == value)
    return session.scalar(statement)


def units_of(course) -> dict[str, Unit]:
    """The course's units by slug."""
    return {u.slug: u for u in course.units}


def test_mark_done_records_once_with_unit_version(db_session, make_user, security_course):
    user = make_user()
    unit = units_of(security_course)["mat-khau"]
    unit.version = 3
    db_session.commit()
    first = mark_unit_done(db_session, user.id, unit)
    second = mark_unit_done(db_session, user.id, unit)
    db_session.commit()
    assert first.id == second.id
    assert (first.method, first.unit_version, first.course_id) == ("marked", 3, unit.course_id)
    assert count(db_session, UnitCompletion, user_id=user.id) == 1


def test_mark_done_refuses_a_unit_with_a_quiz(db_session, make_user, security_course):
    user = make_user()
    with pytest.raises(ValueError, match="quiz"):
        mark_unit_done(db_session, user.id, units_of(security_course)["kiem-tra"])
    assert count(db_session, UnitCompletion) == 0


def test_mark_done_refuses_a_retired_unit(db_session, make_user, security_course):
    user = make_user()
    unit = units_of(security_course)["mat-khau"]
    unit.retired_at = utcnow()
    db_session.commit()
    with pytest.raises(ValueError):
        mark_unit_done(db_session, user.id, unit)


def test_unknown_method_is_refused(db_session, make_user, security_course):
    user = make_user()
    with pytest.raises(ValueError):
        record_unit_completion(db_session, user.id, security_course.units[0], method="guess")


def test_quiz_completion_keeps_the_attempt(db_session, make_user, security_course):
    from learn.learning.unit_quizzes import active_quiz
    from learn.quiz.models import QuizAttempt

    user = make_user()
    unit = units_of(security_course)["kiem-tra"]
    attempt = QuizAttempt(user_id=user.id, quiz_id=active_quiz(db_session, unit).id, number=1,
                          quiz_version=1, pass_mark=80, status="submitted", score=90,
                          passed=True)
    db_session.add(attempt)
    db_session.flush()
    row = record_unit_completion(db_session, user.id, unit, method="quiz", attempt_id=attempt.id)
    db_session.commit()
    assert (row.method, row.attempt_id) == ("quiz", attempt.id)


def test_course_completion_and_certificate_when_all_required_done(
    db_session, make_user, security_course
):
    user = make_user(name="Trần Thị Bình")
    units = units_of(security_course)
    mark_unit_done(db_session, user.id, units["mat-khau"])
    mark_unit_done(db_session, user.id, units["xac-thuc-hai-lop"])
    assert count(db_session, CourseCompletion) == 0
    assert count(db_session, Certificate) == 0
    record_unit_completion(db_session, user.id, units["kiem-tra"], method="quiz")
    db_session.commit()
    done = db_session.scalar(select(CourseCompletion))
    assert (done.user_id, done.course_id, done.course_version) == (user.id, security_course.id, 1)
    certificate = db_session.scalar(select(Certificate))
    assert certificate.learner_name == "Trần Thị Bình"
    assert certificate.course_title == "An toàn thông tin cho cán bộ"
    assert certificate.competences == ["4.1", "4.2", "1.2"]
    # Further calls change nothing.
    record_unit_completion(db_session, user.id, units["kiem-tra"], method="quiz")
    db_session.commit()
    assert count(db_session, CourseCompletion) == 1
    assert count(db_session, Certificate) == 1


def test_optional_units_are_not_needed(db_session, make_user, courses):
    course = courses.course("c", "C", units=[UnitSpec("a", "A"),
                                             UnitSpec("b", "B", required=False)])
    user = make_user()
    mark_unit_done(db_session, user.id, units_of(course)["a"])
    db_session.commit()
    assert count(db_session, CourseCompletion, user_id=user.id) == 1
    # No certificate: the course does not award one.
    assert count(db_session, Certificate) == 0


def test_retired_required_unit_is_not_needed(db_session, make_user, courses):
    course = courses.course("c", "C", units=[UnitSpec("a", "A"), UnitSpec("b", "B")])
    units_of(course)["b"].retired_at = utcnow()
    db_session.commit()
    user = make_user()
    mark_unit_done(db_session, user.id, units_of(course)["a"])
    db_session.commit()
    assert count(db_session, CourseCompletion, user_id=user.id) == 1


def test_draft_course_records_units_but_no_course_completion(db_session, make_user, courses):
    course = courses.course("nhap", "Nháp", draft=True, certificate=True,
                            units=[UnitSpec("a", "A")])
    user = make_user(roles=("trainer",))
    mark_unit_done(db_session, user.id, units_of(course)["a"])
    db_session.commit()
    assert count(db_session, UnitCompletion) == 1
    assert count(db_session, CourseCompletion) == 0
    assert count(db_session, Certificate) == 0


def test_completion_updates_progress_activity(db_session, make_user, security_course):
    user = make_user()
    mark_unit_done(db_session, user.id, units_of(security_course)["mat-khau"])
    db_session.commit()
    progress = db_session.scalar(select(CourseProgress))
    assert (progress.user_id, progress.course_id) == (user.id, security_course.id)
    assert progress.last_activity_at is not None


def test_learners_are_independent(db_session, make_user, courses):
    course = courses.course("c", "C", units=[UnitSpec("a", "A")])
    one, two = make_user(), make_user()
    mark_unit_done(db_session, one.id, units_of(course)["a"])
    db_session.commit()
    assert count(db_session, CourseCompletion, user_id=one.id) == 1
    assert count(db_session, CourseCompletion, user_id=two.id) == 0


def test_a_row_committed_by_someone_else_after_the_check_is_returned(
    app, db_session, make_user, security_course, monkeypatch
):
    """The race window: our look-up found nothing, then another request inserted the row."""
    user = make_user()
    unit = units_of(security_course)["mat-khau"]
    theirs = mark_unit_done(db_session, user.id, unit)
    db_session.commit()
    original = completion._find_unit_completion
    calls = []

    def blind_first_time(session, user_id, unit_id):
        find = original(session, user_id, unit_id)

        def lookup():
            calls.append(1)
            return None if len(calls) == 1 else find()

        return lookup

    monkeypatch.setattr(completion, "_find_unit_completion", blind_first_time)
    other = session_factory(app)()
    try:
        row = record_unit_completion(other, user.id, other.get(Unit, unit.id), method="marked")
        other.commit()
        assert row.id == theirs.id
        assert len(calls) == 2  # the insert failed on the unique key and we re-read
    finally:
        other.close()
    assert count(db_session, UnitCompletion) == 1


def _race(app, user_id: int, unit_id: int, workers: int = 2) -> list:
    """Run record_unit_completion in several threads released at the same moment."""
    barrier = threading.Barrier(workers)
    results: list = [None] * workers

    def work(index: int) -> None:
        session = session_factory(app)()
        try:
            unit = session.get(Unit, unit_id)
            barrier.wait()
            row = record_unit_completion(session, user_id, unit, method="marked")
            session.commit()
            results[index] = row.id
        except Exception as error:  # reported to the test below
            results[index] = error
        finally:
            session.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_concurrent_calls_on_the_same_learner_and_unit(app, db_session, make_user, courses):
    course = courses.course("c", "C", certificate=True, units=[UnitSpec("a", "A")])
    user = make_user()
    unit_id = units_of(course)["a"].id
    results = _race(app, user.id, unit_id)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert len(set(results)) == 1
    db_session.expire_all()
    assert count(db_session, UnitCompletion, user_id=user.id) == 1
    assert count(db_session, CourseCompletion, user_id=user.id) == 1
    assert count(db_session, Certificate, user_id=user.id) == 1


def test_concurrent_completion_of_the_last_two_units_completes_the_course(
    app, db_session, make_user, courses
):
    """Two tabs finish the last two units at once: the course must still be completed."""
    course = courses.course("c", "C", certificate=True,
                            units=[UnitSpec("a", "A"), UnitSpec("b", "B")])
    user = make_user()
    ids = [u.id for u in course.units]
    barrier = threading.Barrier(2)
    errors: list = []

    def work(unit_id: int) -> None:
        session = session_factory(app)()
        try:
            unit = session.get(Unit, unit_id)
            barrier.wait()
            record_unit_completion(session, user.id, unit, method="marked")
            session.commit()
        except Exception as error:
            errors.append(error)
        finally:
            session.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    db_session.expire_all()
    assert count(db_session, UnitCompletion, user_id=user.id) == 2
    assert count(db_session, CourseCompletion, user_id=user.id) == 1
    assert count(db_session, Certificate, user_id=user.id) == 1


def test_rereading_a_unit_within_a_minute_writes_nothing(db_session, make_user,
                                                         security_course):
    user = make_user()
    first, second = security_course.units[0], security_course.units[1]
    progress = completion.record_unit_opened(db_session, user.id, first)
    opened_at = progress.last_activity_at
    db_session.commit()

    statements = []
    engine = db_session.get_bind()

    def remember(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", remember)
    try:
        again = completion.record_unit_opened(db_session, user.id, first)
        db_session.flush()
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    assert again.last_activity_at == opened_at
    assert not [s for s in statements if s.lstrip().upper().startswith("UPDATE")]

    moved = completion.record_unit_opened(db_session, user.id, second)
    assert moved.last_unit_id == second.id
