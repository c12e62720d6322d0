"""Drawing an attempt's questions from a quiz's pool and ordering them and their options."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

T = TypeVar("T")


def question_count(pool_size: int, draw: int | None) -> int:
    """How many questions an attempt asks: `draw` of the pool, or all of it."""
    if draw is None or draw <= 0 or draw >= pool_size:
        return pool_size
    return draw


def draw_pool(pool: Sequence[T], draw: int | None, shuffle: bool, rng: random.Random) -> list[T]:
    """The questions of one attempt: a random draw, in random order only when shuffling."""
    count = question_count(len(pool), draw)
    if shuffle:
        return rng.sample(list(pool), count)
    if count == len(pool):
        return list(pool)
    kept = sorted(rng.sample(range(len(pool)), count))
    return [pool[index] for index in kept]


def option_order(
    question_type: str, data: Mapping[str, Any], shuffle: bool, rng: random.Random
) -> list | dict:
    """The display order stored in AttemptQuestion.option_order for one question.

    Options of single/multiple questions are shuffled when the quiz shuffles. The right-hand
    column of a matching question is always shuffled (listing it in pair order would give the
    answer away) and lists each distinct text once.
    """
    if question_type in ("single", "multiple"):
        keys = [option["key"] for option in data.get("options", [])]
        return rng.sample(keys, len(keys)) if shuffle else keys
    if question_type == "matching":
        pairs = data.get("pairs", [])
        lefts = [pair["key"] for pair in pairs]
        if shuffle:
            lefts = rng.sample(lefts, len(lefts))
        seen: set[str] = set()
        rights = []
        for pair in pairs:
            if pair["right_html"] not in seen:
                seen.add(pair["right_html"])
                rights.append(pair["key"])
        return {"lefts": lefts, "rights": rng.sample(rights, len(rights))}
    return []
