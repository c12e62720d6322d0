"""Grading a learner's answer against a published question version (no Flask, no database).

`data` is `QuestionVersion.data` and `answer` is `AttemptQuestion.answer`, both as described
in the appendix of spec/format.md. A missing, empty or malformed answer scores 0.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from learn.core.text import fold
from learn.quiz.numbers import parse_number

# Tolerates the binary rounding of stored ranges: 1.1 ± 0.1 must accept 1 and 1.2.
_RANGE_EPSILON = 1e-9


@dataclass(frozen=True)
class Grade:
    """The grade of one question: score 0..1, full marks or not, and what matched."""

    score: float
    correct: bool
    matched: int | None = None  # index of the accepted short_text answer or numeric range


NO_CREDIT = Grade(0.0, False)


def grade(question_type: str, data: Mapping[str, Any], answer: Mapping[str, Any] | None) -> Grade:
    """Grade one answer to a question version of the given type."""
    grader = _GRADERS.get(question_type)
    if grader is None or not isinstance(answer, Mapping):
        return NO_CREDIT
    return grader(data, answer)


def attempt_score(question_scores: Iterable[float]) -> float:
    """The attempt's score in percent: the mean of the question scores times 100."""
    scores = list(question_scores)
    if not scores:
        return 0.0
    return sum(scores) / len(scores) * 100


def has_passed(score: float, pass_mark: int) -> bool:
    """True when a percentage score reaches the pass mark."""
    return score + _RANGE_EPSILON >= pass_mark


def _full(score: float, matched: int | None = None) -> Grade:
    score = min(1.0, max(0.0, score))
    return Grade(score, score >= 1.0 - _RANGE_EPSILON, matched)


def _grade_single(data: Mapping[str, Any], answer: Mapping[str, Any]) -> Grade:
    choice = answer.get("choice")
    for option in data.get("options", []):
        if option["key"] == choice:
            return _full(1.0 if option.get("correct") else 0.0)
    return NO_CREDIT


def _grade_multiple(data: Mapping[str, Any], answer: Mapping[str, Any]) -> Grade:
    options = {option["key"]: option for option in data.get("options", [])}
    choices = answer.get("choices")
    if not isinstance(choices, Sequence) or isinstance(choices, str):
        return NO_CREDIT
    # Unknown keys (a stale or tampered form) are ignored; a key chosen twice counts once.
    chosen = {key for key in choices if isinstance(key, str) and key in options}
    if any(option.get("weight") is not None for option in options.values()):
        total = sum(float(options[key].get("weight") or 0.0) for key in chosen)
        return _full(total / 100)
    wanted = {key for key, option in options.items() if option.get("correct")}
    return _full(1.0 if chosen and chosen == wanted else 0.0)


def _grade_true_false(data: Mapping[str, Any], answer: Mapping[str, Any]) -> Grade:
    value = answer.get("value")
    if not isinstance(value, bool):
        return NO_CREDIT
    return _full(1.0 if value is bool(data.get("answer")) else 0.0)


def normalise_text(text: str, *, accent_sensitive: bool) -> str:
    """Text as compared for short answers: NFC, case-folded, single spaces; folded if blind."""
    if not accent_sensitive:
        return fold(text)
    folded = unicodedata.normalize("NFC", text).casefold()
    return " ".join(unicodedata.normalize("NFC", folded).split())


def _grade_short_text(data: Mapping[str, Any], answer: Mapping[str, Any]) -> Grade:
    text = answer.get("text")
    if not isinstance(text, str):
        return NO_CREDIT
    sensitive = bool(data.get("accent_sensitive", True))
    given = normalise_text(text, accent_sensitive=sensitive)
    if not given:
        return NO_CREDIT
    candidates = [
        (float(accepted.get("weight", 100.0)), index)
        for index, accepted in enumerate(data.get("answers", []))
        if normalise_text(accepted["text"], accent_sensitive=sensitive) == given
    ]
    return _best(candidates)


def answer_value(answer: Mapping[str, Any]) -> float | None:
    """The number of a numeric answer: its stored value, else its text read by the rule."""
    value = answer.get("value")
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    text = answer.get("text")
    return parse_number(text) if isinstance(text, str) else None


def _grade_numeric(data: Mapping[str, Any], answer: Mapping[str, Any]) -> Grade:
    value = answer_value(answer)
    if value is None:
        return NO_CREDIT
    candidates = []
    for index, accepted in enumerate(data.get("ranges", [])):
        low, high = float(accepted["min"]), float(accepted["max"])
        slack = _RANGE_EPSILON * max(1.0, abs(low), abs(high))
        if low - slack <= value <= high + slack:
            candidates.append((float(accepted.get("weight", 100.0)), index))
    return _best(candidates)


def _best(candidates: list[tuple[float, int]]) -> Grade:
    """The grade of the best-weighted accepted answer among those that matched."""
    if not candidates:
        return NO_CREDIT
    weight, index = max(candidates, key=lambda c: (c[0], -c[1]))
    return _full(weight / 100, matched=index)


def _grade_matching(data: Mapping[str, Any], answer: Mapping[str, Any]) -> Grade:
    pairs = {pair["key"]: pair for pair in data.get("pairs", [])}
    matches = answer.get("matches")
    if not pairs or not isinstance(matches, Mapping):
        return NO_CREDIT
    right = 0
    for key, pair in pairs.items():
        choice = matches.get(key)
        chosen = pairs.get(choice) if isinstance(choice, str) else None
        # Two pairs may share the same right-hand text; either of them is then right.
        if chosen is not None and chosen["right_html"] == pair["right_html"]:
            right += 1
    return _full(right / len(pairs))


_GRADERS: dict[str, Callable[[Mapping[str, Any], Mapping[str, Any]], Grade]] = {
    "single": _grade_single,
    "multiple": _grade_multiple,
    "true_false": _grade_true_false,
    "short_text": _grade_short_text,
    "numeric": _grade_numeric,
    "matching": _grade_matching,
}
