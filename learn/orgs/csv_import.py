"""What the orgs and users CSV importers share: the plan of a file and its column checks.

Both importers plan first (every row: create, update, unchanged or error with its reasons)
and apply a plan only when no row has an error, so a file is applied whole or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import KW_ONLY, dataclass, field
from typing import Generic, TypeVar

from learn.orgs.csvfile import CsvTable
from learn.orgs.errors import OrgError


@dataclass
class RowPlan:
    """What an import does with one row; `number` is the row as a spreadsheet shows it."""

    number: int
    _: KW_ONLY
    status: str = "unchanged"
    changes: list[str] = field(default_factory=list)
    errors: list[OrgError] = field(default_factory=list)

    def set_changes(self, changes: list[str]) -> None:
        """Record which fields an existing record would change: an update, or unchanged."""
        self.changes = changes
        self.status = "update" if changes else "unchanged"


Row = TypeVar("Row", bound=RowPlan)


@dataclass
class ImportPlan(Generic[Row]):
    """The plan of a whole file: its rows and the columns the importer does not read."""

    rows: list[Row]
    ignored_columns: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when no row has an error."""
        return not any(row.errors for row in self.rows)

    def count(self, status: str) -> int:
        """How many rows have this status."""
        return sum(1 for row in self.rows if row.status == status)

    def counts(self) -> dict[str, int]:
        """How many rows an applied plan created, updated and left unchanged (for the audit)."""
        return {"created": self.count("create"), "updated": self.count("update"),
                "unchanged": self.count("unchanged")}


def check_columns(
    table: CsvTable, required: Sequence[str], known: Sequence[str]
) -> tuple[str, ...]:
    """OrgError when a required column is missing; else the columns the importer ignores."""
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise OrgError("missing_columns", ", ".join(missing))
    return tuple(c for c in table.columns if c not in known)


def mark_errors(rows: Iterable[RowPlan]) -> None:
    """Give every row with an error the status "error", whatever was planned for it."""
    for row in rows:
        if row.errors:
            row.status = "error"


def note_first(first: dict[str, Row], key: str, row: Row, error_code: str) -> None:
    """Remember the first row of each key; a later row with the same key gets an error."""
    if key in first:
        row.errors.append(OrgError(error_code, str(first[key].number)))
    else:
        first[key] = row
