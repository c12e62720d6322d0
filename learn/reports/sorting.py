"""Sort state from query parameters (?sort=key&dir=desc), checked against allowed keys."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class SortState:
    """Which column a table is sorted by, and in which direction."""

    key: str
    descending: bool = False

    def toggled_for(self, key: str) -> SortState:
        """The state a header link should ask for: flip the direction of the current column."""
        if key == self.key:
            return SortState(key, not self.descending)
        return SortState(key, False)


def parse_sort(args: Mapping[str, str], allowed: Sequence[str], default: SortState) -> SortState:
    """The sort state asked for in the query string, or the default when it is not allowed."""
    key = args.get("sort", "")
    if key not in allowed:
        return default
    return SortState(key, args.get("dir") == "desc")
