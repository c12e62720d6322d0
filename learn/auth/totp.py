"""TOTP (RFC 6238) seeds derived from a server key, and code checking with replay protection.

A seed is HKDF-SHA256 (RFC 5869) of the server key, with a random per-enrolment salt and
the user id as context. The database keeps only the salt and the key's fingerprint.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass

import pyotp

STEP_SECONDS = 30
DIGITS = 6
SEED_BYTES = 20  # 160 bits, the length RFC 4226 recommends
# Codes of the previous and next step are accepted too, for phones whose clock drifts.
DRIFT_STEPS = 1
_INFO_PREFIX = b"learn-totp-seed-v1|"
_KEY_ID_LABEL = b"learn-totp-key-id-v1"


def hkdf_sha256(key: bytes, salt: bytes, info: bytes, length: int) -> bytes:
    """HKDF-SHA256 (RFC 5869): extract with the salt, expand with the info."""
    if length > 255 * hashlib.sha256().digest_size:
        raise ValueError("HKDF output too long")
    prk = hmac.new(salt, key, hashlib.sha256).digest()
    output, block, counter = b"", b"", 1
    while len(output) < length:
        block = hmac.new(prk, block + info + bytes([counter]), hashlib.sha256).digest()
        output += block
        counter += 1
    return output[:length]


def key_id(key: str) -> str:
    """A short public fingerprint of a server key, stored beside each enrolment."""
    return hmac.new(key.encode("utf-8"), _KEY_ID_LABEL, hashlib.sha256).hexdigest()[:12]


@dataclass(frozen=True)
class KeyRing:
    """The current server key (new enrolments) and retired ones (existing enrolments)."""

    current: str
    retired: tuple[str, ...] = ()

    @property
    def current_id(self) -> str:
        """The fingerprint of the key new enrolments use."""
        return key_id(self.current)

    def key_for(self, wanted_id: str) -> str | None:
        """The key with this fingerprint, or None when it is no longer configured."""
        for key in (self.current, *self.retired):
            if key and hmac.compare_digest(key_id(key), wanted_id):
                return key
        return None


def new_salt() -> str:
    """A random 256-bit salt for a new enrolment, as hex."""
    return secrets.token_hex(32)


def derive_seed(key: str, salt: str, user_id: int) -> str:
    """The base32 TOTP seed of an enrolment (what the authenticator app stores)."""
    raw = hkdf_sha256(
        key.encode("utf-8"),
        bytes.fromhex(salt),
        _INFO_PREFIX + str(user_id).encode("ascii"),
        SEED_BYTES,
    )
    return base64.b32encode(raw).decode("ascii")


def current_step(now: float | None = None) -> int:
    """The number of the 30-second time step at a moment (now by default)."""
    return int((time.time() if now is None else now) // STEP_SECONDS)


def normalise_code(code: str | None) -> str:
    """The digits typed, without spaces or dashes."""
    return "".join(ch for ch in (code or "") if not ch.isspace() and ch != "-")


def matching_step(
    seed: str, code: str | None, *, after_step: int | None, now: float | None = None
) -> int | None:
    """The time step whose code this is, if it is later than after_step; otherwise None."""
    code = normalise_code(code)
    if len(code) != DIGITS or not code.isascii() or not code.isdigit():
        return None
    totp = pyotp.TOTP(seed, digits=DIGITS, interval=STEP_SECONDS)
    step_now = current_step(now)
    found = None
    for step in range(step_now - DRIFT_STEPS, step_now + DRIFT_STEPS + 1):
        # Every candidate is compared, so the time taken does not reveal which one matched.
        if hmac.compare_digest(totp.generate_otp(step), code):
            found = step
    if found is None or (after_step is not None and found <= after_step):
        return None
    return found


def provisioning_uri(seed: str, account: str, issuer: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(seed, digits=DIGITS, interval=STEP_SECONDS).provisioning_uri(
        name=account, issuer_name=issuer
    )


def grouped(seed: str) -> str:
    """The seed in groups of four characters, for typing it by hand."""
    return " ".join(seed[i : i + 4] for i in range(0, len(seed), 4))
