"""Is a database's schema at the revision this code expects (the Alembic head)?"""

from __future__ import annotations

from alembic.script import ScriptDirectory

from learn import schema


def head_revision() -> str:
    """The newest migration this code knows."""
    head = ScriptDirectory.from_config(schema.alembic_config("sqlite://")).get_current_head()
    if head is None:
        raise RuntimeError("no migrations found")
    return head


def known_revisions() -> set[str]:
    """Every migration this code knows."""
    script = ScriptDirectory.from_config(schema.alembic_config("sqlite://"))
    return {rev.revision for rev in script.walk_revisions()}


def revision_problems(revision: str | None) -> list[str]:
    """What is wrong with a database at this revision (nothing when it is the head)."""
    if revision is None:
        return ["no Alembic revision: this is not a learn database (or an empty one)"]
    head = head_revision()
    if revision == head:
        return []
    if revision in known_revisions():
        return [f"schema at revision {revision}, older than {head}: run `learn db upgrade`"]
    return [f"schema at revision {revision}, unknown to this version of learn (newer?)"]
