"""Reading the audit log: filtered, newest first, one page at a time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from learn.audit.models import AuditEvent
from learn.core.localtime import end_of_local_day, start_of_local_day

PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditFilter:
    """What the administrator asked to see."""

    action: str = ""
    actor: str = ""
    date_from: date | None = None
    date_to: date | None = None


def search_events(
    session: Session, wanted: AuditFilter, page: int = 1
) -> tuple[list[AuditEvent], int]:
    """Events matching the filter, newest first: (this page, total count)."""
    statement = select(AuditEvent)
    if wanted.action:
        statement = statement.where(AuditEvent.action.startswith(wanted.action, autoescape=True))
    if wanted.actor:
        statement = statement.where(
            func.lower(AuditEvent.actor_label).contains(wanted.actor.lower(), autoescape=True)
        )
    if wanted.date_from:
        statement = statement.where(AuditEvent.occurred_at >= start_of_local_day(wanted.date_from))
    if wanted.date_to:
        statement = statement.where(AuditEvent.occurred_at < end_of_local_day(wanted.date_to))
    total = session.scalar(select(func.count()).select_from(statement.subquery()))
    rows = session.scalars(
        statement.order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        .limit(PAGE_SIZE)
        .offset((max(page, 1) - 1) * PAGE_SIZE)
    ).all()
    return list(rows), total or 0


def known_actions(session: Session) -> list[str]:
    """The action names recorded so far, for the filter's choices."""
    return list(session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))
