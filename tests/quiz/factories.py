"""Published quiz content written straight into the tables, as format.md's appendix stores it.

Every text carries a marker (ANSWER-KEY, FEEDBACK-..., EXPLANATION-...) so page tests can
assert that nothing of the answer key reaches the attempt page.
"""

from __future__ import annotations

from itertools import count

from learn.courses.models import Course, Question, QuestionVersion, Quiz, QuizQuestion, Unit

_serial = count(1)


def single(key: str, correct: int = 1, n: int = 3) -> tuple[str, str, dict]:
    """A single-choice question whose option number `correct` (1-based) is right."""
    return key, "single", {
        "prompt_html": f"<p>Prompt {key}</p>",
        "explanation_html": f"<p>EXPLANATION-{key}</p>",
        "options": [
            {"key": f"o{i}", "html": f"<p>Option {key}-{i}</p>", "correct": i == correct,
             "weight": None,
             "feedback_html": f"<p>FEEDBACK-{'RIGHT' if i == correct else 'WRONG'}-{key}-{i}</p>"}
            for i in range(1, n + 1)
        ],
    }


def multiple(key: str, correct: tuple[int, ...] = (1, 3), n: int = 4,
             weights: tuple[float, ...] | None = None) -> tuple[str, str, dict]:
    """A multiple-choice question; with weights, partial credit."""
    return key, "multiple", {
        "prompt_html": f"<p>Prompt {key}</p>",
        "explanation_html": f"<p>EXPLANATION-{key}</p>",
        "options": [
            {"key": f"o{i}", "html": f"<p>Option {key}-{i}</p>", "correct": i in correct,
             "weight": weights[i - 1] if weights else None,
             "feedback_html": f"<p>FEEDBACK-{'RIGHT' if i in correct else 'WRONG'}-{key}-{i}</p>"}
            for i in range(1, n + 1)
        ],
    }


def true_false(key: str, answer: bool = True) -> tuple[str, str, dict]:
    """A true/false question."""
    return key, "true_false", {
        "prompt_html": f"<p>Prompt {key}</p>",
        "explanation_html": f"<p>EXPLANATION-{key}</p>",
        "answer": answer,
        "feedback_true_html": f"<p>FEEDBACK-TRUE-{key}</p>",
        "feedback_false_html": f"<p>FEEDBACK-FALSE-{key}</p>",
    }


def short_text(key: str, answers: tuple[str, ...] = ("Hà Nội",),
               accent_sensitive: bool = True) -> tuple[str, str, dict]:
    """A short-text question accepting the given answers at full weight."""
    return key, "short_text", {
        "prompt_html": f"<p>Prompt {key}</p>",
        "explanation_html": f"<p>EXPLANATION-{key}</p>",
        "answers": [{"text": text, "weight": 100.0, "feedback_html": f"<p>FEEDBACK-{key}</p>"}
                    for text in answers],
        "accent_sensitive": accent_sensitive,
    }


def numeric(key: str, low: float = 3.5, high: float = 3.5) -> tuple[str, str, dict]:
    """A numeric question accepting [low, high]."""
    return key, "numeric", {
        "prompt_html": f"<p>Prompt {key}</p>",
        "explanation_html": f"<p>EXPLANATION-{key}</p>",
        "ranges": [{"min": low, "max": high, "weight": 100.0,
                    "feedback_html": f"<p>FEEDBACK-{key}</p>"}],
    }


def matching(key: str, n: int = 3) -> tuple[str, str, dict]:
    """A matching question with n pairs Left-i -> Right-i."""
    return key, "matching", {
        "prompt_html": f"<p>Prompt {key}</p>",
        "explanation_html": f"<p>EXPLANATION-{key}</p>",
        "pairs": [{"key": f"p{i}", "left_html": f"<p>Left {key}-{i}</p>",
                   "right_html": f"<p>Right {key}-{i}</p>"} for i in range(1, n + 1)],
    }


def every_type() -> list[tuple[str, str, dict]]:
    """One question of each type."""
    return [single("q1"), multiple("q2"), true_false("q3"), short_text("q4"), numeric("q5"),
            matching("q6")]


def publish_quiz(session, questions, *, pass_mark: int = 70, shuffle: bool = False,
                 draw: int | None = None, attempts: int = 0, time_limit: int | None = None,
                 review: str = "after_submit", course_slug: str | None = None) -> Quiz:
    """Insert a course with one unit whose quiz pools the given questions; commits."""
    serial = next(_serial)
    course = Course(slug=course_slug or f"khoa-hoc-{serial}", title="Khoá học thử",
                    summary="Tóm tắt.", content_hash="c" * 64, pass_mark=pass_mark)
    session.add(course)
    session.flush()
    unit = Unit(course_id=course.id, slug="bai-kiem-tra", position=1, title="Bài kiểm tra",
                content_hash="u" * 64)
    session.add(unit)
    session.flush()
    quiz = Quiz(course_id=course.id, unit_id=unit.id, key=f"quiz-{serial}", pass_mark=pass_mark,
                shuffle=shuffle, draw=draw, attempts_allowed=attempts,
                time_limit_minutes=time_limit, review=review, content_hash="z" * 64)
    session.add(quiz)
    session.flush()
    for position, (key, qtype, data) in enumerate(questions, start=1):
        add_question(session, quiz, key, qtype, data, position)
    session.commit()
    return quiz


def add_question(session, quiz: Quiz, key: str, qtype: str, data: dict,
                 position: int) -> Question:
    """Add one question (version 1) to a quiz's pool."""
    question = Question(course_id=quiz.course_id, key=key)
    session.add(question)
    session.flush()
    version = QuestionVersion(question_id=question.id, version=1, type=qtype, data=data,
                              content_hash=f"{key:x<64}"[:64])
    session.add(version)
    session.flush()
    question.current_version_id = version.id
    session.add(QuizQuestion(quiz_id=quiz.id, question_id=question.id, position=position))
    session.flush()
    return question


def new_version(session, question: Question, data: dict) -> QuestionVersion:
    """Publish a new version of a question (what a course update does); commits."""
    current = session.get(QuestionVersion, question.current_version_id)
    version = QuestionVersion(question_id=question.id, version=current.version + 1,
                              type=current.type, data=data, content_hash="n" * 64)
    session.add(version)
    session.flush()
    question.current_version_id = version.id
    session.commit()
    return version


def right_answer(qtype: str, data: dict) -> dict:
    """The fully correct answer to a question version, in AttemptQuestion.answer form."""
    if qtype == "single":
        return {"choice": next(o["key"] for o in data["options"] if o["correct"])}
    if qtype == "multiple":
        return {"choices": [o["key"] for o in data["options"] if o["correct"]]}
    if qtype == "true_false":
        return {"value": data["answer"]}
    if qtype == "short_text":
        return {"text": data["answers"][0]["text"]}
    if qtype == "numeric":
        value = data["ranges"][0]["min"]
        return {"text": str(value).replace(".", ","), "value": value}
    return {"matches": {p["key"]: p["key"] for p in data["pairs"]}}


def right_answers(session, attempt, positions=None) -> dict[int, dict]:
    """Right answers for an attempt's questions (all, or the positions given)."""
    answers = {}
    for question in attempt.questions:
        if positions is None or question.position in positions:
            version = session.get(QuestionVersion, question.question_version_id)
            answers[question.position] = right_answer(version.type, version.data)
    return answers
