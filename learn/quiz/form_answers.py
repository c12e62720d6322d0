"""Reading the attempt form back into answers, and finding what is left unanswered.

Inputs carry display positions, never option or pair keys (keys follow the file order and
could hint at the answer): radio/checkbox values and matching <select> values are indexes
into the attempt's stored option order. Field names: q<position>, and q<position>-<row>
for each left-hand item of a matching question.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from learn.quiz.grading import answer_value
from learn.quiz.numbers import parse_number
from learn.quiz.questions import DrawnQuestion

MAX_TEXT = 500


class FormData(Protocol):
    """What a posted form offers (werkzeug's MultiDict)."""

    def get(self, key: str, default: Any = None) -> Any:
        """One value."""

    def getlist(self, key: str) -> list[str]:
        """Every value of a repeated field."""


def field_name(position: int) -> str:
    """The form field name of a question."""
    return f"q{position}"


def row_name(position: int, row: int) -> str:
    """The form field name of a left-hand item of a matching question."""
    return f"q{position}-{row}"


def _pick(order: Sequence[str], value: Any) -> str | None:
    if not isinstance(value, str) or not value.isdigit():
        return None
    index = int(value)
    return order[index] if index < len(order) else None


def answer_from_form(question: DrawnQuestion, form: FormData) -> dict | None:
    """One question's answer as posted, in AttemptQuestion.answer form; None when blank."""
    name, order = field_name(question.position), question.row.option_order
    if question.type == "single":
        choice = _pick(order, form.get(name))
        return {"choice": choice} if choice else None
    if question.type == "multiple":
        picked = {_pick(order, value) for value in form.getlist(name)} - {None}
        choices = [key for key in order if key in picked]
        return {"choices": choices} if choices else None
    if question.type == "true_false":
        value = form.get(name)
        return {"value": value == "true"} if value in ("true", "false") else None
    if question.type in ("short_text", "numeric"):
        text = (form.get(name) or "").strip()[:MAX_TEXT]
        if not text:
            return None
        if question.type == "numeric":
            return {"text": text, "value": parse_number(text)}
        return {"text": text}
    if question.type == "matching":
        rights = order.get("rights", []) if isinstance(order, dict) else []
        lefts = order.get("lefts", []) if isinstance(order, dict) else []
        matches = {}
        for row, left in enumerate(lefts):
            right = _pick(rights, form.get(row_name(question.position, row)))
            if right:
                matches[left] = right
        return {"matches": matches} if matches else None
    return None


def answers_from_form(questions: Sequence[DrawnQuestion], form: FormData) -> dict[int, dict | None]:
    """Every question's posted answer, by position (None for a blank)."""
    return {q.position: answer_from_form(q, form) for q in questions}


def is_unreadable_number(question: DrawnQuestion, answer: dict | None) -> bool:
    """True for a numeric answer whose text is not a number by the reading rule."""
    return question.type == "numeric" and bool(answer) and answer_value(answer) is None


def incomplete_positions(
    questions: Sequence[DrawnQuestion], answers: dict[int, dict | None]
) -> list[int]:
    """Positions left blank, partly matched, or with a number that cannot be read."""
    missing = []
    for question in questions:
        answer = answers.get(question.position)
        if answer is None or is_unreadable_number(question, answer):
            missing.append(question.position)
        elif question.type == "matching":
            lefts = question.row.option_order.get("lefts", [])
            if len(answer.get("matches", {})) < len(lefts):
                missing.append(question.position)
    return missing
