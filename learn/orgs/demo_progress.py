"""Assignments of the shipped courses and learners' progress spread over the last months.

Each unit gets a diligence (some units lag far behind); each person's chance to finish
follows their unit's. Records are inserted in bulk: progress, unit and course completions,
and certificates for courses that give one.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from learn.certificates.codes import new_code
from learn.certificates.models import Certificate
from learn.courses.models import Course, Unit
from learn.db import utcnow
from learn.learning.models import CourseCompletion, CourseProgress, UnitCompletion
from learn.orgs.demo_people import DemoPeople, DemoPerson, insert_batches
from learn.orgs.demo_quiz import PassSample, generate_attempts, sample_size
from learn.orgs.demo_tree import DEMO_DISTRICT, DemoTree
from learn.orgs.models import Assignment, OrgUnit

# (course slug, audience, days from today to the due date, where: "province" or the district)
DEMO_ASSIGNMENTS = (
    ("chuyen-doi-so-can-bo", "officials", -20, "province"),
    ("an-toan-thong-tin-can-bo", "officials", 45, "province"),
    ("chuyen-trach-cds-attt", "specialists", 30, "province"),
    ("dich-vu-cong-truc-tuyen", "all", -5, "district"),
)
CITIZEN_COURSE = "ky-nang-so-nguoi-dan"
VOLUNTARY_COURSE = "cyber-hygiene-essentials"
LAGGING_UNITS = 0.15


@dataclass
class CourseInfo:
    """What the generator needs of a published course."""

    course: Course
    units: list[Unit]
    quiz_units: set[int]


@dataclass
class ProgressCounts:
    """What was generated."""

    assignments: int = 0
    progress: int = 0
    unit_completions: int = 0
    completions: int = 0
    certificates: int = 0
    attempts: int = 0
    courses: list[str] = field(default_factory=list)


def published_courses(session: Session) -> dict[str, CourseInfo]:
    """Published courses by slug, with their required live units in order."""
    from learn.courses.models import Quiz

    info: dict[str, CourseInfo] = {}
    for course in session.scalars(
        select(Course).where(Course.draft.is_(False), Course.retired_at.is_(None))
    ):
        units = [u for u in course.active_units if u.required]
        if not units:
            continue
        quiz_units = set(session.scalars(
            select(Quiz.unit_id).where(Quiz.course_id == course.id, Quiz.retired_at.is_(None))
        ))
        info[course.slug] = CourseInfo(course, units, quiz_units)
    return info


def _diligence(rng: random.Random, units: list[OrgUnit]) -> dict[int, float]:
    """How keen each unit is: most fairly keen, some lagging far behind."""
    return {
        unit.id: rng.uniform(0.05, 0.3) if rng.random() < LAGGING_UNITS
        else rng.betavariate(6, 3)
        for unit in units
    }


def create_assignments(session: Session, tree: DemoTree, courses: dict[str, CourseInfo],
                       today: date, created_by_id: int | None) -> list[tuple[Assignment, str]]:
    """The demo assignments, for the courses that are published."""
    created = []
    for slug, audience, days, where in DEMO_ASSIGNMENTS:
        if slug not in courses:
            continue
        unit = tree.province if where == "province" else tree.district(DEMO_DISTRICT)
        row = Assignment(course_id=courses[slug].course.id, org_unit_id=unit.id,
                         audience=audience, due_date=today + timedelta(days=days),
                         created_by_id=created_by_id, is_active=True)
        session.add(row)
        created.append((row, slug))
    session.flush()
    return created


def _covers(assignment: Assignment, unit_paths: dict[int, str], person: DemoPerson) -> bool:
    if person.unit is None or not person.unit.path.startswith(unit_paths[assignment.org_unit_id]):
        return False
    if assignment.audience == "officials":
        return person.kind == "official"
    if assignment.audience == "specialists":
        return person.specialist
    return True


class _Writer:
    """Collects the rows of one learner's course and flushes them in batches."""

    def __init__(self, session: Session, rng: random.Random, now: datetime, sample: PassSample):
        self.session, self.rng, self.now, self.sample = session, rng, now, sample
        self.rows: dict[type, list[dict]] = {CourseProgress: [], UnitCompletion: [],
                                             CourseCompletion: [], Certificate: []}
        self.codes: set[str] = set()
        self.counts = ProgressCounts()

    def learn(self, person: DemoPerson, info: CourseInfo, name: str, done_units: int,
              due: date | None) -> None:
        """Record that a person went through the first `done_units` units of a course."""
        rng, now = self.rng, self.now
        earliest = max(person.created_at, now - timedelta(days=150))
        span = max((now - earliest).total_seconds(), 3600.0)
        started = earliest + timedelta(seconds=rng.uniform(0, span * 0.8))
        if due is not None and done_units == len(info.units) and rng.random() < 0.8:
            deadline = datetime(due.year, due.month, due.day, 10, tzinfo=now.tzinfo)
            if earliest < deadline < now:  # most people finish before the deadline
                started = earliest + timedelta(seconds=rng.uniform(
                    0, max((deadline - earliest).total_seconds() * 0.7, 60)))
        moment = started
        course = info.course
        for unit in info.units[:done_units]:
            moment = min(moment + timedelta(hours=rng.uniform(0.2, 72)), now)
            self.rows[UnitCompletion].append({
                "user_id": person.user_id, "unit_id": unit.id, "course_id": course.id,
                "completed_at": moment, "unit_version": unit.version,
                "method": "quiz" if unit.id in info.quiz_units else "marked",
            })
            if unit.id in info.quiz_units:
                self.sample.offer(unit.id, person.user_id, moment)
        last = info.units[min(done_units, len(info.units) - 1)]  # where they are now
        self.rows[CourseProgress].append({
            "user_id": person.user_id, "course_id": course.id, "last_unit_id": last.id,
            "started_at": started, "last_activity_at": max(moment, started),
        })
        self.counts.progress += 1
        self.counts.unit_completions += done_units
        if done_units == len(info.units):
            self._complete(person, course, name, moment)
        if len(self.rows[UnitCompletion]) >= 20_000:
            self.flush()

    def _complete(self, person: DemoPerson, course: Course, name: str, moment) -> None:
        self.rows[CourseCompletion].append({
            "user_id": person.user_id, "course_id": course.id, "completed_at": moment,
            "course_version": course.version,
        })
        self.counts.completions += 1
        if not course.certificate:
            return
        code = new_code()
        while code in self.codes:
            code = new_code()
        self.codes.add(code)
        self.rows[Certificate].append({
            "code": code, "user_id": person.user_id, "course_id": course.id,
            "learner_name": name, "course_title": course.title,
            "course_language": course.language,
            "competences": list(course.competences or []), "issued_at": moment,
        })
        self.counts.certificates += 1

    def flush(self) -> None:
        """Insert what has been collected."""
        for model in (CourseProgress, UnitCompletion, CourseCompletion, Certificate):
            insert_batches(self.session, model, self.rows[model])
            self.rows[model] = []


def generate_progress(
    session: Session, rng: random.Random, tree: DemoTree, people: DemoPeople,
    today: date, created_by_id: int | None,
) -> ProgressCounts:
    """Assign the shipped courses and spread learning records over the last months."""
    courses = published_courses(session)
    assignments = create_assignments(session, tree, courses, today, created_by_id)
    unit_paths = {u.id: u.path for u in tree.all}
    diligence = _diligence(rng, tree.all)
    sample = PassSample(sample_size(len(people.people)), random.Random(rng.random()))  # noqa: S311  # nosec B311
    writer = _Writer(session, rng, utcnow(), sample)
    for person in people.people:
        keen = diligence.get(person.unit.id, 0.4) if person.unit else rng.uniform(0.1, 0.5)
        keen = min(1.0, max(0.0, keen + rng.gauss(0, 0.12)))
        due_by_course: dict[str, date | None] = {}
        for assignment, slug in assignments:
            if _covers(assignment, unit_paths, person):
                current = due_by_course.get(slug)
                if current is None or (assignment.due_date and assignment.due_date < current):
                    due_by_course[slug] = assignment.due_date
        for slug, due in due_by_course.items():
            _maybe_learn(writer, person, courses[slug], person.name, keen, due,
                         today)
        for slug, share in ((CITIZEN_COURSE, 0.4), (VOLUNTARY_COURSE, 0.05)):
            wanted = person.kind == "citizen" if slug == CITIZEN_COURSE else (
                person.kind == "official")
            if wanted and slug in courses and slug not in due_by_course and rng.random() < share:
                _maybe_learn(writer, person, courses[slug], person.name,
                             0.55, None, today)
    writer.flush()
    writer.counts.attempts = generate_attempts(session, sample.rng, sample)
    writer.counts.assignments = len(assignments)
    writer.counts.courses = [slug for _, slug in assignments]
    return writer.counts


def _maybe_learn(writer: _Writer, person: DemoPerson, info: CourseInfo, name: str, keen: float,
                 due: date | None, today: date) -> None:
    rng = writer.rng
    pressure = 1.0 if due is not None and due < today else 0.7
    units = len(info.units)
    if rng.random() < keen * pressure:
        writer.learn(person, info, name, units, due)
    elif rng.random() < keen + 0.2:
        writer.learn(person, info, name, rng.randint(0, max(0, units - 1)), due)
