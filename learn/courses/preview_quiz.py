"""Trying a quiz in the preview: every question of the pool, graded in the request, not kept.

Grading is the quiz engine's own (``learn.quiz.grading``) applied to the same stored form
publishing writes, so a trainer sees the scores learners will get.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from learn.content import QuestionSource, QuizSource
from learn.courses.question_data import question_data
from learn.quiz.grading import Grade, attempt_score, grade, has_passed
from learn.quiz.numbers import parse_number

_TAG_RE = re.compile(r"<[^>]+>")


class FormData(Protocol):
    """What a submitted form offers (werkzeug's MultiDict)."""

    def get(self, key: str, default: Any = None) -> Any:
        """One value."""

    def getlist(self, key: str) -> list[str]:
        """Every value of a repeated field."""


@dataclass
class QuestionView:
    """One question as shown in the preview form, with the answer and grade once submitted."""

    number: int
    source: QuestionSource
    data: dict[str, Any]
    answer: dict[str, Any] | None = None
    grade: Grade | None = None
    feedback_html: list[str] = field(default_factory=list)

    @property
    def field(self) -> str:
        """The form field name (matching questions add ``-<pair key>``)."""
        return f"q{self.number}"

    @property
    def right_choices(self) -> list[dict[str, str]]:
        """Matching: the right-hand texts in a stable order that does not give the answer."""
        pairs = self.data.get("pairs", [])
        return sorted(pairs, key=lambda p: (_plain(p["right_html"]).casefold(), p["key"]))

    def chosen(self, key: str) -> bool:
        """True when the submitted answer chose option ``key`` (single or multiple)."""
        if not self.answer:
            return False
        return self.answer.get("choice") == key or key in self.answer.get("choices", [])

    def matched(self, pair_key: str) -> str | None:
        """Matching: the right pair key chosen for a left pair key."""
        return (self.answer or {}).get("matches", {}).get(pair_key)


def _plain(fragment: str) -> str:
    return html.unescape(_TAG_RE.sub("", fragment))


def quiz_questions(quiz: QuizSource) -> list[QuestionView]:
    """The whole pool in file order (inline questions, then the bank)."""
    return [QuestionView(n, q, question_data(q)) for n, q in enumerate(quiz.questions, start=1)]


def read_answer(view: QuestionView, form: FormData) -> dict[str, Any]:
    """The answer to one question in the stored answer format of format.md's appendix."""
    name, kind = view.field, view.source.type
    if kind == "single":
        return {"choice": form.get(name)}
    if kind == "multiple":
        return {"choices": form.getlist(name)}
    if kind == "true_false":
        value = form.get(name)
        return {"value": {"true": True, "false": False}.get(value)} if value else {}
    if kind == "short_text":
        return {"text": form.get(name, "")}
    if kind == "numeric":
        text = form.get(name, "")
        return {"text": text, "value": parse_number(text)}
    if kind == "matching":
        return {"matches": {p["key"]: form.get(f"{name}-{p['key']}")
                            for p in view.data["pairs"]}}
    return {}


def _feedback(view: QuestionView) -> list[str]:
    data, answer, kind = view.data, view.answer or {}, view.source.type
    if kind in ("single", "multiple"):
        return [o["feedback_html"] for o in data["options"]
                if view.chosen(o["key"]) and o["feedback_html"]]
    if kind == "true_false" and answer.get("value") is not None:
        text = data["feedback_true_html"] if answer["value"] else data["feedback_false_html"]
        return [text] if text else []
    if kind in ("short_text", "numeric") and view.grade and view.grade.matched is not None:
        accepted = data["answers" if kind == "short_text" else "ranges"][view.grade.matched]
        return [accepted["feedback_html"]] if accepted["feedback_html"] else []
    return []


@dataclass(frozen=True)
class QuizOutcome:
    """The score of a tried quiz (percent) and whether it reaches the pass mark."""

    score: float
    passed: bool


def grade_quiz(views: list[QuestionView], form: FormData, pass_mark: int) -> QuizOutcome:
    """Read and grade every answer of the form; fills each view's answer, grade and feedback."""
    for view in views:
        view.answer = read_answer(view, form)
        view.grade = grade(view.source.type, view.data, view.answer)
        view.feedback_html = _feedback(view)
    score = attempt_score(view.grade.score for view in views if view.grade is not None)
    return QuizOutcome(score, has_passed(score, pass_mark))
