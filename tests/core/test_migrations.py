"""Alembic builds the whole schema from an empty database, and it matches the models."""

import os

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from learn import schema
from learn.db import Base
from learn.model_registry import load_all_models
from tests.conftest import fresh_postgres_url


def empty_database_url(tmp_path, label: str = "migrations") -> str:
    """A new, empty database: SQLite in tmp_path, or on the test PostgreSQL server."""
    base = os.environ.get("LEARN_TEST_DATABASE_URL")
    if not base:
        return f"sqlite:///{tmp_path / 'migrated' / f'{label}.db'}"
    return fresh_postgres_url(base, label)


def test_upgrade_to_head_matches_models(tmp_path):
    url = empty_database_url(tmp_path)
    schema.upgrade(url)
    load_all_models()
    engine = create_engine(url)
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True}
        )
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []
    assert schema.current_revision(url) is not None


def test_single_head():
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(schema.alembic_config("sqlite://"))
    assert len(script.get_heads()) == 1
