"""Accent-blind search text: lower case, no Vietnamese diacritics (``đ`` → ``d``)."""

from __future__ import annotations

import unicodedata

# "đ" is a letter of its own, not "d" plus a combining mark: NFD does not split it.
_LETTER_MAP = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def fold(text: str) -> str:
    """``text`` folded for search: lower case, diacritics removed, spaces collapsed."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTER_MAP))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def search_text(title: str, summary: str) -> str:
    """The folded text a course is found by: its title and summary."""
    return fold(f"{title} {summary}")
