"""Course content: parse, check and render the Markdown courses in ``courses/``.

Pure Python (no Flask, no SQLAlchemy). The public API:

- ``check_tree(path, *, unit_url=..., asset_url=...) -> CheckReport``: check a courses tree
  or one course folder; ``report.publishable`` are the courses without errors.
- the frozen dataclasses ``CourseSource``, ``UnitSource``, ``QuizSource``,
  ``QuestionSource`` (with ``OptionSource``, ``TextAnswer``, ``NumericAnswer``,
  ``MatchPair``), ``BankSource``, ``AssetSource``, ``TocEntry``;
- ``Diagnostic`` / ``Severity`` and ``MESSAGES`` (vi + en);
- ``MarkdownRenderer`` / ``sanitise`` and the default URL builders;
- ``parse_gift`` / ``to_gift`` for Moodle GIFT, ``to_bank_yaml`` for our bank format.
"""

from learn.content.bank_yaml import to_bank_yaml
from learn.content.checker import CheckReport, check_tree
from learn.content.diagnostics import Diagnostic, Severity
from learn.content.framework import DIGCOMP_CODES, Competence, Framework
from learn.content.gift import parse_gift, parse_gift_bytes, to_gift
from learn.content.messages import MESSAGES
from learn.content.model import (
    AssetSource,
    BankSource,
    CourseSource,
    MatchPair,
    NumericAnswer,
    OptionSource,
    QuestionSource,
    QuizSource,
    TextAnswer,
    TocEntry,
    UnitSource,
)
from learn.content.render import (
    MarkdownRenderer,
    Rendered,
    default_asset_url,
    default_unit_url,
    sanitise,
)

__all__ = [
    "DIGCOMP_CODES",
    "MESSAGES",
    "AssetSource",
    "BankSource",
    "CheckReport",
    "Competence",
    "CourseSource",
    "Diagnostic",
    "Framework",
    "MarkdownRenderer",
    "MatchPair",
    "NumericAnswer",
    "OptionSource",
    "QuestionSource",
    "QuizSource",
    "Rendered",
    "Severity",
    "TextAnswer",
    "TocEntry",
    "UnitSource",
    "check_tree",
    "default_asset_url",
    "default_unit_url",
    "parse_gift",
    "parse_gift_bytes",
    "sanitise",
    "to_bank_yaml",
    "to_gift",
]
