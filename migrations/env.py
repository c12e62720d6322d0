"""Alembic environment: the URL comes from the same settings the app uses."""

from alembic import context
from sqlalchemy import create_engine, pool

from learn.db import Base
from learn.model_registry import load_all_models

load_all_models()
config = context.config
target_metadata = Base.metadata


def _render_item(type_, obj, autogen_context):
    # Store UTCDateTime as a plain timezone-aware DateTime so migrations do not import the app.
    if type_ == "type" and obj.__class__.__name__ == "UTCDateTime":
        return "sa.DateTime(timezone=True)"
    return False


def _configure(**kwargs) -> None:
    context.configure(
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        render_item=_render_item,
        **kwargs,
    )


def run_offline() -> None:
    """Emit SQL without a connection."""
    _configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Apply migrations over a connection (one given by the caller, or a new one)."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool)
    with engine.connect() as connection:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
