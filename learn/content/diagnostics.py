"""Diagnostics: what the checker reports, with file, line and a translatable message code."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from learn.content.messages import render_message


class Severity(StrEnum):
    """How bad a diagnostic is: errors block publishing, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in the course tree.

    ``file`` is relative to the checked tree root (POSIX separators), ``line`` and ``column``
    are 1-based (``None`` when the problem concerns the whole file or folder), ``course`` is the
    slug of the course whose publication the problem blocks (``None`` outside a course).
    """

    file: str
    line: int | None
    column: int | None
    severity: Severity
    code: str
    args: dict[str, Any] = field(default_factory=dict, hash=False)
    course: str | None = None

    def message(self, lang: str = "vi") -> str:
        """The message in Vietnamese (``vi``) or English (``en``)."""
        return render_message(self.code, self.args, lang)

    @property
    def location(self) -> str:
        """``file:line:col`` (as much of it as is known)."""
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self, lang: str = "vi") -> str:
        """``file:line:col: error: message`` in the given language."""
        return f"{self.location}: {self.severity.value}: {self.message(lang)}"

    def to_json(self, lang: str = "vi") -> dict[str, Any]:
        """A JSON-serialisable dictionary (for CI output)."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "course": self.course,
            "args": {k: _jsonable(v) for k, v in self.args.items()},
            "message": self.message(lang),
        }


def _jsonable(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return str(value)


@dataclass(frozen=True)
class Pos:
    """A 1-based line and column inside a file."""

    line: int
    column: int | None = None


class Reporter:
    """Collects diagnostics for one file of one course."""

    def __init__(self, sink: list[Diagnostic], file: str, course: str | None) -> None:
        self._sink = sink
        self.file = file
        self.course = course

    def for_file(self, file: str) -> Reporter:
        """A reporter writing to the same list for another file of the same course."""
        return Reporter(self._sink, file, self.course)

    @property
    def errors(self) -> int:
        """How many errors were reported so far into the shared list (to detect new ones)."""
        return error_count(self._sink)

    def error(self, code: str, pos: Pos | None = None, /, **args: Any) -> None:
        """Report an error at ``pos``."""
        self._add(Severity.ERROR, code, pos, args)

    def warning(self, code: str, pos: Pos | None = None, /, **args: Any) -> None:
        """Report a warning at ``pos``."""
        self._add(Severity.WARNING, code, pos, args)

    def _add(self, severity: Severity, code: str, pos: Pos | None, args: dict[str, Any]) -> None:
        self._sink.append(
            Diagnostic(
                file=self.file,
                line=pos.line if pos else None,
                column=pos.column if pos else None,
                severity=severity,
                code=code,
                args=args,
                course=self.course,
            )
        )


def error_count(diagnostics: list[Diagnostic]) -> int:
    """How many errors are in ``diagnostics``."""
    return sum(1 for d in diagnostics if d.severity is Severity.ERROR)
