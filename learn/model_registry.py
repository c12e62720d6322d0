"""Imports every feature's models so the metadata is complete (for Alembic and tests)."""

import importlib

MODEL_MODULES = ("learn.auth.models",)


def load_all_models() -> None:
    """Import each model module once."""
    for name in MODEL_MODULES:
        importlib.import_module(name)
