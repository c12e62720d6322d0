"""The programme indicators as tables (screen, CSV, XLSX)."""

from __future__ import annotations

from flask_babel import gettext as _

from learn.reports.indicators import Indicators
from learn.reports.labels import UNIT_KIND_LABELS, label
from learn.reports.tables import Column, ReportDocument, ReportTable, Row


def indicator_document(data: Indicators, filename_stem: str, notes: list[str]) -> ReportDocument:
    """Officials trained (total and by unit), units with a trained specialist, units without."""
    officials = ReportTable(
        key="indicator-officials",
        title=_("Officials who completed the required digital-skills training"),
        columns=(
            Column("officials", _("Officials"), "int"),
            Column("completed", _("Completed"), "int"),
            Column("rate", _("Share"), "percent"),
        ),
        rows=[Row((data.officials.officials, data.officials.completed, data.officials.rate))],
    )
    by_unit = ReportTable(
        key="indicator-officials-by-unit",
        title=_("Officials trained, by unit"),
        columns=(
            Column("unit", _("Unit"), "text"),
            Column("officials", _("Officials"), "int"),
            Column("completed", _("Completed"), "int"),
            Column("rate", _("Share"), "percent"),
        ),
        rows=[Row((line.name, line.officials, line.completed, line.rate))
              for line in data.by_unit],
    )
    units = ReportTable(
        key="indicator-units",
        title=_("Units with a trained IT/digital-transformation specialist"),
        columns=(
            Column("units", _("Units counted"), "int"),
            Column("with", _("With a trained specialist"), "int"),
            Column("rate", _("Share"), "percent"),
        ),
        rows=[Row((len(data.units), data.units_with_trained, data.units_rate))],
    )
    without = ReportTable(
        key="indicator-units-without",
        title=_("Units without a trained specialist"),
        columns=(
            Column("unit", _("Unit"), "text"),
            Column("code", _("Code"), "text"),
            Column("kind", _("Kind"), "text"),
            Column("designated", _("Designated specialists"), "int"),
            Column("reason", _("Reason"), "text"),
        ),
        rows=[
            Row((
                u.name, u.code, label(UNIT_KIND_LABELS, u.kind), u.designated,
                _("No specialist designated") if not u.designated
                else _("No designated specialist has completed the course"),
            ))
            for u in data.units_without
        ],
    )
    return ReportDocument(
        title=_("Programme indicators"),
        filename_stem=filename_stem,
        tables=[officials, by_unit, units, without],
        notes=notes,
    )
