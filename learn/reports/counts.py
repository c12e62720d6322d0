"""Completion counts of a group of learners, and how they add up."""

from __future__ import annotations

from dataclasses import dataclass

from learn.reports.tables import ratio


@dataclass
class Counts:
    """Counts over assigned (learner, course) pairs, plus distinct learners.

    learners: distinct people with at least one assigned course; pairs: assigned
    (learner, course) pairs; started: pairs with a progress record; completed: pairs with
    a completion (within the period, if one is chosen); overdue: pairs past their due date
    with no completion.
    """

    learners: int = 0
    pairs: int = 0
    started: int = 0
    completed: int = 0
    overdue: int = 0

    def add(self, other: Counts) -> None:
        """Add another group's counts (groups are disjoint: one unit per person)."""
        self.learners += other.learners
        self.pairs += other.pairs
        self.started += other.started
        self.completed += other.completed
        self.overdue += other.overdue

    @property
    def rate(self) -> float | None:
        """Completed pairs / assigned pairs, rounded to a whole percent."""
        return ratio(self.completed, self.pairs)
