"""Recording audit events safely: no secrets, no raw newlines, bounded sizes."""

from __future__ import annotations

from sqlalchemy.orm import Session

from learn.audit.models import AuditEvent

_SECRET_KEYS = ("password", "token", "secret", "code", "otp", "hash")
_MAX_TEXT = 300


def _clean_text(value: object) -> str:
    # Escape control characters so one event can never pose as several lines in a log view.
    text = str(value)
    text = text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n")
    text = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)
    return text[:_MAX_TEXT]


def _clean_details(details: dict | None) -> dict:
    cleaned: dict = {}
    for key, value in (details or {}).items():
        key = _clean_text(key)[:64]
        if any(word in key.lower() for word in _SECRET_KEYS):
            cleaned[key] = "[redacted]"
        elif isinstance(value, bool | int | float) or value is None:
            cleaned[key] = value
        elif isinstance(value, dict):
            cleaned[key] = _clean_details(value)
        elif isinstance(value, list | tuple):
            cleaned[key] = [_clean_text(v) for v in list(value)[:50]]
        else:
            cleaned[key] = _clean_text(value)
    return cleaned


def record(
    session: Session,
    action: str,
    *,
    actor=None,
    actor_id: int | None = None,
    actor_label: str | None = None,
    target: str = "",
    ip_address: str | None = None,
    details: dict | None = None,
) -> AuditEvent:
    """Add an audit event to the session (committed with the change it describes)."""
    event = AuditEvent(
        action=_clean_text(action)[:64],
        actor_id=getattr(actor, "id", None) or actor_id,
        actor_label=_clean_text(actor_label or getattr(actor, "email", "") or "")[:254],
        target=_clean_text(target),
        ip_address=(ip_address or "")[:64] or None,
        details=_clean_details(details),
    )
    session.add(event)
    session.flush()
    return event
