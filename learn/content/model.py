"""The parsed course content: frozen dataclasses, the public result of ``check_tree``.

All texts exist twice: the Markdown the trainer wrote (``*_md``) and the rendered,
sanitised HTML (``*_html``). Every ``content_hash`` is a SHA-256 hex digest of what the
learner sees or what grading uses, so it changes exactly when that changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

QUESTION_TYPES = ("single", "multiple", "true_false", "short_text", "numeric", "matching")
REVIEW_MODES = ("after_submit", "after_pass", "never")
AUDIENCES = ("official", "citizen", "specialist", "business")
LEVELS = ("basic", "intermediate", "advanced")
LANGUAGES = ("vi", "en")


@dataclass(frozen=True)
class OptionSource:
    """One option of a single/multiple choice question."""

    text_md: str
    text_html: str
    correct: bool
    weight: float | None = None  # percent, multiple choice partial credit; None = all-or-nothing
    feedback_md: str = ""
    feedback_html: str = ""


@dataclass(frozen=True)
class TextAnswer:
    """An accepted answer of a short_text question."""

    text: str
    weight: float = 100.0
    feedback_md: str = ""
    feedback_html: str = ""


@dataclass(frozen=True)
class NumericAnswer:
    """An accepted answer of a numeric question: ``value ± tolerance`` or ``low..high``."""

    value: float | None = None
    tolerance: float = 0.0
    low: float | None = None
    high: float | None = None
    weight: float = 100.0
    feedback_md: str = ""
    feedback_html: str = ""

    def accepts(self, number: float) -> bool:
        """True when ``number`` is accepted by this answer."""
        if self.value is not None:
            return abs(number - self.value) <= self.tolerance + 1e-12
        if self.low is None or self.high is None:
            return False
        return self.low <= number <= self.high


@dataclass(frozen=True)
class MatchPair:
    """One left → right pair of a matching question."""

    left_md: str
    left_html: str
    right_md: str
    right_html: str


@dataclass(frozen=True)
class QuestionSource:
    """One question, inline in a quiz or from a bank (YAML or GIFT).

    Per type: ``single``/``multiple`` use ``options``; ``true_false`` uses ``answer`` and
    ``feedback_true_*``/``feedback_false_*`` (shown when the learner answers true/false);
    ``short_text`` uses ``text_answers`` and ``accent_sensitive``; ``numeric`` uses
    ``numeric_answers``; ``matching`` uses ``pairs``.
    """

    id: str
    type: str
    prompt_md: str
    prompt_html: str
    explanation_md: str = ""
    explanation_html: str = ""
    options: tuple[OptionSource, ...] = ()
    answer: bool | None = None
    feedback_true_md: str = ""
    feedback_true_html: str = ""
    feedback_false_md: str = ""
    feedback_false_html: str = ""
    text_answers: tuple[TextAnswer, ...] = ()
    accent_sensitive: bool = True
    numeric_answers: tuple[NumericAnswer, ...] = ()
    pairs: tuple[MatchPair, ...] = ()
    title: str = ""
    tags: tuple[str, ...] = ()
    content_hash: str = ""
    source_file: str = ""
    source_line: int = 0


@dataclass(frozen=True)
class QuizSource:
    """The quiz of a unit, with its question pool resolved (inline questions + bank)."""

    id: str
    pass_mark: int
    shuffle: bool
    draw: int | None  # None = ask every question of the pool
    attempts: int  # 0 = unlimited
    time_limit_minutes: int | None
    review: str
    bank: str | None
    questions: tuple[QuestionSource, ...]
    content_hash: str
    line: int = 0


class TocEntry(NamedTuple):
    """A heading of a unit, a ``(level, id, text)`` tuple: level 1-6, anchor id, plain text."""

    level: int
    id: str
    text: str


@dataclass(frozen=True)
class UnitSource:
    """One unit file ``NN-<slug>.md``; ``slug`` is its stable id, ``number`` its order."""

    number: int
    slug: str
    title: str
    duration_minutes: int
    objectives: tuple[str, ...]
    competences: tuple[str, ...]
    required: bool
    body_md: str
    html: str
    toc: tuple[TocEntry, ...]
    quiz: QuizSource | None
    content_hash: str
    path: str  # relative to the checked tree root, e.g. "an-toan/02-mat-khau.md"

    @property
    def file_name(self) -> str:
        """The file name, e.g. ``02-mat-khau.md``."""
        return self.path.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class AssetSource:
    """A file under a course's ``assets/`` folder."""

    path: str  # relative to the course folder, e.g. "assets/hinh/logo.svg"
    sha256: str
    size: int
    media_type: str
    file: Path = field(compare=False)  # absolute path on disk

    @property
    def name(self) -> str:
        """The path inside ``assets/`` (used in URLs), e.g. ``hinh/logo.svg``."""
        return self.path.removeprefix("assets/")

    @property
    def is_image(self) -> bool:
        """True for image files (may be shown with ``![alt](...)``)."""
        return self.media_type.startswith("image/")

    def read_bytes(self) -> bytes:
        """The file's bytes, read from disk."""
        return self.file.read_bytes()


@dataclass(frozen=True)
class BankSource:
    """A question bank ``banks/<name>.yaml`` or ``banks/<name>.gift``."""

    name: str
    title: str
    questions: tuple[QuestionSource, ...]
    path: str


@dataclass(frozen=True)
class CourseSource:
    """One course folder; ``slug`` (the folder name) is its stable id."""

    slug: str
    title: str
    summary: str
    audience: tuple[str, ...]
    level: str
    duration_minutes: int
    language: str
    competences: tuple[str, ...]
    pass_mark: int
    certificate: bool
    order: int
    draft: bool
    prerequisites: tuple[str, ...]
    authors: tuple[str, ...]
    overview_md: str
    overview_html: str
    units: tuple[UnitSource, ...]
    banks: tuple[BankSource, ...]
    assets: tuple[AssetSource, ...]
    content_hash: str
    path: str  # the course folder relative to the tree root (= slug)

    def unit(self, slug: str) -> UnitSource | None:
        """The unit with this slug, or None."""
        return next((u for u in self.units if u.slug == slug), None)

    def asset(self, path: str) -> AssetSource | None:
        """The asset at this path (``assets/...``), or None."""
        return next((a for a in self.assets if a.path == path), None)
