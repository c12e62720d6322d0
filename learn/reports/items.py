"""Quiz item analysis: difficulty, discrimination and option choices of each question.

Every graded (not open) attempt at a quiz of the course counts. Questions are grouped by
quiz and question key across versions. Discrimination compares the share correct in the
upper and lower 27 % of the quiz's attempts ranked by attempt score.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from learn.courses.models import Course, Question, QuestionVersion, Quiz
from learn.quiz.models import AttemptQuestion, QuizAttempt
from learn.reports.html_text import html_to_text

GROUP_SHARE = 0.27
MIN_ATTEMPTS_FOR_GROUPS = 2
EASY_ABOVE = 0.95
HARD_BELOW = 0.2
DISCRIMINATION_BELOW = 0.2
OPTION_TYPES = ("single", "multiple", "true_false")

TOO_EASY = "too_easy"
TOO_HARD = "too_hard"
LOW_DISCRIMINATION = "low_discrimination"


@dataclass
class OptionCount:
    """How often one option was chosen (correct according to the latest version seen)."""

    key: str
    text: str
    correct: bool
    chosen: int = 0


@dataclass
class ItemStats:
    """The analysis of one question within one quiz."""

    quiz_key: str
    question_key: str
    question_type: str
    versions: list[int]
    attempts: int
    correct: int
    discrimination: float | None
    options: list[OptionCount] = field(default_factory=list)

    @property
    def difficulty(self) -> float | None:
        """Share of attempts answered fully correctly (higher means easier)."""
        return self.correct / self.attempts if self.attempts else None

    @property
    def flags(self) -> list[str]:
        """Why the question deserves a look: too easy, too hard, low discrimination."""
        found = []
        difficulty = self.difficulty
        if difficulty is not None and difficulty > EASY_ABOVE:
            found.append(TOO_EASY)
        if difficulty is not None and difficulty < HARD_BELOW:
            found.append(TOO_HARD)
        if self.discrimination is not None and self.discrimination < DISCRIMINATION_BELOW:
            found.append(LOW_DISCRIMINATION)
        return found


@dataclass(frozen=True)
class QuizSummary:
    """A quiz of the course and how many graded attempts it has."""

    key: str
    attempts: int
    group_size: int
    retired: bool


@dataclass(frozen=True)
class ItemReport:
    """The item analysis of a course."""

    course: Course
    quizzes: list[QuizSummary]
    items: list[ItemStats]


@dataclass(frozen=True)
class _Response:
    attempt_id: int
    quiz_id: int
    question_key: str
    version_id: int
    correct: bool
    answer: dict | None


def _chosen(question_type: str, answer: dict | None) -> list[str]:
    if not isinstance(answer, dict):
        return []
    if question_type == "single":
        choice = answer.get("choice")
        return [choice] if isinstance(choice, str) else []
    if question_type == "multiple":
        choices = answer.get("choices")
        return [c for c in choices if isinstance(c, str)] if isinstance(choices, list) else []
    if question_type == "true_false":
        value = answer.get("value")
        return ["true" if value else "false"] if isinstance(value, bool) else []
    return []


def _options(question_type: str, data: dict) -> list[OptionCount]:
    if question_type == "true_false":
        answer = bool(data.get("answer"))
        return [OptionCount("true", "true", answer), OptionCount("false", "false", not answer)]
    return [
        OptionCount(str(o.get("key")), html_to_text(o.get("html", "")), bool(o.get("correct")))
        for o in data.get("options", [])
        if isinstance(o, dict)
    ]


def _groups(attempts: list[tuple[int, float]]) -> tuple[set[int], set[int], int]:
    """The upper and lower 27 % of attempts by score (ties broken by attempt id)."""
    if len(attempts) < MIN_ATTEMPTS_FOR_GROUPS:
        return set(), set(), 0
    ranked = sorted(attempts, key=lambda a: (-a[1], a[0]))
    size = max(1, round(len(ranked) * GROUP_SHARE))
    size = min(size, len(ranked) // 2)
    upper = {a[0] for a in ranked[:size]}
    lower = {a[0] for a in ranked[-size:]}
    return upper, lower, size


def _share(responses: list[_Response], group: set[int]) -> float | None:
    inside = [r for r in responses if r.attempt_id in group]
    if not inside:
        return None
    return sum(1 for r in inside if r.correct) / len(inside)


def build_item_report(session: Session, course: Course) -> ItemReport:
    """The item analysis of every quiz of the course (three statements)."""
    quizzes = list(session.scalars(
        select(Quiz).where(Quiz.course_id == course.id).order_by(Quiz.id)
    ))
    rows = session.execute(
        select(
            QuizAttempt.id, QuizAttempt.quiz_id, QuizAttempt.score, Question.key,
            QuestionVersion.id, AttemptQuestion.correct, AttemptQuestion.answer,
        )
        .join(AttemptQuestion, AttemptQuestion.attempt_id == QuizAttempt.id)
        .join(QuestionVersion, QuestionVersion.id == AttemptQuestion.question_version_id)
        .join(Question, Question.id == QuestionVersion.question_id)
        .join(Quiz, Quiz.id == QuizAttempt.quiz_id)
        .where(Quiz.course_id == course.id, QuizAttempt.status != "open",
               QuizAttempt.score.is_not(None))
    ).all()
    versions = {
        v.id: v
        for v in session.scalars(
            select(QuestionVersion)
            .join(Question, Question.id == QuestionVersion.question_id)
            .where(Question.course_id == course.id)
        )
    }
    attempt_scores: dict[int, dict[int, float]] = defaultdict(dict)
    responses: dict[tuple[int, str], list[_Response]] = defaultdict(list)
    for attempt_id, quiz_id, score, key, version_id, correct, answer in rows:
        attempt_scores[quiz_id][attempt_id] = float(score)
        responses[(quiz_id, key)].append(
            _Response(attempt_id, quiz_id, key, version_id, bool(correct), answer)
        )
    summaries, groups = [], {}
    for quiz in quizzes:
        upper, lower, size = _groups(list(attempt_scores[quiz.id].items()))
        groups[quiz.id] = (upper, lower)
        summaries.append(QuizSummary(quiz.key, len(attempt_scores[quiz.id]), size,
                                     quiz.retired_at is not None))
    keys = {q.id: q.key for q in quizzes}
    items = []
    for (quiz_id, question_key), answers in sorted(
        responses.items(), key=lambda kv: (kv[0][0], kv[0][1])
    ):
        seen = sorted({versions[r.version_id].version for r in answers})
        latest = max((versions[r.version_id] for r in answers), key=lambda v: v.version)
        upper, lower = groups[quiz_id]
        high, low = _share(answers, upper), _share(answers, lower)
        item = ItemStats(
            quiz_key=keys[quiz_id], question_key=question_key, question_type=latest.type,
            versions=seen, attempts=len(answers),
            correct=sum(1 for r in answers if r.correct),
            discrimination=None if high is None or low is None else high - low,
        )
        if latest.type in OPTION_TYPES:
            item.options = _options(latest.type, latest.data or {})
            counts = Counter(
                choice for r in answers for choice in set(_chosen(latest.type, r.answer))
            )
            for option in item.options:
                option.chosen = counts.get(option.key, 0)
        items.append(item)
    return ItemReport(course=course, quizzes=summaries, items=items)
