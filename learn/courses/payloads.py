"""What publishing stores for each parsed course, unit, quiz and question, and its hash.

A row's hash is taken over exactly the values written to it, so "same hash" means "nothing
to write" (a renderer upgrade that changes the HTML is a change too). Positions are kept
out of the hashes: renumbering a unit file moves it without making it a new version.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from learn.content import CourseSource, QuestionSource, QuizSource, UnitSource
from learn.courses.question_data import question_data
from learn.courses.search import search_text


def content_hash(value: Any) -> str:
    """SHA-256 hex digest of ``value`` as canonical JSON."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Item:
    """One thing to publish: its stable key, the values to store, their hash, its position."""

    key: str
    payload: dict[str, Any]
    hash: str
    position: int | None = None


def course_payload(course: CourseSource) -> dict[str, Any]:
    """The Course columns taken from the files."""
    return {
        "title": course.title,
        "summary": course.summary,
        "search_text": search_text(course.title, course.summary),
        "audience": list(course.audience),
        "level": course.level,
        "duration_minutes": course.duration_minutes,
        "language": course.language,
        "competences": list(course.competences),
        "pass_mark": course.pass_mark,
        "certificate": course.certificate,
        "order": course.order,
        "draft": course.draft,
        "prerequisites": list(course.prerequisites),
        "authors": list(course.authors),
        "overview_html": course.overview_html,
    }


def unit_item(unit: UnitSource) -> Item:
    """A unit keyed by its slug; position is its file number."""
    payload = {
        "title": unit.title,
        "duration_minutes": unit.duration_minutes,
        "objectives": list(unit.objectives),
        "competences": list(unit.competences),
        "required": unit.required,
        "html": unit.html,
        "toc": [{"level": t.level, "id": t.id, "text": t.text} for t in unit.toc],
    }
    return Item(unit.slug, payload, content_hash(payload), unit.number)


def quiz_item(quiz: QuizSource, unit_slug: str) -> Item:
    """A quiz keyed by its id; the payload names its unit and pool by their keys."""
    payload = {
        "unit": unit_slug,
        "pass_mark": quiz.pass_mark,
        "shuffle": quiz.shuffle,
        "draw": quiz.draw,
        "attempts_allowed": quiz.attempts,
        "time_limit_minutes": quiz.time_limit_minutes,
        "review": quiz.review,
        "pool": [q.id for q in quiz.questions],
    }
    return Item(quiz.id, payload, content_hash(payload))


def question_item(question: QuestionSource) -> Item:
    """A question keyed by its id; the payload is its type and stored data."""
    payload = {"type": question.type, "data": question_data(question)}
    return Item(question.id, payload, content_hash(payload))


@dataclass(frozen=True)
class CourseItems:
    """Everything one course folder publishes, with the hash of the whole."""

    course: Item
    units: tuple[Item, ...]
    quizzes: tuple[Item, ...]
    questions: tuple[Item, ...]
    assets: tuple[tuple[str, str], ...]  # (path, sha256)
    tree_hash: str


def course_items(course: CourseSource) -> CourseItems:
    """Build the items of a course: units in file order, questions of quizzes then banks."""
    payload = course_payload(course)
    units = tuple(unit_item(u) for u in course.units)
    quizzes = tuple(quiz_item(u.quiz, u.slug) for u in course.units if u.quiz is not None)
    questions: dict[str, Item] = {}
    for unit in course.units:
        for question in unit.quiz.questions if unit.quiz else ():
            questions.setdefault(question.id, question_item(question))
    for bank in course.banks:
        for question in bank.questions:
            questions.setdefault(question.id, question_item(question))
    assets = tuple((a.path, a.sha256) for a in course.assets)
    whole = {
        "course": content_hash(payload),
        "units": [[u.key, u.position, u.hash] for u in units],
        "quizzes": [[q.key, q.hash] for q in quizzes],
        "questions": sorted([q.key, q.hash] for q in questions.values()),
        "assets": sorted(assets),
    }
    return CourseItems(
        course=Item(course.slug, payload, content_hash(payload)),
        units=units,
        quizzes=quizzes,
        questions=tuple(questions.values()),
        assets=assets,
        tree_hash=content_hash(whole),
    )
