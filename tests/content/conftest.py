"""Helpers for the content tests: build small course trees on disk."""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from learn.content import CheckReport, Diagnostic, check_tree

FIXTURES = Path(__file__).parent / "fixtures"
WORKED_EXAMPLE = FIXTURES / "courses"
SHIPPED = Path(__file__).resolve().parents[2] / "courses"
# Edits that break YAML, Markdown and links in every way the checker reports.
EDITS = [":", ": ", "-", "- ", "  ", "\t", "*", "**", "[", "]", "`", "'", '"', "#", "\n", "&",
         "!", "<b>", "_", "|", "> ", "1. ", "\n\n", "    ", "é", "&a ", "*a", "!!str ", "?", "{",
         "[x](01-a.md)", "![i](assets/x.png)", "```", "\\", "\u00a0"]

COURSE_MD = """---
title: "Khoá thử"
summary: "Một khoá học để kiểm thử."
---
Giới thiệu.
"""
UNIT_MD = """---
title: "Bài một"
---
# Bài một

Nội dung.
"""

TreeWriter = Callable[..., Path]


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` (relative path → text or bytes) under ``root``."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def tree(tmp_path: Path) -> TreeWriter:
    """Write a courses tree; a course ``c`` with course.md and one unit is the default base."""

    def make(files: dict[str, str | bytes], *, base: bool = True) -> Path:
        root = tmp_path / "courses"
        content: dict[str, str | bytes] = {}
        if base:
            content = {"c/course.md": COURSE_MD, "c/01-mot.md": UNIT_MD}
        content.update(files)
        return write_tree(root, content)

    return make


def codes(report: CheckReport) -> set[str]:
    """The message codes of a report."""
    return {d.code for d in report.diagnostics}


def find(report: CheckReport, code: str) -> Diagnostic:
    """The single diagnostic with ``code`` (fails with the whole report otherwise)."""
    found = [d for d in report.diagnostics if d.code == code]
    assert len(found) == 1, [d.format("en") for d in report.diagnostics]
    return found[0]


def check(root: Path) -> CheckReport:
    """``check_tree`` that also asserts the checker itself never failed."""
    report = check_tree(root)
    assert "internal_error" not in codes(report), [d.format("en") for d in report.diagnostics]
    return report


def unit(front: str, body: str = "# Tiêu đề\n\nNội dung.\n") -> str:
    """A unit file from its front matter lines and body."""
    return f"---\n{front}---\n{body}"


def quiz(yaml_text: str, before: str = "# Bài\n\nNội dung.\n\n") -> str:
    """A unit file whose body holds a quiz block with ``yaml_text``."""
    return f'---\ntitle: "Bài"\n---\n{before}```quiz\n{yaml_text}```\n'


def broken_copy(target: Path, seed: int) -> Path:
    """The shipped courses with a few random edits in most of their text files."""
    rng = random.Random(seed)
    shutil.copytree(SHIPPED, target)
    for path in sorted(target.rglob("*")):
        if path.suffix not in (".md", ".yaml", ".gift") or rng.random() < 0.3:
            continue
        text = path.read_text(encoding="utf-8")
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(text) + 1)
            if rng.random() < 0.7:
                text = text[:at] + rng.choice(EDITS) + text[at:]
            else:
                text = text[:at] + text[at + rng.randint(1, 5):]
        path.write_text(text, encoding="utf-8")
    return target
