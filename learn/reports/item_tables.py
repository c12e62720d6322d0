"""The quiz item analysis as tables (screen, CSV, XLSX)."""

from __future__ import annotations

from flask_babel import gettext as _

from learn.reports.items import ItemReport
from learn.reports.labels import FLAG_LABELS, QUESTION_TYPE_LABELS, TRUE_FALSE_LABELS, label
from learn.reports.tables import Column, ReportDocument, ReportTable, Row, ratio, two_decimals


def _option_text(question_type: str, key: str, text: str) -> str:
    if question_type == "true_false":
        return label(TRUE_FALSE_LABELS, key)
    return f"{key}: {text}" if text else key


def item_document(report: ItemReport, filename_stem: str) -> ReportDocument:
    """Quizzes, questions (difficulty, discrimination, flags) and option choices."""
    quizzes = ReportTable(
        key="item-quizzes",
        title=_("Quizzes and graded attempts"),
        columns=(
            Column("quiz", _("Quiz"), "text"),
            Column("attempts", _("Graded attempts"), "int"),
            Column("group", _("Attempts in the upper and in the lower group"), "int"),
            Column("retired", _("Retired"), "text"),
        ),
        rows=[
            Row((q.key, q.attempts, q.group_size, _("Yes") if q.retired else _("No")))
            for q in report.quizzes
        ],
    )
    questions = ReportTable(
        key="item-questions",
        title=_("Questions"),
        columns=(
            Column("quiz", _("Quiz"), "text"),
            Column("question", _("Question"), "text"),
            Column("type", _("Type"), "text"),
            Column("versions", _("Versions"), "text"),
            Column("attempts", _("Answers given"), "int"),
            Column("difficulty", _("Share correct"), "percent"),
            Column("discrimination", _("Discrimination"), "number", decimals=2),
            Column("flags", _("To review"), "text"),
        ),
        rows=[
            Row((
                item.quiz_key, item.question_key, label(QUESTION_TYPE_LABELS, item.question_type),
                ", ".join(f"v{v}" for v in item.versions), item.attempts,
                ratio(item.correct, item.attempts), two_decimals(item.discrimination),
                "; ".join(label(FLAG_LABELS, f) for f in item.flags),
            ))
            for item in report.items
        ],
    )
    options = ReportTable(
        key="item-options",
        title=_("Options chosen"),
        columns=(
            Column("quiz", _("Quiz"), "text"),
            Column("question", _("Question"), "text"),
            Column("option", _("Option"), "text"),
            Column("correct", _("Correct option"), "text"),
            Column("chosen", _("Chosen"), "int"),
            Column("share", _("Chosen (share of answers)"), "percent"),
        ),
        rows=[
            Row((
                item.quiz_key, item.question_key,
                _option_text(item.question_type, option.key, option.text),
                _("Yes") if option.correct else _("No"), option.chosen,
                ratio(option.chosen, item.attempts),
            ))
            for item in report.items
            for option in item.options
        ],
    )
    return ReportDocument(
        title=_("Quiz item analysis: %(course)s", course=report.course.title),
        filename_stem=filename_stem,
        tables=[quizzes, questions, options],
    )
