"""The outcome of a publishing run, as objects and as the JSON kept in ``Publication.summary``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from learn.content import Diagnostic, Severity

# Course statuses: published for the first time, changed, identical to what is stored,
# not published because of errors, or retired because its folder is gone.
STATUSES = ("added", "changed", "unchanged", "error", "retired")
COUNT_KEYS = ("added", "changed", "restored", "unchanged", "retired")
MAX_STORED_DIAGNOSTICS = 200


def empty_counts() -> dict[str, int]:
    """Zero for every count key."""
    return dict.fromkeys(COUNT_KEYS, 0)


@dataclass
class CourseResult:
    """What publishing did (or, in a dry run, would do) to one course."""

    slug: str
    title: str
    status: str
    draft: bool = False
    version: int | None = None
    units: dict[str, int] = field(default_factory=empty_counts)
    quizzes: dict[str, int] = field(default_factory=empty_counts)
    questions: dict[str, int] = field(default_factory=empty_counts)
    assets_added: int = 0
    errors: int = 0
    warnings: int = 0

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable dictionary."""
        return {
            "slug": self.slug, "title": self.title, "status": self.status, "draft": self.draft,
            "version": self.version, "units": dict(self.units), "quizzes": dict(self.quizzes),
            "questions": dict(self.questions), "assets_added": self.assets_added,
            "errors": self.errors, "warnings": self.warnings,
        }


@dataclass
class PublicationResult:
    """The whole run: per-course results, the checker's diagnostics, and the record made."""

    root: str
    source: str
    dry_run: bool
    courses: list[CourseResult]
    diagnostics: tuple[Diagnostic, ...]
    problem: str | None = None  # "no_courses" when the folder holds no course at all
    fingerprint: str | None = None  # of the whole tree (None when publishing one folder)
    # When the files are identical to what this publication published (not parsed again).
    unchanged_since: int | None = None
    publication_id: int | None = None

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The error diagnostics."""
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        """The warning diagnostics."""
        return tuple(d for d in self.diagnostics if d.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """True when nothing was held back: no error anywhere."""
        return not self.errors and self.problem is None

    @property
    def changed(self) -> bool:
        """True when the run wrote (or would write) course content."""
        return any(c.status in ("added", "changed", "retired") for c in self.courses)

    def to_json(self) -> dict[str, Any]:
        """The summary stored in ``Publication.summary`` (errors kept, warnings counted)."""
        errors = sorted(self.errors, key=_diagnostic_order)
        return {
            "root": self.root,
            "source": self.source,
            "dry_run": self.dry_run,
            "ok": self.ok,
            "problem": self.problem,
            "fingerprint": self.fingerprint,
            "unchanged_since": self.unchanged_since,
            "error_count": len(errors),
            "warning_count": len(self.warnings),
            "courses": [c.to_json() for c in self.courses],
            "errors": [diagnostic_to_json(d) for d in errors[:MAX_STORED_DIAGNOSTICS]],
        }


def _diagnostic_order(d: Diagnostic) -> tuple:
    return (d.file, d.line or 0, d.column or 0, d.code)


def sorted_diagnostics(diagnostics: tuple[Diagnostic, ...]) -> list[Diagnostic]:
    """Diagnostics by file, line and column, as the checker prints them."""
    return sorted(diagnostics, key=_diagnostic_order)


def diagnostic_to_json(d: Diagnostic) -> dict[str, Any]:
    """A diagnostic without its rendered message, so it can be shown in any language later."""
    data = d.to_json("en")
    data.pop("message", None)
    return data


def diagnostic_from_json(data: dict[str, Any]) -> Diagnostic:
    """The diagnostic stored by ``diagnostic_to_json``."""
    return Diagnostic(
        file=data["file"], line=data.get("line"), column=data.get("column"),
        severity=Severity(data["severity"]), code=data["code"], args=data.get("args") or {},
        course=data.get("course"),
    )
