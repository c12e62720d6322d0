"""Quiz attempts for a sample of the demo's quiz-unit completions, so that score and item
reports have data. Questions are drawn and graded with the quiz engine's own functions;
rows are inserted in bulk."""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, insert, select
from sqlalchemy.orm import Session

from learn.courses.models import QuestionVersion, Quiz
from learn.learning.models import UnitCompletion
from learn.orgs.demo_people import insert_batches
from learn.quiz.drawing import draw_pool, option_order
from learn.quiz.grading import attempt_score, grade, has_passed
from learn.quiz.models import AttemptQuestion, QuizAttempt
from learn.quiz.pool import live_pool
from learn.quiz.timing import deadline_for

MAX_TRIES = 3


def sample_size(learners: int) -> int:
    """How many learners' passes get attempts, per quiz."""
    return min(60, max(20, learners // 25))


@dataclass
class PassSample:
    """A reservoir of (user id, completion moment) per quiz unit."""

    size: int
    rng: random.Random
    seen: dict[int, int] = field(default_factory=dict)
    kept: dict[int, list[tuple[int, datetime]]] = field(default_factory=dict)

    def offer(self, unit_id: int, user_id: int, moment: datetime) -> None:
        """Keep a uniform sample of the completions of a unit."""
        count = self.seen.get(unit_id, 0) + 1
        self.seen[unit_id] = count
        kept = self.kept.setdefault(unit_id, [])
        if len(kept) < self.size:
            kept.append((user_id, moment))
        else:
            slot = self.rng.randrange(count)
            if slot < self.size:
                kept[slot] = (user_id, moment)


def _ease(version: QuestionVersion) -> float:
    """A stable difficulty per question version (some easy, some hard)."""
    return 0.35 + (version.id * 7919 % 61) / 100


def _answer(rng: random.Random, version: QuestionVersion, right: bool) -> dict | None:
    data: Mapping[str, Any] = version.data
    kind = version.type
    if kind in ("single", "multiple"):
        options = [o["key"] for o in data.get("options", [])]
        good = [o["key"] for o in data.get("options", [])
                if o.get("correct") or (o.get("weight") or 0) > 0]
        if kind == "single":
            wrong = [k for k in options if k not in good] or options
            return {"choice": rng.choice(good if right and good else wrong)}
        if right and good:
            return {"choices": good}
        return {"choices": rng.sample(options, max(1, min(len(options), rng.randint(1, 2))))}
    if kind == "true_false":
        value = bool(data.get("answer"))
        return {"value": value if right else not value}
    if kind == "short_text":
        answers = data.get("answers") or [{"text": ""}]
        best = max(answers, key=lambda a: a.get("weight", 100.0))
        return {"text": best["text"] if right else "không rõ"}
    if kind == "numeric":
        ranges = data.get("ranges") or [{"min": 0, "max": 0}]
        best = max(ranges, key=lambda r: r.get("weight", 100.0))
        value = (float(best["min"]) + float(best["max"])) / 2
        return {"value": value if right else float(best["max"]) + 7}
    if kind == "matching":
        keys = [p["key"] for p in data.get("pairs", [])]
        chosen = keys[:] if right else rng.sample(keys, len(keys))
        return {"matches": dict(zip(keys, chosen, strict=True))}
    return None


@dataclass
class _Batch:
    attempts: list[dict] = field(default_factory=list)
    questions: list[list[dict]] = field(default_factory=list)
    passes: list[tuple[int, int, int]] = field(default_factory=list)  # user, unit, index


def _take(rng: random.Random, quiz: Quiz, pool, user_id: int, number: int, ability: float,
          batch: _Batch) -> bool:
    drawn = draw_pool(pool, quiz.draw, quiz.shuffle, rng)
    rows, scores = [], []
    for position, version in enumerate(drawn, start=1):
        chance = 1.0 if ability >= 1.0 else min(0.98, max(0.05, ability + _ease(version) - 0.7))
        answer = _answer(rng, version, rng.random() < chance)
        result = grade(version.type, version.data, answer)
        scores.append(result.score)
        rows.append({"position": position, "question_version_id": version.id,
                     "option_order": option_order(version.type, version.data, quiz.shuffle, rng),
                     "answer": answer, "score": result.score, "correct": result.correct})
    score = attempt_score(scores)
    batch.attempts.append({
        "user_id": user_id, "quiz_id": quiz.id, "number": number, "quiz_version": quiz.version,
        "pass_mark": quiz.pass_mark, "status": "submitted", "score": score,
        "passed": has_passed(score, quiz.pass_mark),
    })
    batch.questions.append(rows)
    return has_passed(score, quiz.pass_mark)


def _set_times(rng: random.Random, quiz: Quiz, attempts: list[dict], passed_at: datetime) -> None:
    """The passing attempt ends at the unit's completion; failed ones came days before."""
    submitted = passed_at
    for attempt in reversed(attempts):
        started = submitted - timedelta(minutes=rng.uniform(4, min(quiz.time_limit_minutes
                                                                   or 25, 25)))
        attempt["submitted_at"], attempt["started_at"] = submitted, started
        attempt["deadline_at"] = deadline_for(started, quiz.time_limit_minutes)
        submitted = started - timedelta(days=rng.uniform(0.2, 2))


def generate_attempts(session: Session, rng: random.Random, sample: PassSample) -> int:
    """Submitted attempts ending in a pass at each sampled completion; returns how many."""
    batch = _Batch()
    for unit_id, passes in sorted(sample.kept.items()):
        quiz = session.scalar(
            select(Quiz).where(Quiz.unit_id == unit_id, Quiz.retired_at.is_(None)))
        pool = live_pool(session, quiz.id) if quiz else []
        if not pool:
            continue
        for user_id, moment in passes:
            ability = rng.betavariate(5, 2)
            first = len(batch.attempts)
            for number in range(1, MAX_TRIES + 1):
                if _take(rng, quiz, pool, user_id, number,
                         1.0 if number == MAX_TRIES else ability, batch):
                    batch.passes.append((user_id, unit_id, len(batch.attempts) - 1))
                    break
                ability += 0.15
            _set_times(rng, quiz, batch.attempts[first:], moment)
    if not batch.attempts:
        return 0
    ids = list(session.scalars(
        insert(QuizAttempt).returning(QuizAttempt.id, sort_by_parameter_order=True),
        batch.attempts,
    ))
    questions = [dict(row, attempt_id=attempt_id)
                 for attempt_id, rows in zip(ids, batch.questions, strict=True) for row in rows]
    insert_batches(session, AttemptQuestion, questions)
    table = UnitCompletion.__table__
    session.connection().execute(
        table.update()
        .where(table.c.user_id == bindparam("b_user"), table.c.unit_id == bindparam("b_unit"))
        .values(attempt_id=bindparam("b_attempt")),
        [{"b_user": u, "b_unit": n, "b_attempt": ids[i]} for u, n, i in batch.passes],
    )
    return len(ids)
