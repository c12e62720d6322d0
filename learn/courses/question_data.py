"""A parsed question in the stored form of format.md's appendix (``QuestionVersion.data``)."""

from __future__ import annotations

from typing import Any

from learn.content import NumericAnswer, QuestionSource


def question_data(q: QuestionSource) -> dict[str, Any]:
    """The JSON stored for a question: rendered HTML, answer key and feedback, by type."""
    data: dict[str, Any] = {"prompt_html": q.prompt_html, "explanation_html": q.explanation_html}
    if q.type in ("single", "multiple"):
        weighted = q.type == "multiple" and any(o.weight is not None for o in q.options)
        data["options"] = [
            {
                "key": f"o{index}",
                "html": option.text_html,
                "correct": option.correct,
                "weight": _weight(option.weight) if weighted else None,
                "feedback_html": option.feedback_html,
            }
            for index, option in enumerate(q.options, start=1)
        ]
    elif q.type == "true_false":
        data["answer"] = bool(q.answer)
        data["feedback_true_html"] = q.feedback_true_html
        data["feedback_false_html"] = q.feedback_false_html
    elif q.type == "short_text":
        data["answers"] = [
            {"text": a.text, "weight": float(a.weight), "feedback_html": a.feedback_html}
            for a in q.text_answers
        ]
        data["accent_sensitive"] = q.accent_sensitive
    elif q.type == "numeric":
        data["ranges"] = [_numeric_range(a) for a in q.numeric_answers]
    elif q.type == "matching":
        data["pairs"] = [
            {"key": f"p{index}", "left_html": pair.left_html, "right_html": pair.right_html}
            for index, pair in enumerate(q.pairs, start=1)
        ]
    return data


def _weight(weight: float | None) -> float:
    # With partial credit on, a wrong option written without a weight costs nothing (the
    # checker refuses a correct option without one).
    return float(weight) if weight is not None else 0.0


def _numeric_range(answer: NumericAnswer) -> dict[str, Any]:
    if answer.value is not None:
        low, high = answer.value - answer.tolerance, answer.value + answer.tolerance
    else:
        low, high = answer.low, answer.high
    return {
        "min": float(low),
        "max": float(high),
        "weight": float(answer.weight),
        "feedback_html": answer.feedback_html,
    }
