"""Users CSV files kept on the server between preview and apply, keyed by a random token."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from learn.auth.tokens import new_token, token_hash
from learn.db import utcnow
from learn.orgs.models import UserImportUpload

UPLOAD_LIFETIME = timedelta(hours=2)
# Activation links wait at most this long for their one download.
LINKS_LIFETIME = timedelta(hours=24)


def purge_old(session: Session) -> None:
    """Forget old uploads and activation links nobody downloaded."""
    now = utcnow()
    session.execute(
        delete(UserImportUpload).where(
            UserImportUpload.created_at < now - LINKS_LIFETIME
        )
    )
    session.execute(
        update(UserImportUpload)
        .where(UserImportUpload.applied_at.is_(None),
               UserImportUpload.created_at < now - UPLOAD_LIFETIME)
        .values(content=b"")
    )
    session.flush()


def keep_upload(session: Session, user_id: int, filename: str, content: bytes) -> str:
    """Store an uploaded file for its preview; returns the token the form carries."""
    purge_old(session)
    token = new_token()
    session.add(
        UserImportUpload(
            token_hash=token_hash(token),
            created_by_id=user_id,
            filename=(filename or "")[:200],
            content=content,
        )
    )
    session.flush()
    return token


def pending_upload(session: Session, user_id: int, token: str) -> UserImportUpload | None:
    """The not yet applied, unexpired upload of this user with this token."""
    row = session.scalar(
        select(UserImportUpload).where(UserImportUpload.token_hash == token_hash(token or ""))
    )
    if row is None or row.created_by_id != user_id or row.applied_at is not None:
        return None
    if row.created_at < utcnow() - UPLOAD_LIFETIME:
        return None
    return row


def mark_applied(session: Session, upload: UserImportUpload, links_csv: str | None) -> None:
    """Record that the upload was applied; the file is dropped, the links kept for download."""
    upload.applied_at = utcnow()
    upload.content = b""
    upload.links_csv = links_csv
    session.flush()


def take_links(session: Session, user_id: int, upload_id: int) -> str | None:
    """The activation links CSV of an applied upload, once: it is deleted as it is read."""
    row = session.get(UserImportUpload, upload_id)
    if row is None or row.created_by_id != user_id or not row.links_csv:
        return None
    links = row.links_csv
    row.links_csv = None
    session.flush()
    return links
