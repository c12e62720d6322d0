"""Whole trees, sound and broken: the fast paths change no course, diagnostic or message."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from learn.content import CheckReport, check_tree, strict_yaml
from learn.content import course as course_module
from learn.content.render import MarkdownRenderer
from tests.content.conftest import SHIPPED, broken_copy


def reference_check(root: Path) -> CheckReport:
    """``check_tree`` with the pure-Python YAML loader and the full Markdown pipeline."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(strict_yaml, "compose_fast", lambda text, line_offset=0: None)
        patch.setattr(course_module, "MarkdownRenderer",
                      partial(MarkdownRenderer, shortcuts=False))
        return check_tree(root)


def assert_same_report(root: Path) -> None:
    fast, reference = check_tree(root), reference_check(root)
    assert fast.courses == reference.courses
    assert fast.diagnostics == reference.diagnostics
    assert [d.format("en") for d in fast.diagnostics] == [
        d.format("en") for d in reference.diagnostics]


def test_shipped_courses_are_built_the_same() -> None:
    assert_same_report(SHIPPED)
    assert_same_report(SHIPPED.parent / "tests" / "courses" / "fixtures" / "tree")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_broken_courses_are_reported_the_same(tmp_path: Path, seed: int) -> None:
    root = broken_copy(tmp_path / "courses", seed)
    assert_same_report(root)
    assert check_tree(root).errors  # the edits did break something
