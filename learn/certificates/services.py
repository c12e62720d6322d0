"""Issuing, finding, listing and revoking certificates."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from learn.audit.services import record as audit
from learn.auth.models import User
from learn.certificates.codes import looks_like_code, new_code, normalise_code
from learn.certificates.models import Certificate
from learn.courses.models import Course
from learn.db import utcnow

_CODE_ATTEMPTS = 8
ADMIN_PAGE_SIZE = 50


class CertificateError(RuntimeError):
    """A certificate could not be issued."""


def certificate_for(session: Session, user_id: int, course_id: int) -> Certificate | None:
    """The learner's certificate for a course, if issued."""
    return session.scalar(
        select(Certificate).where(
            Certificate.user_id == user_id, Certificate.course_id == course_id
        )
    )


def issue_certificate(session: Session, user_id: int, course: Course) -> Certificate:
    """Issue the learner's certificate for the course once; later calls return the same one."""
    existing = certificate_for(session, user_id, course.id)
    if existing is not None:
        return existing
    user = session.get(User, user_id)
    if user is None:
        raise CertificateError(f"no user {user_id}")
    for _attempt in range(_CODE_ATTEMPTS):
        certificate = Certificate(
            code=new_code(),
            user_id=user_id,
            course_id=course.id,
            learner_name=user.full_name,
            course_title=course.title,
            course_language=course.language,
            competences=list(course.competences or []),
            issued_at=utcnow(),
        )
        try:
            with session.begin_nested():
                session.add(certificate)
        except IntegrityError:
            # Either another request issued it just now, or (astronomically rarely) the
            # code was taken: re-read, and otherwise try another code.
            existing = certificate_for(session, user_id, course.id)
            if existing is not None:
                return existing
            continue
        return certificate
    raise CertificateError("could not find a free certificate code")


def find_by_code(session: Session, text: str | None) -> Certificate | None:
    """The certificate with this code as typed (any case, spaces or dashes), or None."""
    code = normalise_code(text)
    if not looks_like_code(code):
        return None
    return session.scalar(select(Certificate).where(Certificate.code == code))


def certificates_of(session: Session, user_id: int) -> list[Certificate]:
    """A learner's certificates, newest first."""
    return list(
        session.scalars(
            select(Certificate)
            .where(Certificate.user_id == user_id)
            .order_by(Certificate.issued_at.desc(), Certificate.id.desc())
        )
    )


def revoke_certificate(
    session: Session, certificate: Certificate, by_user_id: int, reason: str
) -> Certificate:
    """Revoke a certificate with a reason; revoking twice keeps the first date and reason."""
    reason = " ".join(reason.split())
    if not reason:
        raise ValueError("a reason is required")
    if certificate.revoked_at is None:
        certificate.revoked_at = utcnow()
        certificate.revoked_reason = reason
        certificate.revoked_by_id = by_user_id
        audit(
            session, "certificates.revoke", actor_id=by_user_id, target=certificate.code,
            details={"reason": reason},
        )
        session.flush()
    return certificate


def search_certificates(
    session: Session, text: str, page: int = 1
) -> tuple[list[Certificate], int]:
    """Certificates whose code or learner name matches, newest first; (page rows, total)."""
    statement = select(Certificate)
    text = " ".join(text.split())
    if text:
        code = normalise_code(text)
        escaped = text.lower()
        statement = statement.where(
            or_(
                Certificate.code.startswith(code, autoescape=True),
                func.lower(Certificate.learner_name).contains(escaped, autoescape=True),
            )
        )
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    rows = session.scalars(
        statement.order_by(Certificate.issued_at.desc(), Certificate.id.desc())
        .limit(ADMIN_PAGE_SIZE)
        .offset((max(1, page) - 1) * ADMIN_PAGE_SIZE)
    )
    return list(rows), total
