"""A fingerprint of every table, to prove that a refused request changed nothing."""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from learn.db import engine_for
from learn.model_registry import load_all_models

# Touched by any signed-in request (at most once a minute): not a state change.
VOLATILE = {("user_sessions", "last_seen_at")}


def fingerprint(app) -> dict[str, str]:
    """Table name -> a hash of all its rows (volatile columns left out)."""
    from learn.db import Base

    load_all_models()
    result = {}
    with engine_for(app).connect() as connection:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if (table.name, c.name) not in VOLATILE]
            primary = list(table.primary_key.columns) or columns
            rows = connection.execute(select(*columns).order_by(*primary)).all()
            digest = hashlib.sha256(repr([tuple(row) for row in rows]).encode()).hexdigest()
            result[table.name] = f"{len(rows)}:{digest[:16]}"
    return result


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """The tables whose rows differ."""
    return sorted(name for name in before if before[name] != after.get(name))
