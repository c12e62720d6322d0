"""Password hashing with argon2id and the password policy (length, not composition)."""

from __future__ import annotations

import unicodedata

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

from learn.core.text import fold

MIN_LENGTH = 10
MAX_LENGTH = 256
# zxcvbn's cost grows with length; a long enough prefix decides the score just as well.
_SCORED_PREFIX = 64
MIN_SCORE = 3

_hasher = PasswordHasher()
# A hash of a random value, checked against when the email is unknown, so that an unknown
# email and a wrong password take about the same time.
_dummy_hash = _hasher.hash("unknown-account-timing-equaliser")


def configure(time_cost: int, memory_kib: int) -> None:
    """Set the argon2id cost parameters (lowered in tests)."""
    global _hasher, _dummy_hash
    _hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=1)
    _dummy_hash = _hasher.hash("unknown-account-timing-equaliser")


def normalise(password: str) -> str:
    """NFC form, so the same password typed on two keyboards hashes the same."""
    return unicodedata.normalize("NFC", password)


def hash_password(password: str) -> str:
    """The argon2id hash of a password."""
    return _hasher.hash(normalise(password))


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when the password matches the hash; spends the same effort for a missing hash."""
    try:
        return _hasher.verify(password_hash or _dummy_hash, normalise(password)) and bool(
            password_hash
        )
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with other parameters than the current ones."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


def _personal_words(user_inputs: list[str]) -> list[str]:
    words: list[str] = []
    for value in user_inputs:
        folded = fold(value.replace("@", " ").replace(".", " "))
        parts = [p for p in folded.split() if len(p) >= 3]
        words.extend([value, folded, "".join(parts), *parts])
    return words


def password_problems(password: str, user_inputs: list[str]) -> list[str]:
    """Codes of what is wrong with a new password: too_short, too_long, too_weak, personal."""
    password = normalise(password)
    if len(password) < MIN_LENGTH:
        return ["too_short"]
    if len(password) > MAX_LENGTH:
        return ["too_long"]
    personal = _personal_words(user_inputs)
    folded = fold(password).replace(" ", "")
    for value in user_inputs:
        whole = fold(value).replace(" ", "")
        if len(whole) >= 4 and whole in folded:
            return ["personal"]
    result = zxcvbn(fold(password[:_SCORED_PREFIX]), user_inputs=personal)
    if result["score"] < MIN_SCORE:
        return ["too_weak"]
    return []
