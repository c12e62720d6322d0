"""Accent-blind folding of search text, the same way publishing fills Course.search_text."""

from __future__ import annotations

import unicodedata

# "đ" is its own letter, not "d" plus a combining mark: NFD leaves it alone.
_LETTER_MAP = str.maketrans({"đ": "d", "Đ": "d"})


def _private_fold(text: str) -> str:
    """Lower case, Vietnamese diacritics removed, spaces collapsed."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTER_MAP))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


try:  # Publishing owns the canonical fold; use it when present so both sides agree.
    from learn.courses.search import fold as _fold
except ModuleNotFoundError as error:  # pragma: no cover - depends on the publishing package
    if error.name != "learn.courses.search":
        raise
    _fold = _private_fold


def fold(text: str) -> str:
    """``text`` folded for accent-blind, case-blind search."""
    return _fold(text or "")
