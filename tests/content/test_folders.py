"""Course folders checked in worker processes give the report of checking them one by one."""

from __future__ import annotations

from pathlib import Path

import pytest

from learn.content import CheckReport, check_tree
from learn.content import folders as folders_module
from learn.content.course import CourseContext
from learn.content.folders import available_workers, load_folders
from learn.content.framework import DIGCOMP_CODES
from tests.content.conftest import COURSE_MD, SHIPPED, UNIT_MD, broken_copy, write_tree


def assert_same(a: CheckReport, b: CheckReport) -> None:
    assert a.courses == b.courses
    assert a.diagnostics == b.diagnostics


def test_shipped_courses_in_two_processes() -> None:
    assert_same(check_tree(SHIPPED, workers=2), check_tree(SHIPPED, workers=1))


def test_broken_courses_in_two_processes(tmp_path: Path) -> None:
    root = broken_copy(tmp_path / "courses", 5)
    write_tree(root, {"Bad Name/course.md": COURSE_MD, "Bad Name/01-mot.md": UNIT_MD,
                      "zz-no-course-md/01-mot.md": UNIT_MD})
    parallel, serial = check_tree(root, workers=2), check_tree(root, workers=1)
    assert_same(parallel, serial)
    codes = {d.code for d in parallel.errors}
    assert {"course_slug_invalid", "course_md_missing"} <= codes


def test_a_worker_crash_is_not_a_checker_crash(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(folder: Path, ctx: CourseContext):
        raise ValueError("bug")

    monkeypatch.setattr(folders_module, "load_course", broken)
    report = check_tree(SHIPPED, workers=2)
    assert {d.code for d in report.errors} == {"internal_error"}
    assert len(report.errors) == len([p for p in SHIPPED.iterdir()
                                      if p.is_dir() and not p.name.startswith("_")])


def test_url_builders_that_cannot_go_to_a_process_are_used_here() -> None:
    def unit_url(course: str, unit: str, anchor: str | None) -> str:
        return f"/x/{course}/{unit}"

    report = check_tree(SHIPPED, workers=2, unit_url=unit_url)
    assert_same(report, check_tree(SHIPPED, workers=1, unit_url=unit_url))
    assert any("/x/" in unit.html for course in report.courses for unit in course.units)


def test_few_folders_are_loaded_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args, **kwargs):
        raise AssertionError("no process pool for so few folders")

    monkeypatch.setattr(folders_module, "ProcessPoolExecutor", no_pool)
    ctx = CourseContext(DIGCOMP_CODES)
    folders = sorted(p for p in SHIPPED.iterdir() if p.is_dir() and not p.name.startswith("_"))
    results = load_folders(folders[:3], ctx, workers=2)
    assert [r[1].course.slug for r in results if r[1]] == [f.name for f in folders[:3]]


def test_available_workers_is_at_least_one() -> None:
    assert 1 <= available_workers() <= folders_module.MAX_WORKERS
