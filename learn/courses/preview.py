"""The trainer preview: course folders as they are on disk now, errors and drafts included.

Preview is the one place that reads the files at request time; nothing here is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from learn.content import (
    CheckReport,
    CourseSource,
    Diagnostic,
    Severity,
    UnitSource,
    check_tree,
)
from learn.content.render import AssetUrl, UnitUrl
from learn.courses.assets import course_folder
from learn.courses.summary import sorted_diagnostics


@dataclass(frozen=True)
class FolderRow:
    """One course folder of the tree, for the preview index."""

    slug: str
    course: CourseSource | None  # None when the folder could not be read as a course
    errors: int
    warnings: int
    mine: bool  # the viewer is one of its authors


def _counts(diagnostics: tuple[Diagnostic, ...], slug: str) -> tuple[int, int]:
    errors = sum(1 for d in diagnostics if d.course == slug and d.severity is Severity.ERROR)
    warnings = sum(1 for d in diagnostics if d.course == slug and d.severity is Severity.WARNING)
    return errors, warnings


def tree_overview(courses_dir: Path, email: str) -> tuple[list[FolderRow], list[Diagnostic]]:
    """Every course folder with its problem counts, and the problems outside any course."""
    report = check_tree(courses_dir)
    slugs = {c.slug for c in report.courses} | {d.course for d in report.diagnostics
                                               if d.course is not None}
    rows = []
    for slug in sorted(slugs):
        course = report.course(slug)
        errors, warnings = _counts(report.diagnostics, slug)
        mine = course is not None and email.casefold() in {a.casefold() for a in course.authors}
        rows.append(FolderRow(slug, course, errors, warnings, mine))
    rows.sort(key=lambda r: (not r.mine, r.course.order if r.course else 10**6, r.slug))
    outside = sorted_diagnostics(tuple(d for d in report.diagnostics if d.course is None))
    return rows, outside


@dataclass(frozen=True)
class CoursePreview:
    """One course folder checked and rendered with preview links."""

    slug: str
    report: CheckReport

    @property
    def course(self) -> CourseSource | None:
        """The course, if its folder could be read at all."""
        return self.report.course(self.slug)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Every problem of the folder, by file and line."""
        return sorted_diagnostics(tuple(d for d in self.report.diagnostics
                                        if d.course == self.slug))

    @property
    def errors(self) -> int:
        """How many errors block publishing."""
        return sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)

    def unit(self, unit_slug: str) -> UnitSource | None:
        """A unit of the course by slug."""
        course = self.course
        return course.unit(unit_slug) if course else None

    def diagnostics_of(self, unit: UnitSource) -> list[Diagnostic]:
        """The problems reported in a unit's file."""
        return [d for d in self.diagnostics if d.file == unit.path]


def preview_course(courses_dir: Path, slug: str, unit_url: UnitUrl,
                   asset_url: AssetUrl) -> CoursePreview | None:
    """Check and render one course folder now; None when there is no such folder."""
    folder = course_folder(courses_dir, slug)
    if folder is None:
        return None
    # Without course.md the checker would take the folder for a tree: check the whole tree.
    target = folder if (folder / "course.md").is_file() else courses_dir
    return CoursePreview(slug, check_tree(target, unit_url=unit_url, asset_url=asset_url))
