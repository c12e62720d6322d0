"""Two-factor sign-in: enrolling an authenticator app, checking codes, recovery codes."""

from __future__ import annotations

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from learn.auth import passwords, recovery_codes, totp
from learn.auth.models import RecoveryCode, TotpCredential, User
from learn.auth.services import AccountError
from learn.db import utcnow

STAFF_ROLES = ("admin", "manager", "trainer")


def key_ring(settings) -> totp.KeyRing:
    """The TOTP key ring of the settings: LEARN_TOTP_KEY, or the secret key when unset."""
    return totp.KeyRing(settings.totp_key or settings.secret_key, tuple(settings.totp_old_keys))


def credential_of(session: Session, user_id: int) -> TotpCredential | None:
    """The user's authenticator enrolment, confirmed or pending."""
    return session.scalar(select(TotpCredential).where(TotpCredential.user_id == user_id))


def is_enabled(session: Session, user_id: int) -> bool:
    """True when the user signs in with a second factor."""
    credential = credential_of(session, user_id)
    return credential is not None and credential.confirmed_at is not None


def start_enrolment(session: Session, user: User, ring: totp.KeyRing) -> TotpCredential:
    """A new pending enrolment with a fresh seed (replacing an unconfirmed one)."""
    credential = credential_of(session, user.id)
    if credential is not None and credential.confirmed_at is not None:
        raise AccountError("two_factor_already_enabled")
    if credential is None:
        credential = TotpCredential(user_id=user.id)
        session.add(credential)
    credential.salt = totp.new_salt()
    credential.key_id = ring.current_id
    credential.created_at = utcnow()
    credential.last_used_step = None
    session.flush()
    return credential


def seed_of(credential: TotpCredential, ring: totp.KeyRing) -> str | None:
    """The TOTP seed of an enrolment, or None when its key is no longer configured."""
    key = ring.key_for(credential.key_id)
    if key is None:
        return None
    return totp.derive_seed(key, credential.salt, credential.user_id)


def confirm_enrolment(
    session: Session, user: User, ring: totp.KeyRing, code: str, *, now: float | None = None
) -> list[str]:
    """Turn two-factor sign-in on with a first correct code; returns new recovery codes."""
    credential = credential_of(session, user.id)
    if credential is None or credential.confirmed_at is not None:
        raise AccountError("two_factor_not_pending")
    seed = seed_of(credential, ring)
    step = totp.matching_step(seed, code, after_step=None, now=now) if seed else None
    if step is None:
        raise AccountError("wrong_code")
    credential.confirmed_at = utcnow()
    credential.last_used_step = step
    codes = replace_recovery_codes(session, user.id)
    session.flush()
    return codes


def verify_totp(
    session: Session, user_id: int, ring: totp.KeyRing, code: str, *, now: float | None = None
) -> bool:
    """True for a current code never used before; the step is recorded atomically."""
    credential = credential_of(session, user_id)
    if credential is None or credential.confirmed_at is None:
        return False
    seed = seed_of(credential, ring)
    if seed is None:
        return False
    step = totp.matching_step(seed, code, after_step=credential.last_used_step, now=now)
    if step is None:
        return False
    # Conditional update: of two requests racing with the same code only one succeeds.
    result = session.execute(
        update(TotpCredential)
        .where(
            TotpCredential.id == credential.id,
            or_(TotpCredential.last_used_step.is_(None), TotpCredential.last_used_step < step),
        )
        .values(last_used_step=step)
        .execution_options(synchronize_session=False)
    )
    session.expire(credential)
    return result.rowcount == 1


def use_recovery_code(session: Session, user_id: int, code: str) -> bool:
    """True when the code is one of the user's unused recovery codes; it is then spent."""
    if not recovery_codes.looks_like_code(code):
        return False
    result = session.execute(
        update(RecoveryCode)
        .where(
            RecoveryCode.user_id == user_id,
            RecoveryCode.code_hash == recovery_codes.code_hash(code),
            RecoveryCode.used_at.is_(None),
        )
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def verify_second_factor(
    session: Session, user_id: int, ring: totp.KeyRing, code: str, *, now: float | None = None
) -> str | None:
    """'totp' or 'recovery' when the code is accepted (and spent), else None."""
    if not is_enabled(session, user_id):
        return None
    if recovery_codes.looks_like_code(code):
        return "recovery" if use_recovery_code(session, user_id, code) else None
    return "totp" if verify_totp(session, user_id, ring, code, now=now) else None


def replace_recovery_codes(session: Session, user_id: int) -> list[str]:
    """Discard the user's recovery codes and make new ones (returned once, in clear)."""
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))
    codes = [recovery_codes.new_code() for _ in range(recovery_codes.COUNT)]
    session.add_all(
        RecoveryCode(user_id=user_id, code_hash=recovery_codes.code_hash(c)) for c in codes
    )
    session.flush()
    return codes


def recovery_codes_left(session: Session, user_id: int) -> int:
    """How many unused recovery codes the user has."""
    return session.scalar(
        select(func.count())
        .select_from(RecoveryCode)
        .where(RecoveryCode.user_id == user_id, RecoveryCode.used_at.is_(None))
    ) or 0


def disable(session: Session, user_id: int) -> None:
    """Turn two-factor sign-in off: the enrolment and every recovery code are deleted."""
    session.execute(delete(TotpCredential).where(TotpCredential.user_id == user_id))
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))
    session.flush()


def needs_enrolment(session: Session, user: User, required_for_staff: bool) -> bool:
    """True when policy requires this user to set up two-factor sign-in and they have not."""
    if not required_for_staff or not user.has_role(*STAFF_ROLES):
        return False
    return not is_enabled(session, user.id)


def step_up(
    session: Session, user: User, ring: totp.KeyRing, password: str, code: str | None
) -> str | None:
    """Re-check the current password and, when 2FA is on, a code; returns the code's kind."""
    if not passwords.verify_password(user.password_hash, password or ""):
        raise AccountError("wrong_current_password")
    if not is_enabled(session, user.id):
        return None
    if not (code or "").strip():
        raise AccountError("code_required")
    method = verify_second_factor(session, user.id, ring, code or "")
    if method is None:
        raise AccountError("wrong_code")
    return method


def keys_in_use(session: Session) -> dict[str, int]:
    """How many confirmed enrolments use each key fingerprint (for key rotation)."""
    rows = session.execute(
        select(TotpCredential.key_id, func.count())
        .where(TotpCredential.confirmed_at.is_not(None))
        .group_by(TotpCredential.key_id)
    )
    return {key: int(count) for key, count in rows}
