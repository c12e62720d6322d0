"""Single-use recovery codes: 80 random bits each, shown once, stored as SHA-256."""

from __future__ import annotations

import hashlib
import secrets

COUNT = 10
# Crockford's base32 alphabet: no I, L, O or U, so codes read aloud or copied by hand survive.
_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
_LENGTH = 16  # 16 x 5 bits = 80 bits: far beyond guessing, so a fast hash is enough
_CONFUSABLE = str.maketrans({"i": "1", "l": "1", "o": "0"})


def new_code() -> str:
    """A fresh recovery code, grouped as xxxx-xxxx-xxxx-xxxx."""
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, _LENGTH, 4))


def normalise(code: str | None) -> str:
    """The code as stored: lower case, separators dropped, look-alike letters folded."""
    kept = "".join(ch for ch in (code or "").lower() if ch.isalnum())
    return kept.translate(_CONFUSABLE)


def looks_like_code(code: str | None) -> bool:
    """True when the text has the shape of a recovery code (not of a 6-digit TOTP code)."""
    value = normalise(code)
    return len(value) == _LENGTH and all(ch in _ALPHABET for ch in value)


def code_hash(code: str) -> str:
    """The SHA-256 hex digest under which a recovery code is stored."""
    return hashlib.sha256(normalise(code).encode("ascii")).hexdigest()
