"""The right answers of an attempt, as form fields: a learner who studied (read from the
database by the load generator, outside the timed requests)."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def _fields(position: int, kind: str, data: dict, order) -> list[tuple[str, str]]:
    name = f"q{position}"
    if kind == "single":
        return [(name, str(i)) for i, key in enumerate(order)
                if any(o["key"] == key and o["correct"] for o in data["options"])][:1]
    if kind == "multiple":
        return [(name, str(i)) for i, key in enumerate(order)
                if any(o["key"] == key and o["correct"] for o in data["options"])]
    if kind == "true_false":
        return [(name, "true" if data["answer"] else "false")]
    if kind == "short_text":
        best = max(data["answers"], key=lambda a: a.get("weight", 100))
        return [(name, best["text"])]
    if kind == "numeric":
        best = max(data["ranges"], key=lambda r: r.get("weight", 100))
        return [(name, _number((best["min"] + best["max"]) / 2))]
    if kind == "matching":
        rights = order.get("rights", [])
        return [(f"{name}-{row}", str(rights.index(left)))
                for row, left in enumerate(order.get("lefts", [])) if left in rights]
    return []


def correct_fields(app: Flask, attempt_id: int) -> list[tuple[str, str]]:
    """Form fields answering every question of the attempt correctly."""
    from learn.courses.models import QuestionVersion
    from learn.db import transaction
    from learn.quiz.models import AttemptQuestion

    with transaction(app) as session:
        rows = session.execute(
            select(AttemptQuestion.position, AttemptQuestion.option_order, QuestionVersion.type,
                   QuestionVersion.data)
            .join(QuestionVersion, QuestionVersion.id == AttemptQuestion.question_version_id)
            .where(AttemptQuestion.attempt_id == attempt_id)
        ).all()
    fields: list[tuple[str, str]] = []
    for position, order, kind, data in rows:
        fields += _fields(position, kind, data, order)
    return fields
