"""Imports every feature's models so the metadata is complete (for Alembic and tests)."""

import importlib

MODEL_MODULES = (
    "learn.auth.models",
    "learn.courses.models",
    "learn.learning.models",
    "learn.quiz.models",
    "learn.certificates.models",
    "learn.orgs.models",
    "learn.audit.models",
)


def load_all_models() -> None:
    """Import each model module once."""
    for name in MODEL_MODULES:
        importlib.import_module(name)
