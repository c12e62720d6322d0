"""The review after submission: the learner's answer, the right one, feedback, explanation.

This is the only place where the answer key of a question version reaches a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from learn.quiz.grading import answer_value, grade
from learn.quiz.presentation import inline_html
from learn.quiz.questions import DrawnQuestion

REVIEW_MODES = ("after_submit", "after_pass", "never")


def review_allowed(mode: str, passed_quiz: bool) -> bool:
    """Whether the quiz's review setting lets the learner see the answers now."""
    if mode == "never":
        return False
    if mode == "after_pass":
        return passed_quiz
    return True


@dataclass(frozen=True)
class ReviewOption:
    """An option with whether the learner chose it, whether it is right, and its feedback."""

    html: Markup
    chosen: bool
    correct: bool
    feedback_html: Markup


@dataclass(frozen=True)
class ReviewMatch:
    """A left-hand item: the learner's match, the right match, and whether they agree."""

    left_html: Markup
    chosen_html: Markup | None
    right_html: Markup
    correct: bool


@dataclass(frozen=True)
class Accepted:
    """An accepted short answer or numeric range and the credit it gives (0..1)."""

    text: str | None  # short answer text; None for a range
    low: float | None = None
    high: float | None = None
    credit: float = 1.0


@dataclass(frozen=True)
class ReviewItem:
    """One question of the review."""

    position: int
    type: str
    prompt_html: Markup
    score: float
    correct: bool
    explanation_html: Markup
    options: list[ReviewOption] = field(default_factory=list)
    given_text: str | None = None
    accepted: list[Accepted] = field(default_factory=list)
    feedback_html: Markup = field(default_factory=Markup)
    matches: list[ReviewMatch] = field(default_factory=list)


def _safe(html: str | None) -> Markup:
    # Question HTML was sanitised with nh3 when the course was published.
    return Markup(html or "")  # noqa: S704  # nosec B704


def review_item(question: DrawnQuestion, true_label: str, false_label: str) -> ReviewItem:
    """The review of one graded question."""
    data, answer = question.data, question.row.answer or {}
    common = {
        "position": question.position,
        "type": question.type,
        "prompt_html": _safe(data.get("prompt_html")),
        "score": question.row.score or 0.0,
        "correct": bool(question.row.correct),
        "explanation_html": _safe(data.get("explanation_html")),
    }
    kind = question.type
    if kind in ("single", "multiple"):
        chosen = {answer.get("choice")} if kind == "single" else set(answer.get("choices") or [])
        options = {o["key"]: o for o in data.get("options", [])}
        order = [k for k in question.row.option_order if k in options] or list(options)
        return ReviewItem(**common, options=[
            ReviewOption(inline_html(options[k]["html"])[0], k in chosen,
                         bool(options[k].get("correct")), _safe(options[k].get("feedback_html")))
            for k in order
        ])
    if kind == "true_false":
        value, right = answer.get("value"), bool(data.get("answer"))
        return ReviewItem(**common, options=[
            ReviewOption(Markup.escape(true_label), value is True, right,
                         _safe(data.get("feedback_true_html"))),
            ReviewOption(Markup.escape(false_label), value is False, not right,
                         _safe(data.get("feedback_false_html"))),
        ])
    if kind == "short_text":
        accepted = [Accepted(a["text"], credit=max(0.0, min(1.0, a.get("weight", 100) / 100)))
                    for a in data.get("answers", [])]
        return ReviewItem(**common, given_text=answer.get("text"),
                          accepted=[a for a in accepted if a.credit > 0],
                          feedback_html=_matched_feedback(question, data.get("answers", [])))
    if kind == "numeric":
        ranges = data.get("ranges", [])
        accepted = [Accepted(None, r["min"], r["max"],
                             max(0.0, min(1.0, r.get("weight", 100) / 100))) for r in ranges]
        given = answer.get("text")
        if given is None and answer_value(answer) is not None:
            given = str(answer_value(answer))
        return ReviewItem(**common, given_text=given,
                          accepted=[a for a in accepted if a.credit > 0],
                          feedback_html=_matched_feedback(question, ranges))
    if kind == "matching":
        pairs = {p["key"]: p for p in data.get("pairs", [])}
        order = question.row.option_order
        lefts = order.get("lefts", list(pairs)) if isinstance(order, dict) else list(pairs)
        given = answer.get("matches") or {}
        rows = []
        for left in lefts:
            pair, chosen = pairs[left], pairs.get(given.get(left))
            rows.append(ReviewMatch(
                inline_html(pair["left_html"])[0],
                inline_html(chosen["right_html"])[0] if chosen else None,
                inline_html(pair["right_html"])[0],
                chosen is not None and chosen["right_html"] == pair["right_html"],
            ))
        return ReviewItem(**common, matches=rows)
    return ReviewItem(**common)


def _matched_feedback(question: DrawnQuestion, accepted: list[dict]) -> Markup:
    """The feedback of the accepted answer or range the learner's answer matched."""
    result = grade(question.type, question.data, question.row.answer)
    if result.matched is None or result.matched >= len(accepted):
        return Markup("")
    return _safe(accepted[result.matched].get("feedback_html"))
