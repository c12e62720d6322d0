"""Translated names of the values reports show (unit kinds, kinds of user, question types)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

UNIT_KIND_LABELS = {
    "province": _l("Province"),
    "department": _l("Department"),
    "district": _l("District"),
    "commune": _l("Commune"),
    "office": _l("Office"),
    "other": _l("Other"),
}

USER_KIND_LABELS = {
    "official": _l("Officials"),
    "citizen": _l("Citizens"),
}

QUESTION_TYPE_LABELS = {
    "single": _l("Single choice"),
    "multiple": _l("Multiple choice"),
    "true_false": _l("True/false"),
    "short_text": _l("Short text"),
    "numeric": _l("Numeric"),
    "matching": _l("Matching"),
}

FLAG_LABELS = {
    "too_easy": _l("Too easy"),
    "too_hard": _l("Too hard"),
    "low_discrimination": _l("Low discrimination"),
}

TRUE_FALSE_LABELS = {"true": _l("True"), "false": _l("False")}


def label(mapping: dict, value: str) -> str:
    """The translated label of a value, or the value itself when it has none."""
    found = mapping.get(value)
    return str(found) if found is not None else value
