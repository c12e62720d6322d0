"""`learn demo`: the shape of the province, people, assignments, progress; refusal; logins."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest
from sqlalchemy import func, select

from learn.auth.models import User
from learn.certificates.models import Certificate
from learn.courses.models import Course, Question, QuestionVersion, Quiz, QuizQuestion, Unit
from learn.learning.models import CourseCompletion, CourseProgress, UnitCompletion
from learn.orgs.demo_names import person_name
from learn.orgs.models import Assignment, ManagerScope, OrgMembership, OrgUnit
from learn.quiz.grading import grade
from learn.quiz.models import AttemptQuestion, QuizAttempt

COURSES = ("chuyen-doi-so-can-bo", "an-toan-thong-tin-can-bo", "chuyen-trach-cds-attt",
           "ky-nang-so-nguoi-dan")


QUESTIONS = (
    ("single", {"options": [{"key": "a", "correct": True}, {"key": "b"}, {"key": "c"}]}),
    ("true_false", {"answer": False}),
    ("multiple", {"options": [{"key": "a", "correct": True}, {"key": "b", "correct": True},
                              {"key": "c"}]}),
    ("numeric", {"ranges": [{"min": 113.0, "max": 113.0, "weight": 100.0}]}),
)


@pytest.fixture
def published(db_session):
    """The shipped courses' slugs, three units each, as if published; the last unit of the
    first course has a quiz."""
    for slug in COURSES:
        course = Course(slug=slug, title=slug, summary="", content_hash="0" * 64,
                        certificate=slug != "ky-nang-so-nguoi-dan")
        db_session.add(course)
        db_session.flush()
        for position in range(1, 4):
            unit = Unit(course_id=course.id, slug=f"u{position}", position=position,
                        title=f"Unit {position}", content_hash="0" * 64)
            db_session.add(unit)
        db_session.flush()
        if slug == COURSES[0]:
            _quiz(db_session, course, unit)
    db_session.commit()


def _quiz(session, course, unit) -> None:
    quiz = Quiz(course_id=course.id, unit_id=unit.id, key="q", pass_mark=75,
                content_hash="0" * 64, time_limit_minutes=20)
    session.add(quiz)
    session.flush()
    for position, (kind, data) in enumerate(QUESTIONS, start=1):
        question = Question(course_id=course.id, key=f"k{position}")
        session.add(question)
        session.flush()
        version = QuestionVersion(question_id=question.id, version=1, type=kind,
                                  data={"prompt_html": "<p>?</p>", **data},
                                  content_hash="0" * 64)
        session.add(version)
        session.flush()
        question.current_version_id = version.id
        session.add(QuizQuestion(quiz_id=quiz.id, question_id=question.id, position=position))


def _count(session, model, *where) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*where))


def test_small_demo_shape_and_numbers(runner, db_session, published):
    result = runner.invoke(["demo", "--learners", "200", "--seed", "7"])
    assert result.exit_code == 0, result.output
    units = list(db_session.scalars(select(OrgUnit)))
    kinds = {kind: sum(1 for u in units if u.kind == kind) for kind in
             ("province", "department", "district", "commune")}
    assert kinds == {"province": 1, "department": 20, "district": 10, "commune": 50}
    names = {u.name for u in units}
    assert {"Sở Nội vụ", "Sở Tài chính", "Sở Y tế", "Huyện An Phú", "Xã Tân Lập"} <= names
    assert db_session.scalar(select(OrgUnit).where(OrgUnit.code == "XA-TAN-LAP")) is not None
    # 200 generated people, 4 demo logins, 4 accounts awaiting activation
    assert _count(db_session, User) == 208
    officials = _count(db_session, User, User.kind == "official")
    assert 170 <= officials <= 190
    assert _count(db_session, User, User.password_hash.is_not(None)) == 4
    # officials all have a unit; at most one specialist per unit, in most units
    unplaced = _count(db_session, User, User.kind == "official",
                      User.id.not_in(select(OrgMembership.user_id)))
    assert unplaced == 0
    per_unit = db_session.execute(
        select(OrgMembership.org_unit_id, func.count()).where(OrgMembership.is_dx_specialist)
        .group_by(OrgMembership.org_unit_id)).all()
    assert all(n == 1 for _, n in per_unit)
    units_with_people = _count(db_session, OrgUnit, OrgUnit.id.in_(
        select(OrgMembership.org_unit_id).join(User, User.id == OrgMembership.user_id)
        .where(User.kind == "official")))
    assert units_with_people * 0.6 <= len(per_unit) < units_with_people
    # assignments only for the courses that exist, due dates both past and future
    assignments = list(db_session.scalars(select(Assignment)))
    assert {a.audience for a in assignments} == {"officials", "specialists"}
    assert len(assignments) == 3
    assert any(a.due_date < date.today() for a in assignments)
    assert any(a.due_date > date.today() for a in assignments)
    # progress: completions have every unit done, and a certificate when the course gives one
    completions = _count(db_session, CourseCompletion)
    assert completions > 50
    assert _count(db_session, Certificate) == _count(
        db_session, CourseCompletion, CourseCompletion.course_id.in_(
            select(Course.id).where(Course.certificate.is_(True))))
    incomplete = db_session.execute(
        select(CourseCompletion.user_id, CourseCompletion.course_id)
        .where(select(func.count()).select_from(UnitCompletion).where(
            UnitCompletion.user_id == CourseCompletion.user_id,
            UnitCompletion.course_id == CourseCompletion.course_id).scalar_subquery() != 3)
    ).all()
    assert incomplete == []
    assert _count(db_session, CourseProgress) > completions  # some started, not finished
    # the district manager and its scope
    manager = db_session.scalar(select(User).where(User.email == "quan.ly.huyen@example.org"))
    scope = db_session.scalar(select(ManagerScope).where(ManagerScope.user_id == manager.id))
    assert db_session.get(OrgUnit, scope.org_unit_id).name == "Huyện An Phú"
    assert "quan.ly.huyen@example.org" in result.output


def test_quiz_attempts_end_in_the_recorded_pass(runner, db_session, published):
    runner.invoke(["demo", "--learners", "300", "--seed", "11"])
    attempts = list(db_session.scalars(select(QuizAttempt)))
    assert len(attempts) >= 20
    passed = [a for a in attempts if a.passed]
    assert all(a.score >= a.pass_mark for a in passed)
    assert any(not a.passed for a in attempts)  # some needed a second try
    assert all(a.started_at < a.submitted_at <= a.deadline_at for a in attempts)
    linked = db_session.execute(
        select(UnitCompletion.completed_at, QuizAttempt.submitted_at, QuizAttempt.passed)
        .join(QuizAttempt, QuizAttempt.id == UnitCompletion.attempt_id)).all()
    assert len(linked) == len(passed)
    assert all(done == submitted and ok for done, submitted, ok in linked)
    # every stored answer carries the grade the quiz engine gives it
    for row, version in db_session.execute(
        select(AttemptQuestion, QuestionVersion)
        .join(QuestionVersion, QuestionVersion.id == AttemptQuestion.question_version_id)
    ):
        assert grade(version.type, version.data, row.answer).correct == row.correct


def test_units_lag_differently(runner, db_session, published):
    runner.invoke(["demo", "--learners", "400", "--seed", "3"])
    course = db_session.scalar(select(Course).where(Course.slug == "chuyen-doi-so-can-bo"))
    rows = db_session.execute(
        select(OrgUnit.id, func.count(OrgMembership.user_id), func.count(CourseCompletion.id))
        .join(OrgMembership, OrgMembership.org_unit_id == OrgUnit.id)
        .join(User, User.id == OrgMembership.user_id)
        .outerjoin(CourseCompletion, (CourseCompletion.user_id == User.id)
                   & (CourseCompletion.course_id == course.id))
        .where(User.kind == "official", OrgUnit.kind == "department")
        .group_by(OrgUnit.id)
    ).all()
    rates = [done / people for _, people, done in rows if people >= 5]
    assert max(rates) - min(rates) > 0.3


def test_demo_logins_work(runner, client, db_session, published):
    result = runner.invoke(["demo", "--learners", "50", "--seed", "1"])
    password = re.search(r"quan\.ly\.huyen@example\.org\s+(\S+)", result.output).group(1)
    response = client.post("/login", data={"email": "quan.ly.huyen@example.org",
                                           "password": password})
    assert response.status_code == 302
    html = client.get("/admin/orgs").get_data(as_text=True)
    assert "Huyện An Phú" in html and "Huyện Bình Sơn" not in html and "Sở Nội vụ" not in html


def test_refuses_when_units_exist_unless_forced(runner, db_session, published):
    runner.invoke(["demo", "--learners", "20"])
    before = _count(db_session, User)
    again = runner.invoke(["demo", "--learners", "20"])
    assert again.exit_code == 0 and "already exist" in again.output
    assert _count(db_session, User) == before
    forced = runner.invoke(["demo", "--learners", "20", "--force"])
    assert forced.exit_code == 0, forced.output
    assert _count(db_session, OrgUnit, OrgUnit.parent_id.is_(None)) == 2
    assert db_session.scalar(select(OrgUnit).where(OrgUnit.code == "R2-SO-NV")) is not None
    assert "unchanged" in forced.output  # the demo logins existed already


def test_without_published_courses_there_is_no_progress(runner, db_session):
    result = runner.invoke(["demo", "--learners", "30"])
    assert result.exit_code == 0, result.output
    assert _count(db_session, Assignment) == 0 and _count(db_session, CourseProgress) == 0
    assert "learn courses sync" in result.output


def test_names_are_reproducible_and_vietnamese():
    first = [person_name(random.Random(5)) for _ in range(3)]
    assert first == [person_name(random.Random(5)) for _ in range(3)]
    names = [person_name(random.Random(i)) for i in range(200)]
    assert all(len(n.split()) >= 3 for n in names)
    assert sum(n.startswith("Nguyễn ") for n in names) > 40
