"""Benchmark results: figure, baseline measured in the same run, ratio, verdict; table and JSON."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

PASS, FAIL, INFO, SKIP, ERROR = "PASS", "FAIL", "INFO", "SKIP", "ERROR"


def ratio(value: float | None, baseline: float | None) -> float | None:
    """value / baseline, or None when either is missing or the baseline is zero."""
    if value is None or baseline is None or baseline == 0:
        return None
    return value / baseline


@dataclass
class Result:
    """One measured figure with its same-run baseline and its target."""

    benchmark: str
    db: str
    metric: str
    value: float | None
    unit: str
    baseline: float | None = None
    baseline_label: str = ""
    target: str = ""
    status: str = INFO
    note: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        """The figure divided by its baseline."""
        return ratio(self.value, self.baseline)

    def to_json(self) -> dict[str, Any]:
        """A plain dict for results.json (ratio included)."""
        data = asdict(self)
        data["ratio"] = self.ratio
        return data


def verdict(ok: bool) -> str:
    """PASS or FAIL."""
    return PASS if ok else FAIL


def skipped(benchmark: str, db: str, reason: str) -> Result:
    """A benchmark that could not run (its feature is missing, a tool is absent...)."""
    return Result(benchmark, db, "-", None, "", status=SKIP, note=reason)


def failed(benchmark: str, db: str, error: BaseException) -> Result:
    """A benchmark that raised: the run goes on, the table says why."""
    return Result(benchmark, db, "-", None, "", status=ERROR,
                  note=f"{type(error).__name__}: {error}"[:300])


def _number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "-"
    if abs(value) >= 100 or float(value).is_integer():
        text = f"{value:,.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.2f}"
    return f"{text} {unit}".strip()


def _ratio_text(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


COLUMNS = ("benchmark", "db", "metric", "value", "baseline", "ratio", "target", "result")


def table_rows(results: list[Result]) -> list[tuple[str, ...]]:
    """The table as rows of text cells (header first)."""
    rows = [COLUMNS]
    for r in results:
        baseline = _number(r.baseline, r.unit)
        if r.baseline_label and r.baseline is not None:
            baseline = f"{baseline} ({r.baseline_label})"
        result = r.status if not r.note or r.status in (PASS, INFO) else f"{r.status}: {r.note}"
        rows.append((r.benchmark, r.db, r.metric, _number(r.value, r.unit), baseline,
                     _ratio_text(r.ratio), r.target or "-", result))
    return rows


def format_table(results: list[Result]) -> str:
    """A Markdown table of the results (readable in a terminal and pasteable in the docs)."""
    rows = table_rows(results)
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]

    def line(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    separator = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(rows[0]), separator, *(line(row) for row in rows[1:])])


def write_json(path: Path, results: list[Result], machine: dict[str, Any],
               options: dict[str, Any]) -> None:
    """Write results.json atomically (a half-written file never replaces a good one)."""
    payload = {
        "machine": machine,
        "options": options,
        "results": [r.to_json() for r in results],
        "summary": {s: sum(1 for r in results if r.status == s)
                    for s in (PASS, FAIL, INFO, SKIP, ERROR)},
    }
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n",
                   encoding="utf-8")
    os.replace(tmp, path)
