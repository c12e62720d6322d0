"""A citizen deletes their account: personal data erased, anonymous counts kept.

What happens (docs/security.md explains why):
- the account row stays, anonymised: name "Người dùng đã xoá", an undeliverable unique email,
  no password, inactive — so course progress and completion counts stay correct;
- sessions, activation links, two-factor data, unit membership, scopes are deleted;
- quiz attempts and their answers are deleted (what someone answered is personal; item
  statistics lose those attempts);
- consents are marked withdrawn (the record that consent existed is kept);
- certificates stay verifiable by their code, detached from the account; the name printed
  on them is replaced by the anonymous name unless the person asks to keep it;
- audit events keep what happened and when, with the email replaced by the placeholder.
"""

from __future__ import annotations

import re
import secrets

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from learn.audit.models import AuditEvent
from learn.auth.models import (
    ActivationToken,
    ConsentRecord,
    RecoveryCode,
    TotpCredential,
    User,
    UserRole,
    UserSession,
)
from learn.auth.services import AccountError
from learn.certificates.models import Certificate
from learn.db import utcnow
from learn.learning.models import UnitCompletion
from learn.orgs import search_index
from learn.orgs.models import ManagerScope, OrgMembership
from learn.privacy.export import audit_condition
from learn.quiz.models import QuizAttempt

DELETED_NAME = "Người dùng đã xoá"
PLACEHOLDER_DOMAIN = "deleted.invalid"  # .invalid can never receive mail (RFC 2606)


def placeholder_email() -> str:
    """A unique, undeliverable address for an anonymised account."""
    return f"deleted-{secrets.token_hex(10)}@{PLACEHOLDER_DOMAIN}"


def can_self_delete(user: User) -> bool:
    """Citizens delete their own accounts; officials' accounts are managed by administrators."""
    return user.kind == "citizen" and user.is_active


def _delete_attempts(session: Session, user_id: int) -> int:
    attempt_ids = select(QuizAttempt.id).where(QuizAttempt.user_id == user_id)
    # Unit completions earned by a quiz stay (counts), no longer pointing at the attempt.
    session.execute(
        update(UnitCompletion)
        .where(UnitCompletion.attempt_id.in_(attempt_ids))
        .values(attempt_id=None)
        .execution_options(synchronize_session=False)
    )
    attempts = session.scalars(select(QuizAttempt).where(QuizAttempt.user_id == user_id)).all()
    for attempt in attempts:
        session.delete(attempt)  # its questions and answers go with it (cascade)
    return len(attempts)


def _scrub_audit(session: Session, user: User, old_email: str) -> None:
    pattern = re.compile(re.escape(old_email), re.IGNORECASE)
    events = session.scalars(select(AuditEvent).where(audit_condition(user.id, old_email))).all()
    for event in events:
        event.actor_label = pattern.sub(user.email, event.actor_label or "")
        event.target = pattern.sub(user.email, event.target or "")


def _detach_certificates(session: Session, user_id: int, keep_names: bool) -> int:
    values: dict = {"user_id": None}
    if not keep_names:
        values["learner_name"] = DELETED_NAME
    result = session.execute(
        update(Certificate)
        .where(Certificate.user_id == user_id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0


def delete_account(session: Session, user: User, *, keep_certificate_names: bool) -> dict:
    """Erase a citizen's personal data, keeping an anonymous account row; returns counts."""
    if not can_self_delete(user):
        raise AccountError("cannot_self_delete")
    old_email = user.email
    now = utcnow()
    for model in (UserSession, ActivationToken, TotpCredential, RecoveryCode, OrgMembership,
                  ManagerScope):
        session.execute(delete(model).where(model.user_id == user.id))
    session.execute(
        update(ConsentRecord)
        .where(ConsentRecord.user_id == user.id, ConsentRecord.withdrawn_at.is_(None))
        .values(withdrawn_at=now)
        .execution_options(synchronize_session=False)
    )
    attempts = _delete_attempts(session, user.id)
    certificates = _detach_certificates(session, user.id, keep_certificate_names)
    session.execute(
        delete(UserRole).where(UserRole.user_id == user.id, UserRole.role != "learner")
    )
    user.full_name = DELETED_NAME
    user.email = placeholder_email()
    user.password_hash = None
    user.is_active = False
    user.last_login_at = None
    user.preferred_language = "vi"
    session.flush()
    search_index.sync_user(session, user)
    _scrub_audit(session, user, old_email)
    session.expire(user, ["role_rows"])
    session.flush()
    return {"quiz_attempts": attempts, "certificates": certificates}
