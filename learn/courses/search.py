"""Accent-blind search text: lower case, no Vietnamese diacritics (``đ`` → ``d``).

The folding itself is the shell's (``learn.core.text.fold``), so search queries, the
catalogue and ``Course.search_text`` always agree.
"""

from __future__ import annotations

from learn.core.text import fold as _core_fold


def fold(text: str) -> str:
    """``text`` folded for search: lower case, diacritics removed, spaces collapsed."""
    return _core_fold(text or "")


def search_text(title: str, summary: str) -> str:
    """The folded text a course is found by: its title and summary."""
    return fold(f"{title} {summary}")
