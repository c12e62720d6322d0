"""Comparing what the files say with what is stored, by stable key and content hash."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from learn.courses.existing import Row
from learn.courses.payloads import Item


@dataclass
class Diff:
    """How each wanted item relates to the stored rows, and the rows no longer wanted.

    Every wanted item is in exactly one of added, changed, restored, unchanged; ``restored``
    items were retired and come back (their content may have changed too); ``moved`` lists
    unchanged or restored items whose position alone differs.
    """

    added: list[Item] = field(default_factory=list)
    changed: list[tuple[Item, Row]] = field(default_factory=list)
    restored: list[tuple[Item, Row]] = field(default_factory=list)
    unchanged: list[tuple[Item, Row]] = field(default_factory=list)
    moved: list[tuple[Item, Row]] = field(default_factory=list)
    retired: list[Row] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """The summary numbers of this diff."""
        return {
            "added": len(self.added),
            "changed": len(self.changed),
            "restored": len(self.restored),
            "unchanged": len(self.unchanged),
            "retired": len(self.retired),
        }


def diff_items(wanted: Iterable[Item], stored: Mapping[str, Row]) -> Diff:
    """Sort ``wanted`` items against ``stored`` rows of the same kind and course."""
    result = Diff()
    keys: set[str] = set()
    for item in wanted:
        keys.add(item.key)
        row = stored.get(item.key)
        if row is None:
            result.added.append(item)
            continue
        if row.retired:
            result.restored.append((item, row))
        elif row.hash != item.hash:
            result.changed.append((item, row))
        else:
            result.unchanged.append((item, row))
        if row.hash == item.hash and item.position is not None and row.position != item.position:
            result.moved.append((item, row))
    result.retired = [row for key, row in stored.items() if key not in keys and not row.retired]
    return result


def all_unchanged(items: Iterable[Item]) -> Diff:
    """The diff of a course whose stored tree hash equals the files' (nothing to do)."""
    return Diff(unchanged=[(item, Row(0, item.hash, 0, False)) for item in items])
