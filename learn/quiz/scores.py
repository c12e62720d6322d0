"""Scores as learners read them: never rounded up across the pass mark."""

from __future__ import annotations

import math

from flask_babel import format_decimal

from learn.core.i18n import current_language


def score_text(score: float | None) -> str:
    """A percentage 0..100 with at most one decimal, rounded down: 66.67 -> "66,6 %".

    Vietnamese puts a space before the sign: a no-break one, so "%" never wraps alone.
    """
    if score is None:
        return "–"
    shown = math.floor(score * 10 + 1e-6) / 10
    number = format_decimal(shown, format="#,##0.#")
    return f"{number}\u00a0%" if current_language() == "vi" else f"{number}%"


def number_text(value: float) -> str:
    """A number in the learner's notation (3,5 in Vietnamese, 3.5 in English)."""
    return format_decimal(value, format="#,##0.######")
