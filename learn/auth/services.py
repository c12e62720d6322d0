"""Account operations: creating users, signing in, server-side sessions, passwords."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import timedelta

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session, joinedload

from learn.auth import passwords
from learn.auth.models import (
    KINDS,
    LANGUAGES,
    ROLES,
    ActivationToken,
    ConsentRecord,
    User,
    UserRole,
    UserSession,
)
from learn.auth.tokens import new_token, token_hash
from learn.db import utcnow

ACTIVATION_HOURS = 72
_LAST_SEEN_GRANULARITY = timedelta(seconds=60)
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class AccountError(ValueError):
    """An account operation refused, with a code the views translate."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(code if not detail else f"{code}: {detail}")
        self.code = code
        self.detail = detail


def normalise_email(email: str) -> str:
    """The canonical form of an email: NFC, trimmed, lower case."""
    return unicodedata.normalize("NFC", email).strip().lower()


def normalise_name(name: str) -> str:
    """A person's name in NFC with single spaces."""
    return " ".join(unicodedata.normalize("NFC", name).split())


def find_user_by_email(session: Session, email: str) -> User | None:
    """The user with this email, whatever its case."""
    return session.scalar(select(User).where(User.email == normalise_email(email)))


def _check_password(password: str, email: str, full_name: str) -> None:
    problems = passwords.password_problems(password, [email, full_name])
    if problems:
        raise AccountError("password_" + problems[0])


def create_user(
    session: Session,
    email: str,
    full_name: str,
    *,
    kind: str = "official",
    roles: Iterable[str] = ("learner",),
    password: str | None = None,
    language: str = "vi",
) -> User:
    """Create a user; without a password the account waits for activation."""
    email = normalise_email(email)
    full_name = normalise_name(full_name)
    if not _EMAIL_RE.match(email) or len(email) > 254:
        raise AccountError("invalid_email")
    if not full_name or len(full_name) > 200:
        raise AccountError("invalid_name")
    if kind not in KINDS:
        raise AccountError("invalid_kind", kind)
    roles = set(roles) or {"learner"}
    unknown = roles.difference(ROLES)
    if unknown:
        raise AccountError("invalid_role", ", ".join(sorted(unknown)))
    if language not in LANGUAGES:
        language = "vi"
    if find_user_by_email(session, email) is not None:
        raise AccountError("email_taken")
    password_hash = None
    if password is not None:
        _check_password(password, email, full_name)
        password_hash = passwords.hash_password(password)
    user = User(
        email=email,
        full_name=full_name,
        kind=kind,
        password_hash=password_hash,
        preferred_language=language,
        is_active=True,
    )
    user.role_rows = [UserRole(role=r) for r in sorted(roles)]
    session.add(user)
    session.flush()
    return user


def set_roles(session: Session, user: User, roles: Iterable[str]) -> None:
    """Replace a user's roles; every user keeps the learner role."""
    wanted = set(roles) | {"learner"}
    unknown = wanted.difference(ROLES)
    if unknown:
        raise AccountError("invalid_role", ", ".join(sorted(unknown)))
    current = {r.role: r for r in user.role_rows}
    for role, row in current.items():
        if role not in wanted:
            user.role_rows.remove(row)
    for role in sorted(wanted.difference(current)):
        user.role_rows.append(UserRole(role=role))
    session.flush()


def register_citizen(
    session: Session,
    email: str,
    full_name: str,
    password: str,
    *,
    notice_version: str,
    language: str,
) -> User:
    """Self-registration of a citizen, recording consent to the privacy notice shown."""
    user = create_user(
        session, email, full_name, kind="citizen", password=password, language=language
    )
    session.add(ConsentRecord(user_id=user.id, notice_version=notice_version, language=language))
    session.flush()
    return user


def issue_activation(session: Session, user: User, hours: int = ACTIVATION_HOURS) -> str:
    """A one-time activation token for the user (the raw token is returned once)."""
    token = new_token()
    session.add(
        ActivationToken(
            token_hash=token_hash(token),
            user_id=user.id,
            expires_at=utcnow() + timedelta(hours=hours),
        )
    )
    session.flush()
    return token


def find_activation(session: Session, token: str) -> ActivationToken | None:
    """The unused, unexpired activation record of a token."""
    row = session.scalar(
        select(ActivationToken).where(ActivationToken.token_hash == token_hash(token))
    )
    if row is None or row.used_at is not None or row.expires_at <= utcnow():
        return None
    return row


def activate(session: Session, token: str, password: str) -> User:
    """Set the password of an account through its one-time link."""
    row = find_activation(session, token)
    if row is None:
        raise AccountError("invalid_token")
    user = session.get(User, row.user_id)
    if user is None or not user.is_active:
        raise AccountError("invalid_token")
    _check_password(password, user.email, user.full_name)
    user.password_hash = passwords.hash_password(password)
    row.used_at = utcnow()
    session.flush()
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active user with these credentials, or None (same effort either way)."""
    user = find_user_by_email(session, email)
    stored = user.password_hash if user is not None else None
    if not passwords.verify_password(stored, password):
        return None
    if user is None or not user.is_active:
        return None
    if passwords.needs_rehash(stored or ""):
        user.password_hash = passwords.hash_password(password)
    return user


def start_session(
    session: Session, user: User, ip_address: str | None, user_agent: str | None
) -> str:
    """Record a new server-side session for the user and return its raw token."""
    token = new_token()
    now = utcnow()
    session.add(
        UserSession(
            token_hash=token_hash(token),
            user_id=user.id,
            created_at=now,
            last_seen_at=now,
            ip_address=(ip_address or "")[:64] or None,
            user_agent=(user_agent or "")[:300] or None,
        )
    )
    user.last_login_at = now
    session.flush()
    return token


# Every signed-in request runs this: the session, its user and their roles come in one
# statement, built once. The session's own fields are read as plain columns (no ORM object
# to build) and written, rarely, with an UPDATE.
_SESSION_USER = (
    select(UserSession.id, UserSession.created_at, UserSession.last_seen_at,
           UserSession.ended_at, User)
    .join(User, User.id == UserSession.user_id)
    .where(UserSession.token_hash == bindparam("token_hash"))
    .options(joinedload(User.role_rows))
)


def _touch_session(session: Session, session_id: int, **values) -> None:
    session.execute(update(UserSession).where(UserSession.id == session_id).values(**values))


def session_user(
    session: Session, token: str, *, idle: timedelta, lifetime: timedelta
) -> User | None:
    """The user of a live session token; expired or ended sessions give None."""
    found = session.execute(_SESSION_USER, {"token_hash": token_hash(token)}).unique().first()
    if found is None:
        return None
    session_id, created_at, last_seen_at, ended_at, user = found
    if ended_at is not None:
        return None
    now = utcnow()
    if now - last_seen_at > idle or now - created_at > lifetime:
        _touch_session(session, session_id, ended_at=now)
        return None
    if not user.is_active:
        return None
    if now - last_seen_at > _LAST_SEEN_GRANULARITY:
        _touch_session(session, session_id, last_seen_at=now)
    return user


def end_session(session: Session, token: str) -> None:
    """End one session: its cookie no longer signs anyone in."""
    session.execute(
        update(UserSession)
        .where(UserSession.token_hash == token_hash(token), UserSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )


def end_all_sessions(session: Session, user_id: int, *, keep_token: str | None = None) -> int:
    """End every session of a user except, optionally, the current one; returns how many."""
    stmt = update(UserSession).where(
        UserSession.user_id == user_id, UserSession.ended_at.is_(None)
    )
    if keep_token is not None:
        stmt = stmt.where(UserSession.token_hash != token_hash(keep_token))
    result = session.execute(stmt.values(ended_at=utcnow()))
    return result.rowcount or 0


def active_sessions(session: Session, user_id: int) -> list[UserSession]:
    """The user's sessions that have not ended, newest first."""
    return list(
        session.scalars(
            select(UserSession)
            .where(UserSession.user_id == user_id, UserSession.ended_at.is_(None))
            .order_by(UserSession.last_seen_at.desc())
        )
    )


def change_password(
    session: Session, user: User, current: str, new: str, *, keep_token: str | None
) -> None:
    """Change a password after checking the current one; other sessions end."""
    if not passwords.verify_password(user.password_hash, current):
        raise AccountError("wrong_current_password")
    _check_password(new, user.email, user.full_name)
    user.password_hash = passwords.hash_password(new)
    end_all_sessions(session, user.id, keep_token=keep_token)
    session.flush()


def set_active(session: Session, user: User, active: bool) -> None:
    """Activate or deactivate a user; deactivation ends their sessions at once."""
    user.is_active = active
    if not active:
        end_all_sessions(session, user.id)
    session.flush()


def set_language(session: Session, user: User, language: str) -> None:
    """Remember a user's preferred language."""
    if language in LANGUAGES:
        user.preferred_language = language
        session.flush()



def consents_of(session: Session, user_id: int) -> list[ConsentRecord]:
    """The user's consents to the privacy notice, newest first."""
    return list(
        session.scalars(
            select(ConsentRecord)
            .where(ConsentRecord.user_id == user_id)
            .order_by(ConsentRecord.consented_at.desc(), ConsentRecord.id.desc())
        )
    )


def end_other_session(session: Session, user_id: int, session_id: int) -> bool:
    """End one of the user's sessions by its id; False when it is not theirs or not live."""
    result = session.execute(
        update(UserSession)
        .where(
            UserSession.id == session_id,
            UserSession.user_id == user_id,
            UserSession.ended_at.is_(None),
        )
        .values(ended_at=utcnow())
    )
    return (result.rowcount or 0) == 1
