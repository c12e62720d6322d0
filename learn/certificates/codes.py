"""Certificate codes: unguessable, easy to read aloud and type (no 0/O, 1/I/L)."""

from __future__ import annotations

import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12  # 31**12 ~ 2**59 possibilities
GROUP = 4


def new_code() -> str:
    """A fresh random code of CODE_LENGTH characters from ALPHABET."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str | None) -> str:
    """A code as typed (spaces, dashes, lower case) in its stored form."""
    return "".join((text or "").split()).replace("-", "").upper()


def looks_like_code(code: str) -> bool:
    """True when the normalised text could be a code (saves a query on junk)."""
    return len(code) == CODE_LENGTH and all(ch in ALPHABET for ch in code)


def display_code(code: str) -> str:
    """A code in groups of four for reading: ABCD-EFGH-JKMN."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))
