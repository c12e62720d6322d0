"""Publishing: check the course files and bring the database in line with them.

One call is one run, inside the caller's transaction (the CLI commits at the end, a web
request in ``after_request``): courses with errors are left exactly as stored, the clean ones
are added or updated by stable ids and content hashes, things removed from the files are
retired (never deleted), and a ``Publication`` row records who ran it and what changed.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from learn.audit.services import record as audit
from learn.content import CheckReport, Severity, check_tree
from learn.courses.apply import apply_plan, refresh_source_hashes, retire_courses
from learn.courses.existing import StoredCourse, load_children, load_courses
from learn.courses.fingerprint import TreeFingerprint, tree_fingerprint
from learn.courses.models import Publication
from learn.courses.payloads import course_items
from learn.courses.plan import CoursePlan, is_unchanged, plan_course
from learn.courses.summary import CourseResult, PublicationResult
from learn.courses.unchanged import unchanged_courses
from learn.db import utcnow

SOURCES = ("cli", "web")
# Any constant will do: it only has to be the same for every publishing run.
_ADVISORY_LOCK_KEY = 0x6C6561726E


def publish(
    session: Session,
    courses_dir: str | Path,
    *,
    user_id: int | None = None,
    source: str = "cli",
    dry_run: bool = False,
    workers: int = 1,
) -> PublicationResult:
    """Check ``courses_dir`` (a tree, or one course folder) and publish its clean courses.

    With ``dry_run`` nothing is written: the result says what a real run would do. With
    ``workers`` > 1 the course folders are checked in that many processes (same result).
    """
    if source not in SOURCES:
        raise ValueError(f"source must be one of {SOURCES}, not {source!r}")
    root = Path(courses_dir)
    if not dry_run:
        _serialise_publishers(session)
    single = (root / "course.md").is_file()
    fingerprint = tree_fingerprint(root) if not single and root.is_dir() else None
    result = None
    if fingerprint is not None and fingerprint.courses:
        result = _unchanged_result(session, root, fingerprint, source, dry_run)
    if result is None:
        result = _full_run(session, root, single, fingerprint, source, dry_run, workers)
    if not dry_run:
        publication = Publication(
            published_by_id=user_id, source=source, created_at=utcnow(),
            summary=result.to_json(), ok=result.ok,
        )
        session.add(publication)
        session.flush()
        result.publication_id = publication.id
        audit(
            session, "courses.publish", actor_id=user_id,
            actor_label=None if user_id else source, target=str(root),
            details={"publication": publication.id, "ok": result.ok},
        )
    return result


def _unchanged_result(session: Session, root: Path, fingerprint: TreeFingerprint, source: str,
                      dry_run: bool) -> PublicationResult | None:
    found = unchanged_courses(session, fingerprint)
    if found is None:
        return None
    since, courses = found
    return PublicationResult(root=str(root), source=source, dry_run=dry_run, courses=courses,
                             diagnostics=(), fingerprint=fingerprint.tree, unchanged_since=since)


def _full_run(session: Session, root: Path, single: bool, fingerprint: TreeFingerprint | None,
              source: str, dry_run: bool, workers: int) -> PublicationResult:
    report = check_tree(root, workers=workers)
    clean = report.publishable
    stored = load_courses(session, [c.slug for c in clean] if single else None)
    items = {c.slug: course_items(c) for c in clean}
    load_children(session, [
        stored[slug] for slug in items
        if slug in stored and not is_unchanged(items[slug], stored[slug])
    ])
    hashes = fingerprint.courses if fingerprint else {}
    plans = [plan_course(c, items[c.slug], stored.get(c.slug), hashes.get(c.slug))
             for c in clean]
    folders = set(hashes)
    problem = "no_courses" if not single and root.is_dir() and not folders else None
    gone = [] if single or problem else [
        course for slug, course in stored.items() if slug not in folders and not course.retired
    ]
    result = PublicationResult(
        root=str(root), source=source, dry_run=dry_run,
        courses=_results(report, plans, gone), diagnostics=report.diagnostics, problem=problem,
        fingerprint=fingerprint.tree if fingerprint else None,
    )
    if not dry_run:
        now = utcnow()
        for plan in plans:
            if plan.status != "unchanged":
                apply_plan(session, plan, now)
        refresh_source_hashes(session, plans)
        retire_courses(session, (course.id for course in gone), now)
    return result


def _serialise_publishers(session: Session) -> None:
    # Two runs at once would both insert the same new rows; on PostgreSQL the second waits.
    # SQLite allows one writer at a time anyway.
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_LOCK_KEY})


def _results(report: CheckReport, plans: list[CoursePlan],
             gone: list[StoredCourse]) -> list[CourseResult]:
    counts: dict[str, list[int]] = {}
    for d in report.diagnostics:
        if d.course is not None:
            counts.setdefault(d.course, [0, 0])[0 if d.severity is Severity.ERROR else 1] += 1
    planned = {plan.source.slug: plan for plan in plans}
    results: list[CourseResult] = []
    for course in report.courses:
        errors, warnings = counts.get(course.slug, [0, 0])
        if course.slug in planned:
            results.append(planned[course.slug].result(errors, warnings))
        else:
            results.append(CourseResult(course.slug, course.title, "error", draft=course.draft,
                                        errors=errors, warnings=warnings))
    built = {course.slug for course in report.courses}
    for slug in sorted(set(counts) - built):
        errors, warnings = counts[slug]
        if errors:
            results.append(CourseResult(slug, "", "error", errors=errors, warnings=warnings))
    results.extend(CourseResult(course.slug, course.title, "retired", version=course.version)
                   for course in sorted(gone, key=lambda c: c.slug))
    return results
