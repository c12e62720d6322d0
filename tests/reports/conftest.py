"""A small province built directly through the models, for the reports tests.

Tree:   P  Tỉnh Demo (province)
        ├── A  Huyện An Phú (district)      [people: an5 directly]
        │   ├── A1 Xã Tân Lập (commune)     [an1, an2, cit1]
        │   ├── A2 Xã Phú Hòa (commune)     [an3 (specialist)]
        │   └── AO Phòng VH-TT An Phú (office) [an4 (specialist)]
        ├── B  Huyện Bình Sơn (district)
        │   └── B1 Xã Hòa Bình (commune)    [bn1, bn2, bn3 (citizen), bn4 (inactive)]
        └── S  Sở Thông tin và Truyền thông (department) [sn1 (specialist)]
Courses: CDS (required, 3 units, final quiz in unit 3), SPEC (specialist course),
         SKILLS (digital skills for everyone).
Assignments: CDS on P for officials, due 2020-06-30 (past); SKILLS on A for all, due
2099-12-31; SKILLS on A1 for all, due 2020-01-01 (earlier: wins for A1); SPEC on P for
specialists, no due date; SKILLS on B for all but inactive (counts for nobody).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import pytest

from learn.auth import services as accounts
from learn.auth.models import User
from learn.courses.models import Course, Question, QuestionVersion, Quiz, QuizQuestion, Unit
from learn.learning.models import CourseCompletion, CourseProgress, UnitCompletion
from learn.orgs.models import Assignment, ManagerScope, OrgMembership, OrgUnit
from learn.orgs.tree import create_unit
from learn.quiz.models import AttemptQuestion, QuizAttempt
from tests.conftest import TEST_PASSWORD

PAST_DUE = date(2020, 6, 30)
EARLIER_DUE = date(2020, 1, 1)
FUTURE_DUE = date(2099, 12, 31)
TODAY = date(2026, 6, 1)


def at(year: int, month: int, day: int, hour: int = 3) -> datetime:
    """A UTC timestamp."""
    return datetime(year, month, day, hour, tzinfo=UTC)


@dataclass
class Province:
    """Everything the fixture created, by short name."""

    units: dict[str, OrgUnit] = field(default_factory=dict)
    courses: dict[str, Course] = field(default_factory=dict)
    people: dict[str, User] = field(default_factory=dict)
    staff: dict[str, User] = field(default_factory=dict)
    quiz: Quiz | None = None
    versions: dict[str, QuestionVersion] = field(default_factory=dict)


def add_unit(session, code: str, name: str, kind: str, parent: OrgUnit | None) -> OrgUnit:
    """A unit with its materialised path (the orgs service's own)."""
    return create_unit(session, code, name, kind, parent)


def add_course(session, slug: str, title: str, units: int, authors=()) -> Course:
    """A published course with numbered units."""
    course = Course(slug=slug, title=title, summary="", content_hash="0" * 64,
                    authors=list(authors))
    session.add(course)
    session.flush()
    for position in range(1, units + 1):
        session.add(Unit(course_id=course.id, slug=f"u{position}", position=position,
                         title=f"{title} – bài {position}", content_hash="0" * 64))
    session.flush()
    session.refresh(course)
    return course


def add_person(session, key: str, unit: OrgUnit | None, kind: str = "official",
               specialist: bool = False, active: bool = True) -> User:
    """A learner without password, placed in a unit."""
    user = User(email=f"{key}@example.org", full_name=f"Người {key}", kind=kind,
                is_active=active)
    session.add(user)
    session.flush()
    if unit is not None:
        session.add(OrgMembership(user_id=user.id, org_unit_id=unit.id,
                                  is_dx_specialist=specialist))
    return user


def started(session, user: User, course: Course, when: datetime, last_unit: int | None = None,
            activity: datetime | None = None) -> None:
    """A progress record (the learner opened the course)."""
    unit_id = course.units[last_unit - 1].id if last_unit else None
    session.add(CourseProgress(user_id=user.id, course_id=course.id, started_at=when,
                               last_activity_at=activity or when, last_unit_id=unit_id))


def completed(session, user: User, course: Course, began: datetime, done: datetime) -> None:
    """Progress, every unit completed and the course completion."""
    started(session, user, course, began, last_unit=len(course.units), activity=done)
    for unit in course.units:
        session.add(UnitCompletion(user_id=user.id, unit_id=unit.id, course_id=course.id,
                                   completed_at=done, method="marked", unit_version=1))
    session.add(CourseCompletion(user_id=user.id, course_id=course.id, completed_at=done,
                                 course_version=1))


def _quiz(session, province: Province) -> None:
    """The final quiz of CDS with a single, a multiple and a true/false question."""
    course = province.courses["CDS"]
    quiz = Quiz(course_id=course.id, unit_id=course.units[2].id, key="cuoi-khoa",
                content_hash="0" * 64)
    session.add(quiz)
    session.flush()
    specs = {
        "q-single": ("single", {"prompt_html": "<p>Q1</p>", "explanation_html": "", "options": [
            {"key": "o1", "html": "<p>Đúng</p>", "correct": True, "weight": None,
             "feedback_html": ""},
            {"key": "o2", "html": "<p>Sai <em>một</em></p>", "correct": False, "weight": None,
             "feedback_html": ""},
            {"key": "o3", "html": "<p>Sai hai</p>", "correct": False, "weight": None,
             "feedback_html": ""},
        ]}),
        "q-multi": ("multiple", {"prompt_html": "<p>Q2</p>", "explanation_html": "",
                                 "options": [
            {"key": "o1", "html": "<p>A</p>", "correct": True, "weight": None,
             "feedback_html": ""},
            {"key": "o2", "html": "<p>B</p>", "correct": True, "weight": None,
             "feedback_html": ""},
            {"key": "o3", "html": "<p>C</p>", "correct": False, "weight": None,
             "feedback_html": ""},
        ]}),
        "q-tf": ("true_false", {"prompt_html": "<p>Q3</p>", "explanation_html": "",
                                "answer": True, "feedback_true_html": "",
                                "feedback_false_html": ""}),
    }
    for position, (key, (qtype, data)) in enumerate(specs.items(), start=1):
        question = Question(course_id=course.id, key=key)
        session.add(question)
        session.flush()
        version = QuestionVersion(question_id=question.id, version=1, type=qtype, data=data,
                                  content_hash="0" * 64)
        session.add(version)
        session.flush()
        question.current_version_id = version.id
        session.add(QuizQuestion(quiz_id=quiz.id, question_id=question.id, position=position))
        province.versions[key] = version
    # A second version of the single question (same options), answered by later attempts.
    single = session.get(Question, province.versions["q-single"].question_id)
    second = QuestionVersion(question_id=single.id, version=2, type="single",
                             data=province.versions["q-single"].data, content_hash="1" * 64)
    session.add(second)
    session.flush()
    single.current_version_id = second.id
    province.versions["q-single-v2"] = second
    province.quiz = quiz


# Hand-made attempts at the final quiz: (person, score, [(question, version, correct, answer)])
ATTEMPTS = [
    ("an1", 100.0, [("q-single", "q-single", True, {"choice": "o1"}),
                    ("q-multi", "q-multi", True, {"choices": ["o1", "o2"]}),
                    ("q-tf", "q-tf", True, {"value": True})]),
    ("an3", 90.0, [("q-single", "q-single", True, {"choice": "o1"}),
                   ("q-multi", "q-multi", True, {"choices": ["o1", "o2"]}),
                   ("q-tf", "q-tf", True, {"value": True})]),
    ("an4", 60.0, [("q-single", "q-single-v2", True, {"choice": "o1"}),
                   ("q-multi", "q-multi", False, {"choices": ["o1"]}),
                   ("q-tf", "q-tf", True, {"value": True})]),
    ("bn1", 40.0, [("q-single", "q-single-v2", False, {"choice": "o2"}),
                   ("q-multi", "q-multi", False, {"choices": ["o1", "o3"]}),
                   ("q-tf", "q-tf", True, {"value": True})]),
    ("sn1", 30.0, [("q-single", "q-single-v2", False, {"choice": "o3"}),
                   ("q-multi", "q-multi", True, {"choices": ["o2", "o1"]}),
                   ("q-tf", "q-tf", True, {"value": True})]),
    ("an2", 10.0, [("q-single", "q-single-v2", False, {"choice": "o2"}),
                   ("q-multi", "q-multi", False, {"choices": []}),
                   ("q-tf", "q-tf", True, {"value": True})]),
]


def _attempts(session, province: Province) -> None:
    numbers: dict[str, int] = {}
    for person, score, answers in ATTEMPTS:
        user = province.people[person]
        numbers[person] = numbers.get(person, 0) + 1
        attempt = QuizAttempt(user_id=user.id, quiz_id=province.quiz.id,
                              number=numbers[person], quiz_version=1, pass_mark=70,
                              status="submitted", score=score, passed=score >= 70,
                              started_at=at(2026, 3, 1), submitted_at=at(2026, 3, 1, 4))
        session.add(attempt)
        session.flush()
        for position, (_question, version, correct, answer) in enumerate(answers, start=1):
            session.add(AttemptQuestion(
                attempt_id=attempt.id, position=position,
                question_version_id=province.versions[version].id, answer=answer,
                score=1.0 if correct else 0.0, correct=correct,
            ))
    # A lower first attempt of an1 (best score counts) and an open attempt (ignored).
    session.add(QuizAttempt(user_id=province.people["an1"].id, quiz_id=province.quiz.id,
                            number=2, quiz_version=1, pass_mark=70, status="submitted",
                            score=55.0, passed=False))
    session.add(QuizAttempt(user_id=province.people["bn2"].id, quiz_id=province.quiz.id,
                            number=1, quiz_version=1, pass_mark=70, status="open"))


def build_province(session) -> Province:
    """Create the province described in the module docstring and commit it."""
    p = Province()
    u = p.units
    u["P"] = add_unit(session, "P", "Tỉnh Demo", "province", None)
    u["A"] = add_unit(session, "A", "Huyện An Phú", "district", u["P"])
    u["B"] = add_unit(session, "B", "Huyện Bình Sơn", "district", u["P"])
    u["S"] = add_unit(session, "S", "Sở Thông tin và Truyền thông", "department", u["P"])
    u["A1"] = add_unit(session, "A1", "Xã Tân Lập", "commune", u["A"])
    u["A2"] = add_unit(session, "A2", "Xã Phú Hòa", "commune", u["A"])
    u["AO"] = add_unit(session, "AO", "Phòng Văn hóa - Thông tin An Phú", "office", u["A"])
    u["B1"] = add_unit(session, "B1", "Xã Hòa Bình", "commune", u["B"])
    c = p.courses
    c["CDS"] = add_course(session, "chuyen-doi-so-can-bo", "Chuyển đổi số cho cán bộ", 3,
                          authors=["trainer1@example.org"])
    c["SPEC"] = add_course(session, "chuyen-trach-cds-attt", "Chuyên trách CĐS và ATTT", 2)
    c["SKILLS"] = add_course(session, "ky-nang-so", "Kỹ năng số", 2)
    session.add_all([
        Assignment(course_id=c["CDS"].id, org_unit_id=u["P"].id, audience="officials",
                   due_date=PAST_DUE),
        Assignment(course_id=c["SKILLS"].id, org_unit_id=u["A"].id, audience="all",
                   due_date=FUTURE_DUE),
        Assignment(course_id=c["SKILLS"].id, org_unit_id=u["A1"].id, audience="all",
                   due_date=EARLIER_DUE),
        Assignment(course_id=c["SPEC"].id, org_unit_id=u["P"].id, audience="specialists"),
        Assignment(course_id=c["SKILLS"].id, org_unit_id=u["B"].id, audience="all",
                   is_active=False),
    ])
    h = p.people
    h["an1"] = add_person(session, "an1", u["A1"])
    h["an2"] = add_person(session, "an2", u["A1"])
    h["cit1"] = add_person(session, "cit1", u["A1"], kind="citizen")
    h["an3"] = add_person(session, "an3", u["A2"], specialist=True)
    h["an4"] = add_person(session, "an4", u["AO"], specialist=True)
    h["an5"] = add_person(session, "an5", u["A"])
    h["bn1"] = add_person(session, "bn1", u["B1"])
    h["bn2"] = add_person(session, "bn2", u["B1"])
    h["bn3"] = add_person(session, "bn3", u["B1"], kind="citizen")
    h["bn4"] = add_person(session, "bn4", u["B1"], active=False)
    h["sn1"] = add_person(session, "sn1", u["S"], specialist=True)
    h["free1"] = add_person(session, "free1", None, kind="citizen")
    session.flush()
    cds, spec, skills = c["CDS"], c["SPEC"], c["SKILLS"]
    completed(session, h["an1"], cds, at(2026, 3, 1), at(2026, 3, 10))  # 9 days
    started(session, h["an1"], skills, at(2026, 4, 1), last_unit=1)
    started(session, h["an2"], cds, at(2026, 4, 2), last_unit=2, activity=at(2026, 4, 20))
    session.add(UnitCompletion(user_id=h["an2"].id, unit_id=cds.units[0].id, course_id=cds.id,
                               completed_at=at(2026, 4, 3), method="marked", unit_version=1))
    completed(session, h["cit1"], skills, at(2026, 4, 1), at(2026, 4, 5))
    completed(session, h["an3"], cds, at(2026, 5, 1), at(2026, 5, 20))  # 19 days
    completed(session, h["an3"], spec, at(2026, 5, 21), at(2026, 5, 25))
    completed(session, h["an4"], cds, at(2026, 1, 10), at(2026, 1, 12))  # 2 days
    started(session, h["an4"], spec, at(2026, 2, 1), last_unit=1)
    completed(session, h["an4"], skills, at(2026, 2, 1), at(2026, 2, 3))
    completed(session, h["bn1"], cds, at(2026, 2, 1), at(2026, 2, 14))  # 13 days
    completed(session, h["sn1"], cds, at(2026, 3, 1), at(2026, 3, 31, 20))  # 30.7 days
    completed(session, h["bn4"], cds, at(2026, 3, 1), at(2026, 3, 2))  # inactive: ignored
    started(session, h["free1"], skills, at(2026, 5, 1), last_unit=2)
    session.flush()
    _quiz(session, p)
    _attempts(session, p)
    session.commit()
    return p


def add_staff(session, province: Province, key: str, roles: tuple[str, ...],
              scope_units: tuple[str, ...] = ()) -> User:
    """A staff account with the test password, and manager scopes."""
    user = accounts.create_user(session, f"{key}@example.org", f"Cán bộ {key}",
                                roles=roles, password=TEST_PASSWORD)
    session.flush()
    for code in scope_units:
        session.add(ManagerScope(user_id=user.id, org_unit_id=province.units[code].id))
    session.commit()
    province.staff[key] = user
    return user


@pytest.fixture
def province(db_session) -> Province:
    """The small province with its staff: admin, managers of A and B, two trainers."""
    p = build_province(db_session)
    add_staff(db_session, p, "admin", ("admin",))
    add_staff(db_session, p, "managera", ("manager",), ("A",))
    add_staff(db_session, p, "managerb", ("manager",), ("B",))
    add_staff(db_session, p, "trainer1", ("trainer",))
    add_staff(db_session, p, "trainer2", ("trainer",))
    add_staff(db_session, p, "learner", ("learner",))
    return p


@pytest.fixture
def login(app):
    """A signed-in test client for one of the province's staff."""

    def sign_in(key: str):
        client = app.test_client()
        response = client.post("/login", data={"email": f"{key}@example.org",
                                               "password": TEST_PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return client

    return sign_in
