"""Course content: parse, check and render the Markdown courses in ``courses/``.

Pure Python (no Flask, no SQLAlchemy). The format is ``spec/format.md``; trainers' guide is
``docs/authoring.md``. Public API:

``check_tree(path, *, unit_url=default_unit_url, asset_url=default_asset_url, workers=1)
-> CheckReport``
    Check a courses tree (or a single course folder) and build its courses. Never raises for
    bad content. ``workers`` > 1 checks course folders in that many processes (same report).
    ``report.courses`` holds every course that could be built (catalogue order),
    ``report.publishable`` only those without errors, ``report.diagnostics`` every problem
    (``Diagnostic(file, line, column, severity, code, args, course)``, ``.message(lang)``),
    ``report.course_has_errors(slug)``, ``report.framework`` the DigComp framework.
``unit_url(course_slug, unit_slug, anchor_or_None) -> str`` and
``asset_url(course_slug, AssetSource) -> str``
    The URLs that unit and asset links get in the rendered HTML.
Frozen dataclasses: ``CourseSource``, ``UnitSource``, ``QuizSource``, ``QuestionSource``
    (with ``OptionSource``, ``TextAnswer``, ``NumericAnswer``, ``MatchPair``), ``BankSource``,
    ``AssetSource``; ``TocEntry`` is a ``(level, id, text)`` named tuple. Every
    ``content_hash`` is stable and changes when what a learner sees (or grading uses) changes.
``MarkdownRenderer(course, unit_files, assets, unit_url, asset_url, language).render(text)``
    -> ``Rendered(html, toc, asset_hashes)``; ``sanitise(html, produced_urls)``.
    ``shortcuts=False`` renders every text through the full pipeline (the shortcuts give the
    same output; tests compare).
``parse_gift(text, source_name, renderer=None) -> (questions, diagnostics)``,
``parse_gift_bytes(data, source_name)``, ``to_gift(questions) -> str``,
``to_bank_yaml(questions, title="") -> str``.
``MESSAGES``: every diagnostic code with its Vietnamese and English template.
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
