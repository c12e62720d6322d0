"""Rules every question must follow, whatever file it came from (YAML or GIFT)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from learn.content.diagnostics import Severity
from learn.content.model import QuestionSource


@dataclass(frozen=True)
class Problem:
    """A rule broken by a question; ``option`` is the index of the option concerned."""

    severity: Severity
    code: str
    args: dict[str, Any] = field(default_factory=dict)
    option: int | None = None


def normalise_answer(text: str, accent_sensitive: bool = True) -> str:
    """Short-text comparison form: NFC, case-folded, spaces collapsed; accents dropped
    (and ``đ`` read as ``d``) when ``accent_sensitive`` is False."""
    text = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    if accent_sensitive:
        return text
    text = unicodedata.normalize("NFD", text.replace("đ", "d"))
    return unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))


def question_problems(q: QuestionSource) -> list[Problem]:
    """Every rule of the format that ``q`` breaks."""
    problems: list[Problem] = []
    err, warn = Severity.ERROR, Severity.WARNING
    if q.type in ("single", "multiple"):
        if len(q.options) < 2:
            problems.append(Problem(err, "options_too_few", {"id": q.id}))
        correct = [i for i, o in enumerate(q.options) if o.correct]
        if q.type == "single" and len(correct) == 0 and q.options:
            problems.append(Problem(err, "single_no_correct", {"id": q.id}))
        if q.type == "single" and len(correct) > 1:
            problems.append(Problem(err, "single_many_correct",
                                    {"id": q.id, "count": len(correct)}, correct[1]))
        if q.type == "multiple" and not correct and q.options:
            problems.append(Problem(err, "multiple_no_correct", {"id": q.id}))
        seen: set[str] = set()
        for index, option in enumerate(q.options):
            key = normalise_answer(option.text_md)
            if key in seen:
                problems.append(Problem(err, "option_duplicate", {"text": option.text_md}, index))
            seen.add(key)
            if not option.correct and not option.feedback_md.strip():
                problems.append(Problem(warn, "option_no_feedback",
                                        {"text": option.text_md}, index))
        problems.extend(_weight_problems(q))
    elif q.type == "short_text":
        if not q.text_answers:
            problems.append(Problem(err, "answers_missing", {"id": q.id}))
        elif max(a.weight for a in q.text_answers) < 100:
            problems.append(Problem(warn, "no_full_credit", {"id": q.id}))
        seen = set()
        for index, answer in enumerate(q.text_answers):
            key = normalise_answer(answer.text, q.accent_sensitive)
            if key in seen:
                problems.append(Problem(err, "option_duplicate", {"text": answer.text}, index))
            seen.add(key)
    elif q.type == "numeric":
        if not q.numeric_answers:
            problems.append(Problem(err, "answers_missing", {"id": q.id}))
        elif max(a.weight for a in q.numeric_answers) < 100:
            problems.append(Problem(warn, "no_full_credit", {"id": q.id}))
        for index, answer in enumerate(q.numeric_answers):
            if answer.low is not None and answer.high is not None and answer.low > answer.high:
                bounds = {"low": _num(answer.low), "high": _num(answer.high)}
                problems.append(Problem(err, "range_inverted", bounds, index))
    elif q.type == "matching":
        if len(q.pairs) < 2:
            problems.append(Problem(err, "pairs_too_few", {"id": q.id}))
        seen = set()
        for index, pair in enumerate(q.pairs):
            key = normalise_answer(pair.left_md)
            if key in seen:
                problems.append(Problem(err, "pair_left_duplicate", {"text": pair.left_md}, index))
            seen.add(key)
    return problems


def _weight_problems(q: QuestionSource) -> list[Problem]:
    weights = [o.weight for o in q.options]
    if all(w is None for w in weights):
        return []
    problems: list[Problem] = []
    if q.type == "single":
        index = next(i for i, w in enumerate(weights) if w is not None)
        return [Problem(Severity.ERROR, "weight_single", {"id": q.id}, index)]
    for index, option in enumerate(q.options):
        if option.weight is None:
            if option.correct:
                problems.append(Problem(Severity.ERROR, "weight_missing",
                                        {"text": option.text_md}, index))
        elif (option.correct and option.weight <= 0) or (
            not option.correct and option.weight > 0
        ):
            problems.append(Problem(Severity.ERROR, "weight_sign",
                                    {"text": option.text_md, "weight": _num(option.weight)},
                                    index))
    total = sum(o.weight for o in q.options if o.correct and o.weight and o.weight > 0)
    if not problems and abs(total - 100) > 0.01:
        problems.append(Problem(Severity.WARNING, "weights_sum",
                                {"id": q.id, "total": _num(total)}))
    return problems


def _num(value: float) -> str:
    return f"{value:g}"
