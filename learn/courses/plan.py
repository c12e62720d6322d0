"""The plan for one course: what to add, change, restore and retire (computed, not written)."""

from __future__ import annotations

from dataclasses import dataclass, field

from learn.content import AssetSource, CourseSource
from learn.courses.diff import Diff, all_unchanged, diff_items
from learn.courses.existing import StoredCourse
from learn.courses.payloads import CourseItems
from learn.courses.summary import CourseResult


@dataclass
class CoursePlan:
    """Everything publishing one course folder would write."""

    source: CourseSource
    items: CourseItems
    stored: StoredCourse | None
    status: str  # "added", "changed" or "unchanged"
    source_hash: str | None = None  # the folder's fingerprint (None: publishing one folder)
    units: Diff = field(default_factory=Diff)
    quizzes: Diff = field(default_factory=Diff)
    questions: Diff = field(default_factory=Diff)
    new_assets: list[AssetSource] = field(default_factory=list)

    @property
    def next_version(self) -> int:
        """The course version after publishing."""
        if self.stored is None:
            return 1
        return self.stored.version + (0 if self.status == "unchanged" else 1)

    def result(self, errors: int = 0, warnings: int = 0) -> CourseResult:
        """The summary of this plan."""
        return CourseResult(
            slug=self.source.slug, title=self.source.title, status=self.status,
            draft=self.source.draft, version=self.next_version,
            units=self.units.counts(), quizzes=self.quizzes.counts(),
            questions=self.questions.counts(), assets_added=len(self.new_assets),
            errors=errors, warnings=warnings,
        )


def is_unchanged(items: CourseItems, stored: StoredCourse | None) -> bool:
    """True when the stored course is live and its tree hash equals the files'."""
    return stored is not None and not stored.retired and stored.tree_hash == items.tree_hash


def plan_course(source: CourseSource, items: CourseItems, stored: StoredCourse | None,
                source_hash: str | None = None) -> CoursePlan:
    """Compare a course with what is stored (children of ``stored`` must be loaded)."""
    if is_unchanged(items, stored):
        return CoursePlan(
            source, items, stored, "unchanged", source_hash,
            units=all_unchanged(items.units), quizzes=all_unchanged(items.quizzes),
            questions=all_unchanged(items.questions),
        )
    known = stored.assets if stored else set()
    return CoursePlan(
        source, items, stored, "added" if stored is None else "changed", source_hash,
        units=diff_items(items.units, stored.units if stored else {}),
        quizzes=diff_items(items.quizzes, stored.quizzes if stored else {}),
        questions=diff_items(items.questions, stored.questions if stored else {}),
        new_assets=[a for a in source.assets if (a.path, a.sha256) not in known],
    )
