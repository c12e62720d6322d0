"""Builds published courses directly in the database, as publishing would leave them."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from learn.courses.models import Course, Question, QuestionVersion, Quiz, QuizQuestion, Unit
from learn.courses.search import search_text


def _hash(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()


@dataclass
class UnitSpec:
    """A unit to create: its slug, title and options."""

    slug: str
    title: str
    required: bool = True
    duration: int = 10
    quiz: bool = False
    pass_mark: int = 70
    toc: list[dict] = field(default_factory=list)
    html: str = ""


def single_choice_data(prompt: str) -> dict:
    """QuestionVersion.data of a single-choice question (format.md, appendix)."""
    return {
        "prompt_html": f"<p>{prompt}</p>",
        "explanation_html": "<p>Giải thích.</p>",
        "options": [
            {"key": "o1", "html": "<p>Đúng</p>", "correct": True, "weight": None,
             "feedback_html": ""},
            {"key": "o2", "html": "<p>Sai</p>", "correct": False, "weight": None,
             "feedback_html": "<p>Chưa đúng.</p>"},
        ],
    }


class CourseFactory:
    """Inserts Course/Unit/Quiz/Question/QuestionVersion rows and commits them."""

    def __init__(self, session: Session):
        self.session = session

    def course(
        self,
        slug: str,
        title: str,
        *,
        summary: str = "Khoá học ngắn.",
        audience: Sequence[str] = ("official", "citizen"),
        level: str = "basic",
        competences: Sequence[str] = (),
        certificate: bool = False,
        draft: bool = False,
        order: int = 100,
        pass_mark: int = 70,
        units: Sequence[UnitSpec] = (),
        overview_html: str = "<p>Giới thiệu khoá học.</p>",
    ) -> Course:
        """A course with its units (and quizzes), committed."""
        course = Course(
            slug=slug, title=title, summary=summary, search_text=search_text(title, summary),
            audience=list(audience), level=level, competences=list(competences),
            certificate=certificate, draft=draft, order=order, pass_mark=pass_mark,
            duration_minutes=sum(u.duration for u in units) or 10,
            overview_html=overview_html, content_hash=_hash(slug), version=1,
        )
        self.session.add(course)
        self.session.flush()
        for spec in units:
            self.add_unit(course, spec, commit=False)
        self.session.commit()
        return course

    def add_unit(self, course: Course, spec: UnitSpec, *, commit: bool = True) -> Unit:
        """Add a unit at the end of a course (with a one-question quiz if spec.quiz)."""
        position = max((u.position for u in course.units), default=0) + 1
        unit = Unit(
            course_id=course.id, slug=spec.slug, position=position, title=spec.title,
            duration_minutes=spec.duration, required=spec.required,
            html=spec.html or f"<h2 id=\"muc-1\">Mục 1</h2><p>Nội dung {spec.title}.</p>",
            toc=spec.toc, content_hash=_hash(course.slug, spec.slug), version=1,
        )
        self.session.add(unit)
        self.session.flush()
        if spec.quiz:
            self.add_quiz(unit, key=f"quiz-{spec.slug}", pass_mark=spec.pass_mark)
        self.session.expire(course, ["units"])
        if commit:
            self.session.commit()
        return unit

    def add_quiz(self, unit: Unit, *, key: str, pass_mark: int = 70) -> Quiz:
        """A quiz on the unit with one single-choice question."""
        quiz = Quiz(course_id=unit.course_id, unit_id=unit.id, key=key, pass_mark=pass_mark,
                    content_hash=_hash(key), version=1)
        self.session.add(quiz)
        question = Question(course_id=unit.course_id, key=f"{key}-q1")
        self.session.add(question)
        self.session.flush()
        version = QuestionVersion(
            question_id=question.id, version=1, type="single",
            data=single_choice_data("Câu hỏi?"), content_hash=_hash(key, "q1"),
        )
        self.session.add(version)
        self.session.flush()
        question.current_version_id = version.id
        self.session.add(QuizQuestion(quiz_id=quiz.id, question_id=question.id, position=1))
        self.session.flush()
        return quiz
